//! The widget's state, held once at the top: the open draft, the page, and what to focus after
//! the next render. Every change is an [`Action`]; edits to the return call the crate's rules.

use std::rc::Rc;

pub use iacmh_review::Edit;
use iacmh_review::{Return, Scope};
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
    /// The page has painted its first screen: render the rest.
    Painted,
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
    /// A domain page just opened shows its first screen of questions, so that it paints within
    /// a frame of the click; the rest follow once it has painted (`Action::Painted`).
    pub partial: bool,
}

pub const HEADING_ID: &str = "iacmh-page-heading";
pub const ERROR_SUMMARY_ID: &str = "iacmh-errors";

impl Model {
    pub fn new(draft: String, ret: Return, page: Page) -> Model {
        Model {
            draft,
            ret: Shared::new(ret),
            page,
            revision: 0,
            focus: (0, String::new()),
            show_errors: false,
            partial: false,
        }
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
                next.partial = matches!(page, Page::Domain(_));
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
                next.partial = false;
                next.focus = (self.focus.0 + 1, id);
            }
            Action::Edit(edit) => {
                let mut ret = (*self.ret).clone();
                ret.apply(edit);
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
