//! The widget's state, held once at the top: the open draft, the page, and what to focus after
//! the next render. Every change is an [`Action`]; edits to the return call the crate's rules.

use std::rc::Rc;

use iacmh_review::template::Field;
use iacmh_review::{
    BarrierCategory, CommitteeMember, FindingRow, QuestionId, Rating, Return, Scope, ScopeLevel, Signatory,
};
use yew::Reducible;

use crate::shared::Shared;

/// The pages of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Start,
    Tasks,
    Domain(u8),
    Outcome,
    Findings,
    SignOff,
    Summary,
    Check,
    ConfirmStartAgain,
    ConfirmClearDevice,
}

/// A change to the open return.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Level(ScopeLevel),
    Icb(String),
    Organisation(String),
    Team(String),
    Rate(QuestionId, Rating),
    Comment(QuestionId, String),
    Text(Field, String),
    Answer(Field, Option<bool>),
    Barrier(BarrierCategory, bool),
    /// A text cell of a Findings and Actions row.
    FindingText(usize, FindingField, String),
    FindingDomain(usize, u8),
    FindingCompleted(usize, bool),
    AddFinding,
    RemoveFinding(usize),
    AddPriorityFindings,
    Date(SignOffDate, String),
    Member(usize, MemberField, String),
    AddMember,
    RemoveMember(usize),
    Signature(Signatory, SignatureField, String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingField {
    Finding,
    Action,
    Owner,
    Due,
    Comments,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignOffDate {
    Completed,
    Review,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberField {
    Name,
    Designation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureField {
    Name,
    Organisation,
    Date,
}

/// An empty date is no date.
fn date(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

impl Edit {
    fn apply(self, ret: &mut Return) {
        match self {
            Edit::Level(level) => ret.scope.level = level,
            Edit::Icb(name) => ret.choose_icb(&name),
            Edit::Organisation(text) => ret.scope.organisation = text,
            Edit::Team(text) => ret.scope.team = text,
            Edit::Rate(id, rating) => ret.rate(id, rating),
            Edit::Comment(id, text) => {
                ret.set_comment(id, &text);
            }
            Edit::Text(field, text) => field.set_text(&mut ret.outcome, &text),
            Edit::Answer(field, value) => field.set_answer(&mut ret.outcome, value),
            Edit::Barrier(category, on) => {
                let list = &mut ret.outcome.barriers.categories;
                list.retain(|c| *c != category);
                if on {
                    list.push(category);
                    list.sort();
                }
            }
            Edit::FindingText(i, field, text) => {
                if let Some(row) = ret.maturity.findings.get_mut(i) {
                    match field {
                        FindingField::Finding => row.finding = text,
                        FindingField::Action => row.action = text,
                        FindingField::Owner => row.owner = text,
                        FindingField::Due => row.due = date(text),
                        FindingField::Comments => row.comments = text,
                    }
                }
            }
            Edit::FindingDomain(i, domain) => {
                if let Some(row) = ret.maturity.findings.get_mut(i) {
                    row.domain = domain;
                }
            }
            Edit::FindingCompleted(i, done) => {
                if let Some(row) = ret.maturity.findings.get_mut(i) {
                    row.completed = done;
                }
            }
            Edit::AddFinding => {
                let domain = ret.maturity.findings.last().map_or(1, |r| r.domain.max(1));
                ret.maturity.findings.push(FindingRow { domain, ..FindingRow::default() });
            }
            Edit::RemoveFinding(i) => {
                if i < ret.maturity.findings.len() {
                    ret.maturity.findings.remove(i);
                }
            }
            Edit::AddPriorityFindings => {
                ret.add_priority_findings();
            }
            Edit::Date(which, text) => match which {
                SignOffDate::Completed => ret.maturity.date_completed = date(text),
                SignOffDate::Review => ret.maturity.review_date = date(text),
            },
            Edit::Member(i, field, text) => {
                if let Some(m) = ret.maturity.sign_off.committee.get_mut(i) {
                    match field {
                        MemberField::Name => m.name = text,
                        MemberField::Designation => m.designation = text,
                    }
                }
            }
            Edit::AddMember => ret.maturity.sign_off.committee.push(CommitteeMember::default()),
            Edit::RemoveMember(i) => {
                if i < ret.maturity.sign_off.committee.len() {
                    ret.maturity.sign_off.committee.remove(i);
                }
            }
            Edit::Signature(who, field, text) => {
                let sig = ret.maturity.sign_off.signature_mut(who);
                match field {
                    SignatureField::Name => sig.name = text,
                    SignatureField::Organisation => sig.organisation = text,
                    SignatureField::Date => sig.date = date(text),
                }
            }
        }
    }
}

pub enum Action {
    /// Show a page and focus its heading.
    Go(Page),
    /// Show a page and focus the element with this id (an error summary link).
    GoToField(Page, String),
    Edit(Edit),
    /// Open a draft (restored, imported or new) in place of the current one; `save` when it is
    /// not yet in storage.
    Open {
        id: String,
        ret: Box<Return>,
        page: Page,
        save: bool,
    },
    /// Errors are shown on every page once the user has been to "Check and export".
    ShowErrors,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The storage id of the open draft.
    pub draft: String,
    pub ret: Shared<Return>,
    pub page: Page,
    /// Counts edits since the draft was opened: autosave waits for it to change.
    pub revision: u64,
    /// The element to focus after the next render, with a counter so that going to the same
    /// place twice focuses twice.
    pub focus: (u64, String),
    pub show_errors: bool,
}

pub const HEADING_ID: &str = "iacmh-page-heading";
pub const ERROR_SUMMARY_ID: &str = "iacmh-errors";

impl Model {
    pub fn new(draft: String, ret: Return, page: Page) -> Model {
        Model { draft, ret: Shared::new(ret), page, revision: 0, focus: (0, String::new()), show_errors: false }
    }

    pub fn fresh(draft: String) -> Model {
        Model::new(draft, Return::new(Scope::default()), Page::Start)
    }
}

impl Action {
    /// Open a new, empty draft on `page` (saved once something is entered).
    pub fn new_draft(page: Page) -> Action {
        Action::Open {
            id: crate::storage::new_draft_id(),
            ret: Box::new(Return::new(Scope::default())),
            page,
            save: false,
        }
    }
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Go(page) => {
                next.page = page;
                // Arriving at "Check and export" with errors, focus goes to their summary.
                let target = if page == Page::Check && iacmh_review::has_errors(&iacmh_review::validate(&self.ret)) {
                    ERROR_SUMMARY_ID
                } else {
                    HEADING_ID
                };
                next.focus = (self.focus.0 + 1, target.to_owned());
            }
            Action::GoToField(page, id) => {
                next.page = page;
                next.focus = (self.focus.0 + 1, id);
            }
            Action::Edit(edit) => {
                let mut ret = (*self.ret).clone();
                edit.apply(&mut ret);
                if ret == *self.ret {
                    return self;
                }
                ret.touch(&crate::browser::now());
                next.ret = Shared::new(ret);
                next.revision += 1;
            }
            Action::Open { id, ret, page, save } => {
                next = Model::new(id, *ret, page);
                next.focus = (self.focus.0 + 1, HEADING_ID.to_owned());
                next.revision = u64::from(save);
            }
            Action::ShowErrors => {
                if self.show_errors {
                    return self;
                }
                next.show_errors = true;
            }
        }
        Rc::new(next)
    }
}
