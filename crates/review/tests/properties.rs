//! Properties over returns made by structurally mutating real ones (values of every type put in
//! place of parts, fields left out, added and renamed, list items repeated): the crate's typed
//! reader agrees with serde's on every one, JSON round-trips unchanged and as serde_json lays
//! it out, and validation, scoring and parsing never panic, whatever the input. No field is
//! listed here: the shapes come from the declarations, through the seed returns.

use iacmh_review::json::Reader;
use iacmh_review::{Return, completeness, example, parse_return, score, validate};
use proptest::prelude::*;
use serde_json::Value;

/// Random JSON values to put in place of a part of a return: every type, texts with any
/// characters, numbers in and out of range, and small containers.
fn json_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![Just(String::new()), "[a-z ]{1,20}", ".{0,40}", "\\PC{0,8}", "[0-9]{1,2}\\.[0-9]{2}"]
            .prop_map(Value::String),
        prop_oneof![Just(0i64), Just(1), Just(14), Just(255), Just(256), Just(-1), any::<i64>()].prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        prop::sample::select(vec!["yes_working_well", "no_needs_action", "team", "workforce", "2024-09-30", "1.01"])
            .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// One structural change to a JSON document. The node it applies to is found by walking from
/// the root, taking child `step % children` at each level, for as many steps as are given.
#[derive(Clone, Debug)]
enum Mutation {
    Replace(Vec<usize>, Value),
    Remove(Vec<usize>),
    AddField(Vec<usize>, String, Value),
    /// Renames a field to another name found anywhere in the document.
    Rename(Vec<usize>, usize),
    /// Repeats an element of a list.
    Repeat(Vec<usize>),
}

fn mutation() -> BoxedStrategy<Mutation> {
    let path = || prop::collection::vec(any::<usize>(), 0..7);
    prop_oneof![
        3 => (path(), json_value()).prop_map(|(p, v)| Mutation::Replace(p, v)),
        2 => path().prop_map(Mutation::Remove),
        1 => (path(), "[a-z_]{1,10}", json_value()).prop_map(|(p, k, v)| Mutation::AddField(p, k, v)),
        2 => (path(), any::<usize>()).prop_map(|(p, n)| Mutation::Rename(p, n)),
        1 => path().prop_map(Mutation::Repeat),
    ]
    .boxed()
}

/// The node a path leads to, and where it is in its parent: the steps taken to the parent and
/// the position under it (a walk stops early at a leaf).
fn walk<'a>(root: &'a mut Value, path: &[usize]) -> (&'a mut Value, Option<(usize, usize)>) {
    let mut node = root;
    let mut last = None;
    for (taken, step) in path.iter().enumerate() {
        let n = match &*node {
            Value::Object(m) => m.len(),
            Value::Array(a) => a.len(),
            _ => 0,
        };
        if n == 0 {
            break;
        }
        let i = step % n;
        last = Some((taken, i));
        node = match node {
            Value::Object(m) => m.values_mut().nth(i).expect("in range"),
            Value::Array(a) => &mut a[i],
            _ => unreachable!(),
        };
    }
    (node, last)
}

fn field_names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                out.push(k.clone());
                field_names(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| field_names(v, out)),
        _ => {}
    }
}

fn apply(doc: &mut Value, m: &Mutation, names: &[String]) {
    // Changes made in the parent walk to it, then act on the child's position.
    match m {
        Mutation::Replace(p, v) => *walk(doc, p).0 = v.clone(),
        Mutation::Remove(p) => {
            let Some((taken, i)) = walk(doc, p).1 else { return };
            match walk(doc, &p[..taken]).0 {
                Value::Object(map) => {
                    let key = map.keys().nth(i).cloned().expect("in range");
                    map.remove(&key);
                }
                Value::Array(a) => {
                    a.remove(i);
                }
                _ => {}
            }
        }
        Mutation::Repeat(p) => {
            let Some((taken, i)) = walk(doc, p).1 else { return };
            if let Value::Array(a) = walk(doc, &p[..taken]).0 {
                let copy = a[i].clone();
                a.insert(i, copy);
            }
        }
        Mutation::Rename(p, n) => {
            let Some((taken, i)) = walk(doc, p).1 else { return };
            if let Value::Object(map) = walk(doc, &p[..taken]).0 {
                let key = map.keys().nth(i).cloned().expect("in range");
                let to = &names[n % names.len()];
                if !map.contains_key(to)
                    && let Some(v) = map.remove(&key)
                {
                    map.insert(to.clone(), v);
                }
            }
        }
        Mutation::AddField(p, k, v) => {
            if let Value::Object(map) = walk(doc, p).0 {
                map.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Returns to start from (a complete ICB return, a team return and an empty draft), with the
/// field names found in them.
fn seeds() -> &'static (Vec<Value>, Vec<String>) {
    static SEEDS: std::sync::OnceLock<(Vec<Value>, Vec<String>)> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut empty = Return::new(Default::default());
        empty.scope.icb = "Devon".into();
        let docs: Vec<Value> = [example::complete(), example::generated(50), empty]
            .iter()
            .map(|r| serde_json::from_str(&r.to_json()).expect("own output is JSON"))
            .collect();
        let mut names = Vec::new();
        docs.iter().for_each(|d| field_names(d, &mut names));
        names.sort();
        names.dedup();
        (docs, names)
    })
}

fn mutate(seed: usize, mutations: &[Mutation]) -> Value {
    let (docs, names) = seeds();
    let mut doc = docs[seed % docs.len()].clone();
    for m in mutations {
        apply(&mut doc, m, names);
    }
    doc
}

/// A return's JSON after a few structural changes: often still a return, often not.
fn mutated_return() -> BoxedStrategy<String> {
    let change = prop_oneof![1 => mutation(), 2 => gentle_mutation()];
    (0..3usize, prop::collection::vec(change, 1..5))
        .prop_map(|(seed, mutations)| {
            serde_json::to_string_pretty(&mutate(seed, &mutations)).expect("a Value serialises")
        })
        .boxed()
}

/// Changes that mostly keep a return a return: a value replaced by one of the same kind (any
/// text for text, yes, no or unanswered for yes/no), a field or list item left out, an item
/// repeated. What is refused is skipped.
fn gentle_mutation() -> BoxedStrategy<Mutation> {
    let path = || prop::collection::vec(any::<usize>(), 0..7);
    let text = prop_oneof![Just(String::new()), "[a-z ]{1,20}", ".{0,60}", "\\PC{0,12}"];
    prop_oneof![
        4 => (path(), text).prop_map(|(p, t)| Mutation::Replace(p, Value::String(t))),
        2 => (path(), prop::option::of(any::<bool>())).prop_map(|(p, b)| Mutation::Replace(p, b.map_or(Value::Null, Value::Bool))),
        2 => path().prop_map(Mutation::Remove),
        1 => path().prop_map(Mutation::Repeat),
    ]
    .boxed()
}

/// A return the crate accepts, made from a seed by gentle changes: the fields come from the
/// declarations through the seeds, not from a list here.
fn a_return() -> BoxedStrategy<Return> {
    (0..3usize, prop::collection::vec(gentle_mutation(), 1..6))
        .prop_filter_map("not a return", |(seed, mutations)| {
            let doc = mutate(seed, &mutations);
            // Only a same-kind replacement was made if the types still fit; else skip.
            let text = serde_json::to_string(&doc).ok()?;
            parse_return(text.as_bytes()).ok()
        })
        .boxed()
}

/// Pieces of JSON, well-formed or not, to be strung together.
fn json_token() -> BoxedStrategy<String> {
    prop_oneof![
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            " ",
            "\n",
            "\"",
            "\\",
            "\"a\"",
            "\"k\":",
            "null",
            "true",
            "false",
            "nul",
            "0",
            "-",
            "01",
            "1.5",
            "1.",
            "1e9",
            "1E+",
            "-0",
            "\\u00e9",
            "\\ud83d\\ude00",
            "\\ud800",
            "\\x",
            "\u{1}",
            "\t",
            "é",
        ])
        .prop_map(str::to_owned),
        "[0-9]{1,25}",
        "\"[a-z\\\\\"]{0,6}\"",
    ]
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The crate's typed reader and serde's derived one, both from the same declarations,
    /// agree on every structurally mutated return: the same accepted, the same values.
    #[test]
    fn the_typed_reader_agrees_with_serde_json(text in mutated_return()) {
        let ours = Reader::read_document::<Return>(&text);
        let theirs = serde_json::from_str::<Return>(&text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(_)) => prop_assert!(a.pointer.is_some(), "{:?}", a),
            // serde accepts a list in place of a struct (its fields in order); the crate
            // rightly refuses it.
            (Err(a), Ok(_)) if a.detail.starts_with("expected an object (fields in curly brackets), found a list") => {}
            _ => prop_assert!(false, "{}\nours: {:?}\nserde: {:?}", text, ours, theirs.map(|_| ())),
        }
    }

    #[test]
    fn any_return_round_trips_through_json(ret in a_return()) {
        let json = ret.to_json();
        let back = parse_return(json.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &ret);
        prop_assert_eq!(back.to_json(), json);
    }

    #[test]
    fn the_writer_lays_out_json_as_serde_json_does(ret in a_return()) {
        // Files written before the crate had its own writer, and tools that serialise returns
        // with serde, produce the same bytes.
        prop_assert_eq!(ret.to_json(), serde_json::to_string_pretty(&ret).unwrap());
    }

    #[test]
    fn the_scanner_accepts_exactly_what_serde_json_accepts(tokens in prop::collection::vec(json_token(), 0..24)) {
        let text: String = tokens.concat();
        let ours = iacmh_review::json::scan(&text);
        let theirs = serde_json::from_str::<serde::de::IgnoredAny>(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?} / {:?}", text, ours, theirs);
    }

    #[test]
    fn a_damaged_return_is_refused_as_json_exactly_when_serde_json_refuses_it(
        cuts in prop::collection::vec((any::<prop::sample::Index>(), json_token()), 1..4)
    ) {
        let mut text = example::complete().to_json();
        for (at, token) in cuts {
            let mut i = at.index(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            // One character replaced, however many bytes it takes.
            let mut end = (i + 1).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(i..end, &token);
        }
        let ours = iacmh_review::json::scan(&text);
        let theirs = serde_json::from_str::<serde::de::IgnoredAny>(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?} / {:?}", ours, theirs);
    }

    #[test]
    fn validation_scoring_and_completeness_never_panic(ret in a_return()) {
        let ds = validate(&ret);
        for d in &ds {
            prop_assert!(d.path.starts_with('/'));
            prop_assert!(!d.message.is_empty());
        }
        if let Some(card) = score(&ret) {
            for d in card.domains.iter().chain(std::iter::once(&iacmh_review::DomainScore {
                domain: 0, title: String::new(), score: card.overall.clone(), priority_areas: Default::default(),
            })) {
                if let Some(s) = d.score.score {
                    prop_assert!((0.0..=100.0).contains(&s));
                }
                prop_assert!(d.score.rated <= d.score.answered && d.score.answered <= d.score.total);
            }
        }
        let c = completeness(&ret);
        prop_assert!(c.maturity.done <= c.maturity.total && c.template.done <= c.template.total);
    }

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_return(&bytes);
    }

    #[test]
    fn parsing_a_damaged_return_never_panics(cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = example::complete().to_json().into_bytes();
        for (at, byte) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Ok(ret) = parse_return(&bytes) {
            let _ = validate(&ret);
            let _ = score(&ret);
        }
    }
}
