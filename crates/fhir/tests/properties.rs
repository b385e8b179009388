//! Any return goes to a QuestionnaireResponse and back unchanged: generated returns with
//! arbitrary text (empty, whitespace, control characters, any Unicode) in every kind of field,
//! optional values present, absent or empty, and answers the edition lacks.

use iacmh_review::{Answer, CommitteeMember, FindingRow, Rating, Return, Task, example};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

fn round_trip(ret: &Return) -> Return {
    let text = serde_json::to_string(&iacmh_fhir::response(ret)).unwrap();
    iacmh_fhir::import(&text).unwrap_or_else(|e| panic!("{e}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_return_round_trips(
        seed in 0u64..120,
        texts in vec(any::<String>(), 10),
        optional in vec(option::of(any::<String>()), 8),
        list in vec(any::<String>(), 0..4),
        flags in vec(any::<bool>(), 4),
        question in (1u8..20, 1u8..40),
        rating in 0usize..5,
        domain in any::<u8>(),
    ) {
        let mut ret = example::generated(seed);
        ret.scope.icb = texts[0].clone();
        ret.scope.region = texts[1].clone();
        ret.scope.organisation = texts[2].clone();
        ret.scope.team = texts[3].clone();
        ret.outcome.gaps = texts[4].clone();
        ret.outcome.review.sro_name = texts[5].clone();
        ret.meta.generator = texts[6].clone();
        ret.outcome.review.providers = list;
        ret.round = optional[0].clone();
        ret.maturity.date_completed = optional[1].clone();
        ret.maturity.sign_off.icb_sro.date = optional[2].clone();
        ret.meta.created = optional[3].clone();
        ret.meta.updated = optional[4].clone();
        ret.maturity.answers.insert(
            iacmh_review::QuestionId::new(question.0, question.1),
            Answer { rating: Rating::ALL[rating], comment: optional[5].clone() },
        );
        ret.maturity.findings.push(FindingRow {
            domain,
            question: flags[0].then(|| iacmh_review::QuestionId::new(question.0, question.1)),
            finding: texts[7].clone(),
            owner: texts[8].clone(),
            due: optional[6].clone(),
            completed: flags[1],
            ..FindingRow::default()
        });
        ret.maturity.sign_off.committee.push(CommitteeMember { name: texts[9].clone(), designation: String::new() });
        ret.outcome.assured = flags[2].then_some(flags[3]);
        if flags[3] {
            ret.completed_sections = vec![Task::Findings, Task::Domain(question.0.clamp(1, 14))];
        }
        prop_assert_eq!(round_trip(&ret), ret);
    }
}
