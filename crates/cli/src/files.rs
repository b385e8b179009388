//! Reading return files with the size limit enforced before anything is read whole.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use iacmh_review::{MAX_RETURN_BYTES, ParseError, Return, check_size, parse_return};

/// Why a file could not be read as a return.
#[derive(Debug)]
pub enum FileError {
    /// The file could not be read at all: a usage or environment problem.
    Io(io::Error),
    /// The file was read but is not a return this version accepts.
    Parse(ParseError),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Io(e) => write!(f, "cannot read the file: {e}"),
            FileError::Parse(e) => e.fmt(f),
        }
    }
}

/// Reads at most [`MAX_RETURN_BYTES`] of a file; a larger file is refused from its metadata,
/// or, when metadata cannot be trusted (a pipe), as soon as one byte too many arrives.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, FileError> {
    let file = File::open(path).map_err(FileError::Io)?;
    let meta = file.metadata().map_err(FileError::Io)?;
    if meta.is_dir() {
        return Err(FileError::Io(io::Error::other("it is a directory")));
    }
    check_size(meta.len()).map_err(FileError::Parse)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_RETURN_BYTES + 1).read_to_end(&mut bytes).map_err(FileError::Io)?;
    check_size(bytes.len() as u64).map_err(FileError::Parse)?;
    Ok(bytes)
}

pub fn read_return(path: &Path) -> Result<Return, FileError> {
    parse_return(&read_limited(path)?).map_err(FileError::Parse)
}

/// Applies `f` to every item on all cores, keeping the order.
pub fn parallel_map<T: Sync, R: Send + Default>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len().max(1));
    let chunk = items.len().div_ceil(workers).max(1);
    std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| s.spawn(move || part.iter().map(f).collect::<Vec<_>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

/// The files named, with every `.json` file under each folder named (sorted, recursively).
pub fn expand(paths: &[std::path::PathBuf]) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
            out.push(path);
        }
    }
    Ok(())
}
