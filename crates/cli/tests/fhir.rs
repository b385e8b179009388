//! `iacmh fhir`, run as a user would: the Questionnaire, a return there and back, bad input.

use std::path::PathBuf;
use std::process::{Command, Output};

fn iacmh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iacmh")).args(args).output().expect("run iacmh")
}

fn repo(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(path).display().to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iacmh-cli-fhir-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_questionnaire_is_written_to_a_file() {
    let dir = scratch("questionnaire");
    let file = dir.join("q.json");
    let o = iacmh(&["fhir", "questionnaire", "--out", &file.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let q: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(q["resourceType"], "Questionnaire");
    let questions: usize = q["item"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["linkId"].as_str().unwrap().starts_with("domain-"))
        .map(|g| g["item"].as_array().unwrap().iter().filter(|i| i["type"] == "choice").count())
        .sum();
    assert_eq!(questions, 161);
    let o = iacmh(&["fhir", "questionnaire", "--index-version", "no-such-edition"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("known: midlands-2024.1"), "{}", text(&o.stderr));
    let o = iacmh(&["fhir", "code-systems"]);
    let bundle: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(bundle["resourceType"], "Bundle");
}

#[test]
fn a_return_goes_to_fhir_and_back_unchanged() {
    let dir = scratch("round-trip");
    let qr = dir.join("qr.json");
    let back = dir.join("back.json");
    let fixture = repo("crates/review/tests/fixtures/example-complete.json");
    let o = iacmh(&["fhir", "response", &fixture, "--out", &qr.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = iacmh(&["fhir", "import", &qr.display().to_string(), "--out", &back.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // The file written back is byte for byte the return first read.
    assert_eq!(text(&std::fs::read(&back).unwrap()), text(&std::fs::read(&fixture).unwrap()));
    // To standard output as well.
    let o = iacmh(&["fhir", "import", &qr.display().to_string()]);
    assert_eq!(text(&o.stdout), text(&std::fs::read(&fixture).unwrap()));
}

#[test]
fn bad_input_is_refused_with_a_located_message() {
    let dir = scratch("bad");
    let fixture = repo("crates/review/tests/fixtures/example-complete.json");
    let qr = text(&iacmh(&["fhir", "response", &fixture]).stdout);
    let broken = dir.join("broken.json");
    std::fs::write(&broken, qr.replacen("\"valueCoding\"", "\"valueString\"", 2)).unwrap();
    let o = iacmh(&["fhir", "import", &broken.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    let message = text(&o.stderr);
    assert!(message.contains("at QuestionnaireResponse.item[0].item[0].answer[0].valueCoding"), "{message}");
    assert!(o.stdout.is_empty());
    // A return given to import, and a response given where a return is wanted.
    let o = iacmh(&["fhir", "import", &fixture]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("not a FHIR QuestionnaireResponse"), "{}", text(&o.stderr));
    let o = iacmh(&["fhir", "response", &broken.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    let o = iacmh(&["fhir", "import", &dir.join("missing.json").display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    let o = iacmh(&["fhir", "import", &dir.display().to_string()]);
    assert_eq!(o.status.code(), Some(2), "a folder");
    assert!(text(&o.stderr).contains("a folder"), "{}", text(&o.stderr));
}
