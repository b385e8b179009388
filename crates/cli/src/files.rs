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

/// `iacmh` itself failed on one item (a panic: a bug, never the file's fault). The item is
/// reported with this error rather than dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Panicked(pub String);

impl Panicked {
    fn from_payload(payload: &(dyn std::any::Any + Send)) -> Panicked {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_owned());
        Panicked(message)
    }
}

impl fmt::Display for Panicked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "iacmh failed on this file (an internal error; please report it): {}", self.0)
    }
}

/// Applies `f` to every item on all cores, keeping the order: one result per item, always.
/// An item on which `f` panics gets `Err` (the panic's message is also printed by the panic
/// hook, with where it happened); the items after it in the same worker still get theirs.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<Result<R, Panicked>> {
    // Unwind safety: `f` is shared by reference and the result of a call that panicked is
    // discarded, so nothing half-made is seen afterwards.
    let call = |item: &T| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(item))).map_err(|p| Panicked::from_payload(&*p))
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len().max(1));
    let chunk = items.len().div_ceil(workers).max(1);
    std::thread::scope(|s| {
        let call = &call;
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| (part.len(), s.spawn(move || part.iter().map(call).collect::<Vec<_>>())))
            .collect();
        handles
            .into_iter()
            .flat_map(|(len, h)| {
                // A worker can only fail as a whole if catching failed (a panic while
                // panicking aborts anyway): still one result per item.
                h.join().unwrap_or_else(|p| {
                    let e = Panicked::from_payload(&*p);
                    (0..len).map(|_| Err(e.clone())).collect()
                })
            })
            .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worker_that_panics_loses_no_item() {
        let items: Vec<u32> = (0..100).collect();
        let out = parallel_map(&items, |&i| {
            assert!(i % 7 != 3, "boom on {i}");
            i * 2
        });
        assert_eq!(out.len(), items.len(), "one result per item");
        for (i, r) in items.iter().zip(&out) {
            if i % 7 == 3 {
                assert_eq!(r, &Err(Panicked(format!("boom on {i}"))));
            } else {
                assert_eq!(r, &Ok(i * 2));
            }
        }
    }

    #[test]
    fn no_items_no_results() {
        assert!(parallel_map(&[] as &[u8], |_| 1).is_empty());
    }
}
