//! `iacmh collate` and `iacmh compare`: many returns into one report, and two rounds of one
//! return side by side.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use iacmh_review::collate::collate;
use iacmh_review::rounds::{Comparison, Order, compare, order, roll_up};
use iacmh_review::{Index, Return};

use crate::Format;
use crate::files::{FileError, expand, inputs, read_return};

/// After a run in which `iacmh` failed on some files: say so, and exit 2.
fn failed_exit(failed: usize) -> ExitCode {
    if failed == 0 {
        return ExitCode::SUCCESS;
    }
    eprintln!("iacmh: failed on {failed} files (an internal error); they are listed as left out");
    ExitCode::from(2)
}

/// Where a table's CSV goes: Returns in `out` itself, every other table beside it
/// (`report.csv` has `report-questions.csv`, `report-team-returns.csv`, ...).
fn csv_path(out: &Path, table: &str) -> PathBuf {
    if table == "Returns" {
        return out.to_path_buf();
    }
    let stem = out.file_stem().map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
    out.with_file_name(format!("{stem}-{}.csv", table.to_ascii_lowercase().replace(' ', "-")))
}

/// When the report is made, and by what: now, or `SOURCE_DATE_EPOCH` when it is set (for
/// reproducible reports).
fn generated() -> iacmh_report::Generated {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let unix_seconds = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(now);
    iacmh_report::Generated { unix_seconds, by: format!("iacmh {} (command line)", env!("CARGO_PKG_VERSION")) }
}

pub fn run(paths: &[PathBuf], out: &Path) -> anyhow::Result<ExitCode> {
    let ext = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if !["csv", "xlsx", "json", "html"].contains(&ext.as_str()) {
        eprintln!("iacmh: --out must end in .csv, .xlsx, .json or .html (not {})", out.display());
        return Ok(ExitCode::from(2));
    }
    let listing = expand(paths).context("cannot list the files to collate")?;
    for note in &listing.notes {
        eprintln!("iacmh: {note}");
    }
    let (inputs, failed) = inputs(&listing.files);
    let c = collate(inputs);
    let mut written = vec![out.to_path_buf()];
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
    };
    let made = generated();
    match ext.as_str() {
        "csv" => {
            for table in iacmh_report::all_tables(&c, made.date()) {
                let path = csv_path(out, table.name);
                let file = std::fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
                let mut file = std::io::BufWriter::new(file);
                iacmh_report::write_csv(table, &mut file)
                    .and_then(|()| file.flush())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                if path != out {
                    written.push(path);
                }
            }
        }
        "xlsx" => write(out, &iacmh_report::to_xlsx(&c, &made).context("cannot build the workbook")?)?,
        "json" => write(out, (serde_json::to_string_pretty(&c)? + "\n").as_bytes())?,
        _ => write(out, iacmh_report::to_html(&c, &made).as_bytes())?,
    }
    for u in &c.unreadable {
        eprintln!("iacmh: {}: left out: {}", u.file, u.error.message);
    }
    for d in &c.duplicates {
        eprintln!("iacmh: {}: left out: {}", d.dropped, d.message());
    }
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    // The crate's sentence (its plurals right), then what only the command knows.
    let flags = c.flags.len();
    println!(
        "{} Written to {}; {} {}.",
        c.summary(),
        names.join(" and "),
        flags,
        if flags == 1 { "red flag" } else { "red flags" }
    );
    if c.returns.is_empty() {
        eprintln!("iacmh: nothing could be collated: no readable return was found");
        return Ok(ExitCode::from(1));
    }
    Ok(failed_exit(failed))
}

pub fn run_roll_up(icb: &str, paths: &[PathBuf], out: &Path) -> anyhow::Result<ExitCode> {
    if iacmh_review::Register::get().find_icb(icb).is_none() {
        eprintln!("iacmh: \"{icb}\" is not one of the 42 ICBs; give its name or ODS code");
        return Ok(ExitCode::from(2));
    }
    let listing = expand(paths).context("cannot list the files to roll up")?;
    for note in &listing.notes {
        eprintln!("iacmh: {note}");
    }
    let files = listing.files;
    let (inputs, failed) = inputs(&files);
    let mut returns = Vec::new();
    for i in inputs {
        match i.content {
            Ok(ret) => returns.push(ret),
            Err(e) => eprintln!("iacmh: {}: left out: {}", i.name, e.message),
        }
    }
    let up = roll_up(icb, &returns);
    if up.sources.is_empty() {
        eprintln!("iacmh: none of the returns is a team or provider return for {}", up.icb);
        return Ok(ExitCode::from(1));
    }
    let draft = up.prefill();
    std::fs::write(out, draft.to_json() + "\n").with_context(|| format!("cannot write {}", out.display()))?;
    println!(
        "Rolled up {} team and provider returns for {} into {} ({} questions answered); import it into the form to review",
        up.sources.len(),
        up.icb,
        out.display(),
        draft.maturity.answers.len()
    );
    Ok(failed_exit(failed))
}

/// `iacmh compare` as JSON: the comparison, and which file was taken as the earlier round.
#[derive(serde::Serialize)]
struct CompareReport<'a> {
    earlier: String,
    later: String,
    order: Order,
    #[serde(flatten)]
    comparison: &'a Comparison,
}

pub fn run_compare(
    out: &mut impl Write,
    old: &Path,
    new: &Path,
    format: Format,
    force: bool,
) -> anyhow::Result<ExitCode> {
    let read = |p: &Path| -> Result<Return, ExitCode> {
        read_return(p).map_err(|e| {
            eprintln!("iacmh: {}: {e}", p.display());
            ExitCode::from(match e {
                FileError::Io(_) => 2,
                FileError::Parse(_) => 1,
            })
        })
    };
    let (mut old_ret, mut new_ret) = match (read(old), read(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(code), _) | (_, Err(code)) => return Ok(code),
    };
    if old_ret.scope.key() != new_ret.scope.key() && !force {
        eprintln!(
            "iacmh: these returns are for different ICBs or scopes ({} and {}); to compare them all the same, add --force",
            old_ret.scope.label(),
            new_ret.scope.label()
        );
        return Ok(ExitCode::from(2));
    }
    let how = order(&old_ret, &new_ret);
    let (mut old, mut new) = (old, new);
    if how == Order::Swapped {
        std::mem::swap(&mut old_ret, &mut new_ret);
        std::mem::swap(&mut old, &mut new);
    }
    let c = compare(&old_ret, &new_ret);
    if let Format::Json = format {
        let report = CompareReport {
            earlier: old.display().to_string(),
            later: new.display().to_string(),
            order: how,
            comparison: &c,
        };
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let index = Index::current();
    let text = |id: iacmh_review::QuestionId| index.question(id).map_or("", |q| q.text);
    let round = |r: &Return| r.round_or_implied().map_or_else(|| "no round".to_owned(), |r| format!("round {r}"));
    writeln!(
        out,
        "Comparing {} ({}, earlier) with {} ({}, later)",
        old.display(),
        round(&old_ret),
        new.display(),
        round(&new_ret)
    )?;
    match how {
        Order::Swapped => writeln!(out, "Note: the files were given latest first; compared the other way round.")?,
        Order::Unknown => writeln!(
            out,
            "Note: neither their rounds, completion dates nor last updates tell which is earlier; taken in the order given."
        )?,
        _ => {}
    }
    if !c.same_scope {
        writeln!(
            out,
            "Note: these returns are for different ICBs or scopes: {} and {}",
            old_ret.scope.label(),
            new_ret.scope.label()
        )?;
    }
    let pct = |s: Option<f64>| s.map_or_else(|| "not scored".to_owned(), |s| format!("{s:.0}"));
    writeln!(out, "\nScores (0 to 100), earlier -> later:")?;
    for s in &c.scores {
        let name = match s.domain {
            None => "All domains".to_owned(),
            Some(d) => index.domain(d).map_or_else(|| format!("Domain {d}"), |x| format!("{d}. {}", x.title)),
        };
        writeln!(out, "  {name}: {} -> {}", pct(s.before), pct(s.after))?;
    }
    let yes_no = |v: Option<bool>| match v {
        Some(true) => "Yes",
        Some(false) => "No",
        None => "not answered",
    };
    writeln!(out, "\nNational template answers changed: {}", c.template_changes.len())?;
    for t in &c.template_changes {
        writeln!(out, "  {}: {} -> {}", t.field.label(), yes_no(t.before), yes_no(t.after))?;
    }
    for (title, list) in [
        ("Improved", &c.improved),
        ("Worsened", &c.worsened),
        ("Changed to or from not applicable", &c.applicability_changed),
    ] {
        writeln!(out, "\n{title}: {}", list.len())?;
        for ch in list {
            writeln!(out, "  {} {} -> {}: {}", ch.id, ch.before.label(), ch.after.label(), text(ch.id))?;
        }
    }
    for (title, list) in [("Newly answered", &c.newly_answered), ("No longer answered", &c.no_longer_answered)] {
        writeln!(out, "\n{title}: {}", list.len())?;
        for (id, r) in list {
            writeln!(out, "  {id} {}: {}", r.label(), text(*id))?;
        }
    }
    writeln!(out, "\nActions completed since: {}", c.actions_completed.len())?;
    for a in &c.actions_completed {
        writeln!(out, "  domain {}: {} ({})", a.domain, a.action.trim(), a.finding.trim())?;
    }
    for (title, list) in [("Actions added", &c.actions_added), ("Actions removed", &c.actions_removed)] {
        writeln!(out, "\n{title}: {}", list.len())?;
        for a in list {
            writeln!(out, "  domain {}: {} ({})", a.domain, a.action.trim(), a.finding.trim())?;
        }
    }
    writeln!(out, "\nActions reworded: {}", c.actions_reworded.len())?;
    for (before, after) in &c.actions_reworded {
        writeln!(out, "  domain {}: {} -> {}", after.domain, before.action.trim(), after.action.trim())?;
    }
    Ok(ExitCode::SUCCESS)
}
