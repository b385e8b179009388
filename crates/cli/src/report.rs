//! What the subcommands print, as text for people and JSON for other tools.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use iacmh_review::{Category, Diagnostic, Index, Return, ReturnStatus, Scorecard, Severity};
use serde::Serialize;

use crate::Format;
use crate::files::{FileError, read_return};

/// One finding about one file, as `validate --format json` prints it.
#[derive(Serialize)]
struct Item {
    code: String,
    path: String,
    message: String,
    /// What a program needs about the finding: question ids, the template field, limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<iacmh_review::Params>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

/// Something left before a return can be final, as `validate --format json` prints it.
#[derive(Serialize)]
struct Left {
    path: String,
    message: String,
}

#[derive(Serialize, Default)]
struct FileReport {
    file: String,
    valid: bool,
    /// "draft" or "final", when the file could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<ReturnStatus>,
    /// What stands between the return and a final one (empty for a complete return).
    #[serde(skip_serializing_if = "Option::is_none")]
    outstanding: Option<Vec<Left>>,
    errors: Vec<Item>,
    warnings: Vec<Item>,
    /// The file could not be read, or iacmh failed on it: exit 2 rather than 1.
    #[serde(skip)]
    io_failed: bool,
}

fn check(path: &Path) -> FileReport {
    let mut report = FileReport { file: path.display().to_string(), ..FileReport::default() };
    match read_return(path) {
        Ok(ret) => {
            let diagnostics = iacmh_review::validate(&ret);
            report.status = Some(ret.status);
            report.outstanding = Some(
                iacmh_review::outstanding(&ret, &diagnostics)
                    .iter()
                    .map(|o| Left { path: o.pointer(), message: o.message() })
                    .collect(),
            );
            for Diagnostic { severity, code, path, message, params } in diagnostics {
                let params = (!params.is_empty()).then_some(params);
                let item = Item { code: code.key().to_owned(), path, message, params, line: None, column: None };
                match severity {
                    Severity::Error => report.errors.push(item),
                    Severity::Warning => report.warnings.push(item),
                }
            }
            report.valid = report.errors.is_empty();
        }
        Err(FileError::Parse(e)) => {
            let position = e.position();
            report.errors.push(Item {
                code: e.code().to_owned(),
                path: e.pointer().unwrap_or("").to_owned(),
                message: e.to_string(),
                params: None,
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
            });
        }
        Err(e @ FileError::Io(_)) => {
            report.io_failed = true;
            report.errors.push(Item {
                code: "io".to_owned(),
                path: String::new(),
                message: e.to_string(),
                params: None,
                line: None,
                column: None,
            });
        }
    }
    report
}

pub fn validate(out: &mut impl Write, files: &[PathBuf], format: Format) -> anyhow::Result<ExitCode> {
    validate_with(out, files, format, check)
}

/// [`validate`] with the check of one file given, so that a test can make it fail.
fn validate_with(
    out: &mut impl Write,
    files: &[PathBuf],
    format: Format,
    check: impl Fn(&Path) -> FileReport + Sync,
) -> anyhow::Result<ExitCode> {
    // A check that panicked (a bug) is reported for its file, never dropped.
    let reports: Vec<FileReport> = crate::files::parallel_map(files, |f| check(f))
        .into_iter()
        .zip(files)
        .map(|(report, file)| {
            report.unwrap_or_else(|e| FileReport {
                file: file.display().to_string(),
                errors: vec![Item {
                    code: "internal".to_owned(),
                    path: String::new(),
                    message: e.to_string(),
                    params: None,
                    line: None,
                    column: None,
                }],
                io_failed: true,
                ..FileReport::default()
            })
        })
        .collect();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &reports)?;
            writeln!(out)?;
        }
        Format::Text => {
            for r in &reports {
                let valid = if r.valid { "valid" } else { "not valid" };
                let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
                // "a draft, 3 things outstanding" or "final": what the file says it is.
                let status = match (&r.status, &r.outstanding) {
                    (Some(ReturnStatus::Draft), Some(left)) if !left.is_empty() => {
                        format!(", draft ({} outstanding)", count(left.len(), "item"))
                    }
                    (Some(ReturnStatus::Draft), _) => ", draft (complete)".to_owned(),
                    (Some(ReturnStatus::Final), _) => ", final".to_owned(),
                    (None, _) => String::new(),
                };
                writeln!(
                    out,
                    "{}: {valid}{status}, {}, {}",
                    r.file,
                    count(r.errors.len(), "error"),
                    count(r.warnings.len(), "warning")
                )?;
                for (kind, items) in [("error", &r.errors), ("warning", &r.warnings)] {
                    for i in items {
                        let at = if i.path.is_empty() { String::new() } else { format!(" at {}", i.path) };
                        writeln!(out, "  {kind}[{}]{at}: {}", i.code, i.message)?;
                    }
                }
            }
            let valid = reports.iter().filter(|r| r.valid).count();
            if reports.len() > 1 {
                writeln!(out, "{} files: {valid} valid, {} not valid", reports.len(), reports.len() - valid)?;
            }
        }
    }
    Ok(if reports.iter().any(|r| r.io_failed) {
        ExitCode::from(2)
    } else if reports.iter().all(|r| r.valid) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn score(out: &mut impl Write, ret: &Return, card: &Scorecard, format: Format) -> anyhow::Result<()> {
    if let Format::Json = format {
        #[derive(Serialize)]
        struct Scored<'a> {
            status: ReturnStatus,
            #[serde(flatten)]
            card: &'a Scorecard,
        }
        serde_json::to_writer_pretty(&mut *out, &Scored { status: ret.status, card })?;
        writeln!(out)?;
        return Ok(());
    }
    let pct = |s: Option<f64>| s.map_or("-".to_owned(), |s| format!("{s:.1}"));
    writeln!(out, "{}, {} return", ret.scope.label(), ret.status.label().to_lowercase())?;
    writeln!(out, "Maturity index {}", card.index_version)?;
    writeln!(out, "{:<4} {:<58} {:>9} {:>6}  Stage", "", "Domain", "Answered", "Score")?;
    for d in &card.domains {
        let s = &d.score;
        writeln!(
            out,
            "{:<4} {:<58} {:>9} {:>6}  {}",
            format!("{}.", d.domain),
            d.title,
            format!("{}/{}", s.answered, s.total),
            pct(s.score),
            s.stage.label()
        )?;
    }
    let o = &card.overall;
    writeln!(
        out,
        "{:<4} {:<58} {:>9} {:>6}  {}",
        "",
        "Overall",
        format!("{}/{}", o.answered, o.total),
        pct(o.score),
        o.stage.label()
    )?;
    // Every "No", whatever the domain's stage: enhancers and desirables rated "No" are
    // priorities too, even where the essentials are met.
    if card.domains.iter().any(|d| !d.priority_areas.is_empty()) {
        writeln!(out, "\nPriority areas (questions rated \"No\")")?;
        let index = Index::get(&card.index_version);
        for d in card.domains.iter().filter(|d| !d.priority_areas.is_empty()) {
            writeln!(out, "{}. {}", d.domain, d.title)?;
            for c in Category::ALL {
                for a in d.priority_areas.get(c) {
                    // The whole question: "CRHT." alone says nothing away from its heading.
                    let text = index.and_then(|i| i.question(a.id)).map(|q| q.full_text()).unwrap_or_default();
                    writeln!(out, "    {:<6} {:<10} {:<26} {text}", a.id.to_string(), c.label(), a.rating.label())?;
                }
            }
        }
    }
    Ok(())
}

pub fn index(out: &mut impl Write, index: &Index, format: Format) -> anyhow::Result<()> {
    if let Format::Json = format {
        serde_json::to_writer_pretty(&mut *out, index)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} ({}): {} domains, {} questions",
        index.title,
        index.version,
        index.domains.len(),
        index.question_count()
    )?;
    for d in index.domains {
        writeln!(out, "\n{}. {}", d.number, d.title)?;
        let mut heading = None;
        for q in d.questions {
            let h = (q.heading, q.subheading);
            if heading != Some(h) {
                if let Some(text) = h.0 {
                    writeln!(out, "  {text}")?;
                }
                if let Some(text) = h.1 {
                    writeln!(out, "    {text}")?;
                }
                heading = Some(h);
            }
            writeln!(out, "  {:>6} [{}] {}", q.id.to_string(), q.category.label(), q.text)?;
            writeln!(out, "         {}", q.rationale())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A check that passes, or panics (as a bug in iacmh would) on every other file.
    fn flaky(path: &Path) -> FileReport {
        let name = path.display().to_string();
        let n: u32 = name.trim_start_matches("return-").trim_end_matches(".json").parse().unwrap_or(0);
        assert!(n.is_multiple_of(2), "a bug met {name}");
        FileReport { file: name, valid: true, ..FileReport::default() }
    }

    fn ten_files() -> Vec<PathBuf> {
        (0..10).map(|i| PathBuf::from(format!("return-{i}.json"))).collect()
    }

    #[test]
    fn a_check_that_panics_still_reports_every_file_and_exits_2() {
        let files = ten_files();
        let mut out = Vec::new();
        let code = validate_with(&mut out, &files, Format::Json, flaky).expect("written");
        assert_eq!(code, ExitCode::from(2));
        let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
        let reports = v.as_array().expect("a list");
        assert_eq!(reports.len(), 10, "every file is accounted for");
        for (i, r) in reports.iter().enumerate() {
            assert_eq!(r["file"], format!("return-{i}.json"), "in the order given");
            if i % 2 == 0 {
                assert_eq!(r["valid"], true);
            } else {
                assert_eq!(r["valid"], false);
                assert_eq!(r["errors"][0]["code"], "internal");
                let message = r["errors"][0]["message"].as_str().unwrap_or_default();
                assert!(message.contains(&format!("a bug met return-{i}.json")), "{message}");
            }
        }

        let mut out = Vec::new();
        let code = validate_with(&mut out, &files, Format::Text, flaky).expect("written");
        assert_eq!(code, ExitCode::from(2));
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("return-9.json: not valid, 1 error, 0 warnings"), "{text}");
        assert!(text.contains("error[internal]: iacmh failed on this file"), "{text}");
        assert!(text.ends_with("10 files: 5 valid, 5 not valid\n"), "{text}");
    }
}
