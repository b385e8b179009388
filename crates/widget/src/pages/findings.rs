//! The Findings and Actions table: prefilled from the priority areas (questions rated "No"),
//! then edited by the group; rows added and removed.

use iacmh_review::{FindingCell, Index, pointer};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::heading;
use crate::components::{Checkbox, TextInput, back_link};
use crate::context::{Ctx, field_id};
use crate::state::{Action, Edit, Page};

#[function_component(FindingsPage)]
pub fn findings_page() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    // Prefill once, when the table is still empty.
    {
        let c = ctx.clone();
        use_effect_with((), move |_| {
            if c.state.ret.maturity.findings.is_empty() {
                c.dispatch(Action::Edit(Edit::AddPriorityFindings));
            }
        });
    }
    let ret = &ctx.state.ret;
    let index = Index::get(&ret.index_version).unwrap_or_else(Index::current);
    let missing = ret.missing_priority_findings().len();
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
        let remove = {
            let c = ctx.clone();
            Callback::from(move |_: MouseEvent| c.dispatch(Action::Edit(Edit::RemoveFinding(i))))
        };
        html! {
            <div class="iacmh__question" key={format!("row-{i}")}>
                <fieldset class="nhsuk-fieldset">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                        <h2 class="nhsuk-fieldset__heading">{ format!("Finding {n}") }</h2>
                    </legend>
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
                    <TextInput id={field_id(&at(FindingCell::Finding))} label="What was the finding" label_class="nhsuk-label--s" multiline=true
                        value={row.finding.clone()} oninput={text(FindingCell::Finding)} error={ctx.error_at(&at(FindingCell::Finding))} />
                    <TextInput id={field_id(&at(FindingCell::Action))} label="What is the action" label_class="nhsuk-label--s" multiline=true
                        value={row.action.clone()} oninput={text(FindingCell::Action)} error={ctx.error_at(&at(FindingCell::Action))} />
                    <TextInput id={field_id(&at(FindingCell::Owner))} label="Who will be responsible for the action" label_class="nhsuk-label--s"
                        value={row.owner.clone()} oninput={text(FindingCell::Owner)} error={ctx.error_at(&at(FindingCell::Owner))} />
                    <TextInput id={field_id(&at(FindingCell::Due))} label="When will the action be completed" label_class="nhsuk-label--s"
                        hint="As year-month-day, for example 2025-03-31"
                        value={row.due.clone().unwrap_or_default()} oninput={text(FindingCell::Due)} error={ctx.error_at(&at(FindingCell::Due))} />
                    <div class="nhsuk-form-group">
                        <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
                            <Checkbox id={field_id(&pointer::finding_completed(i))} label="The action has been completed" checked={row.completed} onchange={on_completed} />
                        </div>
                    </div>
                    <TextInput id={field_id(&at(FindingCell::Comments))} label="Comments (optional)" label_class="nhsuk-label--s" multiline=true
                        value={row.comments.clone()} oninput={text(FindingCell::Comments)} error={ctx.error_at(&at(FindingCell::Comments))} />
                    <button class="nhsuk-button nhsuk-button--secondary iacmh__no-print" type="button" onclick={remove}>
                        { format!("Remove finding {n}") }
                    </button>
                </fieldset>
            </div>
        }
    });
    let (c2, c3, c4) = (ctx.clone(), ctx.clone(), ctx.clone());
    let add = Callback::from(move |_: MouseEvent| c2.dispatch(Action::Edit(Edit::AddFinding)));
    let add_priority = Callback::from(move |_: MouseEvent| c3.dispatch(Action::Edit(Edit::AddPriorityFindings)));
    let done = Callback::from(move |_: MouseEvent| c4.dispatch(Action::Go(Page::Tasks)));
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
                <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={add}>{ "Add a finding" }</button>
                { if missing > 0 { html! {
                    <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={add_priority}>
                        { format!("Add {missing} new priority {}", if missing == 1 { "area" } else { "areas" }) }
                    </button>
                } } else { Html::default() } }
            </div>
            <button class="nhsuk-button" type="button" onclick={done}>{ "Continue to your review" }</button>
        </>
    }
}
