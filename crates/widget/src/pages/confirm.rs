//! Questions asked before anything is deleted or relabelled. Plain functions rather than
//! components: each component adds its own lifecycle code to the wasm.

use iacmh_review::Return;
use yew::prelude::*;

use super::drafts::subject;
use super::heading;
use crate::components::back_link;
use crate::context::Ctx;
use crate::state::{Action, Page};

/// A confirmation page: the question, the button that goes ahead (and maybe another way out),
/// and Cancel, which returns to `back_to`.
fn confirm(
    ctx: &Ctx,
    title: String,
    body: String,
    yes: (&'static str, Callback<MouseEvent>),
    other: Option<(String, Callback<MouseEvent>)>,
    back_to: Page,
) -> Html {
    let button = |class: &'static str, label: String, onclick: Callback<MouseEvent>| {
        html! { <button class={classes!("nhsuk-button", class)} type="button" {onclick}>{ label }</button> }
    };
    let cancel = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Go(back_to)))
    };
    html! {
        <>
            { back_link(back_to, "Back") }
            { heading(title, None) }
            <p class="nhsuk-body">{ body }</p>
            <div class="iacmh__actions">
                { button("nhsuk-button--warning", yes.0.to_owned(), yes.1) }
                { other.map(|(label, action)| button("nhsuk-button--secondary", label, action)).unwrap_or_default() }
                { button("nhsuk-button--secondary", "Cancel".to_owned(), cancel) }
            </div>
        </>
    }
}

/// Asks before deleting a draft: the open one ("Start again", which leaves a new draft open),
/// or one from the start page's list ([`crate::state::Model::subject`]).
pub fn confirm_delete_draft(ctx: &Ctx) -> Html {
    let (title, label, back_to) = match &ctx.state.subject {
        None => ("Are you sure you want to start again?".to_owned(), ctx.state.ret.scope.label(), Page::Tasks),
        Some(_) => match subject(ctx, "Delete a draft") {
            Ok(d) => (format!("Delete the draft \u{201c}{}\u{201d}?", d.title()), d.label, Page::Start),
            Err(gone) => return gone,
        },
    };
    let body = format!(
        "This deletes the draft for {label} from this browser. Export it first if you might need it. Your other drafts are kept."
    );
    let c = ctx.clone();
    let delete = Callback::from(move |_| {
        let id = c.state.subject.as_ref().unwrap_or(&c.state.draft);
        c.store.delete(id);
        c.dispatch(if *id == c.state.draft { Action::new_draft(Page::Start) } else { Action::Go(Page::Start) });
    });
    confirm(ctx, title, body, ("Yes, delete this draft", delete), None, back_to)
}

pub fn confirm_clear_device(ctx: &Ctx) -> Html {
    let c = ctx.clone();
    let clear = Callback::from(move |_| {
        let _ = c.store.clear_all();
        c.dispatch(Action::new_draft(Page::Start));
    });
    confirm(
        ctx,
        "Clear all your drafts from this device?".to_owned(),
        "This deletes every draft this form has saved in this browser. Anything you have not exported will be lost."
            .to_owned(),
        ("Yes, clear my data", clear),
        None,
        Page::Start,
    )
}

/// "78 answers and 11 findings": what a draft holds, as counted by the crate. A draft holding
/// only template text or sign-off details holds "answers" too.
fn holdings(ret: &Return, answered: u32) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let findings = ret.maturity.findings.len();
    match (answered, findings) {
        (0, 0) => "answers".to_owned(),
        (a, 0) => count(a as usize, "answer"),
        (0, f) => count(f, "finding"),
        (a, f) => format!("{} and {}", count(a as usize, "answer"), count(f, "finding")),
    }
}

/// Asks before relabelling a draft that holds answers.
pub fn confirm_scope_page(ctx: &Ctx) -> Html {
    // The reducer shows this page only with a change in hand.
    let Some(to) = &ctx.state.scope_form.proposed else { return Html::default() };
    let ret = &ctx.state.ret;
    let (new_label, c1, c2, to) = (to.label(), ctx.clone(), ctx.clone(), to.clone());
    let body = format!(
        "This draft holds {} for {}. Changing it to {new_label} would relabel all of them.",
        holdings(ret, ctx.derived.completeness.maturity.done),
        ret.scope.label()
    );
    confirm(
        ctx,
        "Change who this draft is for?".to_owned(),
        body,
        ("Change this draft anyway", Callback::from(move |_| c1.dispatch(Action::ConfirmScope))),
        Some((
            format!("Start a new draft for {new_label} instead"),
            Callback::from(move |_| c2.dispatch(Action::new_draft_for(&to))),
        )),
        Page::Start,
    )
}
