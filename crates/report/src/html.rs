//! The collation as one self-contained HTML file that opens from disk: a heatmap of returns by
//! domain, the red flags, and the counts across returns. Every piece of text is escaped.

use std::fmt::Write;

use iacmh_review::collate::Collation;
use iacmh_review::{Index, Stage};

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

fn stage_mark(stage: Stage) -> &'static str {
    match stage {
        Stage::EssentialsNotMet => " !",
        _ => "",
    }
}

const STYLE: &str = "body{font-family:arial,sans-serif;color:#212b32;margin:24px;max-width:1400px}\
table{border-collapse:collapse;margin:0 0 24px}th,td{border:1px solid #d8dde0;padding:4px 8px;text-align:left;vertical-align:top}\
th{background:#f0f4f5}td.n{text-align:right}.heat td.s{text-align:center;min-width:34px}\
.b0{background:#d5281b;color:#fff}.b1{background:#ffb81c}.b2{background:#aed3f5}.b3{background:#007f3b;color:#fff}.none{background:#fff;color:#4c6272}\
caption{text-align:left;font-weight:bold;padding:4px 0}.key span{display:inline-block;padding:2px 8px;margin-right:4px}\
@media print{body{margin:0}h2{break-before:page}}";

/// The report's HTML.
pub fn to_html(c: &Collation) -> String {
    let index = Index::current();
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Intensive and assertive community mental health care: collated returns</title><style>{STYLE}</style></head><body>"
    );
    let _ = write!(
        h,
        "<h1>Intensive and assertive community mental health care: collated returns</h1><p>{}</p>",
        escape(&c.summary())
    );

    h.push_str("<h2>Scores by domain</h2><p class=\"key\">Score 0 to 100: <span class=\"b0\">under 25</span><span class=\"b1\">25 to 49</span><span class=\"b2\">50 to 74</span><span class=\"b3\">75 and over</span><span class=\"none\">not scored</span> ! marks essentials not met.</p>");
    h.push_str("<table class=\"heat\"><caption>Score by domain for each return</caption><thead><tr><th scope=\"col\">Return</th><th scope=\"col\">Region</th>");
    for d in index.domains {
        let _ = write!(h, "<th scope=\"col\" title=\"{}\">{}</th>", escape(d.title), d.number);
    }
    h.push_str("<th scope=\"col\">Overall</th></tr></thead><tbody>");
    for r in &c.returns {
        let mut name = r.icb.clone();
        for part in [&r.organisation, &r.team] {
            if !part.trim().is_empty() {
                name.push_str(": ");
                name.push_str(part);
            }
        }
        let _ = write!(h, "<tr><th scope=\"row\">{}</th><td>{}</td>", escape(&name), escape(&r.region));
        for d in index.domains {
            let result = r.domains.iter().find(|x| x.domain == d.number);
            let score = result.and_then(|x| x.score);
            let text = score.map_or_else(|| "-".to_owned(), |s| format!("{s:.0}"));
            let mark = result.map_or("", |x| stage_mark(x.stage));
            let title = result.map_or("", |x| x.stage.label());
            let _ = write!(h, "<td class=\"s {}\" title=\"{}\">{text}{mark}</td>", band(score), escape(title));
        }
        let overall = r.overall_score.map_or_else(|| "-".to_owned(), |s| format!("{s:.0}"));
        let _ = write!(h, "<td class=\"s {}\">{overall}</td></tr>", band(r.overall_score));
    }
    h.push_str("</tbody></table>");

    h.push_str("<h2>Red flags</h2>");
    if c.flags.is_empty() {
        h.push_str("<p>None.</p>");
    } else {
        h.push_str("<table><caption>Red flags by ICB</caption><thead><tr><th scope=\"col\">ICB</th><th scope=\"col\">Flag</th><th scope=\"col\">File</th></tr></thead><tbody>");
        for f in &c.flags {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&f.icb),
                escape(&f.message),
                escape(&f.file)
            );
        }
        h.push_str("</tbody></table>");
    }

    h.push_str("<h2>Specific provision in place</h2><table><caption>Answers to the provision questions</caption><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Yes</th><th scope=\"col\">No</th><th scope=\"col\">Not answered</th><th scope=\"col\">Yes, of those answering</th></tr></thead><tbody>");
    for p in &c.provision {
        let pct = p.yes_percent.map_or_else(|| "-".to_owned(), |v| format!("{v:.0}%"));
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{pct}</td></tr>",
            escape(&p.question),
            p.yes,
            p.no,
            p.unanswered
        );
    }
    h.push_str("</tbody></table>");

    h.push_str("<h2>Barriers</h2><table><caption>Returns naming each kind of barrier</caption><thead><tr><th scope=\"col\">Barrier</th><th scope=\"col\">Returns</th><th scope=\"col\">Share</th></tr></thead><tbody>");
    for b in &c.barriers {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{:.0}%</td></tr>",
            escape(&b.label),
            b.returns,
            b.percent
        );
    }
    h.push_str("</tbody></table>");

    if !c.unreadable.is_empty() || !c.duplicates.is_empty() {
        h.push_str("<h2>Files left out</h2><table><caption>Files not collated</caption><thead><tr><th scope=\"col\">File</th><th scope=\"col\">Why</th></tr></thead><tbody>");
        for u in &c.unreadable {
            let _ = write!(h, "<tr><td>{}</td><td>{}</td></tr>", escape(&u.file), escape(&u.error.message));
        }
        for d in &c.duplicates {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td></tr>",
                escape(&d.dropped),
                escape(&format!("Left out: {}", d.message()))
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}
