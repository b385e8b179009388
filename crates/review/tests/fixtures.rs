//! The real-world BNSSG return and the generated artefacts committed to the repository: each
//! must match what the crate produces now. Run with `UPDATE_GENERATED=1` to rewrite them.

use std::path::PathBuf;

use iacmh_review::{Code, Index, Stage, completeness, example, parse_return, schema, score, validate};

/// A file of this crate: its tests read nothing outside it, so they also run from the package.
fn crate_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Asserts the committed file equals `expected`, or rewrites it when asked to.
fn ensure_file_contents(path: &str, expected: &str) {
    let path = crate_file(path);
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if actual == expected {
        return;
    }
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, expected).unwrap();
        return;
    }
    panic!("{} is out of date; run `UPDATE_GENERATED=1 cargo test -p iacmh-review --test fixtures`", path.display());
}

#[test]
fn committed_schema_is_current() {
    let text = serde_json::to_string_pretty(&schema()).unwrap() + "\n";
    ensure_file_contents("schema/return-v2.schema.json", &text);
}

#[test]
fn committed_example_is_current() {
    ensure_file_contents("tests/fixtures/example-complete.json", &(example::complete().to_json() + "\n"));
}

#[test]
fn schema_describes_the_fixed_contract() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["additionalProperties"], false);
    assert_eq!(s["properties"]["format"]["const"], "iacmh-return");
    assert_eq!(s["properties"]["format_version"]["minimum"], 1);
    assert_eq!(s["properties"]["format_version"]["maximum"], 2);
    assert_eq!(s["properties"]["status"]["$ref"], "#/$defs/ReturnStatus");
    let required: Vec<&str> = s["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for key in ["format", "format_version", "index_version", "scope", "maturity", "outcome", "meta"] {
        assert!(required.contains(&key), "{key} not required");
    }
    let rating = serde_json::to_string(&s["$defs"]["Rating"]).unwrap();
    for r in ["no_needs_action", "no_action_in_hand", "yes_needs_improvement", "yes_working_well", "not_applicable"] {
        assert!(rating.contains(r), "{r} missing from {rating}");
    }
    let provision = &s["$defs"]["Provision"]["properties"];
    for key in [
        "key_worker_continuity",
        "families_and_carers_involved",
        "long_term_care_planning",
        "information_sharing_protocols",
        "dna_used_as_discharge_reason",
        "mdt_oversees_discharge",
    ] {
        assert!(provision.get(key).is_some(), "{key}");
    }
}

#[test]
fn bnssg_return_validates_with_the_expected_findings() {
    let bytes = std::fs::read(crate_file("tests/fixtures/bnssg-2024-09.json")).unwrap();
    let ret = parse_return(&bytes).unwrap();
    let found: Vec<(Code, String)> = validate(&ret).into_iter().map(|d| (d.code, d.path)).collect();
    assert_eq!(
        found,
        [
            // The published copy of the template leaves the operational lead's details out.
            (Code::Required, "/outcome/review/operational_lead".to_owned()),
            (Code::Required, "/outcome/review/operational_lead_email".to_owned()),
            // BNSSG answered "Yes": DNAs are used as a reason for discharge in practice.
            (Code::DnaUsedForDischarge, "/outcome/provision/dna_used_as_discharge_reason".to_owned()),
        ]
    );
    // Its maturity answers are not in the published paper.
    let c = completeness(&ret);
    assert_eq!((c.maturity.done, c.template.done, c.template.total), (0, 17, 19));
    let card = score(&ret).unwrap();
    assert_eq!(card.overall.stage, Stage::NotStarted);
    assert_eq!(card.overall.score, None);
    assert_eq!(ret.outcome.assured, Some(false));
    assert_eq!(ret.maturity.findings.len(), 13);
}

#[test]
fn enum_keys_match_their_json() {
    use iacmh_review::{BarrierCategory, Rating};
    for c in BarrierCategory::ALL {
        assert_eq!(serde_json::to_value(c).unwrap(), c.key());
    }
    for r in Rating::ALL {
        assert_eq!(serde_json::to_value(r).unwrap(), r.key());
    }
}

#[test]
fn scoring_matches_hand_computation() {
    use iacmh_review::{Answer, Answers, Rating, score_with};
    let index = Index::current();
    let mut answers = Answers::default();
    let mut put = |id: &str, rating| {
        answers.insert(id.parse().unwrap(), Answer { rating, comment: None });
    };
    // Domain 9: four essentials. 3 + 3 + 2 + 1 = 9 of 12 points: 75.0, one essential "No".
    put("9.01", Rating::YesWorkingWell);
    put("9.02", Rating::YesWorkingWell);
    put("9.03", Rating::YesNeedsImprovement);
    put("9.04", Rating::NoActionInHand);
    // Domain 13: 13.04 and 13.07 are enhancers, the rest desirable. All yes: essentials
    // vacuously met, enhancers met: enhanced. 7 at 3 points and 13.08 at 2: 23 of 24 = 95.8.
    for n in 1..=7 {
        put(&format!("13.{n:02}"), Rating::YesWorkingWell);
    }
    put("13.08", Rating::YesNeedsImprovement);
    // Domain 6: 6.01, 6.03, 6.05 essential; 6.04 enhancer; 6.02 desirable. Essentials answered
    // yes, enhancer "No": essentials met. (3 + 2 + 3 + 0) / 12 = 66.7; 6.02 unanswered.
    put("6.01", Rating::YesWorkingWell);
    put("6.03", Rating::YesNeedsImprovement);
    put("6.05", Rating::YesWorkingWell);
    put("6.04", Rating::NoNeedsAction);
    // Domain 7: only 7.01 answered, 7.03 (essential) open: in progress.
    put("7.01", Rating::YesWorkingWell);
    // Domain 14: everything working well or n/a: embedded.
    for n in 1..=9 {
        put(&format!("14.{n:02}"), if n == 5 { Rating::NotApplicable } else { Rating::YesWorkingWell });
    }
    let card = score_with(index, &answers);
    let d = |n: usize| &card.domains[n - 1];
    let pct = |n: usize| format!("{:.1}", d(n).score.score.unwrap());
    assert_eq!((pct(9), d(9).score.stage), ("75.0".to_owned(), Stage::EssentialsNotMet));
    assert_eq!((pct(13), d(13).score.stage), ("95.8".to_owned(), Stage::Enhanced));
    assert_eq!((pct(6), d(6).score.stage), ("66.7".to_owned(), Stage::EssentialsMet));
    assert_eq!((pct(7), d(7).score.stage), ("100.0".to_owned(), Stage::InProgress));
    assert_eq!((pct(14), d(14).score.stage), ("100.0".to_owned(), Stage::Embedded));
    assert_eq!((d(14).score.answered, d(14).score.rated), (9, 8));
    assert_eq!(d(1).score.stage, Stage::NotStarted);
    // Priority areas: 9.04 essential, 6.04 enhancer.
    let ids = |v: &[iacmh_review::PriorityArea]| v.iter().map(|a| a.id.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&d(9).priority_areas.essential), ["9.04"]);
    assert_eq!(ids(&d(6).priority_areas.enhancer), ["6.04"]);
    assert!(d(13).priority_areas.is_empty());
    // Overall: 9 + 23 + 8 + 3 + 24 = 67 points over 4 + 8 + 4 + 1 + 8 = 25 rated: 89.3.
    assert_eq!(format!("{:.1}", card.overall.score.unwrap()), "89.3");
    assert_eq!(card.overall.stage, Stage::EssentialsNotMet);
    assert_eq!(card.overall.answered, 26);
}
