//! The floor under a 10,000-return workbook: `rust_xlsxwriter` alone (no collation, no tables
//! of ours) writing sheets of the shape and size of that workbook's two long ones, at the
//! deflate level `iacmh_report::to_xlsx` uses for them, in its "low memory" mode (a shared
//! string table, as `to_xlsx` writes) and in its "constant memory" mode (each text written in
//! its cell). Every comment, finding and action is a text of its own, as in real returns (the
//! `iacmh-cli` benchmark corpus repeats 6 comments, which a shared table makes cheap).
//! Whatever the collation does, the workbook cannot be written faster than this.
//! Run: `cargo bench -p iacmh-report --bench xlsx_floor`

use rust_xlsxwriter::{Workbook, XlsxError};

fn main() {
    divan::main();
}

/// 9,958 team returns of 161 questions, as in the benchmark corpus of `iacmh-cli`.
const TEAM_QUESTION_ROWS: u32 = 9_958 * 161;
/// The corpus's findings and actions: 55.7 a return.
const ACTION_ROWS: u32 = 557_000;
/// Excel's rows, less the header.
const SHEET_ROWS: u32 = 1_048_575;

/// Writes `rows` rows of `row(sheet, row, n)` over as many sheets as Excel needs, and returns
/// the workbook's size in bytes.
fn workbook(
    rows: u32,
    inline: bool,
    row: impl Fn(&mut rust_xlsxwriter::Worksheet, u32, u32) -> Result<(), XlsxError>,
) -> usize {
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(1);
    let mut written = 0;
    let mut sheets = Vec::new();
    while written < rows {
        let sheet = if inline {
            workbook.new_worksheet_with_constant_memory()
        } else {
            workbook.new_worksheet_with_low_memory()
        };
        let mut sheet = sheet.expect("temporary file");
        let here = (rows - written).min(SHEET_ROWS);
        for r in 1..=here {
            row(&mut sheet, r, written + r).expect("cell");
        }
        written += here;
        sheets.push(sheet);
    }
    for sheet in sheets {
        workbook.push_worksheet(sheet);
    }
    workbook.save_to_buffer().expect("workbook").len()
}

/// The seven columns every per-return sheet starts with: file, ICB code, ICB, region, level,
/// organisation and team.
fn who(sheet: &mut rust_xlsxwriter::Worksheet, r: u32, ret: u32) -> Result<(), XlsxError> {
    sheet.write_string(r, 0, format!("return-{ret:05}.json"))?;
    sheet.write_string(r, 1, "QHM")?;
    sheet.write_string(r, 2, "NHS North East and North Cumbria Integrated Care Board")?;
    sheet.write_string(r, 3, "North East and Yorkshire")?;
    sheet.write_string(r, 4, "Team")?;
    sheet.write_string(r, 5, "Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust")?;
    sheet.write_string(r, 6, format!("Community team {}", ret % 40))?;
    Ok(())
}

/// A "Team questions" row: who, the question (number, title, id, text, category),
/// the rating (two texts, points) and a comment.
fn question_row(sheet: &mut rust_xlsxwriter::Worksheet, r: u32, n: u32) -> Result<(), XlsxError> {
    let (ret, q) = (n / 161, n % 161);
    who(sheet, r, ret)?;
    sheet.write_number(r, 7, f64::from(q % 14 + 1))?;
    sheet.write_string(r, 8, "Clinical Pathways")?;
    sheet.write_string(r, 9, format!("{}.{:02}", q % 14 + 1, q % 33 + 1))?;
    sheet.write_string(
        r,
        10,
        format!(
            "Do our policies describe the pathways for people with psychosis whom routine services fail to reach ({q})"
        ),
    )?;
    sheet.write_string(r, 11, "Essential")?;
    sheet.write_string(r, 12, "No, but action in hand")?;
    sheet.write_string(r, 13, "no_action_in_hand")?;
    sheet.write_number(r, 14, 1.0)?;
    sheet.write_string(
        r,
        15,
        format!("Return {ret}, question {q}: the group's comment, a sentence or two long as most are"),
    )?;
    Ok(())
}

/// An "Actions" row: who, the domain (number, title), the question, four texts
/// (finding, action, owner, comments), the due date and two yes/no.
fn action_row(sheet: &mut rust_xlsxwriter::Worksheet, r: u32, n: u32) -> Result<(), XlsxError> {
    let ret = n / 56;
    who(sheet, r, ret)?;
    sheet.write_number(r, 7, f64::from(n % 14 + 1))?;
    sheet.write_string(r, 8, "Clinical Pathways")?;
    sheet.write_string(r, 9, format!("{}.{:02}", n % 14 + 1, n % 33 + 1))?;
    sheet.write_string(
        r,
        10,
        format!("Finding {n}: what the group found, a sentence or two long, as the review meeting wrote it down"),
    )?;
    sheet.write_string(
        r,
        11,
        format!("Action {n}: what will be done about it, by whom and how the group will know it is done"),
    )?;
    sheet.write_string(r, 12, "Head of community services")?;
    sheet.write_number(r, 13, 46_000.0 + f64::from(n % 400))?;
    sheet.write_string(r, 14, "No")?;
    sheet.write_string(r, 15, "Yes")?;
    sheet.write_string(r, 16, format!("Comment {n} on the action"))?;
    Ok(())
}

/// `inline`: each text in its cell (constant memory), else in the shared table (low memory).
#[divan::bench(sample_count = 3, sample_size = 1, args = [false, true])]
fn team_questions_of_9958_returns(inline: bool) -> usize {
    workbook(TEAM_QUESTION_ROWS, inline, question_row)
}

#[divan::bench(sample_count = 3, sample_size = 1, args = [false, true])]
fn actions_of_10000_returns(inline: bool) -> usize {
    workbook(ACTION_ROWS, inline, action_row)
}
