//! `iacmh-review-wasm`: the rules of `iacmh-review`, and the FHIR conversions of `iacmh-fhir`,
//! for JavaScript, as the npm package `@iacmh/review` (`./dev build` makes it in `pkg/`).
//! Each export translates: JavaScript values in, the crate's function, its result out as plain
//! objects (serde-wasm-bindgen, JSON-compatible: maps become objects, `None` becomes `null`).
//! No rule lives here. It is separate from the form: the form's page loads none of it.
//!
//! A return can be given as the text of a file (read with the crate's parser, with its limits
//! and messages) or as an object such as [`parse`] returns. A failure is thrown as an `Error`
//! with `code`, `message` and, where they apply, `pointer` (or `path`), `line`, `column` and
//! `params`, so that a program can tell failures apart without reading the message.

use iacmh_review::collate::{Input, InputError};
use iacmh_review::{Index, ParseError, Return, parse_return};
use js_sys::{Array, Error, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Plain objects and arrays, as `JSON.parse` would give.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| error("internal", &e.to_string()))
}

/// An `Error` with a `code` property.
fn error(code: &str, message: &str) -> JsValue {
    let e = Error::new(message);
    set(&e, "code", &JsValue::from_str(code));
    e.into()
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property of a fresh Error cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn parse_error(e: &ParseError) -> JsValue {
    let js = error(e.code(), &e.to_string());
    set(&js, "summary", &JsValue::from_str(&e.summary()));
    if let Some(pointer) = e.pointer() {
        set(&js, "pointer", &JsValue::from_str(pointer));
    }
    if let Some((line, column)) = e.position() {
        set(&js, "line", &JsValue::from(line as u32));
        set(&js, "column", &JsValue::from(column as u32));
    }
    js
}

/// A return from a file's text or from an object.
fn to_return(value: JsValue) -> Result<Return, JsValue> {
    match value.as_string() {
        Some(text) => parse_return(text.as_bytes()).map_err(|e| parse_error(&e)),
        None => serde_wasm_bindgen::from_value(value)
            .map_err(|e| error("invalid", &format!("this object is not a return: {e}"))),
    }
}

/// The edition named, or the current one.
fn edition(version: Option<String>) -> Result<&'static Index, JsValue> {
    match version {
        None => Ok(Index::current()),
        Some(v) => Index::get(&v).ok_or_else(|| {
            let known: Vec<&str> = Index::all().iter().map(|i| i.version).collect();
            error("unknown_index_version", &format!("no maturity index version \"{v}\"; known: {}", known.join(", ")))
        }),
    }
}

/// Reads a return from the text of a file; throws the parser's error (`code`, `pointer`,
/// `line`, `column`, `summary`).
#[wasm_bindgen]
pub fn parse(text: &str) -> Result<JsValue, JsValue> {
    to_js(&parse_return(text.as_bytes()).map_err(|e| parse_error(&e))?)
}

/// A text that is not a return, as the one diagnostic [`validate`] gives for it.
#[derive(Serialize)]
struct Unreadable<'a> {
    severity: &'a str,
    code: &'a str,
    path: &'a str,
    message: String,
    params: Position,
}

/// Where in the text the parser stopped.
#[derive(Serialize)]
struct Position {
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

/// Every error and warning of a return (text or object): `{severity, code, path, message,
/// params}` each, `path` a JSON Pointer. A text that is not a return at all gives one error
/// whose code is the parser's and whose `params` hold the line and column.
#[wasm_bindgen]
pub fn validate(ret: JsValue) -> Result<JsValue, JsValue> {
    if let Some(text) = ret.as_string()
        && let Err(e) = parse_return(text.as_bytes())
    {
        let (line, column) = e.position().unzip();
        return to_js(&[Unreadable {
            severity: "error",
            code: e.code(),
            path: e.pointer().unwrap_or(""),
            message: e.to_string(),
            params: Position { line, column },
        }]);
    }
    to_js(&iacmh_review::validate(&to_return(ret)?))
}

/// How much of a return is filled in: per domain, template section and sign-off.
#[wasm_bindgen]
pub fn completeness(ret: JsValue) -> Result<JsValue, JsValue> {
    to_js(&iacmh_review::completeness(&to_return(ret)?))
}

/// Scores, stages and priority areas; `null` when the return's index edition is unknown.
#[wasm_bindgen]
pub fn score(ret: JsValue) -> Result<JsValue, JsValue> {
    to_js(&iacmh_review::score(&to_return(ret)?))
}

/// The maturity index (the current edition, or the one named): domains and questions, each
/// with its own text, `full_text` (the whole question), heading, category and rationale.
#[wasm_bindgen]
pub fn index(version: Option<String>) -> Result<JsValue, JsValue> {
    to_js(edition(version)?)
}

/// The JSON Schema of the return format.
#[wasm_bindgen]
pub fn schema() -> Result<JsValue, JsValue> {
    to_js(&iacmh_review::schema())
}

/// Collates returns: `files` is an array of texts, or of `{name, text}` objects (a text alone
/// is named by its position, "return-1" on). Files that are not returns are listed in
/// `unreadable`, not thrown.
#[wasm_bindgen]
pub fn collate(files: Array) -> Result<JsValue, JsValue> {
    let mut inputs = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let (name, text) = match file.as_string() {
            Some(text) => (format!("return-{}", i + 1), text),
            None => {
                let field = |key: &str| Reflect::get(&file, &JsValue::from_str(key)).ok().and_then(|v| v.as_string());
                match (field("name"), field("text")) {
                    (Some(name), Some(text)) => (name, text),
                    _ => return Err(error("invalid", &format!("file {} must be a text or {{name, text}}", i + 1))),
                }
            }
        };
        let content = parse_return(text.as_bytes()).map_err(InputError::from);
        inputs.push(Input { name, content });
    }
    to_js(&iacmh_review::collate::collate(inputs))
}

/// The index edition (current, or the one named) and the national template as one FHIR R4
/// Questionnaire.
#[wasm_bindgen(js_name = fhirQuestionnaire)]
pub fn fhir_questionnaire(version: Option<String>) -> Result<JsValue, JsValue> {
    to_js(&iacmh_fhir::questionnaire(edition(version)?))
}

/// iacmh's code systems as a FHIR R4 Bundle.
#[wasm_bindgen(js_name = fhirCodeSystems)]
pub fn fhir_code_systems() -> Result<JsValue, JsValue> {
    to_js(&iacmh_fhir::code_systems_bundle())
}

/// A return (text or object) as a FHIR R4 QuestionnaireResponse.
#[wasm_bindgen(js_name = fhirResponse)]
pub fn fhir_response(ret: JsValue) -> Result<JsValue, JsValue> {
    to_js(&iacmh_fhir::response(&to_return(ret)?))
}

/// A QuestionnaireResponse (its JSON text, or an object) read back as a return; throws an
/// `Error` with `code`, `path` (such as `QuestionnaireResponse.item[3].answer[0]`) and
/// `params` when it is not one.
#[wasm_bindgen(js_name = fhirImport)]
pub fn fhir_import(response: JsValue) -> Result<JsValue, JsValue> {
    let text = match response.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(&response)
            .map(String::from)
            .map_err(|_| error("not_json", "the response cannot be written as JSON"))?,
    };
    match iacmh_fhir::import(&text) {
        Ok(ret) => to_js(&ret),
        Err(e) => {
            let js = error(e.code(), &e.to_string());
            if let Some(path) = e.path() {
                set(&js, "path", &JsValue::from_str(path));
            }
            if let Some(params) = e.params() {
                set(&js, "params", &to_js(params)?);
            }
            Err(js)
        }
    }
}

/// A return (text or object) as the JSON text the form exports.
#[wasm_bindgen(js_name = toJson)]
pub fn to_json(ret: JsValue) -> Result<String, JsValue> {
    Ok(to_return(ret)?.to_json())
}
