//! `iacmh-report`: a collation as tables, and those tables as CSV, XLSX and a self-contained
//! HTML report. The command line and the browser's collation page both write through here, so
//! each format is defined once.
//!
//! Text from returns is user input: in CSV and XLSX a cell that a spreadsheet would read as a
//! formula (starting `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`; in HTML
//! all text is escaped.

mod html;
mod tables;
mod xlsx;

pub use html::{band, to_html};
pub use tables::{Cell, Table, actions, flags, neutralise, questions, returns, to_csv};
pub use xlsx::{MAX_SHEET_ROWS, XlsxError, to_xlsx};
