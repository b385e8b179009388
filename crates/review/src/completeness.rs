//! How much of a return is filled in: per domain of the maturity index, per section of the
//! template, and for sign-off. Apart from validation, since a half-finished return is a valid
//! draft.

use serde::Serialize;

use crate::index::Index;
use crate::model::{Return, Signatory};
use crate::pointer;
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
            for f in Field::ALL.iter().filter(|f| f.section() == section && f.is_required(o)) {
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
    Completeness { maturity, domains, template, sections, findings, sign_off }
}

/// A task of the form's task list: a part of the return completed on its own page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Task {
    /// One domain of the maturity index (1 to 14).
    Domain(u8),
    /// The Findings and Actions table.
    Findings,
    /// Dates, committee and signatures.
    SignOff,
    /// The national review outcome template.
    Outcome,
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
    /// All done.
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

    /// A task's status; errors count only when `show_errors` (a form shows them once someone
    /// has asked to check the return).
    pub fn status(&self, task: Task, diagnostics: &[Diagnostic], show_errors: bool) -> TaskStatus {
        let progress = self.progress(task);
        if show_errors && diagnostics.iter().any(|d| d.is_error() && task.owns(&d.path)) {
            TaskStatus::HasErrors
        } else if task == Task::Findings && progress.total == 0 && self.maturity.done == 0 {
            // Before anything is rated there is nothing to find yet.
            TaskStatus::NotStarted
        } else if progress.done == 0 && progress.total > 0 {
            TaskStatus::NotStarted
        } else if progress.is_complete() {
            TaskStatus::Completed
        } else {
            TaskStatus::InProgress(progress)
        }
    }
}
