//! Validating and scoring one complete return, natively. Goal: under 20 µs for both.
//! Run: `cargo bench -p iacmh-review --bench review`

use iacmh_review::{Index, completeness, example, parse_return, score, validate};

fn main() {
    // The index and register are static data, but the register's lookup keys for ICB names
    // are worked out on first use: do that before timing.
    let _ = iacmh_review::Register::get().find_icb("Devon");
    let _ = Index::current();
    divan::main();
}

#[divan::bench]
fn validate_and_score(bencher: divan::Bencher) {
    let ret = example::complete();
    bencher.bench(|| {
        let diagnostics = validate(divan::black_box(&ret));
        let card = score(divan::black_box(&ret));
        (diagnostics, card)
    });
}

#[divan::bench]
fn validate_only(bencher: divan::Bencher) {
    let ret = example::complete();
    bencher.bench(|| validate(divan::black_box(&ret)));
}

#[divan::bench]
fn score_only(bencher: divan::Bencher) {
    let ret = example::complete();
    bencher.bench(|| score(divan::black_box(&ret)));
}

#[divan::bench]
fn completeness_only(bencher: divan::Bencher) {
    let ret = example::complete();
    bencher.bench(|| completeness(divan::black_box(&ret)));
}

#[divan::bench]
fn parse_complete_return(bencher: divan::Bencher) {
    let json = example::complete().to_json();
    bencher
        .counter(divan::counter::BytesCount::of_str(&json))
        .bench(|| parse_return(divan::black_box(json.as_bytes())));
}
