//! `iacmh` for Python: the rules of `iacmh-review` and the collation tables of `iacmh-report`
//! as a Python module (PyO3, built into a wheel by maturin). Every function translates: it
//! reads its argument, calls the crates, and hands back plain Python values (dicts, lists,
//! numbers, text), so that nothing here decides what a return means.
//!
//! - `validate(source)`: the diagnostics, status, completeness and what is outstanding.
//! - `score(source)`: domain scores, stages and priority areas.
//! - `collate(paths)`: a `Collation` whose tables are lists of records for `pandas.DataFrame`,
//!   made from the report crate's tables (the columns of the CSV files and the workbook).
//! - `index()`: the maturity index's questions; `example(seed)`: a made-up return.
//!
//! A `source` is a return's JSON text (a `str` starting with `{`, or `bytes`) or the path of a
//! file (any other `str`, or an `os.PathLike`). Bytes that are not a return raise
//! `iacmh.ParseError`, a `ValueError` with the crate's code, message, JSON Pointer and position.

use std::path::PathBuf;
use std::sync::OnceLock;

use iacmh_report::read::{FileError, expand, inputs, read_limited};
use iacmh_report::{Cell, Kind, Table};
use iacmh_review::{Index, Return, parse_return};
use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString};
use serde::Serialize;

create_exception!(
    iacmh,
    ParseError,
    PyValueError,
    "The bytes given are not a return this version of iacmh reads. Attributes: code (stable, \
     such as 'not_json', 'too_large', 'newer_version', 'invalid'), message (what to tell a \
     person), path (JSON Pointer of the value, or None), line and column (from 1, or None), \
     file (the path read, or None for text)."
);

/// Where a return comes from, as the caller gave it.
enum Source {
    Text(Vec<u8>),
    File(PathBuf),
}

impl Source {
    /// A `str` starting with `{` (after whitespace) is a return's text, `bytes` too; any other
    /// `str`, and an `os.PathLike`, is a path.
    fn from_py(value: &Bound<'_, PyAny>) -> PyResult<Source> {
        if let Ok(s) = value.cast::<PyString>() {
            // A file name that is not UTF-8 (surrogate-escaped) has no text: it is a path.
            if let Ok(s) = s.to_cow()
                && s.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']).starts_with('{')
            {
                return Ok(Source::Text(s.as_bytes().to_vec()));
            }
            return Ok(Source::File(value.extract::<PathBuf>()?));
        }
        if let Ok(b) = value.cast::<PyBytes>() {
            return Ok(Source::Text(b.as_bytes().to_vec()));
        }
        if let Ok(b) = value.cast::<PyByteArray>() {
            return Ok(Source::Text(b.to_vec()));
        }
        value.extract::<PathBuf>().map(Source::File).map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "expected a return's JSON text (str or bytes) or a path (str or os.PathLike), not {}",
                value.get_type().name().map_or_else(|_| "this".to_owned(), |n| n.to_string())
            ))
        })
    }

    /// The return, or the typed Python error: `iacmh.ParseError` for bytes that are not a
    /// return, `OSError` (`FileNotFoundError`, ...) for a file that cannot be read.
    fn read(&self, py: Python<'_>) -> PyResult<Return> {
        let (bytes, file) = match self {
            Source::Text(bytes) => (std::borrow::Cow::Borrowed(bytes.as_slice()), None),
            Source::File(path) => match py.detach(|| read_limited(path)) {
                Ok(bytes) => (std::borrow::Cow::Owned(bytes), Some(path)),
                Err(FileError::Parse(e)) => return Err(parse_error(py, &e, Some(path))),
                Err(FileError::Io(e)) => return Err(io_error(e, path)),
            },
        };
        parse_return(&bytes).map_err(|e| parse_error(py, &e, file))
    }
}

/// An `OSError` of the kind Python gives (`FileNotFoundError`, `PermissionError`, ...) with
/// the file named, or a plain `OSError` for what is not a regular file.
fn io_error(e: std::io::Error, path: &std::path::Path) -> PyErr {
    let message = format!("{}: cannot read the file: {e}", path.display());
    match e.kind() {
        std::io::ErrorKind::NotFound => pyo3::exceptions::PyFileNotFoundError::new_err(message),
        std::io::ErrorKind::PermissionDenied => pyo3::exceptions::PyPermissionError::new_err(message),
        _ => PyOSError::new_err(message),
    }
}

fn parse_error(py: Python<'_>, e: &iacmh_review::ParseError, file: Option<&PathBuf>) -> PyErr {
    let message = e.to_string();
    let shown = match file {
        Some(f) => format!("{}: {message}", f.display()),
        None => message.clone(),
    };
    let err = ParseError::new_err(shown);
    let value = err.value(py);
    let position = e.position();
    let facts = || -> PyResult<()> {
        value.setattr("code", e.code())?;
        value.setattr("message", message)?;
        value.setattr("path", e.pointer())?;
        value.setattr("line", position.map(|p| p.0))?;
        value.setattr("column", position.map(|p| p.1))?;
        value.setattr("file", file.map(|f| f.display().to_string()))
    };
    // Setting attributes on a fresh exception does not fail; were it to, the message stays.
    let _ = facts();
    err
}

/// A serde value as plain Python values, through the JSON the command line also prints.
fn to_py<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// Something left before a return can be final.
#[derive(Serialize)]
struct Left {
    path: String,
    message: String,
}

/// What `validate` gives back.
#[derive(Serialize)]
struct Validation<'a> {
    valid: bool,
    status: iacmh_review::ReturnStatus,
    diagnostics: &'a [iacmh_review::Diagnostic],
    outstanding: Vec<Left>,
    completeness: iacmh_review::Completeness,
}

/// Validates a return: `{"valid", "status", "diagnostics", "outstanding", "completeness"}`.
///
/// `diagnostics` lists every error and warning as `{"severity", "code", "path", "message",
/// "params"}` (`path` a JSON Pointer; `params` only when there are any); `valid` is whether
/// none is an error; `outstanding` what stands between the return and a final one.
/// `source` is the return's JSON text or a path. Raises `iacmh.ParseError` when it is not a
/// return, `OSError` when the file cannot be read.
#[pyfunction]
fn validate<'py>(py: Python<'py>, source: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let ret = Source::from_py(source)?.read(py)?;
    let diagnostics = iacmh_review::validate(&ret);
    let outstanding = iacmh_review::outstanding(&ret, &diagnostics)
        .iter()
        .map(|o| Left { path: o.pointer(), message: o.message() })
        .collect();
    let report = Validation {
        valid: !iacmh_review::has_errors(&diagnostics),
        status: ret.status,
        diagnostics: &diagnostics,
        outstanding,
        completeness: iacmh_review::completeness(&ret),
    };
    to_py(py, &report)
}

/// Scores a return: `{"status", "index_version", "overall", "domains"}`, each domain with its
/// `score` (0-100, or None when nothing is rated), `stage` and `priority_areas` (the questions
/// rated "No", by category), as `iacmh score --format json` prints it.
///
/// Raises `iacmh.ParseError` when `source` is not a return, `ValueError` when it names an
/// edition of the index this version does not know.
#[pyfunction]
fn score<'py>(py: Python<'py>, source: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    #[derive(Serialize)]
    struct Scored<'a> {
        status: iacmh_review::ReturnStatus,
        #[serde(flatten)]
        card: &'a iacmh_review::Scorecard,
    }
    let ret = Source::from_py(source)?.read(py)?;
    let card = iacmh_review::score(&ret).ok_or_else(|| {
        PyValueError::new_err(format!("cannot score: maturity index version \"{}\" is unknown", ret.index_version))
    })?;
    to_py(py, &Scored { status: ret.status, card: &card })
}

/// One question of the index, as `index()` lists it: the question as `iacmh index --format
/// json` writes it, with its domain and its category in words beside it.
#[derive(Serialize)]
struct IndexQuestion<'a> {
    domain: u8,
    domain_title: &'a str,
    #[serde(flatten)]
    question: &'a iacmh_review::Question,
    category_label: &'a str,
}

/// The maturity index's questions, in order, one record each: `domain` (1-14), `domain_title`,
/// `id` ("1.01"), `text` (the question's own words), `full_text` (the whole question with the
/// heading it completes), `heading` and `subheading` (or None), `category` ("essential",
/// "enhancer", "desirable"), `rationale` and `category_label`. `version` picks an edition (the
/// current one by default); an unknown one raises `ValueError`.
#[pyfunction]
#[pyo3(signature = (version = None))]
fn index<'py>(py: Python<'py>, version: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    let index = match version {
        None => Index::current(),
        Some(v) => Index::get(v).ok_or_else(|| {
            let known: Vec<&str> = Index::all().iter().map(|i| i.version).collect();
            PyValueError::new_err(format!("no maturity index version \"{v}\"; known: {}", known.join(", ")))
        })?,
    };
    let questions: Vec<IndexQuestion<'_>> = index
        .domains
        .iter()
        .flat_map(|d| {
            d.questions.iter().map(move |q| IndexQuestion {
                domain: d.number,
                domain_title: d.title,
                question: q,
                category_label: q.category.label(),
            })
        })
        .collect();
    to_py(py, &questions)
}

/// A made-up return as JSON text: with no seed, the complete, valid example `iacmh example`
/// prints; with a seed, a complete return drawn from it (seeds 0 to 41 the 42 ICBs, later seeds
/// distinct team returns), as the project's tests and benchmarks use. The ICBs are real, the
/// answers are not.
#[pyfunction]
#[pyo3(signature = (seed = None))]
fn example(seed: Option<u64>) -> String {
    seed.map_or_else(iacmh_review::example::complete, iacmh_review::example::generated).to_json()
}

/// A collation: its tables as lists of records (dicts), ready for `pandas.DataFrame`. Each
/// table is made when first asked for, then kept.
#[pyclass(module = "iacmh", frozen)]
struct Collation {
    collation: iacmh_review::collate::Collation,
    notes: Vec<String>,
    /// The day the collation was made, from which the Actions table counts an action overdue.
    today: iacmh_review::Date,
    returns: OnceLock<Py<PyList>>,
    answers: OnceLock<Py<PyList>>,
    tables: OnceLock<Py<PyDict>>,
}

/// The value kept in `slot`, made by `make` the first time.
fn kept<T>(py: Python<'_>, slot: &OnceLock<Py<T>>, make: impl FnOnce() -> PyResult<Py<T>>) -> PyResult<Py<T>> {
    if let Some(v) = slot.get() {
        return Ok(v.clone_ref(py));
    }
    let v = make()?;
    // Another thread may have made it meanwhile: either value is the same.
    let _ = slot.set(v.clone_ref(py));
    Ok(v)
}

#[pymethods]
impl Collation {
    /// One record per return collated (ICB, provider and team: `level` tells them apart),
    /// duplicates left out, with the columns of the report's Returns table: who (`file`,
    /// `icb_code`, `icb`, `region`, `level`, `organisation`, `team`), `status`, `valid`,
    /// `errors`, `questions_answered` of `questions_total`, `round`, `overall_score`, each
    /// domain's `dN_score` and `dN_stage`, `assured`, each provision answer, ...
    #[getter]
    fn returns(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        kept(py, &self.returns, || {
            let c = &self.collation;
            Ok(records(py, vec![iacmh_report::returns(c), iacmh_report::team_returns(c)])?.unbind())
        })
    }

    /// One record per return and question (the long table): who, `domain`, `domain_title`,
    /// `question` (its id), `question_text`, `category`, `rating`, `rating_key`, `points` (0-3,
    /// None for not applicable or unanswered), `comment`.
    #[getter]
    fn answers(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        kept(py, &self.answers, || {
            let c = &self.collation;
            Ok(records(py, vec![iacmh_report::questions(c), iacmh_report::team_questions(c)])?.unbind())
        })
    }

    /// Every table of the report (the workbook's sheets, the CSV files) by name, as records:
    /// "Summary", "Domains by region", "Returns", "Questions", "Barriers", "Flags", "Actions",
    /// "Not returned", "Team returns", "Team questions", "Files".
    #[getter]
    fn tables(&self, py: Python<'_>) -> PyResult<Py<PyDict>> {
        kept(py, &self.tables, || {
            let tables = PyDict::new(py);
            for table in iacmh_report::all_tables(&self.collation, self.today) {
                let name = table.name;
                tables.set_item(name, records(py, vec![table])?)?;
            }
            Ok(tables.unbind())
        })
    }

    /// The files that held no return: `{"file", "code", "message"}`.
    #[getter]
    fn unreadable<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.collation.unreadable)
    }

    /// Returns left out as duplicates: `{"kept", "dropped", "scope", "reason"}`.
    #[getter]
    fn duplicates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.collation.duplicates)
    }

    /// What listing the folders passed over (a link loop, a file reached twice, a broken link).
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    /// What the collation holds, in a sentence or two.
    #[getter]
    fn summary(&self) -> String {
        self.collation.summary()
    }

    /// The number of returns collated.
    fn __len__(&self) -> usize {
        self.collation.returns.len()
    }

    fn __repr__(&self) -> String {
        format!("<iacmh.Collation: {}>", self.collation.summary())
    }
}

/// A cell as a Python value: a count as `int`, a score or share as `float`, a date as
/// `datetime.date`, a time as the text the return wrote (RFC 3339), yes or no as `bool`, nothing
/// as `None`.
fn cell<'py>(py: Python<'py>, kind: Kind, cell: &Cell<'_>, date: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match cell {
        Cell::Text(t) => PyString::new(py, t).into_any(),
        // A count's cell is a whole number below 2^32, so the conversion is exact.
        Cell::Number(n) if kind == Kind::Count => (*n as i64).into_pyobject(py)?.into_any(),
        Cell::Number(n) => n.into_pyobject(py)?.into_any(),
        Cell::Date(d) => date.call1((d.year, d.month, d.day))?,
        Cell::Time(_, text) => PyString::new(py, text).into_any(),
        Cell::YesNo(b) => pyo3::types::PyBool::new(py, *b).to_owned().into_any(),
        Cell::Empty => py.None().into_bound(py),
    })
}

/// The rows of tables with the same columns, one after another, as records.
fn records<'py>(py: Python<'py>, tables: Vec<Table<'_>>) -> PyResult<Bound<'py, PyList>> {
    let date = py.import("datetime")?.getattr("date")?;
    let list = PyList::empty(py);
    for table in tables {
        let names: Vec<Bound<'py, PyString>> = table.columns.iter().map(|c| PyString::new(py, &c.name)).collect();
        for row in table.rows {
            let record = PyDict::new(py);
            for ((name, column), value) in names.iter().zip(&table.columns).zip(&row) {
                record.set_item(name, cell(py, column.kind, value, &date)?)?;
            }
            list.append(record)?;
        }
    }
    Ok(list)
}

/// Collates return files: `paths` is a path or a list of paths (str or os.PathLike), each a
/// file or a folder (every `.json` under it, recursively, as `iacmh collate` reads them). Files
/// that hold no return are listed in `unreadable`, never stop the collation. Raises
/// `FileNotFoundError` when a path given does not exist.
///
/// `Collation.returns` has one record per return and `Collation.answers` one per return and
/// question, both with the columns of the report's CSV files (ICB-level and team returns
/// together; `level` tells them apart):
///
/// ```python
/// import iacmh, pandas as pd
/// c = iacmh.collate("returns/")
/// returns = pd.DataFrame(c.returns)
/// ```
#[pyfunction]
fn collate<'py>(py: Python<'py>, paths: &Bound<'py, PyAny>) -> PyResult<Collation> {
    let paths: Vec<PathBuf> = if paths.cast::<PyString>().is_ok() || paths.extract::<PathBuf>().is_ok() {
        vec![paths.extract()?]
    } else {
        paths.try_iter()?.map(|p| p?.extract::<PathBuf>()).collect::<PyResult<_>>()?
    };
    // Reading and collating need no Python: other Python threads run meanwhile.
    let (c, notes) = py
        .detach(|| {
            let listing = expand(&paths)?;
            let (inputs, _) = inputs(&listing.files);
            Ok::<_, std::io::Error>((iacmh_review::collate::collate(inputs), listing.notes))
        })
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => pyo3::exceptions::PyFileNotFoundError::new_err(e.to_string()),
            _ => PyOSError::new_err(e.to_string()),
        })?;
    let made = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let today = iacmh_report::Generated { unix_seconds: made, by: String::new() }.date();
    Ok(Collation {
        collation: c,
        notes,
        today,
        returns: OnceLock::new(),
        answers: OnceLock::new(),
        tables: OnceLock::new(),
    })
}

/// The module.
#[pymodule]
#[pyo3(name = "iacmh")]
fn iacmh_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ParseError", m.py().get_type::<ParseError>())?;
    m.add("MAX_RETURN_BYTES", iacmh_review::MAX_RETURN_BYTES)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(collate, m)?)?;
    m.add_function(wrap_pyfunction!(index, m)?)?;
    m.add_function(wrap_pyfunction!(example, m)?)?;
    m.add_class::<Collation>()?;
    Ok(())
}
