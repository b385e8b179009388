//! `iacmh validate` over 10,000 generated returns on disk, as a regional or national analyst
//! would run it. Goal: under 2 s on 2 cores.
//! Run: `cargo bench -p iacmh-cli --bench validate_many`

use std::path::PathBuf;
use std::process::Command;

const RETURNS: u64 = 10_000;

fn main() {
    divan::main();
}

/// Writes the returns once; later runs reuse them.
fn corpus() -> Vec<PathBuf> {
    let dir = std::env::temp_dir().join(format!("iacmh-bench-{RETURNS}-teams-v{}", env!("CARGO_PKG_VERSION")));
    std::fs::create_dir_all(&dir).expect("create corpus directory");
    (0..RETURNS)
        .map(|seed| {
            let path = dir.join(format!("return-{seed:05}.json"));
            if !path.exists() {
                std::fs::write(&path, iacmh_review::example::generated(seed).to_json()).expect("write return");
            }
            path
        })
        .collect()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn validate_10000_returns(bencher: divan::Bencher) {
    let files = corpus();
    let bytes: u64 = files.iter().map(|f| std::fs::metadata(f).map_or(0, |m| m.len())).sum();
    eprintln!(
        "corpus: {} files, {:.1} MB, {} cores",
        files.len(),
        bytes as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    bencher.bench(|| {
        let out = Command::new(env!("CARGO_BIN_EXE_iacmh"))
            .arg("validate")
            .arg("--format")
            .arg("json")
            .args(&files)
            .output()
            .expect("run iacmh");
        // Generated returns have warnings but no errors.
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout.len()
    });
}

/// Collating the same 10,000 returns (42 ICBs and 9,958 teams) into a JSON report. Goal: under
/// 2 s on 2 cores.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn collate_10000_returns(bencher: divan::Bencher) {
    let files = corpus();
    let dir = files[0].parent().expect("corpus folder").to_path_buf();
    let out = std::env::temp_dir().join("iacmh-bench-collation.json");
    bencher.bench(|| {
        let status = Command::new(env!("CARGO_BIN_EXE_iacmh"))
            .arg("collate")
            .arg(&dir)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("run iacmh");
        assert_eq!(status.status.code(), Some(0), "{}", String::from_utf8_lossy(&status.stderr));
    });
}
