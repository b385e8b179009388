//! The regional collation page: many return files picked, dropped or chosen as a folder, read
//! in the browser, collated by the crate, shown (each file's status, a heatmap, flags, counts,
//! distributions) and downloaded as CSV, XLSX or JSON through `iacmh-report`. No file leaves
//! the browser.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use iacmh_review::collate::{Collation, Input, InputError, collate};
use iacmh_review::{Index, Rating, check_size, parse_return};
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use crate::browser;

/// Files being read: the inputs so far, and how many are still to come.
#[derive(Default)]
struct Reading {
    inputs: Vec<Option<Input>>,
    left: usize,
    readers: Vec<FileReader>,
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{}", v.round() as i64))
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
    let done = {
        let (result, busy) = (result.clone(), busy.clone());
        Callback::from(move |c: Collation| {
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
                let made = iacmh_report::Generated {
                    unix_seconds: (js_sys::Date::now() / 1000.0) as i64,
                    by: format!("iacmh {} (browser collation page)", env!("CARGO_PKG_VERSION")),
                };
                let outcome = match kind {
                    "csv" => browser::download(&format!("{name}-{date}.csv"), &iacmh_report::to_csv(iacmh_report::returns(&c)), "text/csv"),
                    "long" => browser::download(&format!("{name}-questions-{date}.csv"), &iacmh_report::to_csv(iacmh_report::questions(&c)), "text/csv"),
                    "teams" => browser::download(&format!("{name}-team-returns-{date}.csv"), &iacmh_report::to_csv(iacmh_report::team_returns(&c)), "text/csv"),
                    "team-long" => browser::download(&format!("{name}-team-questions-{date}.csv"), &iacmh_report::to_csv(iacmh_report::team_questions(&c)), "text/csv"),
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
                <p class="iacmh__status" role="status">
                    { if *busy { "Reading files\u{2026}".to_owned() } else { result.as_ref().map(|c| c.summary()).unwrap_or_default() } }
                </p>
                { (*download_error).clone().map(|m| html! { <p class="nhsuk-error-message" role="alert">{ format!("The download failed: {m}") }</p> }).unwrap_or_default() }
                { downloads.unwrap_or_default() }
                { result.as_ref().map(|c| report(c)).unwrap_or_default() }
            </main>
        </div>
    }
}

fn report(c: &Collation) -> Html {
    let index = Index::current();
    let files = c
        .returns
        .iter()
        .map(|r| {
            (
                r.file.clone(),
                format!(
                    "Collated ({}, {})",
                    r.status.key(),
                    if r.valid { "valid".to_owned() } else { format!("{} errors", r.errors) }
                ),
            )
        })
        .chain(c.unreadable.iter().map(|u| (u.file.clone(), format!("Left out: {}", u.error.message))))
        .chain(c.duplicates.iter().map(|d| (d.dropped.clone(), format!("Left out: {}", d.message()))));
    html! {
        <>
            <h2 class="nhsuk-heading-m">{ "Files" }</h2>
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption">{ "Each file and what became of it" }</caption>
                <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header" scope="col">{ "File" }</th><th class="nhsuk-table__header" scope="col">{ "Status" }</th>
                </tr></thead>
                <tbody class="nhsuk-table__body">
                    { for files.map(|(f, s)| html! { <tr class="nhsuk-table__row"><td class="nhsuk-table__cell">{ f }</td><td class="nhsuk-table__cell">{ s }</td></tr> }) }
                </tbody>
            </table>

            <h2 class="nhsuk-heading-m">{ "Scores by domain" }</h2>
            <p class="nhsuk-body-s">{ "Score 0 to 100. Shading: under 25, 25 to 49, 50 to 74, 75 and over. ! marks essentials not met." }</p>
            <div class="iacmh__scroll" tabindex="0" role="region" aria-label="Scores by domain, scrollable">
            <table class="nhsuk-table iacmh-heat">
                <caption class="nhsuk-table__caption">{ "Score by domain for each return" }</caption>
                <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header" scope="col">{ "Return" }</th>
                    { for index.domains.iter().map(|d| html! { <th class="nhsuk-table__header" scope="col"><abbr title={d.title}>{ d.number }</abbr></th> }) }
                    <th class="nhsuk-table__header" scope="col">{ "Overall" }</th>
                </tr></thead>
                <tbody class="nhsuk-table__body">
                    { for c.returns.iter().map(|r| {
                        let mut name = r.icb.clone();
                        for part in [&r.organisation, &r.team] { if !part.trim().is_empty() { name.push_str(": "); name.push_str(part); } }
                        html! {
                            <tr class="nhsuk-table__row">
                                <th class="nhsuk-table__header" scope="row">{ name }</th>
                                { for r.domains.iter().map(|d| html! {
                                    <td class={classes!("nhsuk-table__cell", "iacmh-heat__cell", format!("iacmh-heat--{}", iacmh_report::band(d.score)))}>
                                        { pct(d.score) }{ if d.stage == iacmh_review::Stage::EssentialsNotMet { " !" } else { "" } }
                                    </td>
                                }) }
                                <td class={classes!("nhsuk-table__cell", "iacmh-heat__cell", format!("iacmh-heat--{}", iacmh_report::band(r.overall_score)))}>{ pct(r.overall_score) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>

            <h2 class="nhsuk-heading-m">{ "Red flags" }</h2>
            { if c.flags.is_empty() { html! { <p class="nhsuk-body">{ "None." }</p> } } else { html! {
                <ul class="nhsuk-list nhsuk-list--bullet">
                    { for c.flags.iter().map(|f| html! { <li>{ format!("{}: {}", f.icb, f.message) }</li> }) }
                </ul>
            } } }

            <h2 class="nhsuk-heading-m">{ "Specific provision in place" }</h2>
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption">{ "Answers to the provision questions" }</caption>
                <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                    { for ["Question", "Yes", "No", "Not answered", "Yes, % of answers"].iter().map(|h| html! { <th class="nhsuk-table__header" scope="col">{ *h }</th> }) }
                </tr></thead>
                <tbody class="nhsuk-table__body">
                    { for c.provision.iter().map(|p| html! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell">{ p.question.clone() }</td>
                            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{ p.yes }</td>
                            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{ p.no }</td>
                            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{ p.unanswered }</td>
                            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{ pct(p.yes_percent) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>

            <h2 class="nhsuk-heading-m">{ "Barriers" }</h2>
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption">{ "Returns naming each kind of barrier" }</caption>
                <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                    { for ["Barrier", "Returns", "Share (%)"].iter().map(|h| html! { <th class="nhsuk-table__header" scope="col">{ *h }</th> }) }
                </tr></thead>
                <tbody class="nhsuk-table__body">
                    { for c.barriers.iter().map(|b| html! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell">{ b.label.clone() }</td>
                            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{ b.returns }</td>
                            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{ pct(Some(b.percent)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>

            <h2 class="nhsuk-heading-m">{ "Ratings by question" }</h2>
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption">{ "How many returns gave each rating, per question" }</caption>
                <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header" scope="col">{ "Question" }</th>
                    { for Rating::ALL.iter().map(|r| html! { <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">{ r.label() }</th> }) }
                    <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">{ "Not answered" }</th>
                </tr></thead>
                <tbody class="nhsuk-table__body">
                    { for c.questions.iter().map(|q| html! {
                        <tr class="nhsuk-table__row">
                            <th class="nhsuk-table__header" scope="row">{ q.id.to_string() }</th>
                            { for q.ratings.iter().map(|n| html! { <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{ *n }</td> }) }
                            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{ q.unanswered }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </>
    }
}
