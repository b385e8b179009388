//! The drafts kept in this browser, as the start page lists them: open, rename or delete each.

use yew::prelude::*;

use super::heading;
use crate::browser;
use crate::components::back_link;
use crate::context::Ctx;
use crate::state::{DraftRoute, Page};
use crate::storage::DraftSummary;

/// Who a draft is for, when its name stands in its place, and when it was last saved in the
/// browser's local time (the stored time is UTC, or carries its offset).
pub fn about(d: &DraftSummary) -> String {
    let mut about = if d.name.is_some() { d.label.clone() } else { String::new() };
    if let Some(t) = d.updated.as_deref().and_then(browser::local_time) {
        if !about.is_empty() {
            about.push_str(", ");
        }
        about.push_str("saved ");
        about.push_str(&t);
    }
    about
}

/// A link acting on one draft, named for screen readers by the draft's title too.
fn draft_action(verb: &'static str, d: &DraftSummary, route: DraftRoute<'_>) -> Html {
    html! {
        <li class="nhsuk-summary-list__actions-list-item">
            <a class="nhsuk-link" href={route.route()}>
                { verb }<span class="nhsuk-u-visually-hidden">{ format!(" {}", d.title()) }</span>
            </a>
        </li>
    }
}

/// The drafts in this browser, for the start page.
pub fn draft_list(ctx: &Ctx, drafts: &[DraftSummary]) -> Html {
    if drafts.is_empty() {
        return Html::default();
    }
    let rows = drafts.iter().map(|d| {
        let open_now = d.id == ctx.state.draft;
        let mut about = about(d);
        if open_now {
            about.push_str(if about.is_empty() { "Open now" } else { ", open now" });
        }
        html! {
            <div class="nhsuk-summary-list__row" key={d.id.clone()}>
                <dt class="nhsuk-summary-list__key">{ d.title().to_owned() }</dt>
                <dd class="nhsuk-summary-list__value">{ about }</dd>
                <dd class="nhsuk-summary-list__actions">
                    <ul class="nhsuk-summary-list__actions-list">
                        { if open_now { Html::default() } else { draft_action("Open", d, DraftRoute::Open(&d.id)) } }
                        { draft_action("Rename", d, DraftRoute::Rename(&d.id)) }
                        { draft_action("Delete", d, DraftRoute::Delete(&d.id)) }
                    </ul>
                </dd>
            </div>
        }
    });
    html! {
        <>
            <h2 class="nhsuk-heading-m">{ "Drafts in this browser" }</h2>
            <dl class="nhsuk-summary-list">{ for rows }</dl>
        </>
    }
}

/// The stored draft the delete page is about, or a page saying it is gone.
pub fn subject(ctx: &Ctx, title: &str) -> Result<DraftSummary, Html> {
    let id = ctx.state.subject.as_deref().unwrap_or_default();
    ctx.store.list().ok().and_then(|list| list.into_iter().find(|d| d.id == id)).ok_or_else(|| {
        html! {
            <>
                { back_link(Page::Start, "Back") }
                { heading(title.to_owned(), None) }
                <p class="nhsuk-body">{ "This draft is no longer in this browser." }</p>
            </>
        }
    })
}
