//! The `iacmh` binary, run as a user would: exit codes, text and JSON output, bad files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn iacmh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iacmh")).args(args).output().expect("run iacmh")
}

fn repo(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(path).display().to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

/// A scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iacmh-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn validate_a_valid_return_exits_0() {
    let o = iacmh(&["validate", &repo("crates/review/tests/fixtures/example-complete.json")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("example-complete.json: valid, draft (complete), 0 errors, 0 warnings"),
        "{}",
        stdout(&o)
    );
    let v =
        json(&iacmh(&["validate", "--format", "json", &repo("crates/review/tests/fixtures/example-complete.json")]));
    assert_eq!(v[0]["status"], "draft");
    assert_eq!(v[0]["outstanding"], serde_json::json!([]));
}

/// The JSON with every answer taken out: text empty, lists empty, yes/no unanswered.
fn emptied(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(fields) => Value::Object(fields.iter().map(|(k, v)| (k.clone(), emptied(v))).collect()),
        Value::String(_) => Value::String(String::new()),
        Value::Array(_) => Value::Array(Vec::new()),
        _ => Value::Null,
    }
}

#[test]
fn a_team_return_without_the_national_template_is_valid() {
    // The example, as a team's return with the template left empty, edited as JSON text as a
    // team's own tool would write it.
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo("crates/review/tests/fixtures/example-complete.json")).unwrap(),
    )
    .unwrap();
    v["scope"]["level"] = "team".into();
    v["scope"]["organisation"] = "Avon and Wiltshire Mental Health Partnership NHS Trust".into();
    v["scope"]["team"] = "Bristol Assertive Outreach".into();
    v["outcome"] = emptied(&v["outcome"]);
    let dir = scratch("team");
    let file = write(&dir, "team.json", serde_json::to_string_pretty(&v).unwrap());
    let o = iacmh(&["validate", "--format", "json", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let r = json(&o);
    assert_eq!(r[0]["errors"], serde_json::json!([]), "{r}");
    assert_eq!(r[0]["outstanding"], serde_json::json!([]), "{r}");
    // The same as an ICB's return: the template's 17 required answers are errors.
    v["scope"]["level"] = "icb".into();
    let file = write(&dir, "icb.json", serde_json::to_string_pretty(&v).unwrap());
    let r = json(&iacmh(&["validate", "--format", "json", &file]));
    let required = r[0]["errors"].as_array().unwrap().iter().filter(|d| d["code"] == "required").count();
    assert_eq!(required, 17, "{r}");
}

#[test]
fn validate_and_score_say_whether_a_return_is_draft_or_final() {
    let dir = scratch("status");
    let complete = std::fs::read_to_string(repo("crates/review/tests/fixtures/example-complete.json")).unwrap();
    let fin = write(&dir, "final.json", complete.replacen("\"status\": \"draft\"", "\"status\": \"final\"", 1));
    let o = iacmh(&["validate", &fin]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("final.json: valid, final, 0 errors"), "{}", stdout(&o));
    assert!(stdout(&iacmh(&["score", &fin])).lines().next().unwrap().ends_with(", final return"));
    assert_eq!(json(&iacmh(&["score", "--format", "json", &fin]))["status"], "final");

    // Final with a question unanswered: an error, and the outstanding item says which.
    let mut v: serde_json::Value = serde_json::from_str(&complete).unwrap();
    v["status"] = "final".into();
    v["maturity"]["answers"].as_object_mut().unwrap().remove("4.02");
    let half = write(&dir, "half.json", serde_json::to_vec(&v).unwrap());
    let r = json(&iacmh(&["validate", "--format", "json", &half]));
    assert_eq!(r[0]["valid"], false);
    assert_eq!(r[0]["errors"][0]["code"], "final_incomplete");
    assert_eq!(r[0]["outstanding"][0]["path"], "/maturity/answers/4.02");
    assert!(r[0]["outstanding"][0]["message"].as_str().unwrap().contains("1 question not answered (4.02)"));
}

#[test]
fn validate_the_bnssg_return_reports_its_findings() {
    let o = iacmh(&["validate", "--format", "json", &repo("crates/review/tests/fixtures/bnssg-2024-09.json")]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let r = &v[0];
    assert_eq!(r["valid"], false);
    let codes =
        |k: &str| r[k].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    assert_eq!(codes("errors"), ["required", "required"]);
    assert_eq!(codes("warnings"), ["dna_used_for_discharge"]);
    assert_eq!(r["errors"][1]["path"], "/outcome/review/operational_lead_email");
    assert_eq!(r["errors"][1]["message"], "Enter the email address of the operational lead");
}

#[test]
fn validate_many_files_reports_each_and_keeps_going() {
    let dir = scratch("many");
    let good = repo("crates/review/tests/fixtures/example-complete.json");
    let bad_json = write(&dir, "broken.json", "{\"format\": ");
    let newer = write(
        &dir,
        "newer.json",
        std::fs::read_to_string(&good).unwrap().replacen("\"format_version\": 2", "\"format_version\": 3", 1),
    );
    let empty = write(&dir, "empty.json", "");
    let o = iacmh(&["validate", "--format", "json", &good, &bad_json, &newer, &empty]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let files: Vec<(&str, bool, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (r["file"].as_str().unwrap(), r["valid"].as_bool().unwrap(), r["errors"][0]["code"].as_str().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        files,
        [
            (good.as_str(), true, ""),
            (bad_json.as_str(), false, "not_json"),
            (newer.as_str(), false, "newer_version"),
            (empty.as_str(), false, "empty")
        ]
    );
    assert_eq!(v[1]["errors"][0]["line"], 1);
    assert!(v[2]["errors"][0]["message"].as_str().unwrap().contains("newer version"));

    let text = stdout(&iacmh(&["validate", &good, &bad_json]));
    assert!(text.contains("broken.json: not valid, 1 error, 0 warnings"), "{text}");
    assert!(text.contains("2 files: 1 valid, 1 not valid"), "{text}");
}

#[test]
fn io_problems_exit_2() {
    let dir = scratch("io");
    let missing = dir.join("missing.json").display().to_string();
    let o =
        iacmh(&["validate", "--format", "json", &missing, &repo("crates/review/tests/fixtures/example-complete.json")]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert_eq!(v[0]["errors"][0]["code"], "io");
    assert_eq!(v[1]["valid"], true);
    let o = iacmh(&["validate", &dir.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("it is a folder, not a regular file"), "{}", stdout(&o));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(iacmh(&["validate"]).status.code(), Some(2));
    assert_eq!(iacmh(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(iacmh(&["validate", "--format", "xml", "x.json"]).status.code(), Some(2));
    assert_eq!(iacmh(&["index", "--index-version", "nope"]).status.code(), Some(2));
}

#[test]
fn an_oversized_file_is_refused_without_reading_it() {
    let dir = scratch("big");
    let path = dir.join("big.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(64 * 1024 * 1024).unwrap(); // sparse: 64 MiB on paper
    let o = iacmh(&["validate", "--format", "json", &path.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v[0]["errors"][0]["code"], "too_large");
    assert!(
        v[0]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("the file is too large: 64.0 MB, and a return may be at most 4 MB")
    );
}

#[test]
fn example_is_valid_and_matches_the_fixture() {
    let o = iacmh(&["example"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        std::fs::read_to_string(repo("crates/review/tests/fixtures/example-complete.json")).unwrap()
    );
}

#[test]
fn schema_matches_the_committed_schema() {
    let o = iacmh(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), std::fs::read_to_string(repo("crates/review/schema/return-v2.schema.json")).unwrap());
}

#[test]
fn index_lists_all_161_questions() {
    let v = json(&iacmh(&["index", "--format", "json"]));
    assert_eq!(v["version"], "midlands-2024.1");
    let questions: Vec<&serde_json::Value> =
        v["domains"].as_array().unwrap().iter().flat_map(|d| d["questions"].as_array().unwrap()).collect();
    assert_eq!(questions.len(), 161);
    let q = questions.iter().find(|q| q["id"] == "1.14").unwrap();
    assert_eq!(q["text"], "Team leader.");
    assert!(q["heading"].as_str().unwrap().contains("multidisciplinary"));
    for q in &questions {
        assert!(["essential", "enhancer", "desirable"].contains(&q["category"].as_str().unwrap()));
        assert!(!q["rationale"].as_str().unwrap().is_empty());
    }
    let text = stdout(&iacmh(&["index"]));
    assert!(text.contains("11.01 [Essential] In Section 5 of the CMH guidance"), "{}", &text[..300]);
}

/// Priority areas are every question rated "No", not only where essentials are unmet: here
/// every essential is met, and an enhancer and a desirable rated "No" are still listed.
#[test]
fn score_lists_enhancers_and_desirables_rated_no_when_essentials_are_met() {
    let fixture = std::fs::read(repo("crates/review/tests/fixtures/example-complete.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_slice(&fixture).unwrap();
    for answer in v["maturity"]["answers"].as_object_mut().unwrap().values_mut() {
        answer["rating"] = "yes_working_well".into();
    }
    v["maturity"]["answers"]["2.10"]["rating"] = "no_needs_action".into();
    v["maturity"]["answers"]["2.11"]["rating"] = "no_action_in_hand".into();
    let dir = scratch("score-enhancers");
    let file = write(&dir, "r.json", serde_json::to_vec(&v).unwrap());

    let card = json(&iacmh(&["score", "--format", "json", &file]));
    let stages: Vec<&str> = card["domains"].as_array().unwrap().iter().map(|d| d["stage"].as_str().unwrap()).collect();
    assert!(!stages.contains(&"essentials_not_met"), "{stages:?}");

    let o = iacmh(&["score", &file]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    let areas = text.split_once("Priority areas").map(|(_, rest)| rest).unwrap_or_else(|| panic!("{text}"));
    assert!(areas.contains("2. Clinical Pathways"), "{areas}");
    // Each with its rating and the whole question, stem included.
    assert!(
        areas.contains("2.10   Enhancer   No, action is needed       Do our policies describe the pathways for: People who use substances. Does our pathway"),
        "{areas}"
    );
    assert!(areas.contains("2.11   Desirable  No, but action in hand"), "{areas}");
    assert!(!areas.contains("Essential "), "{areas}");

    // With no "No" at all there is nothing to list.
    v["maturity"]["answers"]["2.10"]["rating"] = "yes_working_well".into();
    v["maturity"]["answers"]["2.11"]["rating"] = "yes_needs_improvement".into();
    let file = write(&dir, "r.json", serde_json::to_vec(&v).unwrap());
    let text = stdout(&iacmh(&["score", &file]));
    assert!(text.contains("Overall") && !text.contains("Priority areas"), "{text}");
}

#[test]
fn score_prints_domains_stages_and_priority_areas() {
    let fixture = repo("crates/review/tests/fixtures/example-complete.json");
    let v = json(&iacmh(&["score", "--format", "json", &fixture]));
    assert_eq!(v["domains"].as_array().unwrap().len(), 14);
    assert_eq!(v["overall"]["answered"], 161);
    let s = v["overall"]["score"].as_f64().unwrap();
    assert!((0.0..=100.0).contains(&s));
    let text = stdout(&iacmh(&["score", &fixture]));
    assert!(text.contains("Overall") && text.contains("161/161") && text.contains("Priority areas"), "{text}");

    let o = iacmh(&["score", &repo("crates/review/tests/fixtures/bnssg-2024-09.json")]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Not started"));

    let dir = scratch("score");
    let o = iacmh(&["score", &write(&dir, "x.json", "[]")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not an iacmh return"));
}
