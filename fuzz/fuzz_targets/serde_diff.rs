//! The crate's own JSON reader against serde_json with serde's derived readers of the same
//! declarations (`json_struct!` gives each type of the format both; `tests/properties.rs` holds
//! the two together on mutated returns, this on whatever libFuzzer makes):
//! - `json::scan` accepts exactly the texts serde_json accepts as JSON (beyond serde_json's
//!   nesting limit of 128, where only the crate reads on);
//! - on well-formed JSON, the typed reader accepts exactly what `serde_json::from_str::<Return>`
//!   accepts, with equal values, save that serde takes a list in place of a struct (its fields
//!   in order), which the crate refuses;
//! - a return `parse_return` accepts is the one serde reads (in the newest format version).
#![no_main]

use iacmh_review::json::{Reader, scan};
use iacmh_review::{FORMAT_VERSION, Return, parse_return};
use libfuzzer_sys::fuzz_target;
use serde::de::IgnoredAny;

fuzz_target!(|data: &[u8]| {
    // (serde_json does not check the UTF-8 of strings it ignores, so only the crate is asked.)
    let Ok(text) = std::str::from_utf8(data) else {
        assert!(parse_return(data).is_err());
        return;
    };
    let ours = scan(text);
    let theirs = serde_json::from_str::<IgnoredAny>(text);
    match (&ours, &theirs) {
        (Ok(_), Ok(_)) | (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) if e.to_string().starts_with("recursion limit exceeded") => return,
        _ => panic!("the scanner says {ours:?}, serde_json {theirs:?}"),
    }
    if ours.is_err() {
        return;
    }

    let ours = Reader::read_document::<Return>(text);
    let theirs = serde_json::from_str::<Return>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(_)) => assert!(a.pointer.is_some(), "{a:?}"),
        (Err(a), Ok(_)) if a.detail.starts_with("expected an object (fields in curly brackets), found a list") => {}
        (_, Err(e)) if e.to_string().starts_with("recursion limit exceeded") => {}
        _ => panic!("the typed reader says {ours:?}, serde {:?}", theirs.map(|_| ())),
    }

    if let Ok(ret) = parse_return(data) {
        // serde_json refuses the UTF-8 byte-order mark that `parse_return` skips.
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut theirs = serde_json::from_str::<Return>(text).expect("serde reads what the crate reads");
        theirs.format_version = FORMAT_VERSION;
        assert_eq!(ret, theirs);
    }
});
