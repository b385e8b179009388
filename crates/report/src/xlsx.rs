//! The collation as an Excel workbook: sheets for returns, questions (long format), flags and
//! actions, each with a bold frozen header row and filters.

use iacmh_review::collate::Collation;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::tables::{Cell, Table, actions, flags, neutralise, questions, returns};

/// Data rows a sheet can hold under its header row (Excel's limit is 1,048,576 rows).
pub const MAX_SHEET_ROWS: usize = 1_048_575;

/// Writes a table, continuing on "Name (2)", "Name (3)" ... when it has more rows than a sheet.
fn sheet(workbook: &mut Workbook, table: &Table) -> Result<(), XlsxError> {
    let parts: Vec<&[Vec<Cell>]> =
        if table.rows.is_empty() { vec![&[]] } else { table.rows.chunks(MAX_SHEET_ROWS).collect() };
    for (i, rows) in parts.into_iter().enumerate() {
        let name = if i == 0 { table.name.to_owned() } else { format!("{} ({})", table.name, i + 1) };
        part(workbook, &name, &table.headers, rows)?;
    }
    Ok(())
}

fn part(workbook: &mut Workbook, name: &str, headers: &[String], rows: &[Vec<Cell>]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let ws = workbook.add_worksheet();
    ws.set_name(name)?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            match cell {
                // Written as strings, which Excel never evaluates; neutralised as well, so that
                // a copy into another sheet or a CSV stays inert.
                Cell::Text(t) => ws.write_string(r, c as u16, neutralise(t))?,
                Cell::Number(n) => ws.write_number(r, c as u16, *n)?,
                Cell::Empty => ws,
            };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if !headers.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, headers.len() as u16 - 1)?;
    }
    Ok(())
}

/// The workbook's bytes.
pub fn to_xlsx(c: &Collation) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    for table in [returns(c), questions(c), flags(c), actions(c)] {
        sheet(&mut workbook, &table)?;
    }
    workbook.save_to_buffer()
}
