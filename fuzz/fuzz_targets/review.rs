//! A return read from any bytes, then validated, checked for what is outstanding, measured for
//! completeness and scored: no panic, and the properties in `iacmh_fuzz::check_review` hold.
#![no_main]

use iacmh_review::parse_return;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(ret) = parse_return(data) {
        iacmh_fuzz::check_review(&ret);
    }
});
