//! `iacmh fhir`: the index as a FHIR Questionnaire, a return as a QuestionnaireResponse, and a
//! QuestionnaireResponse back as a return (through `iacmh-fhir`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use crate::files::{FileError, read_return, read_up_to};

#[derive(Subcommand)]
pub enum FhirCommand {
    /// Write the maturity index and the national template as one FHIR R4 Questionnaire.
    Questionnaire {
        /// Where to write it (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The edition to write (default: the current one).
        #[arg(long = "index-version")]
        version: Option<String>,
    },
    /// Write iacmh's code systems (ratings, categories, ...) as a FHIR R4 Bundle, to load
    /// beside the Questionnaire.
    #[command(name = "code-systems")]
    CodeSystems {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write a return as a FHIR R4 QuestionnaireResponse.
    Response {
        /// The return (JSON).
        file: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Read a FHIR R4 QuestionnaireResponse to iacmh's Questionnaire and write it as a return.
    /// Exits 1 when the file is not one.
    Import {
        /// The QuestionnaireResponse (JSON).
        file: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn run(out: &mut impl Write, command: FhirCommand) -> anyhow::Result<ExitCode> {
    let (text, path) = match command {
        FhirCommand::Questionnaire { out: path, version } => {
            let Some(index) = crate::edition(version.as_deref()) else { return Ok(ExitCode::from(2)) };
            (serde_json::to_string_pretty(&iacmh_fhir::questionnaire(index))?, path)
        }
        FhirCommand::CodeSystems { out: path } => {
            (serde_json::to_string_pretty(&iacmh_fhir::code_systems_bundle())?, path)
        }
        FhirCommand::Response { file, out: path } => match read_return(&file) {
            Ok(ret) => (serde_json::to_string_pretty(&iacmh_fhir::response(&ret))?, path),
            Err(e) => return Ok(failed(&file, &e.to_string(), matches!(e, FileError::Io(_)))),
        },
        FhirCommand::Import { file, out: path } => {
            let limit = iacmh_fhir::MAX_RESPONSE_BYTES;
            let bytes = match read_up_to(&file, limit) {
                Ok(bytes) => bytes,
                Err(e) => return Ok(failed(&file, &e.to_string(), true)),
            };
            let Some(bytes) = bytes else {
                let size = std::fs::metadata(&file).map_or(limit + 1, |m| m.len());
                let e = iacmh_fhir::FhirError::TooLarge { size, limit };
                return Ok(failed(&file, &e.to_string(), false));
            };
            let Ok(text) = String::from_utf8(bytes) else {
                return Ok(failed(&file, "the file is not UTF-8 text", false));
            };
            match iacmh_fhir::import(&text) {
                Ok(ret) => (ret.to_json(), path),
                Err(e) => return Ok(failed(&file, &e.to_string(), false)),
            }
        }
    };
    match path {
        Some(path) => {
            std::fs::write(&path, text + "\n").with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => writeln!(out, "{text}")?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Says why a file could not be used: exit 2 when it could not be read, 1 when it was read but
/// is not what was asked for.
fn failed(file: &Path, message: &str, io: bool) -> ExitCode {
    eprintln!("iacmh: {}: {message}", file.display());
    ExitCode::from(if io { 2 } else { 1 })
}
