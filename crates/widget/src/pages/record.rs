//! The record of the maturity index, the paper the committee signs: every question in whole
//! (`Question::full_text`) with its category, its rating in words and a mark, and its comment,
//! domain by domain, then the Findings and Actions table and the sign-off. It has no controls
//! but a print button, so it reads the same on screen and on paper.

use iacmh_review::{Answer, Index, Question};
use yew::prelude::*;

use super::heading;
use crate::components::back_link;
use crate::components::paper::{facts, findings_table, print_button, sign_off, table};
use crate::context::Ctx;
use crate::state::Page;

/// One question as a paper shows it: its number and category, its whole text and comment,
/// and its rating in words after a mark that says yes or no without colour.
fn question(q: &Question, answer: Option<&Answer>) -> Vec<String> {
    let (mark, rating) = match answer.map(|a| a.rating) {
        Some(r) if r.is_yes() => ("✓", r.label()),
        Some(r) if r.is_no() => ("✗", r.label()),
        Some(r) => ("–", r.label()),
        None => ("○", "Not answered"),
    };
    let mut text = q.full_text().into_owned();
    if let Some(c) = answer.and_then(|a| a.comment.as_deref()).map(str::trim).filter(|c| !c.is_empty()) {
        text = format!("{text}\nComment: {c}");
    }
    vec![format!("{} {}", q.id, q.category.label()), text, format!("{mark} {rating}")]
}

pub fn record_page(ctx: &Ctx) -> Html {
    let ret = &ctx.state.ret;
    let index = Index::get(&ret.index_version).unwrap_or_else(Index::current);
    let answers = &ret.maturity.answers;
    let done = ctx.derived.completeness.maturity;
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading("Record of the maturity index", Some(index.title.to_owned())) }
            { print_button("Print this record") }
            { facts(ret) }
            <p class="nhsuk-body">
                { format!("{} of {} questions answered. ", done.done, done.total) }
                { "Marks: ✓ a Yes rating, ✗ a No rating, – not applicable, ○ not answered." }
            </p>
            { for index.domains.iter().map(|d| html! {
                <>
                    <h2 class="nhsuk-heading-m">{ format!("{}. {}", d.number, d.title) }</h2>
                    { table("", &["No.", "Question", "Rating"], d.questions.iter().map(|q| question(q, answers.get(q.id))).collect()) }
                </>
            }) }
            <h2 class="nhsuk-heading-m">{ "Action plan" }</h2>
            { findings_table(ret, index) }
            { sign_off(ret) }
        </>
    }
}
