//! A summary for the board: who the return is for, its dates, status and sign-off, then domain
//! scores and stages as a chart with a table of the same numbers, the action plan, and the
//! outcome template's answers. Printed, it is a board paper: those facts on page 1, each
//! section on a new page (print rules in `web/styles/_print.scss`).

use iacmh_review::template::{Field, Kind};
use iacmh_review::{Index, Score, Scorecard, Stage};
use yew::prelude::*;

use super::heading;
use crate::components::back_link;
use crate::components::paper::{facts, findings_table, print_button, sign_off, table};
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

/// A domain's label in at most two lines: SVG text does not wrap, and the longest title has
/// 58 characters.
fn label_lines(label: &str) -> (&str, &str) {
    const WIDE: usize = 34;
    if label.len() <= WIDE {
        return (label, "");
    }
    // The last space within the width (a byte scan: `rfind` brings a searcher into the wasm).
    // A space is one byte, never part of a character, so the slices fall on boundaries.
    match label.bytes().take(WIDE + 1).rposition(|b| b == b' ') {
        Some(at) => (&label[..at], &label[at + 1..]),
        None => (label, ""),
    }
}

/// Horizontal bars, one per domain, 0 to 100, labelled with the domains' names. The table
/// below carries the same numbers.
fn chart(card: &Scorecard) -> Html {
    const LEFT: f64 = 240.0;
    const WIDTH: f64 = 360.0;
    const ROW: f64 = 28.0;
    let height = ROW * card.domains.len() as f64 + 30.0;
    let described: Vec<String> = card
        .domains
        .iter()
        .map(|d| format!("{}. {}: {} ({})", d.domain, d.title, pct(d.score.score), d.score.stage.label()))
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
                    let y = i as f64 * ROW + 8.0;
                    let w = WIDTH * d.score.score.unwrap_or(0.0) / 100.0;
                    let label = format!("{}. {}", d.domain, d.title);
                    let (first, second) = label_lines(&label);
                    // One line sits level with the bar; two lines straddle it.
                    let first_y = if second.is_empty() { y + 11.0 } else { y + 5.0 };
                    html! {
                        <g>
                            <text class="iacmh__axis" x={coord(LEFT - 8.0)} y={coord(first_y)} text-anchor="end">{ first.to_owned() }</text>
                            if !second.is_empty() {
                                <text class="iacmh__axis" x={coord(LEFT - 8.0)} y={coord(first_y + 12.0)} text-anchor="end">{ second.to_owned() }</text>
                            }
                            <rect class={stage_class(d.score.stage)} x={coord(LEFT)} y={coord(y)} width={coord(w)} height={coord(ROW - 12.0)} />
                            <text class="iacmh__axis" x={coord(LEFT + w + 6.0)} y={coord(y + 11.0)}>{ pct(d.score.score) }</text>
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
    let scores = match &ctx.derived.scorecard {
        Some(card) => {
            let row = |name: String, s: &Score| {
                vec![name, format!("{} of {}", s.answered, s.total), pct(s.score), s.stage.label().to_owned()]
            };
            let mut rows: Vec<_> =
                card.domains.iter().map(|d| row(format!("{}. {}", d.domain, d.title), &d.score)).collect();
            rows.push(row("All domains".to_owned(), &card.overall));
            html! {
                <>
                    { chart(card) }
                    { table("Scores and stages by domain", &["Domain", "Answered", "Score (0 to 100)", "Stage"], rows) }
                </>
            }
        }
        None => {
            html! { <p class="nhsuk-body">{ "This return answers a version of the maturity index this form does not know, so it cannot be scored." }</p> }
        }
    };
    let outcome = Field::ALL
        .iter()
        .filter(|f| f.is_required(ret) || f.is_filled(&ret.outcome))
        .map(|f| {
            let answer = match f.kind() {
                Kind::YesNo => {
                    f.answer(&ret.outcome).map_or("Not answered", |b| if b { "Yes" } else { "No" }).to_owned()
                }
                _ => {
                    let text = f.text(&ret.outcome);
                    if text.trim().is_empty() { "Not answered".to_owned() } else { text }
                }
            };
            vec![f.label().to_owned(), answer]
        })
        .collect();
    html! {
        <>
            { back_link(Page::Tasks, "Your review") }
            { heading("Summary for the board", Some(index.title.to_owned())) }
            <p class="nhsuk-body iacmh__no-print">{ "Print this page, or save it as a PDF from the print dialogue, for a board paper." }</p>
            { print_button("Print this summary") }
            <p class="nhsuk-body iacmh__no-print">
                { "For every question with its rating and comment, print the " }
                <a class="nhsuk-link" href={Page::Record.route()}>{ "record of the maturity index" }</a>{ "." }
            </p>
            <section class="iacmh__print-section" aria-labelledby="iacmh-sign-off">
                { facts(ret) }
                { sign_off(ret) }
            </section>
            <section class="iacmh__print-section" aria-labelledby="iacmh-s-scores">
                <h2 class="nhsuk-heading-m" id="iacmh-s-scores">{ "Maturity index: scores by domain" }</h2>
                { scores }
            </section>
            <section class="iacmh__print-section" aria-labelledby="iacmh-s-plan">
                <h2 class="nhsuk-heading-m" id="iacmh-s-plan">{ "Action plan" }</h2>
                { findings_table(ret, index) }
            </section>
            <section class="iacmh__print-section" aria-labelledby="iacmh-s-outcome">
                <h2 class="nhsuk-heading-m" id="iacmh-s-outcome">{ "National review outcome" }</h2>
                { table("", &[], outcome) }
            </section>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::label_lines;

    #[test]
    fn chart_labels_split_at_the_last_space_that_fits() {
        assert_eq!(label_lines("2. Clinical Pathways"), ("2. Clinical Pathways", ""));
        assert_eq!(
            label_lines("1. Function of assertive outreach / intensive case management"),
            ("1. Function of assertive outreach", "/ intensive case management")
        );
        assert_eq!(
            label_lines("8. Meeting the needs of diverse populations"),
            ("8. Meeting the needs of diverse", "populations")
        );
        // No space to split at: one line, however long.
        let long = "x".repeat(50);
        assert_eq!(label_lines(&long), (long.as_str(), ""));
        // Text that is not ASCII is cut only at a space, never inside a character.
        let word = "é".repeat(10);
        assert_eq!(label_lines(&format!("{word} {word}")), (word.as_str(), word.as_str()));
    }
}
