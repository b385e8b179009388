//! Validation of a return: every problem found, never an early exit.
//!
//! Each [`Diagnostic`] has a stable [`Code`] (from one registry below), a severity implied by
//! the code, a JSON Pointer to the field and a message fit to show a person filling in the form.
//! Errors stop a return being sent; warnings are cross-checks between the maturity index and
//! the national template that a reviewer should look at. How much is filled in is reported
//! apart, by [`crate::completeness`]: a half-finished return is a valid draft.

use serde::Serialize;

use crate::date::{Date, is_timestamp};
use crate::index::{Category, Index, QuestionId};
use crate::model::{ProvisionQuestion, Rating, Return, ReturnStatus, ScopeLevel, Signatory};
use crate::pointer::{self, FindingCell, MemberField, ScopeField, SignOffDate, SignatureField, join};
use crate::register::Register;
use crate::template::Field;

/// Longest name-like text (names, emails, organisations, owners), in characters.
pub const MAX_SHORT_TEXT: usize = 300;
/// Longest comment on a question or cell of the Findings and Actions table, in characters.
pub const MAX_COMMENT: usize = 5_000;
/// Longest free-text answer in the template, in characters.
pub const MAX_LONG_TEXT: usize = 20_000;
/// Most rows in the Findings and Actions table.
pub const MAX_FINDING_ROWS: usize = 500;
/// Most entries in other lists (providers, committee members).
pub const MAX_LIST: usize = 100;

crate::keyword_enum! {
    /// How much a diagnostic matters.
    ///
    /// Exhaustive (not `#[non_exhaustive]`): a finding either stops the return being sent or
    /// asks a reviewer to look, and front ends rely on there being just these two.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
    pub enum Severity {
        /// The return cannot be sent as it is.
        Error = "error", "Error",
        /// A cross-check a reviewer should look at.
        Warning = "warning", "Warning",
    }
}

crate::keyword_enum! {
    /// Every finding validation can make. Codes are stable: tools may match on them.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
    #[non_exhaustive]
    pub enum Code {
        /// A required field of the template or scope is empty.
        Required = "required",
        /// The operational lead's email address is not an email address.
        InvalidEmail = "invalid_email",
        /// A region is not one of NHS England's seven.
        InvalidRegion = "invalid_region",
        /// An answer is keyed by a question id the index does not have.
        UnknownQuestion = "unknown_question",
        /// `index_version` names an edition of the index this version does not know.
        UnknownIndexVersion = "unknown_index_version",
        /// A date is not a real YYYY-MM-DD date.
        InvalidDate = "invalid_date",
        /// `meta` holds a timestamp that is not RFC 3339.
        InvalidTimestamp = "invalid_timestamp",
        /// The review date is before the date the index was completed.
        ReviewBeforeCompletion = "review_before_completion",
        /// A Findings and Actions row has an action but no owner.
        ActionWithoutOwner = "action_without_owner",
        /// A Findings and Actions row has an action but no due date.
        ActionWithoutDueDate = "action_without_due_date",
        /// A Findings and Actions row names a domain the index does not have.
        UnknownDomain = "unknown_domain",
        /// Text longer than the field allows.
        TooLong = "too_long",
        /// A list longer than it can sensibly be, or a category listed twice.
        TooMany = "too_many",
        /// The ICB name is not one of the 42 in the register.
        UnknownIcb = "unknown_icb",
        /// The region given is not the region the register has for the ICB.
        IcbRegionMismatch = "icb_region_mismatch",
        /// The scope and the template's review details name different ICBs or regions.
        ScopeMismatch = "scope_mismatch",
        /// A provision answer in the template is contradicted by "No" ratings in the index.
        ProvisionContradicted = "provision_contradicted",
        /// The template says assured while essential questions are rated "No, action is needed".
        AssuredWithUnmetEssentials = "assured_with_unmet_essentials",
        /// An essential question is marked not applicable without a comment saying why.
        EssentialNotApplicableWithoutComment = "essential_not_applicable_without_comment",
        /// The template says DNAs are used as a reason for discharge, which the guidance forbids.
        DnaUsedForDischarge = "dna_used_for_discharge",
        /// Barriers are described but not categorised, so collation cannot count them.
        BarriersUncategorised = "barriers_uncategorised",
        /// A Findings and Actions row names a question that is no longer rated "No".
        FindingOutOfDate = "finding_out_of_date",
        /// The return says it is final but is not complete (see [`crate::outstanding`]).
        FinalIncomplete = "final_incomplete",
        /// The round is not a review period written as "2024-25".
        InvalidRound = "invalid_round",
        /// Free text looks like it holds patient-identifiable data (an NHS number, a date of
        /// birth, a postcode, a phone number, an email address).
        PersonalData = "personal_data",
    }
}

impl Code {
    /// Errors stop a return being sent; warnings are cross-checks.
    pub fn severity(self) -> Severity {
        use Code::*;
        match self {
            UnknownIcb
            | IcbRegionMismatch
            | ScopeMismatch
            | ProvisionContradicted
            | AssuredWithUnmetEssentials
            | EssentialNotApplicableWithoutComment
            | DnaUsedForDischarge
            | BarriersUncategorised
            | FindingOutOfDate
            | PersonalData => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The code as it appears in JSON output, such as `invalid_email`.
    pub fn as_str(self) -> &'static str {
        self.key()
    }
}

/// The facts behind a diagnostic, for programs: which questions, template field, row or limit
/// it is about. Only what applies is set (and written).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Params {
    /// The questions concerned: the "No" ratings that contradict a provision answer, the
    /// essentials rated "No" while assured, an unknown or not-applicable question.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<QuestionId>,
    /// The template field concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    /// The provision question concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provision: Option<ProvisionQuestion>,
    /// The Findings and Actions row (0 for the first) or list item concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// The limit exceeded: characters of a text, items of a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
    /// How many there are: characters or items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<usize>,
}

impl Params {
    /// Whether no parameter is set (a diagnostic whose message says all there is).
    pub fn is_empty(&self) -> bool {
        *self == Params::default()
    }
}

/// One problem found in a return.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning, implied by the code.
    pub severity: Severity,
    /// What kind of problem.
    pub code: Code,
    /// JSON Pointer (RFC 6901) to the field concerned.
    pub path: String,
    /// What to tell a person.
    pub message: String,
    /// The same facts for a program.
    #[serde(skip_serializing_if = "Params::is_empty")]
    pub params: Params,
}

impl Diagnostic {
    /// A diagnostic without parameters.
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            path: path.into(),
            message: message.into(),
            params: Params::default(),
        }
    }

    /// The same, with parameters.
    pub fn with(mut self, params: Params) -> Self {
        self.params = params;
        self
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Whether any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Checks a return against its index edition and the template. Never fails: every problem
/// becomes a diagnostic. Errors come before warnings.
pub fn validate(ret: &Return) -> Vec<Diagnostic> {
    let mut v = Validator { out: Vec::new() };
    let index = Index::get(&ret.index_version);
    if index.is_none() {
        let known: Vec<&str> = Index::all().iter().map(|i| i.version).collect();
        v.push(
            Code::UnknownIndexVersion,
            pointer::INDEX_VERSION,
            format!(
                "The answers are for maturity index version \"{}\", which this tool does not know (it knows {})",
                clip(&ret.index_version),
                known.join(", ")
            ),
        );
    }
    v.scope(ret);
    if let Some(index) = index {
        v.answers(ret, index);
        v.cross_checks(ret, index);
    }
    v.findings(ret, index);
    v.sign_off(ret);
    v.outcome(ret);
    v.meta(ret);
    v.round(ret);
    v.personal_data(ret);
    if ret.status == ReturnStatus::Final {
        let left = crate::completeness::outstanding(ret, &v.out);
        if !left.is_empty() {
            let first: Vec<String> = left.iter().take(3).map(|o| o.message()).collect();
            let more = if left.len() > 3 { format!("; and {} more", left.len() - 3) } else { String::new() };
            v.push_with(
                Code::FinalIncomplete,
                pointer::STATUS,
                format!("The return says it is final but is not complete: {}{more}", first.join("; ")),
                Params { found: Some(left.len()), ..Params::default() },
            );
        }
    }
    // Errors first, each kind in document order (the sort is stable).
    v.out.sort_by_key(|d| d.severity);
    v.out
}

struct Validator {
    out: Vec<Diagnostic>,
}

impl Validator {
    fn push(&mut self, code: Code, path: impl Into<String>, message: impl Into<String>) {
        self.out.push(Diagnostic::new(code, path, message));
    }

    fn push_with(&mut self, code: Code, path: impl Into<String>, message: impl Into<String>, params: Params) {
        self.out.push(Diagnostic::new(code, path, message).with(params));
    }

    fn text(&mut self, value: &str, limit: usize, path: impl FnOnce() -> String, what: &str) {
        // Byte length bounds character count, so most fields are checked without counting.
        if value.len() <= limit {
            return;
        }
        let chars = value.chars().count();
        if chars > limit {
            self.push_with(
                Code::TooLong,
                path(),
                format!("{what} is {chars} characters long; it must be {limit} characters or fewer"),
                Params { limit: Some(limit), found: Some(chars), ..Params::default() },
            );
        }
    }

    fn list(&mut self, len: usize, limit: usize, path: &str, what: &str) -> bool {
        if len > limit {
            self.push_with(
                Code::TooMany,
                path,
                format!("There are {len} {what}; there can be at most {limit}"),
                Params { limit: Some(limit), found: Some(len), ..Params::default() },
            );
            return false;
        }
        true
    }

    fn date(&mut self, value: Option<&str>, path: impl FnOnce() -> String, what: &str) -> Option<Date> {
        let value = value.map(str::trim).filter(|s| !s.is_empty())?;
        let date = Date::parse(value);
        if date.is_none() {
            self.push(
                Code::InvalidDate,
                path(),
                format!(
                    "{what} must be a real date written as YYYY-MM-DD, such as 2024-09-30 (not \"{}\")",
                    clip(value)
                ),
            );
        }
        date
    }

    fn region(&mut self, region: &str, path: &str) {
        if !region.trim().is_empty() && !Register::get().is_region(region) {
            self.push(
                Code::InvalidRegion,
                path,
                format!(
                    "\"{}\" is not an NHS England region; choose one of: {}",
                    clip(region),
                    Register::get().regions.join(", ")
                ),
            );
        }
    }

    fn scope(&mut self, ret: &Return) {
        let s = &ret.scope;
        let register = Register::get();
        if s.icb.trim().is_empty() {
            self.push(Code::Required, pointer::scope(ScopeField::Icb), "Enter the ICB the return is for");
        }
        if s.region.trim().is_empty() {
            self.push(Code::Required, pointer::scope(ScopeField::Region), "Select the region");
        }
        if matches!(s.level, ScopeLevel::Provider | ScopeLevel::Team) && s.organisation.trim().is_empty() {
            self.push(Code::Required, pointer::scope(ScopeField::Organisation), "Enter the provider organisation");
        }
        if s.level == ScopeLevel::Team && s.team.trim().is_empty() {
            self.push(Code::Required, pointer::scope(ScopeField::Team), "Enter the team");
        }
        for (value, key, what) in [
            (&s.icb, "icb", "The ICB name"),
            (&s.region, "region", "The region"),
            (&s.organisation, "organisation", "The organisation"),
            (&s.team, "team", "The team"),
        ] {
            self.text(value, MAX_SHORT_TEXT, || join(["scope", key]), what);
        }
        self.region(&s.region, &pointer::scope(ScopeField::Region));
        if !s.icb.trim().is_empty() {
            match register.find_icb(&s.icb) {
                None => self.push(
                    Code::UnknownIcb,
                    pointer::scope(ScopeField::Icb),
                    format!("\"{}\" is not one of the 42 ICBs in England; check the spelling", clip(&s.icb)),
                ),
                Some(icb) if register.is_region(&s.region) && icb.region != s.region => self.push(
                    Code::IcbRegionMismatch,
                    pointer::scope(ScopeField::Region),
                    format!("{} is in the {} region, not {}", icb.short_name(), icb.region, s.region),
                ),
                Some(_) => {}
            }
        }
    }

    fn answers(&mut self, ret: &Return, index: &Index) {
        for (id, answer) in ret.maturity.answers.iter() {
            let question = index.question(*id);
            if question.is_none() {
                self.push_with(
                    Code::UnknownQuestion,
                    crate::pointer::answer(*id),
                    format!("There is no question {id} in maturity index {}", index.version),
                    Params { questions: vec![*id], ..Params::default() },
                );
            }
            if let Some(comment) = &answer.comment {
                self.text(comment, MAX_COMMENT, || crate::pointer::answer_comment(*id), "The comment");
            }
            if let Some(q) = question
                && q.category == Category::Essential
                && answer.rating == Rating::NotApplicable
                && answer.comment.as_deref().is_none_or(|c| c.trim().is_empty())
            {
                self.push_with(
                    Code::EssentialNotApplicableWithoutComment,
                    crate::pointer::answer_comment(*id),
                    format!("Question {id} is essential but marked not applicable; add a comment saying why it does not apply"),
                    Params { questions: vec![*id], ..Params::default() },
                );
            }
        }
    }

    fn cross_checks(&mut self, ret: &Return, index: &Index) {
        let answers = &ret.maturity.answers;
        let provision = &ret.outcome.provision;
        for (question, value) in provision.answers() {
            let (Some(value), Some(link)) = (value, index.provision_link(question)) else {
                continue;
            };
            if value != link.assuring_answer {
                continue;
            }
            let against: Vec<(QuestionId, Rating)> = link
                .evidence
                .iter()
                .filter_map(|id| answers.rating(*id).filter(|r| r.is_no()).map(|r| (*id, r)))
                .collect();
            if !against.is_empty() {
                let claim = if value { "Yes" } else { "No" };
                let listed: Vec<String> = against.iter().map(|(id, r)| format!("{id} ({})", r.label())).collect();
                let field = Field::of_provision(question);
                self.push_with(
                    Code::ProvisionContradicted,
                    field.pointer(),
                    format!(
                        "The template answers \"{claim}\" to \"{}\", but the maturity index rates {} {}",
                        question.wording(),
                        if against.len() == 1 { "question" } else { "questions" },
                        listed.join(", ")
                    ),
                    Params {
                        questions: against.iter().map(|(id, _)| *id).collect(),
                        field: Some(field),
                        provision: Some(question),
                        ..Params::default()
                    },
                );
            }
        }
        if provision.get(ProvisionQuestion::DnaUsedAsDischargeReason) == Some(true) {
            let field = Field::of_provision(ProvisionQuestion::DnaUsedAsDischargeReason);
            self.push_with(
                Code::DnaUsedForDischarge,
                field.pointer(),
                "DNAs are used as a reason for discharge; the national guidance says they never should be for this group. The action plan should address it",
                Params { field: Some(field), provision: Some(ProvisionQuestion::DnaUsedAsDischargeReason), ..Params::default() },
            );
        }
        if ret.outcome.assured == Some(true) {
            let unmet: Vec<QuestionId> = index
                .questions()
                .filter(|q| q.category == Category::Essential)
                .filter(|q| answers.rating(q.id) == Some(Rating::NoNeedsAction))
                .map(|q| q.id)
                .collect();
            if !unmet.is_empty() {
                let listed: Vec<String> = unmet.iter().map(QuestionId::to_string).collect();
                self.push_with(
                    Code::AssuredWithUnmetEssentials,
                    Field::Assured.pointer(),
                    format!(
                        "The template says you are assured, but {} essential {} rated \"No, action is needed\": {}",
                        unmet.len(),
                        if unmet.len() == 1 { "question is" } else { "questions are" },
                        listed.join(", ")
                    ),
                    Params { questions: unmet, field: Some(Field::Assured), ..Params::default() },
                );
            }
        }
    }

    fn findings(&mut self, ret: &Return, index: Option<&Index>) {
        let rows = &ret.maturity.findings;
        if !self.list(rows.len(), MAX_FINDING_ROWS, pointer::FINDINGS, "rows in the Findings and Actions table") {
            return;
        }
        for (i, row) in rows.iter().enumerate() {
            let at = |cell: FindingCell| pointer::finding(i, cell);
            let on_row = Params { row: Some(i), ..Params::default() };
            let n = i + 1;
            let domains = index.map_or(14, |x| x.domains.len());
            if row.domain == 0 || usize::from(row.domain) > domains {
                self.push_with(
                    Code::UnknownDomain,
                    pointer::finding_domain(i),
                    format!("Finding {n} must name a domain from 1 to {domains}"),
                    on_row.clone(),
                );
            }
            for (value, cell, what) in [
                (&row.finding, FindingCell::Finding, "The text"),
                (&row.action, FindingCell::Action, "The action"),
                (&row.comments, FindingCell::Comments, "The comments"),
            ] {
                self.text(value, MAX_COMMENT, || at(cell), &format!("{what} of finding {n}"));
            }
            self.text(&row.owner, MAX_SHORT_TEXT, || at(FindingCell::Owner), &format!("The owner of finding {n}"));
            let due = self.date(row.due.as_deref(), || at(FindingCell::Due), &format!("The due date of finding {n}"));
            if !row.action.trim().is_empty() {
                if row.owner.trim().is_empty() {
                    self.push_with(
                        Code::ActionWithoutOwner,
                        at(FindingCell::Owner),
                        format!("Enter who is responsible for the action of finding {n}"),
                        on_row.clone(),
                    );
                }
                if due.is_none() && row.due.as_deref().is_none_or(|d| d.trim().is_empty()) {
                    self.push_with(
                        Code::ActionWithoutDueDate,
                        at(FindingCell::Due),
                        format!("Enter when the action of finding {n} will be completed"),
                        on_row.clone(),
                    );
                }
            }
            if let Some(id) = row.question {
                let rating = ret.maturity.answers.get(id).map(|a| a.rating);
                if !rating.is_some_and(Rating::is_no) {
                    let now = match rating {
                        Some(r) => format!("now rated \"{}\"", r.label()),
                        None => "no longer rated".to_owned(),
                    };
                    self.push_with(
                        Code::FindingOutOfDate,
                        at(FindingCell::Finding),
                        format!("Finding {n} is about question {id}, which is {now}: check the finding still holds, or remove it"),
                        Params { row: Some(i), questions: vec![id], ..Params::default() },
                    );
                }
            }
        }
    }

    fn sign_off(&mut self, ret: &Return) {
        let m = &ret.maturity;
        let completed = self.date(
            m.date_completed.as_deref(),
            || pointer::sign_off_date(SignOffDate::Completed),
            "The date completed",
        );
        let review =
            self.date(m.review_date.as_deref(), || pointer::sign_off_date(SignOffDate::Review), "The review date");
        if let (Some(c), Some(r)) = (completed, review)
            && r < c
        {
            self.push(
                Code::ReviewBeforeCompletion,
                pointer::sign_off_date(SignOffDate::Review),
                "The review date must be on or after the date the maturity index was completed",
            );
        }
        let committee = &m.sign_off.committee;
        if self.list(committee.len(), MAX_LIST, pointer::COMMITTEE, "committee members") {
            for (i, member) in committee.iter().enumerate() {
                for (value, field) in
                    [(&member.name, MemberField::Name), (&member.designation, MemberField::Designation)]
                {
                    let noun = match field {
                        MemberField::Name => "name",
                        MemberField::Designation => "designation",
                    };
                    let what = format!("The {noun} of committee member {}", i + 1);
                    self.text(value, MAX_SHORT_TEXT, || pointer::committee_member(i, field), &what);
                }
            }
        }
        for who in Signatory::ALL {
            let sig = m.sign_off.signature(who);
            let at = |field: SignatureField| pointer::signature(who, field);
            let (name, organisation) =
                (format!("The name of the {}", who.label()), format!("The organisation of the {}", who.label()));
            self.text(&sig.name, MAX_SHORT_TEXT, || at(SignatureField::Name), &name);
            self.text(&sig.organisation, MAX_SHORT_TEXT, || at(SignatureField::Organisation), &organisation);
            self.date(
                sig.date.as_deref(),
                || at(SignatureField::Date),
                &format!("The date of the {}'s signature", who.label()),
            );
        }
    }

    fn outcome(&mut self, ret: &Return) {
        let o = &ret.outcome;
        for field in Field::ALL {
            if field.is_required(ret) && !field.is_filled(o) {
                self.push_with(
                    Code::Required,
                    field.pointer(),
                    field.missing_message(),
                    Params { field: Some(field), ..Params::default() },
                );
            }
            let def = field.def();
            let limit = def.kind.max_chars();
            if let Some(text) = field.text_ref(o) {
                self.text(text, limit, || def.pointer.to_owned(), def.noun);
            }
            if let Some(items) = field.lines(o)
                && self.list(items.len(), def.kind.max_items(), def.pointer, "providers")
            {
                for (i, item) in items.iter().enumerate() {
                    self.text(item, limit, || format!("{}/{i}", def.pointer), def.noun);
                }
            }
        }
        let r = &o.review;
        let email = r.operational_lead_email.trim();
        if !email.is_empty() && !is_email(email) {
            self.push_with(
                Code::InvalidEmail,
                Field::OperationalLeadEmail.pointer(),
                "Enter an email address in the correct format, like name@example.nhs.net",
                Params { field: Some(Field::OperationalLeadEmail), ..Params::default() },
            );
        }
        self.region(&r.region, Field::Region.pointer());
        if !r.icb_name.trim().is_empty()
            && !ret.scope.icb.trim().is_empty()
            && !crate::scope::same_icb(&ret.scope.icb, &r.icb_name)
        {
            self.push(
                Code::ScopeMismatch,
                Field::IcbName.pointer(),
                format!(
                    "The template names \"{}\" but the return is for \"{}\"",
                    clip(&r.icb_name),
                    clip(&ret.scope.icb)
                ),
            );
        }
        if !r.region.trim().is_empty() && !ret.scope.region.trim().is_empty() && r.region != ret.scope.region {
            self.push(
                Code::ScopeMismatch,
                Field::Region.pointer(),
                format!(
                    "The template gives the region as {} but the return's scope says {}",
                    clip(&r.region),
                    clip(&ret.scope.region)
                ),
            );
        }
        if !o.barriers.text.trim().is_empty() && o.barriers.categories.is_empty() {
            self.push(
                Code::BarriersUncategorised,
                pointer::BARRIER_CATEGORIES,
                "Choose the kinds of barrier you describe (for example workforce or financial) so that they can be counted across ICBs",
            );
        }
        let mut seen = Vec::new();
        for c in &o.barriers.categories {
            if seen.contains(c) {
                self.push(
                    Code::TooMany,
                    pointer::BARRIER_CATEGORIES,
                    format!("\"{}\" is listed more than once", c.label()),
                );
            }
            seen.push(*c);
        }
    }

    /// Every free-text field looked at for what could identify a patient.
    fn personal_data(&mut self, ret: &Return) {
        let mut check = |text: &str,
                         emails: bool,
                         path: &dyn Fn() -> String,
                         what: &dyn Fn() -> String,
                         params: Params| {
            let found = crate::personal::scan(text, emails);
            if found.is_empty() {
                return;
            }
            let mut kinds: Vec<&str> = found.iter().map(|f| f.kind.label()).collect();
            kinds.dedup();
            let masked: Vec<&str> = found.iter().map(|f| f.masked.as_str()).collect();
            self.push_with(
                Code::PersonalData,
                path(),
                format!(
                    "{} looks like it holds {} ({}). A return is about services: remove anything that could identify a patient",
                    what(),
                    kinds.join(" and "),
                    masked.join(", ")
                ),
                params,
            );
        };
        for (id, answer) in ret.maturity.answers.iter() {
            if let Some(comment) = &answer.comment {
                let params = Params { questions: vec![*id], ..Params::default() };
                check(
                    comment,
                    true,
                    &|| pointer::answer_comment(*id),
                    &|| format!("The comment on question {id}"),
                    params,
                );
            }
        }
        for (i, row) in ret.maturity.findings.iter().enumerate() {
            for (text, cell, noun) in [
                (&row.finding, FindingCell::Finding, "text"),
                (&row.action, FindingCell::Action, "action"),
                (&row.owner, FindingCell::Owner, "owner"),
                (&row.comments, FindingCell::Comments, "comments"),
            ] {
                let params = Params { row: Some(i), ..Params::default() };
                check(
                    text,
                    true,
                    &|| pointer::finding(i, cell),
                    &|| format!("The {noun} of finding {}", i + 1),
                    params,
                );
            }
        }
        let o = &ret.outcome;
        for field in Field::ALL {
            // The contact fields are meant to hold an email address.
            let emails = !matches!(field, Field::OperationalLead | Field::OperationalLeadEmail);
            let def = field.def();
            let params = || Params { field: Some(field), ..Params::default() };
            if let Some(text) = field.text_ref(o) {
                check(text, emails, &|| def.pointer.to_owned(), &|| def.noun.to_owned(), params());
            }
            for (i, line) in field.lines(o).into_iter().flatten().enumerate() {
                check(line, emails, &|| format!("{}/{i}", def.pointer), &|| def.noun.to_owned(), params());
            }
        }
    }

    fn round(&mut self, ret: &Return) {
        if let Some(round) = ret.round.as_deref()
            && !is_round(round)
        {
            self.push(
                Code::InvalidRound,
                pointer::ROUND,
                format!("The round must be a review period written like 2024-25 (not \"{}\")", clip(round)),
            );
        }
    }

    fn meta(&mut self, ret: &Return) {
        for (value, key) in [(&ret.meta.created, "created"), (&ret.meta.updated, "updated")] {
            if let Some(v) = value.as_deref().filter(|v| !v.is_empty())
                && !is_timestamp(v)
            {
                self.push(
                    Code::InvalidTimestamp,
                    join(["meta", key]),
                    format!("\"{}\" is not a timestamp like 2024-09-30T14:05:00Z", clip(v)),
                );
            }
        }
        self.text(&ret.meta.generator, MAX_SHORT_TEXT, || pointer::GENERATOR.into(), "The generator");
    }
}

/// A review period: a year and the next year's last two digits, "2024-25".
pub fn is_round(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 7 || b[4] != b'-' || !b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit) {
        return false;
    }
    let (year, next) = (&s[..4], &s[5..]);
    year.parse::<u32>().ok().and_then(|y| (y + 1).checked_rem(100)).map(|n| format!("{n:02}")).as_deref() == Some(next)
}

/// Cuts user text quoted in a message to a readable length.
fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

/// A pragmatic email check: one `@`, a non-empty local part, a dotted domain, no spaces. Any
/// character beyond ASCII other than a space counts as a letter (internationalised addresses),
/// which keeps Unicode's letter tables out of the browser form.
pub fn is_email(s: &str) -> bool {
    use crate::personal::is_word_char;
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let label_ok = |l: &str| {
        !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| is_word_char(c) || c == '-')
    };
    s.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| is_word_char(c) || "!#$%&'*+/=?^_`{|}~.-".contains(c))
        && domain.contains('.')
        && domain.split('.').all(label_ok)
}

#[cfg(test)]
mod tests {
    use super::is_email;

    #[test]
    fn emails() {
        for good in ["a.b@nhs.net", "jo.kirk1@nhs.net", "first+tag@example.nhs.uk"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "a",
            "a@b",
            "@nhs.net",
            "a@.net",
            "a b@nhs.net",
            "a@@nhs.net",
            "a@nhs..net",
            ".a@nhs.net",
            "a@-nhs.net",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
