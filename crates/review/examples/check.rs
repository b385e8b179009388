//! Reads one return file, validates it and scores it.
//!
//! ```text
//! cargo run -p iacmh-review --example check -- RETURN.json
//! ```
//!
//! Exit status: 0 when the return is valid (warnings allowed), 1 when it has errors or cannot
//! be read as a return, 2 for a usage or I/O error.

use std::io::{self, Write};
use std::process::ExitCode;

use iacmh_review::{Diagnostic, Return, Score, has_errors, parse_return, score, validate};

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: check RETURN.json");
        return ExitCode::from(2);
    };
    let name = path.to_string_lossy();

    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{name}: cannot read: {e}");
            return ExitCode::from(2);
        }
    };
    // Every problem with the file's content (too large, not UTF-8, not JSON, not a return, a
    // field of the wrong type...) is a `ParseError`, whose message says what and where.
    let ret = match parse_return(&bytes) {
        Ok(ret) => ret,
        Err(e) => {
            eprintln!("{name}: not a readable return: {e}");
            return ExitCode::from(1);
        }
    };

    // Validation never fails: each problem is a diagnostic, errors before warnings.
    let diagnostics = validate(&ret);
    match report(&mut io::stdout().lock(), &name, &ret, &diagnostics) {
        Ok(()) => {}
        // `check FILE | head` closes the pipe early; that is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("check: cannot write the report: {e}");
            return ExitCode::from(2);
        }
    }
    if has_errors(&diagnostics) { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Prints the diagnostics, then the scores per domain and overall.
fn report(out: &mut impl Write, name: &str, ret: &Return, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let verdict = if has_errors(diagnostics) { "not valid" } else { "valid" };
    writeln!(out, "{name}: {verdict}, {errors} error(s), {warnings} warning(s)")?;
    for d in diagnostics {
        let severity = if d.is_error() { "error" } else { "warning" };
        writeln!(out, "  {severity}[{}] at {}: {}", d.code.as_str(), d.path, d.message)?;
    }

    // Scoring needs the index edition the return names (validation reports an unknown one).
    let Some(card) = score(ret) else {
        return writeln!(out, "\nNot scored: maturity index version \"{}\" is unknown", ret.index_version);
    };
    writeln!(out, "\nMaturity index {}", card.index_version)?;
    writeln!(out, "     {:<58} {:>8} {:>6}  Stage", "Domain", "Answered", "Score")?;
    let mut row = |number: String, title: &str, s: &Score| {
        let answered = format!("{}/{}", s.answered, s.total);
        let points = s.score.map_or_else(|| "-".to_owned(), |p| format!("{p:.1}"));
        writeln!(out, "{number:>4} {title:<58} {answered:>8} {points:>6}  {}", s.stage.label())
    };
    for d in &card.domains {
        row(format!("{}.", d.domain), &d.title, &d.score)?;
    }
    row(String::new(), "Overall", &card.overall)
}
