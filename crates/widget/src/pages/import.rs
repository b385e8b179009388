//! Importing a return file: size checked before reading, parsed by the crate, opened as a new
//! draft. A bad file is reported and changes nothing; a file already kept here as a draft is
//! said to be, with the choice to open that draft or import the file as a copy.

use iacmh_review::{check_size, parse_return};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::drafts::about;
use crate::context::Ctx;
use crate::shared::Shared;
use crate::state::{Action, DraftRoute, Duplicate, Page, Problem, ProblemAt};
use crate::storage::new_draft_id;

#[wasm_bindgen(module = "/js/load.js")]
extern "C" {
    /// Calls `done(bytes)` with the file's bytes, or `done(undefined, message)`.
    fn read(file: &web_sys::File, done: &wasm_bindgen::JsValue);
}

/// The import field, with its error (in plain words, and the technical detail for whoever made
/// the file) or the offer for a file already kept here. A function rather than a component (its
/// state is the top's), to keep the wasm small.
pub fn import_file(ctx: &Ctx) -> Html {
    let error = Problem::at(ctx.state.problem.as_ref(), ProblemAt::Import).cloned();
    let failed = |ctx: &Ctx, message: String, detail: Option<String>| {
        ctx.dispatch(Action::Problem(Some(Problem { at: ProblemAt::Import, message, detail })))
    };
    let onchange = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // Let the same file be chosen again after a fix.
            input.set_value("");
            let name = file.name();
            let size = file.size() as u64;
            if let Err(e) = check_size(size) {
                failed(
                    &ctx,
                    format!("{name} could not be imported. {}. Your current draft has not changed.", e.summary()),
                    None,
                );
                return;
            }
            let ctx = ctx.clone();
            ctx.dispatch(Action::Duplicate(None));
            let done = Closure::once_into_js(move |bytes: Option<Vec<u8>>, error: Option<String>| {
                let parsed = match bytes {
                    Some(bytes) => parse_return(&bytes).map_err(|e| (e.summary(), Some(e.to_string()))),
                    None => Err(("The file could not be read".to_owned(), error)),
                };
                match parsed {
                    Ok(ret) => {
                        if let Some(draft) = ctx.store.copy_of(&ret) {
                            ctx.dispatch(Action::Duplicate(Some(Shared::new(Duplicate { file: name, ret, draft }))));
                            return;
                        }
                        ctx.dispatch(Action::Open {
                            id: new_draft_id(),
                            ret: Box::new(ret),
                            page: Page::Tasks,
                            save: true,
                        });
                    }
                    Err((summary, detail)) => failed(
                        &ctx,
                        format!("{name} could not be imported. {summary}. Your current draft has not changed."),
                        detail,
                    ),
                }
            });
            read(&file, &done);
        })
    };
    let copy_offer = ctx.state.duplicate.clone().map(|found| {
        let (c, f) = (ctx.clone(), found.clone());
        let import = Callback::from(move |_: MouseEvent| {
            c.dispatch(Action::Open { id: new_draft_id(), ret: Box::new(f.ret.clone()), page: Page::Tasks, save: true });
        });
        let about = about(&found.draft);
        let when = if about.is_empty() { about } else { format!(" ({about})") };
        html! {
            <div class="nhsuk-inset-text">
                <p role="alert">
                    { format!("{} is already in this browser as the draft \u{201c}{}\u{201d}{when}.", found.file, found.draft.title()) }
                </p>
                <p><a class="nhsuk-link" href={DraftRoute::Open(&found.draft.id).route()}>{ "Open that draft" }</a></p>
                <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="button" onclick={import}>
                    { "Import the file as a copy" }
                </button>
            </div>
        }
    });
    let group = classes!("nhsuk-form-group", error.is_some().then_some("nhsuk-form-group--error"));
    html! {
        <div class={group}>
            <label class="nhsuk-label nhsuk-label--s" for="iacmh-import">{ "Import a return file" }</label>
            <div class="nhsuk-hint" id="iacmh-import-hint">
                { "A JSON file exported from this form. It opens as a new draft; your other drafts are kept." }
            </div>
            { error.clone().map(|Problem { message, detail, .. }| html! {
                <>
                    <span class="nhsuk-error-message" id="iacmh-import-error" role="alert">
                        <span class="nhsuk-u-visually-hidden">{ "Error: " }</span>{ message }
                    </span>
                    { detail.map(|d| html! {
                        <details class="nhsuk-details">
                            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">{ "Details for whoever made the file" }</span></summary>
                            <div class="nhsuk-details__text" id="iacmh-import-detail">{ d }</div>
                        </details>
                    }).unwrap_or_default() }
                </>
            }).unwrap_or_default() }
            <input class="iacmh__file" id="iacmh-import" name="iacmh-import" type="file" accept=".json,application/json"
                aria-describedby={if error.is_some() { "iacmh-import-hint iacmh-import-error" } else { "iacmh-import-hint" }}
                {onchange} />
            { copy_offer.unwrap_or_default() }
        </div>
    }
}
