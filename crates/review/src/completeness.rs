//! How much of a return is filled in: per domain of the maturity index, per section of the
//! template, and for sign-off. Apart from validation, since a half-finished return is a valid
//! draft.

use serde::Serialize;

use crate::index::{Index, QuestionId};
pub use crate::model::Task;
use crate::model::{Return, ScopeLevel, Signatory};
use crate::pointer::{self, FindingCell, SignOffDate, SignatureField};
use crate::template::{Field, Section};
use crate::validate::Diagnostic;

/// Filled of total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// How many are done.
    pub done: u32,
    /// How many there are.
    pub total: u32,
}

impl Progress {
    /// Whether everything is done (also when there is nothing to do).
    pub fn is_complete(self) -> bool {
        self.done >= self.total
    }

    fn add(&mut self, done: bool) {
        self.total += 1;
        self.done += u32::from(done);
    }
}

/// How much of one domain is answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DomainProgress {
    /// The domain's number, 1 to 14.
    pub domain: u8,
    /// Its questions answered, of all.
    #[serde(flatten)]
    pub progress: Progress,
}

/// How much of one section of the template is answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SectionProgress {
    /// The section.
    pub section: Section,
    /// Its required fields filled, of those this return requires.
    #[serde(flatten)]
    pub progress: Progress,
}

/// How much of a return is filled in, part by part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Completeness {
    /// Questions answered of all questions in the index.
    pub maturity: Progress,
    /// Each domain's questions answered.
    pub domains: Vec<DomainProgress>,
    /// Required template fields filled, of those this return requires.
    pub template: Progress,
    /// Each template section's required fields filled.
    pub sections: Vec<SectionProgress>,
    /// Findings and Actions rows with an action written, of all rows plus the priority areas
    /// (questions rated "No") not yet in the table.
    pub findings: Progress,
    /// Dates, committee and the five signatures.
    pub sign_off: Progress,
    /// The sections the review group has marked as completed.
    pub marked: Vec<Task>,
    /// Whom the return speaks for: the national template is the ICB's, optional for the rest.
    pub level: ScopeLevel,
}

/// Measures how much of a return is filled in. Answers to unknown questions do not count; with
/// an unknown index version no question does.
pub fn completeness(ret: &Return) -> Completeness {
    let answers = &ret.maturity.answers;
    let index = Index::get(&ret.index_version);
    let mut maturity = Progress::default();
    let domains = index
        .map(|index| {
            index
                .domains
                .iter()
                .map(|d| {
                    let mut p = Progress::default();
                    for q in d.questions {
                        p.add(answers.get(q.id).is_some());
                    }
                    maturity.total += p.total;
                    maturity.done += p.done;
                    DomainProgress { domain: d.number, progress: p }
                })
                .collect()
        })
        .unwrap_or_default();

    let o = &ret.outcome;
    let mut template = Progress::default();
    let sections = Section::ALL
        .iter()
        .map(|&section| {
            let mut p = Progress::default();
            for f in Field::ALL.iter().filter(|f| f.section() == section && f.is_required(ret)) {
                p.add(f.is_filled(o));
            }
            template.total += p.total;
            template.done += p.done;
            SectionProgress { section, progress: p }
        })
        .collect();

    let m = &ret.maturity;
    let filled = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    let mut sign_off = Progress::default();
    sign_off.add(filled(&m.date_completed));
    sign_off.add(filled(&m.review_date));
    sign_off.add(m.sign_off.committee.iter().any(|c| !c.name.trim().is_empty()));
    for who in Signatory::ALL {
        let sig = m.sign_off.signature(who);
        sign_off.add(!sig.name.trim().is_empty() && filled(&sig.date));
    }
    let rows = &m.findings;
    let findings = Progress {
        done: rows.iter().filter(|r| !r.action.trim().is_empty()).count() as u32,
        total: (rows.len() + ret.missing_priority_findings().len()) as u32,
    };
    Completeness {
        maturity,
        domains,
        template,
        sections,
        findings,
        sign_off,
        marked: ret.completed_sections.clone(),
        level: ret.scope.level,
    }
}

impl Task {
    /// Whether a diagnostic at `pointer` belongs to this task's page.
    pub fn owns(self, at: &str) -> bool {
        let under = |prefix: &str| at == prefix || at.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'));
        match self {
            Task::Domain(d) => pointer::is_in_domain(at, d),
            Task::Findings => under(pointer::FINDINGS),
            Task::SignOff => {
                under(pointer::SIGN_OFF)
                    || pointer::SignOffDate::ALL.into_iter().any(|d| under(&pointer::sign_off_date(d)))
            }
            Task::Outcome => under("/outcome"),
        }
    }
}

/// Where a task stands, as a task list shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TaskStatus {
    /// Nothing done yet.
    NotStarted,
    /// Some done, of how many.
    InProgress(Progress),
    /// Nothing it asks is required of this return (the national template of a provider or team
    /// return): it may be filled in, or left.
    Optional,
    /// All done, not yet marked as completed by the review group: ready to be marked.
    NotMarked,
    /// All done, and marked as completed by the review group.
    Completed,
    /// Errors to fix on its page.
    HasErrors,
}

impl Completeness {
    /// How much of a task is done.
    pub fn progress(&self, task: Task) -> Progress {
        match task {
            Task::Domain(d) => self.domains.iter().find(|p| p.domain == d).map(|p| p.progress).unwrap_or_default(),
            Task::Findings => self.findings,
            Task::SignOff => self.sign_off,
            Task::Outcome => self.template,
        }
    }

    /// The sections not yet marked as completed by the review group, in task-list order (this
    /// does not stop a final export: the mark is the group's own record).
    pub fn unmarked(&self) -> Vec<Task> {
        Task::all().filter(|t| !self.marked.contains(t) && !self.is_optional(*t)).collect()
    }

    /// Whether nothing of `task` is required of this return: the national template, unless the
    /// return is an ICB's.
    pub fn is_optional(&self, task: Task) -> bool {
        task == Task::Outcome && self.level != ScopeLevel::Icb
    }

    /// A task's status; errors count only when `show_errors` (a form shows them once someone
    /// has asked to check the return).
    pub fn status(&self, task: Task, diagnostics: &[Diagnostic], show_errors: bool) -> TaskStatus {
        let progress = self.progress(task);
        if show_errors && diagnostics.iter().any(|d| d.is_error() && task.owns(&d.path)) {
            TaskStatus::HasErrors
        } else if self.is_optional(task) {
            TaskStatus::Optional
        } else if task == Task::Findings && progress.total == 0 && self.maturity.done == 0 {
            // Before anything is rated there is nothing to find yet.
            TaskStatus::NotStarted
        } else if progress.done == 0 && progress.total > 0 {
            TaskStatus::NotStarted
        } else if progress.is_complete() {
            // The NHS.UK task list pattern: complete when the group says so, not before.
            if self.marked.contains(&task) { TaskStatus::Completed } else { TaskStatus::NotMarked }
        } else {
            TaskStatus::InProgress(progress)
        }
    }
}

/// Something that stands between a return and a final one. [`outstanding`] lists them; a
/// return with none (and so with no errors) may be exported as final.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outstanding {
    /// Questions of a domain not yet rated.
    Unanswered {
        /// The domain's number.
        domain: u8,
        /// The questions left, in order.
        questions: Vec<QuestionId>,
    },
    /// A question rated "No" that has no row in the Findings and Actions table.
    NoFinding {
        /// The question.
        question: QuestionId,
    },
    /// A row of the Findings and Actions table without its finding, action, owner or due date.
    FindingIncomplete {
        /// The row, from 0.
        row: usize,
        /// The cells left empty.
        missing: Vec<FindingCell>,
    },
    /// A date of the sign-off not given.
    SignOffDate(SignOffDate),
    /// No member of the review committee named.
    NoCommittee,
    /// A signature without its name or date.
    Signature(Signatory),
    /// Errors to fix on a task's page (for the template, its required fields among them).
    Errors {
        /// The page.
        task: Task,
        /// How many.
        count: usize,
        /// The first one's pointer.
        first: String,
    },
    /// Errors outside any task's page (the scope, the index version, the file's metadata).
    OtherErrors {
        /// How many.
        count: usize,
        /// The first one's pointer.
        first: String,
    },
}

impl Outstanding {
    /// The page it is fixed on, if any.
    pub fn task(&self) -> Option<Task> {
        match self {
            Outstanding::Unanswered { domain, .. } => Some(Task::Domain(*domain)),
            Outstanding::NoFinding { .. } | Outstanding::FindingIncomplete { .. } => Some(Task::Findings),
            Outstanding::SignOffDate(_) | Outstanding::NoCommittee | Outstanding::Signature(_) => Some(Task::SignOff),
            Outstanding::Errors { task, .. } => Some(*task),
            Outstanding::OtherErrors { .. } => None,
        }
    }

    /// The JSON Pointer of the place to fix it: the first unanswered question, the row's first
    /// empty cell, the date, the signature's first empty field, the first error.
    pub fn pointer(&self) -> String {
        match self {
            Outstanding::Unanswered { questions, domain } => match questions.first() {
                Some(&q) => pointer::answer(q),
                None => pointer::answer(QuestionId::new(*domain, 1)),
            },
            Outstanding::NoFinding { .. } => pointer::FINDINGS.to_owned(),
            Outstanding::FindingIncomplete { row, missing } => match missing.first() {
                Some(&cell) => pointer::finding(*row, cell),
                None => pointer::finding_row(*row),
            },
            Outstanding::SignOffDate(which) => pointer::sign_off_date(*which),
            Outstanding::NoCommittee => pointer::COMMITTEE.to_owned(),
            Outstanding::Signature(who) => pointer::signature(*who, SignatureField::Name),
            Outstanding::Errors { first, .. } | Outstanding::OtherErrors { first, .. } => first.clone(),
        }
    }

    /// What remains, in a sentence for the person completing the return.
    pub fn message(&self) -> String {
        match self {
            Outstanding::Unanswered { domain, questions } => {
                let n = questions.len();
                let ids: Vec<String> = questions.iter().take(5).map(ToString::to_string).collect();
                let more = if n > 5 { format!(" and {} more", n - 5) } else { String::new() };
                format!(
                    "{}: {n} {} not answered ({}{more})",
                    Task::Domain(*domain).title(),
                    if n == 1 { "question" } else { "questions" },
                    ids.join(", ")
                )
            }
            Outstanding::NoFinding { question } => {
                format!("Question {question} is rated \"No\" but has no row in the Findings and Actions table")
            }
            Outstanding::FindingIncomplete { row, missing } => {
                let cells: Vec<String> = missing
                    .iter()
                    .map(|c| {
                        match c {
                            FindingCell::Finding => "finding",
                            FindingCell::Action => "action",
                            FindingCell::Owner => "owner",
                            FindingCell::Due => "due date",
                            FindingCell::Comments => "comments",
                        }
                        .to_owned()
                    })
                    .collect();
                format!("Finding {} has no {}", row + 1, list(&cells, "or"))
            }
            Outstanding::SignOffDate(SignOffDate::Completed) => {
                "The date the index was completed is not given".to_owned()
            }
            Outstanding::SignOffDate(SignOffDate::Review) => "The review date is not given".to_owned(),
            Outstanding::NoCommittee => "No member of the review committee is named".to_owned(),
            Outstanding::Signature(who) => format!("The {} has not signed (name and date)", who.label()),
            Outstanding::Errors { task, count, .. } => {
                format!("{}: {count} {} to fix", task.title(), if *count == 1 { "error" } else { "errors" })
            }
            Outstanding::OtherErrors { count, .. } => {
                format!("{count} other {} to fix", if *count == 1 { "error" } else { "errors" })
            }
        }
    }
}

/// "a", "a or b", "a, b or c".
fn list(items: &[String], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

/// What stands between the return and a final one, in task-list order: unanswered questions,
/// "No" answers without a complete finding, an incomplete sign-off, and errors (`diagnostics`
/// from [`crate::validate`]). Empty means the return may be exported as final. Whether the
/// group has marked each section complete is its own record and not required here.
pub fn outstanding(ret: &Return, diagnostics: &[Diagnostic]) -> Vec<Outstanding> {
    let mut out = Vec::new();
    let errors = |task: Task| {
        let mut errs = diagnostics.iter().filter(|d| d.is_error() && task.owns(&d.path));
        errs.next().map(|first| Outstanding::Errors { task, count: 1 + errs.count(), first: first.path.clone() })
    };
    let answers = &ret.maturity.answers;
    if let Some(index) = Index::get(&ret.index_version) {
        for d in index.domains {
            let questions: Vec<QuestionId> =
                d.questions.iter().map(|q| q.id).filter(|&id| answers.get(id).is_none()).collect();
            if !questions.is_empty() {
                out.push(Outstanding::Unanswered { domain: d.number, questions });
            }
            out.extend(errors(Task::Domain(d.number)));
        }
    }
    let m = &ret.maturity;
    for row in ret.missing_priority_findings() {
        if let Some(question) = row.question {
            out.push(Outstanding::NoFinding { question });
        }
    }
    let blank = |s: &str| s.trim().is_empty();
    for (i, row) in m.findings.iter().enumerate() {
        let missing: Vec<FindingCell> = [
            (FindingCell::Finding, blank(&row.finding)),
            (FindingCell::Action, blank(&row.action)),
            (FindingCell::Owner, blank(&row.owner)),
            (FindingCell::Due, row.due.as_deref().is_none_or(blank)),
        ]
        .into_iter()
        .filter_map(|(cell, empty)| empty.then_some(cell))
        .collect();
        if !missing.is_empty() {
            out.push(Outstanding::FindingIncomplete { row: i, missing });
        }
    }
    out.extend(errors(Task::Findings));
    if m.date_completed.as_deref().is_none_or(blank) {
        out.push(Outstanding::SignOffDate(SignOffDate::Completed));
    }
    if m.review_date.as_deref().is_none_or(blank) {
        out.push(Outstanding::SignOffDate(SignOffDate::Review));
    }
    if m.sign_off.committee.iter().all(|c| blank(&c.name)) {
        out.push(Outstanding::NoCommittee);
    }
    for who in Signatory::ALL {
        let sig = m.sign_off.signature(who);
        if blank(&sig.name) || sig.date.as_deref().is_none_or(blank) {
            out.push(Outstanding::Signature(who));
        }
    }
    out.extend(errors(Task::SignOff));
    out.extend(errors(Task::Outcome));
    let tasks: Vec<Task> = Task::all().collect();
    let mut other = diagnostics.iter().filter(|d| d.is_error() && !tasks.iter().any(|t| t.owns(&d.path)));
    if let Some(first) = other.next() {
        out.push(Outstanding::OtherErrors { count: 1 + other.count(), first: first.path.clone() });
    }
    out
}
