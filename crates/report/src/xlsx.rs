//! The collation as an Excel workbook, written with `rust_xlsxwriter`: every table of
//! `tables.rs` as a sheet with a bold frozen header row, filters, column widths and number
//! formats (scores to one decimal place, shares as percentages, dates as dates), a heatmap of
//! domain scores, a chart of the domain means by region, and an About sheet that says what each
//! column means.
//!
//! Text is written as string cells, which a spreadsheet never runs as formulas, so it is exactly
//! as the return has it: no apostrophe before "- item" or "=". Carriage returns and text that
//! looks like Excel's `_xHHHH_` escapes are escaped by the library so that they read back
//! unchanged. A text longer than a cell can hold (32,767 characters) is cut with a visible
//! marker, and the Files sheet says where.
//!
//! Natively, sheets are written row by row to a temporary file ("low memory" mode, strings
//! still shared), so that 10,000 returns fit within 1 GB; in the browser they are kept in
//! memory. A sheet longer than Excel's 1,048,576 rows continues on another sheet ("Team
//! questions (2)").

use rust_xlsxwriter::{
    Chart, ChartType, Color, ConditionalFormat3ColorScale, ConditionalFormatType, DocProperties, ExcelDateTime, Format,
    FormatBorder, Workbook, Worksheet,
};

use iacmh_review::collate::Collation;

use crate::tables::{self, Cell, Column, Generated, Kind, Row, Table};

/// Data rows a sheet can hold under its header row (Excel's limit is 1,048,576 rows).
pub const MAX_SHEET_ROWS: usize = 1_048_575;

/// The most characters (UTF-16 code units, as Excel counts them) a cell can hold.
pub const MAX_CELL_TEXT: usize = 32_767;

/// Up to this many returns the workbook is compressed the most; above, the fastest.
const SMALL: usize = 100;

/// Why a workbook could not be written.
#[derive(Debug)]
pub struct XlsxError(String);

impl std::fmt::Display for XlsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the workbook could not be written: {}", self.0)
    }
}

impl std::error::Error for XlsxError {}

impl From<rust_xlsxwriter::XlsxError> for XlsxError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        XlsxError(e.to_string())
    }
}

/// The number formats, one per kind of column.
struct Formats {
    header: Format,
    count: Format,
    score: Format,
    share: Format,
    date: Format,
    time: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xE8EDEE))
                .set_border_bottom(FormatBorder::Thin),
            count: Format::new().set_num_format("0"),
            score: Format::new().set_num_format("0.0"),
            share: Format::new().set_num_format("0%"),
            date: Format::new().set_num_format("d mmm yyyy"),
            time: Format::new().set_num_format("d mmm yyyy hh:mm"),
        }
    }

    fn of(&self, kind: Kind) -> Option<&Format> {
        match kind {
            Kind::Text => None,
            Kind::Count => Some(&self.count),
            Kind::Score => Some(&self.score),
            Kind::Share => Some(&self.share),
            Kind::Date => Some(&self.date),
            Kind::Time => Some(&self.time),
        }
    }
}

/// A text cut to fit a cell: where, for the Files sheet.
struct Cut {
    file: String,
    sheet: String,
    row: usize,
    column: String,
    length: usize,
}

/// `text` as it fits a cell: whole, or cut with a marker that says so.
fn fit(text: &str) -> Option<String> {
    // A text's UTF-16 length is at most its UTF-8 length: most cells need no count at all
    // (2,000 team returns to a workbook: 6.31 s counting every text, 6.04 s not; medians of 3).
    if text.len() <= MAX_CELL_TEXT {
        return None;
    }
    let length = text.encode_utf16().count();
    if length <= MAX_CELL_TEXT {
        return None;
    }
    let marker = format!(
        " […] [CUT: the text has {length} characters, more than a cell holds (32,767); the whole text is in the return file]"
    );
    let budget = MAX_CELL_TEXT - marker.encode_utf16().count();
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > budget
        })
        .map_or(text.len(), |(i, _)| i);
    Some(format!("{}{marker}", &text[..end]))
}

fn new_sheet(workbook: &mut Workbook) -> Result<Worksheet, XlsxError> {
    #[cfg(not(target_arch = "wasm32"))]
    return Ok(workbook.new_worksheet_with_low_memory()?);
    #[cfg(target_arch = "wasm32")]
    {
        let _ = workbook;
        Ok(Worksheet::new())
    }
}

/// Writes one table as one or more sheets (a part per `MAX_SHEET_ROWS` rows).
fn write_table(
    workbook: &mut Workbook,
    table: Table<'_>,
    formats: &Formats,
    cuts: &mut Vec<Cut>,
    sheets: &mut Vec<Worksheet>,
) -> Result<(), XlsxError> {
    let Table { name, columns, rows, .. } = table;
    let file_column = columns.iter().position(|c| c.name == "file");
    let mut part = 1;
    let mut sheet = start_sheet(workbook, name, part, &columns, formats)?;
    let mut row_in_sheet = 0usize;
    for row in rows {
        if row_in_sheet == MAX_SHEET_ROWS {
            finish_sheet(&mut sheet, &columns, row_in_sheet)?;
            sheets.push(sheet);
            part += 1;
            sheet = start_sheet(workbook, name, part, &columns, formats)?;
            row_in_sheet = 0;
        }
        row_in_sheet += 1;
        write_row(&mut sheet, row_in_sheet, &row, &columns, formats, |column, length| {
            cuts.push(Cut {
                file: file_column.map(|i| row[i].as_text().into_owned()).unwrap_or_default(),
                sheet: sheet_name(name, part),
                row: row_in_sheet + 1,
                column: columns[column].name.to_string(),
                length,
            });
        })?;
    }
    finish_sheet(&mut sheet, &columns, row_in_sheet)?;
    if name == "Domains by region" {
        chart_domains_by_region(&mut sheet, name, &columns, row_in_sheet)?;
    }
    sheets.push(sheet);
    Ok(())
}

fn sheet_name(name: &str, part: usize) -> String {
    if part == 1 { name.to_owned() } else { format!("{name} ({part})") }
}

fn start_sheet(
    workbook: &mut Workbook,
    name: &str,
    part: usize,
    columns: &[Column],
    formats: &Formats,
) -> Result<Worksheet, XlsxError> {
    let mut sheet = new_sheet(workbook)?;
    sheet.set_name(sheet_name(name, part))?;
    for (i, c) in columns.iter().enumerate() {
        let i = u16::try_from(i).map_err(|_| XlsxError("too many columns".to_owned()))?;
        sheet.set_column_width(i, c.width)?;
        if let Some(format) = formats.of(c.kind) {
            sheet.set_column_format(i, format)?;
        }
        sheet.write_string_with_format(0, i, c.name.as_ref(), &formats.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

fn write_row(
    sheet: &mut Worksheet,
    row: usize,
    cells: &Row<'_>,
    columns: &[Column],
    formats: &Formats,
    mut cut: impl FnMut(usize, usize),
) -> Result<(), XlsxError> {
    let r = row as u32;
    for (i, cell) in cells.iter().enumerate().take(columns.len()) {
        let c = i as u16;
        match cell {
            Cell::Text(t) => match fit(t) {
                None => {
                    sheet.write_string(r, c, t.as_ref())?;
                }
                Some(short) => {
                    cut(i, t.encode_utf16().count());
                    sheet.write_string(r, c, short)?;
                }
            },
            Cell::Number(n) if n.is_finite() => {
                sheet.write_number(r, c, *n)?;
            }
            Cell::Date(d) => match ExcelDateTime::from_ymd(d.year, d.month, d.day) {
                Ok(date) => {
                    sheet.write_datetime_with_format(r, c, &date, &formats.date)?;
                }
                Err(_) => {
                    sheet.write_string(r, c, d.to_string())?;
                }
            },
            Cell::Time(t, text) => match ExcelDateTime::from_timestamp(t.unix_seconds()) {
                Ok(time) => {
                    sheet.write_datetime_with_format(r, c, &time, &formats.time)?;
                }
                Err(_) => {
                    sheet.write_string(r, c, text.as_ref())?;
                }
            },
            Cell::YesNo(_) => {
                sheet.write_string(r, c, cell.as_text().as_ref())?;
            }
            Cell::Number(_) | Cell::Empty => {}
        }
    }
    Ok(())
}

/// Filters over the rows written, and the heatmap over score columns.
fn finish_sheet(sheet: &mut Worksheet, columns: &[Column], rows: usize) -> Result<(), XlsxError> {
    let last_col = columns.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, rows as u32, last_col)?;
    if rows == 0 {
        return Ok(());
    }
    let heat = ConditionalFormat3ColorScale::new()
        .set_minimum(ConditionalFormatType::Number, 0)
        .set_midpoint(ConditionalFormatType::Number, 50)
        .set_maximum(ConditionalFormatType::Number, 100)
        .set_minimum_color(Color::RGB(0xF8696B))
        .set_midpoint_color(Color::RGB(0xFFEB84))
        .set_maximum_color(Color::RGB(0x63BE7B));
    for (i, c) in columns.iter().enumerate() {
        if c.kind == Kind::Score {
            sheet.add_conditional_format(1, i as u16, rows as u32, i as u16, &heat)?;
        }
    }
    Ok(())
}

/// A column chart of each domain's mean score, one series per region.
fn chart_domains_by_region(
    sheet: &mut Worksheet,
    name: &str,
    columns: &[Column],
    rows: usize,
) -> Result<(), XlsxError> {
    if rows == 0 {
        return Ok(());
    }
    let mut chart = Chart::new(ChartType::Bar);
    chart.title().set_name("Mean domain score by region (ICB-level returns)");
    let last = rows as u32;
    for (i, _) in columns.iter().enumerate().filter(|(_, c)| c.kind == Kind::Score) {
        let i = i as u16;
        chart
            .add_series()
            .set_name((name, 0, i))
            .set_categories((name, 1, 1, last, 1))
            .set_values((name, 1, i, last, i));
    }
    chart.x_axis().set_name("Domain");
    chart.y_axis().set_name("Mean score (0 to 100)").set_min(0).set_max(100);
    chart.set_width(900).set_height(1100);
    sheet.insert_chart(last + 2, 1, &chart)?;
    Ok(())
}

/// The workbook's bytes: every table of the collation as a sheet, then Files (with any text
/// cut to fit a cell) and About.
pub fn to_xlsx(c: &Collation, generated: &Generated) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let when = ExcelDateTime::from_timestamp(generated.unix_seconds)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("Intensive and assertive community mental health care: collated returns")
            .set_comment(format!("Made by {}", generated.by))
            .set_creation_datetime(&when),
    );
    // Deflate's level: 42 ICB returns with a comment on every answer came to 517,901 bytes at
    // the library's default (6) and 493,468 at 9 (the same entries recompressed), inside the
    // 0.5 MB goal, for a few hundredths of a second. Beyond that, time matters more than bytes:
    // 10,000 returns, back to back, took 28.3 and 30.0 s at level 3 and 24.8 and 28.0 s at 1
    // (146 and 226 MB); in the browser, 500 returns 7.2 s at 9 and 3.7 s at 1 (profiled).
    workbook.set_zip_compression_level(if c.returns.len() <= SMALL { 9 } else { 1 });
    let formats = Formats::new();
    let mut cuts = Vec::new();
    let mut sheets = Vec::new();
    let mut described = Vec::new();
    for mut table in tables::all(c, generated.date()) {
        described.push((table.name, table.about, table.columns.clone()));
        if table.name == "Files" {
            let cut_rows: Vec<Row<'_>> = std::mem::take(&mut cuts)
                .into_iter()
                .map(|cut: Cut| {
                    vec![
                        Cell::Text(std::borrow::Cow::Owned(cut.file)),
                        Cell::Text("Text cut".into()),
                        Cell::Empty,
                        Cell::Text(
                            format!(
                                "Warning: on sheet {}, row {}, column {}, a text of {} characters was cut to fit a cell (32,767 characters at most) and marked [CUT]",
                                cut.sheet, cut.row, cut.column, cut.length
                            )
                            .into(),
                        ),
                    ]
                })
                .collect();
            table.rows = Box::new(table.rows.chain(cut_rows));
        }
        write_table(&mut workbook, table, &formats, &mut cuts, &mut sheets)?;
    }
    write_table(&mut workbook, tables::about(&described, generated), &formats, &mut cuts, &mut sheets)?;
    for sheet in sheets {
        workbook.push_worksheet(sheet);
    }
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use iacmh_review::collate::{Input, collate};

    #[test]
    fn a_workbook_of_nothing_and_of_a_team_return_is_written() {
        let made = Generated { unix_seconds: 1_727_654_400, by: "test".to_owned() };
        let zip = |bytes: &[u8]| bytes.starts_with(b"PK\x03\x04");
        assert!(to_xlsx(&collate(Vec::new()), &made).is_ok_and(|b| zip(&b)));
        let team = iacmh_review::example::generated(50);
        let c = collate(vec![Input { name: "team.json".into(), content: Ok(team) }]);
        assert!(to_xlsx(&c, &made).is_ok_and(|b| zip(&b)));
        // The team return is on its own sheet, not in the national counts.
        assert_eq!(tables::returns(&c).rows.count(), 0);
        assert_eq!(tables::team_returns(&c).rows.count(), 1);
        assert_eq!(tables::not_returned(&c).rows.count(), 42);
        let england = tables::summary(&c).rows.last().unwrap_or_default();
        assert_eq!(england[..3], [Cell::Text("England".into()), Cell::Number(42.0), Cell::Number(0.0)]);
    }

    #[test]
    fn long_text_is_cut_to_fit_with_a_marker() {
        assert_eq!(fit("short"), None);
        let exact = "é".repeat(MAX_CELL_TEXT);
        assert_eq!(fit(&exact), None);
        let long = "a".repeat(40_000);
        let cut = fit(&long).unwrap_or_default();
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_TEXT);
        assert!(cut.ends_with("the whole text is in the return file]"), "{}", &cut[cut.len() - 200..]);
        assert!(cut.contains("has 40000 characters"));
        // Characters outside the BMP count twice, as Excel counts them, and are never split.
        let wide = "😀".repeat(20_000);
        let cut = fit(&wide).unwrap_or_default();
        assert!(cut.encode_utf16().count() <= MAX_CELL_TEXT);
        assert!(cut.starts_with("😀"));
    }
}
