//! `iacmh-fhir`: the maturity index and the national review outcome template as one FHIR R4
//! `Questionnaire`, and a return as a `QuestionnaireResponse` to it, both ways. Pure functions
//! over `iacmh-review`'s types: no files, no clock.
//!
//! - [`questionnaire`] writes an index edition as a Questionnaire: a group per domain (with the
//!   `questionnaire-itemControl` extension `table`), each question a `choice` item whose text
//!   is the whole question, offering the five ratings as codings of [`code_systems`]'s rating
//!   system, weighted 0 to 3 with the `itemWeight` extension ("Not applicable" unweighted), the
//!   category as `item.code`, the comment a `text` item under the rating enabled once rated;
//!   the Findings and Actions table as a repeating group; sign-off; the template (its fields
//!   asked only when not assured enabled by `enableWhen`); and a hidden group for what a form
//!   keeps about the file. Its canonical URL is [`QUESTIONNAIRE_URL`], its version the edition.
//! - [`response`] writes a return as a QuestionnaireResponse: `questionnaire` is the versioned
//!   canonical `url|index_version`, `status` `in-progress` for a draft and `completed` for a
//!   final return, `subject` the ICB by its ODS code when the register knows it.
//! - [`import`] reads one back into a return, with errors that say where
//!   (`QuestionnaireResponse.item[3].item[2].answer[0]`) and what, for people and programs.
//!
//! `import(response(r)) == r` for every return [`iacmh_review::parse_return`] gives: every
//! field of a return has an item. Where FHIR cannot hold a value as the item's answer (FHIR has
//! no empty string, and a `date` answer must be a date, while a draft may hold `""` or
//! "next March"), the item has no answer and carries the extension [`RETURN_VALUE`], whose
//! `valueString` is the value as the return's JSON writes it.
//!
//! ```
//! let ret = iacmh_review::example::complete();
//! let qr = iacmh_fhir::response(&ret);
//! let text = serde_json::to_string(&qr).unwrap();
//! assert_eq!(iacmh_fhir::import(&text).unwrap(), ret);
//! ```

#![warn(missing_docs)]

mod codes;
mod import;
mod links;
mod questionnaire;
pub mod resources;
mod response;

pub use codes::{code_systems, code_systems_bundle};
pub use import::{FhirError, MAX_RESPONSE_BYTES, Params, Problem, import};
pub use questionnaire::questionnaire;
pub use response::response;

/// Where iacmh's canonical URLs start. `.example` is reserved (RFC 2606): these name iacmh's
/// definitions without claiming an address anyone serves; when the project has a home for
/// them, this is the one place to change.
pub const BASE: &str = "https://iacmh.example/fhir";

/// The Questionnaire's canonical URL; its version is the index edition.
pub const QUESTIONNAIRE_URL: &str = "https://iacmh.example/fhir/Questionnaire/icb-maturity-index";

/// The extension on a response item whose value the item's answer cannot hold (see the crate
/// documentation): `valueString` is the value as JSON.
pub const RETURN_VALUE: &str = "https://iacmh.example/fhir/StructureDefinition/return-value";

/// The ODS code system, naming an ICB in `subject` and in the scope's ICB answer.
pub const ODS: &str = "https://fhir.nhs.uk/Id/ods-organization-code";

/// HL7's extension weighting an answer option (the rating's points).
pub const ITEM_WEIGHT: &str = "http://hl7.org/fhir/StructureDefinition/itemWeight";
/// HL7's extension saying how a renderer should show an item.
pub const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
/// The code system of [`ITEM_CONTROL`]'s codes.
pub const ITEM_CONTROL_SYSTEM: &str = "http://hl7.org/fhir/questionnaire-item-control";
/// HL7's extension hiding an item from people.
pub const HIDDEN: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden";
