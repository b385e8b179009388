//! The error summary at the top of a page: each error links to its field, on whatever page.

use iacmh_review::Diagnostic;
use yew::prelude::*;

use crate::context::field_id;
use crate::state::Page;

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

/// A link to the field at a JSON Pointer, on whatever page holds it: errors, warnings and what
/// is left before a return is final all link this way. The form's one click handler
/// (`app.rs`) follows it and focuses the field named by `data-field`.
pub fn field_link(path: &str, text: &str) -> Html {
    html! { <a class="nhsuk-link" href={page_of(path).route()} data-field={field_id(path)}>{ text.to_owned() }</a> }
}

/// Each diagnostic as the pointer and message [`error_summary`] lists.
pub fn pairs(diagnostics: &[Diagnostic]) -> Vec<(&str, &str)> {
    diagnostics.iter().map(|d| (d.path.as_str(), d.message.as_str())).collect()
}

/// The summary of problems, focused on arrival (by its `id`: [`crate::state::ERROR_SUMMARY_ID`] for a
/// page's own); each links to its field (a JSON Pointer, then the message). A function rather
/// than a component, to keep the wasm small.
pub fn error_summary(id: &str, title: &str, items: &[(&str, &str)]) -> Html {
    if items.is_empty() {
        return Html::default();
    }
    let title_id = format!("{id}-title");
    html! {
        <div class="nhsuk-error-summary" aria-labelledby={title_id.clone()} role="alert" tabindex="-1" id={id.to_owned()}>
            <h2 class="nhsuk-error-summary__title" id={title_id}>{ title.to_owned() }</h2>
            <div class="nhsuk-error-summary__body">
                <ul class="nhsuk-list nhsuk-error-summary__list">
                    { for items.iter().map(|(path, message)| html! { <li>{ field_link(path, message) }</li> }) }
                </ul>
            </div>
        </div>
    }
}
