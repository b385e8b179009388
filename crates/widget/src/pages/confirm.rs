//! Questions asked before anything is deleted.

use yew::prelude::*;

use super::heading;
use crate::components::BackLink;
use crate::context::Ctx;
use crate::state::{Action, Page};

#[derive(Properties, PartialEq)]
struct ConfirmProps {
    title: AttrValue,
    body: AttrValue,
    yes: AttrValue,
    on_yes: Callback<()>,
    back_to: Page,
}

#[function_component(Confirm)]
fn confirm(props: &ConfirmProps) -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let back_to = props.back_to;
    let (c1, c2) = (ctx.clone(), ctx.clone());
    let back = Callback::from(move |_| c1.dispatch(Action::Go(back_to)));
    let cancel = Callback::from(move |_: MouseEvent| c2.dispatch(Action::Go(back_to)));
    let yes = props.on_yes.reform(|_: MouseEvent| ());
    html! {
        <>
            <BackLink onclick={back}>{ "Back" }</BackLink>
            { heading(props.title.to_string(), None) }
            <p class="nhsuk-body">{ props.body.clone() }</p>
            <div class="iacmh__actions">
                <button class="nhsuk-button nhsuk-button--warning" type="button" onclick={yes}>{ props.yes.clone() }</button>
                <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </>
    }
}

#[function_component(ConfirmStartAgain)]
pub fn confirm_start_again() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let label = ctx.state.ret.scope.label();
    let on_yes = {
        let c = ctx.clone();
        Callback::from(move |_| {
            c.store.delete(&c.state.draft);
            c.dispatch(Action::new_draft(Page::Start));
        })
    };
    html! {
        <Confirm title="Are you sure you want to start again?"
            body={format!("This deletes the draft for {label} from this browser. Export it first if you might need it. Your other drafts are kept.")}
            yes="Yes, delete this draft" {on_yes} back_to={Page::Tasks} />
    }
}

#[function_component(ConfirmClearDevice)]
pub fn confirm_clear_device() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let on_yes = {
        let c = ctx.clone();
        Callback::from(move |_| {
            let _ = c.store.clear_all();
            c.dispatch(Action::new_draft(Page::Start));
        })
    };
    html! {
        <Confirm title="Clear all your drafts from this device?"
            body="This deletes every draft this form has saved in this browser. Anything you have not exported will be lost."
            yes="Yes, clear my data" {on_yes} back_to={Page::Start} />
    }
}
