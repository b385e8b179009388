//! Properties over generated returns: JSON round-trips unchanged, and validation, scoring and
//! parsing never panic, whatever the input.

use iacmh_review::{
    Answer, Answers, BarrierCategory, Barriers, CommitteeMember, FindingRow, Maturity, Meta, Outcome, Provision,
    QuestionId, Rating, Return, ReviewDetails, Scope, ScopeLevel, SignOff, Signature, completeness, example,
    parse_return, score, validate,
};
use proptest::prelude::*;

fn text() -> BoxedStrategy<String> {
    prop_oneof![Just(String::new()), "[a-z ]{1,20}", ".{0,40}", "\\PC{0,8}"].boxed()
}

fn date() -> BoxedStrategy<Option<String>> {
    prop_oneof![Just(None), "20[0-9]{2}-[0-1][0-9]-[0-3][0-9]".prop_map(Some), text().prop_map(Some)].boxed()
}

fn rating() -> BoxedStrategy<Rating> {
    prop::sample::select(Rating::ALL.to_vec()).boxed()
}

fn answers() -> BoxedStrategy<Answers> {
    prop::collection::btree_map(
        (1u8..=99, 0u8..=99).prop_map(|(d, n)| QuestionId::new(d, n)),
        (rating(), prop::option::of(text())).prop_map(|(rating, comment)| Answer { rating, comment }),
        0..200,
    )
    .prop_map(Answers)
    .boxed()
}

fn signature() -> BoxedStrategy<Signature> {
    (text(), text(), date()).prop_map(|(name, organisation, date)| Signature { name, organisation, date }).boxed()
}

fn maturity() -> BoxedStrategy<Maturity> {
    let question = prop::option::of((1u8..=99, 0u8..=99).prop_map(|(d, n)| QuestionId::new(d, n)));
    let row = (any::<u8>(), question, text(), text(), text(), date(), any::<bool>(), text()).prop_map(
        |(domain, question, finding, action, owner, due, completed, comments)| FindingRow {
            domain,
            question,
            finding,
            action,
            owner,
            due,
            completed,
            comments,
        },
    );
    let sign_off = (
        prop::collection::vec(
            (text(), text()).prop_map(|(name, designation)| CommitteeMember { name, designation }),
            0..4,
        ),
        [signature(), signature(), signature(), signature(), signature()],
    )
        .prop_map(|(committee, [a, b, c, d, e])| SignOff {
            committee,
            icb_sro: a,
            trust_medical_director: b,
            trust_director_of_nursing: c,
            icb_chief_medical_officer: d,
            icb_chief_nursing_officer: e,
        });
    (answers(), prop::collection::vec(row, 0..6), date(), date(), sign_off)
        .prop_map(|(answers, findings, date_completed, review_date, sign_off)| Maturity {
            answers,
            findings,
            date_completed,
            review_date,
            sign_off,
        })
        .boxed()
}

fn outcome() -> BoxedStrategy<Outcome> {
    let b = || prop::option::of(any::<bool>());
    let review = (text(), text(), prop::collection::vec(text(), 0..4), b(), text(), text(), text()).prop_map(
        |(icb_name, region, providers, review_completed, sro_name, operational_lead, operational_lead_email)| {
            ReviewDetails {
                icb_name,
                region,
                providers,
                review_completed,
                sro_name,
                operational_lead,
                operational_lead_email,
            }
        },
    );
    let provision = (b(), b(), b(), b(), b(), b()).prop_map(|(a, c, d, e, f, g)| Provision {
        key_worker_continuity: a,
        families_and_carers_involved: c,
        long_term_care_planning: d,
        information_sharing_protocols: e,
        dna_used_as_discharge_reason: f,
        mdt_oversees_discharge: g,
    });
    let barriers = (text(), prop::collection::vec(prop::sample::select(BarrierCategory::ALL.to_vec()), 0..4))
        .prop_map(|(text, categories)| Barriers { text, categories });
    (review, text(), text(), b(), text(), barriers, provision, (text(), text(), text()))
        .prop_map(
            |(
                review,
                organisations_reviewed,
                policies_reviewed,
                assured,
                gaps,
                barriers,
                provision,
                (next_steps, good_practice, support_needed),
            )| {
                Outcome {
                    review,
                    organisations_reviewed,
                    policies_reviewed,
                    assured,
                    gaps,
                    barriers,
                    provision,
                    next_steps,
                    good_practice,
                    support_needed,
                }
            },
        )
        .boxed()
}

fn a_return() -> BoxedStrategy<Return> {
    let scope = (prop::sample::select(ScopeLevel::ALL.to_vec()), text(), text(), text(), text())
        .prop_map(|(level, icb, region, organisation, team)| Scope { level, icb, region, organisation, team });
    let meta = (date(), date(), text()).prop_map(|(created, updated, generator)| Meta { created, updated, generator });
    let version = prop_oneof![Just("midlands-2024.1".to_owned()), text()];
    (version, scope, maturity(), outcome(), meta)
        .prop_map(|(index_version, scope, maturity, outcome, meta)| Return {
            format: "iacmh-return".to_owned(),
            format_version: 1,
            index_version,
            scope,
            maturity,
            outcome,
            meta,
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
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

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
            text.replace_range(i..(i + 1).min(text.len()), &token);
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
