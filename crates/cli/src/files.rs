//! Reading return files: defined in `iacmh-report` (`iacmh_report::read`), which the Python
//! package reads through too; this name keeps the command line's paths short.

pub use iacmh_report::read::*;
