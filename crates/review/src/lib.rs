//! `iacmh-review`: the ICB Maturity Index Self-Assessment Tool and the national ICB review
//! outcome template for intensive and assertive community mental health care, as data and
//! pure functions. The browser widget and the `iacmh` command line are thin layers over it.
//!
//! - [`Index`]: the maturity index (14 domains, 161 rated questions, their group headings and
//!   categories), embedded from `data/` and versioned.
//! - [`Return`]: return format v1, one JSON document per ICB, provider or team return;
//!   [`schema`] is its JSON Schema.
//! - [`parse_return`] reads one from bytes; [`validate`] lists its errors and warnings;
//!   [`completeness`] says how much is filled in; [`score`] scores it.
//!
//! # Scoring method
//!
//! Each rating is worth points: "No, action is needed" 0, "No, but action in hand" 1, "Yes, but
//! needs improvement" 2, "Yes, working well" 3. "Not applicable" is left out. A domain's score
//! is the mean of its rated questions on a 0-100 scale: `points × 100 / (3 × rated)`. The
//! overall score is the same over all 161 questions (so larger domains weigh more).
//!
//! The **stage** uses the categories, checked in this order:
//!
//! | stage | when |
//! | --- | --- |
//! | not started | nothing is answered |
//! | essentials not met | any essential question is rated "No" (either "No" rating) |
//! | in progress | no essential is "No", but some essentials are unanswered |
//! | embedded | every question is "Yes, working well" or not applicable |
//! | essentials met | every essential is "Yes" (or n/a), but some enhancer is not |
//! | enhanced | every essential and enhancer is "Yes" (or n/a) |
//!
//! **Priority areas** are the questions rated "No" (either rating), listed per domain and
//! category as in the tool's Findings and Actions Tables.
//!
//! ## Worked example
//!
//! Domain 10, Experts by Experience, has four questions: 10.01 (essential), 10.02 (enhancer),
//! 10.03 (desirable) and 10.04 (enhancer). Rate them "Yes, working well" (3), "Yes, but needs
//! improvement" (2), "No, action is needed" (0) and "Not applicable". Three are rated, with
//! 5 points of a possible 9: the score is 5 × 100 / 9 = 55.6. The essential and both enhancers
//! are "Yes" or not applicable, so the stage is *enhanced*; 10.03 is a desirable priority area.
//! Rate 10.01 "No, but action in hand" instead and the score falls to 3 × 100 / 9 = 33.3 and
//! the stage to *essentials not met*.
//!
//! ```
//! use iacmh_review::{Answer, Answers, Index, Rating, Stage, score_with};
//!
//! let mut answers = Answers::default();
//! for (id, rating) in [
//!     ("10.01", Rating::YesWorkingWell),
//!     ("10.02", Rating::YesNeedsImprovement),
//!     ("10.03", Rating::NoNeedsAction),
//!     ("10.04", Rating::NotApplicable),
//! ] {
//!     answers.insert(id.parse().unwrap(), Answer { rating, comment: None });
//! }
//! let card = score_with(Index::current(), &answers);
//! let d10 = &card.domains[9];
//! assert_eq!(format!("{:.1}", d10.score.score.unwrap()), "55.6");
//! assert_eq!(d10.score.stage, Stage::Enhanced);
//! assert_eq!(d10.priority_areas.desirable[0].id.to_string(), "10.03");
//!
//! answers.insert("10.01".parse().unwrap(), Answer { rating: Rating::NoActionInHand, comment: None });
//! let d10 = &score_with(Index::current(), &answers).domains[9];
//! assert_eq!(format!("{:.1}", d10.score.score.unwrap()), "33.3");
//! assert_eq!(d10.score.stage, Stage::EssentialsNotMet);
//! ```

#![warn(missing_docs)]

pub mod collate;
mod completeness;
mod date;
mod edit;
pub mod example;
mod index;
pub mod json;
mod model;
mod parse;
mod personal;
pub mod pointer;
mod register;
pub mod rounds;
mod scope;
mod score;
pub mod template;
mod validate;

pub use completeness::{
    Completeness, DomainProgress, Outstanding, Progress, SectionProgress, Task, TaskStatus, completeness, outstanding,
};
pub use date::{Date, Timestamp, is_timestamp};
pub use edit::Edit;
pub use index::{BadQuestionId, Category, CategoryInfo, Domain, Index, ProvisionLink, Question, QuestionId};
pub use model::{
    Answer, Answers, BarrierCategory, Barriers, CommitteeMember, FORMAT, FORMAT_VERSION, FindingRow, Maturity, Meta,
    OLDEST_FORMAT_VERSION, Outcome, Provision, ProvisionQuestion, Rating, Return, ReturnStatus, ReviewDetails, Scope,
    ScopeLevel, SignOff, Signatory, Signature, schema,
};
pub use parse::{MAX_RETURN_BYTES, ParseError, check_size, parse_return};
pub use personal::{PersonalData, PersonalKind, scan as scan_personal_data};
pub use pointer::{FindingCell, MemberField, SignOffDate, SignatureField};
pub use register::{Icb, Register};
pub use scope::{ScopeKey, icb_identity, same_icb};
pub use score::{
    DomainScore, PriorityArea, PriorityAreas, Score, Scorecard, Stage, priority_areas, score, score_questions,
    score_with,
};
pub use validate::{
    Code, Diagnostic, MAX_COMMENT, MAX_FINDING_ROWS, MAX_LIST, MAX_LONG_TEXT, MAX_SHORT_TEXT, Params, Severity,
    has_errors, is_email, validate,
};

/// The crate README's examples, compiled and run as doctests so that they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
