//! Team and provider returns rolled up into an ICB view, and two rounds of the same return
//! compared.
//!
//! This module is public API: [`roll_up`] is `iacmh roll-up` (an ICB gathers its teams' and
//! providers' self-assessments, and starts its own return from [`RollUp::prefill`] for its
//! review group to confirm), and [`compare`] is `iacmh compare` (this round's return against
//! the last, question by question, with the actions completed since).
//!
//! ```
//! use iacmh_review::rounds::compare;
//! use iacmh_review::{QuestionId, Rating};
//!
//! let mut last_round = iacmh_review::example::complete();
//! let mut this_round = last_round.clone();
//! let id = QuestionId::new(1, 1);
//! last_round.rate(id, Rating::NoActionInHand);
//! this_round.rate(id, Rating::YesWorkingWell);
//! let c = compare(&last_round, &this_round);
//! assert!(c.same_scope);
//! assert_eq!(c.improved[0].id, id);
//! assert!(c.worsened.is_empty());
//! ```

use serde::Serialize;

use crate::collate::rating_slot;
use crate::index::{Index, QuestionId};
use crate::model::{Answer, FindingRow, Rating, Return, Scope, ScopeLevel};
use crate::scope::same_icb;
use crate::score::score;
use crate::template::{Field, Kind};
use crate::{Date, Timestamp};

/// A comment with the return it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourcedComment {
    /// The return it came from, as its scope's label.
    pub source: String,
    /// The comment.
    pub comment: String,
}

/// How the teams and providers of one ICB answered one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuestionRollUp {
    /// The question.
    pub id: QuestionId,
    /// Counts in the order of [`Rating::ALL`].
    pub ratings: [usize; 5],
    /// The least mature rating given (not applicable only when every answer was).
    pub lowest: Option<Rating>,
    /// Every comment given on it, with where it came from.
    pub comments: Vec<SourcedComment>,
}

/// The team and provider returns of one ICB, question by question: what its review group confirms in an ICB-level return.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RollUp {
    /// The register's formal name for the ICB, or the name as given.
    pub icb: String,
    /// The ICB's region.
    pub region: String,
    /// The returns rolled up, by their scope labels.
    pub sources: Vec<String>,
    /// Each question of the index, rolled up.
    pub questions: Vec<QuestionRollUp>,
}

/// Rolls up the team and provider returns for `icb` (ICB-level returns are left out).
pub fn roll_up<'a>(icb: &str, returns: impl IntoIterator<Item = &'a Return>) -> RollUp {
    let index = Index::current();
    let parts: Vec<&Return> =
        returns.into_iter().filter(|r| r.scope.level != ScopeLevel::Icb && same_icb(&r.scope.icb, icb)).collect();
    let questions = index
        .questions()
        .map(|q| {
            let mut ratings = [0usize; 5];
            let mut comments = Vec::new();
            for r in &parts {
                if let Some(a) = r.maturity.answers.get(q.id) {
                    ratings[rating_slot(a.rating)] += 1;
                    if let Some(c) = a.comment.as_deref().filter(|c| !c.trim().is_empty()) {
                        comments.push(SourcedComment { source: r.scope.label(), comment: c.to_owned() });
                    }
                }
            }
            let lowest = Rating::ALL
                .iter()
                .zip(ratings)
                .find(|(r, n)| *n > 0 && r.points().is_some())
                .map(|(r, _)| *r)
                .or_else(|| (ratings[4] > 0).then_some(Rating::NotApplicable));
            QuestionRollUp { id: q.id, ratings, lowest, comments }
        })
        .collect();
    let mut scope = Scope::default();
    scope.choose_icb(icb);
    RollUp { icb: scope.icb, region: scope.region, sources: parts.iter().map(|r| r.scope.label()).collect(), questions }
}

impl RollUp {
    /// An ICB-level draft with each question at its lowest rating, the comments gathered under
    /// it ("Team: comment", one per line), for the ICB's review group to confirm.
    pub fn prefill(&self) -> Return {
        let mut ret = Return::new(Scope::default());
        ret.choose_icb(&self.icb);
        for q in &self.questions {
            if let Some(rating) = q.lowest {
                let comment = q.comments.iter().map(|c| format!("{}: {}", c.source, c.comment)).collect::<Vec<_>>();
                ret.maturity
                    .answers
                    .insert(q.id, Answer { rating, comment: (!comment.is_empty()).then(|| comment.join("\n")) });
            }
        }
        ret
    }
}

/// One question whose rating changed between rounds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The question.
    pub id: QuestionId,
    /// Its rating in the earlier round.
    pub before: Rating,
    /// Its rating in the later round.
    pub after: Rating,
}

/// Two rounds of one return compared question by question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// Whether the two returns are for the same ICB and scope.
    pub same_scope: bool,
    /// Questions rated higher in the later round.
    pub improved: Vec<Change>,
    /// Questions rated lower in the later round.
    pub worsened: Vec<Change>,
    /// Changed to or from not applicable.
    pub applicability_changed: Vec<Change>,
    /// Questions answered only in the later round, with their rating.
    pub newly_answered: Vec<(QuestionId, Rating)>,
    /// Questions answered only in the earlier round, with their rating.
    pub no_longer_answered: Vec<(QuestionId, Rating)>,
    /// Actions marked completed in the later round that were not completed (or not there) before.
    pub actions_completed: Vec<FindingRow>,
    /// Findings in the later round with no counterpart in the earlier (matched by question,
    /// or by domain and finding for a finding of the group's own).
    pub actions_added: Vec<FindingRow>,
    /// Findings of the earlier round that the later no longer has.
    pub actions_removed: Vec<FindingRow>,
    /// Findings in both rounds whose action is worded differently: (earlier, later).
    pub actions_reworded: Vec<(FindingRow, FindingRow)>,
    /// Yes/no answers of the national template that changed (the assurance, the provision
    /// questions among them whether DNAs are used to discharge).
    pub template_changes: Vec<TemplateChange>,
    /// The overall score (0 to 100) in each round, and each domain's: `None` where a round
    /// cannot be scored.
    pub scores: Vec<ScoreChange>,
}

/// A yes/no answer of the national template in two rounds (`None`: not answered).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TemplateChange {
    /// The field.
    pub field: Field,
    /// Its answer in the earlier round.
    pub before: Option<bool>,
    /// Its answer in the later round.
    pub after: Option<bool>,
}

/// A score (0 to 100) in two rounds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreChange {
    /// The domain, or `None` for the overall score.
    pub domain: Option<u8>,
    /// The score in the earlier round.
    pub before: Option<f64>,
    /// The score in the later round.
    pub after: Option<f64>,
}

/// Which of two returns is the earlier round, and how that was decided ([`order`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Order {
    /// The first given is the earlier.
    AsGiven,
    /// The second given is the earlier: compare them the other way round.
    Swapped,
    /// Neither their rounds, completion dates nor last updates tell them apart: taken as given.
    Unknown,
}

/// Orders two returns of one scope by their rounds ([`Return::round_or_implied`]), then their
/// completion dates, then their last updates (as instants).
pub fn order(first: &Return, second: &Return) -> Order {
    let key = |r: &Return| {
        (
            r.round_or_implied(),
            r.maturity.date_completed.as_deref().and_then(Date::parse),
            r.meta.updated.as_deref().and_then(Timestamp::parse),
        )
    };
    let (a, b) = (key(first), key(second));
    // Each part decides only when both returns give it.
    let decided = [
        a.0.as_ref().zip(b.0.as_ref()).map(|(x, y)| x.cmp(y)),
        a.1.zip(b.1).map(|(x, y)| x.cmp(&y)),
        a.2.zip(b.2).map(|(x, y)| x.cmp(&y)),
    ]
    .into_iter()
    .flatten()
    .find(|o| o.is_ne());
    match decided {
        Some(std::cmp::Ordering::Less) => Order::AsGiven,
        Some(_) => Order::Swapped,
        None => Order::Unknown,
    }
}

/// Compares an earlier and a later return.
pub fn compare(old: &Return, new: &Return) -> Comparison {
    let index = Index::get(&new.index_version).unwrap_or_else(Index::current);
    let mut c = Comparison {
        same_scope: old.scope.key() == new.scope.key(),
        improved: Vec::new(),
        worsened: Vec::new(),
        applicability_changed: Vec::new(),
        newly_answered: Vec::new(),
        no_longer_answered: Vec::new(),
        actions_completed: Vec::new(),
        actions_added: Vec::new(),
        actions_removed: Vec::new(),
        actions_reworded: Vec::new(),
        template_changes: Vec::new(),
        scores: Vec::new(),
    };
    for q in index.questions() {
        match (old.maturity.answers.rating(q.id), new.maturity.answers.rating(q.id)) {
            (None, Some(after)) => c.newly_answered.push((q.id, after)),
            (Some(before), None) => c.no_longer_answered.push((q.id, before)),
            (Some(before), Some(after)) if before != after => {
                let change = Change { id: q.id, before, after };
                match (before.points(), after.points()) {
                    (Some(b), Some(a)) if a > b => c.improved.push(change),
                    (Some(_), Some(_)) => c.worsened.push(change),
                    _ => c.applicability_changed.push(change),
                }
            }
            _ => {}
        }
    }
    let same_row = |a: &FindingRow, b: &FindingRow| match (a.question, b.question) {
        (Some(x), Some(y)) => x == y,
        _ => a.domain == b.domain && a.finding.trim() == b.finding.trim(),
    };
    for row in &new.maturity.findings {
        let before = old.maturity.findings.iter().find(|o| same_row(o, row));
        if row.completed && before.is_none_or(|o| !o.completed) {
            c.actions_completed.push(row.clone());
        }
        match before {
            None => c.actions_added.push(row.clone()),
            Some(o) if o.action.trim() != row.action.trim() => c.actions_reworded.push((o.clone(), row.clone())),
            Some(_) => {}
        }
    }
    for row in &old.maturity.findings {
        if !new.maturity.findings.iter().any(|n| same_row(row, n)) {
            c.actions_removed.push(row.clone());
        }
    }
    for field in Field::ALL.into_iter().filter(|f| f.kind() == Kind::YesNo) {
        let (before, after) = (field.answer(&old.outcome), field.answer(&new.outcome));
        if before != after {
            c.template_changes.push(TemplateChange { field, before, after });
        }
    }
    if let (Some(a), Some(b)) = (score(old), score(new)) {
        c.scores.push(ScoreChange { domain: None, before: a.overall.score, after: b.overall.score });
        for d in &b.domains {
            let before = a.domains.iter().find(|x| x.domain == d.domain).and_then(|x| x.score.score);
            c.scores.push(ScoreChange { domain: Some(d.domain), before, after: d.score.score });
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(name: &str) -> Return {
        let mut r = Return::new(Scope::default());
        r.scope.choose_icb("Devon");
        r.scope.level = ScopeLevel::Team;
        r.scope.organisation = "Devon Partnership".into();
        r.scope.team = name.into();
        r
    }

    #[test]
    fn teams_roll_up_to_their_icb() {
        let q = QuestionId::new(3, 8);
        let mut north = team("North");
        north.rate(q, Rating::YesWorkingWell);
        north.set_comment(q, "Roles written down");
        let mut south = team("South");
        south.rate(q, Rating::NoActionInHand);
        south.rate(QuestionId::new(2, 17), Rating::NotApplicable);
        let mut elsewhere = team("West");
        elsewhere.scope.choose_icb("Cornwall");
        elsewhere.rate(q, Rating::NoNeedsAction);
        let mut icb_level = Return::new(Scope::default());
        icb_level.scope.choose_icb("Devon");
        icb_level.rate(q, Rating::NoNeedsAction);

        let up = roll_up("NHS Devon ICB", [&north, &south, &elsewhere, &icb_level]);
        assert_eq!(up.sources, ["Devon: Devon Partnership: North", "Devon: Devon Partnership: South"]);
        let q308 = up.questions.iter().find(|x| x.id == q).unwrap();
        assert_eq!(q308.ratings, [0, 1, 0, 1, 0]);
        assert_eq!(q308.lowest, Some(Rating::NoActionInHand));
        assert_eq!(q308.comments[0].comment, "Roles written down");
        let q217 = up.questions.iter().find(|x| x.id == QuestionId::new(2, 17)).unwrap();
        assert_eq!(q217.lowest, Some(Rating::NotApplicable));

        let draft = up.prefill();
        assert_eq!(draft.scope.level, ScopeLevel::Icb);
        assert_eq!(draft.scope.region, "South West");
        let a = draft.maturity.answers.get(q).unwrap();
        assert_eq!(a.rating, Rating::NoActionInHand);
        assert_eq!(a.comment.as_deref(), Some("Devon: Devon Partnership: North: Roles written down"));
        assert_eq!(draft.maturity.answers.len(), 2);
    }

    #[test]
    fn rounds_compare_question_by_question() {
        let mut old = team("North");
        let mut new = old.clone();
        let id = |d, n| QuestionId::new(d, n);
        old.rate(id(1, 1), Rating::NoNeedsAction);
        new.rate(id(1, 1), Rating::YesNeedsImprovement);
        old.rate(id(1, 2), Rating::YesWorkingWell);
        new.rate(id(1, 2), Rating::NoActionInHand);
        old.rate(id(1, 3), Rating::YesWorkingWell);
        new.rate(id(1, 3), Rating::NotApplicable);
        new.rate(id(1, 4), Rating::YesWorkingWell);
        old.rate(id(1, 5), Rating::NoActionInHand);
        old.rate(id(1, 6), Rating::YesWorkingWell);
        new.rate(id(1, 6), Rating::YesWorkingWell);
        let row = FindingRow { domain: 1, question: Some(id(1, 1)), finding: "x".into(), ..FindingRow::default() };
        old.maturity.findings.push(row.clone());
        new.maturity.findings.push(FindingRow { completed: true, ..row });
        new.maturity.findings.push(FindingRow {
            domain: 2,
            finding: "new and done".into(),
            completed: true,
            ..FindingRow::default()
        });
        let c = compare(&old, &new);
        assert!(c.same_scope);
        let ids = |v: &[Change]| v.iter().map(|x| x.id.to_string()).collect::<Vec<_>>();
        assert_eq!(ids(&c.improved), ["1.01"]);
        assert_eq!(ids(&c.worsened), ["1.02"]);
        assert_eq!(ids(&c.applicability_changed), ["1.03"]);
        assert_eq!(c.newly_answered, [(id(1, 4), Rating::YesWorkingWell)]);
        assert_eq!(c.no_longer_answered, [(id(1, 5), Rating::NoActionInHand)]);
        assert_eq!(c.actions_completed.len(), 2);
        assert!(!compare(&old, &team("South")).same_scope);
    }

    #[test]
    fn rounds_compare_actions_template_and_scores() {
        let old = crate::example::complete();
        let mut new = old.clone();
        let with_question = |r: &Return| r.maturity.findings.iter().position(|f| f.question.is_some()).unwrap();
        // One action reworded, one finding gone, one added.
        let i = with_question(&new);
        new.maturity.findings[i].action = "A different action".into();
        let gone = new.maturity.findings.remove(new.maturity.findings.len() - 1);
        new.maturity.findings.push(FindingRow { domain: 3, finding: "Our own".into(), ..FindingRow::default() });
        // DNAs used for discharge: yes in the earlier round, no in the later.
        let dna = Field::ALL.into_iter().find(|f| f.key().contains("dna")).expect("the DNA question");
        let mut earlier = old.clone();
        dna.set_answer(&mut earlier.outcome, Some(true));
        dna.set_answer(&mut new.outcome, Some(false));
        new.rate(QuestionId::new(7, 1), Rating::YesWorkingWell);
        let c = compare(&earlier, &new);
        assert_eq!(c.actions_reworded.len(), 1);
        assert_eq!(c.actions_reworded[0].1.action, "A different action");
        assert_eq!(c.actions_removed, [gone]);
        assert_eq!(c.actions_added.len(), 1);
        assert_eq!(c.actions_added[0].finding, "Our own");
        assert_eq!(c.template_changes, [TemplateChange { field: dna, before: Some(true), after: Some(false) }]);
        let d7 = c.scores.iter().find(|s| s.domain == Some(7)).unwrap();
        assert!(d7.after > d7.before, "{d7:?}");
        assert_eq!(c.scores.len(), 15, "overall and 14 domains");
        assert_eq!(c.scores[0].domain, None);
    }

    #[test]
    fn rounds_are_ordered_by_round_then_dates() {
        let mut a = team("North");
        let mut b = team("North");
        assert_eq!(order(&a, &b), Order::Unknown, "nothing dates either");
        a.round = Some("2024-25".into());
        b.round = Some("2025-26".into());
        assert_eq!(order(&a, &b), Order::AsGiven);
        assert_eq!(order(&b, &a), Order::Swapped);
        // A version 1 file names no round: its completion date implies one.
        b.round = None;
        b.maturity.date_completed = Some("2025-03-31".into());
        assert_eq!(b.round_or_implied().as_deref(), Some("2024-25"));
        b.maturity.date_completed = Some("2025-04-01".into());
        assert_eq!(b.round_or_implied().as_deref(), Some("2025-26"));
        assert_eq!(order(&b, &a), Order::Swapped);
        // The same round: the completion dates decide; then the last updates, as instants.
        b.round = Some("2024-25".into());
        a.maturity.date_completed = Some("2025-01-10".into());
        b.maturity.date_completed = Some("2025-01-10".into());
        a.meta.updated = Some("2025-01-10T10:00:00.5Z".into());
        b.meta.updated = Some("2025-01-10T10:00:00Z".into());
        assert_eq!(order(&a, &b), Order::Swapped, "{:?} {:?}", a.round_or_implied(), b.round_or_implied());
        b.meta.updated = Some("2025-01-10T11:30:00+01:00".into()); // 10:30Z
        assert_eq!(order(&a, &b), Order::AsGiven);
        // Only when it was started dates it; an update after the year's end does not move it.
        let mut c = team("North");
        c.meta.created = Some("2024-03-01T09:00:00Z".into());
        c.meta.updated = Some("2024-06-01T09:00:00Z".into());
        assert_eq!(c.round_or_implied().as_deref(), Some("2023-24"));
    }
}
