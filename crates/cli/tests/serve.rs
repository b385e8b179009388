//! `iacmh serve` under clients that misbehave: silent, slow, oversized, too many.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `iacmh serve` on a free port with a 1 s timeout and at most 3 connections at once.
fn server() -> Server {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let pkg = std::env::temp_dir().join(format!("iacmh-serve-test-{}", std::process::id()));
    std::fs::create_dir_all(&pkg).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_iacmh"))
        .args(["serve", "--port", "0", "--timeout", "1", "--max-connections", "3", "--web"])
        .arg(root.join("web"))
        .arg("--pkg")
        .arg(&pkg)
        .stdout(Stdio::piped())
        .spawn()
        .expect("run iacmh serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).expect(&line).to_owned();
    Server { child, addr }
}

/// A GET of `/`, returning the status line and how long it took.
fn get(addr: &str) -> (String, Duration) {
    let started = Instant::now();
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut response = String::new();
    let _ = s.read_to_string(&mut response);
    (response.lines().next().unwrap_or("").to_owned(), started.elapsed())
}

/// Whether the server has closed `s` (reads end) within `within`.
fn closed_within(s: &mut TcpStream, within: Duration) -> bool {
    s.set_read_timeout(Some(within)).unwrap();
    let mut buf = [0u8; 64];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::TimedOut => {
                return false;
            }
            Err(_) => return true,
        }
    }
}

#[test]
fn a_silent_or_slow_client_is_dropped_after_the_timeout_and_others_are_served_meanwhile() {
    let server = server();
    let mut silent = TcpStream::connect(&server.addr).unwrap();
    let mut slow = TcpStream::connect(&server.addr).unwrap();
    slow.write_all(b"GET / HT").unwrap();
    let (status, took) = get(&server.addr);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(took < Duration::from_millis(900), "served while two others hang: {took:?}");
    // A byte every 300 ms does not stretch the 1 s the request has.
    let started = Instant::now();
    for b in b"TP/1.1\r\nX: y" {
        if slow.write_all(&[*b]).is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(300));
        if started.elapsed() > Duration::from_secs(3) {
            break;
        }
    }
    assert!(closed_within(&mut slow, Duration::from_secs(3)), "the slow client is closed");
    assert!(closed_within(&mut silent, Duration::from_secs(3)), "the silent client is closed");
}

#[test]
fn an_oversized_request_head_gets_431() {
    let server = server();
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut request = b"GET / HTTP/1.1\r\nX-Big: ".to_vec();
    request.extend(std::iter::repeat_n(b'a', 64 * 1024));
    // The server may close before taking it all; what it said first is what counts.
    let _ = s.write_all(&request);
    let mut response = Vec::new();
    let _ = s.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    assert!(text.starts_with("HTTP/1.1 431 Request Header Fields Too Large"), "{text}");
}

#[test]
fn connections_past_the_limit_are_told_to_retry_and_served_once_others_close() {
    let server = server();
    let held: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(&server.addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(200));
    let (status, took) = get(&server.addr);
    assert_eq!(status, "HTTP/1.1 503 Service Unavailable");
    assert!(took < Duration::from_millis(900), "refused at once: {took:?}");
    drop(held);
    // The server notices the closed connections within its timeout.
    let started = Instant::now();
    loop {
        let (status, _) = get(&server.addr);
        if status == "HTTP/1.1 200 OK" {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "still {status}");
        std::thread::sleep(Duration::from_millis(100));
    }
}
