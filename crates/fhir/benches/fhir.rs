//! One complete return to a QuestionnaireResponse (JSON text) and back, and the Questionnaire.
//! Run: `cargo bench -p iacmh-fhir --bench fhir`

use iacmh_review::{Index, example};

fn main() {
    let _ = iacmh_review::Register::get().find_icb("Devon");
    divan::main();
}

#[divan::bench]
fn response_to_json(bencher: divan::Bencher) {
    let ret = example::complete();
    bencher.bench(|| serde_json::to_string(&iacmh_fhir::response(divan::black_box(&ret))));
}

#[divan::bench]
fn import_response(bencher: divan::Bencher) {
    let text = serde_json::to_string(&iacmh_fhir::response(&example::complete())).unwrap_or_default();
    bencher.bench(|| iacmh_fhir::import(divan::black_box(&text)));
}

#[divan::bench]
fn questionnaire_to_json(bencher: divan::Bencher) {
    bencher.bench(|| serde_json::to_string(&iacmh_fhir::questionnaire(divan::black_box(Index::current()))));
}
