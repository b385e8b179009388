//! Check and export: the crate's errors (each linking to its field), what is left before the
//! return can be final (each linking to its place), the warnings (linked too), and the export:
//! a draft at any time, the final return once nothing is left.

use iacmh_review::{Code, Edit, ReturnStatus};
use yew::prelude::*;

use super::heading;
use super::import::import_file;
use crate::browser;
use crate::components::{back_link, error_summary, field_link, pairs};
use crate::context::Ctx;
use crate::state::{Action, ERROR_SUMMARY_ID, Page, Problem, ProblemAt};

/// The page. Arriving here is the "submit": from then on errors show on every page
/// (`Model::arrived`). A final export of text that looks like patient data waits for the group
/// to say it is not (`Model::confirming`).
pub fn check_page(ctx: &Ctx) -> Html {
    let export_error = Problem::at(ctx.state.problem.as_ref(), ProblemAt::Export).map(|p| p.message.clone());
    let derived = &ctx.derived;
    let ret = &ctx.state.ret;
    let errors: Vec<_> = derived.errors().cloned().collect();
    let warnings: Vec<_> = derived.warnings().cloned().collect();
    let ready = derived.outstanding.is_empty();
    let personal: Vec<(String, String)> = derived
        .warnings()
        .filter(|d| d.code == Code::PersonalData)
        .map(|d| (d.path.clone(), d.message.clone()))
        .collect();
    let export = |status: ReturnStatus, confirmed: bool| {
        let ctx = ctx.clone();
        let ask = status == ReturnStatus::Final && !confirmed && !personal.is_empty();
        Callback::from(move |_: MouseEvent| {
            if ask {
                ctx.dispatch(Action::GoToField(Page::Check, "iacmh-personal-title".to_owned()));
                ctx.dispatch(Action::Confirming(true));
                return;
            }
            ctx.dispatch(Action::Confirming(false));
            let mut ret = (*ctx.state.ret).clone();
            if ret.status != status {
                // The draft in this browser says what was exported; any later change makes it a
                // draft again (the crate's rule).
                ret.apply(Edit::Status(status));
                ctx.dispatch(Action::Edit(Edit::Status(status)));
            }
            let name = ret.file_name(&browser::today());
            let failed = browser::download(&name, &ret.to_json(), "application/json").err();
            ctx.dispatch(Action::Problem(failed.map(|message| Problem {
                at: ProblemAt::Export,
                message,
                detail: None,
            })));
        })
    };
    let unmarked = derived.completeness.unmarked();
    let left = (!ready).then(|| {
        html! {
            <>
                <h2 class="nhsuk-heading-m" id="iacmh-left">{ "What is left to do" }</h2>
                <p class="nhsuk-body">{ format!("{} before this return can be final:", match derived.outstanding.len() {
                    1 => "1 thing".to_owned(),
                    n => format!("{n} things"),
                }) }</p>
                <ul class="nhsuk-list nhsuk-list--bullet" aria-labelledby="iacmh-left">
                    { for derived.outstanding.iter().map(|o| html! {
                        <li>{ field_link(&o.pointer(), &o.message()) }</li>
                    }) }
                </ul>
            </>
        }
    });
    let status = match (ret.status, ready) {
        (ReturnStatus::Final, _) => {
            "This return is final: it was exported as the final return and has not changed since."
        }
        (ReturnStatus::Draft, true) => {
            "Nothing is left to do. Export the final return and send the file to your NHS England regional team."
        }
        (ReturnStatus::Draft, false) => {
            "You can export a draft at any time to keep it or share it. The final return can be exported once nothing is left to do."
        }
    };
    let confirm = ctx.state.confirming.then(|| {
        let cancel = {
            let ctx = ctx.clone();
            Callback::from(move |_: MouseEvent| ctx.dispatch(Action::Confirming(false)))
        };
        html! {
            <div class="nhsuk-warning-callout">
                <h2 class="nhsuk-warning-callout__label" id="iacmh-personal-title" tabindex="-1">
                    <span role="text"><span class="nhsuk-u-visually-hidden">{ "Important: " }</span>{ "This return may identify a patient" }</span>
                </h2>
                <p>{ "A return is shared with NHS England and may be published. These places look like they hold patient-identifiable data:" }</p>
                <ul>{ for personal.iter().map(|(path, message)| html! {
                    <li>{ field_link(path, message) }</li>
                }) }</ul>
                <p>{ "Remove it, or, if you are sure none of it is about a patient, export anyway." }</p>
                <div class="iacmh__actions">
                    <button class="nhsuk-button nhsuk-button--warning" type="button" onclick={export(ReturnStatus::Final, true)}>
                        { "It is not patient data: export the final return" }
                    </button>
                    <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={cancel}>{ "Go back and remove it" }</button>
                </div>
            </div>
        }
    });
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading("Check and export", Some(ret.scope.label())) }
            { error_summary(ERROR_SUMMARY_ID, "There is a problem", &pairs(&errors)) }
            { left.unwrap_or_default() }
            { if unmarked.is_empty() { Html::default() } else { html! {
                <details class="nhsuk-details">
                    <summary class="nhsuk-details__summary">
                        <span class="nhsuk-details__summary-text">
                            { format!("{} {} not yet marked as completed", unmarked.len(), if unmarked.len() == 1 { "section" } else { "sections" }) }
                        </span>
                    </summary>
                    <div class="nhsuk-details__text">
                        <p>{ "The review group marks each section as completed at the foot of its page. This does not stop an export." }</p>
                        <ul class="nhsuk-list">{ for unmarked.iter().map(|t| html! { <li>{ t.title() }</li> }) }</ul>
                    </div>
                </details>
            } } }
            { if warnings.is_empty() { Html::default() } else { html! {
                <div class="nhsuk-warning-callout">
                    <h2 class="nhsuk-warning-callout__label">
                        <span role="text"><span class="nhsuk-u-visually-hidden">{ "Important: " }</span>{ "Things to check" }</span>
                    </h2>
                    <p>{ "These do not stop you exporting, but a reviewer will ask about them." }</p>
                    <ul>{ for warnings.iter().map(|w| html! {
                        <li>{ field_link(&w.path, &w.message) }</li>
                    }) }</ul>
                </div>
            } } }
            <h2 class="nhsuk-heading-m">{ "Export" }</h2>
            <p class="nhsuk-body">{ status }</p>
            { export_error.map(|m| html! { <p class="nhsuk-error-message" role="alert">{ format!("The file could not be exported: {m}") }</p> }).unwrap_or_default() }
            <div class="iacmh__actions">
                { if ready { html! {
                    <button class="nhsuk-button" type="button" onclick={export(ReturnStatus::Final, false)}>{ "Export the final return (JSON)" }</button>
                } } else { Html::default() } }
                <button class={classes!("nhsuk-button", ready.then_some("nhsuk-button--secondary"))} type="button"
                    onclick={export(ReturnStatus::Draft, false)}>{ "Export a draft (JSON)" }</button>
            </div>
            { confirm.unwrap_or_default() }
            <h2 class="nhsuk-heading-m">{ "Import" }</h2>
            { import_file(ctx) }
        </>
    }
}
