//! `iacmh validate` over 10,000 generated returns on disk, as a regional or national analyst
//! would run it. Goal: under 2 s on 2 cores. Also collation into a workbook (42 and 10,000
//! returns).
//! Run: `cargo bench -p iacmh-cli --bench validate_many`

use std::path::{Path, PathBuf};
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

/// Runs `iacmh collate ARGS... --out OUT`, which must succeed.
fn collate(args: &[PathBuf], out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_iacmh"))
        .arg("collate")
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run iacmh");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Collating the same 10,000 returns (42 ICBs and 9,958 teams) into a JSON report. Goal: under
/// 2 s on 2 cores.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn collate_10000_returns(bencher: divan::Bencher) {
    let dir = corpus()[0].parent().expect("corpus folder").to_path_buf();
    let out = std::env::temp_dir().join("iacmh-bench-collation.json");
    bencher.bench(|| collate(std::slice::from_ref(&dir), &out));
}

/// The 42 ICB-level returns (seeds 0 to 41 of the corpus) into a workbook, as a region or the
/// national team would. Goal: under 1 s and under 0.5 MB.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn collate_42_returns_to_xlsx(bencher: divan::Bencher) {
    let files = corpus();
    let out = std::env::temp_dir().join("iacmh-bench-42.xlsx");
    bencher.bench(|| collate(&files[..42], &out));
    eprintln!("42 returns: workbook of {} bytes", std::fs::metadata(&out).map_or(0, |m| m.len()));
}

/// All 10,000 returns (42 ICBs and 9,958 teams) into a workbook: 1.6 million answers, so the
/// team questions run on over two sheets. Goal: within 10 s and 1 GB (peak memory:
/// `/usr/bin/time -v target/release/iacmh collate DIR --out big.xlsx`).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn collate_10000_returns_to_xlsx(bencher: divan::Bencher) {
    let dir = corpus()[0].parent().expect("corpus folder").to_path_buf();
    let out = std::env::temp_dir().join("iacmh-bench-10000.xlsx");
    bencher.bench(|| collate(std::slice::from_ref(&dir), &out));
    eprintln!("10,000 returns: workbook of {} bytes", std::fs::metadata(&out).map_or(0, |m| m.len()));
}
