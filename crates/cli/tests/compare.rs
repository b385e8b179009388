//! `iacmh compare` run as an analyst would with two rounds of one ICB's return: given in either
//! order, with the template, actions and scores changed between them.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{Value, json};

fn iacmh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iacmh")).args(args).output().expect("run iacmh")
}

fn example() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../review/tests/fixtures/example-complete.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iacmh-compare-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Two rounds of the example: 2024-25 with DNAs used for discharge, 2025-26 without, one action
/// reworded, one finding gone and one added, and 3.08 rated higher.
fn two_rounds(test: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(test);
    let mut earlier = example();
    let mut later = example();
    earlier["round"] = json!("2024-25");
    later["round"] = json!("2025-26");
    earlier["outcome"]["provision"]["dna_used_as_discharge_reason"] = json!(true);
    later["outcome"]["provision"]["dna_used_as_discharge_reason"] = json!(false);
    earlier["maturity"]["answers"]["3.08"] = json!({"rating": "no_needs_action"});
    later["maturity"]["answers"]["3.08"] = json!({"rating": "yes_working_well"});
    later["maturity"]["findings"][0]["action"] = json!("Agree a new caseload audit with the provider – by June");
    let findings = later["maturity"]["findings"].as_array_mut().unwrap();
    findings.pop();
    findings.push(
        json!({"domain": 3, "finding": "Our own finding", "action": "Recruit", "owner": "Siân", "due": "2026-01-31"}),
    );
    let (a, b) = (dir.join("earlier.json"), dir.join("later.json"));
    std::fs::write(&a, earlier.to_string()).unwrap();
    std::fs::write(&b, later.to_string()).unwrap();
    (a, b)
}

#[test]
fn rounds_are_put_in_order_whichever_way_they_are_given() {
    let (a, b) = two_rounds("order");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let forward: Value = serde_json::from_slice(&iacmh(&["compare", "--format", "json", a, b]).stdout).unwrap();
    let o = iacmh(&["compare", "--format", "json", b, a]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let backward: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(forward["order"], "as_given");
    assert_eq!(backward["order"], "swapped");
    assert_eq!(backward["earlier"], a);
    assert_eq!(backward["later"], b);
    // The same results either way: 3.08 improved, not worsened.
    for v in [&forward, &backward] {
        assert_eq!(v["improved"][0]["id"], "3.08", "{v}");
        assert!(v["worsened"].as_array().unwrap().iter().all(|c| c["id"] != "3.08"));
    }
    let said = text(&iacmh(&["compare", b, a]));
    assert!(said.contains("round 2024-25, earlier") && said.contains("round 2025-26, later"), "{said}");
    assert!(said.contains("given latest first; compared the other way round"), "{said}");
}

#[test]
fn template_actions_and_scores_changes_are_reported() {
    let (a, b) = two_rounds("changes");
    let v: Value = serde_json::from_slice(
        &iacmh(&["compare", "--format", "json", a.to_str().unwrap(), b.to_str().unwrap()]).stdout,
    )
    .unwrap();
    let changes = v["template_changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{v}");
    assert_eq!(changes[0]["field"], "dna_used_as_discharge_reason");
    assert_eq!((changes[0]["before"].clone(), changes[0]["after"].clone()), (json!(true), json!(false)));
    assert_eq!(v["actions_reworded"].as_array().unwrap().len(), 1);
    assert_eq!(v["actions_reworded"][0][1]["action"], "Agree a new caseload audit with the provider – by June");
    assert_eq!(v["actions_removed"].as_array().unwrap().len(), 1);
    assert_eq!(v["actions_added"][0]["owner"], "Siân");
    let overall = &v["scores"][0];
    assert!(overall["domain"].is_null() && overall["after"].as_f64() > overall["before"].as_f64(), "{overall}");
    let said = text(&iacmh(&["compare", a.to_str().unwrap(), b.to_str().unwrap()]));
    for expected in [
        "National template answers changed: 1",
        "-> No",
        "Actions reworded: 1",
        "Actions added: 1",
        "Actions removed: 1",
        "All domains: ",
    ] {
        assert!(said.contains(expected), "{expected:?} in {said}");
    }
}

#[test]
fn two_different_scopes_are_compared_only_when_asked() {
    let (a, _) = two_rounds("scopes-rounds");
    let dir = scratch("scopes");
    let mut other = example();
    other["scope"]["icb"] = json!("Devon");
    other["scope"]["region"] = json!("South West");
    let b = dir.join("devon.json");
    std::fs::write(&b, other.to_string()).unwrap();
    let o = iacmh(&["compare", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty(), "nothing compared: {}", text(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    let o = iacmh(&["compare", "--force", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o).contains("different ICBs or scopes"), "{}", text(&o));
}
