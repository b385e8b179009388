//! JSON Pointers (RFC 6901): how diagnostics and parse errors say which field they mean, and
//! how a form finds the control for one. The builders below are the one way the crate and the
//! front ends spell the pointers of repeated things (answers, table rows, signatures); the
//! template's fields have theirs in [`crate::template::Field::pointer`].
//!
//! This module is public API, shared by the crate and its front ends: a [`Diagnostic`]'s
//! `path` and [`ParseError::pointer`] are such pointers, and a front end builds the same ones
//! here to find the control or cell a diagnostic belongs to, never by formatting text itself.
//!
//! ```
//! use iacmh_review::pointer::{self, FindingCell};
//! use iacmh_review::QuestionId;
//!
//! assert_eq!(pointer::answer(QuestionId::new(3, 8)), "/maturity/answers/3.08");
//! assert_eq!(pointer::finding(0, FindingCell::Action), "/maturity/findings/0/action");
//! assert_eq!(pointer::join(["outcome", "a/b"]), "/outcome/a~1b");
//! ```
//!
//! The field enums here ([`FindingCell`], [`MemberField`], [`SignatureField`],
//! [`SignOffDate`]) name the columns and boxes of the published tool's Findings and Actions
//! table and sign-off page, which are fixed, so they are exhaustive.
//!
//! [`Diagnostic`]: crate::Diagnostic
//! [`ParseError::pointer`]: crate::ParseError::pointer

use crate::index::QuestionId;
use crate::model::Signatory;

/// Joins path segments into a pointer, escaping `~` and `/` as the RFC requires.
pub fn join<I, S>(segments: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for s in segments {
        out.push('/');
        for c in s.as_ref().chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
    }
    out
}

/// The answer to a question: `/maturity/answers/3.08`.
pub fn answer(id: QuestionId) -> String {
    format!("/maturity/answers/{id}")
}

/// The comment on a question's answer.
pub fn answer_comment(id: QuestionId) -> String {
    format!("/maturity/answers/{id}/comment")
}

/// Whether a pointer is about an answer in a domain.
pub fn is_in_domain(pointer: &str, domain: u8) -> bool {
    pointer
        .strip_prefix("/maturity/answers/")
        .and_then(|rest| rest.split('/').next())
        .and_then(|id| id.parse::<QuestionId>().ok())
        .is_some_and(|id| id.domain == domain)
}

crate::keyword_enum! {
    /// A cell of a Findings and Actions row that holds text.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
    pub enum FindingCell {
        /// What was the finding.
        Finding = "finding", "Finding",
        /// What is the action.
        Action = "action", "Action",
        /// Who will be responsible for the action.
        Owner = "owner", "Owner",
        /// When the action will be completed.
        Due = "due", "Due date",
        /// Anything else.
        Comments = "comments", "Comments",
    }
}

crate::keyword_enum! {
    /// A field of a committee member.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
    pub enum MemberField {
        /// Their name.
        Name = "name", "Name",
        /// Their role.
        Designation = "designation", "Designation",
    }
}

crate::keyword_enum! {
    /// A field of a signature.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
    pub enum SignatureField {
        /// The name typed in place of a signature.
        Name = "name", "Name",
        /// Their organisation.
        Organisation = "organisation", "Organisation",
        /// The date signed.
        Date = "date", "Date",
    }
}

crate::keyword_enum! {
    /// The two dates of the maturity index.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
    pub enum SignOffDate {
        /// When it was completed.
        Completed = "date_completed", "Date completed",
        /// When it will next be reviewed.
        Review = "review_date", "Review date",
    }
}

crate::keyword_enum! {
    /// A field of the return's scope.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
    pub enum ScopeField {
        /// ICB, provider or team.
        Level = "level", "Level",
        /// The ICB.
        Icb = "icb", "ICB",
        /// The region.
        Region = "region", "Region",
        /// The provider organisation.
        Organisation = "organisation", "Provider organisation",
        /// The team.
        Team = "team", "Team",
    }
}

/// A field of the scope: `/scope/icb`.
pub fn scope(field: ScopeField) -> String {
    format!("/scope/{}", field.key())
}

/// The index edition a return answers.
pub const INDEX_VERSION: &str = "/index_version";

/// Whether the return is a draft or final.
pub const STATUS: &str = "/status";

/// The review period the return answers.
pub const ROUND: &str = "/round";

/// The categories of the barriers described in the template.
pub const BARRIER_CATEGORIES: &str = "/outcome/barriers/categories";

/// The program that wrote the file.
pub const GENERATOR: &str = "/meta/generator";

/// Sign-off: the committee and signatures.
pub const SIGN_OFF: &str = "/maturity/sign_off";

/// The Findings and Actions table.
pub const FINDINGS: &str = "/maturity/findings";

/// A row of the Findings and Actions table (0 for the first).
pub fn finding_row(row: usize) -> String {
    format!("{FINDINGS}/{row}")
}

/// A cell of a Findings and Actions row.
pub fn finding(row: usize, cell: FindingCell) -> String {
    format!("{FINDINGS}/{row}/{}", cell.key())
}

/// Whether a Findings and Actions row's action is completed.
pub fn finding_completed(row: usize) -> String {
    format!("{FINDINGS}/{row}/completed")
}

/// The domain of a Findings and Actions row.
pub fn finding_domain(row: usize) -> String {
    format!("{FINDINGS}/{row}/domain")
}

/// The list of committee members.
pub const COMMITTEE: &str = "/maturity/sign_off/committee";

/// A field of a committee member (0 for the first).
pub fn committee_member(member: usize, field: MemberField) -> String {
    format!("{COMMITTEE}/{member}/{}", field.key())
}

/// A field of a signature.
pub fn signature(who: Signatory, field: SignatureField) -> String {
    format!("/maturity/sign_off/{}/{}", who.key(), field.key())
}

/// One of the two dates.
pub fn sign_off_date(which: SignOffDate) -> String {
    format!("/maturity/{}", which.key())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tilde_and_slash() {
        assert_eq!(join(["maturity", "answers", "1.01"]), "/maturity/answers/1.01");
        assert_eq!(join(["a/b", "m~n"]), "/a~1b/m~0n");
        assert_eq!(join(Vec::<String>::new()), "");
    }

    /// Every builder names a value that is really there in a written return.
    #[test]
    fn builders_point_into_a_written_return() {
        let mut ret = crate::example::complete();
        ret.maturity.sign_off.committee.push(Default::default());
        ret.round = Some("2024-25".to_owned());
        let json: serde_json::Value = serde_json::from_str(&ret.to_json()).unwrap();
        let id: QuestionId = "3.08".parse().unwrap();
        let mut pointers =
            vec![answer(id), answer_comment(id), finding_row(0), finding_domain(0), finding_completed(0)];
        pointers.extend(FindingCell::ALL.map(|c| finding(0, c)));
        pointers.extend(MemberField::ALL.map(|f| committee_member(0, f)));
        pointers.extend(SignOffDate::ALL.map(sign_off_date));
        pointers.extend(ScopeField::ALL.map(scope));
        pointers.extend(
            [INDEX_VERSION, STATUS, ROUND, BARRIER_CATEGORIES, GENERATOR, SIGN_OFF, COMMITTEE, FINDINGS]
                .map(str::to_owned),
        );
        for who in Signatory::ALL {
            pointers.extend(SignatureField::ALL.map(|f| signature(who, f)));
        }
        for p in pointers {
            assert!(json.pointer(&p).is_some(), "{p}");
        }
        assert!(is_in_domain("/maturity/answers/3.08/comment", 3));
        assert!(!is_in_domain("/maturity/answers/13.08", 3));
        assert!(!is_in_domain("/maturity/findings/3", 3));
    }
}
