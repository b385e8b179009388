//! Turns the data files (`data/index-*.json`, `data/icbs.json`) into the crate's final static
//! data (`Index`, `Register`), checking them on the way: the JSON files stay the one place to
//! edit, a mistake in them fails the build with its reason, and the compiled crate neither
//! parses JSON nor copies the data at start-up.
//!
//! A provision link names its question by key; the key becomes a `ProvisionQuestion` variant,
//! so a key the crate does not declare fails the build (no variant of that name).

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

fn fail(file: &str, why: impl std::fmt::Display) -> ! {
    panic!("{file}: {why}");
}

fn text<'a>(v: &'a Value, key: &str, file: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_else(|| fail(file, format!("`{key}` must be text")))
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn opt_lit(v: Option<&str>) -> String {
    v.map_or_else(|| "None".to_owned(), |s| format!("Some({s:?})"))
}

fn category(s: &str, file: &str) -> &'static str {
    match s {
        "essential" => "Category::Essential",
        "enhancer" => "Category::Enhancer",
        "desirable" => "Category::Desirable",
        other => fail(file, format!("unknown category `{other}`")),
    }
}

fn question_id(s: &str, file: &str) -> (u8, u8) {
    let (d, n) = s.split_once('.').unwrap_or_else(|| fail(file, format!("bad question id `{s}`")));
    match (d.parse(), n.parse()) {
        (Ok(d), Ok(n)) if n < 100 && format!("{d}.{n:02}") == s => (d, n),
        _ => fail(file, format!("bad question id `{s}`")),
    }
}

/// `key_worker_continuity` -> `KeyWorkerContinuity`.
fn variant(key: &str, file: &str) -> String {
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        fail(file, format!("provision key `{key}` must be lower-case words joined by `_`"));
    }
    key.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

/// Writes one edition's statics; its rationales go to `rationales`, a separate static, so that
/// a program that never shows them (the browser form) does not carry them.
fn edition(file: &str, edition_no: usize, doc: &Value, out: &mut String, rationales: &mut String) {
    let _ = write!(
        out,
        "Index {{ version: {}, title: {}, source: {}, categories: &[",
        lit(text(doc, "version", file)),
        lit(text(doc, "title", file)),
        lit(text(doc, "source", file))
    );
    for c in doc["categories"].as_array().unwrap_or_else(|| fail(file, "`categories` must be a list")) {
        let _ = write!(
            out,
            "CategoryInfo {{ id: {}, label: {}, description: {}, method: {} }},",
            category(text(c, "id", file), file),
            lit(text(c, "label", file)),
            lit(text(c, "description", file)),
            lit(text(c, "method", file))
        );
    }
    out.push_str("], domains: &[");
    let mut known = Vec::new();
    for (d, domain) in
        doc["domains"].as_array().unwrap_or_else(|| fail(file, "`domains` must be a list")).iter().enumerate()
    {
        let number = domain["number"].as_u64().unwrap_or(0);
        if number != d as u64 + 1 {
            fail(file, format!("domain {number} is out of order"));
        }
        let _ = write!(out, "Domain {{ number: {number}, title: {}, questions: &[", lit(text(domain, "title", file)));
        rationales.push_str("&[");
        let mut n = 0u8;
        for section in domain["sections"].as_array().unwrap_or_else(|| fail(file, "`sections` must be a list")) {
            let heading = section.get("heading").and_then(Value::as_str);
            let subheading = section.get("subheading").and_then(Value::as_str);
            for q in section["questions"].as_array().unwrap_or_else(|| fail(file, "`questions` must be a list")) {
                n += 1;
                let id = text(q, "id", file);
                if question_id(id, file) != (number as u8, n) {
                    fail(file, format!("question {id} should be {number}.{n:02}"));
                }
                known.push(id.to_owned());
                let _ = write!(
                    out,
                    "Question {{ id: QuestionId::new({number}, {n}), text: {}, heading: {}, subheading: {}, category: {}, edition: {number_e} }},",
                    lit(text(q, "text", file)),
                    opt_lit(heading),
                    opt_lit(subheading),
                    category(text(q, "category", file), file),
                    number_e = edition_no,
                );
                let _ = write!(rationales, "{},", lit(text(q, "rationale", file)));
            }
        }
        out.push_str("] },");
        rationales.push_str("],");
    }
    out.push_str("], provision: &[");
    let mut keys = Vec::new();
    for p in doc["provision"].as_array().unwrap_or_else(|| fail(file, "`provision` must be a list")) {
        let key = text(p, "key", file);
        if keys.contains(&key) {
            fail(file, format!("provision {key} is linked twice"));
        }
        keys.push(key);
        let evidence: Vec<String> = p["evidence"]
            .as_array()
            .unwrap_or_else(|| fail(file, "`evidence` must be a list"))
            .iter()
            .map(|e| {
                let id = e.as_str().unwrap_or_else(|| fail(file, "evidence ids must be text"));
                if !known.iter().any(|k| k == id) {
                    fail(file, format!("provision {key} cites unknown question {id}"));
                }
                let (d, n) = question_id(id, file);
                format!("QuestionId::new({d}, {n})")
            })
            .collect();
        let assuring =
            p["assuring_answer"].as_bool().unwrap_or_else(|| fail(file, "`assuring_answer` must be true or false"));
        let _ = write!(
            out,
            "ProvisionLink {{ question: ProvisionQuestion::{}, assuring_answer: {assuring}, evidence: &[{}] }},",
            variant(key, file),
            evidence.join(",")
        );
    }
    out.push_str("] },\n");
}

fn main() {
    let data = Path::new("data");
    println!("cargo::rerun-if-changed=data");
    let mut files: Vec<String> = std::fs::read_dir(data)
        .expect("data/ folder")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.starts_with("index-") && n.ends_with(".json"))
        .collect();
    files.sort();
    if files.is_empty() {
        fail("data/", "no index-*.json edition");
    }
    let mut out = format!(
        "// Generated by build.rs from data/index-*.json: edit those files, not this.\n\nstatic EDITIONS: [Index; {}] = [\n",
        files.len()
    );
    // By edition, domain and question.
    let mut rationales = String::from("static RATIONALES: &[&[&[&str]]] = &[\n");
    for (number, file) in files.iter().enumerate() {
        let path = data.join(file);
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("read data file"))
            .unwrap_or_else(|e| fail(file, e));
        rationales.push_str("&[");
        edition(file, number, &doc, &mut out, &mut rationales);
        rationales.push_str("],\n");
    }
    out.push_str("];\n\n");
    out.push_str(&rationales);
    out.push_str("];\n");
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out_dir.join("index_data.rs"), out).expect("write generated index");

    let mut out = String::from("// Generated by build.rs from data/icbs.json: edit that file, not this.\n\n");
    let file = "icbs.json";
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(data.join(file)).expect("read icbs.json"))
        .unwrap_or_else(|e| fail(file, e));
    let regions: Vec<&str> = doc["regions"]
        .as_array()
        .unwrap_or_else(|| fail(file, "`regions` must be a list"))
        .iter()
        .map(|r| r.as_str().unwrap_or_else(|| fail(file, "regions must be text")))
        .collect();
    let _ = writeln!(
        out,
        "static REGIONS: &[&str] = &[{}];\n",
        regions.iter().map(|r| lit(r)).collect::<Vec<_>>().join(", ")
    );
    out.push_str("static ICBS: &[Icb] = &[\n");
    for icb in doc["icbs"].as_array().unwrap_or_else(|| fail(file, "`icbs` must be a list")) {
        let region = text(icb, "region", file);
        if !regions.contains(&region) {
            fail(file, format!("{} has unknown region {region}", text(icb, "name", file)));
        }
        let _ = writeln!(
            out,
            "    Icb {{ code: {}, name: {}, region: {} }},",
            lit(text(icb, "code", file)),
            lit(text(icb, "name", file)),
            lit(region)
        );
    }
    out.push_str("];\n");
    std::fs::write(out_dir.join("register_data.rs"), out).expect("write generated register");
}
