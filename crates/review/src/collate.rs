//! Collation of many returns, as a regional or national team does: each return's status and
//! headline answers, counts across returns, red flags by ICB, the spread of ratings for each
//! question, and duplicates. Files that could not be read are listed with their reason and
//! never stop a collation.
//!
//! This module is public API: [`collate`] is what the `iacmh collate` command and the browser's
//! regional collation page both call, and a [`Collation`] is what `iacmh-report` writes as CSV,
//! XLSX and HTML. The caller reads the files (this crate knows nothing of files) and hands each
//! over as an [`Input`]: its name, and the parsed [`Return`] or an [`InputError`].
//!
//! ```
//! use iacmh_review::collate::{Input, collate};
//! use iacmh_review::{example, parse_return};
//!
//! let c = collate(vec![
//!     Input { name: "devon.json".into(), content: Ok(example::complete()) },
//!     Input { name: "notes.txt".into(), content: Err(parse_return(b"notes").unwrap_err().into()) },
//! ]);
//! assert_eq!((c.returns.len(), c.unreadable.len()), (1, 1));
//! assert_eq!(c.unreadable[0].error.code, "not_json");
//! println!("{}", c.summary());
//! ```

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::Serialize;

use crate::completeness::{Progress, completeness};
use crate::date::Timestamp;
use crate::index::{Index, QuestionId};
use crate::model::{BarrierCategory, ProvisionQuestion, Rating, Return, ReturnStatus, ScopeLevel};
use crate::parse::ParseError;
use crate::register::Register;
use crate::scope::ScopeKey;
use crate::score::{Stage, score};
use crate::validate::{Code, Severity, validate};

/// One file offered for collation: its name, and the return in it or why there is none.
pub struct Input {
    /// The file's name, as the collation reports it.
    pub name: String,
    /// The return read from it, or why it could not be read.
    pub content: Result<Return, InputError>,
}

/// Why a file holds no return.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputError {
    /// `io` for a file that could not be read, or a [`ParseError::code`].
    pub code: String,
    /// What a person is told.
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
    /// The domain's number, 1 to 14.
    pub domain: u8,
    /// Its score, 0 to 100; `None` when nothing in it is rated.
    pub score: Option<f64>,
    /// Its stage.
    pub stage: Stage,
}

/// What collation keeps of one return.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReturnSummary {
    /// The file the return came from.
    pub file: String,
    /// The register's formal name when the ICB is known, otherwise as written.
    pub icb: String,
    /// ODS code, when the ICB is in the register.
    pub icb_code: Option<String>,
    /// The NHS England region: the scope's, or else the register's for the ICB (empty when
    /// neither is known).
    pub region: String,
    /// ICB, provider or team.
    pub level: ScopeLevel,
    /// The provider organisation, for provider and team returns.
    pub organisation: String,
    /// The team, for team returns.
    pub team: String,
    /// When the return was last changed (`meta.updated`, RFC 3339), as written; it decides
    /// which of two duplicates is kept.
    pub updated: Option<String>,
    /// The review round it is for ([`Return::round_or_implied`]): named, or implied by its dates.
    pub round: Option<String>,
    /// Whether the return says it is a draft or final.
    pub status: ReturnStatus,
    /// Whether it has no validation errors (warnings allowed): it can be sent as it is.
    pub valid: bool,
    /// How many validation errors it has.
    pub errors: usize,
    /// How many warnings (cross-checks for a reviewer) it has.
    pub warnings: usize,
    /// How many free-text fields look like they hold patient-identifiable data.
    pub personal_data: usize,
    /// Questions answered, of all in the index.
    pub maturity: Progress,
    /// Required template answers given, of those required.
    pub template: Progress,
    /// The score over all the index's questions, 0 to 100; `None` until something is rated
    /// other than not applicable, or when the return names an index edition this version does
    /// not know.
    pub overall_score: Option<f64>,
    /// The stage over all the index's questions; `None` when the return names an index
    /// edition this version does not know.
    pub overall_stage: Option<Stage>,
    /// Each domain's score and stage, in the index's order; empty when the return names an
    /// index edition this version does not know.
    pub domains: Vec<DomainResult>,
    /// The template's outcome: whether the ICB says it is assured that its services can meet
    /// the needs of people in scope; `None` when not answered.
    pub assured: Option<bool>,
    /// The six provision answers, in the template's order.
    pub provision: Vec<(ProvisionQuestion, Option<bool>)>,
    /// The kinds of barrier it names, as it lists them.
    pub barriers: Vec<BarrierCategory>,
}

impl ReturnSummary {
    /// Whether the return speaks for a whole ICB, and so enters the national and regional
    /// counts (team and provider returns are shown apart).
    pub fn is_icb(&self) -> bool {
        self.level == ScopeLevel::Icb
    }

    /// Whether some question is unanswered, so that its overall score is partial: over the
    /// domains answered so far, not comparable with a complete return's.
    pub fn is_partial(&self) -> bool {
        self.maturity.done < self.maturity.total
    }

    /// The scope as a person reads it: the ICB, then the organisation and team when given.
    pub fn scope_name(&self) -> String {
        let mut name = self.icb.clone();
        for part in [&self.organisation, &self.team] {
            if !part.trim().is_empty() {
                name.push_str(": ");
                name.push_str(part);
            }
        }
        name
    }
}

/// Yes, no and unanswered for one provision question across ICB-level returns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProvisionCount {
    /// The provision question's key, such as `key_worker_continuity`.
    pub key: String,
    /// The template's wording of it.
    pub question: String,
    /// ICB-level returns answering yes.
    pub yes: usize,
    /// ICB-level returns answering no.
    pub no: usize,
    /// ICB-level returns not answering.
    pub unanswered: usize,
    /// Share of answered returns saying yes, 0-100.
    pub yes_percent: Option<f64>,
    /// Whether "yes" is the answer of concern (DNAs used as a reason for discharge), so that
    /// a report shows a high share of yes as bad rather than good.
    pub yes_is_concern: bool,
}

/// How many returns name one kind of barrier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BarrierCount {
    /// The kind of barrier.
    pub category: BarrierCategory,
    /// How a person reads it.
    pub label: String,
    /// ICB-level returns naming it.
    pub returns: usize,
    /// ICB-level returns collated: the share's denominator.
    pub of: usize,
    /// Share of the ICB-level returns naming it, 0-100 (0 when there are none).
    pub percent: f64,
}

/// Why a return needs the regional team's attention.
///
/// Serialised as the `kind` field of its [`Flag`] (`"not_assured"`, ...). More kinds of flag
/// may be added, so a `match` on it needs a wildcard arm; [`FlagKind::label`] and
/// [`Flag::message`] serve for every kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FlagKind {
    /// DNAs are used as a reason for discharge.
    DnaUsedForDischarge,
    /// The ICB is not assured.
    NotAssured,
    /// Essential questions in a domain are rated "No".
    EssentialsNotMet {
        /// The domain's number in the index, 1 to 14.
        domain: u8,
    },
    /// Free text looks like it holds patient-identifiable data.
    PersonalData,
}

impl FlagKind {
    /// The order reports list flags in: DNAs used as a reason for discharge first, then not
    /// assured, then possible patient data, then essentials not met (the long tail).
    pub fn rank(&self) -> u8 {
        match self {
            FlagKind::DnaUsedForDischarge => 0,
            FlagKind::NotAssured => 1,
            FlagKind::PersonalData => 2,
            _ => 3,
        }
    }

    /// The kind of flag, as a report names it.
    pub fn label(&self) -> &'static str {
        match self {
            FlagKind::DnaUsedForDischarge => "DNAs used as a reason for discharge",
            FlagKind::NotAssured => "Not assured",
            FlagKind::EssentialsNotMet { .. } => "Essentials not met",
            FlagKind::PersonalData => "May identify a patient",
        }
    }
}

/// A red flag: a return the regional team should look at, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// The ICB the return is for.
    pub icb: String,
    /// The file it came from.
    pub file: String,
    /// What is flagged.
    #[serde(flatten)]
    pub kind: FlagKind,
    /// What a person is told.
    pub message: String,
}

/// How the collated ICB-level returns rated one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuestionDistribution {
    /// The question.
    pub id: QuestionId,
    /// Counts in the order of [`Rating::ALL`].
    pub ratings: [usize; 5],
    /// Returns not answering it.
    pub unanswered: usize,
}

/// Two returns for the same ICB and scope: the one updated last is kept (see [`collate`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// The file whose return was used.
    pub kept: String,
    /// The file left out.
    pub dropped: String,
    /// The scope both are for, as [`crate::Scope::label`] names it.
    pub scope: String,
    /// Why the dropped return was the one left out.
    pub reason: DuplicateReason,
}

/// Why one of two duplicates was left out.
///
/// More reasons may be added (another way of choosing between two returns), so a `match` on it
/// needs a wildcard arm; [`Duplicate::message`] serves for every reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DuplicateReason {
    /// It was updated before the one kept.
    Older,
    /// It gives no time of its last update (`meta.updated` missing or not a timestamp), and
    /// the one kept does.
    Undated,
    /// Both were updated at the same instant: the file whose name sorts first was kept.
    SameTime,
    /// Neither gives a time of its last update: the file whose name sorts first was kept.
    NeitherDated,
    /// The same file was given twice (the same name).
    SameFile,
    /// Another file holds exactly the same return: the file whose name sorts first was kept.
    IdenticalCopy,
}

impl Duplicate {
    /// Why the file was left out, to follow "left out: ".
    pub fn message(&self) -> String {
        let (scope, kept) = (&self.scope, &self.kept);
        match self.reason {
            DuplicateReason::Older => format!("an older return for {scope} than {kept}"),
            DuplicateReason::Undated => {
                format!("a return for {scope} that does not say when it was updated, unlike {kept}")
            }
            DuplicateReason::SameTime => {
                format!("a return for {scope} updated at the same time as {kept}, which comes first by file name")
            }
            DuplicateReason::NeitherDated => format!(
                "a return for {scope} that, like {kept}, does not say when it was updated; {kept} comes first by file name"
            ),
            DuplicateReason::SameFile => format!("the same file given twice (the return for {scope}); read once"),
            DuplicateReason::IdenticalCopy => format!("an identical copy of {kept} (the return for {scope})"),
        }
    }
}

/// A file that held no return.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    /// The file.
    pub file: String,
    /// Why it could not be read.
    #[serde(flatten)]
    pub error: InputError,
}

impl Collation {
    /// One sentence on what was collated, as every front end says it.
    pub fn summary(&self) -> String {
        let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
        let mut s = format!(
            "{} collated; {} could not be read; {} left out.",
            n(self.returns.len(), "return", "returns"),
            n(self.unreadable.len(), "file", "files"),
            n(self.duplicates.len(), "duplicate", "duplicates")
        );
        let teams = self.team_returns().count();
        if teams > 0 {
            s += &format!(
                " Of them, {} {} shown apart from the national and regional counts.",
                n(teams, "team or provider return", "team or provider returns"),
                if teams == 1 { "is" } else { "are" }
            );
        }
        if self.rounds.len() > 1 {
            let scopes = self.progress.iter().map(|p| &p.scope).collect::<std::collections::BTreeSet<_>>().len();
            s += &format!(
                " Rounds {}: each scope's latest is counted, and {} of earlier rounds {} the progress of {}.",
                self.rounds.join(", "),
                n(self.earlier_rounds.len(), "return", "returns"),
                if self.earlier_rounds.len() == 1 { "shows" } else { "show" },
                n(scopes, "scope", "scopes")
            );
        }
        s
    }
}

/// Many returns collated: a summary of each, counts across them, red flags and the spread of ratings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Collation {
    /// Returns collated, after duplicates are dropped, in the order given.
    pub returns: Vec<ReturnSummary>,
    /// Files that held no readable return.
    pub unreadable: Vec<Unreadable>,
    /// Returns left out because another return for the same ICB and scope was kept (the one
    /// updated last; [`Duplicate::reason`] says how it was chosen).
    pub duplicates: Vec<Duplicate>,
    /// Yes, no and unanswered counts for each provision question over ICB-level returns, in
    /// the template's order.
    pub provision: Vec<ProvisionCount>,
    /// How many ICB-level returns name each kind of barrier, in [`BarrierCategory::ALL`]'s
    /// order (a kind no return names is there with 0).
    pub barriers: Vec<BarrierCount>,
    /// Red flags, return by return in the order of [`Collation::returns`].
    pub flags: Vec<Flag>,
    /// The spread of ratings of each question of the current index over ICB-level returns, in
    /// the index's order.
    pub questions: Vec<QuestionDistribution>,
    /// The review rounds among the returns, earliest first (a return that no date places in a
    /// round counts as the latest).
    pub rounds: Vec<String>,
    /// Returns of an earlier round than their scope's latest: kept, not duplicates, but out of
    /// the counts above, which are of each scope's latest round.
    pub earlier_rounds: Vec<ReturnSummary>,
    /// Each scope given in more than one round: how it moved from each round to the next.
    pub progress: Vec<RoundProgress>,
    /// The returns behind `returns`, in the same order, for outputs that list every answer.
    #[serde(skip)]
    pub kept: Vec<(String, Return)>,
}

/// How one scope moved from one round to the next ([`Collation::progress`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoundProgress {
    /// The scope, as its label.
    pub scope: String,
    /// The ICB: the register's formal name, or as the return wrote it.
    pub icb: String,
    /// The ICB's ODS code, when it is in the register.
    pub icb_code: Option<String>,
    /// ICB, provider or team.
    pub level: ScopeLevel,
    /// The ICB's region.
    pub region: String,
    /// The earlier round.
    pub from: Option<String>,
    /// The later round.
    pub to: Option<String>,
    /// The overall score (0 to 100) in each round.
    pub score_before: Option<f64>,
    /// The overall score in the later round.
    pub score_after: Option<f64>,
    /// The comparison, question by question, with actions and template answers.
    pub comparison: crate::rounds::Comparison,
    /// Whether the ICB said it was assured in the earlier round (`None`: not answered).
    pub assured_before: Option<bool>,
    /// Whether it says so in the later round.
    pub assured_after: Option<bool>,
    /// The due dates (as written) of the later round's actions not marked completed.
    pub open_actions_due: Vec<Option<String>>,
}

impl RoundProgress {
    /// Actions of the later round not completed and due before `today`.
    pub fn overdue(&self, today: crate::Date) -> usize {
        self.open_actions_due
            .iter()
            .filter(|d| d.as_deref().and_then(crate::Date::parse).is_some_and(|d| d < today))
            .count()
    }

    /// The change of the overall score, when both rounds have one.
    pub fn score_change(&self) -> Option<f64> {
        Some(self.score_after? - self.score_before?)
    }

    /// The change in the assurance: `Some(true)` when the ICB became assured, `Some(false)`
    /// when it no longer is, `None` when it did not change between yes and no.
    pub fn assurance_change(&self) -> Option<bool> {
        match (self.assured_before, self.assured_after) {
            (Some(false), Some(true)) => Some(true),
            (Some(true), Some(false)) => Some(false),
            _ => None,
        }
    }

    /// The template's yes/no answers other than the assurance that changed (the provision).
    pub fn provision_changes(&self) -> impl Iterator<Item = &crate::rounds::TemplateChange> {
        self.comparison.template_changes.iter().filter(|t| t.field != crate::template::Field::Assured)
    }
}

/// The progress of a region's ICBs (or England's) from one round to the next: ICB-level
/// returns only ([`Collation::region_progress`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionProgress {
    /// The region, or "England" for all.
    pub region: String,
    /// The earlier round.
    pub from: Option<String>,
    /// The later round.
    pub to: Option<String>,
    /// ICBs with returns in both rounds.
    pub icbs: usize,
    /// Of those, ICBs whose overall score rose.
    pub improved: usize,
    /// Of those, ICBs whose overall score fell.
    pub worsened: usize,
    /// The mean change of the overall score, over ICBs scored in both rounds.
    pub mean_score_change: Option<f64>,
    /// Each domain's mean change, in the index's order (domain number, mean change).
    pub domain_changes: Vec<(u8, Option<f64>)>,
    /// Actions completed since the earlier round.
    pub actions_completed: usize,
    /// Actions of the later round overdue on the day given.
    pub actions_overdue: usize,
    /// ICBs that became assured.
    pub became_assured: usize,
    /// ICBs no longer assured.
    pub no_longer_assured: usize,
    /// Provision answers that changed, over all the ICBs.
    pub provision_changes: usize,
}

/// What one region's ICBs returned (or England's): ICB-level returns only ([`Collation::regions`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionCounts {
    /// The region (empty for returns that name none), or "England" for all.
    pub region: String,
    /// ICBs the register has in it.
    pub expected: usize,
    /// ICB-level returns collated.
    pub received: usize,
    /// Of those, returns with no validation errors.
    pub valid: usize,
    /// Returns marked final.
    pub finals: usize,
    /// Returns still drafts.
    pub drafts: usize,
    /// Returns whose overall score is partial (some question unanswered).
    pub partial: usize,
    /// Returns saying the ICB is not assured.
    pub not_assured: usize,
    /// Returns saying DNAs are used as a reason for discharge.
    pub dna_used_for_discharge: usize,
    /// Team and provider returns (counted apart).
    pub team_returns: usize,
    /// The register's ICBs in it with no ICB-level return, by formal name.
    pub not_returned: Vec<String>,
}

impl Collation {
    /// What each region's ICBs returned, in the register's order (then any region only the
    /// returns name, then returns naming none), and England's last.
    pub fn regions(&self) -> Vec<RegionCounts> {
        let register = Register::get();
        let mut names: Vec<String> = register.regions.iter().map(|r| (*r).to_owned()).collect();
        for r in self.icb_returns() {
            if !names.contains(&r.region) {
                names.push(r.region.clone());
            }
        }
        let returned: Vec<&str> = self.icb_returns().filter_map(|r| r.icb_code.as_deref()).collect();
        names
            .into_iter()
            .map(Some)
            .chain([None])
            .map(|region| {
                let inside = |r: &&ReturnSummary| region.as_ref().is_none_or(|g| r.region == *g);
                let rs: Vec<&ReturnSummary> = self.icb_returns().filter(inside).collect();
                let icbs: Vec<&crate::register::Icb> = match &region {
                    Some(g) => register.icbs_in(g).collect(),
                    None => register.icbs.iter().collect(),
                };
                let count = |f: &dyn Fn(&ReturnSummary) -> bool| rs.iter().filter(|r| f(r)).count();
                RegionCounts {
                    expected: icbs.len(),
                    received: rs.len(),
                    valid: count(&|r| r.valid),
                    finals: count(&|r| r.status == ReturnStatus::Final),
                    drafts: count(&|r| r.status == ReturnStatus::Draft),
                    partial: count(&|r| r.is_partial()),
                    not_assured: count(&|r| r.assured == Some(false)),
                    dna_used_for_discharge: count(&|r| {
                        r.provision
                            .iter()
                            .any(|(q, a)| *q == ProvisionQuestion::DnaUsedAsDischargeReason && *a == Some(true))
                    }),
                    team_returns: self.team_returns().filter(inside).count(),
                    not_returned: icbs
                        .iter()
                        .filter(|i| !returned.contains(&i.code))
                        .map(|i| i.name.to_owned())
                        .collect(),
                    region: region.unwrap_or_else(|| "England".to_owned()),
                }
            })
            .collect()
    }

    /// The ICB-level returns collated: those the national and regional counts are over.
    pub fn icb_returns(&self) -> impl Iterator<Item = &ReturnSummary> {
        self.returns.iter().filter(|r| r.is_icb())
    }

    /// The team and provider returns collated, shown apart from the national counts.
    pub fn team_returns(&self) -> impl Iterator<Item = &ReturnSummary> {
        self.returns.iter().filter(|r| !r.is_icb())
    }

    /// The progress of each region's ICBs, and England's, from each round to the next, with
    /// actions counted overdue as of `today`: one entry per region (in the register's order,
    /// then any other) and pair of rounds, then England's for each pair of rounds.
    pub fn region_progress(&self, today: crate::Date) -> Vec<RegionProgress> {
        let icb: Vec<&RoundProgress> = self.progress.iter().filter(|p| p.level == ScopeLevel::Icb).collect();
        let mut pairs: Vec<(Option<String>, Option<String>)> =
            icb.iter().map(|p| (p.from.clone(), p.to.clone())).collect();
        pairs.sort();
        pairs.dedup();
        let mut regions: Vec<String> = Register::get().regions.iter().map(|r| (*r).to_owned()).collect();
        for p in &icb {
            if !regions.contains(&p.region) {
                regions.push(p.region.clone());
            }
        }
        let mean = |v: Vec<f64>| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
        let mut out = Vec::new();
        for region in regions.iter().map(Some).chain([None]) {
            for (from, to) in &pairs {
                let of: Vec<&&RoundProgress> = icb
                    .iter()
                    .filter(|p| region.is_none_or(|r| p.region == *r) && p.from == *from && p.to == *to)
                    .collect();
                if of.is_empty() {
                    continue;
                }
                let changes: Vec<f64> = of.iter().filter_map(|p| p.score_change()).collect();
                let domain_changes = Index::current()
                    .domains
                    .iter()
                    .map(|d| {
                        let v = of
                            .iter()
                            .filter_map(|p| p.comparison.scores.iter().find(|s| s.domain == Some(d.number)))
                            .filter_map(|s| Some(s.after? - s.before?))
                            .collect();
                        (d.number, mean(v))
                    })
                    .collect();
                out.push(RegionProgress {
                    region: region.cloned().unwrap_or_else(|| "England".to_owned()),
                    from: from.clone(),
                    to: to.clone(),
                    icbs: of.len(),
                    improved: changes.iter().filter(|c| **c > 0.0).count(),
                    worsened: changes.iter().filter(|c| **c < 0.0).count(),
                    mean_score_change: mean(changes),
                    domain_changes,
                    actions_completed: of.iter().map(|p| p.comparison.actions_completed.len()).sum(),
                    actions_overdue: of.iter().map(|p| p.overdue(today)).sum(),
                    became_assured: of.iter().filter(|p| p.assurance_change() == Some(true)).count(),
                    no_longer_assured: of.iter().filter(|p| p.assurance_change() == Some(false)).count(),
                    provision_changes: of.iter().map(|p| p.provision_changes().count()).sum(),
                });
            }
        }
        out
    }
}

/// The region of a return's ICB: as the return says, else as the register has it.
fn region_of(ret: &Return) -> String {
    if ret.scope.region.is_empty() {
        Register::get().find_icb(&ret.scope.icb).map(|i| i.region.to_owned()).unwrap_or_default()
    } else {
        ret.scope.region.clone()
    }
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
        region: region_of(ret),
        level: ret.scope.level,
        organisation: ret.scope.organisation.clone(),
        team: ret.scope.team.clone(),
        updated: ret.meta.updated.clone(),
        round: ret.round_or_implied(),
        status: ret.status,
        valid: errors == 0,
        errors,
        warnings: diagnostics.len() - errors,
        personal_data: diagnostics.iter().filter(|d| d.code == Code::PersonalData).count(),
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

/// When a return was last updated, as an instant; `None` (earlier than any time) when
/// `meta.updated` is missing or not a timestamp.
fn updated(ret: &Return) -> Option<Timestamp> {
    ret.meta.updated.as_deref().and_then(Timestamp::parse)
}

/// Of two duplicates, whether `a` (in file `a_name`) is kept over `b`, and why the other is
/// left out. The later `meta.updated` wins, compared as instants; one without a time loses to
/// one with; on a tie (the same instant, or neither has a time) the file whose name sorts
/// first is kept, so that the choice never depends on the order the files came in.
fn keep_first(a_name: &str, a: &Return, b_name: &str, b: &Return) -> (bool, DuplicateReason) {
    if a_name == b_name {
        return (false, DuplicateReason::SameFile);
    }
    if a == b {
        return (a_name < b_name, DuplicateReason::IdenticalCopy);
    }
    let (ta, tb) = (updated(a), updated(b));
    let first = match ta.cmp(&tb) {
        Ordering::Equal => a_name < b_name,
        order => order == Ordering::Greater,
    };
    let reason = match (ta, tb) {
        (None, None) => DuplicateReason::NeitherDated,
        (Some(_), None) | (None, Some(_)) => DuplicateReason::Undated,
        (Some(x), Some(y)) if x == y => DuplicateReason::SameTime,
        _ => DuplicateReason::Older,
    };
    (first, reason)
}

/// Collates any number of files. Unreadable ones are listed; duplicates (same ICB, level,
/// organisation and team) keep the most recently updated return and list the other: updates
/// are compared as instants (offsets and fractions of a second count), a return that does not
/// say when it was updated counts as older than one that does, and between returns updated at
/// the same time (or neither saying when) the file whose name sorts first is kept, whatever
/// the order of `inputs`.
pub fn collate(inputs: Vec<Input>) -> Collation {
    let mut unreadable = Vec::new();
    let mut read: Vec<(String, Return)> = Vec::new();
    for input in inputs {
        match input.content {
            Ok(ret) => read.push((input.name, ret)),
            Err(error) => unreadable.push(Unreadable { file: input.name, error }),
        }
    }
    // The returns of each scope, in the order their scopes first appear: one look-up per file.
    let mut scopes: Vec<Vec<usize>> = Vec::new();
    let mut by_scope: HashMap<ScopeKey, usize> = HashMap::new();
    for (i, (_, ret)) in read.iter().enumerate() {
        let at = *by_scope.entry(ret.scope.key()).or_insert_with(|| {
            scopes.push(Vec::new());
            scopes.len() - 1
        });
        scopes[at].push(i);
    }
    let rounds_of: Vec<Option<String>> = read.iter().map(|(_, r)| r.round_or_implied()).collect();
    let mut duplicates = Vec::new();
    // Per scope, the return kept for each round, earliest round first. A return that no date
    // places in a round is taken as one of its scope's latest round (a draft not yet dated is
    // most likely this round's), or its only one.
    let mut by_round: Vec<Vec<usize>> = Vec::new();
    let mut place: Vec<usize> = (0..read.len()).collect();
    for members in &scopes {
        let latest = members.iter().filter_map(|&i| rounds_of[i].clone()).max();
        let mut kept: Vec<(Option<String>, usize)> = Vec::new();
        for &i in members {
            let round = rounds_of[i].clone().or_else(|| latest.clone());
            match kept.iter_mut().find(|(r, _)| *r == round) {
                None => {
                    kept.push((round, i));
                    place[i] = i;
                }
                Some((_, k)) => {
                    let (name, ret) = &read[i];
                    let (held_name, held) = &read[*k];
                    let scope = ret.scope.label();
                    let (replace, reason) = keep_first(name, ret, held_name, held);
                    let (kept_at, dropped_at) = if replace { (i, *k) } else { (*k, i) };
                    duplicates.push(Duplicate {
                        kept: read[kept_at].0.clone(),
                        dropped: read[dropped_at].0.clone(),
                        scope,
                        reason,
                    });
                    // The one kept stands where its scope's round was first given.
                    place[kept_at] = place[*k];
                    *k = kept_at;
                }
            }
        }
        kept.sort_by(|a, b| a.0.cmp(&b.0));
        by_round.push(kept.into_iter().map(|(_, i)| i).collect());
    }
    // Each scope's latest round is counted; its earlier rounds are shown as its progress.
    let mut progress = Vec::new();
    let mut latest = vec![false; read.len()];
    let mut earlier = vec![false; read.len()];
    for list in &by_round {
        for pair in list.windows(2) {
            let (a, b) = (&read[pair[0]].1, &read[pair[1]].1);
            let comparison = crate::rounds::compare(a, b);
            let overall = comparison.scores.first();
            let icb = Register::get().find_icb(&b.scope.icb);
            progress.push(RoundProgress {
                scope: b.scope.label(),
                icb: icb.map_or_else(|| b.scope.icb.clone(), |i| i.name.to_owned()),
                icb_code: icb.map(|i| i.code.to_owned()),
                level: b.scope.level,
                region: region_of(b),
                from: a.round_or_implied(),
                to: b.round_or_implied(),
                score_before: overall.and_then(|s| s.before),
                score_after: overall.and_then(|s| s.after),
                comparison,
                assured_before: a.outcome.assured,
                assured_after: b.outcome.assured,
                open_actions_due: b.maturity.findings.iter().filter(|f| !f.completed).map(|f| f.due.clone()).collect(),
            });
        }
        if let Some((last, before)) = list.split_last() {
            latest[*last] = true;
            before.iter().for_each(|&i| earlier[i] = true);
        }
    }
    let mut rounds: Vec<String> = rounds_of.iter().flatten().cloned().collect();
    rounds.sort();
    rounds.dedup();
    // In the order given: a return kept over a duplicate stands where the first was given.
    let mut kept = Vec::new();
    let mut earlier_rounds = Vec::new();
    for (i, (file, ret)) in read.into_iter().enumerate() {
        if latest[i] {
            kept.push((place[i], file, ret));
        } else if earlier[i] {
            earlier_rounds.push((place[i], summarise(&file, &ret)));
        }
    }
    kept.sort_by_key(|k| k.0);
    earlier_rounds.sort_by_key(|k| k.0);
    let kept: Vec<(String, Return)> = kept.into_iter().map(|(_, file, ret)| (file, ret)).collect();
    let earlier_rounds: Vec<ReturnSummary> = earlier_rounds.into_iter().map(|(_, s)| s).collect();
    let returns: Vec<ReturnSummary> = kept.iter().map(|(file, ret)| summarise(file, ret)).collect();
    let index = Index::current();
    // National counts are over ICB-level returns: a team's or provider's answers are its own,
    // not a second vote for its ICB.
    let n = returns.iter().filter(|r| r.is_icb()).count();

    let provision = index
        .provision
        .iter()
        .map(|link| {
            let answers = returns
                .iter()
                .filter(|r| r.is_icb())
                .map(|r| r.provision.iter().find(|(q, _)| *q == link.question).and_then(|(_, v)| *v));
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
                yes_is_concern: link.question == ProvisionQuestion::DnaUsedAsDischargeReason,
            }
        })
        .collect();

    let barriers = BarrierCategory::ALL
        .iter()
        .map(|&category| {
            let count = returns.iter().filter(|r| r.is_icb() && r.barriers.contains(&category)).count();
            BarrierCount {
                category,
                label: category.label().to_owned(),
                returns: count,
                of: n,
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
        if summary.personal_data > 0 {
            flags.push(flag(
                FlagKind::PersonalData,
                format!(
                    "Free text in {} {} looks like it holds patient-identifiable data",
                    summary.personal_data,
                    if summary.personal_data == 1 { "place" } else { "places" }
                ),
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
            for (_, ret) in kept.iter().zip(&returns).filter(|(_, s)| s.is_icb()).map(|(k, _)| k) {
                match ret.maturity.answers.rating(q.id) {
                    Some(r) => ratings[rating_slot(r)] += 1,
                    None => unanswered += 1,
                }
            }
            QuestionDistribution { id: q.id, ratings, unanswered }
        })
        .collect();

    Collation {
        returns,
        unreadable,
        duplicates,
        provision,
        barriers,
        flags,
        questions,
        rounds,
        earlier_rounds,
        progress,
        kept,
    }
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

    /// Collates two returns for Devon, named `a.json` and `b.json`, given in both orders:
    /// the file kept and why the other was left out, which must not depend on the order.
    fn winner(a: Option<&str>, b: Option<&str>) -> (String, DuplicateReason) {
        let devon = |updated: Option<&str>| {
            let mut r = ret("Devon", "");
            r.meta.updated = updated.map(str::to_owned);
            r
        };
        let inputs = || {
            vec![
                Input { name: "a.json".into(), content: Ok(devon(a)) },
                Input { name: "b.json".into(), content: Ok(devon(b)) },
            ]
        };
        let mut reversed = inputs();
        reversed.reverse();
        let (one, two) = (collate(inputs()), collate(reversed));
        assert_eq!(one.returns.len(), 1);
        assert_eq!(one.duplicates.len(), 1);
        assert_eq!(one.returns[0].file, two.returns[0].file, "the same whatever the order");
        assert_eq!(one.duplicates, two.duplicates);
        (one.returns[0].file.clone(), one.duplicates[0].reason)
    }

    #[test]
    fn duplicates_are_ordered_by_instant_not_by_text() {
        use DuplicateReason::*;
        // A fraction of a second is later, though `.` sorts before `Z` as text.
        assert_eq!(winner(Some("2024-09-30T10:00:00.123Z"), Some("2024-09-30T10:00:00Z")), ("a.json".into(), Older));
        assert_eq!(winner(Some("2024-09-30T10:00:00Z"), Some("2024-09-30T10:00:00.123Z")), ("b.json".into(), Older));
        // 14:30 in British Summer Time is 13:30 UTC: earlier than 13:45 UTC.
        assert_eq!(winner(Some("2024-07-15T14:30:00+01:00"), Some("2024-07-15T13:45:00Z")), ("b.json".into(), Older));
        assert_eq!(winner(Some("2024-07-15T14:50:00+01:00"), Some("2024-07-15T13:45:00Z")), ("a.json".into(), Older));
    }

    #[test]
    fn duplicates_tied_or_undated_are_not_called_older() {
        use DuplicateReason::*;
        // The same instant written two ways: the first by file name is kept.
        assert_eq!(
            winner(Some("2024-07-15T14:30:00+01:00"), Some("2024-07-15T13:30:00Z")),
            ("a.json".into(), SameTime)
        );
        assert_eq!(winner(Some("2024-07-15T13:30:00Z"), Some("2024-07-15T13:30:00.000Z")), ("a.json".into(), SameTime));
        // A return that does not say when it was updated loses to one that does.
        assert_eq!(winner(None, Some("2024-07-15T13:30:00Z")), ("b.json".into(), Undated));
        assert_eq!(winner(Some("last Tuesday"), Some("2024-07-15T13:30:00Z")), ("b.json".into(), Undated));
        assert_eq!(winner(Some("2024-07-15T13:30:00Z"), None), ("a.json".into(), Undated));
        // Neither does: the first by file name.
        assert_eq!(winner(None, Some("not a time")), ("a.json".into(), NeitherDated));

        // Two files holding the same return: a copy, whatever their times.
        assert_eq!(winner(None, None), ("a.json".into(), IdenticalCopy));
        assert_eq!(
            winner(Some("2024-07-15T13:30:00Z"), Some("2024-07-15T13:30:00Z")),
            ("a.json".into(), IdenticalCopy)
        );
        // One file given twice.
        let devon = || Input { name: "a.json".into(), content: Ok(ret("Devon", "2024-07-15T13:30:00Z")) };
        let twice = collate(vec![devon(), devon()]);
        assert_eq!((twice.returns.len(), twice.duplicates[0].reason), (1, SameFile));
        assert_eq!(twice.duplicates[0].message(), "the same file given twice (the return for Devon); read once");

        let d = |reason| Duplicate { kept: "a.json".into(), dropped: "b.json".into(), scope: "Devon".into(), reason };
        assert_eq!(d(Older).message(), "an older return for Devon than a.json");
        assert_eq!(d(IdenticalCopy).message(), "an identical copy of a.json (the return for Devon)");
        for reason in [Undated, SameTime, NeitherDated, SameFile, IdenticalCopy] {
            assert!(!d(reason).message().contains("older"), "{}", d(reason).message());
        }
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
