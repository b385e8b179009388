//! Collation of many returns, as a regional or national team does: each return's status and
//! headline answers, counts across returns, red flags by ICB, the spread of ratings for each
//! question, and duplicates. Files that could not be read are listed with their reason and
//! never stop a collation.

use std::collections::HashMap;

use serde::Serialize;

use crate::completeness::{Progress, completeness};
use crate::index::{Index, QuestionId};
use crate::model::{BarrierCategory, ProvisionQuestion, Rating, Return, ScopeLevel};
use crate::parse::ParseError;
use crate::register::Register;
use crate::scope::ScopeKey;
use crate::score::{Stage, score};
use crate::validate::{Severity, validate};

/// One file offered for collation: its name, and the return in it or why there is none.
pub struct Input {
    pub name: String,
    pub content: Result<Return, InputError>,
}

/// Why a file holds no return.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputError {
    /// `io` for a file that could not be read, or a [`ParseError::code`].
    pub code: String,
    pub message: String,
}

impl From<ParseError> for InputError {
    fn from(e: ParseError) -> Self {
        InputError { code: e.code().to_owned(), message: e.to_string() }
    }
}

/// A domain's score and stage in one return.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainResult {
    pub domain: u8,
    pub score: Option<f64>,
    pub stage: Stage,
}

/// What collation keeps of one return.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReturnSummary {
    pub file: String,
    /// The register's formal name when the ICB is known, otherwise as written.
    pub icb: String,
    /// ODS code, when the ICB is in the register.
    pub icb_code: Option<String>,
    pub region: String,
    pub level: ScopeLevel,
    pub organisation: String,
    pub team: String,
    pub updated: Option<String>,
    pub valid: bool,
    pub errors: usize,
    pub warnings: usize,
    pub maturity: Progress,
    pub template: Progress,
    pub overall_score: Option<f64>,
    pub overall_stage: Option<Stage>,
    pub domains: Vec<DomainResult>,
    pub assured: Option<bool>,
    /// The six provision answers, in the template's order.
    pub provision: Vec<(ProvisionQuestion, Option<bool>)>,
    pub barriers: Vec<BarrierCategory>,
}

/// Yes, no and unanswered for one provision question across returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProvisionCount {
    pub key: String,
    pub question: String,
    pub yes: usize,
    pub no: usize,
    pub unanswered: usize,
    /// Share of answered returns saying yes, 0-100.
    pub yes_percent: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BarrierCount {
    pub category: BarrierCategory,
    pub label: String,
    pub returns: usize,
    /// Share of all collated returns naming it, 0-100.
    pub percent: f64,
}

/// Why a return needs the regional team's attention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FlagKind {
    /// DNAs are used as a reason for discharge.
    DnaUsedForDischarge,
    /// The ICB is not assured.
    NotAssured,
    /// Essential questions in a domain are rated "No".
    EssentialsNotMet { domain: u8 },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub icb: String,
    pub file: String,
    #[serde(flatten)]
    pub kind: FlagKind,
    pub message: String,
}

/// How the collated returns rated one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuestionDistribution {
    pub id: QuestionId,
    /// Counts in the order of [`Rating::ALL`].
    pub ratings: [usize; 5],
    pub unanswered: usize,
}

/// Two returns for the same ICB and scope: the one updated last is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// The file whose return was used.
    pub kept: String,
    /// The file left out.
    pub dropped: String,
    /// The scope both are for, as [`crate::Scope::label`] names it.
    pub scope: String,
}

impl Duplicate {
    /// Why the dropped file was left out, as every front end says it.
    pub fn reason(&self) -> String {
        format!("an older return for {} than {}", self.scope, self.kept)
    }
}

/// A file that held no return.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    pub file: String,
    #[serde(flatten)]
    pub error: InputError,
}

impl Collation {
    /// One sentence on what was collated, as every front end says it.
    pub fn summary(&self) -> String {
        format!(
            "{} returns collated; {} files could not be read; {} duplicates left out.",
            self.returns.len(),
            self.unreadable.len(),
            self.duplicates.len()
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Collation {
    /// Returns collated, after duplicates are dropped, in the order given.
    pub returns: Vec<ReturnSummary>,
    pub unreadable: Vec<Unreadable>,
    pub duplicates: Vec<Duplicate>,
    pub provision: Vec<ProvisionCount>,
    pub barriers: Vec<BarrierCount>,
    pub flags: Vec<Flag>,
    pub questions: Vec<QuestionDistribution>,
    /// The returns behind `returns`, in the same order, for outputs that list every answer.
    #[serde(skip)]
    pub kept: Vec<(String, Return)>,
}

/// Summarises one return.
pub fn summarise(file: &str, ret: &Return) -> ReturnSummary {
    let register = Register::get();
    let icb = register.find_icb(&ret.scope.icb);
    let diagnostics = validate(ret);
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let c = completeness(ret);
    let card = score(ret);
    ReturnSummary {
        file: file.to_owned(),
        icb: icb.map_or_else(|| ret.scope.icb.clone(), |i| i.name.to_owned()),
        icb_code: icb.map(|i| i.code.to_owned()),
        region: if ret.scope.region.is_empty() {
            icb.map(|i| i.region.to_owned()).unwrap_or_default()
        } else {
            ret.scope.region.clone()
        },
        level: ret.scope.level,
        organisation: ret.scope.organisation.clone(),
        team: ret.scope.team.clone(),
        updated: ret.meta.updated.clone(),
        valid: errors == 0,
        errors,
        warnings: diagnostics.len() - errors,
        maturity: c.maturity,
        template: c.template,
        overall_score: card.as_ref().and_then(|c| c.overall.score),
        overall_stage: card.as_ref().map(|c| c.overall.stage),
        domains: card
            .map(|c| {
                c.domains
                    .into_iter()
                    .map(|d| DomainResult { domain: d.domain, score: d.score.score, stage: d.score.stage })
                    .collect()
            })
            .unwrap_or_default(),
        assured: ret.outcome.assured,
        provision: ret.outcome.provision.answers().to_vec(),
        barriers: ret.outcome.barriers.categories.clone(),
    }
}

/// Whether `a` was updated after `b` (RFC 3339 timestamps; a missing one counts as oldest).
fn newer(a: &Option<String>, b: &Option<String>) -> bool {
    // Timestamps in UTC ("Z") compare as text; others are compared the same way, which can
    // misorder returns minutes apart across time zones: acceptable for picking the latest.
    a.as_deref().unwrap_or("") > b.as_deref().unwrap_or("")
}

/// Collates any number of files. Unreadable ones are listed; duplicates (same ICB, level,
/// organisation and team) keep the most recently updated return and list the other.
pub fn collate(inputs: Vec<Input>) -> Collation {
    let mut unreadable = Vec::new();
    let mut kept: Vec<(String, Return)> = Vec::new();
    // Where each scope's return sits in `kept`: one look-up per file, not one per pair.
    let mut by_scope: HashMap<ScopeKey, usize> = HashMap::new();
    let mut duplicates = Vec::new();
    for input in inputs {
        let ret = match input.content {
            Ok(ret) => ret,
            Err(error) => {
                unreadable.push(Unreadable { file: input.name, error });
                continue;
            }
        };
        let key = ret.scope.key();
        match by_scope.get(&key).copied() {
            Some(i) => {
                let scope = ret.scope.label();
                if newer(&ret.meta.updated, &kept[i].1.meta.updated) {
                    let old = std::mem::replace(&mut kept[i], (input.name.clone(), ret));
                    duplicates.push(Duplicate { kept: input.name, dropped: old.0, scope });
                } else {
                    duplicates.push(Duplicate { kept: kept[i].0.clone(), dropped: input.name, scope });
                }
            }
            None => {
                by_scope.insert(key, kept.len());
                kept.push((input.name, ret));
            }
        }
    }

    let returns: Vec<ReturnSummary> = kept.iter().map(|(file, ret)| summarise(file, ret)).collect();
    let index = Index::current();
    let n = returns.len();

    let provision = index
        .provision
        .iter()
        .map(|link| {
            let answers =
                returns.iter().map(|r| r.provision.iter().find(|(q, _)| *q == link.question).and_then(|(_, v)| *v));
            let (mut yes, mut no, mut unanswered) = (0, 0, 0);
            for a in answers {
                match a {
                    Some(true) => yes += 1,
                    Some(false) => no += 1,
                    None => unanswered += 1,
                }
            }
            ProvisionCount {
                key: link.question.key().to_owned(),
                question: link.question.wording().to_owned(),
                yes,
                no,
                unanswered,
                yes_percent: (yes + no > 0).then(|| yes as f64 * 100.0 / (yes + no) as f64),
            }
        })
        .collect();

    let barriers = BarrierCategory::ALL
        .iter()
        .map(|&category| {
            let count = returns.iter().filter(|r| r.barriers.contains(&category)).count();
            BarrierCount {
                category,
                label: category.label().to_owned(),
                returns: count,
                percent: if n == 0 { 0.0 } else { count as f64 * 100.0 / n as f64 },
            }
        })
        .collect();

    let mut flags = Vec::new();
    for (summary, (_, ret)) in returns.iter().zip(&kept) {
        let flag = |kind, message: String| Flag { icb: summary.icb.clone(), file: summary.file.clone(), kind, message };
        if ret.outcome.provision.dna_used_as_discharge_reason == Some(true) {
            flags.push(flag(FlagKind::DnaUsedForDischarge, "DNAs are used as a reason for discharge".to_owned()));
        }
        if ret.outcome.assured == Some(false) {
            flags.push(flag(
                FlagKind::NotAssured,
                "Not assured that services can meet the needs of people in scope".to_owned(),
            ));
        }
        for d in summary.domains.iter().filter(|d| d.stage == Stage::EssentialsNotMet) {
            let title = index.domain(d.domain).map_or("", |x| x.title);
            flags.push(flag(
                FlagKind::EssentialsNotMet { domain: d.domain },
                format!("Essentials not met in domain {}. {title}", d.domain),
            ));
        }
    }

    let questions = index
        .questions()
        .map(|q| {
            let mut ratings = [0usize; 5];
            let mut unanswered = 0;
            for (_, ret) in &kept {
                match ret.maturity.answers.rating(q.id) {
                    Some(r) => ratings[rating_slot(r)] += 1,
                    None => unanswered += 1,
                }
            }
            QuestionDistribution { id: q.id, ratings, unanswered }
        })
        .collect();

    Collation { returns, unreadable, duplicates, provision, barriers, flags, questions, kept }
}

/// The position of a rating in [`Rating::ALL`].
pub fn rating_slot(r: Rating) -> usize {
    Rating::ALL.iter().position(|x| *x == r).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scope;

    fn ret(icb: &str, updated: &str) -> Return {
        let mut r = Return::new(Scope::default());
        r.scope.choose_icb(icb);
        r.meta.updated = Some(updated.to_owned());
        r
    }

    #[test]
    fn duplicates_keep_the_latest_whatever_the_order() {
        let inputs = || {
            vec![
                Input { name: "a.json".into(), content: Ok(ret("Devon", "2024-09-01T10:00:00Z")) },
                Input { name: "b.json".into(), content: Ok(ret("NHS Devon ICB", "2024-09-30T10:00:00Z")) },
                Input { name: "c.json".into(), content: Ok(ret("QJK", "2024-09-15T10:00:00Z")) },
            ]
        };
        let c = collate(inputs());
        assert_eq!(c.returns.len(), 1);
        assert_eq!(c.returns[0].file, "b.json");
        let pairs: Vec<(&str, &str)> = c.duplicates.iter().map(|d| (d.kept.as_str(), d.dropped.as_str())).collect();
        assert_eq!(pairs, [("b.json", "a.json"), ("b.json", "c.json")]);
        let mut reversed = inputs();
        reversed.reverse();
        assert_eq!(collate(reversed).returns[0].file, "b.json");
    }

    #[test]
    fn teams_of_one_icb_are_not_duplicates_of_each_other() {
        let mut a = ret("Devon", "2024-09-01T10:00:00Z");
        a.scope.level = ScopeLevel::Team;
        a.scope.organisation = "Trust".into();
        a.scope.team = "North".into();
        let mut b = a.clone();
        b.scope.team = "South".into();
        let mut c = a.clone();
        c.scope.team = " north ".into();
        let out = collate(vec![
            Input { name: "a".into(), content: Ok(a) },
            Input { name: "b".into(), content: Ok(b) },
            Input { name: "c".into(), content: Ok(c) },
        ]);
        assert_eq!(out.returns.len(), 2);
        assert_eq!(out.duplicates.len(), 1);
    }
}
