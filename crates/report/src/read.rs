//! Reading return files for collation, natively (the browser hands over its files itself):
//! only regular files (a FIFO, socket or device is refused, never waited on), with the size
//! limit enforced before anything is read whole; listing the files under folders, following
//! links without looping and reading each file once; and reading them in parallel as the
//! collation's inputs. The command line and the Python package both read through here.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use iacmh_review::collate::{Input, InputError};
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
    // Asked before opening: opening a FIFO waits for a writer, for ever if none comes.
    not_regular(&std::fs::metadata(path).map_err(FileError::Io)?)?;
    let file = File::open(path).map_err(FileError::Io)?;
    let meta = file.metadata().map_err(FileError::Io)?;
    // Again on what was opened, in case the path changed in between.
    not_regular(&meta)?;
    check_size(meta.len()).map_err(FileError::Parse)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_RETURN_BYTES + 1).read_to_end(&mut bytes).map_err(FileError::Io)?;
    check_size(bytes.len() as u64).map_err(FileError::Parse)?;
    Ok(bytes)
}

/// Reads a regular file of at most `limit` bytes; `Ok(None)` when it is larger (found from its
/// metadata, or as soon as one byte too many arrives).
pub fn read_up_to(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, FileError> {
    not_regular(&std::fs::metadata(path).map_err(FileError::Io)?)?;
    let file = File::open(path).map_err(FileError::Io)?;
    let meta = file.metadata().map_err(FileError::Io)?;
    not_regular(&meta)?;
    if meta.len() > limit {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(FileError::Io)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Refuses anything but a regular file, saying what it is.
fn not_regular(meta: &std::fs::Metadata) -> Result<(), FileError> {
    if meta.is_file() {
        return Ok(());
    }
    let what = kind(meta);
    Err(FileError::Io(io::Error::other(format!("it is {what}, not a regular file, so it was not read"))))
}

/// What a non-regular file is, in words.
fn kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    "something other than a file"
}

/// Reads and parses one return file.
pub fn read_return(path: &Path) -> Result<Return, FileError> {
    parse_return(&read_limited(path)?).map_err(FileError::Parse)
}

/// One file as a collation's input: its return, or why it has none (`io` when it could not be
/// read at all).
pub fn input(path: &Path) -> Input {
    let content = match read_return(path) {
        Ok(ret) => Ok(ret),
        Err(FileError::Parse(e)) => Err(InputError::from(e)),
        Err(e @ FileError::Io(_)) => Err(InputError { code: "io".to_owned(), message: e.to_string() }),
    };
    Input { name: path.display().to_string(), content }
}

/// Every file as an input, read in parallel. A file that reading failed on (a panic: a bug)
/// becomes an unreadable input with the code `internal`, so that it is listed, never dropped;
/// how many there were is returned too (the command line exits 2).
pub fn inputs(files: &[PathBuf]) -> (Vec<Input>, usize) {
    inputs_with(files, input)
}

fn inputs_with(files: &[PathBuf], read: impl Fn(&Path) -> Input + Sync) -> (Vec<Input>, usize) {
    let mut failed = 0;
    let inputs = parallel_map(files, |f| read(f))
        .into_iter()
        .zip(files)
        .map(|(result, path)| {
            result.unwrap_or_else(|e| {
                failed += 1;
                let error = InputError { code: "internal".to_owned(), message: e.to_string() };
                Input { name: path.display().to_string(), content: Err(error) }
            })
        })
        .collect();
    (inputs, failed)
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

/// The files to read, and what was passed over while listing them.
#[derive(Debug, Default)]
pub struct Listing {
    /// The files named, then every `.json` file under each folder named (sorted, recursively,
    /// following links), each once.
    pub files: Vec<PathBuf>,
    /// What was not followed or read twice, and why: a link back to a folder already listed
    /// (a loop), the same file reached by two paths, a broken link.
    pub notes: Vec<String>,
}

/// Lists the files under `paths`. A path that does not exist is an error (a typing mistake
/// should not collate nothing and succeed). A `.json` that is not a regular file (a FIFO) is
/// listed, and refused when read, with a reason.
pub fn expand(paths: &[PathBuf]) -> io::Result<Listing> {
    let mut walk = Walk::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        if meta.is_dir() {
            let start = walk.listing.files.len();
            walk.dir(path, &meta);
            walk.listing.files[start..].sort();
        } else {
            walk.file(path, &meta);
        }
    }
    Ok(walk.listing)
}

/// A file or folder's identity, so that one reached through a link is recognised.
#[cfg(unix)]
fn identity(_: &Path, meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Path, _: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

#[derive(Default)]
struct Walk {
    listing: Listing,
    /// Folders and files seen, by identity, with the path they were first seen at.
    seen: std::collections::HashMap<(u64, u64), PathBuf>,
}

impl Walk {
    /// Whether `path` is new; else a note says where it was seen.
    fn first_time(&mut self, path: &Path, meta: &std::fs::Metadata, what: &str) -> bool {
        let Some(id) = identity(path, meta) else { return true };
        match self.seen.get(&id) {
            Some(first) => {
                self.listing.notes.push(format!("{}: {what} {}; not read again", path.display(), first.display()));
                false
            }
            None => {
                self.seen.insert(id, path.to_path_buf());
                true
            }
        }
    }

    fn file(&mut self, path: &Path, meta: &std::fs::Metadata) {
        if self.first_time(path, meta, "the same file as") {
            self.listing.files.push(path.to_path_buf());
        }
    }

    fn dir(&mut self, dir: &Path, meta: &std::fs::Metadata) {
        if !self.first_time(dir, meta, "a link to a folder already listed (a loop), at") {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.listing.notes.push(format!("{}: cannot list the folder: {e}", dir.display())),
        };
        for entry in entries {
            let path = match entry {
                Ok(entry) => entry.path(),
                Err(e) => {
                    self.listing.notes.push(format!("{}: cannot list the folder: {e}", dir.display()));
                    continue;
                }
            };
            // Follows links: a link to a folder is walked (once), a link to a file read (once).
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => self.dir(&path, &m),
                Ok(m) if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) => self.file(&path, &m),
                Ok(_) => {}
                Err(e) if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) => {
                    self.listing.notes.push(format!("{}: cannot be read ({e}); a broken link?", path.display()));
                }
                Err(_) => {}
            }
        }
    }
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

    #[test]
    fn a_reader_that_panics_leaves_no_file_out() {
        let files: Vec<PathBuf> = (0..10).map(|i| PathBuf::from(format!("{i}.json"))).collect();
        let (inputs, failed) = inputs_with(&files, |path| {
            assert!(!path.starts_with("3.json") && !path.starts_with("8.json"), "a bug");
            Input {
                name: path.display().to_string(),
                content: Err(InputError { code: "io".into(), message: "x".into() }),
            }
        });
        assert_eq!(failed, 2);
        let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, files.iter().map(|f| f.to_str().unwrap_or_default()).collect::<Vec<_>>());
        let codes: Vec<&str> =
            inputs.iter().map(|i| i.content.as_ref().err().map_or("", |e| e.code.as_str())).collect();
        assert_eq!(codes, ["io", "io", "io", "internal", "io", "io", "io", "io", "internal", "io"]);
    }
}
