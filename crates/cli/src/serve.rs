//! `iacmh serve`: a small static file server for trying the widget locally. It serves `web/`
//! at `/` and `pkg/` at `/pkg/`, on the loopback address only, as an intranet would. A client
//! cannot hold it: the request must arrive within the timeout and fit in 16 KiB (431 beyond),
//! the response is written within the timeout, and past a number of connections at once others
//! are told to retry (503) while those in hand are served.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The most a request line and headers may take, together.
const MAX_HEAD_BYTES: u64 = 16 * 1024;

/// How long and how many.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// For the whole request to arrive, and for each write of the response.
    pub timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
}

pub fn serve(port: u16, web: &Path, pkg: &Path, limits: Limits) -> anyhow::Result<()> {
    for (dir, what) in [(web, "web"), (pkg, "pkg")] {
        if !dir.is_dir() {
            anyhow::bail!("no {what} folder at {} (run `./dev build` first for pkg/)", dir.display());
        }
    }
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let addr = listener.local_addr()?;
    println!("Serving the iacmh widget at http://{addr}/ (press Ctrl+C to stop)");
    let (web, pkg) = (web.to_path_buf(), pkg.to_path_buf());
    let open = Arc::new(AtomicUsize::new(0));
    for mut stream in listener.incoming().flatten() {
        let _ = stream.set_write_timeout(Some(limits.timeout));
        if open.fetch_add(1, Ordering::SeqCst) >= limits.max_connections {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = respond(&mut stream, "503 Service Unavailable", "text/plain", b"busy: try again", false);
            continue;
        }
        let (web, pkg, open) = (web.clone(), pkg.clone(), open.clone());
        std::thread::spawn(move || {
            let _ = handle(stream, &web, &pkg, limits.timeout);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Ok(())
}

/// Why a request was not read.
enum Head {
    /// The request line and headers, as far as they matter: the request line.
    Read(String),
    /// Longer than [`MAX_HEAD_BYTES`].
    TooLarge,
}

/// Reads the request line and skips the headers, within `MAX_HEAD_BYTES` and by `deadline`
/// (a client sending a byte at a time cannot stretch it: each read waits at most what is left).
fn read_head(stream: &TcpStream, deadline: Instant) -> std::io::Result<Head> {
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_HEAD_BYTES));
    let mut request = String::new();
    let mut line = String::new();
    let mut first = true;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        stream.set_read_timeout(Some(left))?;
        line.clear();
        let n = reader.read_line(&mut line)?;
        if n == 0 || !line.ends_with('\n') {
            // The limit reached mid-line, or the client stopped sending.
            return if reader.get_ref().limit() == 0 {
                Ok(Head::TooLarge)
            } else {
                Err(std::io::ErrorKind::UnexpectedEof.into())
            };
        }
        if first {
            request = line.clone();
            first = false;
        } else if line.trim_end().is_empty() {
            return Ok(Head::Read(request));
        }
    }
}

fn handle(mut stream: TcpStream, web: &Path, pkg: &Path, timeout: Duration) -> std::io::Result<()> {
    let request = match read_head(&stream, Instant::now() + timeout)? {
        Head::Read(request) => request,
        Head::TooLarge => {
            return respond(
                &mut stream,
                "431 Request Header Fields Too Large",
                "text/plain",
                b"request too large",
                false,
            );
        }
    };
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, "405 Method Not Allowed", "text/plain", b"method not allowed", method == "HEAD");
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    match resolve(path, web, pkg) {
        Some(file) => match std::fs::read(&file) {
            Ok(body) => respond(&mut stream, "200 OK", content_type(&file), &body, method == "HEAD"),
            Err(_) => respond(&mut stream, "404 Not Found", "text/plain", b"not found", method == "HEAD"),
        },
        None => respond(&mut stream, "404 Not Found", "text/plain", b"not found", method == "HEAD"),
    }
}

/// Maps a URL path to a file under `web` (or `pkg` for `/pkg/...`), refusing anything that
/// would leave those folders.
fn resolve(path: &str, web: &Path, pkg: &Path) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let (root, rest) = match decoded.strip_prefix("/pkg/") {
        Some(rest) => (pkg, rest),
        None => (web, decoded.trim_start_matches('/')),
    };
    let rel = Path::new(rest);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(out).ok()?;
    (!text.contains('\0') && !text.contains('\\')).then_some(text)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Sends the whole response in one write: written piecemeal (as `write!` on a socket does), the
/// small segments wait on the client's delayed acknowledgement, which cost each file tens of
/// milliseconds and the widget's start-up with them.
fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8], head: bool) -> std::io::Result<()> {
    let mut response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    if !head {
        response.extend_from_slice(body);
    }
    stream.set_nodelay(true)?;
    stream.write_all(&response)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_served_folders() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        let (web, pkg) = (root.join("web"), root.join("crates"));
        assert_eq!(resolve("/", &web, &pkg), Some(web.join("index.html")));
        assert_eq!(resolve("/iacmh.js", &web, &pkg), Some(web.join("iacmh.js")));
        assert!(resolve("/pkg/cli/Cargo.toml", &web, &pkg).is_some());
        for bad in ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/pkg/../web/index.html", "/nope.html", "/%zz", "/a%00b"] {
            assert_eq!(resolve(bad, &web, &pkg), None, "{bad}");
        }
    }
}
