//! `iacmh collate` and `iacmh compare`, run as a regional analyst would; the workbook is read
//! back with Python's openpyxl, independently of the code that wrote it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn iacmh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iacmh")).args(args).output().expect("run iacmh")
}

/// The Python with openpyxl: `IACMH_PYTHON` (`./dev` sets it to its virtual environment), else
/// the workspace's `.venv` when there is one, else `python3` on the PATH.
fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("IACMH_PYTHON") {
        return python.into();
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python");
    if venv.exists() { venv } else { "python3".into() }
}

fn example() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../review/tests/fixtures/example-complete.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iacmh-collate-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("returns/more")).unwrap();
    dir
}

/// A folder of returns for three ICBs (one given twice), a hostile comment, and two bad files.
fn region(dir: &Path) -> PathBuf {
    let returns = dir.join("returns");
    let write =
        |name: &str, v: &Value| std::fs::write(returns.join(name), serde_json::to_string_pretty(v).unwrap()).unwrap();
    for (file, icb, region, updated, assured, dna) in [
        ("devon.json", "NHS Devon Integrated Care Board", "South West", "2024-09-30T10:00:00Z", false, true),
        ("more/devon-draft.json", "NHS Devon Integrated Care Board", "South West", "2024-09-01T10:00:00Z", true, false),
        (
            "cornwall.json",
            "NHS Cornwall and the Isles of Scilly Integrated Care Board",
            "South West",
            "2024-09-29T10:00:00Z",
            true,
            false,
        ),
        ("dorset.json", "NHS Dorset Integrated Care Board", "South West", "2024-09-28T10:00:00Z", false, false),
    ] {
        let mut v = example();
        v["scope"]["icb"] = json!(icb);
        v["scope"]["region"] = json!(region);
        v["outcome"]["review"]["icb_name"] = json!(icb);
        v["outcome"]["review"]["region"] = json!(region);
        v["meta"]["updated"] = json!(updated);
        v["outcome"]["assured"] = json!(assured);
        v["outcome"]["provision"]["dna_used_as_discharge_reason"] = json!(dna);
        if file == "dorset.json" {
            v["maturity"]["answers"]["1.01"]["comment"] = json!("=HYPERLINK(\"http://x\",\"click\")");
            v["outcome"]["next_steps"] = json!("<script>alert(1)</script>");
        }
        write(file, &v);
    }
    std::fs::write(returns.join("notes.json"), "these are notes").unwrap();
    std::fs::write(returns.join("more/empty.json"), "").unwrap();
    std::fs::write(returns.join("readme.txt"), "not a return and not .json: not read").unwrap();
    returns
}

#[test]
fn collate_to_json_lists_every_file_and_keeps_the_latest_duplicate() {
    let dir = scratch("json");
    let returns = region(&dir);
    let out = dir.join("report.json");
    let o = iacmh(&["collate", returns.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("Collated 3 returns"), "{stdout}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("notes.json: left out: the file is not valid JSON"), "{stderr}");
    assert!(stderr.contains("empty.json: left out: the file is empty"), "{stderr}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(v["returns"].as_array().unwrap().len(), 3);
    assert_eq!(v["unreadable"].as_array().unwrap().len(), 2);
    assert!(v["duplicates"][0]["kept"].as_str().unwrap().ends_with("devon.json"));
    assert!(v["duplicates"][0]["dropped"].as_str().unwrap().ends_with("devon-draft.json"));
    let dna = v["provision"].as_array().unwrap().iter().find(|p| p["key"] == "dna_used_as_discharge_reason").unwrap();
    assert_eq!((dna["yes"].as_u64(), dna["no"].as_u64()), (Some(1), Some(2)));
    let flags: Vec<&str> = v["flags"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(flags.iter().filter(|k| **k == "dna_used_for_discharge").count(), 1);
    assert_eq!(flags.iter().filter(|k| **k == "not_assured").count(), 2);
}

#[test]
fn collate_to_csv_neutralises_formulas_and_writes_a_long_file() {
    let dir = scratch("csv");
    let returns = region(&dir);
    let out = dir.join("region.csv");
    assert_eq!(iacmh(&["collate", returns.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.code(), Some(0));
    let wide = std::fs::read_to_string(&out).unwrap();
    assert_eq!(wide.lines().count(), 1 + 3);
    // A byte-order mark, so that Excel (UK) reads UTF-8.
    assert!(wide.starts_with("\u{FEFF}file,icb,icb_code,region,level,"));
    let long = std::fs::read_to_string(dir.join("region-questions.csv")).unwrap();
    assert_eq!(long.lines().count(), 1 + 3 * 161);
    assert!(long.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""), "the formula is quoted and neutralised");
    assert!(!long.contains(",=HYPERLINK"));

    // Read back by Python's csv: accents intact, the formula inert.
    let script = r#"
import csv, json, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
print(json.dumps({"n": len(rows), "comments": sorted({r["comment"] for r in rows if r["comment"]})}))
"#;
    let o = Command::new(python())
        .args(["-c", script, dir.join("region-questions.csv").to_str().unwrap()])
        .output()
        .expect("run python");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["n"], 3 * 161);
    let comments: Vec<&str> = v["comments"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(comments.contains(&"'=HYPERLINK(\"http://x\",\"click\")"), "{comments:?}");
    assert!(comments.iter().all(|c| !c.starts_with('=')), "{comments:?}");
}

#[test]
fn collate_to_xlsx_reads_back_in_openpyxl() {
    let dir = scratch("xlsx");
    let returns = region(&dir);
    let out = dir.join("region.xlsx");
    assert_eq!(iacmh(&["collate", returns.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.code(), Some(0));
    let script = r#"
import json, sys, zipfile, openpyxl
assert zipfile.ZipFile(sys.argv[1]).testzip() is None, "a zip entry fails its CRC"
wb = openpyxl.load_workbook(sys.argv[1])
r = wb["Returns"]
q = wb["Questions"]
header = [c.value for c in r[1]]
rows = list(r.iter_rows(min_row=2, values_only=True))
dorset = [row for row in rows if row[header.index("icb")] == "NHS Dorset Integrated Care Board"][0]
comments = [c for c in q.iter_rows(min_row=2) if c[6].value == "1.01" and c[1].value == "NHS Dorset Integrated Care Board"]
print(json.dumps({
  "sheets": wb.sheetnames,
  "returns": len(rows),
  "questions": q.max_row - 1,
  "flags": wb["Flags"].max_row - 1,
  "score_type": type(dorset[header.index("overall_score")]).__name__,
  "answered": dorset[header.index("questions_answered")],
  "assured": dorset[header.index("assured")],
  "comment": comments[0][10].value,
  "comment_type": comments[0][10].data_type,
  "frozen": r.freeze_panes,
}))
"#;
    let o = Command::new(python()).args(["-c", script, out.to_str().unwrap()]).output().expect("run python");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["sheets"], json!(["Returns", "Questions", "Flags", "Actions"]));
    assert_eq!(v["returns"], 3);
    assert_eq!(v["questions"], 3 * 161);
    assert_eq!(v["score_type"], "float", "scores are numbers");
    assert_eq!(v["answered"], 161);
    assert_eq!(v["assured"], "No");
    // Text exactly as the return has it: a workbook's string cell is never a formula.
    assert_eq!(v["comment"], "=HYPERLINK(\"http://x\",\"click\")");
    assert_eq!(v["comment_type"], "s", "a string, never a formula");
    assert_eq!(v["frozen"], "A2");
    assert!(v["flags"].as_u64().unwrap() >= 3);
}

#[test]
fn collate_to_html_is_self_contained_and_escaped() {
    let dir = scratch("html");
    let returns = region(&dir);
    let out = dir.join("region.html");
    assert_eq!(iacmh(&["collate", returns.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.code(), Some(0));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<table class=\"heat\">"));
    assert!(html.contains("NHS Cornwall and the Isles of Scilly Integrated Care Board"));
    assert!(html.contains("DNAs are used as a reason for discharge"));
    assert!(html.contains("these are notes") || html.contains("notes.json"));
    assert!(!html.contains("<script"), "no script at all, escaped or not");
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains(" src="),
        "nothing loaded from elsewhere"
    );
}

#[test]
fn collate_refuses_an_unknown_output_format() {
    let dir = scratch("bad-out");
    let o = iacmh(&["collate", dir.to_str().unwrap(), "--out", dir.join("report.pdf").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".csv, .xlsx, .json or .html"));
}

#[test]
fn compare_reports_changes_between_rounds() {
    let dir = scratch("compare");
    let mut old = example();
    let mut new = example();
    old["maturity"]["answers"]["3.08"] = json!({"rating": "no_needs_action"});
    new["maturity"]["answers"]["3.08"] = json!({"rating": "yes_working_well"});
    new["maturity"]["answers"]["4.01"] = json!({"rating": "no_needs_action"});
    old["maturity"]["answers"]["4.01"] = json!({"rating": "yes_working_well"});
    new["maturity"]["findings"][0]["completed"] = json!(true);
    old["maturity"]["findings"][0]["completed"] = json!(false);
    let (a, b) = (dir.join("sept-2024.json"), dir.join("2025.json"));
    std::fs::write(&a, old.to_string()).unwrap();
    std::fs::write(&b, new.to_string()).unwrap();
    let o = iacmh(&["compare", "--format", "json", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["same_scope"], true);
    assert_eq!(v["improved"][0]["id"], "3.08");
    assert_eq!(v["worsened"][0]["id"], "4.01");
    assert_eq!(v["actions_completed"].as_array().unwrap().len(), 1);
    let text =
        String::from_utf8_lossy(&iacmh(&["compare", a.to_str().unwrap(), b.to_str().unwrap()]).stdout).into_owned();
    assert!(text.contains("Improved: 1") && text.contains("3.08 No, action is needed -> Yes, working well"), "{text}");
    assert_eq!(
        iacmh(&["compare", a.to_str().unwrap(), dir.join("missing.json").to_str().unwrap()]).status.code(),
        Some(2)
    );
}

#[test]
fn roll_up_writes_an_icb_draft_from_team_returns() {
    let dir = scratch("roll-up");
    let teams = dir.join("returns");
    for (name, rating, comment) in
        [("North", "yes_working_well", "Written down"), ("South", "no_action_in_hand", "Drafting")]
    {
        let mut v = example();
        v["scope"] = json!({"level": "team", "icb": "NHS Devon Integrated Care Board", "region": "South West", "organisation": "Devon Partnership", "team": name});
        v["maturity"]["answers"]["3.08"] = json!({"rating": rating, "comment": comment});
        std::fs::write(teams.join(format!("{name}.json")), v.to_string()).unwrap();
    }
    let out = dir.join("devon-draft.json");
    let o = iacmh(&["roll-up", "--icb", "QJK", teams.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Rolled up 2 team and provider returns"));
    let draft: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(draft["scope"]["level"], "icb");
    assert_eq!(draft["scope"]["icb"], "NHS Devon Integrated Care Board");
    let a = &draft["maturity"]["answers"]["3.08"];
    assert_eq!(a["rating"], "no_action_in_hand", "the lowest rating");
    assert_eq!(
        a["comment"],
        "Devon: Devon Partnership: North: Written down\nDevon: Devon Partnership: South: Drafting"
    );
    // It is a return the form and the CLI read.
    assert_eq!(iacmh(&["score", out.to_str().unwrap()]).status.code(), Some(0));
    assert_eq!(
        iacmh(&["roll-up", "--icb", "Wessex", teams.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.code(),
        Some(2)
    );
    assert_eq!(
        iacmh(&[
            "roll-up",
            "--icb",
            "Cornwall and the Isles of Scilly",
            teams.to_str().unwrap(),
            "--out",
            out.to_str().unwrap()
        ])
        .status
        .code(),
        Some(1)
    );
}

/// Runs `iacmh` and fails the test, rather than hanging it, if it takes more than 20 s.
#[cfg(unix)]
fn iacmh_within_20s(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iacmh"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run iacmh");
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("iacmh {args:?} was still running after 20 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

#[cfg(unix)]
#[test]
fn folders_with_link_loops_fifos_and_repeated_files_are_each_read_once() {
    use std::os::unix::fs::symlink;
    let dir = scratch("walk");
    let returns = dir.join("returns");
    std::fs::write(returns.join("devon.json"), serde_json::to_string_pretty(&example()).unwrap()).unwrap();
    // Two links back up the tree (a loop each), a link to a file already listed, a broken link.
    symlink(&returns, returns.join("more/up")).unwrap();
    symlink(".", returns.join("here")).unwrap();
    symlink(returns.join("devon.json"), returns.join("more/devon-again.json")).unwrap();
    symlink(returns.join("gone.json"), returns.join("broken.json")).unwrap();
    // A named pipe that nothing writes to: reading it would wait for ever.
    let fifo = returns.join("pipe.json");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());

    let out = dir.join("r.json");
    let o = iacmh_within_20s(&["collate", returns.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    let c: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(c["returns"].as_array().unwrap().len(), 1, "devon once: {stderr}");
    assert_eq!(c["duplicates"].as_array().unwrap().len(), 0, "a link is not a duplicate: {stderr}");
    assert!(stderr.contains("a link to a folder already listed (a loop)"), "{stderr}");
    assert!(stderr.contains("devon-again.json: the same file as"), "{stderr}");
    assert!(stderr.contains("broken.json: cannot be read"), "{stderr}");
    let unreadable = c["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 1, "{unreadable:?}");
    assert!(unreadable[0]["message"].as_str().unwrap().contains("a named pipe (FIFO), not a regular file"));

    // validate refuses the FIFO at once too.
    let o = iacmh_within_20s(&["validate", fifo.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stdout).contains("not a regular file"));
}

#[test]
fn a_missing_path_or_nothing_to_collate_is_a_failure() {
    let dir = scratch("nothing");
    let out = dir.join("r.json");
    let o = iacmh(&["collate", dir.join("no-such-folder").to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-folder"), "{}", String::from_utf8_lossy(&o.stderr));
    let empty = dir.join("returns/more");
    let o = iacmh(&["collate", empty.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing could be collated"));
}
