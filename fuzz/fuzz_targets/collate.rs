//! Several files collated: the input is split at 0xFF bytes into up to eight texts, each read
//! as a file would be. Every file is accounted for once (collated, of an earlier round,
//! unreadable or a duplicate), the counts add up, and the same files given in the opposite order
//! keep the same ones (the README: duplicates are settled "whatever order the files come in").
#![no_main]

use std::collections::BTreeSet;

use iacmh_review::collate::{Collation, Input, collate};
use iacmh_review::parse_return;
use libfuzzer_sys::fuzz_target;

fn inputs<'a>(files: impl Iterator<Item = &'a (String, &'a [u8])>) -> Vec<Input> {
    files.map(|(name, text)| Input { name: name.clone(), content: parse_return(text).map_err(Into::into) }).collect()
}

fn kept(c: &Collation) -> [BTreeSet<&str>; 2] {
    [&c.returns, &c.earlier_rounds].map(|list| list.iter().map(|r| r.file.as_str()).collect())
}

fuzz_target!(|data: &[u8]| {
    let files: Vec<(String, &[u8])> =
        iacmh_fuzz::pieces(data).into_iter().enumerate().map(|(i, t)| (format!("r{i}.json"), t)).collect();
    let c = collate(inputs(files.iter()));
    assert_eq!(c.returns.len() + c.earlier_rounds.len() + c.unreadable.len() + c.duplicates.len(), files.len());
    assert_eq!(c.kept.len(), c.returns.len());
    // National counts are over ICB-level returns only.
    let icbs = c.icb_returns().count();
    for q in &c.questions {
        assert_eq!(q.ratings.iter().sum::<usize>() + q.unanswered, icbs, "{q:?}");
    }
    for p in &c.provision {
        assert_eq!(p.yes + p.no + p.unanswered, icbs, "{p:?}");
    }
    for b in &c.barriers {
        assert!(b.returns <= b.of && b.of == icbs, "{b:?}");
    }
    let england = c.regions().pop().expect("England");
    assert_eq!(england.received, icbs);
    assert!(!c.summary().is_empty());
    serde_json::to_string(&c).expect("a collation serialises");

    let reversed = collate(inputs(files.iter().rev()));
    assert_eq!(kept(&c), kept(&reversed), "which files are kept depends on their order");
});
