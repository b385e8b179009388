//! `iacmh-report`: a collation as tables, and those tables as CSV, an Excel workbook and a
//! self-contained HTML report. The command line and the browser's collation page both write
//! through here, so each format is defined once.
//!
//! Each table (`tables.rs`) is defined once, as named columns and typed cells: the workbook
//! writes it as a sheet (`xlsx.rs`, through `rust_xlsxwriter`) and CSV as a file, with the same
//! columns. Text from returns is user input: in CSV a cell that a spreadsheet would read as a
//! formula is prefixed with `'` ([`neutralise`]); in the workbook text cells are never formulas,
//! so text is written exactly as the return has it; in HTML all text is escaped.
//!
//! [`papers`] writes one return as the two papers a review group prints, the summary for the
//! board and the record of the maturity index, for the form and the command line.
//!
//! Natively, [`read`] reads folders of return files as a collation's inputs.

mod html;
pub mod papers;
#[cfg(not(target_arch = "wasm32"))]
pub mod read;
mod tables;
mod xlsx;

pub use html::{band, escape, of, report_html, to_html};
pub use tables::{
    Cell, Column, Generated, Kind, Row, Table, about, actions, all as all_tables, barriers, domains_by_region, files,
    flags, is_icb, neutralise, not_returned, progress, progress_by_region, questions, returns, summary, team_questions,
    team_returns, to_csv, write_csv, yes_no_change,
};
pub use xlsx::{MAX_CELL_TEXT, MAX_SHEET_ROWS, XlsxError, to_xlsx};
