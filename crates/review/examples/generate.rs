//! Writes made-up complete returns (`example::generated`) into a folder, as the scale
//! measurements in the README collate them: seeds 0 to 41 are the 42 ICBs, later seeds
//! distinct team returns.
//!
//! ```text
//! cargo run --release -p iacmh-review --example generate -- DIR COUNT
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, count] = args.as_slice() else {
        eprintln!("usage: generate DIR COUNT");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<u64>() else {
        eprintln!("generate: COUNT must be a whole number, not {count}");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("generate: cannot make {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let mut bytes = 0;
    for seed in 0..count {
        let text = iacmh_review::example::generated(seed).to_json();
        bytes += text.len();
        let path = dir.join(format!("return-{seed:05}.json"));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("generate: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    println!("wrote {count} returns ({:.1} MB) to {}", bytes as f64 / 1e6, dir.display());
    ExitCode::SUCCESS
}
