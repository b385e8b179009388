//! Any bytes through `parse_return`: no panic; a refusal has a code, a message and, where it
//! gives one, a real line and column; a return read is written back and read again unchanged.
#![no_main]

use iacmh_review::parse_return;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match parse_return(data) {
        Ok(ret) => {
            let json = ret.to_json();
            let back = parse_return(json.as_bytes()).expect("the crate reads what it writes");
            assert_eq!(back, ret);
            assert_eq!(back.to_json(), json);
        }
        Err(e) => {
            assert!(!e.code().is_empty() && !e.to_string().is_empty() && !e.summary().is_empty());
            if let Some((line, column)) = e.position() {
                assert!(line >= 1 && column >= 1, "{e:?}");
                assert!(line <= data.iter().filter(|&&b| b == b'\n').count() + 1, "{e:?}");
            }
        }
    }
});
