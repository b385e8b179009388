//! Every validation rule, each checked by changing one thing in a complete, valid return and
//! asserting exactly which diagnostics appear.

use iacmh_review::template::Field;
use iacmh_review::{
    Answer, Code, Edit, FindingRow, Outstanding, ProvisionQuestion, QuestionId, Rating, Return, ReturnStatus, Scope,
    ScopeLevel, Severity, SignOffDate, Signatory, Task, TaskStatus, completeness, example, outstanding, validate,
};

fn q(id: &str) -> QuestionId {
    id.parse().unwrap()
}

fn rate(ret: &mut Return, id: &str, rating: Rating, comment: Option<&str>) {
    ret.maturity.answers.insert(q(id), Answer { rating, comment: comment.map(str::to_owned) });
}

fn found(ret: &Return) -> Vec<(Code, String)> {
    validate(ret).into_iter().map(|d| (d.code, d.path)).collect()
}

/// Applies `change` to the complete example and asserts the diagnostics are exactly `expected`.
fn check(change: impl FnOnce(&mut Return), expected: &[(Code, &str)]) {
    let mut ret = example::complete();
    change(&mut ret);
    let got = found(&ret);
    let want: Vec<(Code, String)> = expected.iter().map(|(c, p)| (*c, (*p).to_owned())).collect();
    assert_eq!(got, want, "\nall diagnostics: {:#?}", validate(&ret));
}

#[test]
fn the_complete_example_has_no_diagnostics() {
    check(|_| {}, &[]);
}

#[test]
fn every_code_has_the_severity_its_kind_implies() {
    let mut ret = example::complete();
    ret.outcome.review.operational_lead_email = "not an email".into();
    ret.outcome.provision.dna_used_as_discharge_reason = Some(true);
    let found: Vec<(Code, Severity)> = validate(&ret).iter().map(|d| (d.code, d.severity)).collect();
    assert_eq!(found, [(Code::InvalidEmail, Severity::Error), (Code::DnaUsedForDischarge, Severity::Warning)]);
    // The cross-checks the README lists as warnings are warnings; every other code is an error.
    let warnings = [
        Code::UnknownIcb,
        Code::IcbRegionMismatch,
        Code::ScopeMismatch,
        Code::ProvisionContradicted,
        Code::AssuredWithUnmetEssentials,
        Code::EssentialNotApplicableWithoutComment,
        Code::DnaUsedForDischarge,
        Code::BarriersUncategorised,
        Code::FindingOutOfDate,
        Code::PersonalData,
    ];
    for code in Code::ALL {
        let expected = if warnings.contains(&code) { Severity::Warning } else { Severity::Error };
        assert_eq!(code.severity(), expected, "{code:?}");
    }
}

#[test]
fn missing_template_fields_are_errors_with_plain_messages() {
    check(
        |r| {
            r.outcome.review.sro_name.clear();
            r.outcome.provision.mdt_oversees_discharge = None;
            r.outcome.next_steps = "   ".into();
        },
        &[
            (Code::Required, "/outcome/review/sro_name"),
            (Code::Required, "/outcome/provision/mdt_oversees_discharge"),
            (Code::Required, "/outcome/next_steps"),
        ],
    );
    let mut ret = example::complete();
    ret.outcome.review.sro_name.clear();
    let d = &validate(&ret)[0];
    assert_eq!(d.message, "Enter the name of the SRO overseeing the review");
}

#[test]
fn optional_template_fields_may_be_empty() {
    check(
        |r| {
            r.outcome.good_practice.clear();
            r.outcome.support_needed.clear();
        },
        &[],
    );
}

#[test]
fn invalid_email() {
    for bad in ["lead", "lead@nhs", "lead @nhs.net", "lead@@nhs.net"] {
        check(
            |r| r.outcome.review.operational_lead_email = bad.into(),
            &[(Code::InvalidEmail, "/outcome/review/operational_lead_email")],
        );
    }
}

#[test]
fn region_must_be_one_of_the_seven() {
    check(
        |r| {
            r.scope.region = "Wessex".into();
            r.outcome.review.region = "Wessex".into();
        },
        &[(Code::InvalidRegion, "/scope/region"), (Code::InvalidRegion, "/outcome/review/region")],
    );
}

#[test]
fn not_assured_requires_gaps_and_barriers() {
    check(
        |r| {
            r.outcome.assured = Some(false);
            r.outcome.gaps.clear();
            r.outcome.barriers = Default::default();
        },
        &[(Code::Required, "/outcome/gaps"), (Code::Required, "/outcome/barriers/text")],
    );
}

#[test]
fn assured_needs_no_gaps_or_barriers() {
    check(
        |r| {
            // Clear every essential "No, action is needed" so that assured is coherent.
            for (_, a) in r.maturity.answers.iter_mut() {
                if a.rating == Rating::NoNeedsAction {
                    a.rating = Rating::NoActionInHand;
                }
            }
            r.outcome.assured = Some(true);
            r.outcome.gaps.clear();
            r.outcome.barriers = Default::default();
        },
        &[],
    );
}

#[test]
fn unknown_question_id() {
    check(|r| rate(r, "15.01", Rating::YesWorkingWell, None), &[(Code::UnknownQuestion, "/maturity/answers/15.01")]);
    check(|r| rate(r, "1.34", Rating::YesWorkingWell, None), &[(Code::UnknownQuestion, "/maturity/answers/1.34")]);
}

#[test]
fn answers_from_another_index_version() {
    check(|r| r.index_version = "midlands-2023.0".into(), &[(Code::UnknownIndexVersion, "/index_version")]);
}

#[test]
fn impossible_dates_and_a_review_before_completion() {
    check(
        |r| {
            r.maturity.date_completed = Some("2024-02-30".into());
            r.maturity.sign_off.icb_sro.date = Some("30/09/2024".into());
        },
        &[(Code::InvalidDate, "/maturity/date_completed"), (Code::InvalidDate, "/maturity/sign_off/icb_sro/date")],
    );
    check(
        |r| {
            r.maturity.date_completed = Some("2024-09-30".into());
            r.maturity.review_date = Some("2024-09-29".into());
        },
        &[(Code::ReviewBeforeCompletion, "/maturity/review_date")],
    );
    check(|r| r.maturity.review_date = Some("2024-09-20".into()), &[]);
}

#[test]
fn a_findings_row_with_an_action_needs_an_owner_and_a_due_date() {
    let row =
        FindingRow { domain: 3, finding: "Caseloads too large".into(), action: "Recruit".into(), ..Default::default() };
    check(
        |r| {
            r.maturity.findings.clear();
            r.maturity.findings.push(row.clone());
        },
        &[
            (Code::ActionWithoutOwner, "/maturity/findings/0/owner"),
            (Code::ActionWithoutDueDate, "/maturity/findings/0/due"),
        ],
    );
    // A finding without an action yet is fine: the action plan may still be in development.
    check(
        |r| {
            r.maturity.findings = vec![FindingRow { action: String::new(), ..row.clone() }];
        },
        &[],
    );
    check(
        |r| {
            r.maturity.findings =
                vec![FindingRow { domain: 15, owner: "Lead".into(), due: Some("2025-13-01".into()), ..row.clone() }];
        },
        &[(Code::UnknownDomain, "/maturity/findings/0/domain"), (Code::InvalidDate, "/maturity/findings/0/due")],
    );
}

#[test]
fn dna_claim_contradicted_by_the_dna_policy_question() {
    check(
        |r| {
            rate(r, "11.01", Rating::NoNeedsAction, None);
            r.outcome.provision.dna_used_as_discharge_reason = Some(false);
        },
        &[(Code::ProvisionContradicted, "/outcome/provision/dna_used_as_discharge_reason")],
    );
    let mut ret = example::complete();
    rate(&mut ret, "11.01", Rating::NoNeedsAction, None);
    let d = validate(&ret).into_iter().next().unwrap();
    assert!(d.message.contains("\"No\""), "{}", d.message);
    assert!(d.message.contains("11.01 (No, action is needed)"), "{}", d.message);
}

#[test]
fn dna_used_is_flagged() {
    check(
        |r| r.outcome.provision.dna_used_as_discharge_reason = Some(true),
        &[(Code::DnaUsedForDischarge, "/outcome/provision/dna_used_as_discharge_reason")],
    );
}

#[test]
fn key_worker_claim_contradicted_by_domain_3() {
    check(
        |r| {
            r.outcome.provision.key_worker_continuity = Some(true);
            rate(r, "3.11", Rating::NoActionInHand, None);
        },
        &[(Code::ProvisionContradicted, "/outcome/provision/key_worker_continuity")],
    );
    // The questions behind the warning are parameters, for tools and for links in the form.
    let mut ret = example::complete();
    ret.outcome.provision.key_worker_continuity = Some(true);
    rate(&mut ret, "3.11", Rating::NoActionInHand, None);
    rate(&mut ret, "3.08", Rating::NoNeedsAction, None);
    let d = validate(&ret).into_iter().find(|d| d.code == Code::ProvisionContradicted).unwrap();
    let ids: Vec<String> = d.params.questions.iter().map(|q| q.to_string()).collect();
    assert_eq!(ids, ["3.08", "3.10", "3.11"]);
    assert_eq!(d.params.provision, Some(ProvisionQuestion::KeyWorkerContinuity));
    assert_eq!(d.params.field, Some(Field::KeyWorkerContinuity));
    // Answering "No" in the template is consistent with "No" ratings.
    check(
        |r| {
            r.outcome.provision.key_worker_continuity = Some(false);
            rate(r, "3.11", Rating::NoActionInHand, None);
        },
        &[],
    );
}

#[test]
fn assured_while_essentials_need_action() {
    check(
        |r| {
            r.outcome.assured = Some(true);
            rate(r, "4.01", Rating::NoNeedsAction, None);
        },
        &[(Code::AssuredWithUnmetEssentials, "/outcome/assured")],
    );
    let mut ret = example::complete();
    ret.outcome.assured = Some(true);
    rate(&mut ret, "4.01", Rating::NoNeedsAction, None);
    let d = validate(&ret).into_iter().find(|d| d.code == Code::AssuredWithUnmetEssentials).unwrap();
    assert!(d.params.questions.iter().any(|q| q.to_string() == "4.01"), "{d:?}");
    assert!(d.message.contains("4.01"));
}

#[test]
fn essential_not_applicable_needs_a_comment() {
    check(
        |r| rate(r, "1.01", Rating::NotApplicable, None),
        &[(Code::EssentialNotApplicableWithoutComment, "/maturity/answers/1.01/comment")],
    );
    check(
        |r| rate(r, "1.01", Rating::NotApplicable, Some("  ")),
        &[(Code::EssentialNotApplicableWithoutComment, "/maturity/answers/1.01/comment")],
    );
    check(|r| rate(r, "1.01", Rating::NotApplicable, Some("No inpatient beds in this scope.")), &[]);
    // Not essential: no comment needed.
    check(|r| rate(r, "1.24", Rating::NotApplicable, None), &[]);
}

#[test]
fn icb_names_are_checked_against_the_register() {
    check(
        |r| {
            r.scope.icb = "NHS Wessex ICB".into();
            r.outcome.review.icb_name = "NHS Wessex ICB".into();
        },
        &[(Code::UnknownIcb, "/scope/icb")],
    );
    check(
        |r| r.scope.icb = "QUY".into(),
        &[(Code::IcbRegionMismatch, "/scope/region"), (Code::ScopeMismatch, "/outcome/review/icb_name")],
    );
    let ret = example::complete();
    let formal = ret.scope.icb.clone();
    let short = formal.trim_start_matches("NHS ").replace(" Integrated Care Board", " ICB");
    check(|r| r.outcome.review.icb_name = short, &[]);
}

#[test]
fn barriers_without_categories_warn() {
    check(
        |r| {
            r.outcome.assured = Some(false);
            r.outcome.gaps = "Capacity".into();
            r.outcome.barriers.text = "Workforce".into();
            r.outcome.barriers.categories.clear();
        },
        &[(Code::BarriersUncategorised, "/outcome/barriers/categories")],
    );
}

#[test]
fn a_1_mb_comment_is_too_long_and_says_where() {
    let mut ret = example::complete();
    rate(&mut ret, "2.05", Rating::YesWorkingWell, Some(&"x".repeat(1 << 20)));
    let ds = validate(&ret);
    assert_eq!(ds.len(), 1, "{ds:#?}");
    assert_eq!((ds[0].code, ds[0].path.as_str()), (Code::TooLong, "/maturity/answers/2.05/comment"));
    assert!(ds[0].message.contains("1048576 characters") && ds[0].message.contains("5000"), "{}", ds[0].message);
}

#[test]
fn text_limits_count_characters_not_bytes() {
    // 5,000 three-byte characters are 15,000 bytes but within the 5,000-character limit.
    check(|r| rate(r, "2.05", Rating::YesWorkingWell, Some(&"€".repeat(5_000))), &[]);
    check(
        |r| rate(r, "2.05", Rating::YesWorkingWell, Some(&"€".repeat(5_001))),
        &[(Code::TooLong, "/maturity/answers/2.05/comment")],
    );
}

#[test]
fn scope_fields_required_by_level() {
    let mut ret = Return::new(Scope { level: ScopeLevel::Team, ..Scope::default() });
    ret.outcome = example::complete().outcome;
    let scope: Vec<_> = found(&ret).into_iter().filter(|(_, p)| p.starts_with("/scope")).collect();
    let paths: Vec<&str> = scope.iter().map(|(_, p)| p.as_str()).collect();
    assert_eq!(paths, ["/scope/icb", "/scope/region", "/scope/organisation", "/scope/team"]);
}

#[test]
fn a_new_draft_is_incomplete_but_only_missing_required_fields_are_errors() {
    let ret = Return::new(Scope {
        level: ScopeLevel::Icb,
        icb: "NHS Devon ICB".into(),
        region: "South West".into(),
        ..Scope::default()
    });
    let ds = validate(&ret);
    assert!(ds.iter().all(|d| d.code == Code::Required), "{ds:#?}");
    // 17 template fields are always required (7 review details, organisations, policies,
    // assured, 6 provision, next steps); gaps and barriers only once "not assured".
    assert_eq!(ds.len(), 17);
    let c = completeness(&ret);
    assert_eq!((c.maturity.done, c.maturity.total), (0, 161));
    assert_eq!((c.template.done, c.template.total), (0, 17));
}

#[test]
fn completeness_counts_by_domain_and_section() {
    let mut ret = Return::new(Scope::default());
    for id in ["7.01", "7.02", "7.03", "1.01", "1.14"] {
        rate(&mut ret, id, Rating::YesWorkingWell, None);
    }
    rate(&mut ret, "99.01", Rating::YesWorkingWell, None); // unknown: does not count
    ret.outcome.assured = Some(false);
    ret.outcome.gaps = "Capacity".into();
    ret.outcome.review.icb_name = "NHS Devon ICB".into();
    let c = completeness(&ret);
    assert_eq!((c.maturity.done, c.maturity.total), (5, 161));
    let d1 = &c.domains[0].progress;
    let d7 = &c.domains[6].progress;
    assert_eq!((d1.done, d1.total, d7.done, d7.total), (2, 33, 3, 3));
    assert!(d7.is_complete() && !d1.is_complete());
    let section = |i: usize| (c.sections[i].progress.done, c.sections[i].progress.total);
    assert_eq!(section(0), (1, 7)); // review details: ICB name only
    assert_eq!(section(3), (2, 3)); // outcome: assured and gaps of assured, gaps, barriers
    assert_eq!(section(4), (0, 6)); // provision
    assert_eq!((c.template.done, c.template.total), (3, 19));
    assert_eq!((c.sign_off.done, c.sign_off.total), (0, 8));
}

#[test]
fn team_and_provider_returns_need_no_national_template() {
    for level in [ScopeLevel::Team, ScopeLevel::Provider] {
        let mut ret = example::complete();
        ret.scope.level = level;
        ret.scope.organisation = "Avon and Wiltshire Mental Health Partnership NHS Trust".into();
        if level == ScopeLevel::Team {
            ret.scope.team = "Bristol Assertive Outreach".into();
        }
        ret.outcome = Default::default();
        assert_eq!(found(&ret), [], "{level:?}: the template is the ICB's answer");
        let c = completeness(&ret);
        assert_eq!((c.template.done, c.template.total), (0, 0), "{level:?}");
        assert_eq!(outstanding(&ret, &validate(&ret)), [], "{level:?}: nothing outstanding");
        assert!(Field::ALL.iter().all(|f| f.is_optional(level)));
        assert_eq!(c.status(Task::Outcome, &[], false), TaskStatus::Optional, "{level:?}");
        assert!(!c.unmarked().contains(&Task::Outcome), "{level:?}: an optional section need not be marked");
        // What a team fills in is still checked.
        ret.outcome.review.operational_lead_email = "not an email".into();
        assert!(
            found(&ret)
                .iter()
                .any(|(code, path)| *code == Code::InvalidEmail && path.ends_with("operational_lead_email")),
            "{level:?}"
        );
    }
    // An ICB return with the same empty template is not valid: 17 fields are required.
    let mut icb = example::complete();
    icb.outcome = Default::default();
    assert_eq!(found(&icb).iter().filter(|(code, _)| *code == Code::Required).count(), 17);
    assert!(!Field::Assured.is_optional(ScopeLevel::Icb));
}

#[test]
fn a_section_is_completed_only_once_the_group_marks_it() {
    let mut ret = Return::new(Scope::default());
    for id in ["7.01", "7.02", "7.03", "1.01"] {
        rate(&mut ret, id, Rating::YesWorkingWell, None);
    }
    let c = completeness(&ret);
    assert_eq!(c.status(Task::Domain(7), &[], false), TaskStatus::NotMarked);
    assert!(matches!(c.status(Task::Domain(1), &[], false), TaskStatus::InProgress(p) if p.done == 1));
    assert_eq!(c.status(Task::Domain(2), &[], false), TaskStatus::NotStarted);
    assert_eq!(c.unmarked().len(), 17, "14 domains, findings, sign-off and the template");

    ret.apply(Edit::MarkComplete(Task::Domain(7), true));
    // Marking a section not yet filled in records the mark, but it is not completed.
    ret.apply(Edit::MarkComplete(Task::Domain(1), true));
    let c = completeness(&ret);
    assert_eq!(c.status(Task::Domain(7), &[], false), TaskStatus::Completed);
    assert!(matches!(c.status(Task::Domain(1), &[], false), TaskStatus::InProgress(_)));
    let unmarked = c.unmarked();
    assert_eq!(unmarked.len(), 15);
    assert!(!unmarked.contains(&Task::Domain(7)) && unmarked.contains(&Task::Outcome));
}

#[test]
fn a_complete_return_may_be_final_and_an_incomplete_one_may_not() {
    let mut ret = example::complete();
    assert_eq!(outstanding(&ret, &validate(&ret)), []);
    ret.status = ReturnStatus::Final;
    assert_eq!(found(&ret), []);

    // The template filled and nothing rated: far from final.
    let mut empty = example::complete();
    empty.maturity.answers.clear();
    let left = outstanding(&empty, &validate(&empty));
    assert_eq!(left.iter().filter(|o| matches!(o, Outstanding::Unanswered { .. })).count(), 14);
    assert!(left[0].message().starts_with("Domain 1: Function of assertive outreach"), "{}", left[0].message());
    assert!(left[0].message().contains("33 questions not answered (1.01, 1.02, 1.03, 1.04, 1.05 and 28 more)"));
    assert_eq!(left[0].pointer(), "/maturity/answers/1.01");
    empty.status = ReturnStatus::Final;
    let d = validate(&empty);
    let fin: Vec<_> = d.iter().filter(|d| d.code == Code::FinalIncomplete).collect();
    assert_eq!(fin.len(), 1);
    assert_eq!(fin[0].path, "/status");
    assert!(fin[0].message.contains("is not complete: Domain 1"), "{}", fin[0].message);
}

#[test]
fn a_no_answer_needs_a_finding_with_action_owner_and_due_date() {
    let mut ret = example::complete();
    let id = QuestionId::new(5, 2);
    ret.maturity.findings.retain(|r| r.question != Some(id));
    ret.maturity.answers.insert(id, Answer { rating: Rating::NoNeedsAction, comment: None });
    let left = outstanding(&ret, &validate(&ret));
    assert_eq!(left, [Outstanding::NoFinding { question: id }]);
    ret.add_priority_findings();
    let left = outstanding(&ret, &validate(&ret));
    let row = ret.maturity.findings.iter().position(|r| r.question == Some(id)).unwrap();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].message(), format!("Finding {} has no action, owner or due date", row + 1));
    assert_eq!(left[0].pointer(), format!("/maturity/findings/{row}/action"));

    let mut ret = example::complete();
    ret.maturity.review_date = None;
    ret.maturity.sign_off.icb_sro.date = None;
    let left = outstanding(&ret, &validate(&ret));
    assert_eq!(left, [Outstanding::SignOffDate(SignOffDate::Review), Outstanding::Signature(Signatory::IcbSro)]);
    assert_eq!(left[1].message(), "The ICB SRO has not signed (name and date)");
}

#[test]
fn findings_whose_question_was_rerated_are_out_of_date() {
    let mut ret = example::complete();
    let row = ret.maturity.findings.iter().position(|r| r.question.is_some()).expect("a prefilled finding");
    let id = ret.maturity.findings[row].question.unwrap();
    ret.maturity.answers.insert(id, Answer { rating: Rating::YesWorkingWell, comment: None });
    let d: Vec<_> = validate(&ret).into_iter().filter(|d| d.code == Code::FindingOutOfDate).collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].path, format!("/maturity/findings/{row}/finding"));
    assert_eq!(d[0].params.row, Some(row));
    assert!(
        d[0].message
            .contains(&format!("Finding {} is about question {id}, which is now rated \"Yes, working well\"", row + 1))
    );
}

#[test]
fn rounds_are_review_periods() {
    for (round, ok) in [
        ("2024-25", true),
        ("1999-00", true),
        ("2024-26", false),
        ("2024/25", false),
        ("24-25", false),
        ("2024-25 ", false),
    ] {
        let mut ret = example::complete();
        ret.round = Some(round.into());
        let codes: Vec<Code> = validate(&ret).iter().map(|d| d.code).collect();
        assert_eq!(codes.is_empty(), ok, "{round}: {codes:?}");
    }
}

#[test]
fn free_text_that_could_identify_a_patient_is_a_warning_with_its_place() {
    // NHS numbers from the range reserved for testing.
    let mut ret = example::complete();
    let id = QuestionId::new(11, 1);
    ret.maturity.answers.insert(
        id,
        Answer {
            rating: Rating::YesWorkingWell,
            comment: Some("Patient 999 000 0018 (DOB 12/03/1986, BS1 4DJ) was discharged after 3 DNAs".into()),
        },
    );
    ret.maturity.findings[0].owner = "Dr A, 07700 900123".into();
    ret.outcome.review.operational_lead_email = "lead@example.nhs.uk".into();
    ret.outcome.gaps = "Email j.bloggs@example.com about 9990000026".into();
    let d: Vec<_> = validate(&ret).into_iter().filter(|d| d.code == Code::PersonalData).collect();
    let at: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(at, ["/maturity/answers/11.01/comment", "/maturity/findings/0/owner", "/outcome/gaps"], "{d:#?}");
    assert_eq!(
        d[0].message,
        "The comment on question 11.01 looks like it holds an NHS number and a date of birth and a postcode (999 *** ****, **/**/****, BS1 ***). A return is about services: remove anything that could identify a patient"
    );
    assert!(!d.iter().any(|d| d.message.contains("0018") || d.message.contains("4DJ")), "the data is not repeated");
    assert_eq!(d[0].severity, Severity::Warning);
    assert_eq!(d[1].params.row, Some(0));
}

#[test]
fn no_personal_data_is_seen_in_the_fixtures_and_the_seed_returns() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let ret = iacmh_review::parse_return(&std::fs::read(&path).unwrap()).unwrap();
            let d: Vec<_> = validate(&ret).into_iter().filter(|d| d.code == Code::PersonalData).collect();
            assert!(d.is_empty(), "{}: {d:#?}", path.display());
        }
    }
    for seed in 1..=200 {
        let ret = example::generated(seed);
        assert!(validate(&ret).iter().all(|d| d.code != Code::PersonalData), "generated return {seed}");
    }
}
