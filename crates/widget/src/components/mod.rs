//! Controls in the NHS.UK design system's markup, each one a small component.

mod error_summary;
mod fields;
mod rating;

pub use error_summary::{error_summary, page_of};
pub use fields::{Checkbox, TemplateField, TextInput, error_message};
pub use rating::RatingQuestion;

use yew::prelude::*;

use crate::state::Page;

/// The back link at the top of a page. Links in the form are plain `<a href="#/...">` with
/// the address of the page they lead to (so they open in a new tab, and can be bookmarked); a
/// click on one is followed in the widget by one handler at the top (`app.rs`).
pub fn back_link(to: Page, text: &'static str) -> Html {
    html! {
        <div class="nhsuk-back-link iacmh__no-print">
            <a class="nhsuk-link nhsuk-back-link__link" href={to.route()}>{ text }</a>
        </div>
    }
}
