//! The linkId of every item, in one place: the Questionnaire, the response and the import all
//! name items through these, so they cannot drift apart.

use iacmh_review::pointer::{FindingCell, MemberField, ScopeField, SignatureField};
use iacmh_review::template::{Field, Section};
use iacmh_review::{QuestionId, Signatory, Task};

/// The group of who the return speaks for and its round.
pub const RETURN: &str = "return";
/// The review period.
pub const ROUND: &str = "round";
/// The Findings and Actions table, a repeating group.
pub const FINDINGS: &str = "findings";
/// The committee, a repeating group in the sign-off group.
pub const COMMITTEE: &str = "committee";
/// The barrier categories, beside the barriers' text.
pub const BARRIER_CATEGORIES: &str = "outcome.barriers.categories";
/// The hidden group about the file.
pub const META: &str = "meta";
/// The sections marked complete.
pub const COMPLETED_SECTIONS: &str = "completed_sections";
/// When the return was started.
pub const CREATED: &str = "meta.created";
/// When it was last changed.
pub const UPDATED: &str = "meta.updated";
/// What wrote it.
pub const GENERATOR: &str = "meta.generator";
/// The domain number of a finding.
pub const FINDING_DOMAIN: &str = "findings.domain";
/// The question of a finding.
pub const FINDING_QUESTION: &str = "findings.question";
/// Whether a finding's action is done.
pub const FINDING_COMPLETED: &str = "findings.completed";

pub fn scope(field: ScopeField) -> String {
    format!("scope.{}", field.key())
}

/// "domain-3", as the section is named in `completed_sections`.
pub fn domain(number: u8) -> String {
    Task::Domain(number).key().into_owned()
}

/// "3.07": the rating.
pub fn question(id: QuestionId) -> String {
    id.to_string()
}

/// "3.07.comment".
pub fn comment(id: QuestionId) -> String {
    format!("{id}.comment")
}

pub fn finding(cell: FindingCell) -> String {
    format!("{FINDINGS}.{}", cell.key())
}

pub fn sign_off() -> String {
    Task::SignOff.key().into_owned()
}

pub fn member(field: MemberField) -> String {
    format!("{COMMITTEE}.{}", field.key())
}

/// The group of one signatory: "icb_sro".
pub fn signatory(who: Signatory) -> &'static str {
    who.key()
}

pub fn signature(who: Signatory, field: SignatureField) -> String {
    format!("{}.{}", who.key(), field.key())
}

pub fn outcome() -> String {
    Task::Outcome.key().into_owned()
}

pub fn section(section: Section) -> String {
    format!("outcome.{}", section.key())
}

pub fn field(field: Field) -> String {
    format!("outcome.{}", field.key())
}
