//! Check and export: the crate's errors (each linking to its field) and warnings, how much is
//! done, and the export of the return as a JSON file.

use yew::prelude::*;

use super::heading;
use super::import::import_file;
use crate::browser;
use crate::components::{back_link, error_summary};
use crate::context::Ctx;
use crate::state::{Action, Page};

#[function_component(CheckPage)]
pub fn check_page() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    {
        // Arriving here is the "submit": from now on errors show on every page.
        let c = ctx.clone();
        use_effect_with((), move |_| c.dispatch(Action::ShowErrors));
    }
    let export_error = use_state(|| None::<String>);
    let derived = &ctx.derived;
    let errors: Vec<_> = derived.errors().cloned().collect();
    let warnings: Vec<_> = derived.warnings().cloned().collect();
    let c = &derived.completeness;
    let export = {
        let (ctx, export_error) = (ctx.clone(), export_error.clone());
        Callback::from(move |_: MouseEvent| {
            let ret = &ctx.state.ret;
            let name = ret.file_name(&browser::today());
            export_error.set(browser::download(&name, &ret.to_json(), "application/json").err());
        })
    };
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading("Check and export", Some(ctx.state.ret.scope.label())) }
            { error_summary("There is a problem", &errors) }
            <dl class="nhsuk-summary-list">
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">{ "Maturity index" }</dt>
                    <dd class="nhsuk-summary-list__value">{ format!("{} of {} questions answered", c.maturity.done, c.maturity.total) }</dd>
                </div>
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">{ "Review outcome template" }</dt>
                    <dd class="nhsuk-summary-list__value">{ format!("{} of {} required answers given", c.template.done, c.template.total) }</dd>
                </div>
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">{ "Errors" }</dt>
                    <dd class="nhsuk-summary-list__value">{ errors.len() }</dd>
                </div>
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">{ "Things to check" }</dt>
                    <dd class="nhsuk-summary-list__value">{ warnings.len() }</dd>
                </div>
            </dl>
            { if !warnings.is_empty() { html! {
                <div class="nhsuk-warning-callout">
                    <h2 class="nhsuk-warning-callout__label">
                        <span role="text"><span class="nhsuk-u-visually-hidden">{ "Important: " }</span>{ "Things to check" }</span>
                    </h2>
                    <p>{ "These do not stop you exporting, but a reviewer will ask about them." }</p>
                    <ul>{ for warnings.iter().map(|w| html! { <li>{ w.message.clone() }</li> }) }</ul>
                </div>
            } } else { Html::default() } }
            <h2 class="nhsuk-heading-m">{ "Export" }</h2>
            <p class="nhsuk-body">
                { if errors.is_empty() {
                    "Your return is ready. Export it and send the file to your NHS England regional team."
                } else {
                    "You can export a draft to keep or share it, but fix the errors before you send it to NHS England."
                } }
            </p>
            { (*export_error).clone().map(|m| html! { <p class="nhsuk-error-message" role="alert">{ format!("The file could not be exported: {m}") }</p> }).unwrap_or_default() }
            <button class="nhsuk-button" type="button" onclick={export}>{ "Export the return (JSON)" }</button>
            <h2 class="nhsuk-heading-m">{ "Import" }</h2>
            { import_file(&ctx) }
        </>
    }
}
