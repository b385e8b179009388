//! `iacmh`: validate, score and describe ICB review returns from the command line. Each
//! subcommand reads files, calls `iacmh-review`, and prints what it returned.

mod collate;
mod fhir;
mod files;
mod report;
mod serve;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use iacmh_review::{Index, example, schema, score};

use crate::files::{FileError, read_return};

/// Validate, score and describe intensive and assertive community mental health care review
/// returns (ICB Maturity Index and national review outcome template).
#[derive(Parser)]
#[command(name = "iacmh", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Default, ValueEnum)]
enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check returns for errors and warnings. Exits 0 when every file is valid, 1 when any has
    /// an error or cannot be read as a return, 2 for usage or I/O problems (or when iacmh
    /// itself failed on a file, which is then reported with the code `internal`).
    Validate {
        /// Return files (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Score a return: per domain and overall, with maturity stages and priority areas.
    Score {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print the maturity index: ids, questions, headings, categories and rationales.
    Index {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// The edition to print (default: the current one).
        #[arg(long = "index-version")]
        version: Option<String>,
    },
    /// Print the JSON Schema of return format v1.
    Schema,
    /// Print a complete, valid example return.
    Example,
    /// Collate many returns (files, or folders of .json files) into one report. The format is
    /// chosen by --out: .xlsx (a workbook of every table), .csv (the same tables, one file each
    /// beside it: NAME-questions.csv, NAME-summary.csv, ...), .json or .html. Files that cannot be read are listed and left out. Exits 2 when iacmh itself failed
    /// on a file (an internal error; the file is listed as left out).
    Collate {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Roll the team and provider returns of one ICB up into an ICB-level draft (each question
    /// at the lowest rating given, with every comment gathered), to import into the form.
    #[command(name = "roll-up")]
    RollUp {
        /// The ICB, by name or ODS code.
        #[arg(long)]
        icb: String,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the draft (JSON).
        #[arg(long)]
        out: PathBuf,
    },
    /// Compare two rounds of a return: questions improved, worsened or newly answered, and
    /// actions completed since.
    ///
    /// The two are ordered by their rounds, then their completion dates, then their last
    /// updates, whichever order they are given in.
    Compare {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Compare returns for different ICBs or scopes all the same.
        #[arg(long)]
        force: bool,
    },
    /// FHIR R4: the index as a Questionnaire, a return as a QuestionnaireResponse, and back.
    #[command(subcommand)]
    Fhir(fhir::FhirCommand),
    /// Serve the widget (web/ and pkg/) on this computer only, to try it in a browser.
    Serve {
        /// Port on 127.0.0.1; 0 picks a free one.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Folder of host pages.
        #[arg(long, default_value = "web")]
        web: PathBuf,
        /// Folder of the built widget.
        #[arg(long, default_value = "pkg")]
        pkg: PathBuf,
        /// Seconds a client has to send its request, and to take the response.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
        /// Connections served at once; more are told to retry (503).
        #[arg(long, default_value_t = 64)]
        max_connections: usize,
    },
}

fn main() -> ExitCode {
    match try_main() {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("iacmh: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The index edition asked for (the current one when none is), or `None` having said which
/// editions there are.
fn edition(version: Option<&str>) -> Option<&'static Index> {
    let Some(v) = version else { return Some(Index::current()) };
    let index = Index::get(v);
    if index.is_none() {
        let known: Vec<&str> = Index::all().iter().map(|i| i.version).collect();
        eprintln!("iacmh: no maturity index version \"{v}\"; known: {}", known.join(", "));
    }
    index
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

fn try_main() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Validate { files, format } => report::validate(&mut out, &files, format)?,
        Command::Score { file, format } => match read_return(&file) {
            Ok(ret) => match score(&ret) {
                Some(card) => {
                    report::score(&mut out, &ret, &card, format)?;
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "iacmh: {}: cannot score: maturity index version \"{}\" is unknown",
                        file.display(),
                        ret.index_version
                    );
                    ExitCode::from(1)
                }
            },
            Err(e) => {
                eprintln!("iacmh: {}: {e}", file.display());
                ExitCode::from(match e {
                    FileError::Io(_) => 2,
                    FileError::Parse(_) => 1,
                })
            }
        },
        Command::Index { format, version } => {
            let Some(index) = edition(version.as_deref()) else { return Ok(ExitCode::from(2)) };
            report::index(&mut out, index, format)?;
            ExitCode::SUCCESS
        }
        Command::Schema => {
            serde_json::to_writer_pretty(&mut out, &schema())?;
            writeln!(out)?;
            ExitCode::SUCCESS
        }
        Command::Collate { paths, out: path } => {
            drop(out);
            return collate::run(&paths, &path);
        }
        Command::RollUp { icb, paths, out: path } => {
            drop(out);
            return collate::run_roll_up(&icb, &paths, &path);
        }
        Command::Compare { old, new, format, force } => collate::run_compare(&mut out, &old, &new, format, force)?,
        Command::Serve { port, web, pkg, timeout, max_connections } => {
            drop(out);
            let limits = serve::Limits { timeout: std::time::Duration::from_secs(timeout.max(1)), max_connections };
            serve::serve(port, &web, &pkg, limits)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Fhir(command) => fhir::run(&mut out, command)?,
        Command::Example => {
            writeln!(out, "{}", example::complete().to_json())?;
            ExitCode::SUCCESS
        }
    };
    out.flush()?;
    Ok(code)
}
