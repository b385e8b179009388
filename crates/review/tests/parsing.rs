//! Bad input: every way a file can fail to be a return gets a clear error that names the
//! problem and where it is, never a panic.

use iacmh_review::{Code, MAX_RETURN_BYTES, ParseError, example, parse_return, validate};

fn example_json() -> String {
    example::complete().to_json()
}

fn err(bytes: &[u8]) -> ParseError {
    match parse_return(bytes) {
        Ok(_) => panic!("parsed: {}", String::from_utf8_lossy(&bytes[..bytes.len().min(200)])),
        Err(e) => e,
    }
}

/// The example with one JSON fragment replaced.
fn edited(from: &str, to: &str) -> Vec<u8> {
    let json = example_json();
    assert!(json.contains(from), "example lacks {from}");
    json.replacen(from, to, 1).into_bytes()
}

#[test]
fn the_example_round_trips() {
    let ret = example::complete();
    assert_eq!(parse_return(ret.to_json().as_bytes()).unwrap(), ret);
}

#[test]
fn malformed_json_gives_line_and_column() {
    let e = err(b"{\n  \"format\": \"iacmh-return\",\n  \"format_version\": 1,\n  oops\n}");
    assert_eq!(e.code(), "not_json");
    assert_eq!(e.position(), Some((4, 3)));
    assert!(e.to_string().contains("not valid JSON") && e.to_string().contains("line 4, column 3"), "{e}");
}

#[test]
fn truncated_file() {
    let json = example_json();
    let e = err(&json.as_bytes()[..json.len() / 2]);
    assert_eq!(e.code(), "not_json");
    assert!(e.to_string().contains("unexpected end of the file"), "{e}");
}

#[test]
fn empty_and_blank_files() {
    for bytes in [&b""[..], b"   \n\t", b"\xEF\xBB\xBF"] {
        assert_eq!(err(bytes), ParseError::Empty);
    }
    assert_eq!(ParseError::Empty.to_string(), "the file is empty");
}

#[test]
fn wrong_types_name_the_field() {
    let e = err(&edited("\"level\": \"icb\"", "\"level\": 5"));
    assert_eq!(e.pointer(), Some("/scope/level"));
    assert!(e.to_string().contains("expected one of \"icb\", \"provider\", \"team\", found the number 5"), "{e}");
    assert_eq!(e.position(), Some((7, 14)));

    let e = err(&edited("\"assured\": false", "\"assured\": \"no\""));
    assert_eq!(e.pointer(), Some("/outcome/assured"));
    assert!(e.to_string().contains("expected true or false, found the text \"no\""), "{e}");

    let e = err(&edited("\"rating\": \"", "\"rating\": \"no_action_needed\", \"x\": \""));
    assert_eq!(e.pointer(), Some("/maturity/answers/1.01/rating"));
    assert!(e.to_string().contains("found the text \"no_action_needed\""), "{e}");

    let e = err(&edited("\"completed\": ", "\"completed\": \"yes\", \"x\": "));
    assert!(e.pointer().unwrap().starts_with("/maturity/findings/0/completed"), "{e}");
}

#[test]
fn invalid_utf8_gives_line_and_column() {
    let mut bytes = b"{\n  \"format\": \"iacmh-ret".to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice(b"urn\"\n}");
    let e = err(&bytes);
    assert_eq!(e, ParseError::NotUtf8 { line: 2, column: 23 });
    assert!(e.to_string().contains("not UTF-8"), "{e}");
}

#[test]
fn a_utf8_byte_order_mark_is_accepted_and_utf16_refused_clearly() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(example_json().as_bytes());
    assert_eq!(parse_return(&bytes).unwrap(), example::complete());

    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(example_json().encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let e = err(&utf16);
    assert_eq!(e, ParseError::Utf16);
    assert!(e.to_string().contains("save it as UTF-8"));
}

#[test]
fn deeply_nested_json() {
    // No field of a return holds arbitrary JSON, so deep nesting fails at its first level, and
    // is skipped without recursion where it is ignored: no stack overflow, a clear message.
    let deep = |depth: usize| format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    let e = err(deep(100_000).as_bytes());
    assert_eq!(e.code(), "wrong_format");

    let e = err(&edited("\"generator\": ", &format!("\"generator\": {}, \"x\": ", deep(100_000))));
    assert_eq!(e.pointer(), Some("/meta/generator"));
    assert!(e.to_string().contains("expected text in double quotes, found a list"), "{e}");

    let e = err(format!("{{\"format\":\"iacmh-return\",\"format_version\":1,\"meta\":{}}}", deep(100_000)).as_bytes());
    assert_eq!(e.pointer(), Some("/meta"));

    let e =
        err(format!("{{\"format\":\"iacmh-return\",\"format_version\":1,\"meta\":{}", "[".repeat(100_000)).as_bytes());
    assert_eq!(e.code(), "not_json");
}

#[test]
fn integers_beyond_64_bits() {
    let e = err(&edited("\"format_version\": 2", "\"format_version\": 340282366920938463463374607431768211456"));
    assert_eq!(e.code(), "bad_version");
    assert_eq!(e.pointer(), Some("/format_version"));

    let e = err(&edited("\"domain\": 1,", "\"domain\": 18446744073709551616,"));
    assert_eq!(e.pointer(), Some("/maturity/findings/0/domain"));
    assert!(e.to_string().contains("expected a whole number from 0 to 255"), "{e}");
}

#[test]
fn a_1_mb_comment_parses_and_validation_points_at_it() {
    let mut ret = example::complete();
    let id = "3.02".parse().unwrap();
    ret.maturity.answers.get_mut(id).unwrap().comment = Some("y".repeat(1 << 20));
    let parsed = parse_return(ret.to_json().as_bytes()).unwrap();
    let ds = validate(&parsed);
    assert_eq!(ds.len(), 1);
    assert_eq!((ds[0].code, ds[0].path.as_str()), (Code::TooLong, "/maturity/answers/3.02/comment"));
}

fn with_answers(keys: impl Iterator<Item = String>) -> Vec<u8> {
    let entries: Vec<String> = keys.map(|k| format!("\"{k}\": {{\"rating\": \"yes_working_well\"}}")).collect();
    let json = example_json();
    let start = json.find("\"answers\": {").unwrap();
    let end = start + json[start..].find("\n    },").unwrap() + "\n    }".len();
    format!("{}\"answers\": {{{}}}{}", &json[..start], entries.join(","), &json[end..]).into_bytes()
}

#[test]
fn a_10000_entry_answer_map_is_reported_not_fatal() {
    // Every well-formed id there can be: 99 domains of 100 positions, 9,900 answers.
    let all = (1..=99).flat_map(|d| (0..=99).map(move |n| format!("{d}.{n:02}")));
    let ret = parse_return(&with_answers(all)).unwrap();
    assert_eq!(ret.maturity.answers.len(), 9_900);
    let unknown = validate(&ret).iter().filter(|d| d.code == Code::UnknownQuestion).count();
    assert_eq!(unknown, 9_900 - 161);

    // A 10,000th entry cannot be a well-formed id: the error names it and where it is.
    let more = (1..=99)
        .flat_map(|d| (0..=99).map(move |n| format!("{d}.{n:02}")))
        .chain((0..100).map(|i| format!("100.{i:02}")));
    let e = err(&with_answers(more));
    assert!(e.to_string().contains("`100.00` is not a question id"), "{e}");
    assert!(e.position().is_some());
}

#[test]
fn the_same_question_twice_is_an_error() {
    let e = err(&edited("\"1.01\": {", "\"1.01\": {\"rating\": \"no_needs_action\"}, \"1.01\": {"));
    assert!(e.to_string().contains("question 1.01 is answered twice"), "{e}");
    let (line, _) = e.position().unwrap();
    assert!(line > 1);
}

/// Found by the `serde_diff` fuzz target: JSON's grammar allows a lone surrogate escape, so the
/// first pass accepts the file as JSON; in a field name it was then reported as "not valid JSON"
/// with no pointer, where in a value it is an error about that value.
#[test]
fn a_lone_surrogate_in_a_field_name_is_an_error_about_its_object() {
    let e = err(&edited("\"scope\": {", "\"scope\": {\"x\\ud83d\": 1, "));
    assert_eq!((e.code(), e.pointer()), ("invalid", Some("/scope")), "{e}");
    assert!(e.to_string().contains("invalid \\u escape: a lone surrogate at /scope"), "{e}");
    assert_eq!(e.position(), Some((6, 21)));

    let e = err(b"{\"format\": \"iacmh-return\", \"format_version\": 2, \"\\udc00\": 3}");
    assert_eq!((e.code(), e.pointer()), ("invalid", Some("")), "{e}");
    assert!(e.to_string().contains("a lone surrogate at the top level"), "{e}");

    // In a value, as before: the value's pointer.
    let e = err(&edited("\"team\": \"", "\"team\": \"\\ud800"));
    assert_eq!((e.code(), e.pointer()), ("invalid", Some("/scope/team")), "{e}");
}

/// Found by the `serde_diff` fuzz target in its 30-minute run: the same in a keyword (a rating,
/// a level, a status), whose text was read without the pointer.
#[test]
fn a_lone_surrogate_in_a_keyword_is_an_error_about_it() {
    let e = err(&edited("\"level\": \"icb\"", "\"level\": \"ic\\ude00\""));
    assert_eq!((e.code(), e.pointer()), ("invalid", Some("/scope/level")), "{e}");
    let e = err(&edited("\"rating\": \"", "\"rating\": \"\\ud83d"));
    assert_eq!((e.code(), e.pointer()), ("invalid", Some("/maturity/answers/1.01/rating")), "{e}");
}

#[test]
fn a_file_over_the_limit_is_refused_before_parsing() {
    let big = vec![b' '; MAX_RETURN_BYTES as usize + 1];
    let e = err(&big);
    assert_eq!(e, ParseError::TooLarge { size: MAX_RETURN_BYTES + 1, limit: MAX_RETURN_BYTES });
    assert!(e.to_string().contains("a return may be at most 4 MB"), "{e}");
}

#[test]
fn a_misspelt_field_is_an_error_not_lost() {
    let e = err(&edited("\"assured\":", "\"asured\":"));
    assert!(e.to_string().contains("unknown field `asured`"), "{e}");
    assert!(e.pointer().unwrap().starts_with("/outcome"), "{e}");
}

#[test]
fn missing_top_level_parts() {
    for part in ["index_version", "scope", "maturity", "outcome", "meta"] {
        let mut v: serde_json::Value = serde_json::from_str(&example_json()).unwrap();
        v.as_object_mut().unwrap().remove(part);
        let e = err(serde_json::to_string_pretty(&v).unwrap().as_bytes());
        assert!(e.to_string().contains(&format!("missing field `{part}`")), "{e}");
        assert_eq!(e.pointer(), Some(""), "{e}");
    }
    // Below the top level, a required field too: an answer's rating.
    let json = example_json().replacen("\"rating\": \"", "\"ratin\": \"", 1);
    let e = err(json.as_bytes());
    assert!(e.to_string().contains("unknown field `ratin`"), "{e}");
}

#[test]
fn another_format_and_newer_versions() {
    let e = err(&edited("\"format\": \"iacmh-return\"", "\"format\": \"nhs-template\""));
    assert_eq!(e.code(), "wrong_format");
    assert!(e.to_string().contains("\"nhs-template\""), "{e}");

    for other in [&b"[1, 2, 3]"[..], b"\"iacmh-return\"", b"42", b"null", b"{\"name\": \"my spreadsheet\"}"] {
        assert_eq!(err(other).code(), "wrong_format", "{}", String::from_utf8_lossy(other));
    }

    let e = err(&edited("\"format_version\": 2", "\"format_version\": 3"));
    assert_eq!(e, ParseError::NewerVersion { found: 3, supported: 2 });
    assert!(e.to_string().contains("made by a newer version of iacmh"), "{e}");
    // A newer file is reported as newer even when it has fields this version does not know.
    let e = err(&edited("\"format_version\": 2", "\"format_version\": 7, \"signed_with\": \"x\""));
    assert_eq!(e.code(), "newer_version");

    let e = err(&edited("\"format_version\": 2", "\"format_version\": null"));
    assert!(e.to_string().contains("no `format_version`"), "{e}");
    for v in ["0", "-1", "1.5", "\"1\""] {
        let e = err(&edited("\"format_version\": 2", &format!("\"format_version\": {v}")));
        assert_eq!(e.code(), "bad_version", "{v}: {e}");
    }
}

#[test]
fn summaries_speak_plainly_and_name_no_field() {
    let cases = [
        (err(b""), "The file is empty"),
        (err(b"{\"name\": \"my spreadsheet\"}"), "This file is not a return from this form"),
        (err(b"not json at all"), "This file is not a return from this form"),
        (err(&edited("\"format_version\": 2", "\"format_version\": 3")), "made by a newer version of this form"),
        (err(&edited("\"level\": \"icb\"", "\"level\": 5")), "changed outside the form"),
        (err(&[0xFF, 0xFE, 0x7B, 0x00]), "not text this form can read"),
    ];
    for (e, expected) in cases {
        let s = e.summary();
        assert!(s.contains(expected), "{s}");
        // No JSON keys, pointers or quoting: those are in `Display`, for whoever made the file.
        assert!(!s.contains('`') && !s.contains('/') && !s.contains('"'), "{s}");
    }
    // A v1 file is still read, as a draft, and written back as v2.
    let v1 = String::from_utf8(edited("\"format_version\": 2", "\"format_version\": 1")).unwrap();
    let v1 = v1.replace("  \"status\": \"draft\",\n", "");
    let ret = parse_return(v1.as_bytes()).unwrap();
    assert_eq!(ret.status, iacmh_review::ReturnStatus::Draft);
    assert_eq!(ret.format_version, 2);
    assert_eq!(ret.to_json(), example_json().trim_end());
}
