//! The Findings and Actions table: prefilled from the priority areas (questions rated "No"),
//! then edited by the group; rows added and removed (focus moves to the next row or the new
//! one, and the change is announced); a row whose question has since been re-rated is marked.

use iacmh_review::{FindingCell, Index, Task, pointer};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::heading;
use crate::components::{TextOptions, back_link, checkbox, date_input, mark_complete, row_change, text_input};
use crate::context::{Ctx, field_id};
use crate::state::{Action, Edit, Page};

/// The page; arriving at it prefills the table while it is empty (`Model::arrived`).
pub fn findings_page(ctx: &Ctx) -> Html {
    let ret = &ctx.state.ret;
    let index = Index::get(&ret.index_version).unwrap_or_else(Index::current);
    let missing = ret.missing_priority_findings().len();
    let count = ret.maturity.findings.len();
    let out_of_date = ret.out_of_date_findings();
    let rows = ret.maturity.findings.iter().enumerate().map(|(i, row)| {
        let n = i + 1;
        let at = |cell: FindingCell| pointer::finding(i, cell);
        let text = |field: FindingCell| {
            let c = ctx.clone();
            Callback::from(move |v: String| c.dispatch(Action::Edit(Edit::FindingText(i, field, v))))
        };
        let domain_id = field_id(&pointer::finding_domain(i));
        let on_domain = {
            let c = ctx.clone();
            Callback::from(move |e: Event| {
                if let Ok(d) = e.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                    c.dispatch(Action::Edit(Edit::FindingDomain(i, d)));
                }
            })
        };
        let on_completed = {
            let c = ctx.clone();
            Callback::from(move |done| c.dispatch(Action::Edit(Edit::FindingCompleted(i, done))))
        };
        // The row below moves up into this place; after the last, the add button.
        let next = if i + 1 < count { row_heading_id(i) } else { ADD_ID.to_owned() };
        let remove = row_change(ctx, Edit::RemoveFinding(i), Some(next), format!("Finding {n} removed"));
        let on_due = {
            let c = ctx.clone();
            Callback::from(move |v: String| c.dispatch(Action::Edit(Edit::FindingText(i, FindingCell::Due, v))))
        };
        // Which question the row is about, as it is rated now.
        let about = row.question.map(|id| {
            let q = index.question(id);
            let rating = ret.maturity.answers.rating(id).map_or("not answered", |r| r.label());
            let stale = out_of_date.iter().any(|(r, ..)| *r == i);
            html! {
                <>
                    <p class="nhsuk-body-s">
                        { format!("About question {id}{}: now rated ", q.map(|q| format!(" ({})", q.category.label())).unwrap_or_default()) }
                        <strong>{ rating }</strong>
                    </p>
                    { if stale { html! {
                        <div class="nhsuk-inset-text iacmh__stale">
                            <span class="nhsuk-u-visually-hidden">{ "Warning: " }</span>
                            { format!("Out of date: question {id} is no longer rated \u{201c}No\u{201d}. Check this finding still holds, or remove it.") }
                        </div>
                    } } else { Html::default() } }
                </>
            }
        });
        html! {
            <div class="iacmh__question" key={format!("row-{i}")}>
                <fieldset class="nhsuk-fieldset">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                        <h2 class="nhsuk-fieldset__heading" id={row_heading_id(i)} tabindex="-1">{ format!("Finding {n}") }</h2>
                    </legend>
                    { about.unwrap_or_default() }
                    <div class="nhsuk-form-group">
                        <label class="nhsuk-label nhsuk-label--s" for={domain_id.clone()}>{ "Domain" }</label>
                        <select class="nhsuk-select" id={domain_id.clone()} name={domain_id} onchange={on_domain}>
                            { for index.domains.iter().map(|d| html! {
                                <option value={d.number.to_string()} selected={d.number == row.domain}>
                                    { format!("{}. {}", d.number, d.title) }
                                </option>
                            }) }
                        </select>
                    </div>
                    { text_input(&field_id(&at(FindingCell::Finding)), "What was the finding", &row.finding, text(FindingCell::Finding), ctx.error_at(&at(FindingCell::Finding)), TextOptions { label_class: "nhsuk-label--s", multiline: true, ..TextOptions::default() }) }
                    { text_input(&field_id(&at(FindingCell::Action)), "What is the action", &row.action, text(FindingCell::Action), ctx.error_at(&at(FindingCell::Action)), TextOptions { label_class: "nhsuk-label--s", multiline: true, ..TextOptions::default() }) }
                    { text_input(&field_id(&at(FindingCell::Owner)), "Who will be responsible for the action", &row.owner, text(FindingCell::Owner), ctx.error_at(&at(FindingCell::Owner)), TextOptions { label_class: "nhsuk-label--s", ..TextOptions::default() }) }
                    { date_input(ctx, &field_id(&at(FindingCell::Due)), "When will the action be completed", row.due.as_deref(),
                        on_due, ctx.error_at(&at(FindingCell::Due)), "nhsuk-label--s") }
                    <div class="nhsuk-form-group">
                        <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
                            { checkbox(&field_id(&pointer::finding_completed(i)), "The action has been completed", row.completed, on_completed) }
                        </div>
                    </div>
                    { text_input(&field_id(&at(FindingCell::Comments)), "Comments (optional)", &row.comments, text(FindingCell::Comments), ctx.error_at(&at(FindingCell::Comments)), TextOptions { label_class: "nhsuk-label--s", multiline: true, ..TextOptions::default() }) }
                    <button class="nhsuk-button nhsuk-button--secondary iacmh__no-print" type="button" onclick={remove}>
                        { format!("Remove finding {n}") }
                    </button>
                </fieldset>
            </div>
        }
    });
    let add = row_change(ctx, Edit::AddFinding, Some(row_heading_id(count)), format!("Finding {} added", count + 1));
    let add_priority = row_change(
        ctx,
        Edit::AddPriorityFindings,
        None,
        format!("{missing} {} added", if missing == 1 { "finding" } else { "findings" }),
    );
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading("Findings and actions", Some(ret.scope.label())) }
            <p class="nhsuk-body">
                { "Each question you rated \u{201c}No\u{201d} is a priority area and starts a finding here. Write the action, who owns it and when it will be done; add findings of your own." }
            </p>
            { if ret.maturity.findings.is_empty() {
                html! { <p class="nhsuk-body">{ "There are no findings yet: no question is rated \u{201c}No\u{201d}." }</p> }
            } else { Html::default() } }
            { for rows }
            <div class="iacmh__actions iacmh__no-print">
                <button class="nhsuk-button nhsuk-button--secondary" type="button" id={ADD_ID} onclick={add}>{ "Add a finding" }</button>
                { if missing > 0 { html! {
                    <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={add_priority}>
                        { format!("Add {missing} new priority {}", if missing == 1 { "area" } else { "areas" }) }
                    </button>
                } } else { Html::default() } }
            </div>
            { mark_complete(ctx, Task::Findings, Page::Tasks) }
        </>
    }
}

const ADD_ID: &str = "iacmh-add-finding";

/// The id of row `i`'s heading, where focus goes after a row is added or removed.
fn row_heading_id(i: usize) -> String {
    format!("iacmh-finding-{i}")
}
