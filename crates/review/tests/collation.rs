//! Collation aggregates, checked against numbers worked out by hand for four small returns.

use iacmh_review::collate::{FlagKind, Input, InputError, collate};
use iacmh_review::{BarrierCategory, QuestionId, Rating, Return, Scope};

fn icb(name: &str, updated: &str) -> Return {
    let mut r = Return::new(Scope::default());
    r.choose_icb(name);
    r.meta.updated = Some(updated.to_owned());
    r
}

fn input(name: &str, ret: Return) -> Input {
    Input { name: name.to_owned(), content: Ok(ret) }
}

#[test]
fn aggregates_match_hand_computation() {
    let q = QuestionId::new(11, 1); // the DNA policy question, essential
    // Devon: not assured, DNAs used, workforce and financial barriers; 11.01 "No, action is needed".
    let mut devon = icb("Devon", "2024-09-30T12:00:00Z");
    devon.outcome.assured = Some(false);
    devon.outcome.provision.dna_used_as_discharge_reason = Some(true);
    devon.outcome.provision.key_worker_continuity = Some(true);
    devon.outcome.barriers.categories = vec![BarrierCategory::Workforce, BarrierCategory::Financial];
    devon.rate(q, Rating::NoNeedsAction);
    // An older Devon return: dropped as a duplicate.
    let mut devon_old = icb("NHS Devon ICB", "2024-09-01T12:00:00Z");
    devon_old.outcome.assured = Some(true);
    // Cornwall: assured, DNAs not used, workforce barrier; 11.01 "Yes, working well".
    let mut cornwall = icb("Cornwall and the Isles of Scilly", "2024-09-29T12:00:00Z");
    cornwall.outcome.assured = Some(true);
    cornwall.outcome.provision.dna_used_as_discharge_reason = Some(false);
    cornwall.outcome.provision.key_worker_continuity = Some(false);
    cornwall.outcome.barriers.categories = vec![BarrierCategory::Workforce];
    cornwall.rate(q, Rating::YesWorkingWell);
    // Dorset: nothing answered yet.
    let dorset = icb("Dorset", "2024-09-28T12:00:00Z");

    let c = collate(vec![
        input("devon-old.json", devon_old),
        input("cornwall.json", cornwall),
        Input {
            name: "notes.txt".into(),
            content: Err(InputError { code: "not_json".into(), message: "not JSON".into() }),
        },
        input("devon.json", devon),
        input("dorset.json", dorset),
    ]);

    let files: Vec<&str> = c.returns.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(files, ["devon.json", "cornwall.json", "dorset.json"]);
    assert_eq!((c.duplicates[0].kept.as_str(), c.duplicates[0].dropped.as_str()), ("devon.json", "devon-old.json"));
    assert_eq!(c.unreadable.len(), 1);
    assert_eq!(c.unreadable[0].error.code, "not_json");

    // DNAs used: yes 1 (Devon), no 1 (Cornwall), unanswered 1 (Dorset): 50% of those answering.
    let dna = c.provision.iter().find(|p| p.key == "dna_used_as_discharge_reason").unwrap();
    assert_eq!((dna.yes, dna.no, dna.unanswered, dna.yes_percent), (1, 1, 1, Some(50.0)));
    let kw = c.provision.iter().find(|p| p.key == "key_worker_continuity").unwrap();
    assert_eq!((kw.yes, kw.no, kw.unanswered), (1, 1, 1));
    let none = c.provision.iter().find(|p| p.key == "mdt_oversees_discharge").unwrap();
    assert_eq!((none.yes, none.no, none.unanswered, none.yes_percent), (0, 0, 3, None));

    // Workforce: 2 of 3 returns = 66.7%; financial 1 of 3 = 33.3%; digital none.
    let barrier = |b: BarrierCategory| c.barriers.iter().find(|x| x.category == b).unwrap();
    assert_eq!(barrier(BarrierCategory::Workforce).returns, 2);
    assert_eq!(format!("{:.1}", barrier(BarrierCategory::Workforce).percent), "66.7");
    assert_eq!(format!("{:.1}", barrier(BarrierCategory::Financial).percent), "33.3");
    assert_eq!(barrier(BarrierCategory::DigitalAndInformationSharing).returns, 0);

    // Flags: Devon has DNA, not assured, and essentials not met in domain 11.
    let flags: Vec<(&str, &FlagKind)> = c.flags.iter().map(|f| (f.file.as_str(), &f.kind)).collect();
    assert_eq!(
        flags,
        [
            ("devon.json", &FlagKind::DnaUsedForDischarge),
            ("devon.json", &FlagKind::NotAssured),
            ("devon.json", &FlagKind::EssentialsNotMet { domain: 11 }),
        ]
    );
    assert_eq!(c.flags[0].icb, "NHS Devon Integrated Care Board");

    // 11.01: one "No, action is needed", one "Yes, working well", one unanswered.
    let d = c.questions.iter().find(|x| x.id == q).unwrap();
    assert_eq!((d.ratings, d.unanswered), ([1, 0, 0, 1, 0], 1));
    assert_eq!(c.questions.len(), 161);

    // Per-return summary.
    let devon = &c.returns[0];
    assert_eq!((devon.icb_code.as_deref(), devon.region.as_str()), (Some("QJK"), "South West"));
    assert_eq!(devon.domains[10].score, Some(0.0));
    assert_eq!((devon.maturity.done, devon.maturity.total), (1, 161));
    assert!(!devon.valid, "a draft template has required fields missing");
}

#[test]
fn an_empty_collation_is_well_formed() {
    let c = collate(Vec::new());
    assert!(c.returns.is_empty() && c.flags.is_empty());
    assert!(c.barriers.iter().all(|b| b.percent == 0.0));
    assert!(c.provision.iter().all(|p| p.yes_percent.is_none()));
}

#[test]
fn a_return_that_may_identify_a_patient_is_flagged() {
    let mut ret = iacmh_review::example::complete();
    ret.outcome.gaps = "Patient 999 000 0018 was discharged after 3 DNAs".into();
    let c =
        iacmh_review::collate::collate(vec![iacmh_review::collate::Input { name: "a.json".into(), content: Ok(ret) }]);
    assert_eq!(c.returns[0].personal_data, 1);
    let flag = c.flags.iter().find(|f| f.kind == iacmh_review::collate::FlagKind::PersonalData).expect("a flag");
    assert_eq!(flag.message, "Free text in 1 place looks like it holds patient-identifiable data");
    assert!(!flag.message.contains("0018"));
}

#[test]
fn each_round_of_a_scope_is_kept_and_its_progress_shown() {
    let q = QuestionId::new(11, 1);
    let mut devon_2024 = icb("Devon", "2025-03-10T12:00:00Z");
    devon_2024.round = Some("2024-25".into());
    devon_2024.rate(q, Rating::NoNeedsAction);
    let mut devon_2025 = icb("Devon", "2026-03-10T12:00:00Z");
    devon_2025.round = Some("2025-26".into());
    devon_2025.rate(q, Rating::YesWorkingWell);
    // A version 1 file names no round: its completion date puts it in 2025-26, where the later
    // of the two is kept.
    let mut devon_v1 = icb("Devon", "2026-01-10T12:00:00Z");
    devon_v1.maturity.date_completed = Some("2025-12-01".into());
    // A draft that nothing dates joins its scope's latest round.
    let mut devon_undated = icb("Devon", "2026-02-01T12:00:00Z");
    devon_undated.meta.created = None;
    let cornwall = icb("Cornwall and the Isles of Scilly", "2025-09-29T12:00:00Z");

    let c = collate(vec![
        input("devon-2025.json", devon_2025),
        input("devon-v1.json", devon_v1),
        input("cornwall.json", cornwall),
        input("devon-2024.json", devon_2024),
        input("devon-undated.json", devon_undated),
    ]);
    let files: Vec<&str> = c.returns.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(files, ["devon-2025.json", "cornwall.json"], "each scope's latest round is counted");
    assert_eq!(c.returns[0].round.as_deref(), Some("2025-26"));
    let earlier: Vec<&str> = c.earlier_rounds.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(earlier, ["devon-2024.json"]);
    let dropped: Vec<&str> = c.duplicates.iter().map(|d| d.dropped.as_str()).collect();
    assert_eq!(dropped, ["devon-v1.json", "devon-undated.json"]);
    assert_eq!(c.rounds, ["2024-25", "2025-26"]);
    assert_eq!(c.progress.len(), 1);
    let p = &c.progress[0];
    assert_eq!(
        (p.from.as_deref(), p.to.as_deref(), p.region.as_str()),
        (Some("2024-25"), Some("2025-26"), "South West")
    );
    assert_eq!(p.comparison.improved.len(), 1);
    assert!(p.score_after > p.score_before);
    // Counts are of the latest round only: 11.01 answered once for Devon, as "Yes".
    let dist = c.questions.iter().find(|d| d.id == q).unwrap();
    assert_eq!(dist.ratings.iter().sum::<usize>(), 1, "{dist:?}");
}

#[test]
fn the_summary_names_the_rounds_when_there_are_several() {
    let mut a = icb("Devon", "2025-03-10T12:00:00Z");
    a.round = Some("2024-25".into());
    let mut b = icb("Devon", "2026-03-10T12:00:00Z");
    b.round = Some("2025-26".into());
    let one = collate(vec![input("a.json", a.clone())]);
    assert_eq!(one.summary(), "1 return collated; 0 files could not be read; 0 duplicates left out.");
    let two = collate(vec![input("a.json", a), input("b.json", b)]);
    assert!(two.summary().ends_with("Rounds 2024-25, 2025-26: each scope's latest is counted, and 1 return of earlier rounds shows the progress of 1 scope."), "{}", two.summary());
}

#[test]
fn team_returns_stay_out_of_national_and_regional_counts() {
    let mut devon = icb("Devon", "2024-09-30T12:00:00Z");
    devon.outcome.provision.dna_used_as_discharge_reason = Some(false);
    devon.outcome.barriers.categories = vec![BarrierCategory::Workforce];
    devon.rate(QuestionId::new(1, 1), Rating::YesWorkingWell);
    let team = |name: &str, dna: bool| {
        let mut t = icb("Devon", "2024-09-30T12:00:00Z");
        t.scope.level = iacmh_review::ScopeLevel::Team;
        t.scope.organisation = "Devon Partnership".into();
        t.scope.team = name.into();
        t.outcome.provision.dna_used_as_discharge_reason = Some(dna);
        t.outcome.barriers.categories = vec![BarrierCategory::Financial];
        t.rate(QuestionId::new(1, 1), Rating::NoNeedsAction);
        t
    };
    let c = collate(vec![
        input("devon.json", devon),
        input("north.json", team("North", true)),
        input("south.json", team("South", true)),
    ]);
    assert_eq!((c.returns.len(), c.icb_returns().count(), c.team_returns().count()), (3, 1, 2));
    // The teams' "yes" and their barrier are theirs: the national figures are Devon's alone.
    let dna = c.provision.iter().find(|p| p.key == "dna_used_as_discharge_reason").unwrap();
    assert_eq!((dna.yes, dna.no, dna.unanswered, dna.yes_is_concern), (0, 1, 0, true));
    assert!(c.provision.iter().filter(|p| p.key != "dna_used_as_discharge_reason").all(|p| !p.yes_is_concern));
    let financial = c.barriers.iter().find(|b| b.category == BarrierCategory::Financial).unwrap();
    assert_eq!((financial.returns, financial.of), (0, 1));
    let q = c.questions.iter().find(|d| d.id == QuestionId::new(1, 1)).unwrap();
    assert_eq!((q.ratings, q.unanswered), ([0, 0, 0, 1, 0], 0));
    // Their flags are kept, under their own files.
    assert_eq!(c.flags.iter().filter(|f| f.kind == FlagKind::DnaUsedForDischarge).count(), 2);

    let regions = c.regions();
    let south_west = regions.iter().find(|r| r.region == "South West").unwrap();
    assert_eq!((south_west.expected, south_west.received, south_west.team_returns), (7, 1, 2));
    assert_eq!((south_west.dna_used_for_discharge, south_west.partial), (0, 1));
    assert_eq!(south_west.not_returned.len(), 6);
    assert!(!south_west.not_returned.iter().any(|n| n.contains("Devon")));
    let england = regions.last().unwrap();
    assert_eq!(
        (england.region.as_str(), england.expected, england.received, england.not_returned.len()),
        ("England", 42, 1, 41)
    );
    assert_eq!(regions.len(), 7 + 1);
    assert!(c.returns[0].is_partial(), "one question of 161 answered");
    assert!(
        c.summary()
            .ends_with("Of them, 2 team or provider returns are shown apart from the national and regional counts."),
        "{}",
        c.summary()
    );
}

#[test]
fn progress_by_region_counts_each_icbs_change_between_rounds() {
    use iacmh_review::Date;
    let round = |name: &str, round: &str, rating: Rating, assured: bool, completed: bool| {
        let mut r = iacmh_review::example::complete();
        r.scope = Scope::default();
        r.choose_icb(name);
        r.round = Some(round.to_owned());
        r.rate(QuestionId::new(3, 8), rating);
        r.outcome.assured = Some(assured);
        r.maturity.findings[0].completed = completed;
        r.maturity.findings[0].due = Some("2020-01-31".to_owned());
        r
    };
    let c = collate(vec![
        input("devon-1.json", round("Devon", "2023-24", Rating::NoNeedsAction, false, false)),
        input("devon-2.json", round("Devon", "2024-25", Rating::YesWorkingWell, true, true)),
        input("dorset-1.json", round("Dorset", "2023-24", Rating::YesWorkingWell, true, false)),
        input("dorset-2.json", round("Dorset", "2024-25", Rating::NoNeedsAction, false, false)),
    ]);
    assert_eq!(c.progress.len(), 2);
    let today = Date { year: 2025, month: 6, day: 1 };
    let devon = c.progress.iter().find(|p| p.icb.contains("Devon")).unwrap();
    assert!(devon.score_change().unwrap() > 0.0);
    assert_eq!((devon.assurance_change(), devon.icb_code.as_deref()), (Some(true), Some("QJK")));
    let dorset = c.progress.iter().find(|p| p.icb.contains("Dorset")).unwrap();
    assert_eq!(dorset.assurance_change(), Some(false));
    assert!(dorset.overdue(today) >= 1 && dorset.overdue(Date { year: 2019, month: 1, day: 1 }) == 0);
    let regions = c.region_progress(today);
    assert_eq!(regions.iter().map(|r| r.region.as_str()).collect::<Vec<_>>(), ["South West", "England"]);
    for r in &regions {
        assert_eq!((r.from.as_deref(), r.to.as_deref(), r.icbs), (Some("2023-24"), Some("2024-25"), 2));
        assert_eq!((r.improved, r.worsened, r.became_assured, r.no_longer_assured), (1, 1, 1, 1));
        assert_eq!(r.actions_completed, 1);
        assert_eq!(r.actions_overdue, devon.overdue(today) + dorset.overdue(today));
        let d3 = r.domain_changes.iter().find(|(d, _)| *d == 3).unwrap().1.unwrap();
        let by_hand = c.progress.iter().map(|p| {
            let s = p.comparison.scores.iter().find(|s| s.domain == Some(3)).unwrap();
            s.after.unwrap() - s.before.unwrap()
        });
        assert!((d3 - by_hand.sum::<f64>() / 2.0).abs() < 1e-9);
    }
}
