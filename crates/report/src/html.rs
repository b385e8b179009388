//! The collation as HTML, written once for two places: a self-contained file that opens from
//! disk ([`to_html`], `iacmh collate --out report.html`), and the browser's collation page,
//! which shows the same markup ([`report_html`]) under its own controls. Its styles are
//! `report.css`, inlined in the file and linked by the page (`pkg/iacmh-report.css`).
//!
//! What it shows, in order: the counts by region (ICB-level returns only), the scores by domain
//! grouped by region with each return's status, completeness and validity beside them, the red
//! flags summarised by kind (DNAs used for discharge and not assured first, the long list
//! folded), the provision answers and barriers (each share with its denominator), progress
//! between rounds, team and provider returns apart (their flags under each team), the ratings
//! of each question and the files left out. Every piece of text from a return is escaped, and
//! the markup has no inline style or script (the page's Content Security Policy allows
//! neither).

use std::fmt::Write;

use iacmh_review::collate::{Collation, Flag, FlagKind, ReturnSummary};
use iacmh_review::{Index, Rating, Stage};

use crate::tables::{Generated, yes_no_change};

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The heatmap band of a score: `b0` under 25 ... `b3` 75 and over, `none` when unscored.
pub fn band(score: Option<f64>) -> &'static str {
    match score {
        None => "none",
        Some(s) if s < 25.0 => "b0",
        Some(s) if s < 50.0 => "b1",
        Some(s) if s < 75.0 => "b2",
        Some(_) => "b3",
    }
}

/// A count with the whole it is of, and the share: "12 of 40 (30%)"; "0 of 0" when there is
/// no whole.
pub fn of(part: usize, whole: usize) -> String {
    if whole == 0 {
        return format!("{part} of 0");
    }
    format!("{part} of {whole} ({:.0}%)", part as f64 * 100.0 / whole as f64)
}

/// "1 return", "2 returns".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A signed change of score, "+4.5" or "−3.0", with a class saying which way.
fn change(v: Option<f64>) -> String {
    match v {
        None => "-".to_owned(),
        Some(v) if v > 0.05 => format!("<span class=\"iacmh-r-up\">+{v:.1}</span>"),
        Some(v) if v < -0.05 => format!("<span class=\"iacmh-r-down\">\u{2212}{:.1}</span>", -v),
        Some(_) => "0.0".to_owned(),
    }
}

fn region_name(region: &str) -> &str {
    if region.is_empty() { "(no region)" } else { region }
}

/// Status, completeness and validity, as they sit beside a return's scores.
fn meta(r: &ReturnSummary) -> String {
    let validity = if r.valid { "valid".to_owned() } else { plural(r.errors, "validation error", "validation errors") };
    format!("{} · {} of {} answered · {validity}", r.status.label(), r.maturity.done, r.maturity.total)
}

/// A score's cell of the heatmap: the number, its band's shade, and "!" (said in words to a
/// screen reader) when the domain's essentials are not met.
fn heat_cell(h: &mut String, score: Option<f64>, stage: Option<Stage>, partial: bool) {
    let text = score.map_or_else(|| "-".to_owned(), |s| format!("{s:.0}"));
    let _ = write!(h, "<td class=\"iacmh-heat__cell iacmh-heat--{}\">{text}", band(score));
    if stage == Some(Stage::EssentialsNotMet) {
        h.push_str("<span aria-hidden=\"true\">!</span><span class=\"iacmh-r-hidden\"> essentials not met</span>");
    }
    if partial && score.is_some() {
        h.push_str("<span class=\"iacmh-r-partial\">partial</span>");
    }
    h.push_str("</td>");
}

/// The heatmap's head: the first column's heading, each domain's name, and Overall.
fn heat_head(h: &mut String, caption: &str, first: &str) {
    let _ = write!(
        h,
        "<table class=\"iacmh-r-heat\"><caption>{caption}</caption><thead><tr><th scope=\"col\">{first}</th>"
    );
    for d in Index::current().domains {
        let _ = write!(h, "<th scope=\"col\" class=\"iacmh-r-v\"><span>{}. {}</span></th>", d.number, escape(d.title));
    }
    h.push_str("<th scope=\"col\">Overall</th></tr></thead>");
}

/// Columns of the heatmap: the return, 14 domains, overall.
fn heat_columns() -> usize {
    Index::current().domains.len() + 2
}

/// One return's row of the heatmap; `name` is how the row is headed, `flags` listed under it.
fn heat_row(h: &mut String, r: &ReturnSummary, name: &str, flags: &[&Flag]) {
    let _ = write!(h, "<tr><th scope=\"row\">{}<span class=\"iacmh-r-meta\">{}</span>", escape(name), escape(&meta(r)));
    if !flags.is_empty() {
        h.push_str("<ul class=\"iacmh-r-flaglist\">");
        for line in flag_lines(flags) {
            let _ = write!(h, "<li>{}</li>", escape(&line));
        }
        h.push_str("</ul>");
    }
    h.push_str("</th>");
    for d in Index::current().domains {
        let result = r.domains.iter().find(|x| x.domain == d.number);
        heat_cell(h, result.and_then(|x| x.score), result.map(|x| x.stage), false);
    }
    heat_cell(h, r.overall_score, None, r.is_partial());
    h.push_str("</tr>");
}

/// One return's flags in a few lines: each kind once, the domains whose essentials are not met
/// together.
fn flag_lines(flags: &[&Flag]) -> Vec<String> {
    let index = Index::current();
    let mut lines: Vec<String> = flags
        .iter()
        .filter(|f| !matches!(f.kind, FlagKind::EssentialsNotMet { .. }))
        .map(|f| f.message.clone())
        .collect();
    let domains: Vec<&str> = flags
        .iter()
        .filter_map(|f| match f.kind {
            FlagKind::EssentialsNotMet { domain } => index.domain(domain).map(|d| d.title),
            _ => None,
        })
        .collect();
    if !domains.is_empty() {
        lines.push(format!(
            "Essentials not met in {}: {}",
            plural(domains.len(), "domain", "domains"),
            domains.join(", ")
        ));
    }
    lines
}

const KEY: &str = "<ul class=\"iacmh-r-key\"><li><span class=\"iacmh-r-swatch iacmh-heat--b0\"></span>under 25</li>\
<li><span class=\"iacmh-r-swatch iacmh-heat--b1\"></span>25 to 49</li><li><span class=\"iacmh-r-swatch iacmh-heat--b2\"></span>50 to 74</li>\
<li><span class=\"iacmh-r-swatch iacmh-heat--b3\"></span>75 and over</li><li><span class=\"iacmh-r-swatch iacmh-heat--none\"></span>- not scored</li>\
<li>! essentials not met in the domain</li><li>partial: some questions are unanswered, so the overall score is over the answered ones only and not comparable with a complete return's</li></ul>";

/// The report's markup (a `div` of class `iacmh-report`, its headings from `h2`). On the
/// collation page (`page`), each ICB with team or provider returns gets a "Roll up to an ICB
/// draft" button carrying the ICB's name in `data-roll-up`, which the page acts on; in the file
/// the command that does the same is named instead.
pub fn report_html(c: &Collation, generated: &Generated, page: bool) -> String {
    let mut h = String::with_capacity(64 * 1024 + c.returns.len() * 2048);
    h.push_str("<div class=\"iacmh-report\">");
    let _ = write!(h, "<p>{}</p>", escape(&c.summary()));
    regions(&mut h, c);
    scores(&mut h, c);
    flags(&mut h, c);
    provision(&mut h, c);
    progress(&mut h, c, generated);
    teams(&mut h, c, page);
    ratings(&mut h, c);
    files(&mut h, c);
    h.push_str("</div>");
    h
}

fn regions(h: &mut String, c: &Collation) {
    h.push_str("<h2>Returns by region</h2><table><caption>ICB-level returns by region and for England (team and provider returns are counted apart)</caption><thead><tr>");
    for head in [
        "Region",
        "ICBs returned",
        "Valid",
        "Final",
        "Partial",
        "Not assured",
        "DNAs used for discharge",
        "Team and provider returns",
    ] {
        let _ = write!(h, "<th scope=\"col\">{head}</th>");
    }
    h.push_str("</tr></thead><tbody>");
    for r in c.regions() {
        let n = r.received;
        let concern = |k: usize| if k > 0 { " class=\"iacmh-r-concern\"" } else { "" };
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td><td class=\"iacmh-r-n\">{}</td></tr>",
            escape(region_name(&r.region)),
            of(r.received, r.expected),
            of(r.valid, n),
            of(r.finals, n),
            of(r.partial, n),
            of(r.not_assured, n),
            concern(r.dna_used_for_discharge),
            of(r.dna_used_for_discharge, n),
            r.team_returns,
        );
    }
    h.push_str("</tbody></table>");
}

fn scores(h: &mut String, c: &Collation) {
    h.push_str("<h2>Scores by domain</h2><p>Score 0 to 100, by region. Beside each ICB: whether its return is final, how many of the questions it answers, and whether it is valid.</p>");
    h.push_str(KEY);
    heat_head(h, "Score by domain for each ICB-level return, by region", "ICB");
    let columns = heat_columns();
    for region in c.regions().into_iter().filter(|r| r.region != "England") {
        let mut rs: Vec<&ReturnSummary> = c.icb_returns().filter(|r| r.region == region.region).collect();
        if rs.is_empty() && region.expected == 0 {
            continue;
        }
        rs.sort_by(|a, b| a.icb.cmp(&b.icb));
        let _ = write!(
            h,
            "<tbody><tr class=\"iacmh-r-group\"><th scope=\"rowgroup\" colspan=\"{columns}\">{}<span class=\"iacmh-r-meta\">ICBs returned: {}",
            escape(region_name(&region.region)),
            of(region.received, region.expected)
        );
        if !region.not_returned.is_empty() {
            let _ = write!(h, "; not returned: {}", escape(&region.not_returned.join(", ")));
        }
        h.push_str("</span></th></tr>");
        for r in rs {
            heat_row(h, r, &r.icb, &[]);
        }
        h.push_str("</tbody>");
    }
    h.push_str("</table>");
}

fn flags(h: &mut String, c: &Collation) {
    let icb_files: std::collections::HashSet<&str> = c.icb_returns().map(|r| r.file.as_str()).collect();
    let mut list: Vec<&Flag> = c.flags.iter().filter(|f| icb_files.contains(f.file.as_str())).collect();
    list.sort_by_key(|f| f.kind.rank());
    let n = icb_files.len();
    h.push_str("<h2>Red flags</h2>");
    if list.is_empty() {
        h.push_str("<p>No ICB-level return is flagged.</p>");
        return;
    }
    h.push_str("<table><caption>Red flags by kind (ICB-level returns; team and provider flags are under each team)</caption><thead><tr><th scope=\"col\">Flag</th><th scope=\"col\">Returns flagged</th><th scope=\"col\">ICBs</th></tr></thead><tbody>");
    let mut kinds: Vec<&FlagKind> = Vec::new();
    for f in &list {
        let same = |k: &FlagKind| std::mem::discriminant(k) == std::mem::discriminant(&f.kind);
        if !kinds.iter().any(|k| same(k)) {
            kinds.push(&f.kind);
        }
    }
    for kind in kinds {
        let same: Vec<&&Flag> =
            list.iter().filter(|f| std::mem::discriminant(&f.kind) == std::mem::discriminant(kind)).collect();
        let mut icbs: Vec<&str> = same.iter().map(|f| f.icb.as_str()).collect();
        icbs.dedup();
        let urgent = kind.rank() < 2;
        let _ = write!(
            h,
            "<tr{}><th scope=\"row\">{}</th><td>{} ICB-level returns",
            if urgent { " class=\"iacmh-r-concern\"" } else { "" },
            kind.label(),
            of(icbs.len(), n)
        );
        if same.len() > icbs.len() {
            let _ = write!(h, "; {} in all", plural(same.len(), "flag", "flags"));
        }
        let _ = write!(h, "</td><td>{}</td></tr>", escape(&icbs.join("; ")));
    }
    h.push_str("</tbody></table>");
    let _ = write!(
        h,
        "<details><summary>Every flag, one per row ({})</summary><table><caption>Every red flag of ICB-level returns</caption><thead><tr><th scope=\"col\">ICB</th><th scope=\"col\">Flag</th></tr></thead><tbody>",
        plural(list.len(), "flag", "flags")
    );
    for f in list {
        let _ = write!(h, "<tr><td>{}</td><td>{}</td></tr>", escape(&f.icb), escape(&f.message));
    }
    h.push_str("</tbody></table></details>");
}

fn provision(h: &mut String, c: &Collation) {
    h.push_str("<h2>Specific provision in place</h2><table><caption>Answers to the provision questions (ICB-level returns; shares of those answering)</caption><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Yes</th><th scope=\"col\">No</th><th scope=\"col\">Not answered</th></tr></thead><tbody>");
    for p in &c.provision {
        let answering = p.yes + p.no;
        let all = answering + p.unanswered;
        let (class, badge) = if p.yes_is_concern {
            (" class=\"iacmh-r-concern\"", "<span class=\"iacmh-r-badge\">Yes is the answer of concern</span>")
        } else {
            ("", "")
        };
        let _ = write!(
            h,
            "<tr{class}><th scope=\"row\">{}{badge}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&p.question),
            of(p.yes, answering),
            of(p.no, answering),
            of(p.unanswered, all),
        );
    }
    h.push_str("</tbody></table>");
    h.push_str("<h2>Barriers</h2><table><caption>ICB-level returns naming each kind of barrier</caption><thead><tr><th scope=\"col\">Barrier</th><th scope=\"col\">Returns naming it</th></tr></thead><tbody>");
    for b in &c.barriers {
        let _ = write!(h, "<tr><th scope=\"row\">{}</th><td>{}</td></tr>", escape(&b.label), of(b.returns, b.of));
    }
    h.push_str("</tbody></table>");
}

fn round(r: &Option<String>) -> &str {
    r.as_deref().unwrap_or("(no round)")
}

fn progress(h: &mut String, c: &Collation, generated: &Generated) {
    if c.progress.is_empty() {
        return;
    }
    let today = generated.date();
    let index = Index::current();
    let _ = write!(
        h,
        "<h2>Progress between rounds</h2><p>Rounds {}. Actions are counted overdue as of {today}.</p>",
        escape(&c.rounds.join(", "))
    );
    h.push_str("<table><caption>Progress of each region's ICBs, and England's</caption><thead><tr>");
    for head in [
        "Region",
        "Rounds",
        "Overall score, mean change",
        "ICBs whose score rose and fell",
        "Actions",
        "Assurance",
        "Provision answers changed",
    ] {
        let _ = write!(h, "<th scope=\"col\">{head}</th>");
    }
    h.push_str("</tr></thead><tbody>");
    for p in c.region_progress(today) {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td>{} to {}</td><td>{}</td><td>rose: {}; fell: {}</td><td>{} completed; {} overdue</td><td>{} became assured; {} no longer assured</td><td class=\"iacmh-r-n\">{}</td></tr>",
            escape(region_name(&p.region)),
            escape(round(&p.from)),
            escape(round(&p.to)),
            change(p.mean_score_change),
            of(p.improved, p.icbs),
            of(p.worsened, p.icbs),
            p.actions_completed,
            p.actions_overdue,
            p.became_assured,
            p.no_longer_assured,
            p.provision_changes,
        );
    }
    h.push_str("</tbody></table>");
    h.push_str("<table><caption>Progress of each return given in more than one round</caption><thead><tr>");
    for head in
        ["Scope", "Rounds", "Overall score", "Domain scores that changed", "Actions", "Template answers that changed"]
    {
        let _ = write!(h, "<th scope=\"col\">{head}</th>");
    }
    h.push_str("</tr></thead><tbody>");
    for p in &c.progress {
        let score = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"));
        let domains: Vec<String> = p
            .comparison
            .scores
            .iter()
            .filter_map(|s| {
                let d = index.domain(s.domain?)?;
                let delta = s.after? - s.before?;
                (delta.abs() > 0.05).then(|| format!("{}. {} {}", d.number, escape(d.title), change(Some(delta))))
            })
            .collect();
        let mut template: Vec<String> = Vec::new();
        if p.assured_before != p.assured_after {
            template.push(format!("Assured: {}", yes_no_change(p.assured_before, p.assured_after)));
        }
        template.extend(
            p.provision_changes().map(|t| format!("{}: {}", t.field.label(), yes_no_change(t.before, t.after))),
        );
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}<span class=\"iacmh-r-meta\">{}</span></th><td>{} to {}</td><td>{} to {} ({})</td><td>{}</td><td>{} completed; {} open, {} overdue</td><td>{}</td></tr>",
            escape(&p.scope),
            escape(region_name(&p.region)),
            escape(round(&p.from)),
            escape(round(&p.to)),
            score(p.score_before),
            score(p.score_after),
            change(p.score_change()),
            if domains.is_empty() { "none".to_owned() } else { domains.join("<br>") },
            p.comparison.actions_completed.len(),
            p.open_actions_due.len(),
            p.overdue(today),
            if template.is_empty() {
                "none".to_owned()
            } else {
                template.iter().map(|t| escape(t)).collect::<Vec<_>>().join("<br>")
            },
        );
    }
    h.push_str("</tbody></table>");
}

fn teams(h: &mut String, c: &Collation, page: bool) {
    let mut teams: Vec<&ReturnSummary> = c.team_returns().collect();
    if teams.is_empty() {
        return;
    }
    teams.sort_by(|a, b| (&a.icb, &a.organisation, &a.team).cmp(&(&b.icb, &b.organisation, &b.team)));
    h.push_str("<h2>Team and provider returns</h2><p>These are the teams' and providers' own self-assessments: they are not counted in the national and regional figures above. Each team's red flags are listed under it.");
    if page {
        h.push_str(" To start an ICB's own return from its teams' and providers', roll them up into a draft: each question at the lowest rating given, with every comment, for the ICB's review group to confirm in the form.</p>");
    } else {
        h.push_str(" To start an ICB's own return from them, use \"Roll up to an ICB draft\" on the collation page, or the command <code>iacmh roll-up --icb ICB --out draft.json FILES</code>.</p>");
    }
    // Each team's flags, found once (not by a search of every flag for every team).
    let mut by_file: std::collections::HashMap<&str, Vec<&Flag>> = std::collections::HashMap::new();
    for f in &c.flags {
        by_file.entry(f.file.as_str()).or_default().push(f);
    }
    heat_head(h, "Score by domain for each team and provider return, by ICB", "Team or provider");
    let columns = heat_columns();
    let mut start = 0;
    while start < teams.len() {
        let icb = &teams[start].icb;
        let end = start + teams[start..].iter().take_while(|r| r.icb == *icb).count();
        let _ = write!(
            h,
            "<tbody><tr class=\"iacmh-r-group\"><th scope=\"rowgroup\" colspan=\"{columns}\">{}<span class=\"iacmh-r-meta\">{}</span>",
            escape(icb),
            plural(end - start, "team or provider return", "team and provider returns")
        );
        if page {
            let _ = write!(
                h,
                "<button type=\"button\" class=\"nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0\" data-roll-up=\"{}\">Roll up to an ICB draft<span class=\"iacmh-r-hidden\"> for {}</span></button>",
                escape(icb),
                escape(icb)
            );
        }
        h.push_str("</th></tr>");
        for r in &teams[start..end] {
            let name = [r.organisation.as_str(), r.team.as_str()]
                .into_iter()
                .filter(|p| !p.trim().is_empty())
                .collect::<Vec<_>>()
                .join(": ");
            let mine = by_file.get(r.file.as_str()).map_or(&[][..], Vec::as_slice);
            heat_row(h, r, if name.is_empty() { r.level.label() } else { &name }, mine);
        }
        h.push_str("</tbody>");
        start = end;
    }
    h.push_str("</table>");
}

fn ratings(h: &mut String, c: &Collation) {
    let index = Index::current();
    let n = c.icb_returns().count();
    let _ = write!(
        h,
        "<h2>Ratings by question</h2><p>How many of the {} gave each rating, question by question, domain by domain.</p>",
        plural(n, "ICB-level return", "ICB-level returns")
    );
    for d in index.domains {
        let _ = write!(
            h,
            "<details><summary>{}. {}</summary><table><caption>Ratings of the questions of domain {}, {}</caption><thead><tr><th scope=\"col\">Question</th>",
            d.number,
            escape(d.title),
            d.number,
            escape(d.title)
        );
        for r in Rating::ALL {
            let _ = write!(h, "<th scope=\"col\" class=\"iacmh-r-n\">{}</th>", r.label());
        }
        h.push_str("<th scope=\"col\" class=\"iacmh-r-n\">Not answered</th></tr></thead><tbody>");
        for q in c.questions.iter().filter(|q| q.id.domain == d.number) {
            let text = index.question(q.id).map(|x| x.full_text()).unwrap_or_default();
            let _ = write!(h, "<tr><th scope=\"row\">{} {}</th>", q.id, escape(&text));
            for count in q.ratings {
                let _ = write!(h, "<td class=\"iacmh-r-n\">{count}</td>");
            }
            let _ = write!(h, "<td class=\"iacmh-r-n\">{}</td></tr>", q.unanswered);
        }
        h.push_str("</tbody></table></details>");
    }
}

fn files(h: &mut String, c: &Collation) {
    h.push_str("<h2>Files</h2><table><caption>Each file and what became of it</caption><thead><tr><th scope=\"col\">File</th><th scope=\"col\">What became of it</th></tr></thead><tbody>");
    let row = |h: &mut String, file: &str, what: &str| {
        let _ = write!(h, "<tr><td>{}</td><td>{}</td></tr>", escape(file), escape(what));
    };
    for u in &c.unreadable {
        row(h, &u.file, &format!("Left out: {}", u.error.message));
    }
    for d in &c.duplicates {
        row(h, &d.dropped, &format!("Left out: {}", d.message()));
    }
    for r in &c.earlier_rounds {
        row(h, &r.file, &format!("An earlier round ({}) of {}: shown as progress", round(&r.round), r.scope_name()));
    }
    for r in &c.returns {
        row(h, &r.file, &format!("Collated: {} return for {} ({})", r.level.label(), r.scope_name(), meta(r)));
    }
    h.push_str("</tbody></table>");
}

/// The report as one self-contained HTML file, its styles inlined: it opens from disk and
/// prints.
pub fn to_html(c: &Collation, generated: &Generated) -> String {
    let title = "Intensive and assertive community mental health care: collated returns";
    let mut h = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>body{{font-family:arial,sans-serif;color:#212b32;margin:16px;line-height:1.4}}{}</style></head><body><main><h1>{title}</h1>",
        include_str!("report.css")
    );
    let _ = write!(h, "<p>Made {} (UTC) by {}.</p>", generated.date(), escape(&generated.by));
    h.push_str(&report_html(c, generated, false));
    h.push_str("</main></body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::{escape, of};

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }

    #[test]
    fn shares_carry_their_denominator() {
        assert_eq!(of(12, 40), "12 of 40 (30%)");
        assert_eq!(of(1, 3), "1 of 3 (33%)");
        assert_eq!(of(0, 0), "0 of 0");
    }
}
