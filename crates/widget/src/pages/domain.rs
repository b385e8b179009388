//! One domain of the maturity index: what the ratings and categories mean, then its questions
//! under their headings. Each question gets only its own answer as properties, so a rating
//! re-renders one row, not the page; and the questions below the first screen are rendered
//! just after the first paint (`Model::partial`), so the page appears within a frame of the
//! click.

use iacmh_review::{Index, Rating, Task};
use yew::prelude::*;

use super::heading;
use crate::components::{RatingQuestion, back_link, category_tag, mark_complete};
use crate::context::Ctx;
use crate::shared::Static;
use crate::state::Page;

/// Questions rendered before the page first paints; the rest arrive a frame later. At 1280x900
/// the third question's fieldset starts at 820 px, so it is the first to arrive with the rest.
/// Each question in the first paint costs about 2.2 ms of a click (its elements built, styled
/// and laid out; pooled medians, builds measured back to back: 8.7 ms with none, 15.2 with 3),
/// so the first paint holds the heading, what the ratings mean and the first two: measured
/// click to paint (`measure.mjs`, medians of 10): 28 to 32 ms with 8; 15.5 to 26.2 ms with 4;
/// 13.2 to 19.7 ms with 3 (13 runs, 14.9 pooled over 30 clicks).
const FIRST_PAINT: usize = 2;

/// Domain `number`'s page.
pub fn domain_page(ctx: &Ctx, number: u8) -> Html {
    let index = Index::get(&ctx.state.ret.index_version).unwrap_or_else(Index::current);
    let Some(domain) = index.domain(number) else {
        return html! { <p class="nhsuk-body">{ "There is no such domain." }</p> };
    };
    let count = index.domains.len() as u8;
    let next = if number < count { Page::Domain(number + 1) } else { Page::Tasks };
    let dispatch = ctx.state.dispatcher();
    let answers = &ctx.state.ret.maturity.answers;

    // The first screen of questions, then all of them once it has painted (see `Model::partial`).
    let shown = if ctx.state.partial { FIRST_PAINT } else { domain.questions.len() };

    // Print a heading whenever it changes from the previous question's.
    let mut last: (Option<&str>, Option<&str>) = (None, None);
    let mut body = Vec::new();
    for q in domain.questions.iter().take(shown) {
        let here = (q.heading, q.subheading);
        if here.0 != last.0
            && let Some(h) = here.0
        {
            body.push(html! { <h2 key={format!("h{}", q.id)} class="nhsuk-heading-s iacmh__heading-group">{ h }</h2> });
        }
        if here != last
            && let Some(s) = here.1
        {
            body.push(
                html! { <h3 key={format!("s{}", q.id)} class="nhsuk-heading-xs iacmh__heading-group">{ s }</h3> },
            );
        }
        last = here;
        let comment = iacmh_review::pointer::answer_comment(q.id);
        body.push(html! {
            <RatingQuestion key={q.id.to_string()} question={Static(q)} answer={answers.get(q.id).cloned()}
                comment_error={ctx.error_at(&comment)}
                comment_flagged={ctx.derived.diagnostics.iter().any(|d| d.path == comment)}
                dispatch={dispatch.clone()} />
        });
    }
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading(format!("{}. {}", domain.number, domain.title), Some(format!("Domain {} of {}", domain.number, count))) }
            <p class="nhsuk-body">
                { "For each question, choose the answer that best describes where you are now. Add a comment to say why." }
            </p>
            { explanations(index, ctx) }
            // Its own element, every child keyed: when the rest of the questions arrive, Yew adds
            // them and touches nothing else (the focused heading stays the same element).
            <div>{ for body }</div>
            // Below every question: it arrives with the rest of them.
            if !ctx.state.partial {
                { mark_complete(ctx, Task::Domain(number), next) }
            }
        </>
    }
}

/// What the five ratings and the three categories mean, from the crate and the index's own
/// descriptions. Why each question has its category is a page of its own beside the stylesheet
/// (`./dev build` writes it from the index's data): in the form's wasm, the 161 reasons would
/// cost every page load 4.4 KB gzip. The definitions, hidden until the details are opened,
/// arrive with the rest of the page after its first paint.
fn explanations(index: &Index, ctx: &Ctx) -> Html {
    let summary = html! {
        <summary class="nhsuk-details__summary">
            <span class="nhsuk-details__summary-text">{ "What the ratings and categories mean" }</span>
        </summary>
    };
    if ctx.state.partial {
        return html! { <details class="nhsuk-details iacmh__no-print">{ summary }</details> };
    }
    let definition = |term: Html, text: &'static str| html! { <><dt>{ term }</dt><dd>{ text }</dd></> };
    let ratings = Rating::ALL.iter().map(|r| definition(html! { r.label() }, r.description()));
    let categories = index.categories.iter().map(|c| definition(category_tag(c.id), c.description));
    html! {
        <details class="nhsuk-details iacmh__no-print">
            { summary }
            <div class="nhsuk-details__text">
                <h2 class="nhsuk-heading-xs">{ "Ratings" }</h2>
                <dl class="iacmh__definitions">{ for ratings }</dl>
                <h2 class="nhsuk-heading-xs">{ "Categories" }</h2>
                <dl class="iacmh__definitions">{ for categories }</dl>
                <p class="nhsuk-body">
                    <a class="nhsuk-link" href={ctx.asset(&format!("reasons-{}.html", index.version))} target="_blank">
                        { "Why each question has its category (opens in a new tab)" }
                    </a>
                </p>
            </div>
        </details>
    }
}
