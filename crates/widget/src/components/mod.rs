//! Controls in the NHS.UK design system's markup, each one a small component.

mod error_summary;
mod fields;
mod rating;
mod status_bar;

pub use error_summary::ErrorSummary;
pub use fields::{Checkbox, TemplateField, TextInput, error_message};
pub use rating::{RatingQuestion, category_tag};
pub use status_bar::status_bar;

use yew::prelude::*;

/// A link that acts within the widget rather than navigating the host page.
#[derive(Properties, PartialEq)]
pub struct ActionLinkProps {
    pub onclick: Callback<()>,
    pub children: Html,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
}

#[function_component(ActionLink)]
pub fn action_link(props: &ActionLinkProps) -> Html {
    let onclick = {
        let cb = props.onclick.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            cb.emit(());
        })
    };
    html! {
        <a href="#" class={classes!("nhsuk-link", props.class.clone())} {onclick}
           aria-describedby={props.describedby.clone()}>{ props.children.clone() }</a>
    }
}

/// The back link at the top of a page.
#[function_component(BackLink)]
pub fn back_link(props: &ActionLinkProps) -> Html {
    html! {
        <div class="nhsuk-back-link iacmh__no-print">
            <ActionLink onclick={props.onclick.clone()} class="nhsuk-back-link__link">{ props.children.clone() }</ActionLink>
        </div>
    }
}
