//! One return as the two papers a review group prints: the summary for the board ([`summary`])
//! and the record of the maturity index ([`record`]), as HTML. The form shows them under its
//! own heading and print button; they are written here, as text, so that the form's page
//! does not carry them: the browser loads them (a wasm build of their own, `pkg/iacmh_papers`)
//! only when a paper is first opened (8.7 KB gzip off the form's page, measured with both
//! pages' Yew code in the form).
//!
//! Both papers open with the same facts (who the return speaks for, its dates, draft or final)
//! and share the Findings and Actions table and the sign-off. Dates are written as UK public
//! papers write them ("31 March 2025"). Every piece of text from the return is escaped, and
//! the markup has no inline style or script (a host's Content Security Policy may allow
//! neither). Print rules are the widget's (`web/styles/_print.scss`).

use std::fmt::Write;

use iacmh_review::template::{Field, Kind};
use iacmh_review::{
    Answer, Date, Index, Question, Return, ScopeLevel, Scorecard, Signatory, Stage, completeness, score,
};

use crate::html::escape;

/// A stored date in long form, its spaces unbreakable so that it never splits across lines.
/// Text that is not a `YYYY-MM-DD` date is shown as written: a paper never hides what the
/// return holds.
pub fn long_date(date: Option<&str>) -> String {
    match date.map(str::trim).filter(|d| !d.is_empty()) {
        None => "Not given".to_owned(),
        Some(d) => Date::parse(d).map_or_else(|| d.to_owned(), |d| d.long().replace(' ', "\u{a0}")),
    }
}

fn or_not_given(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() { "Not given".to_owned() } else { text.to_owned() }
}

/// A table of text whose first cell heads its row; no caption or column headings when empty.
/// Each cell carries its column's heading, which narrow screens show as the rows stack.
fn table(out: &mut String, caption: &str, head: &[&str], rows: &[Vec<String>]) {
    out.push_str("<table class=\"nhsuk-table iacmh__paper\">");
    if !caption.is_empty() {
        let _ = write!(out, "<caption class=\"nhsuk-table__caption\">{}</caption>", escape(caption));
    }
    if !head.is_empty() {
        out.push_str("<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
        for h in head {
            let _ = write!(out, "<th class=\"nhsuk-table__header\" scope=\"col\">{}</th>", escape(h));
        }
        out.push_str("</tr></thead>");
    }
    out.push_str("<tbody class=\"nhsuk-table__body\">");
    for row in rows {
        out.push_str("<tr class=\"nhsuk-table__row\">");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<th class=\"nhsuk-table__header\" scope=\"row\">{}</th>", escape(cell));
            } else {
                out.push_str("<td class=\"nhsuk-table__cell iacmh__pre\"");
                if let Some(h) = head.get(i) {
                    let _ = write!(out, " data-label=\"{}\"", escape(h));
                }
                let _ = write!(out, ">{}</td>", escape(cell));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

fn heading2(out: &mut String, id: Option<&str>, text: &str) {
    match id {
        Some(id) => {
            let _ = write!(out, "<h2 class=\"nhsuk-heading-m\" id=\"{id}\">{}</h2>", escape(text));
        }
        None => {
            let _ = write!(out, "<h2 class=\"nhsuk-heading-m\">{}</h2>", escape(text));
        }
    }
}

fn paragraph(out: &mut String, text: &str) {
    let _ = write!(out, "<p class=\"nhsuk-body\">{}</p>", escape(text));
}

/// Who the return speaks for, its dates and whether it is a draft or final.
fn facts(out: &mut String, ret: &Return) {
    let (s, m) = (&ret.scope, &ret.maturity);
    let row = |key: &str, value: String| vec![key.to_owned(), value];
    let mut rows = vec![row("ICB", or_not_given(&s.icb)), row("Region", or_not_given(&s.region))];
    if s.level != ScopeLevel::Icb {
        rows.push(row("Provider", or_not_given(&s.organisation)));
    }
    if s.level == ScopeLevel::Team {
        rows.push(row("Team", or_not_given(&s.team)));
    }
    if let Some(round) = &ret.round {
        rows.push(row("Review period", round.clone()));
    }
    rows.push(row("Date completed", long_date(m.date_completed.as_deref())));
    rows.push(row("Review date", long_date(m.review_date.as_deref())));
    rows.push(row("Status", ret.status.label().to_owned()));
    table(out, "", &[], &rows);
}

/// The Findings and Actions table, each finding numbered as the form numbers it ("Finding
/// 3"), or a sentence when there are none.
fn findings_table(out: &mut String, ret: &Return, index: &Index) {
    let findings = &ret.maturity.findings;
    if findings.is_empty() {
        paragraph(out, "No findings have been recorded.");
        return;
    }
    let rows: Vec<Vec<String>> = findings
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                index.domain(r.domain).map_or_else(|| r.domain.to_string(), |d| format!("{}. {}", d.number, d.title)),
                r.finding.clone(),
                r.action.clone(),
                r.owner.clone(),
                long_date(r.due.as_deref()),
                if r.completed { "Yes" } else { "No" }.to_owned(),
            ]
        })
        .collect();
    table(out, "Findings and actions", &["No.", "Domain", "Finding", "Action", "Responsible", "By", "Done"], &rows);
}

/// Who completed the index (the governance committee) and the five signatures, under an `h2`.
fn sign_off(out: &mut String, ret: &Return) {
    let so = &ret.maturity.sign_off;
    let committee: Vec<String> = so
        .committee
        .iter()
        .filter_map(|m| {
            let parts: Vec<&str> =
                [m.name.trim(), m.designation.trim()].into_iter().filter(|p| !p.is_empty()).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        })
        .collect();
    let committee = if committee.is_empty() { "None recorded.".to_owned() } else { committee.join("; ") };
    let signatures: Vec<Vec<String>> = Signatory::ALL
        .iter()
        .map(|&who| {
            let sig = so.signature(who);
            vec![
                who.label().to_owned(),
                if sig.name.trim().is_empty() { "Not signed".to_owned() } else { sig.name.trim().to_owned() },
                sig.organisation.clone(),
                long_date(sig.date.as_deref()),
            ]
        })
        .collect();
    heading2(out, Some("iacmh-sign-off"), "Sign-off");
    let _ = write!(
        out,
        "<p class=\"nhsuk-body\"><strong>Completed by (governance committee): </strong>{}</p>",
        escape(&committee)
    );
    table(out, "Signatures", &["Signed for", "Name", "Organisation", "Date"], &signatures);
}

/// The colour class of a stage's bar.
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

/// A score as a whole number, halves rounded up (as a spreadsheet rounds), or "-" when there
/// is none.
fn pct(score: Option<f64>) -> String {
    score.map_or_else(|| "-".to_owned(), |s| (s.round() as i64).to_string())
}

/// A chart coordinate to one decimal place, halves rounded away from zero.
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
    // The last space within the width. A space is one byte, never part of a character, so
    // the slices fall on boundaries.
    match label.bytes().take(WIDE + 1).rposition(|b| b == b' ') {
        Some(at) => (&label[..at], &label[at + 1..]),
        None => (label, ""),
    }
}

/// Horizontal bars, one per domain, 0 to 100, labelled with the domains' names. The table
/// below carries the same numbers.
fn chart(out: &mut String, card: &Scorecard) {
    const LEFT: f64 = 240.0;
    const WIDTH: f64 = 360.0;
    const ROW: f64 = 28.0;
    let height = ROW * card.domains.len() as f64 + 30.0;
    let described: Vec<String> = card
        .domains
        .iter()
        .map(|d| format!("{}. {}: {} ({})", d.domain, d.title, pct(d.score.score), d.score.stage.label()))
        .collect();
    let _ = write!(
        out,
        "<figure class=\"iacmh__chart\"><svg viewBox=\"0 0 {} {}\" role=\"img\" \
         aria-labelledby=\"iacmh-chart-title iacmh-chart-desc\" class=\"iacmh__chart-svg\" focusable=\"false\">\
         <title id=\"iacmh-chart-title\">Score by domain, 0 to 100</title><desc id=\"iacmh-chart-desc\">{}</desc>",
        coord(LEFT + WIDTH + 50.0),
        coord(height),
        escape(&described.join("; "))
    );
    for t in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = coord(LEFT + WIDTH * t / 100.0);
        let _ = write!(
            out,
            "<line class=\"iacmh__gridline\" x1=\"{x}\" x2=\"{x}\" y1=\"0\" y2=\"{}\"></line>\
             <text class=\"iacmh__axis\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            coord(height - 20.0),
            coord(height - 6.0),
            pct(Some(t))
        );
    }
    for (i, d) in card.domains.iter().enumerate() {
        let y = i as f64 * ROW + 8.0;
        let w = WIDTH * d.score.score.unwrap_or(0.0) / 100.0;
        let label = format!("{}. {}", d.domain, d.title);
        let (first, second) = label_lines(&label);
        // One line sits level with the bar; two lines straddle it.
        let first_y = if second.is_empty() { y + 11.0 } else { y + 5.0 };
        let _ = write!(
            out,
            "<g><text class=\"iacmh__axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            coord(LEFT - 8.0),
            coord(first_y),
            escape(first)
        );
        if !second.is_empty() {
            let _ = write!(
                out,
                "<text class=\"iacmh__axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                coord(LEFT - 8.0),
                coord(first_y + 12.0),
                escape(second)
            );
        }
        let _ = write!(
            out,
            "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"></rect>\
             <text class=\"iacmh__axis\" x=\"{}\" y=\"{}\">{}</text></g>",
            stage_class(d.score.stage),
            coord(LEFT),
            coord(y),
            coord(w),
            coord(ROW - 12.0),
            coord(LEFT + w + 6.0),
            coord(y + 11.0),
            pct(d.score.score)
        );
    }
    out.push_str("</svg><figcaption class=\"nhsuk-body-s\">Bar colours show the stage: ");
    for s in [Stage::EssentialsNotMet, Stage::InProgress, Stage::EssentialsMet, Stage::Enhanced, Stage::Embedded] {
        let _ = write!(
            out,
            "<span class=\"iacmh__key\"><svg class=\"iacmh__key-swatch\" viewBox=\"0 0 10 10\" aria-hidden=\"true\" \
             focusable=\"false\"><rect class=\"{}\" width=\"10\" height=\"10\"></rect></svg> {} </span>",
            stage_class(s),
            escape(s.label())
        );
    }
    out.push_str("</figcaption></figure>");
}

fn section(out: &mut String, id: &str, title: &str, body: impl FnOnce(&mut String)) {
    let _ = write!(out, "<section class=\"iacmh__print-section\" aria-labelledby=\"{id}\">");
    if !title.is_empty() {
        heading2(out, Some(id), title);
    }
    body(out);
    out.push_str("</section>");
}

/// The summary for the board, below its heading: who the return is for, its dates, status and
/// sign-off; the domain scores and stages as a chart with a table of the same numbers; the
/// action plan; and the outcome template's answers. Printed, each section starts a page.
pub fn summary(ret: &Return) -> String {
    let index = Index::get(&ret.index_version).unwrap_or_else(Index::current);
    let mut out = String::new();
    section(&mut out, "iacmh-sign-off", "", |out| {
        facts(out, ret);
        sign_off(out, ret);
    });
    section(&mut out, "iacmh-s-scores", "Maturity index: scores by domain", |out| match score(ret) {
        Some(card) => {
            let row = |name: String, s: &iacmh_review::Score| {
                vec![name, format!("{} of {}", s.answered, s.total), pct(s.score), s.stage.label().to_owned()]
            };
            let mut rows: Vec<_> =
                card.domains.iter().map(|d| row(format!("{}. {}", d.domain, d.title), &d.score)).collect();
            rows.push(row("All domains".to_owned(), &card.overall));
            chart(out, &card);
            table(out, "Scores and stages by domain", &["Domain", "Answered", "Score (0 to 100)", "Stage"], &rows);
        }
        None => paragraph(
            out,
            "This return answers a version of the maturity index this form does not know, so it cannot be scored.",
        ),
    });
    section(&mut out, "iacmh-s-plan", "Action plan", |out| findings_table(out, ret, index));
    section(&mut out, "iacmh-s-outcome", "National review outcome", |out| {
        let rows: Vec<Vec<String>> = Field::ALL
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
        table(out, "", &[], &rows);
    });
    out
}

/// One question as the record shows it: its number and category, its whole text and comment,
/// and its rating in words after a mark that says yes or no without colour.
fn question(q: &Question, answer: Option<&Answer>) -> Vec<String> {
    let (mark, rating) = match answer.map(|a| a.rating) {
        Some(r) if r.is_yes() => ("✓", r.label()),
        Some(r) if r.is_no() => ("✗", r.label()),
        Some(r) => ("–", r.label()),
        None => ("○", "Not answered"),
    };
    let mut text = q.full_text().into_owned();
    if let Some(c) = answer.and_then(|a| a.comment.as_deref()).map(str::trim).filter(|c| !c.is_empty()) {
        text = format!("{text}\nComment: {c}");
    }
    vec![format!("{} {}", q.id, q.category.label()), text, format!("{mark} {rating}")]
}

/// The record of the maturity index, below its heading: the facts, every question in whole
/// with its category, rating and comment, domain by domain, then the Findings and Actions
/// table and the sign-off.
pub fn record(ret: &Return) -> String {
    let index = Index::get(&ret.index_version).unwrap_or_else(Index::current);
    let answers = &ret.maturity.answers;
    let done = completeness(ret).maturity;
    let mut out = String::new();
    facts(&mut out, ret);
    paragraph(
        &mut out,
        &format!(
            "{} of {} questions answered. Marks: ✓ a Yes rating, ✗ a No rating, – not applicable, ○ not answered.",
            done.done, done.total
        ),
    );
    for d in index.domains {
        heading2(&mut out, None, &format!("{}. {}", d.number, d.title));
        let rows: Vec<Vec<String>> = d.questions.iter().map(|q| question(q, answers.get(q.id))).collect();
        table(&mut out, "", &["No.", "Question", "Rating"], &rows);
    }
    heading2(&mut out, None, "Action plan");
    findings_table(&mut out, ret, index);
    sign_off(&mut out, ret);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_long_form_unbroken() {
        assert_eq!(long_date(Some("2025-03-31")), "31\u{a0}March\u{a0}2025");
        assert_eq!(long_date(Some(" 2024-09-01 ")), "1\u{a0}September\u{a0}2024");
        // What is not a date is shown as written; nothing is "Not given".
        assert_eq!(long_date(Some("end of March")), "end of March");
        assert_eq!(long_date(Some("2025-02-30")), "2025-02-30");
        assert_eq!(long_date(Some("  ")), "Not given");
        assert_eq!(long_date(None), "Not given");
    }

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
