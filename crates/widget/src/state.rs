//! The widget's state, held once at the top: the open draft, the page, the start page's answers
//! before they reach the return, and what to focus after the next render. Every change is an
//! [`Action`]; edits to the return call the crate's rules. Each page's address (`#/domain/3`) is
//! defined here once, read by [`Page::from_route`] and written by [`Page::route`].

use std::rc::Rc;

pub use iacmh_review::Edit;
use iacmh_review::pointer::{self, ScopeField};
use iacmh_review::{Code, Diagnostic, Index, Return, Scope, ScopeLevel, validate};
use yew::Reducible;

use crate::shared::Shared;
use crate::storage::DraftSummary;

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
    /// The record of the maturity index, to print.
    Record,
    Check,
    ConfirmStartAgain,
    ConfirmClearDevice,
    /// Asks before relabelling a draft that holds answers ([`ScopeForm::proposed`]).
    ConfirmScope,
    /// Asks before deleting the draft [`Model::subject`].
    DeleteDraft,
}

/// An address about one stored draft rather than a page of the open one: `#/open/<id>` opens
/// it on its task list, `#/rename/<id>` at its name on the start page, `#/delete/<id>` asks
/// before deleting it. On arrival the address is replaced by the page's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftRoute<'a> {
    Open(&'a str),
    Rename(&'a str),
    Delete(&'a str),
}

impl DraftRoute<'_> {
    pub fn route(self) -> String {
        match self {
            DraftRoute::Open(id) => format!("#/open/{id}"),
            DraftRoute::Rename(id) => format!("#/rename/{id}"),
            DraftRoute::Delete(id) => format!("#/delete/{id}"),
        }
    }

    pub fn from_route(route: &str) -> Option<DraftRoute<'_>> {
        let (verb, id) = route.strip_prefix("#/")?.split_once('/')?;
        match verb {
            _ if id.is_empty() || id.contains('/') => None,
            "open" => Some(DraftRoute::Open(id)),
            "rename" => Some(DraftRoute::Rename(id)),
            "delete" => Some(DraftRoute::Delete(id)),
            _ => None,
        }
    }
}

impl Page {
    /// The page's address, a URL fragment, so that an embedded form never touches its host
    /// page's path or query.
    pub fn route(self) -> String {
        match self {
            Page::Domain(n) => return format!("#/domain/{n}"),
            Page::Start => "#/start",
            Page::Tasks => "#/tasks",
            Page::Outcome => "#/outcome",
            Page::Findings => "#/findings",
            Page::SignOff => "#/sign-off",
            Page::Summary => "#/summary",
            Page::Record => "#/record",
            Page::Check => "#/check",
            Page::ConfirmStartAgain => "#/start-again",
            Page::ConfirmClearDevice => "#/clear-data",
            Page::ConfirmScope => "#/start/change",
            Page::DeleteDraft => "#/drafts/delete",
        }
        .to_owned()
    }

    /// The page at an address, or `None` when it names none (whether a page can be shown
    /// for this draft is [`Model::resolve`]'s question).
    pub fn from_route(route: &str) -> Option<Page> {
        if let Some(n) = route.strip_prefix("#/domain/") {
            // Digits only: `u8::from_str` would also take "+3".
            return n.bytes().all(|b| b.is_ascii_digit()).then(|| n.parse().ok().map(Page::Domain)).flatten();
        }
        Some(match route {
            "#/start" => Page::Start,
            "#/tasks" => Page::Tasks,
            "#/outcome" => Page::Outcome,
            "#/findings" => Page::Findings,
            "#/sign-off" => Page::SignOff,
            "#/summary" => Page::Summary,
            "#/record" => Page::Record,
            "#/check" => Page::Check,
            "#/start-again" => Page::ConfirmStartAgain,
            "#/clear-data" => Page::ConfirmClearDevice,
            "#/start/change" => Page::ConfirmScope,
            "#/drafts/delete" => Page::DeleteDraft,
            _ => return None,
        })
    }

    /// The page's name, for the document title.
    pub fn name(self, index: &Index) -> String {
        match self {
            Page::Domain(n) => {
                return index.domain(n).map_or_else(|| format!("Domain {n}"), |d| format!("Domain {n}: {}", d.title));
            }
            Page::Start => "Who the return is for",
            Page::Tasks => "Your review",
            Page::Outcome => "Review outcome template",
            Page::Findings => "Findings and actions",
            Page::SignOff => "Completion and sign-off",
            Page::Summary => "Summary for the board",
            Page::Record => "Record of the maturity index",
            Page::Check => "Check and export",
            Page::ConfirmStartAgain => "Start again",
            Page::ConfirmClearDevice => "Clear your data",
            Page::ConfirmScope => "Change who this draft is for",
            Page::DeleteDraft => "Delete a draft",
        }
        .to_owned()
    }
}

pub enum Action {
    /// Show a page and focus its heading.
    Go(Page),
    /// Show a page and focus the element with this id (an error summary link).
    GoToField(Page, String),
    /// The address changed (Back, Forward, an address typed): show its page, unless it is
    /// already shown.
    Arrive(Page),
    /// Show a page about a stored draft (delete it).
    GoToDraft(Page, String),
    Edit(Edit),
    /// Add or remove a row of a repeating list (findings, committee members): make the edit,
    /// focus the element `focus` names, if any, and say `said` in the form's live region.
    RowChange {
        edit: Edit,
        focus: Option<String>,
        said: String,
    },
    /// A change to who the return is for, from the start page: made at once, unless the draft
    /// says in full whom it is for and holds answers ([`labelled`]); then held until confirmed.
    Scope(Edit),
    /// The start page's Continue: errors, the confirmation, or the task list.
    ContinueFromStart,
    /// Make the held change of scope to this draft.
    ConfirmScope,
    /// Open a draft (restored, imported or new) in place of the current one; `save` when it is
    /// not yet in storage.
    Open {
        id: String,
        ret: Box<Return>,
        page: Page,
        save: bool,
    },
    /// A field's problem to show, or none.
    Problem(Option<Problem>),
    /// An imported file turned out to be a copy of a stored draft (`None`: the choice is made).
    Duplicate(Option<Shared<Duplicate>>),
    /// Another tab saved the open draft, which this tab has only read: show that version.
    Adopt(Box<Return>),
    /// The answer chosen to "Have you completed this section?", and whether "Yes" was refused.
    Mark(Option<bool>, bool),
    /// A date field's text as it is being typed (its id, the text).
    Typing(String, String),
    /// A date field was left: keep its text no longer, and say whether it is a date.
    Typed(String),
    /// Ask, or stop asking, before a final export of text that looks like patient data.
    Confirming(bool),
    /// The page has painted its first screen: render the rest.
    Painted,
}

/// The start page's answers about who the return is for, before they reach the return.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScopeForm {
    /// The level chosen: `None` on a new draft until one is, so that no level is preselected
    /// (the return itself always has one).
    pub level: Option<ScopeLevel>,
    /// Whether a change is asked about ([`labelled`]), decided as the start page opens so
    /// that it holds for the whole visit, however the fields are typed.
    pub asks: bool,
    /// A change to the scope of a draft that holds answers, kept here until confirmed.
    pub proposed: Option<Scope>,
    /// Continue was pressed: show what is missing.
    pub show_errors: bool,
}

/// The fields whose problems are not the crate's: they come from the browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemAt {
    /// Storage refused the open draft's name.
    DraftName,
    /// The file chosen could not be imported.
    Import,
    /// The return could not be exported.
    Export,
}

/// A problem the browser found with a field ([`ProblemAt`]), in plain words, and the technical
/// detail for whoever made a file, when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub at: ProblemAt,
    pub message: String,
    pub detail: Option<String>,
}

impl Problem {
    /// The message of the problem at `at`, if that is where the problem is.
    pub fn at(problem: Option<&Problem>, at: ProblemAt) -> Option<&Problem> {
        problem.filter(|p| p.at == at)
    }
}

/// A file imported that is a copy of a stored draft, waiting for the choice to open that draft
/// or import the file as a copy.
#[derive(Debug)]
pub struct Duplicate {
    /// The file's name.
    pub file: String,
    pub ret: Return,
    pub draft: DraftSummary,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The storage id of the open draft.
    pub draft: String,
    pub ret: Shared<Return>,
    pub page: Page,
    /// Counts edits since the draft was opened: autosave waits for it to change.
    pub revision: u64,
    /// Whether the last edit was typing in a text box: saved after a pause (400 ms) rather
    /// than at once.
    pub typed: bool,
    /// The element to focus after the next render, with a counter so that going to the same
    /// place twice focuses twice.
    pub focus: (u64, String),
    pub show_errors: bool,
    pub scope_form: ScopeForm,
    /// The stored draft that the delete page is about.
    pub subject: Option<String>,
    pub duplicate: Option<Shared<Duplicate>>,
    /// A problem with a field of this page, and what it is.
    pub problem: Option<Problem>,
    /// The answer chosen to "Have you completed this section?" on this page, until saved
    /// (`None`: as the return records it), and whether "Yes" was refused because something is
    /// left.
    pub mark: Option<(Option<bool>, bool)>,
    /// The date field being typed in, and its text as typed (shown until the field is left).
    pub typing: Option<(String, String)>,
    /// The date fields left with text that is not a date: said at once, before any check.
    pub unreadable: Vec<String>,
    /// "Check and export" asks before a final export of text that looks like patient data.
    pub confirming: bool,
    /// What the form's live region says of the last change that a screen would not show
    /// where focus is (a row added or removed); cleared on leaving the page.
    pub announcement: String,
    /// A domain page just opened shows its first screen of questions, so that it paints within
    /// a frame of the click; the rest follow once it has painted (`Action::Painted`).
    pub partial: bool,
}

pub const HEADING_ID: &str = "iacmh-page-heading";
pub const ERROR_SUMMARY_ID: &str = "iacmh-errors";
/// The start page's field for the open draft's name.
pub const NAME_ID: &str = "iacmh-draft-name";

/// Whether a draft holds anything beyond whom it is for: an answer, a finding, sign-off or
/// template text. The template's ICB name and region follow the scope, so they do not count.
pub fn holds_content(ret: &Return) -> bool {
    let blank = with_scope(Return::new(Scope::default()), &ret.scope);
    ret.maturity != blank.maturity || ret.outcome != blank.outcome
}

/// What the crate finds missing in who a return is for: the ICB, and the organisation and
/// team its level needs.
fn scope_errors(scope: &Scope) -> impl Iterator<Item = Diagnostic> {
    let mut ret = Return::new(Scope::default());
    ret.scope = scope.clone();
    let fields = [ScopeField::Icb, ScopeField::Organisation, ScopeField::Team].map(pointer::scope);
    validate(&ret).into_iter().filter(move |d| d.is_error() && fields.contains(&d.path))
}

/// Whether changing who a draft is for would relabel it: it says in full whom it is for, and
/// holds answers. Completing a scope left unfinished relabels nothing.
pub fn labelled(ret: &Return) -> bool {
    scope_errors(&ret.scope).next().is_none() && holds_content(ret)
}

/// `ret` given `scope` through the crate's edits (choosing the ICB also fills the template's
/// ICB name and region).
pub fn with_scope(mut ret: Return, scope: &Scope) -> Return {
    for edit in [
        Edit::Level(scope.level),
        Edit::Icb(scope.icb.clone()),
        Edit::Organisation(scope.organisation.clone()),
        Edit::Team(scope.team.clone()),
    ] {
        ret.apply(edit);
    }
    ret
}

impl Model {
    pub fn new(draft: String, ret: Return, page: Page) -> Model {
        // A draft ever changed has chosen its level; a new one has not.
        let level = (ret.meta.created.is_some() || holds_content(&ret)).then_some(ret.scope.level);
        let asks = labelled(&ret);
        let mut model = Model {
            draft,
            ret: Shared::new(ret),
            page,
            revision: 0,
            typed: false,
            focus: (0, String::new()),
            show_errors: false,
            scope_form: ScopeForm { level, asks, ..ScopeForm::default() },
            subject: None,
            duplicate: None,
            problem: None,
            announcement: String::new(),
            partial: false,
            mark: None,
            typing: None,
            unreadable: Vec::new(),
            confirming: false,
        };
        model.arrived();
        model
    }

    /// What arriving at the page does, however it was reached (a link, an address, a reload):
    /// the findings table is prefilled from the priority areas while it is empty, and
    /// "Check and export" is the "submit", after which errors show on every page.
    fn arrived(&mut self) {
        match self.page {
            Page::Findings if self.ret.maturity.findings.is_empty() => self.edit(Edit::AddPriorityFindings),
            Page::Check => self.show_errors = true,
            _ => {}
        }
    }

    pub fn fresh(draft: String) -> Model {
        Model::new(draft, Return::new(Scope::default()), Page::Start)
    }

    /// The page to show for a request to show `page`: a domain this return's index lacks is
    /// the task list; a page about a change or a draft no longer in hand is the start page.
    pub fn resolve(&self, page: Page) -> Page {
        match page {
            Page::Domain(n)
                if Index::get(&self.ret.index_version).unwrap_or_else(Index::current).domain(n).is_none() =>
            {
                Page::Tasks
            }
            Page::ConfirmScope if self.scope_form.proposed.is_none() => Page::Start,
            Page::DeleteDraft if self.subject.is_none() => Page::Start,
            page => page,
        }
    }

    /// Who the start page shows the return is for: the change held for confirmation, if any.
    pub fn shown_scope(&self) -> &Scope {
        self.scope_form.proposed.as_ref().unwrap_or(&self.ret.scope)
    }

    /// What the start page lacks, by the crate's rules for the scope shown, and the level
    /// when none is chosen.
    pub fn start_errors(&self) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        if self.scope_form.level.is_none() {
            errors.push(Diagnostic::new(
                Code::Required,
                pointer::scope(ScopeField::Level),
                "Select who this return is for",
            ));
        }
        errors.extend(scope_errors(self.shown_scope()));
        errors
    }

    fn go(&mut self, page: Page, focus: String) {
        let was = self.page;
        self.page = self.resolve(page);
        // What a page held in hand is dropped on leaving it, so that Back cannot return to it.
        let form = |page| matches!(page, Page::Start | Page::ConfirmScope);
        if !form(self.page) || !form(was) {
            let asks = labelled(&self.ret);
            self.scope_form = ScopeForm { level: self.scope_form.level, asks, ..ScopeForm::default() };
        }
        if self.page != Page::DeleteDraft {
            self.subject = None;
        }
        self.duplicate = None;
        self.problem = None;
        // A domain page arrived at by its heading renders its first screen, then the rest once
        // that has painted; going to a field renders the whole page, so the field exists.
        self.partial = matches!(self.page, Page::Domain(_)) && focus == HEADING_ID && self.page != was;
        if self.page != was {
            self.announcement.clear();
            self.mark = None;
            self.typing = None;
            self.unreadable.clear();
            self.confirming = false;
        }
        self.focus = (self.focus.0 + 1, focus);
        if self.page != was {
            self.arrived();
        }
    }

    fn edit(&mut self, edit: Edit) {
        let mut ret = (*self.ret).clone();
        self.typed = matches!(
            edit,
            Edit::Organisation(_)
                | Edit::Team(_)
                | Edit::Comment(..)
                | Edit::Text(..)
                | Edit::FindingText(..)
                | Edit::Date(..)
                | Edit::Member(..)
                | Edit::Signature(..)
        );
        ret.apply(edit);
        if ret == *self.ret {
            return;
        }
        ret.touch(&crate::browser::now());
        self.ret = Shared::new(ret);
        self.revision += 1;
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

    /// Open a new draft for the change of scope held on the start page, leaving the open one
    /// as it is.
    pub fn new_draft_for(scope: &Scope) -> Action {
        let mut ret = with_scope(Return::new(Scope::default()), scope);
        ret.touch(&crate::browser::now());
        Action::Open { id: crate::storage::new_draft_id(), ret: Box::new(ret), page: Page::Tasks, save: true }
    }
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Arrive(page) if self.resolve(page) == self.page => return self,
            Action::Go(page) | Action::Arrive(page) => {
                // Arriving at "Check and export" with errors, focus goes to their summary.
                let target = if page == Page::Check && iacmh_review::has_errors(&validate(&self.ret)) {
                    ERROR_SUMMARY_ID
                } else {
                    HEADING_ID
                };
                next.go(page, target.to_owned());
            }
            Action::GoToField(page, id) => next.go(page, id),
            Action::RowChange { edit, focus, said } => {
                next.edit(edit);
                // The rows below move up: what was said of a date field's text no longer fits.
                next.unreadable.clear();
                if let Some(id) = focus {
                    next.focus = (next.focus.0 + 1, id);
                }
                next.announcement = said;
            }
            Action::GoToDraft(page, id) => {
                next.subject = Some(id);
                next.go(page, HEADING_ID.to_owned());
            }
            Action::Edit(edit) => {
                next.edit(edit);
                if next.revision == self.revision {
                    return self;
                }
            }
            Action::Scope(edit) => {
                if let Edit::Level(level) = &edit {
                    next.scope_form.level = Some(*level);
                }
                if self.scope_form.asks {
                    let mut proposal = Return::new(self.shown_scope().clone());
                    proposal.apply(edit);
                    next.scope_form.proposed = Some(proposal.scope);
                } else {
                    next.edit(edit);
                }
            }
            Action::ContinueFromStart => {
                if !self.start_errors().is_empty() {
                    next.scope_form.show_errors = true;
                    next.focus = (self.focus.0 + 1, ERROR_SUMMARY_ID.to_owned());
                } else {
                    // Only a change of identity asks first: recasing a team name does not.
                    let asks = self.scope_form.proposed.as_ref().is_some_and(|s| s.key() != self.ret.scope.key());
                    if !asks && let Some(scope) = &self.scope_form.proposed {
                        next.edit_scope(scope.clone());
                    }
                    next.go(if asks { Page::ConfirmScope } else { Page::Tasks }, HEADING_ID.to_owned());
                }
            }
            Action::ConfirmScope => {
                if let Some(scope) = self.scope_form.proposed.clone() {
                    next.edit_scope(scope);
                }
                next.go(Page::Tasks, HEADING_ID.to_owned());
            }
            Action::Open { id, ret, page, save } => {
                next = Model::new(id, *ret, page);
                next.focus = (self.focus.0 + 1, HEADING_ID.to_owned());
                next.revision = u64::from(save);
            }
            Action::Adopt(ret) => next.ret = Shared::new(*ret),
            Action::Duplicate(copy) => {
                next.duplicate = copy;
                next.problem = None;
            }
            Action::Problem(problem) => next.problem = problem,
            Action::Mark(choice, refused) => next.mark = Some((choice, refused)),
            Action::Confirming(on) => next.confirming = on,
            Action::Typing(id, text) => next.typing = Some((id, text)),
            Action::Typed(id) => {
                let Some((at, text)) = next.typing.take_if(|(at, _)| *at == id) else {
                    return self;
                };
                next.unreadable.retain(|u| *u != at);
                if iacmh_review::Date::parse_uk(&text).is_none() && !text.trim().is_empty() {
                    next.unreadable.push(at);
                }
            }
            Action::Painted => {
                if !self.partial {
                    return self;
                }
                next.partial = false;
            }
        }
        Rc::new(next)
    }
}

impl Model {
    /// Gives the return `scope`, as one change, and forgets the held one.
    fn edit_scope(&mut self, scope: Scope) {
        let ret = with_scope((*self.ret).clone(), &scope);
        if ret != *self.ret {
            let mut ret = ret;
            ret.touch(&crate::browser::now());
            self.ret = Shared::new(ret);
            self.revision += 1;
            self.typed = false;
        }
        self.scope_form.proposed = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Page; 13] = [
        Page::Start,
        Page::Tasks,
        Page::Domain(1),
        Page::Outcome,
        Page::Findings,
        Page::SignOff,
        Page::Summary,
        Page::Record,
        Page::Check,
        Page::ConfirmStartAgain,
        Page::ConfirmClearDevice,
        Page::ConfirmScope,
        Page::DeleteDraft,
    ];

    #[test]
    fn every_page_has_its_own_address_and_is_read_back_from_it() {
        let mut routes = Vec::new();
        for page in ALL.into_iter().chain((2..=14).map(Page::Domain)).chain([Page::Domain(255)]) {
            let route = page.route();
            assert!(route.starts_with("#/"), "{route}");
            assert_eq!(Page::from_route(&route), Some(page), "{route}");
            assert_eq!(DraftRoute::from_route(&route), None, "{route}");
            routes.push(route);
        }
        routes.sort();
        let count = routes.len();
        routes.dedup();
        assert_eq!(routes.len(), count, "two pages share an address");
        // The addresses about a stored draft, read back.
        for draft in [DraftRoute::Open("lx2abc"), DraftRoute::Rename("lx2abc"), DraftRoute::Delete("lx2abc")] {
            let route = draft.route();
            assert_eq!(DraftRoute::from_route(&route), Some(draft), "{route}");
            assert_eq!(Page::from_route(&route), None, "{route}");
        }
    }

    #[test]
    fn addresses_that_name_no_page() {
        for route in [
            "",
            "#",
            "#/",
            "#tasks",
            "#/tasks/",
            "#/domain/",
            "#/domain/x",
            "#/domain/+3",
            "#/domain/256",
            "#/open/",
            "#/open/a/b",
            "#/rename/",
            "#/copy/a",
            "open/a",
        ] {
            assert_eq!(Page::from_route(route), None, "{route}");
            assert_eq!(DraftRoute::from_route(route), None, "{route}");
        }
    }
}
