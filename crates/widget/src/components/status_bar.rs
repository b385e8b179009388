//! The bar at the top of the form that stays in view while the page scrolls.

use yew::prelude::*;

use crate::context::Ctx;
use crate::state::Page;

/// The bar that stays in view while the page scrolls: how many questions are answered (on a
/// domain page) and whether the draft is saved. The save status is a live region, announced
/// when it changes; the progress is not, as announcing it after every rating would talk over
/// the page. While a change is being written it says "Saving" and is marked busy, so that a
/// screen reader waits for the outcome rather than hearing both after every rating.
pub fn status_bar(ctx: &Ctx, status: String, saving: bool) -> Html {
    let c = &ctx.derived.completeness;
    let progress = match ctx.state.page {
        Page::Domain(n) => c.domains.get(usize::from(n).wrapping_sub(1)).map(|d| {
            html! {
                <p>
                    <strong>{ format!("{} of {}", d.progress.done, d.progress.total) }</strong>
                    { format!(" answered in this domain ({} of {} in all)", c.maturity.done, c.maturity.total) }
                </p>
            }
        }),
        _ => None,
    };
    html! {
        <div class="iacmh__bar">
            { progress.unwrap_or_default() }
            <p class="iacmh__status" role="status" aria-busy={saving.then_some("true")}>{ status }</p>
        </div>
    }
}
