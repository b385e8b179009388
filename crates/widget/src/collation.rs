//! The regional collation page: many return files picked, dropped or chosen as a folder, read
//! in the browser, collated by the crate, shown (each file's status, a heatmap, flags, counts,
//! distributions) and downloaded as CSV, XLSX or JSON through `iacmh-report`. No file leaves
//! the browser.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use iacmh_review::collate::{Collation, Input, InputError, collate};
use iacmh_review::rounds::roll_up;
use iacmh_review::{check_size, parse_return};
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use crate::browser;
use crate::shared::Shared;

/// Files being read: the inputs so far, and how many are still to come.
#[derive(Default)]
struct Reading {
    inputs: Vec<Option<Input>>,
    left: usize,
    readers: Vec<FileReader>,
}

/// Reads every file, then collates them all at once.
fn read_all(files: Vec<web_sys::File>, reading: Rc<RefCell<Reading>>, done: Callback<Collation>) {
    let json: Vec<web_sys::File> =
        files.into_iter().filter(|f| f.name().to_ascii_lowercase().ends_with(".json")).collect();
    if json.is_empty() {
        done.emit(collate(Vec::new()));
        return;
    }
    {
        let mut r = reading.borrow_mut();
        r.inputs = (0..json.len()).map(|_| None).collect();
        r.left = json.len();
        r.readers.clear();
    }
    for (i, file) in json.into_iter().enumerate() {
        // Files chosen as a folder carry their path within it.
        let relative = js_sys::Reflect::get(&file, &"webkitRelativePath".into()).ok().and_then(|v| v.as_string());
        let name = relative.filter(|p| !p.is_empty()).unwrap_or_else(|| file.name());
        let finish = {
            let (reading, done, name) = (reading.clone(), done.clone(), name.clone());
            move |content: Result<iacmh_review::Return, InputError>| {
                let mut r = reading.borrow_mut();
                r.inputs[i] = Some(Input { name, content });
                r.left -= 1;
                if r.left == 0 {
                    let inputs = r.inputs.drain(..).flatten().collect();
                    drop(r);
                    done.emit(collate(inputs));
                }
            }
        };
        if let Err(e) = check_size(file.size() as u64) {
            finish(Err(InputError::from(e)));
            continue;
        }
        let task = gloo::file::callbacks::read_as_bytes(&gloo::file::File::from(file), move |bytes| {
            finish(match bytes {
                Ok(bytes) => parse_return(&bytes).map_err(InputError::from),
                Err(e) => {
                    Err(InputError { code: "io".to_owned(), message: format!("the file could not be read ({e})") })
                }
            })
        });
        reading.borrow_mut().readers.push(task);
    }
}

#[function_component(CollationApp)]
pub fn collation_app() -> Html {
    let result = use_state(|| None::<Rc<Collation>>);
    let reading = use_mut_ref(Reading::default);
    let busy = use_state(|| false);
    let download_error = use_state(|| None::<String>);
    let rolled = use_state(String::new);
    let on_roll_up = {
        let (rolled, err) = (rolled.clone(), download_error.clone());
        Callback::from(move |outcome: Result<String, String>| match outcome {
            Ok(said) => {
                rolled.set(said);
                err.set(None);
            }
            Err(e) => err.set(Some(e)),
        })
    };
    let done = {
        let (result, busy) = (result.clone(), busy.clone());
        let rolled = rolled.clone();
        Callback::from(move |c: Collation| {
            rolled.set(String::new());
            result.set(Some(Rc::new(c)));
            busy.set(false);
        })
    };
    let take = {
        let (reading, done, busy) = (reading.clone(), done.clone(), busy.clone());
        Callback::from(move |files: Vec<web_sys::File>| {
            busy.set(true);
            read_all(files, reading.clone(), done.clone());
        })
    };
    let from_input = |take: Callback<Vec<web_sys::File>>| {
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let files = input.files().map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default();
            input.set_value("");
            take.emit(files);
        })
    };
    let ondrop = {
        let take = take.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let files =
                e.data_transfer().and_then(|d| d.files()).map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect());
            take.emit(files.unwrap_or_default());
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());

    let downloads = result.as_ref().map(|c| {
        let save = |name: &'static str, kind: &'static str| {
            let (c, err) = (c.clone(), download_error.clone());
            Callback::from(move |_: MouseEvent| {
                let date = browser::today();
                let made = made_now();
                let outcome = match kind {
                    "csv" => browser::download(&format!("{name}-{date}.csv"), &iacmh_report::to_csv(iacmh_report::returns(&c)), "text/csv"),
                    "long" => browser::download(&format!("{name}-questions-{date}.csv"), &iacmh_report::to_csv(iacmh_report::questions(&c)), "text/csv"),
                    "teams" => browser::download(&format!("{name}-team-returns-{date}.csv"), &iacmh_report::to_csv(iacmh_report::team_returns(&c)), "text/csv"),
                    "team-long" => browser::download(&format!("{name}-team-questions-{date}.csv"), &iacmh_report::to_csv(iacmh_report::team_questions(&c)), "text/csv"),
                    "progress" => browser::download(&format!("{name}-progress-{date}.csv"), &iacmh_report::to_csv(iacmh_report::progress(&c, made.date())), "text/csv"),
                    "json" => browser::download(&format!("{name}-{date}.json"), &serde_json::to_string_pretty(&*c).unwrap_or_default(), "application/json"),
                    _ => iacmh_report::to_xlsx(&c, &made).map_err(|e| e.to_string()).and_then(|bytes| {
                        browser::download_bytes(&format!("{name}-{date}.xlsx"), &bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    }),
                };
                err.set(outcome.err());
            })
        };
        html! {
            <div class="iacmh__actions">
                <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={save("collation", "xlsx")}>{ "Download XLSX" }</button>
                <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={save("collation", "csv")}>{ "Download CSV (one row per return)" }</button>
                <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={save("collation", "long")}>{ "Download CSV (one row per answer)" }</button>
                // The CSV files above are ICB-level returns, as the workbook's sheets are; team and
                // provider returns have their own, as they have their own sheets.
                if c.returns.iter().any(|r| !iacmh_report::is_icb(r)) { <>
                    <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={save("collation", "teams")}>{ "Download CSV (team and provider returns)" }</button>
                    <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={save("collation", "team-long")}>{ "Download CSV (team and provider answers)" }</button>
                </> }
                if !c.progress.is_empty() {
                    <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={save("collation", "progress")}>{ "Download CSV (progress between rounds)" }</button>
                }
                <button class="nhsuk-button nhsuk-button--secondary" type="button" onclick={save("collation", "json")}>{ "Download JSON" }</button>
            </div>
        }
    });

    html! {
        <div class="nhsuk-width-container">
            <main class="nhsuk-main-wrapper" id="iacmh-main">
                <h1 class="nhsuk-heading-l" id="iacmh-page-heading" tabindex="-1">{ "Collate review returns" }</h1>
                <div class="nhsuk-inset-text">
                    <span class="nhsuk-u-visually-hidden">{ "Information: " }</span>
                    <p>{ "Files are read in this browser only: nothing is uploaded or sent anywhere." }</p>
                </div>
                <div class="iacmh__drop" {ondrop} {ondragover}>
                    <div class="nhsuk-form-group">
                        <label class="nhsuk-label nhsuk-label--s" for="iacmh-collate-files">{ "Choose return files" }</label>
                        <div class="nhsuk-hint" id="iacmh-collate-files-hint">{ "JSON files exported from the self-assessment form. You can also drop files on this area." }</div>
                        <input class="iacmh__file" id="iacmh-collate-files" type="file" multiple=true accept=".json,application/json"
                            aria-describedby="iacmh-collate-files-hint" onchange={from_input(take.clone())} />
                    </div>
                    <div class="nhsuk-form-group">
                        <label class="nhsuk-label nhsuk-label--s" for="iacmh-collate-folder">{ "Or choose a folder of returns" }</label>
                        <input class="iacmh__file" id="iacmh-collate-folder" type="file" webkitdirectory=true onchange={from_input(take)} />
                    </div>
                </div>
                // One live region: what was collated, then what a roll-up made.
                <p class="iacmh__status" role="status">
                    { if *busy { "Reading files\u{2026}".to_owned() } else { result.as_ref().map(|c| c.summary()).unwrap_or_default() } }
                    { if rolled.is_empty() || *busy { String::new() } else { format!(" {}", *rolled) } }
                </p>
                { (*download_error).clone().map(|m| html! { <p class="nhsuk-error-message" role="alert">{ format!("The download failed: {m}") }</p> }).unwrap_or_default() }
                { downloads.unwrap_or_default() }
                { result.as_ref().map(|c| html! { <Report collation={Shared(c.clone())} {on_roll_up} /> }).unwrap_or_default() }
            </main>
        </div>
    }
}

/// When the page's report is made, and by what (the report counts actions overdue as of its day).
fn made_now() -> iacmh_report::Generated {
    iacmh_report::Generated {
        unix_seconds: (js_sys::Date::now() / 1000.0) as i64,
        by: format!("iacmh {} (browser collation page)", env!("CARGO_PKG_VERSION")),
    }
}

/// The report's markup, the same as the HTML report's (`iacmh_report::report_html`), with a
/// "Roll up to an ICB draft" button for each ICB with team or provider returns: a click on one
/// downloads the ICB-level draft that `iacmh roll-up` writes. The markup is made once per
/// collation, as text, which costs the wasm far less than building it as Yew nodes.
#[derive(Properties, PartialEq)]
struct ReportProps {
    collation: Shared<Collation>,
    on_roll_up: Callback<Result<String, String>>,
}

#[function_component(Report)]
fn report(props: &ReportProps) -> Html {
    let markup = use_memo(props.collation.clone(), |c| {
        Html::from_html_unchecked(AttrValue::from(iacmh_report::report_html(c, &made_now(), true)))
    });
    let onclick = {
        let (c, done) = (props.collation.clone(), props.on_roll_up.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(icb) = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| t.closest("[data-roll-up]").ok().flatten())
                .and_then(|b| b.get_attribute("data-roll-up"))
            else {
                return;
            };
            let up = roll_up(&icb, c.kept.iter().map(|(_, r)| r));
            if up.sources.is_empty() {
                return;
            }
            let draft = up.prefill();
            let name = draft.file_name(&browser::today());
            done.emit(browser::download(&name, &(draft.to_json() + "\n"), "application/json").map(|()| {
                format!(
                    "Rolled up {} team and provider returns for {} into {name} ({} questions answered): import it into the form for the ICB's review group to confirm.",
                    up.sources.len(),
                    up.icb,
                    draft.maturity.answers.len()
                )
            }))
        })
    };
    html! { <div {onclick}>{ (*markup).clone() }</div> }
}
