//! What every page reads: the state, what the crate derived from it, the draft store, and
//! where the widget's own files are.

use iacmh_review::{Completeness, Diagnostic, Outstanding, Return, Severity, completeness, outstanding, validate};
use yew::{AttrValue, UseReducerHandle};

use crate::shared::Shared;
use crate::state::{Action, Model};
use crate::storage::Store;

/// What the crate says about the open return, computed once per change.
#[derive(Debug)]
pub struct Derived {
    pub diagnostics: Vec<Diagnostic>,
    pub completeness: Completeness,
    /// What stands between the return and a final one; empty when it may be exported as final.
    pub outstanding: Vec<Outstanding>,
}

impl Derived {
    pub fn of(ret: &Return) -> Derived {
        let diagnostics = validate(ret);
        let outstanding = outstanding(ret, &diagnostics);
        Derived { diagnostics, completeness: completeness(ret), outstanding }
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning)
    }
}

#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub state: UseReducerHandle<Model>,
    pub derived: Shared<Derived>,
    pub store: Shared<Store>,
    /// The widget's stylesheet's URL, as the host gave it: the widget's other files sit beside
    /// it.
    pub assets: AttrValue,
}

impl Ctx {
    pub fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }

    /// The URL of `name`, a file beside the widget's stylesheet (`pkg/`); `../name` is beside
    /// the loader.
    pub fn asset(&self, name: &str) -> String {
        format!("{}{name}", self.assets.trim_end_matches(|c| c != '/'))
    }

    /// The error message for the field at `pointer`, once errors are being shown.
    pub fn error_at(&self, pointer: &str) -> Option<String> {
        if !self.state.show_errors {
            return None;
        }
        self.derived.errors().find(|d| d.path == pointer).map(|d| d.message.clone())
    }
}

/// The id of the control for the field at a JSON Pointer, so that an error summary can link
/// to it: `/outcome/review/icb_name` is `f-outcome-review-icb_name`.
pub fn field_id(pointer: &str) -> String {
    format!("f{}", pointer.replace('/', "-"))
}
