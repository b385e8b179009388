//! `iacmh serve`: a small static file server for trying the widget locally. It serves `web/`
//! at `/` and `pkg/` at `/pkg/`, on the loopback address only, as an intranet would.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

pub fn serve(port: u16, web: &Path, pkg: &Path) -> anyhow::Result<()> {
    for (dir, what) in [(web, "web"), (pkg, "pkg")] {
        if !dir.is_dir() {
            anyhow::bail!("no {what} folder at {} (run `./dev build` first for pkg/)", dir.display());
        }
    }
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let addr = listener.local_addr()?;
    println!("Serving the iacmh widget at http://{addr}/ (press Ctrl+C to stop)");
    let (web, pkg) = (web.to_path_buf(), pkg.to_path_buf());
    for stream in listener.incoming().flatten() {
        let (web, pkg) = (web.clone(), pkg.clone());
        std::thread::spawn(move || {
            let _ = handle(stream, &web, &pkg);
        });
    }
    Ok(())
}

fn handle(mut stream: TcpStream, web: &Path, pkg: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Read and ignore the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
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
