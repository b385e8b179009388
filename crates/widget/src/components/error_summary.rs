//! The error summary at the top of a page: each error links to its field, on whatever page.

use iacmh_review::Diagnostic;
use yew::prelude::*;

use crate::context::field_id;
use crate::state::{ERROR_SUMMARY_ID, Page};

/// Which page holds the field at a JSON Pointer.
pub fn page_of(pointer: &str) -> Page {
    let parts: Vec<&str> = pointer.split('/').skip(1).collect();
    match parts.as_slice() {
        ["scope", ..] => Page::Start,
        ["maturity", "answers", id, ..] => {
            id.split('.').next().and_then(|d| d.parse().ok()).map_or(Page::Check, Page::Domain)
        }
        ["outcome", ..] => Page::Outcome,
        ["maturity", "findings", ..] => Page::Findings,
        ["maturity", "sign_off" | "date_completed" | "review_date", ..] => Page::SignOff,
        _ => Page::Check,
    }
}

/// The summary of a page's errors, focused on arrival ([`ERROR_SUMMARY_ID`]); each error links
/// to its field. A function rather than a component, to keep the wasm small.
pub fn error_summary(title: &str, items: &[Diagnostic]) -> Html {
    if items.is_empty() {
        return Html::default();
    }
    let title_id = format!("{ERROR_SUMMARY_ID}-title");
    html! {
        <div class="nhsuk-error-summary" aria-labelledby={title_id.clone()} role="alert" tabindex="-1" id={ERROR_SUMMARY_ID}>
            <h2 class="nhsuk-error-summary__title" id={title_id}>{ title.to_owned() }</h2>
            <div class="nhsuk-error-summary__body">
                <ul class="nhsuk-list nhsuk-error-summary__list">
                    { for items.iter().map(|d| html! {
                        <li><a class="nhsuk-link" href={page_of(&d.path).route()} data-field={field_id(&d.path)}>{ d.message.clone() }</a></li>
                    }) }
                </ul>
            </div>
        </div>
    }
}
