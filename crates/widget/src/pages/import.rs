//! Importing a return file: size checked before reading, parsed by the crate, opened as a new
//! draft. A bad file is reported and changes nothing.

use gloo::file::callbacks::FileReader;
use iacmh_review::{check_size, parse_return};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::context::Ctx;
use crate::state::{Action, Page};
use crate::storage::new_draft_id;

#[function_component(ImportFile)]
pub fn import_file() -> Html {
    let ctx = use_context::<Ctx>().expect("context");
    // What went wrong in plain words, and the technical detail for whoever made the file.
    let error = use_state(|| None::<(String, Option<String>)>);
    // The reader must live until it calls back.
    let reader = use_mut_ref(|| None::<FileReader>);
    let onchange = {
        let (ctx, error, reader) = (ctx.clone(), error.clone(), reader.clone());
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
                error.set(Some((
                    format!("{name} could not be imported. {}. Your current draft has not changed.", e.summary()),
                    None,
                )));
                return;
            }
            let (ctx, error) = (ctx.clone(), error.clone());
            let file = gloo::file::File::from(file);
            let task = gloo::file::callbacks::read_as_bytes(&file, move |result| {
                let parsed = match result {
                    Ok(bytes) => parse_return(&bytes).map_err(|e| (e.summary(), Some(e.to_string()))),
                    Err(e) => Err(("The file could not be read".to_owned(), Some(e.to_string()))),
                };
                match parsed {
                    Ok(ret) => {
                        error.set(None);
                        ctx.dispatch(Action::Open {
                            id: new_draft_id(),
                            ret: Box::new(ret),
                            page: Page::Tasks,
                            save: true,
                        });
                    }
                    Err((summary, detail)) => error.set(Some((
                        format!("{name} could not be imported. {summary}. Your current draft has not changed."),
                        detail,
                    ))),
                }
            });
            // Replacing a finished reader drops it; it is kept until then, as dropping it
            // inside its own callback is not allowed.
            *reader.borrow_mut() = Some(task);
        })
    };
    let group = classes!("nhsuk-form-group", error.is_some().then_some("nhsuk-form-group--error"));
    html! {
        <div class={group}>
            <label class="nhsuk-label nhsuk-label--s" for="iacmh-import">{ "Import a return file" }</label>
            <div class="nhsuk-hint" id="iacmh-import-hint">
                { "A JSON file exported from this form. It opens as a new draft; your other drafts are kept." }
            </div>
            { (*error).clone().map(|(m, detail)| html! {
                <>
                    <span class="nhsuk-error-message" id="iacmh-import-error" role="alert">
                        <span class="nhsuk-u-visually-hidden">{ "Error: " }</span>{ m }
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
        </div>
    }
}
