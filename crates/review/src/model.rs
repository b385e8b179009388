//! Return format v2: the types of one ICB, provider or team return, which are the
//! compatibility promise of the JSON files people exchange.
//!
//! Each type is declared once, through [`json_struct!`](crate::json_struct) or
//! [`keyword_enum!`](crate::keyword_enum): serde, the JSON Schema (see [`schema`], whose
//! descriptions are these doc comments) and the crate's own JSON reader and writer are all
//! generated from that one declaration. Every container rejects unknown fields, so a misspelt
//! key is an error rather than lost. Fields below the top level may be left out: a
//! half-finished return is a valid draft.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::index::QuestionId;
use crate::json::{FromJson, JsonError, Reader, ToJson, Writer};
use crate::{json_struct, keyword_enum};

/// The value of `format` in every return.
pub const FORMAT: &str = "iacmh-return";
/// The `format_version` this crate writes, and the newest it reads. Version 2 added `status`,
/// `round` and `completed_sections`, all optional, so a version 1 file reads as a version 2 one
/// without them (a draft, in no named round, with no section marked complete).
pub const FORMAT_VERSION: u32 = 2;
/// The oldest `format_version` this crate reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;

json_struct! {
    /// One return: a completed (or partly completed) maturity index and national outcome
    /// template for one ICB, provider or team.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[schemars(title = "iacmh return, format version 2")]
    pub struct Return {
        /// Always "iacmh-return".
        #[schemars(schema_with = "format_schema")]
        pub format: String,
        /// 2 for this version of the format; files of version 1 (without `status`, `round` and
        /// `completed_sections`) are read too.
        #[schemars(schema_with = "format_version_schema")]
        pub format_version: u32,
        /// The edition of the maturity index the answers refer to, such as "midlands-2024.1".
        pub index_version: String,
        /// Whether the return is a draft (shared while work goes on) or final (complete, as
        /// signed off). A file without it is a draft.
        #[serde(default)]
        pub status: ReturnStatus,
        /// The review period the return answers, such as "2024-25".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub round: Option<String>,
        /// Who the return speaks for.
        pub scope: Scope,
        /// The maturity index: answers, findings and actions, dates and sign-off.
        pub maturity: Maturity,
        /// The national review outcome template.
        pub outcome: Outcome,
        /// The parts of the return the review group has marked as completed ("domain-1" to
        /// "domain-14", "findings", "sign-off", "outcome"), in the order marked.
        #[serde(default)]
        pub completed_sections: Vec<Task>,
        /// About the file rather than the review.
        pub meta: Meta,
    }
}

fn format_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "const": FORMAT })
}

fn format_version_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "integer", "minimum": OLDEST_FORMAT_VERSION, "maximum": FORMAT_VERSION })
}

keyword_enum! {
    // Exhaustive (not `#[non_exhaustive]`): a return is shared as work in progress or sent as
    // done; front ends rely on there being just these two. (A plain comment, as doc comments
    // here become the JSON Schema's descriptions.)
    /// Whether a return is a draft or final.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
    pub enum ReturnStatus {
        /// Work in progress, shared to show where the review stands.
        #[default]
        Draft = "draft", "Draft",
        /// Complete, as signed off: every question answered, every finding with its action,
        /// sign-off done and no errors.
        Final = "final", "Final",
    }
}

/// A part of the return that is completed on one page of the form and that the review group
/// marks as completed: a domain of the maturity index, the Findings and Actions table, the
/// sign-off, or the national template. Written in files as "domain-3", "findings", "sign-off"
/// or "outcome".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Task {
    /// One domain of the maturity index (1 to 14).
    Domain(u8),
    /// The Findings and Actions table.
    Findings,
    /// Dates, committee and signatures.
    SignOff,
    /// The national review outcome template.
    Outcome,
}

impl Task {
    /// The key a file writes: "domain-3", "findings", "sign-off", "outcome".
    pub fn key(self) -> std::borrow::Cow<'static, str> {
        match self {
            Task::Domain(d) => format!("domain-{d}").into(),
            Task::Findings => "findings".into(),
            Task::SignOff => "sign-off".into(),
            Task::Outcome => "outcome".into(),
        }
    }

    /// The task a key names; a domain number outside the current index is refused.
    pub fn from_key(key: &str) -> Option<Task> {
        match key {
            "findings" => Some(Task::Findings),
            "sign-off" => Some(Task::SignOff),
            "outcome" => Some(Task::Outcome),
            _ => {
                let d = key.strip_prefix("domain-")?;
                if d.starts_with('0') || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let n: u8 = d.parse().ok()?;
                crate::Index::current().domain(n).map(|_| Task::Domain(n))
            }
        }
    }

    /// Its name on the task list and in messages: "Domain 3: Risk management", "Findings and
    /// actions", "Completion and sign-off", "Review outcome template".
    pub fn title(self) -> std::borrow::Cow<'static, str> {
        match self {
            Task::Domain(d) => match crate::Index::current().domain(d) {
                Some(domain) => format!("Domain {d}: {}", domain.title).into(),
                None => format!("Domain {d}").into(),
            },
            Task::Findings => "Findings and actions".into(),
            Task::SignOff => "Completion and sign-off".into(),
            Task::Outcome => "Review outcome template".into(),
        }
    }

    /// Every task of the current index, in the task list's order.
    pub fn all() -> impl Iterator<Item = Task> {
        crate::Index::current().domains.iter().map(|d| Task::Domain(d.number)).chain([
            Task::Findings,
            Task::SignOff,
            Task::Outcome,
        ])
    }
}

impl Serialize for Task {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for Task {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        Task::from_key(&s).ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a section of the return")))
    }
}

impl FromJson for Task {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.parsed(|s: &str| {
            Task::from_key(s).ok_or_else(|| {
                format!("`{}` is not a section of the return: expected \"domain-1\" to \"domain-14\", \"findings\", \"sign-off\" or \"outcome\"", s.chars().take(40).collect::<String>())
            })
        })
    }
}

impl ToJson for Task {
    fn write(&self, w: &mut Writer) {
        w.string(&self.key());
    }
}

impl JsonSchema for Task {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Task".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^(domain-(1[0-4]|[1-9])|findings|sign-off|outcome)$",
            "description": "A section of the return: \"domain-1\" to \"domain-14\", \"findings\", \"sign-off\" or \"outcome\"."
        })
    }
}

keyword_enum! {
    // Exhaustive (not `#[non_exhaustive]`): the three levels are part of return format v1, so a
    // `match` may name each; another level would come with a new format version. (A plain
    // comment, as doc comments here become the JSON Schema's descriptions.)
    /// Whether the return speaks for a whole ICB, one provider, or one team.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
    pub enum ScopeLevel {
        /// The whole integrated care board.
        Icb = "icb", "ICB",
        /// One provider organisation in the ICB.
        Provider = "provider", "Provider",
        /// One team of a provider.
        Team = "team", "Team",
    }
}

json_struct! {
    /// Who the return speaks for.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Scope {
        /// ICB, provider or team.
        pub level: ScopeLevel,
        /// The ICB's name; one of the 42 in the register is expected.
        #[serde(default)]
        pub icb: String,
        /// One of NHS England's seven regions, spelt as in the register (for example "South West").
        #[serde(default)]
        pub region: String,
        /// The provider organisation, for provider and team returns.
        #[serde(default)]
        pub organisation: String,
        /// The team, for team returns.
        #[serde(default)]
        pub team: String,
    }
}

impl Default for Scope {
    fn default() -> Self {
        Scope {
            level: ScopeLevel::Icb,
            icb: String::new(),
            region: String::new(),
            organisation: String::new(),
            team: String::new(),
        }
    }
}

keyword_enum! {
    // Exhaustive (not `#[non_exhaustive]`): the five ratings are fixed by the published tool and
    // scoring rests on them, so a `match` may name each. (A plain comment, as doc comments here
    // become the JSON Schema's descriptions.)
    /// A rating of one question, in the tool's words.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
    pub enum Rating {
        /// "No, action is needed": nothing is in place and action IS needed.
        NoNeedsAction = "no_needs_action", "No, action is needed",
        /// "No, but action in hand".
        NoActionInHand = "no_action_in_hand", "No, but action in hand",
        /// "Yes, but needs improvement".
        YesNeedsImprovement = "yes_needs_improvement", "Yes, but needs improvement",
        /// "Yes, working well".
        YesWorkingWell = "yes_working_well", "Yes, working well",
        /// Does not apply to this ICB, provider or team; excluded from scores.
        NotApplicable = "not_applicable", "Not applicable",
    }
}

impl Rating {
    /// Points on the 0-3 scale behind scores; `None` for not applicable.
    pub fn points(self) -> Option<u32> {
        match self {
            Rating::NoNeedsAction => Some(0),
            Rating::NoActionInHand => Some(1),
            Rating::YesNeedsImprovement => Some(2),
            Rating::YesWorkingWell => Some(3),
            Rating::NotApplicable => None,
        }
    }

    /// "No, action is needed" or "No, but action in hand": the element is not in place.
    pub fn is_no(self) -> bool {
        matches!(self, Rating::NoNeedsAction | Rating::NoActionInHand)
    }

    /// Either "Yes" rating: the element is in place.
    pub fn is_yes(self) -> bool {
        matches!(self, Rating::YesNeedsImprovement | Rating::YesWorkingWell)
    }

    /// What choosing the rating says, in one sentence for the people rating. The tool gives
    /// only the labels; these follow its purpose, to show "the elements of service that you
    /// all feel are working well and those that require more development", and the scoring.
    ///
    /// ```
    /// use iacmh_review::Rating;
    /// assert!(Rating::NotApplicable.description().contains("left out of the scores"));
    /// ```
    pub fn description(self) -> &'static str {
        match self {
            Rating::NoNeedsAction => "It is not in place and nothing is yet being done about it: action is needed.",
            Rating::NoActionInHand => "It is not in place yet, but the action to put it in place has started.",
            Rating::YesNeedsImprovement => "It is in place, but needs more development to work as it should.",
            Rating::YesWorkingWell => "It is in place, and you all agree it is working well.",
            Rating::NotApplicable => {
                "It does not apply to this ICB, provider or team. It is left out of the scores; say why in a comment."
            }
        }
    }
}

impl std::fmt::Display for Rating {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

json_struct! {
    /// The answer to one question.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Answer {
        /// The group's rating.
        pub rating: Rating,
        /// What the group said: evidence, caveats, who holds the detail.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub comment: Option<String>,
    }
}

/// Answers keyed by question id, in question order. A question id given twice is an error,
/// not silently the last.
///
/// A sorted list rather than a `BTreeMap`: 161 entries at most, looked up by binary search, and
/// the map's code cost the browser form 7.5 KB of wasm (3 KB gzip) that this does not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers(Vec<(QuestionId, Answer)>);

impl Answers {
    fn find(&self, id: QuestionId) -> Result<usize, usize> {
        self.0.binary_search_by_key(&id, |(q, _)| *q)
    }

    /// The answer to a question, if it has one.
    pub fn get(&self, id: QuestionId) -> Option<&Answer> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }

    /// The answer to a question, to change, if it has one.
    pub fn get_mut(&mut self, id: QuestionId) -> Option<&mut Answer> {
        self.find(id).ok().map(|i| &mut self.0[i].1)
    }

    /// The rating of a question, if it has one.
    pub fn rating(&self, id: QuestionId) -> Option<Rating> {
        self.get(id).map(|a| a.rating)
    }

    /// Answers a question, returning the answer it replaces.
    pub fn insert(&mut self, id: QuestionId, answer: Answer) -> Option<Answer> {
        match self.find(id) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, answer)),
            Err(i) => {
                self.0.insert(i, (id, answer));
                None
            }
        }
    }

    /// Removes a question's answer, returning it.
    pub fn remove(&mut self, id: QuestionId) -> Option<Answer> {
        self.find(id).ok().map(|i| self.0.remove(i).1)
    }

    /// Removes every answer.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// How many questions are answered.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no question is answered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The answers in question order.
    pub fn iter(&self) -> impl Iterator<Item = (&QuestionId, &Answer)> {
        self.0.iter().map(|(id, a)| (id, a))
    }

    /// The answers in question order, to change.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&QuestionId, &mut Answer)> {
        self.0.iter_mut().map(|(id, a)| (&*id, a))
    }
}

impl FromJson for Answers {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let mut out = Answers::default();
        r.object(&mut |r, key| {
            let id: QuestionId = key.parse().map_err(|e: crate::index::BadQuestionId| r.key_error(e.to_string()))?;
            let answer = r.read()?;
            if out.insert(id, answer).is_some() {
                return Err(r.key_error(format!("question {id} is answered twice; keep one answer")));
            }
            Ok(())
        })?;
        Ok(out)
    }
}

impl ToJson for Answers {
    fn write(&self, w: &mut Writer) {
        w.object(|w| {
            for (id, answer) in &self.0 {
                w.field(&id.to_string(), answer);
            }
        });
    }
}

impl Serialize for Answers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// The schema of a map from question id to answer, as it always was.
impl JsonSchema for Answers {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answers".into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = <BTreeMap<QuestionId, Answer> as JsonSchema>::json_schema(g);
        schema.insert(
            "description".into(),
            "Answers keyed by question id. A question id given twice is an error, not silently the last.".into(),
        );
        schema
    }
}

/// Refuses a question answered twice, as [`FromJson`] does (serde's map would keep the last).
impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Answers;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("answers keyed by question id")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Answers, A::Error> {
                let mut out = Answers::default();
                while let Some((id, answer)) = map.next_entry::<QuestionId, Answer>()? {
                    if out.insert(id, answer).is_some() {
                        return Err(serde::de::Error::custom(format!("question {id} is answered twice")));
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(Visit)
    }
}

json_struct! {
    /// The maturity index: answers, the Findings and Actions table, dates and sign-off.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields, default)]
    pub struct Maturity {
        /// The rating (and comment) of each question answered.
        pub answers: Answers,
        /// The Findings and Actions table: any number of rows per domain.
        pub findings: Vec<FindingRow>,
        /// When the maturity index was completed (YYYY-MM-DD).
        pub date_completed: Option<String>,
        /// When it will next be reviewed (YYYY-MM-DD); not before `date_completed`.
        pub review_date: Option<String>,
        /// Who completed the index and who signed it off.
        pub sign_off: SignOff,
    }
}

json_struct! {
    /// A row of the Findings and Actions table.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields, default)]
    pub struct FindingRow {
        /// The domain number, 1 to 14.
        pub domain: u8,
        /// The question the finding came from, when it was added from a priority area.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub question: Option<QuestionId>,
        /// What was the finding.
        pub finding: String,
        /// What is the action.
        pub action: String,
        /// Who will be responsible for the action.
        pub owner: String,
        /// When the action will be completed (YYYY-MM-DD).
        pub due: Option<String>,
        /// Has the action been completed.
        pub completed: bool,
        /// Anything else the group noted.
        pub comments: String,
    }
}

json_struct! {
    /// Completion and sign-off of the maturity index.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields, default)]
    pub struct SignOff {
        /// Maturity Index completed by (Governance Committee Membership).
        pub committee: Vec<CommitteeMember>,
        /// The ICB's senior responsible owner.
        pub icb_sro: Signature,
        /// The trust's medical director.
        pub trust_medical_director: Signature,
        /// The trust's director of nursing.
        pub trust_director_of_nursing: Signature,
        /// The ICB's chief medical officer.
        pub icb_chief_medical_officer: Signature,
        /// The ICB's chief nursing officer.
        pub icb_chief_nursing_officer: Signature,
    }
}

keyword_enum! {
    /// Who signs the maturity index off, in the tool's order; the key is the field in
    /// `maturity.sign_off`.
    ///
    /// Exhaustive (not `#[non_exhaustive]`): the five signatories are fixed by the published
    /// tool's sign-off page.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
    pub enum Signatory {
        /// ICB SRO.
        IcbSro = "icb_sro", "ICB SRO",
        /// Trust Medical Director.
        TrustMedicalDirector = "trust_medical_director", "Trust Medical Director",
        /// Trust Director of Nursing.
        TrustDirectorOfNursing = "trust_director_of_nursing", "Trust Director of Nursing",
        /// ICB Chief Medical Officer.
        IcbChiefMedicalOfficer = "icb_chief_medical_officer", "ICB Chief Medical Officer",
        /// ICB Chief Nursing Officer.
        IcbChiefNursingOfficer = "icb_chief_nursing_officer", "ICB Chief Nursing Officer",
    }
}

impl SignOff {
    /// One signatory's signature.
    pub fn signature(&self, who: Signatory) -> &Signature {
        match who {
            Signatory::IcbSro => &self.icb_sro,
            Signatory::TrustMedicalDirector => &self.trust_medical_director,
            Signatory::TrustDirectorOfNursing => &self.trust_director_of_nursing,
            Signatory::IcbChiefMedicalOfficer => &self.icb_chief_medical_officer,
            Signatory::IcbChiefNursingOfficer => &self.icb_chief_nursing_officer,
        }
    }

    /// One signatory's signature, to change.
    pub fn signature_mut(&mut self, who: Signatory) -> &mut Signature {
        match who {
            Signatory::IcbSro => &mut self.icb_sro,
            Signatory::TrustMedicalDirector => &mut self.trust_medical_director,
            Signatory::TrustDirectorOfNursing => &mut self.trust_director_of_nursing,
            Signatory::IcbChiefMedicalOfficer => &mut self.icb_chief_medical_officer,
            Signatory::IcbChiefNursingOfficer => &mut self.icb_chief_nursing_officer,
        }
    }
}

json_struct! {
    /// A member of the governance committee that completed the index.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields, default)]
    pub struct CommitteeMember {
        /// Their name.
        pub name: String,
        /// Their role.
        pub designation: String,
    }
}

json_struct! {
    /// A signatory: the name typed in place of a signature, their organisation and the date.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields, default)]
    pub struct Signature {
        /// The name typed in place of a signature.
        pub name: String,
        /// Their organisation.
        pub organisation: String,
        /// YYYY-MM-DD.
        pub date: Option<String>,
    }
}

json_struct! {
    /// The national ICB review outcome template. The wording of each question, and when it must
    /// be answered, is in [`crate::template`].
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields, default)]
    pub struct Outcome {
        /// Review details.
        pub review: ReviewDetails,
        /// Which provider organisations were reviewed?
        pub organisations_reviewed: String,
        /// Which of their policies and practices were reviewed?
        pub policies_reviewed: String,
        /// Following your review are you assured that the services in your area are able to
        /// identify, maintain contact, and meet the needs of people who may require intensive
        /// and assertive community care and follow-up?
        pub assured: Option<bool>,
        /// If no, what gaps in their ability to meet the needs of this group were identified?
        pub gaps: String,
        /// If no, what are the barriers / challenges to the provision of intensive and
        /// assertive community mental health care?
        pub barriers: Barriers,
        /// The six provision questions.
        pub provision: Provision,
        /// What next steps have been identified to improve care for individuals in scope?
        pub next_steps: String,
        /// Areas of good practice to share, including innovative approaches or digital tools.
        pub good_practice: String,
        /// What additional support is required from NHSE to meet the needs of the individuals
        /// in scope?
        pub support_needed: String,
    }
}

json_struct! {
    /// Review details.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields, default)]
    pub struct ReviewDetails {
        /// The ICB's name.
        pub icb_name: String,
        /// One of NHS England's seven regions.
        pub region: String,
        /// The providers in your area which the review covers.
        pub providers: Vec<String>,
        /// Has the system completed a review of its policies and practices in line with
        /// national guidance?
        pub review_completed: Option<bool>,
        /// Name of SRO overseeing review.
        pub sro_name: String,
        /// Operational lead responsible for completing review.
        pub operational_lead: String,
        /// Email address of the operational lead.
        pub operational_lead_email: String,
    }
}

json_struct! {
    /// Barriers and challenges: the free text the template asks for, and categories for
    /// collation.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields, default)]
    pub struct Barriers {
        /// The barriers as the ICB describes them.
        pub text: String,
        /// The kinds of barrier described, each once.
        pub categories: Vec<BarrierCategory>,
    }
}

keyword_enum! {
    /// The kinds of barrier the guidance and returns name.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
    #[non_exhaustive]
    pub enum BarrierCategory {
        /// Staffing: recruitment, retention, capacity.
        Workforce = "workforce", "Workforce",
        /// Funding.
        Financial = "financial", "Financial",
        /// Skills and training of staff.
        TrainingAndCompetency = "training_and_competency", "Training and competency",
        /// Records, systems and sharing information.
        DigitalAndInformationSharing = "digital_and_information_sharing", "Digital and information sharing",
        /// Joint working between organisations.
        IntegrationBetweenProviders = "integration_between_providers", "Integration between providers",
        /// Accommodation and housing.
        Accommodation = "accommodation", "Accommodation and housing",
        /// Learning from incidents and reviews.
        LearningFromIncidents = "learning_from_incidents", "Learning from incidents and reviews",
        /// Anything else.
        Other = "other", "Other",
    }
}

impl Barriers {
    /// Ticks or unticks a category, keeping each category once and in [`BarrierCategory::ALL`]'s
    /// order.
    pub fn set_category(&mut self, category: BarrierCategory, on: bool) {
        self.categories.retain(|c| *c != category);
        if on {
            self.categories.push(category);
        }
        self.categories.sort();
        self.categories.dedup();
    }
}

/// Declares the provision questions once: the enum, the wire struct's fields (named by their
/// keys, documented with their wording) and the accessors between them.
macro_rules! provision_questions {
    ($( $variant:ident => $key:ident, $wording:literal; )*) => {
        /// One of the six provision questions of the template ("It would be good to understand
        /// some of the specific provision in place"). The index data links each to the
        /// maturity questions that evidence it; `build.rs` refuses a link to a key not here.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ProvisionQuestion {
            $(
                #[doc = $wording]
                $variant,
            )*
        }

        impl ProvisionQuestion {
            /// The six, in the template's order.
            pub const ALL: [ProvisionQuestion; 0 $( + $crate::keyword_enum!(@one $variant) )*] =
                [$( ProvisionQuestion::$variant ),*];

            /// The key under `outcome.provision`, such as `key_worker_continuity`.
            pub const fn key(self) -> &'static str {
                match self {
                    $( ProvisionQuestion::$variant => stringify!($key), )*
                }
            }

            /// The template's question, verbatim.
            pub const fn wording(self) -> &'static str {
                match self {
                    $( ProvisionQuestion::$variant => $wording, )*
                }
            }

            /// The question whose key is `key`.
            pub fn from_key(key: &str) -> Option<ProvisionQuestion> {
                ProvisionQuestion::ALL.into_iter().find(|q| q.key() == key)
            }
        }

        impl Serialize for ProvisionQuestion {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        json_struct! {
            /// The answers to the six provision questions.
            #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
            #[serde(deny_unknown_fields, default)]
            pub struct Provision {
                $(
                    #[doc = $wording]
                    pub $key: Option<bool>,
                )*
            }
        }

        impl Provision {
            /// The answer to one question.
            pub fn get(&self, question: ProvisionQuestion) -> Option<bool> {
                match question {
                    $( ProvisionQuestion::$variant => self.$key, )*
                }
            }

            /// The answer to one question, to change.
            pub fn get_mut(&mut self, question: ProvisionQuestion) -> &mut Option<bool> {
                match question {
                    $( ProvisionQuestion::$variant => &mut self.$key, )*
                }
            }
        }
    };
}

provision_questions! {
    KeyWorkerContinuity => key_worker_continuity,
        "Do you have key workers and/or care coordinators in place who can provide continuity of care during periods of service user disengagement?";
    FamiliesAndCarersInvolved => families_and_carers_involved, "Do services involve families and carers?";
    LongTermCarePlanning => long_term_care_planning, "Is there a process for long term planning of care?";
    InformationSharingProtocols => information_sharing_protocols, "Are there clear information sharing protocols in place?";
    DnaUsedAsDischargeReason => dna_used_as_discharge_reason,
        "Are DNAs ever used as a reason for discharge for this patient group?";
    MdtOverseesDischarge => mdt_oversees_discharge, "Are discharges overseen by a multi-disciplinary team?";
}

impl Provision {
    /// The six answers, in the template's order.
    pub fn answers(&self) -> [(ProvisionQuestion, Option<bool>); 6] {
        ProvisionQuestion::ALL.map(|q| (q, self.get(q)))
    }
}

json_struct! {
    /// About the file rather than the review.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields, default)]
    pub struct Meta {
        /// When the return was started (RFC 3339, such as 2024-09-30T14:05:00Z).
        pub created: Option<String>,
        /// When the return was last changed (RFC 3339); collation keeps the latest of duplicates.
        pub updated: Option<String>,
        /// The program that wrote the file, such as "iacmh 0.1.0".
        pub generator: String,
    }
}

impl Return {
    /// The review round the return is for: the round it names, or for a file that names none
    /// (every version 1 file) the NHS financial year of its completion date, else of when it
    /// was started (`meta.created`: unlike the last update, an edit after the year's end does
    /// not move it); `None` when it says nothing that dates it.
    pub fn round_or_implied(&self) -> Option<String> {
        if let Some(round) = self.round.as_deref().filter(|r| crate::validate::is_round(r)) {
            return Some(round.to_owned());
        }
        let completed = self.maturity.date_completed.as_deref().and_then(crate::Date::parse);
        let created = || self.meta.created.as_deref().and_then(|u| u.get(..10)).and_then(crate::Date::parse);
        completed.or_else(created).map(crate::Date::financial_year)
    }

    /// An empty draft for the given scope, answering the current index.
    pub fn new(scope: Scope) -> Return {
        Return {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            index_version: crate::Index::current().version.to_owned(),
            status: ReturnStatus::Draft,
            round: None,
            scope,
            maturity: Maturity::default(),
            outcome: Outcome::default(),
            completed_sections: Vec::new(),
            meta: Meta { generator: concat!("iacmh ", env!("CARGO_PKG_VERSION")).to_owned(), ..Meta::default() },
        }
    }

    /// Serialises the return as pretty-printed JSON, the form exported files take.
    pub fn to_json(&self) -> String {
        let mut w = Writer::new();
        w.value(self);
        w.finish()
    }
}

/// The JSON Schema (draft 2020-12) of return format v2, generated from these types.
pub fn schema() -> serde_json::Value {
    schemars::schema_for!(Return).to_value()
}
