//! One component per page of the form.

mod check;
mod confirm;
mod domain;
mod drafts;
mod findings;
mod import;
mod outcome;
mod record;
mod sign_off;
mod start;
mod summary;
mod tasks;

pub use check::check_page;
pub use confirm::{confirm_clear_device, confirm_delete_draft, confirm_scope_page};
pub use domain::domain_page;
pub use findings::findings_page;
pub use outcome::outcome_page;
pub use record::record_page;
pub use sign_off::sign_off_page;
pub use start::start_page;
pub use summary::summary_page;
pub use tasks::tasks_page;

use yew::prelude::*;

use crate::state::HEADING_ID;

/// The page's main heading, focused when the page opens so screen readers announce it.
pub fn heading(text: impl Into<String>, caption: Option<String>) -> Html {
    html! {
        <>
            { caption.map(|c| html! { <span class="nhsuk-caption-l">{ c }</span> }).unwrap_or_default() }
            <h1 class="nhsuk-heading-l" id={HEADING_ID} tabindex="-1">{ text.into() }</h1>
        </>
    }
}
