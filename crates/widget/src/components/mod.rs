//! Controls in the NHS.UK design system's markup, each one a small component.

mod error_summary;
mod fields;
mod mark_complete;
pub mod paper;
mod rating;
mod status_bar;

pub use error_summary::{error_summary, field_link, page_of, pairs};
pub use fields::{TextOptions, YesNo, checkbox, date_input, error_message, template_field, text_input, yes_no};
pub use mark_complete::mark_complete;
pub use rating::{RatingQuestion, category_tag};
pub use status_bar::status_bar;

use yew::prelude::*;

use crate::context::Ctx;
use crate::state::{Action, Edit, Page};

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

/// The click of a button that adds or removes a row of a repeating list (findings, committee
/// members): the edit, then focus on `focus` (the row that took the removed one's place, the
/// add button after the last, a new row's heading) and `said` in the form's live region, so
/// that a screen reader hears what a sighted user sees change.
pub fn row_change(ctx: &Ctx, edit: Edit, focus: Option<String>, said: String) -> Callback<MouseEvent> {
    let ctx = ctx.clone();
    Callback::from(move |_| {
        ctx.dispatch(Action::RowChange { edit: edit.clone(), focus: focus.clone(), said: said.clone() })
    })
}
