//! What the two papers share, the summary for the board and the record of the maturity index:
//! the facts a paper opens with, the Findings and Actions table and the sign-off, all drawn by
//! one table template (every `html!` tree adds to the wasm). Dates are written as UK public
//! papers write them ("31 March 2025").

use iacmh_review::{Date, Index, Return, ScopeLevel, Signatory};
use yew::prelude::*;

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

/// The button that opens the browser's print dialogue (hidden on paper).
pub fn print_button(label: &'static str) -> Html {
    let print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    html! { <button class="nhsuk-button nhsuk-button--secondary iacmh__no-print" type="button" onclick={print}>{ label }</button> }
}

/// A table of text whose first cell heads its row; no caption or column headings when empty.
/// Each cell carries its column's heading, which narrow screens show as the rows stack.
pub fn table(caption: &str, head: &[&'static str], rows: Vec<Vec<String>>) -> Html {
    html! {
        <table class="nhsuk-table iacmh__paper">
            if !caption.is_empty() {
                <caption class="nhsuk-table__caption">{ caption.to_owned() }</caption>
            }
            if !head.is_empty() {
                <thead class="nhsuk-table__head">
                    <tr class="nhsuk-table__row">
                        { for head.iter().map(|h| html! { <th class="nhsuk-table__header" scope="col">{ *h }</th> }) }
                    </tr>
                </thead>
            }
            <tbody class="nhsuk-table__body">
                { for rows.into_iter().map(|row| {
                    let mut cells = row.into_iter().zip(0..);
                    html! {
                        <tr class="nhsuk-table__row">
                            <th class="nhsuk-table__header" scope="row">{ cells.next().map(|c| c.0).unwrap_or_default() }</th>
                            { for cells.map(|(c, i)| html! {
                                <td class="nhsuk-table__cell iacmh__pre" data-label={head.get(i).copied()}>{ c }</td>
                            }) }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// Who the return speaks for, its dates and whether it is a draft or final.
pub fn facts(ret: &Return) -> Html {
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
    table("", &[], rows)
}

/// The Findings and Actions table, each finding numbered as the form numbers it ("Finding
/// 3"), or a sentence when there are none.
pub fn findings_table(ret: &Return, index: &Index) -> Html {
    let findings = &ret.maturity.findings;
    if findings.is_empty() {
        return html! { <p class="nhsuk-body">{ "No findings have been recorded." }</p> };
    }
    let rows = findings
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
    table("Findings and actions", &["No.", "Domain", "Finding", "Action", "Responsible", "By", "Done"], rows)
}

/// Who completed the index (the governance committee) and the five signatures, under an `h2`.
pub fn sign_off(ret: &Return) -> Html {
    let so = &ret.maturity.sign_off;
    let mut committee = String::new();
    for m in &so.committee {
        let (name, role) = (m.name.trim(), m.designation.trim());
        if name.is_empty() && role.is_empty() {
            continue;
        }
        if !committee.is_empty() {
            committee.push_str("; ");
        }
        committee.push_str(name);
        if !name.is_empty() && !role.is_empty() {
            committee.push_str(", ");
        }
        committee.push_str(role);
    }
    if committee.is_empty() {
        committee.push_str("None recorded.");
    }
    let signatures = Signatory::ALL
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
    html! {
        <>
            <h2 class="nhsuk-heading-m" id="iacmh-sign-off">{ "Sign-off" }</h2>
            <p class="nhsuk-body"><strong>{ "Completed by (governance committee): " }</strong>{ committee }</p>
            { table("Signatures", &["Signed for", "Name", "Organisation", "Date"], signatures) }
        </>
    }
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
}
