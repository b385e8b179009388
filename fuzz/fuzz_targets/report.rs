//! The CSV and XLSX writers on any text: the input is split at 0xFF bytes into up to eight texts
//! (read as UTF-8, bad bytes replaced), which become the file names, scope, comments and a Findings
//! and Actions row of two collated returns. The CSV reads back as the table it was written from
//! (with formula-like text neutralised), holds no NUL, and no field a spreadsheet would run as a
//! formula; the workbook is written.
#![no_main]

use std::sync::OnceLock;

use iacmh_report::{Cell, Generated, Table, neutralise, questions, returns, to_csv, to_xlsx};
use iacmh_review::collate::{Input, collate};
use iacmh_review::{FindingRow, Return, example};
use libfuzzer_sys::fuzz_target;

/// An ICB return and a team return, each with three answers and a Findings and Actions row (the
/// workbook has a row per question of each return whatever it answers: small returns keep the
/// runs quick).
fn bases() -> &'static [Return; 2] {
    fn small(full: Return) -> Return {
        let mut ret = Return::new(full.scope.clone());
        for (id, answer) in full.maturity.answers.iter().take(3) {
            ret.maturity.answers.insert(*id, answer.clone());
        }
        ret.maturity.findings = vec![FindingRow { domain: 1, ..FindingRow::default() }];
        ret.meta = full.meta;
        ret
    }
    static BASES: OnceLock<[Return; 2]> = OnceLock::new();
    BASES.get_or_init(|| [small(example::complete()), small(example::generated(50))])
}

/// Puts text number `i` in its place in one of the returns, or in a file name.
fn place(i: usize, text: String, names: &mut [String; 2], rets: &mut [Return; 2]) {
    let ret = &mut rets[i % 2];
    let row = &mut ret.maturity.findings[0];
    match i {
        0 | 1 => names[i] = text,
        2 => ret.scope.organisation = text,
        3 => ret.scope.team = text,
        4 | 5 => {
            if let Some((_, answer)) = ret.maturity.answers.iter_mut().next() {
                answer.comment = Some(text);
            }
        }
        6 => (row.finding, row.owner) = (text.clone(), text),
        _ => (row.action, row.comments, row.due) = (text.clone(), text.clone(), Some(text)),
    }
}

/// The fields of a CSV text (RFC 4180), record by record.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{FEFF}').expect("a byte-order mark first");
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => {
                assert!(!matches!(c, '"' | '\r' | '\n'), "{c:?} outside quotes in {text:?}");
                field.push(c);
            }
        }
    }
    assert!(!quoted && field.is_empty() && record.is_empty(), "the CSV ends inside a record");
    records
}

/// Checks the CSV of the table `make` gives (a table's rows are read once: it is made twice,
/// once to write and once to compare with).
fn check_csv<'a>(make: impl Fn() -> Table<'a>) {
    let csv = to_csv(make());
    assert!(!csv.contains('\0'), "a NUL in the CSV");
    let records = read_csv(&csv);
    let table = make();
    let headers: Vec<String> = table.columns.iter().map(|c| c.name.to_string()).collect();
    let rows: Vec<_> = table.rows.collect();
    assert_eq!(records.len(), rows.len() + 1);
    assert_eq!(records[0], headers);
    for (record, row) in records[1..].iter().zip(&rows) {
        assert_eq!(record.len(), headers.len());
        for (field, cell) in record.iter().zip(row) {
            match cell {
                Cell::Text(t) => assert_eq!(*field, neutralise(t)),
                other => assert_eq!(*field, other.as_text()),
            }
            // What a spreadsheet would run (after stripping what it may strip) starts with `'`.
            let significant = field.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
            let formula = significant.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
                || field.starts_with(['\t', '\r']);
            assert!(!formula || field.starts_with('\''), "{field:?} would run as a formula");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut names = ["icb.json".to_owned(), "team.json".to_owned()];
    let mut rets = bases().clone();
    for (i, piece) in iacmh_fuzz::pieces(data).into_iter().enumerate() {
        place(i, String::from_utf8_lossy(piece).into_owned(), &mut names, &mut rets);
    }
    let [a, b] = rets;
    let [name_a, name_b] = names;
    let c = collate(vec![Input { name: name_a, content: Ok(a) }, Input { name: name_b, content: Ok(b) }]);
    check_csv(|| returns(&c));
    // The answered questions' rows hold every text the others do, and the comments: checking
    // those (6 rows rather than 322) keeps the runs quick.
    let answered = || {
        let t = questions(&c);
        let rating = t.columns.iter().position(|col| col.name == "rating").expect("a rating column");
        Table { rows: Box::new(t.rows.filter(move |row| row[rating] != Cell::Empty)), ..t }
    };
    check_csv(answered);
    let generated = Generated { unix_seconds: 1_767_225_600, by: "fuzz".into() };
    let xlsx = to_xlsx(&c, &generated).expect("two returns fit in a workbook");
    assert!(xlsx.starts_with(b"PK\x03\x04"), "not a zip");
});
