//! A summary for the board: domain scores and stages as a chart with a table of the same
//! numbers, the action plan, and the outcome template's answers. Printing this page gives pages
//! fit for a public board paper.

use iacmh_review::template::{Field, Kind};
use iacmh_review::{Index, Scorecard, Stage};
use yew::prelude::*;

use super::heading;
use crate::components::back_link;
use crate::context::Ctx;
use crate::state::Page;

fn stage_class(stage: Stage) -> &'static str {
    match stage {
        Stage::NotStarted => "iacmh-bar--not-started",
        Stage::EssentialsNotMet => "iacmh-bar--not-met",
        Stage::InProgress => "iacmh-bar--in-progress",
        Stage::EssentialsMet => "iacmh-bar--met",
        Stage::Enhanced => "iacmh-bar--enhanced",
        Stage::Embedded => "iacmh-bar--embedded",
        // A stage added to the crate later is drawn grey, as not started, until it has a colour.
        _ => "iacmh-bar--not-started",
    }
}

/// A score as a whole number (formatting integers keeps core's float printer out of the wasm).
fn pct(score: Option<f64>) -> String {
    score.map_or_else(|| "-".to_owned(), |s| (s.round() as i64).to_string())
}

/// A chart coordinate to one decimal place, without float formatting.
fn coord(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    format!("{}.{}", tenths / 10, (tenths % 10).abs())
}

/// Horizontal bars, one per domain, 0 to 100. The table below carries the same numbers.
fn chart(card: &Scorecard) -> Html {
    const LEFT: f64 = 36.0;
    const WIDTH: f64 = 520.0;
    const ROW: f64 = 26.0;
    let height = ROW * card.domains.len() as f64 + 30.0;
    let described: Vec<String> = card
        .domains
        .iter()
        .map(|d| format!("domain {}: {} ({})", d.domain, pct(d.score.score), d.score.stage.label()))
        .collect();
    html! {
        <figure class="iacmh__chart">
            <svg viewBox={format!("0 0 {} {}", coord(LEFT + WIDTH + 50.0), coord(height))} role="img" aria-labelledby="iacmh-chart-title iacmh-chart-desc"
                 class="iacmh__chart-svg" focusable="false">
                <title id="iacmh-chart-title">{ "Score by domain, 0 to 100" }</title>
                <desc id="iacmh-chart-desc">{ described.join("; ") }</desc>
                { for [0.0, 25.0, 50.0, 75.0, 100.0].iter().map(|t| {
                    let x = LEFT + WIDTH * t / 100.0;
                    html! {
                        <>
                            <line class="iacmh__gridline" x1={coord(x)} x2={coord(x)} y1="0" y2={coord(height - 20.0)} />
                            <text class="iacmh__axis" x={coord(x)} y={coord(height - 6.0)} text-anchor="middle">{ pct(Some(*t)) }</text>
                        </>
                    }
                }) }
                { for card.domains.iter().enumerate().map(|(i, d)| {
                    let y = i as f64 * ROW + 4.0;
                    let w = WIDTH * d.score.score.unwrap_or(0.0) / 100.0;
                    html! {
                        <g>
                            <text class="iacmh__axis" x={coord(LEFT - 8.0)} y={coord(y + 15.0)} text-anchor="end">{ d.domain }</text>
                            <rect class={stage_class(d.score.stage)} x={coord(LEFT)} y={coord(y)} width={coord(w)} height={coord(ROW - 8.0)} />
                            <text class="iacmh__axis" x={coord(LEFT + w + 6.0)} y={coord(y + 15.0)}>{ pct(d.score.score) }</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption class="nhsuk-body-s">
                { "Bar colours show the stage: " }
                { for [Stage::EssentialsNotMet, Stage::InProgress, Stage::EssentialsMet, Stage::Enhanced, Stage::Embedded].iter().map(|s| html! {
                    <span class="iacmh__key"><svg class="iacmh__key-swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
                        <rect class={stage_class(*s)} width="10" height="10" /></svg>{ format!(" {} ", s.label()) }</span>
                }) }
            </figcaption>
        </figure>
    }
}

pub fn summary_page(ctx: &Ctx) -> Html {
    let ret = &ctx.state.ret;
    let index = Index::get(&ret.index_version).unwrap_or_else(Index::current);
    let print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let scores = match &ctx.derived.scorecard {
        Some(card) => html! {
            <>
                { chart(card) }
                <table class="nhsuk-table">
                    <caption class="nhsuk-table__caption">{ "Scores and stages by domain" }</caption>
                    <thead class="nhsuk-table__head">
                        <tr class="nhsuk-table__row">
                            <th class="nhsuk-table__header" scope="col">{ "Domain" }</th>
                            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">{ "Answered" }</th>
                            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">{ "Score (0 to 100)" }</th>
                            <th class="nhsuk-table__header" scope="col">{ "Stage" }</th>
                        </tr>
                    </thead>
                    <tbody class="nhsuk-table__body">
                        { for card.domains.iter().map(|d| html! {
                            <tr class="nhsuk-table__row">
                                <th class="nhsuk-table__header" scope="row">{ format!("{}. {}", d.domain, d.title) }</th>
                                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{ format!("{} of {}", d.score.answered, d.score.total) }</td>
                                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{ pct(d.score.score) }</td>
                                <td class="nhsuk-table__cell">{ d.score.stage.label() }</td>
                            </tr>
                        }) }
                        <tr class="nhsuk-table__row">
                            <th class="nhsuk-table__header" scope="row">{ "All domains" }</th>
                            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{ format!("{} of {}", card.overall.answered, card.overall.total) }</td>
                            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{ pct(card.overall.score) }</td>
                            <td class="nhsuk-table__cell">{ card.overall.stage.label() }</td>
                        </tr>
                    </tbody>
                </table>
            </>
        },
        None => {
            html! { <p class="nhsuk-body">{ "This return answers a version of the maturity index this form does not know, so it cannot be scored." }</p> }
        }
    };
    let findings = &ret.maturity.findings;
    let plan = if findings.is_empty() {
        html! { <p class="nhsuk-body">{ "No findings have been recorded." }</p> }
    } else {
        html! {
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption">{ "Findings and actions" }</caption>
                <thead class="nhsuk-table__head">
                    <tr class="nhsuk-table__row">
                        { for ["Domain", "Finding", "Action", "Responsible", "By", "Done"].iter().map(|h| html! { <th class="nhsuk-table__header" scope="col">{ *h }</th> }) }
                    </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                    { for findings.iter().map(|r| html! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell">{ index.domain(r.domain).map_or_else(|| r.domain.to_string(), |d| format!("{}. {}", d.number, d.title)) }</td>
                            <td class="nhsuk-table__cell">{ r.finding.clone() }</td>
                            <td class="nhsuk-table__cell">{ r.action.clone() }</td>
                            <td class="nhsuk-table__cell">{ r.owner.clone() }</td>
                            <td class="nhsuk-table__cell">{ r.due.clone().unwrap_or_default() }</td>
                            <td class="nhsuk-table__cell">{ if r.completed { "Yes" } else { "No" } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        }
    };
    let outcome = html! {
        <dl class="nhsuk-summary-list">
            { for Field::ALL.iter().filter(|f| f.is_required(&ret.outcome) || f.is_filled(&ret.outcome)).map(|f| {
                let answer = match f.kind() {
                    Kind::YesNo => f.answer(&ret.outcome).map_or("Not answered", |b| if b { "Yes" } else { "No" }).to_owned(),
                    _ => {
                        let text = f.text(&ret.outcome);
                        if text.trim().is_empty() { "Not answered".to_owned() } else { text }
                    }
                };
                html! {
                    <div class="nhsuk-summary-list__row">
                        <dt class="nhsuk-summary-list__key">{ f.label() }</dt>
                        <dd class="nhsuk-summary-list__value iacmh__pre">{ answer }</dd>
                    </div>
                }
            }) }
        </dl>
    };
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading("Summary for the board", Some(ret.scope.label())) }
            <p class="nhsuk-body iacmh__no-print">{ "Print this page, or save it as a PDF from the print dialogue, for a board paper." }</p>
            <button class="nhsuk-button nhsuk-button--secondary iacmh__no-print" type="button" onclick={print}>{ "Print this summary" }</button>
            <section class="iacmh__print-section" aria-labelledby="iacmh-s-scores">
                <h2 class="nhsuk-heading-m" id="iacmh-s-scores">{ "Maturity index: scores by domain" }</h2>
                { scores }
            </section>
            <section class="iacmh__print-section" aria-labelledby="iacmh-s-plan">
                <h2 class="nhsuk-heading-m" id="iacmh-s-plan">{ "Action plan" }</h2>
                { plan }
            </section>
            <section class="iacmh__print-section" aria-labelledby="iacmh-s-outcome">
                <h2 class="nhsuk-heading-m" id="iacmh-s-outcome">{ "National review outcome" }</h2>
                { outcome }
            </section>
        </>
    }
}
