//! The error summary at the top of a page: each error links to its field, on whatever page.

use yew::prelude::*;

use super::ActionLink;
use crate::context::{Ctx, field_id};
use crate::state::{Action, Page};

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

#[derive(Properties, PartialEq)]
pub struct FieldLinkProps {
    /// The JSON Pointer of the field to go to.
    pub path: AttrValue,
    pub children: Html,
}

/// A link to the field at a JSON Pointer, on whatever page holds it: errors, warnings and what
/// is left before a return is final all link this way.
#[function_component(FieldLink)]
pub fn field_link(props: &FieldLinkProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let path = props.path.clone();
    let go = Callback::from(move |_| ctx.dispatch(Action::GoToField(page_of(&path), field_id(&path))));
    html! { <ActionLink onclick={go}>{ props.children.clone() }</ActionLink> }
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub title: AttrValue,
    /// Each problem: the JSON Pointer of its field, and the message.
    pub items: Vec<(String, String)>,
    /// A focus target id for the summary itself.
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[function_component(ErrorSummary)]
pub fn error_summary(props: &ErrorSummaryProps) -> Html {
    if props.items.is_empty() {
        return Html::default();
    }
    let title_id = format!("{}-title", props.id.as_deref().unwrap_or("iacmh-error-summary"));
    html! {
        <div class="nhsuk-error-summary" aria-labelledby={title_id.clone()} role="alert" tabindex="-1" id={props.id.clone()}>
            <h2 class="nhsuk-error-summary__title" id={title_id}>{ props.title.clone() }</h2>
            <div class="nhsuk-error-summary__body">
                <ul class="nhsuk-list nhsuk-error-summary__list">
                    { for props.items.iter().map(|(path, message)| html! {
                        <li><FieldLink path={path.clone()}>{ message.clone() }</FieldLink></li>
                    }) }
                </ul>
            </div>
        </div>
    }
}
