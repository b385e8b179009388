//! A QuestionnaireResponse read back into a return. The reading is strict about what carries
//! the return (each item's linkId, its answer's type, an item given twice) and says where a
//! problem is as a FHIRPath-like path, such as `QuestionnaireResponse.item[3].item[2].answer[0]`;
//! elements FHIR allows that carry nothing of the return (`id`, `meta`, `text`, `author`,
//! an item's `text` or `definition`) are left alone. What the return's rules say about the
//! values (a date in the past, an unknown question) is for [`iacmh_review::validate`], as with
//! a return file: importing checks only that the response is one to read.

use std::collections::HashSet;

use iacmh_review::pointer::{FindingCell, MemberField, ScopeField, SignOffDate, SignatureField};
use iacmh_review::template::{Field, Section};
use iacmh_review::{
    Answer, BarrierCategory, CommitteeMember, FORMAT, FORMAT_VERSION, FindingRow, Index, MAX_RETURN_BYTES, QuestionId,
    Rating, Register, Return, ReturnStatus, Scope, ScopeLevel, Signatory, Signature, Task,
};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::codes::System;
use crate::{ODS, QUESTIONNAIRE_URL, RETURN_VALUE, links};

/// The largest response read, in bytes: a response says in FHIR's words what a return says in
/// its own, so it may be larger than the largest return by the items' names around each value.
pub const MAX_RESPONSE_BYTES: u64 = 4 * MAX_RETURN_BYTES;

/// What is wrong with an item or value of a response; [`FhirError::code`] gives its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Problem {
    /// A linkId the Questionnaire has no item for (here).
    UnknownItem,
    /// An answer of another type than the item takes, or an element of the wrong JSON type.
    WrongType,
    /// An item given twice, or several answers to an item that takes one.
    Repeated,
    /// A value the item does not offer: an unknown code, a question id that is not one.
    BadValue,
    /// Something the response must have.
    Missing,
}

impl Problem {
    fn key(self) -> &'static str {
        match self {
            Problem::UnknownItem => "unknown_item",
            Problem::WrongType => "wrong_type",
            Problem::Repeated => "repeated",
            Problem::BadValue => "bad_value",
            Problem::Missing => "missing",
        }
    }
}

/// The facts behind an [`FhirError::Invalid`], for programs; only what applies is set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Params {
    /// The linkId of the item concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_id: Option<String>,
    /// What the item takes, such as `valueCoding` or a list of codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What the response has instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
}

/// Why a text is not a QuestionnaireResponse iacmh can read as a return. Its `Display` is the
/// message for a person; [`FhirError::code`], [`FhirError::path`] and [`FhirError::params`]
/// the same for programs.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FhirError {
    /// Larger than [`MAX_RESPONSE_BYTES`]. Code `too_large`.
    #[error("the file is too large: {size} bytes, and a response may be at most {} MB", limit / 1_048_576)]
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// [`MAX_RESPONSE_BYTES`].
        limit: u64,
    },
    /// Not well-formed JSON. Code `not_json`.
    #[error("the file is not valid JSON: {detail} at line {line}, column {column}")]
    NotJson {
        /// The line of the problem, from 1.
        line: usize,
        /// Its column, from 1.
        column: usize,
        /// What is wrong.
        detail: String,
    },
    /// JSON, but not a QuestionnaireResponse. Code `not_response`.
    #[error("this is not a FHIR QuestionnaireResponse: {detail}")]
    NotResponse {
        /// What was found instead.
        detail: String,
    },
    /// A response to another questionnaire. Code `wrong_questionnaire`.
    #[error(
        "this QuestionnaireResponse answers the questionnaire \"{found}\", not iacmh's ({QUESTIONNAIRE_URL}), so it is not a review return"
    )]
    WrongQuestionnaire {
        /// Its `questionnaire`.
        found: String,
    },
    /// An item or value that cannot be read as part of a return. Its code is the problem's.
    #[error("{detail} at {path}")]
    Invalid {
        /// Where, as a FHIRPath-like path such as `QuestionnaireResponse.item[3].answer[0]`.
        path: String,
        /// What kind of problem.
        problem: Problem,
        /// What is wrong, for a person.
        detail: String,
        /// The same for programs (boxed: it keeps every `Result` of the crate small).
        params: Box<Params>,
    },
}

impl FhirError {
    /// A stable key for the kind of failure: `too_large`, `not_json`, `not_response`,
    /// `wrong_questionnaire`, or a [`Problem`]'s (`unknown_item`, `wrong_type`, `repeated`,
    /// `bad_value`, `missing`).
    pub fn code(&self) -> &'static str {
        match self {
            FhirError::TooLarge { .. } => "too_large",
            FhirError::NotJson { .. } => "not_json",
            FhirError::NotResponse { .. } => "not_response",
            FhirError::WrongQuestionnaire { .. } => "wrong_questionnaire",
            FhirError::Invalid { problem, .. } => problem.key(),
        }
    }

    /// Where in the response, when the error concerns one element.
    pub fn path(&self) -> Option<&str> {
        match self {
            FhirError::Invalid { path, .. } => Some(path),
            FhirError::WrongQuestionnaire { .. } => Some("QuestionnaireResponse.questionnaire"),
            _ => None,
        }
    }

    /// The facts for programs, when the error concerns one element.
    pub fn params(&self) -> Option<&Params> {
        match self {
            FhirError::Invalid { params, .. } => Some(params),
            _ => None,
        }
    }
}

type Result<T> = std::result::Result<T, FhirError>;

/// A JSON object of the response.
type Object = Map<String, Value>;

/// An item with its path and linkId.
type Located<'a> = (String, &'a Object, &'a str);

fn invalid(path: &str, problem: Problem, detail: impl Into<String>, params: Params) -> FhirError {
    FhirError::Invalid { path: path.to_owned(), problem, detail: detail.into(), params: Box::new(params) }
}

/// Reads a QuestionnaireResponse (FHIR JSON) to iacmh's Questionnaire as a return. A response
/// without a version in `questionnaire` is taken to answer the current index edition. The
/// return is in the format version this crate writes, as [`iacmh_review::parse_return`] gives.
pub fn import(text: &str) -> Result<Return> {
    let size = text.len() as u64;
    if size > MAX_RESPONSE_BYTES {
        return Err(FhirError::TooLarge { size, limit: MAX_RESPONSE_BYTES });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| FhirError::NotJson {
        line: e.line(),
        column: e.column(),
        detail: e.to_string().split(" at line ").next().unwrap_or_default().to_owned(),
    })?;
    let Value::Object(top) = &value else {
        return Err(FhirError::NotResponse { detail: format!("the file holds {}, not a resource", kind(&value)) });
    };
    match top.get("resourceType") {
        Some(Value::String(t)) if t == "QuestionnaireResponse" => {}
        Some(Value::String(t)) => {
            return Err(FhirError::NotResponse { detail: format!("its resourceType is \"{}\"", clip(t)) });
        }
        _ => return Err(FhirError::NotResponse { detail: "it has no resourceType".to_owned() }),
    }
    let root = "QuestionnaireResponse";
    let index_version = match top.get("questionnaire") {
        Some(Value::String(q)) => {
            let (url, version) = q.split_once('|').unwrap_or((q, ""));
            if url != QUESTIONNAIRE_URL {
                return Err(FhirError::WrongQuestionnaire { found: clip(q) });
            }
            if version.is_empty() { Index::current().version.to_owned() } else { version.to_owned() }
        }
        other => {
            return Err(invalid(
                &format!("{root}.questionnaire"),
                Problem::Missing,
                "a response must name the questionnaire it answers (`questionnaire`)",
                Params { expected: Some(QUESTIONNAIRE_URL.to_owned()), found: other.map(kind), ..Params::default() },
            ));
        }
    };
    let status = match top.get("status") {
        Some(Value::String(s)) if s == "in-progress" => ReturnStatus::Draft,
        Some(Value::String(s)) if s == "completed" || s == "amended" => ReturnStatus::Final,
        other => {
            let found = other.map(|v| v.as_str().map_or_else(|| kind(v), clip));
            return Err(invalid(
                &format!("{root}.status"),
                if other.is_some() { Problem::BadValue } else { Problem::Missing },
                format!(
                    "the status must be \"in-progress\" (a draft) or \"completed\" (a final return), not {}",
                    found.as_deref().unwrap_or("missing")
                ),
                Params { expected: Some("in-progress, completed".to_owned()), found, ..Params::default() },
            ));
        }
    };

    let mut ret = Return::new(Scope::default());
    ret.format = FORMAT.to_owned();
    ret.format_version = FORMAT_VERSION;
    ret.index_version = index_version;
    ret.status = status;
    ret.meta.generator.clear();
    let mut level = None;
    for (at, item, link) in items(top, root, true)? {
        match link {
            links::RETURN => read_about(&mut ret, &mut level, item, &at)?,
            links::FINDINGS => ret.maturity.findings.push(read_finding(item, &at)?),
            links::META => read_meta(&mut ret, item, &at)?,
            _ if link == links::sign_off() => read_sign_off(&mut ret, item, &at)?,
            _ if link == links::outcome() => read_outcome(&mut ret, item, &at)?,
            _ => match link.strip_prefix("domain-").and_then(|d| d.parse::<u8>().ok()) {
                Some(d) if links::domain(d) == link => read_domain(&mut ret, d, item, &at)?,
                _ => return Err(unknown(&at, link, "at the top level")),
            },
        }
    }
    let at = format!("{root}.item");
    ret.scope.level = level.ok_or_else(|| {
        invalid(
            &at,
            Problem::Missing,
            format!(
                "the response does not say whether the return is for an ICB, a provider or a team (item \"{}\")",
                links::scope(ScopeField::Level)
            ),
            Params { link_id: Some(links::scope(ScopeField::Level)), ..Params::default() },
        )
    })?;
    // The ICB: its item when answered, else the subject's ODS code (which must agree).
    if let Some(code) = subject_ods(top)? {
        let register = Register::get();
        let subject = register.icbs.iter().find(|i| i.code == code);
        if ret.scope.icb.is_empty() {
            ret.scope.icb = subject.map_or(code, |i| i.name.to_owned());
        } else if let (Some(s), Some(named)) = (subject, register.find_icb(&ret.scope.icb))
            && s.code != named.code
        {
            return Err(invalid(
                &format!("{root}.subject.identifier.value"),
                Problem::BadValue,
                format!("the subject is {} ({}), but the response is for {}", s.name, s.code, named.name),
                Params { expected: Some(named.code.to_owned()), found: Some(s.code.to_owned()), ..Params::default() },
            ));
        }
    }
    Ok(ret)
}

/// The ODS code of `subject.identifier`, if it has one.
fn subject_ods(top: &Map<String, Value>) -> Result<Option<String>> {
    let Some(identifier) = top.get("subject").and_then(|s| s.get("identifier")) else { return Ok(None) };
    if identifier.get("system").and_then(Value::as_str) != Some(ODS) {
        return Ok(None);
    }
    match identifier.get("value") {
        Some(Value::String(v)) => Ok(Some(v.clone())),
        other => Err(invalid(
            "QuestionnaireResponse.subject.identifier.value",
            Problem::WrongType,
            "the subject's ODS code must be a string",
            Params { found: other.map(kind), ..Params::default() },
        )),
    }
}

fn clip(s: &str) -> String {
    s.chars().take(80).collect()
}

/// What a JSON value is, in words.
fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text \"{}\"", clip(s)),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn unknown(at: &str, link: &str, where_: &str) -> FhirError {
    invalid(
        at,
        Problem::UnknownItem,
        format!("the questionnaire has no item \"{}\" {where_}", clip(link)),
        Params { link_id: Some(clip(link)), ..Params::default() },
    )
}

/// The list under `key` of an object at `path` (an absent list is empty).
fn list_of<'a>(object: &'a Object, path: &str, key: &str) -> Result<&'a [Value]> {
    match object.get(key) {
        None => Ok(&[]),
        Some(Value::Array(list)) => Ok(list),
        Some(other) => Err(invalid(
            &format!("{path}.{key}"),
            Problem::WrongType,
            format!("`{key}` must be a list"),
            Params { found: Some(kind(other)), ..Params::default() },
        )),
    }
}

/// The items under `parent` (a resource, item or answer at `path`): each with its path and
/// linkId. Each may appear once, but for the repeating groups (findings, committee); `top`
/// says whether these are the response's own items, for the message.
fn items<'a>(parent: &'a Map<String, Value>, path: &str, top: bool) -> Result<Vec<Located<'a>>> {
    let list = list_of(parent, path, "item")?;
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let at = format!("{path}.item[{i}]");
        let Value::Object(item) = item else {
            return Err(invalid(
                &at,
                Problem::WrongType,
                "an item must be an object",
                Params { found: Some(kind(item)), ..Params::default() },
            ));
        };
        let link = match item.get("linkId") {
            Some(Value::String(l)) => l.as_str(),
            other => {
                return Err(invalid(
                    &format!("{at}.linkId"),
                    if other.is_some() { Problem::WrongType } else { Problem::Missing },
                    "an item must have a linkId (text)",
                    Params { found: other.map(kind), ..Params::default() },
                ));
            }
        };
        let repeating = link == links::FINDINGS || link == links::COMMITTEE;
        if !repeating && !seen.insert(link) {
            return Err(invalid(
                &at,
                Problem::Repeated,
                format!(
                    "the item \"{}\" is given twice{}; keep one",
                    clip(link),
                    if top { "" } else { " in its group" }
                ),
                Params { link_id: Some(clip(link)), ..Params::default() },
            ));
        }
        out.push((at, item, link));
    }
    Ok(out)
}

/// What an item holds: nothing, one answer, or a value kept in the return-value extension.
enum Slot<'a> {
    Empty,
    Answer(&'a Map<String, Value>, String),
    Kept(&'a str, String),
}

fn answers<'a>(item: &'a Map<String, Value>, at: &str) -> Result<Vec<(&'a Map<String, Value>, String)>> {
    let list = list_of(item, at, "answer")?;
    list.iter()
        .enumerate()
        .map(|(j, a)| {
            let path = format!("{at}.answer[{j}]");
            match a {
                Value::Object(a) => Ok((a, path)),
                other => Err(invalid(
                    &path,
                    Problem::WrongType,
                    "an answer must be an object",
                    Params { found: Some(kind(other)), ..Params::default() },
                )),
            }
        })
        .collect()
}

fn kept<'a>(item: &'a Map<String, Value>, at: &str) -> Result<Option<(&'a str, String)>> {
    let Some(Value::Array(list)) = item.get("extension") else { return Ok(None) };
    for (k, e) in list.iter().enumerate() {
        if e.get("url").and_then(Value::as_str) == Some(RETURN_VALUE) {
            let path = format!("{at}.extension[{k}]");
            return match e.get("valueString") {
                Some(Value::String(s)) => Ok(Some((s.as_str(), format!("{path}.valueString")))),
                other => Err(invalid(
                    &path,
                    Problem::WrongType,
                    "the return-value extension must have a valueString",
                    Params { found: other.map(kind), ..Params::default() },
                )),
            };
        }
    }
    Ok(None)
}

fn slot<'a>(item: &'a Map<String, Value>, at: &str, link: &str) -> Result<Slot<'a>> {
    let mut list = answers(item, at)?;
    let kept = kept(item, at)?;
    if list.len() > 1 {
        return Err(invalid(
            &list[1].1,
            Problem::Repeated,
            format!("the item \"{link}\" takes one answer, and has {}", list.len()),
            Params {
                link_id: Some(link.to_owned()),
                found: Some(list.len().to_string()),
                expected: Some("1".to_owned()),
            },
        ));
    }
    match (list.pop(), kept) {
        (Some((_, path)), Some(_)) => Err(invalid(
            &path,
            Problem::Repeated,
            format!("the item \"{link}\" has both an answer and a kept value"),
            Params { link_id: Some(link.to_owned()), ..Params::default() },
        )),
        (Some((a, path)), None) => Ok(Slot::Answer(a, path)),
        (None, Some((s, path))) => Ok(Slot::Kept(s, path)),
        (None, None) => Ok(Slot::Empty),
    }
}

/// The value of an answer under `key` (such as `valueString`), or a wrong-type error naming
/// the value[x] it has.
fn value<'a>(answer: &'a Map<String, Value>, path: &str, key: &str, link: &str) -> Result<&'a Value> {
    answer.get(key).ok_or_else(|| {
        let found = answer.keys().find(|k| k.starts_with("value")).cloned();
        invalid(
            path,
            Problem::WrongType,
            format!("the answer to \"{link}\" must be a {key}, not {}", found.as_deref().unwrap_or("empty")),
            Params { link_id: Some(link.to_owned()), expected: Some(key.to_owned()), found },
        )
    })
}

fn wrong_json(path: &str, link: &str, expected: &str, found: &Value) -> FhirError {
    invalid(
        path,
        Problem::WrongType,
        format!("the answer to \"{link}\" must be {expected}, not {}", kind(found)),
        Params { link_id: Some(link.to_owned()), expected: Some(expected.to_owned()), found: Some(kind(found)) },
    )
}

/// A value kept as JSON in the return-value extension.
fn from_kept<T: serde::de::DeserializeOwned>(json: &str, path: &str, link: &str, expected: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|_| {
        invalid(
            path,
            Problem::BadValue,
            format!("the kept value of \"{link}\" must be {expected} written as JSON, not \"{}\"", clip(json)),
            Params { link_id: Some(link.to_owned()), expected: Some(expected.to_owned()), found: Some(clip(json)) },
        )
    })
}

/// A text or date answer (`key` is `valueString` or `valueDate`); `None` when unanswered.
fn text_of(item: &Map<String, Value>, at: &str, link: &str, key: &str) -> Result<Option<String>> {
    match slot(item, at, link)? {
        Slot::Empty => Ok(None),
        Slot::Kept(json, path) => from_kept(json, &path, link, "a text").map(Some),
        Slot::Answer(a, path) => {
            let path = format!("{path}.{key}");
            match value(a, &path, key, link)? {
                Value::String(s) => Ok(Some(s.clone())),
                other => Err(wrong_json(&path, link, "text", other)),
            }
        }
    }
}

fn boolean_of(item: &Map<String, Value>, at: &str, link: &str) -> Result<Option<bool>> {
    match slot(item, at, link)? {
        Slot::Empty => Ok(None),
        Slot::Kept(_, path) => Err(invalid(
            &path,
            Problem::WrongType,
            format!("\"{link}\" is yes or no, which needs no kept value"),
            Params { link_id: Some(link.to_owned()), ..Params::default() },
        )),
        Slot::Answer(a, path) => {
            let path = format!("{path}.valueBoolean");
            value(a, &path, "valueBoolean", link)?
                .as_bool()
                .map(Some)
                .ok_or_else(|| wrong_json(&path, link, "true or false", &a["valueBoolean"]))
        }
    }
}

/// The code of a valueCoding answer from `system` (a coding without a system is taken to be
/// from it).
fn code_of<'a>(answer: &'a Map<String, Value>, path: &str, link: &str, system: &str) -> Result<&'a str> {
    let path = format!("{path}.valueCoding");
    let coding = value(answer, &path, "valueCoding", link)?;
    match coding.get("system") {
        None => {}
        Some(Value::String(s)) if s == system => {}
        Some(other) => {
            return Err(invalid(
                &format!("{path}.system"),
                Problem::BadValue,
                format!("the answer to \"{link}\" must be a code from {system}, not from {}", kind(other)),
                Params { link_id: Some(link.to_owned()), expected: Some(system.to_owned()), found: Some(kind(other)) },
            ));
        }
    }
    match coding.get("code") {
        Some(Value::String(c)) => Ok(c),
        other => Err(invalid(
            &format!("{path}.code"),
            Problem::Missing,
            format!("the answer to \"{link}\" has no code"),
            Params { link_id: Some(link.to_owned()), found: other.map(kind), ..Params::default() },
        )),
    }
}

/// A code that is not one of `keys`.
fn bad_code(path: &str, link: &str, code: &str, keys: &[&str]) -> FhirError {
    invalid(
        &format!("{path}.valueCoding.code"),
        Problem::BadValue,
        format!("\"{}\" is not an answer to \"{link}\": expected one of {}", clip(code), keys.join(", ")),
        Params { link_id: Some(link.to_owned()), expected: Some(keys.join(", ")), found: Some(clip(code)) },
    )
}

/// The answers of a repeating coded item, each read by `parse`.
fn codes_of<T>(
    item: &Map<String, Value>,
    at: &str,
    link: &str,
    system: System,
    keys: &[&str],
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>> {
    answers(item, at)?
        .into_iter()
        .map(|(a, path)| {
            let code = code_of(a, &path, link, &system.url())?;
            parse(code).ok_or_else(|| bad_code(&path, link, code, keys))
        })
        .collect()
}

fn not_a_group(at: &str, link: &str, item: &Map<String, Value>) -> Result<()> {
    if item.contains_key("answer") {
        return Err(invalid(
            at,
            Problem::WrongType,
            format!("\"{link}\" is a group, which has items rather than answers"),
            Params { link_id: Some(link.to_owned()), ..Params::default() },
        ));
    }
    Ok(())
}

fn read_about(ret: &mut Return, level: &mut Option<ScopeLevel>, group: &Map<String, Value>, at: &str) -> Result<()> {
    not_a_group(at, links::RETURN, group)?;
    for (at, item, link) in items(group, at, false)? {
        let field = ScopeField::ALL.into_iter().find(|f| links::scope(*f) == link);
        match field {
            Some(ScopeField::Level) => {
                let keys = ScopeLevel::ALL.map(ScopeLevel::key);
                *level = match slot(item, &at, link)? {
                    Slot::Answer(a, path) => {
                        let code = code_of(a, &path, link, &System::ScopeLevel.url())?;
                        Some(ScopeLevel::from_key(code).ok_or_else(|| bad_code(&path, link, code, &keys))?)
                    }
                    _ => None,
                };
            }
            Some(ScopeField::Icb) => {
                // An ICB from the register comes as its ODS code; any other text as typed.
                ret.scope.icb = match slot(item, &at, link)? {
                    Slot::Answer(a, path) if a.contains_key("valueCoding") => {
                        let code = code_of(a, &path, link, ODS)?;
                        match Register::get().icbs.iter().find(|i| i.code == code) {
                            Some(icb) => icb.name.to_owned(),
                            None => {
                                return Err(invalid(
                                    &format!("{path}.valueCoding.code"),
                                    Problem::BadValue,
                                    format!("\"{}\" is not the ODS code of an ICB in the register", clip(code)),
                                    Params {
                                        link_id: Some(link.to_owned()),
                                        found: Some(clip(code)),
                                        ..Params::default()
                                    },
                                ));
                            }
                        }
                    }
                    _ => text_of(item, &at, link, "valueString")?.unwrap_or_default(),
                };
            }
            Some(f) => {
                let text = text_of(item, &at, link, "valueString")?.unwrap_or_default();
                match f {
                    ScopeField::Region => ret.scope.region = text,
                    ScopeField::Organisation => ret.scope.organisation = text,
                    _ => ret.scope.team = text,
                }
            }
            None if link == links::ROUND => ret.round = text_of(item, &at, link, "valueString")?,
            None => return Err(unknown(&at, link, &format!("in \"{}\"", links::RETURN))),
        }
    }
    Ok(())
}

fn read_domain(ret: &mut Return, domain: u8, group: &Map<String, Value>, at: &str) -> Result<()> {
    let group_link = links::domain(domain);
    not_a_group(at, &group_link, group)?;
    let keys = Rating::ALL.map(Rating::key);
    for (at, item, link) in items(group, at, false)? {
        let id = match link.parse::<QuestionId>() {
            Ok(id) if id.domain == domain => id,
            _ => {
                return Err(unknown(
                    &at,
                    link,
                    &format!("in \"{group_link}\" (its questions are {domain}.01, {domain}.02 and so on)"),
                ));
            }
        };
        let (a, path) = match slot(item, &at, link)? {
            Slot::Answer(a, path) => (a, path),
            // A question left unanswered (as a renderer may write it) is no answer.
            Slot::Empty if !item.contains_key("item") => continue,
            _ => {
                return Err(invalid(
                    &at,
                    Problem::Missing,
                    format!("question {id} has no rating"),
                    Params { link_id: Some(link.to_owned()), ..Params::default() },
                ));
            }
        };
        let code = code_of(a, &path, link, &System::Rating.url())?;
        let rating = Rating::from_key(code).ok_or_else(|| bad_code(&path, link, code, &keys))?;
        let mut comment = None;
        let comment_link = links::comment(id);
        for (at, item, l) in items(a, &path, false)? {
            if l != comment_link {
                return Err(unknown(&at, l, &format!("under the rating of {id}")));
            }
            comment = text_of(item, &at, l, "valueString")?;
        }
        ret.maturity.answers.insert(id, Answer { rating, comment });
    }
    Ok(())
}

fn read_finding(group: &Map<String, Value>, at: &str) -> Result<FindingRow> {
    not_a_group(at, links::FINDINGS, group)?;
    let mut row = FindingRow::default();
    for (at, item, link) in items(group, at, false)? {
        match link {
            links::FINDING_DOMAIN => {
                row.domain = match slot(item, &at, link)? {
                    Slot::Answer(a, path) => {
                        let path = format!("{path}.valueInteger");
                        let v = value(a, &path, "valueInteger", link)?;
                        v.as_u64()
                            .and_then(|n| u8::try_from(n).ok())
                            .ok_or_else(|| wrong_json(&path, link, "a domain number", v))?
                    }
                    _ => 0,
                }
            }
            links::FINDING_QUESTION => {
                row.question = match text_of(item, &at, link, "valueString")? {
                    None => None,
                    Some(q) => Some(q.parse().map_err(|e: iacmh_review::BadQuestionId| {
                        invalid(
                            &format!("{at}.answer[0].valueString"),
                            Problem::BadValue,
                            e.to_string(),
                            Params { link_id: Some(link.to_owned()), found: Some(clip(&q)), ..Params::default() },
                        )
                    })?),
                }
            }
            links::FINDING_COMPLETED => row.completed = boolean_of(item, &at, link)?.unwrap_or_default(),
            _ => {
                let Some(cell) = FindingCell::ALL.into_iter().find(|c| links::finding(*c) == link) else {
                    return Err(unknown(&at, link, &format!("in \"{}\"", links::FINDINGS)));
                };
                match cell {
                    FindingCell::Due => row.due = text_of(item, &at, link, "valueDate")?,
                    _ => {
                        let text = text_of(item, &at, link, "valueString")?.unwrap_or_default();
                        match cell {
                            FindingCell::Finding => row.finding = text,
                            FindingCell::Action => row.action = text,
                            FindingCell::Owner => row.owner = text,
                            _ => row.comments = text,
                        }
                    }
                }
            }
        }
    }
    Ok(row)
}

fn read_sign_off(ret: &mut Return, group: &Map<String, Value>, at: &str) -> Result<()> {
    let m = &mut ret.maturity;
    not_a_group(at, &links::sign_off(), group)?;
    for (at, item, link) in items(group, at, false)? {
        if let Some(date) = SignOffDate::ALL.into_iter().find(|d| d.key() == link) {
            let value = text_of(item, &at, link, "valueDate")?;
            match date {
                SignOffDate::Completed => m.date_completed = value,
                SignOffDate::Review => m.review_date = value,
            }
        } else if link == links::COMMITTEE {
            not_a_group(&at, link, item)?;
            let mut member = CommitteeMember::default();
            for (at, field, l) in items(item, &at, false)? {
                let text = text_of(field, &at, l, "valueString")?.unwrap_or_default();
                match MemberField::ALL.into_iter().find(|f| links::member(*f) == l) {
                    Some(MemberField::Name) => member.name = text,
                    Some(MemberField::Designation) => member.designation = text,
                    None => return Err(unknown(&at, l, &format!("in \"{}\"", links::COMMITTEE))),
                }
            }
            m.sign_off.committee.push(member);
        } else if let Some(who) = Signatory::ALL.into_iter().find(|w| links::signatory(*w) == link) {
            not_a_group(&at, link, item)?;
            let mut signature = Signature::default();
            for (at, field, l) in items(item, &at, false)? {
                match SignatureField::ALL.into_iter().find(|f| links::signature(who, *f) == l) {
                    Some(SignatureField::Date) => signature.date = text_of(field, &at, l, "valueDate")?,
                    Some(SignatureField::Name) => {
                        signature.name = text_of(field, &at, l, "valueString")?.unwrap_or_default()
                    }
                    Some(SignatureField::Organisation) => {
                        signature.organisation = text_of(field, &at, l, "valueString")?.unwrap_or_default();
                    }
                    None => return Err(unknown(&at, l, &format!("in \"{link}\""))),
                }
            }
            *m.sign_off.signature_mut(who) = signature;
        } else {
            return Err(unknown(&at, link, &format!("in \"{}\"", links::sign_off())));
        }
    }
    Ok(())
}

fn read_outcome(ret: &mut Return, group: &Map<String, Value>, at: &str) -> Result<()> {
    not_a_group(at, &links::outcome(), group)?;
    let o = &mut ret.outcome;
    for (at, sub, link) in items(group, at, false)? {
        let Some(section) = Section::ALL.into_iter().find(|s| links::section(*s) == link) else {
            return Err(unknown(&at, link, &format!("in \"{}\"", links::outcome())));
        };
        not_a_group(&at, link, sub)?;
        for (at, item, l) in items(sub, &at, false)? {
            if section == Section::Outcome && l == links::BARRIER_CATEGORIES {
                let keys = BarrierCategory::ALL.map(BarrierCategory::key);
                o.barriers.categories =
                    codes_of(item, &at, l, System::BarrierCategory, &keys, BarrierCategory::from_key)?;
                continue;
            }
            let Some(field) = Field::ALL.into_iter().find(|f| f.section() == section && links::field(*f) == l) else {
                return Err(unknown(&at, l, &format!("in \"{link}\"")));
            };
            if let Some(text) = field.text_mut(o) {
                *text = text_of(item, &at, l, "valueString")?.unwrap_or_default();
            } else if field.lines(o).is_some() {
                let lines = match kept(item, &at)? {
                    Some((json, path)) if !item.contains_key("answer") => from_kept(json, &path, l, "a list of texts")?,
                    _ => answers(item, &at)?
                        .into_iter()
                        .map(|(a, path)| {
                            let path = format!("{path}.valueString");
                            match value(a, &path, "valueString", l)? {
                                Value::String(s) => Ok(s.clone()),
                                other => Err(wrong_json(&path, l, "text", other)),
                            }
                        })
                        .collect::<Result<_>>()?,
                };
                if let Some(slot) = field.lines_mut(o) {
                    *slot = lines;
                }
            } else {
                field.set_answer(o, boolean_of(item, &at, l)?);
            }
        }
    }
    Ok(())
}

fn read_meta(ret: &mut Return, group: &Map<String, Value>, at: &str) -> Result<()> {
    not_a_group(at, links::META, group)?;
    for (at, item, link) in items(group, at, false)? {
        match link {
            links::COMPLETED_SECTIONS => {
                let keys: Vec<String> = Task::all().map(|t| t.key().into_owned()).collect();
                let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                ret.completed_sections = codes_of(item, &at, link, System::Section, &keys, Task::from_key)?;
            }
            links::CREATED => ret.meta.created = text_of(item, &at, link, "valueString")?,
            links::UPDATED => ret.meta.updated = text_of(item, &at, link, "valueString")?,
            links::GENERATOR => ret.meta.generator = text_of(item, &at, link, "valueString")?.unwrap_or_default(),
            _ => return Err(unknown(&at, link, &format!("in \"{}\"", links::META))),
        }
    }
    Ok(())
}
