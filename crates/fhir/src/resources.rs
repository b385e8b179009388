//! The parts of FHIR R4's Questionnaire, QuestionnaireResponse and CodeSystem that iacmh
//! writes, as plain structs: serialising one gives FHIR JSON with its elements in the order
//! declared here (`resourceType` first), which a `serde_json::Value` (a sorted map) would not.
//! Reading goes the other way by hand (`import.rs`), to say exactly where a response is wrong.

use serde::Serialize;

fn is_false(b: &bool) -> bool {
    !*b
}

/// A code from a code system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Coding {
    /// The code system's canonical URL.
    pub system: String,
    /// The code.
    pub code: String,
    /// How a person reads it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Coding {
    /// A coding with its display.
    pub fn new(system: &str, code: &str, display: &str) -> Coding {
        Coding { system: system.to_owned(), code: code.to_owned(), display: Some(display.to_owned()) }
    }
}

/// A concept given by codings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeableConcept {
    /// Its codings.
    pub coding: Vec<Coding>,
}

/// The value of an extension.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ExtensionValue {
    /// `valueBoolean`.
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    /// `valueDecimal` (the weights are whole numbers).
    #[serde(rename = "valueDecimal")]
    Decimal(u32),
    /// `valueString`.
    #[serde(rename = "valueString")]
    String(String),
    /// `valueCodeableConcept`.
    #[serde(rename = "valueCodeableConcept")]
    CodeableConcept(CodeableConcept),
}

/// An extension: its URL and one value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Extension {
    /// What the extension means.
    pub url: &'static str,
    /// Its value.
    #[serde(flatten)]
    pub value: ExtensionValue,
}

/// The value of an answer, or of an answer option.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum AnswerValue {
    /// `valueCoding`.
    #[serde(rename = "valueCoding")]
    Coding(Coding),
    /// `valueString`.
    #[serde(rename = "valueString")]
    String(String),
    /// `valueBoolean`.
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    /// `valueInteger`.
    #[serde(rename = "valueInteger")]
    Integer(i64),
    /// `valueDate`.
    #[serde(rename = "valueDate")]
    Date(String),
}

/// One of the answers a `choice` or `open-choice` item offers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnswerOption {
    /// The itemWeight extension on a rating.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The option.
    #[serde(flatten)]
    pub value: AnswerValue,
}

/// When an item is enabled: all of iacmh's conditions compare with a boolean.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnableWhen {
    /// The linkId of the item the condition reads.
    pub question: String,
    /// `exists` or `=`.
    pub operator: &'static str,
    /// The value compared with.
    pub answer_boolean: bool,
}

/// An item of the Questionnaire.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// itemControl, hidden.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The id answers refer to.
    pub link_id: String,
    /// The category of a rated question.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<Coding>,
    /// A number shown before the text, such as "3.07".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// The question or heading.
    pub text: String,
    /// group, choice, open-choice, string, text, boolean, integer, date.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// When the item is enabled.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enable_when: Vec<EnableWhen>,
    /// Whether an answer is needed.
    #[serde(skip_serializing_if = "is_false")]
    pub required: bool,
    /// Whether it takes several answers (or a group several instances).
    #[serde(skip_serializing_if = "is_false")]
    pub repeats: bool,
    /// The most characters of a text answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// The answers offered.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    /// Nested items.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<Item>,
}

impl Item {
    /// An item with nothing optional set.
    pub fn new(link_id: impl Into<String>, kind: &'static str, text: impl Into<String>) -> Item {
        Item {
            extension: Vec::new(),
            link_id: link_id.into(),
            code: Vec::new(),
            prefix: None,
            text: text.into(),
            kind,
            enable_when: Vec::new(),
            required: false,
            repeats: false,
            max_length: None,
            answer_option: Vec::new(),
            item: Vec::new(),
        }
    }
}

/// A FHIR R4 Questionnaire.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// "Questionnaire".
    pub resource_type: &'static str,
    /// A logical id.
    pub id: String,
    /// The canonical URL.
    pub url: String,
    /// The index edition.
    pub version: String,
    /// A name for computers.
    pub name: &'static str,
    /// A name for people.
    pub title: String,
    /// "active".
    pub status: &'static str,
    /// "Organization": a return speaks for an ICB, provider or team.
    pub subject_type: Vec<&'static str>,
    /// Who publishes it.
    pub publisher: &'static str,
    /// Where the text comes from.
    pub description: String,
    /// The groups.
    pub item: Vec<Item>,
}

/// An identifier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Identifier {
    /// Its namespace.
    pub system: &'static str,
    /// Its value.
    pub value: String,
}

/// A reference by identifier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reference {
    /// Who.
    pub identifier: Identifier,
    /// Their name.
    pub display: String,
}

/// An answer in a response, with the items nested under it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Answer {
    /// The value.
    #[serde(flatten)]
    pub value: AnswerValue,
    /// Items under the answer (a rating's comment).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// An item of a response.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseItem {
    /// The return-value extension, for a value FHIR cannot hold as the item's answer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The Questionnaire item answered.
    pub link_id: String,
    /// Its answers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<Answer>,
    /// A group's items.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// A FHIR R4 QuestionnaireResponse.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    /// "QuestionnaireResponse".
    pub resource_type: &'static str,
    /// The Questionnaire's canonical URL and version, `url|version`.
    pub questionnaire: String,
    /// in-progress (a draft) or completed (final).
    pub status: &'static str,
    /// The ICB, by ODS code, when the return names one in the register.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// When the return was last changed, when that is a timestamp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authored: Option<String>,
    /// The answers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// A concept of a code system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Concept {
    /// The code.
    pub code: String,
    /// Its name.
    pub display: String,
    /// What it means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
}

/// A FHIR R4 CodeSystem.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeSystem {
    /// "CodeSystem".
    pub resource_type: &'static str,
    /// A logical id.
    pub id: &'static str,
    /// The canonical URL codings name as `system`.
    pub url: String,
    /// A name for computers.
    pub name: &'static str,
    /// A name for people.
    pub title: &'static str,
    /// "active".
    pub status: &'static str,
    /// Codes are case sensitive.
    pub case_sensitive: bool,
    /// "complete": every code is here.
    pub content: &'static str,
    /// The codes.
    pub concept: Vec<Concept>,
}

/// A FHIR R4 Bundle of type `collection`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle<T> {
    /// "Bundle".
    pub resource_type: &'static str,
    /// "collection".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The resources.
    pub entry: Vec<Entry<T>>,
}

/// An entry of a bundle.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry<T> {
    /// The resource's canonical URL.
    pub full_url: String,
    /// The resource.
    pub resource: T,
}
