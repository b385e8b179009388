//! The start page: where drafts live, who the return is for (a change to a draft that holds
//! answers is asked about first), the drafts in this browser, import.

use iacmh_review::pointer::{self, ScopeField};
use iacmh_review::{Register, ScopeLevel};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::drafts::draft_list;
use super::heading;
use super::import::import_file;
use crate::components::{TextOptions, error_message, error_summary, pairs, text_input};
use crate::context::{Ctx, field_id};
use crate::state::{Action, ERROR_SUMMARY_ID, Edit, NAME_ID, Page, Problem, ProblemAt};
use crate::storage::Done;

/// The start page. A function rather than a component: each component adds its own
/// lifecycle code to the wasm.
pub fn start_page(ctx: &Ctx) -> Html {
    let form = &ctx.state.scope_form;
    let scope = ctx.state.shown_scope();
    let register = Register::get();
    let edit = |f: fn(String) -> Edit| {
        let c = ctx.clone();
        Callback::from(move |v: String| c.dispatch(Action::Scope(f(v))))
    };
    let errors = if form.show_errors || ctx.state.show_errors { ctx.state.start_errors() } else { Vec::new() };
    let error_at = |field: ScopeField| {
        let at = pointer::scope(field);
        errors.iter().find(|d| d.path == at).map(|d| d.message.clone())
    };

    let level_id = field_id(&pointer::scope(ScopeField::Level));
    let level_error = error_at(ScopeField::Level);
    let level_radios = ScopeLevel::ALL.iter().map(|&level| {
        // The first radio carries the field's id, for the error summary's link.
        let id = if level == ScopeLevel::Icb { level_id.clone() } else { format!("iacmh-level-{}", level.key()) };
        let c = ctx.clone();
        let onchange = Callback::from(move |_: Event| c.dispatch(Action::Scope(Edit::Level(level))));
        let hint = match level {
            ScopeLevel::Icb => "The ICB's answer for the whole system, for NHS England",
            ScopeLevel::Provider => "One provider organisation's self-assessment, to inform the ICB's answer",
            ScopeLevel::Team => "One team's self-assessment",
        };
        html! {
            <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id={id.clone()} name="iacmh-level" type="radio"
                    checked={form.level == Some(level)} {onchange} aria-describedby={format!("{id}-hint")} />
                <label class="nhsuk-label nhsuk-radios__label" for={id.clone()}>{ level.label() }</label>
                <div class="nhsuk-hint nhsuk-radios__hint" id={format!("{id}-hint")}>{ hint }</div>
            </div>
        }
    });

    let icb_id = field_id(&pointer::scope(ScopeField::Icb));
    let icb_error = error_at(ScopeField::Icb);
    let on_icb = {
        let c = ctx.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            c.dispatch(Action::Scope(Edit::Icb(value)));
        })
    };
    let known = register.find_icb(&scope.icb).map(|i| i.name);
    let icb_select = html! {
        <div class={classes!("nhsuk-form-group", icb_error.is_some().then_some("nhsuk-form-group--error"))}>
            <label class="nhsuk-label nhsuk-label--s" for={icb_id.clone()}>{ "Integrated care board" }</label>
            { error_message(&icb_id, &icb_error) }
            <select class={classes!("nhsuk-select", icb_error.is_some().then_some("nhsuk-select--error"))} id={icb_id.clone()} name={icb_id.clone()} onchange={on_icb}
                aria-describedby={icb_error.is_some().then(|| format!("{icb_id}-error"))}>
                <option value="" selected={known.is_none()}>{ "Choose an ICB" }</option>
                { for register.regions.iter().map(|region| html! {
                    <optgroup label={*region}>
                        { for register.icbs_in(region).map(|icb| html! {
                            <option value={icb.name} selected={known == Some(icb.name)}>
                                { icb.short_name().to_owned() }
                            </option>
                        }) }
                    </optgroup>
                }) }
            </select>
        </div>
    };
    let region = (!scope.region.is_empty()).then(|| {
        html! {
            <p class="nhsuk-body" id="iacmh-region">{ "Region: " }<strong>{ scope.region.clone() }</strong></p>
        }
    });

    let go_on = {
        let c = ctx.clone();
        Callback::from(move |_: MouseEvent| c.dispatch(Action::ContinueFromStart))
    };
    let drafts = ctx.store.list().unwrap_or_default();
    let name = drafts.iter().find(|d| d.id == ctx.state.draft).and_then(|d| d.name.clone()).unwrap_or_default();
    let on_name = {
        let c = ctx.clone();
        Callback::from(move |name: String| {
            // A new draft is saved first, so that its name has an entry in the list to go in.
            let (store, id) = (&c.store, &c.state.draft);
            // A failure is said once the write has settled.
            let report = |c: Ctx| -> Done {
                Box::new(move |result| {
                    if let Err(e) = result {
                        c.dispatch(Action::Problem(Some(Problem {
                            at: ProblemAt::DraftName,
                            message: e.to_string(),
                            detail: None,
                        })));
                    }
                })
            };
            if !store.list().is_ok_and(|l| l.iter().any(|d| d.id == *id)) {
                store.save(id, &c.state.ret, Some(report(c.clone())));
            }
            store.rename(id, &name, report(c.clone()));
            // Dispatched at once, so that the list below shows the new name.
            c.dispatch(Action::Problem(None));
        })
    };
    let name_error = Problem::at(ctx.state.problem.as_ref(), ProblemAt::DraftName).map(|p| p.message.clone());
    let new_draft = {
        let c = ctx.clone();
        Callback::from(move |_: MouseEvent| c.dispatch(Action::new_draft(Page::Start)))
    };

    html! {
        <>
            { heading("Intensive and assertive community mental health care review", Some("ICB Maturity Index and national review outcome template".into())) }
            { error_summary(ERROR_SUMMARY_ID, "There is a problem", &pairs(&errors)) }
            <div class="nhsuk-inset-text">
                <span class="nhsuk-u-visually-hidden">{ "Information: " }</span>
                <p>{ "Your answers are saved as you go, only in this web browser on this device. Nothing is sent anywhere. If this form is part of an intranet page, your drafts belong to that site in this browser." }</p>
                <p>{ "To keep a copy or send your return to NHS England, export it as a file from \u{201c}Check and export\u{201d}." }</p>
                // A paragraph of its own: a link inside running text would need more than its colour
                // and underline to stand out when hovered (axe's link-in-text-block).
                <p><a class="nhsuk-link" href={ctx.asset("../check.html")} target="_blank">{ "Check this browser and site can run the form and keep your answers (opens in a new tab)" }</a></p>
            </div>
            <div class={classes!("nhsuk-form-group", level_error.is_some().then_some("nhsuk-form-group--error"))}>
                <fieldset class="nhsuk-fieldset" aria-describedby={level_error.is_some().then(|| format!("{level_id}-error"))}>
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                        <h2 class="nhsuk-fieldset__heading">{ "Who is this return for?" }</h2>
                    </legend>
                    { error_message(&level_id, &level_error) }
                    <div class="nhsuk-radios">{ for level_radios }</div>
                </fieldset>
            </div>
            { icb_select }
            { region.unwrap_or_default() }
            { if matches!(form.level, Some(ScopeLevel::Provider | ScopeLevel::Team)) { html! {
                { text_input(&field_id(&pointer::scope(ScopeField::Organisation)), "Provider organisation", &scope.organisation,
                    edit(Edit::Organisation), error_at(ScopeField::Organisation), TextOptions { label_class: "nhsuk-label--s", ..TextOptions::default() }) }
            } } else { Html::default() } }
            { if form.level == Some(ScopeLevel::Team) { html! {
                { text_input(&field_id(&pointer::scope(ScopeField::Team)), "Team", &scope.team,
                    edit(Edit::Team), error_at(ScopeField::Team), TextOptions { label_class: "nhsuk-label--s", ..TextOptions::default() }) }
            } } else { Html::default() } }
            { text_input(NAME_ID, "Name of this draft (optional)", &name, on_name, name_error, TextOptions {
                hint: Some("To tell it apart in the list of drafts, for example \u{201c}Review group, March 2025\u{201d}"),
                label_class: "nhsuk-label--s",
                ..TextOptions::default()
            }) }
            <div class="iacmh__actions">
                <button class="nhsuk-button" type="button" onclick={go_on}>{ "Continue" }</button>
                <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={new_draft}>{ "Start a new draft" }</button>
            </div>
            { draft_list(ctx, &drafts) }
            <h2 class="nhsuk-heading-m">{ "Import" }</h2>
            { import_file(ctx) }
            <h2 class="nhsuk-heading-m">{ "Using a shared computer?" }</h2>
            <p class="nhsuk-body">
                <a class="nhsuk-link" href={Page::ConfirmClearDevice.route()}>{ "Clear my data on this device" }</a>
            </p>
        </>
    }
}
