//! Reading a return from bytes a person handed us: size, encoding, JSON syntax, format and
//! version are checked in that order, and every failure says what is wrong and where.

use crate::json::{self, JsonError, Reader, Scalar, Top};
use crate::model::{FORMAT, FORMAT_VERSION, OLDEST_FORMAT_VERSION, Return};

/// The largest return accepted, in bytes. A complete return with long comments is well under
/// 1 MiB; the limit leaves room for that while refusing files that are clearly something else.
pub const MAX_RETURN_BYTES: u64 = 4 * 1024 * 1024;

/// Why bytes are not a return this version can read.
///
/// Its `Display` is the message for the person who chose the file, and [`ParseError::code`] a
/// stable key for tools (each variant names its code). More kinds of failure may be added, so a
/// `match` on it needs a wildcard arm; the code, the message, [`ParseError::pointer`] and
/// [`ParseError::position`] serve for every kind.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Larger than [`MAX_RETURN_BYTES`]. Code `too_large`.
    #[error("the file is too large: {}, and a return may be at most {} MB", megabytes(*size), limit / 1_048_576)]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// [`MAX_RETURN_BYTES`].
        limit: u64,
    },
    /// Nothing but whitespace (after any UTF-8 byte-order mark). Code `empty`.
    #[error("the file is empty")]
    Empty,
    /// UTF-16 text (a byte-order mark says so), as some Windows editors save. Code `utf16`.
    #[error("the file is UTF-16 text; save it as UTF-8 and try again")]
    Utf16,
    /// Bytes that are not UTF-8. Code `not_utf8`.
    #[error("the file is not UTF-8 text: invalid byte at line {line}, column {column}")]
    NotUtf8 {
        /// The line of the first bad byte, from 1.
        line: usize,
        /// Its column, in characters, from 1.
        column: usize,
    },
    /// Not well-formed JSON. Code `not_json`.
    #[error("the file is not valid JSON: {detail} at line {line}, column {column}")]
    Syntax {
        /// The line of the problem, from 1.
        line: usize,
        /// Its column, in characters, from 1.
        column: usize,
        /// What is wrong.
        detail: String,
    },
    /// JSON, but not an iacmh return (not an object, or no or another `format`, or no
    /// `format_version`). Code `wrong_format`.
    #[error("this is not an iacmh return: {detail}")]
    WrongFormat {
        /// What was found instead.
        detail: String,
    },
    /// A return in a newer format than this version reads. Code `newer_version`.
    #[error(
        "this return was made by a newer version of iacmh (format version {found}); this version reads format version {supported}. Update iacmh to open it"
    )]
    NewerVersion {
        /// The file's `format_version`.
        found: u64,
        /// [`FORMAT_VERSION`], the newest this version reads.
        supported: u32,
    },
    /// A `format_version` that is not a version number (0, text, a fraction, a list). Code
    /// `bad_version`.
    #[error("`format_version` must be a whole number from 1 to {supported}, not {found}")]
    BadVersion {
        /// What the file has, described.
        found: String,
        /// [`FORMAT_VERSION`].
        supported: u32,
    },
    /// A return whose value at `pointer` is not what the format allows (a wrong type, an
    /// unknown or missing field, a question answered twice). Code `invalid`.
    #[error("{detail} at {} (line {line}, column {column})", shown(pointer))]
    Invalid {
        /// The JSON Pointer of the value (empty for the whole document).
        pointer: String,
        /// The line of the value, from 1.
        line: usize,
        /// Its column, in characters, from 1.
        column: usize,
        /// What is wrong.
        detail: String,
    },
}

impl ParseError {
    /// A stable code for the kind of failure, for tools that match on it.
    pub fn code(&self) -> &'static str {
        match self {
            ParseError::TooLarge { .. } => "too_large",
            ParseError::Empty => "empty",
            ParseError::Utf16 => "utf16",
            ParseError::NotUtf8 { .. } => "not_utf8",
            ParseError::Syntax { .. } => "not_json",
            ParseError::WrongFormat { .. } => "wrong_format",
            ParseError::NewerVersion { .. } => "newer_version",
            ParseError::BadVersion { .. } => "bad_version",
            ParseError::Invalid { .. } => "invalid",
        }
    }

    /// The problem in plain words for someone who chose the file in a form, without the
    /// technical detail of `Display` (which a front end may offer beneath it).
    pub fn summary(&self) -> String {
        match self {
            ParseError::TooLarge { size, limit } => format!(
                "The file is too large ({}). A return from this form is at most {} MB",
                megabytes(*size),
                limit / 1_048_576
            ),
            ParseError::Empty => "The file is empty".to_owned(),
            ParseError::Utf16 | ParseError::NotUtf8 { .. } => {
                "The file is not text this form can read. Choose the JSON file the form exported".to_owned()
            }
            ParseError::Syntax { .. } | ParseError::WrongFormat { .. } | ParseError::BadVersion { .. } => {
                "This file is not a return from this form. Choose the JSON file the form exported".to_owned()
            }
            ParseError::NewerVersion { .. } => {
                "This return was made by a newer version of this form, which this page cannot open. Ask whoever hosts the form to update it".to_owned()
            }
            ParseError::Invalid { .. } => {
                "This return has been changed outside the form and part of it cannot be read".to_owned()
            }
        }
    }

    /// The JSON Pointer of the offending field, when the error concerns one.
    pub fn pointer(&self) -> Option<&str> {
        match self {
            ParseError::Invalid { pointer, .. } => Some(pointer),
            ParseError::NewerVersion { .. } | ParseError::BadVersion { .. } => Some("/format_version"),
            _ => None,
        }
    }

    /// Line and column (1-based) of the problem, when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            ParseError::NotUtf8 { line, column }
            | ParseError::Syntax { line, column, .. }
            | ParseError::Invalid { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// A pointer as a message shows it: the whole document's (empty) pointer is "the top level".
fn shown(pointer: &str) -> &str {
    if pointer.is_empty() { "the top level" } else { pointer }
}

/// A size in MB (of 1,048,576 bytes) with one decimal, as people read file sizes: "4.2 MB".
fn megabytes(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10) / 1_048_576;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// Refuses a file from its size alone, before reading it: call it with the size a file system
/// or browser reports, so that a huge file is never read into memory.
pub fn check_size(size: u64) -> Result<(), ParseError> {
    if size > MAX_RETURN_BYTES { Err(ParseError::TooLarge { size, limit: MAX_RETURN_BYTES }) } else { Ok(()) }
}

/// Reads a return from the bytes of a file; one in an older format version is upgraded to
/// [`FORMAT_VERSION`].
pub fn parse_return(bytes: &[u8]) -> Result<Return, ParseError> {
    check_size(bytes.len() as u64)?;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ParseError::Utf16);
    }
    // Windows editors write a UTF-8 byte-order mark; it carries no meaning, so skip it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = line_column(&bytes[..e.valid_up_to()]);
            return Err(ParseError::NotUtf8 { line, column });
        }
    };
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }

    // This pass proves the whole file is well-formed JSON, so that later errors are about values.
    let (format, format_version) = match json::scan(text).map_err(|e| located(text, e))? {
        Top::NotObject => {
            return Err(ParseError::WrongFormat {
                detail: "the file holds JSON, but not an object with named fields".to_owned(),
            });
        }
        Top::Object { format, format_version } => (format, format_version),
    };
    match format {
        Scalar::Text(f) if f == FORMAT => {}
        Scalar::Missing => {
            return Err(ParseError::WrongFormat {
                detail: format!("it has no `format` field (expected \"{FORMAT}\")"),
            });
        }
        Scalar::Text(other) => {
            return Err(ParseError::WrongFormat { detail: format!("`format` is \"{other}\", expected \"{FORMAT}\"") });
        }
        Scalar::Whole(n) => {
            return Err(ParseError::WrongFormat { detail: format!("`format` is {n}, expected \"{FORMAT}\"") });
        }
        Scalar::Other(other) => {
            return Err(ParseError::WrongFormat { detail: format!("`format` is {other}, expected \"{FORMAT}\"") });
        }
    }
    match format_version {
        Scalar::Whole(v) if (u64::from(OLDEST_FORMAT_VERSION)..=u64::from(FORMAT_VERSION)).contains(&v) => {}
        Scalar::Whole(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(ParseError::NewerVersion { found: v, supported: FORMAT_VERSION });
        }
        Scalar::Missing => {
            return Err(ParseError::WrongFormat { detail: "it has no `format_version` field".to_owned() });
        }
        Scalar::Whole(v) => return Err(ParseError::BadVersion { found: v.to_string(), supported: FORMAT_VERSION }),
        Scalar::Text(t) => {
            return Err(ParseError::BadVersion { found: format!("\"{t}\""), supported: FORMAT_VERSION });
        }
        Scalar::Other(o) => return Err(ParseError::BadVersion { found: o, supported: FORMAT_VERSION }),
    }

    let mut ret: Return = Reader::read_document(text).map_err(|e| located(text, e))?;
    // An older version is upgraded as it is read (version 2 only added optional fields), so a
    // return is written back in the version this crate writes, never as a mixture.
    ret.format_version = FORMAT_VERSION;
    Ok(ret)
}

/// A reader's error as a parse error with a line and column.
fn located(text: &str, e: JsonError) -> ParseError {
    let (line, column) = line_column(&text.as_bytes()[..e.offset.min(text.len())]);
    match e.pointer {
        None => ParseError::Syntax { line, column, detail: e.detail },
        Some(p) => ParseError::Invalid { pointer: p, line, column, detail: e.detail },
    }
}

fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    // Count characters, not bytes, in the valid prefix of the line.
    let column = String::from_utf8_lossy(&prefix[line_start..]).chars().count() + 1;
    (line, column)
}
