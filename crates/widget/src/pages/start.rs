//! The start page: where drafts live, who the return is for, drafts to reopen, import.

use iacmh_review::pointer::{self, ScopeField};
use iacmh_review::{Register, ScopeLevel};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::heading;
use super::import::ImportFile;
use crate::browser;
use crate::components::{ActionLink, TextInput, error_message};
use crate::context::{Ctx, field_id};
use crate::state::{Action, Edit, Page};

#[function_component(StartPage)]
pub fn start_page() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    let scope = &ctx.state.ret.scope;
    let register = Register::get();
    let edit = |f: fn(String) -> Edit| {
        let c = ctx.clone();
        Callback::from(move |v: String| c.dispatch(Action::Edit(f(v))))
    };

    let level_radios = ScopeLevel::ALL.iter().map(|&level| {
        let id = if level == ScopeLevel::Icb {
            field_id(&pointer::scope(ScopeField::Level))
        } else {
            format!("iacmh-level-{}", level.key())
        };
        let c = ctx.clone();
        let onchange = Callback::from(move |_: Event| c.dispatch(Action::Edit(Edit::Level(level))));
        let hint = match level {
            ScopeLevel::Icb => "The ICB's answer for the whole system, for NHS England",
            ScopeLevel::Provider => "One provider organisation's self-assessment, to inform the ICB's answer",
            ScopeLevel::Team => "One team's self-assessment",
        };
        html! {
            <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id={id.clone()} name="iacmh-level" type="radio"
                    checked={scope.level == level} {onchange} aria-describedby={format!("{id}-hint")} />
                <label class="nhsuk-label nhsuk-radios__label" for={id.clone()}>{ level.label() }</label>
                <div class="nhsuk-hint nhsuk-radios__hint" id={format!("{id}-hint")}>{ hint }</div>
            </div>
        }
    });

    let icb_id = field_id(&pointer::scope(ScopeField::Icb));
    let icb_error = ctx.error_at(&pointer::scope(ScopeField::Icb));
    let on_icb = {
        let c = ctx.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            c.dispatch(Action::Edit(Edit::Icb(value)));
        })
    };
    let known = register.find_icb(&scope.icb).map(|i| i.name);
    let icb_select = html! {
        <div class={classes!("nhsuk-form-group", icb_error.is_some().then_some("nhsuk-form-group--error"))}>
            <label class="nhsuk-label nhsuk-label--s" for={icb_id.clone()}>{ "Integrated care board" }</label>
            { error_message(&icb_id, &icb_error) }
            <select class="nhsuk-select" id={icb_id.clone()} name={icb_id.clone()} onchange={on_icb}
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

    let drafts = ctx.store.list().unwrap_or_default();
    let others: Vec<_> = drafts.into_iter().filter(|d| d.id != ctx.state.draft).collect();
    let draft_list = (!others.is_empty()).then(|| html! {
        <>
            <h2 class="nhsuk-heading-m">{ "Other drafts in this browser" }</h2>
            <ul class="nhsuk-list">
                { for others.iter().map(|d| {
                    let (c, id) = (ctx.clone(), d.id.clone());
                    let open = Callback::from(move |_| {
                        match c.store.load(&id) {
                            Ok(Some(ret)) => c.dispatch(Action::Open { id: id.clone(), ret: Box::new(ret), page: Page::Tasks, save: false }),
                            // Unreadable drafts are moved aside by the store; the list refreshes.
                            _ => c.dispatch(Action::Go(Page::Start)),
                        }
                    });
                    // In the browser's local time: the stored time is UTC, or carries its offset.
                    let updated = d.updated.as_deref().and_then(browser::local_time).map(|t| format!(" (saved {t})")).unwrap_or_default();
                    html! { <li><ActionLink onclick={open}>{ format!("Open {}", d.label) }</ActionLink>{ updated }</li> }
                }) }
            </ul>
        </>
    });

    let go_tasks = {
        let c = ctx.clone();
        Callback::from(move |_: MouseEvent| c.dispatch(Action::Go(Page::Tasks)))
    };
    let new_draft = {
        let c = ctx.clone();
        Callback::from(move |_: MouseEvent| c.dispatch(Action::new_draft(Page::Start)))
    };
    let clear = {
        let c = ctx.clone();
        Callback::from(move |_| c.dispatch(Action::Go(Page::ConfirmClearDevice)))
    };

    html! {
        <>
            { heading("Intensive and assertive community mental health care review", Some("ICB Maturity Index and national review outcome template".into())) }
            <div class="nhsuk-inset-text">
                <span class="nhsuk-u-visually-hidden">{ "Information: " }</span>
                <p>{ "Your answers are saved as you go, only in this web browser on this device. Nothing is sent anywhere. If this form is part of an intranet page, your drafts belong to that site in this browser." }</p>
                <p>{ "To keep a copy or send your return to NHS England, export it as a file from \u{201c}Check and export\u{201d}." }</p>
            </div>
            <div class={classes!("nhsuk-form-group")}>
                <fieldset class="nhsuk-fieldset">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                        <h2 class="nhsuk-fieldset__heading">{ "Who is this return for?" }</h2>
                    </legend>
                    <div class="nhsuk-radios">{ for level_radios }</div>
                </fieldset>
            </div>
            { icb_select }
            { region.unwrap_or_default() }
            { if scope.level != ScopeLevel::Icb { html! {
                <TextInput id={field_id(&pointer::scope(ScopeField::Organisation))} label="Provider organisation" label_class="nhsuk-label--s"
                    value={scope.organisation.clone()} oninput={edit(Edit::Organisation)} error={ctx.error_at(&pointer::scope(ScopeField::Organisation))} />
            } } else { Html::default() } }
            { if scope.level == ScopeLevel::Team { html! {
                <TextInput id={field_id(&pointer::scope(ScopeField::Team))} label="Team" label_class="nhsuk-label--s"
                    value={scope.team.clone()} oninput={edit(Edit::Team)} error={ctx.error_at(&pointer::scope(ScopeField::Team))} />
            } } else { Html::default() } }
            <div class="iacmh__actions">
                <button class="nhsuk-button" type="button" onclick={go_tasks}>{ "Continue" }</button>
                <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={new_draft}>{ "Start a new draft" }</button>
            </div>
            { draft_list.unwrap_or_default() }
            <h2 class="nhsuk-heading-m">{ "Import" }</h2>
            <ImportFile />
            <h2 class="nhsuk-heading-m">{ "Using a shared computer?" }</h2>
            <p class="nhsuk-body">
                <ActionLink onclick={clear}>{ "Clear my data on this device" }</ActionLink>
            </p>
        </>
    }
}
