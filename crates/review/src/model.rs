//! Return format v1: the serde types of one ICB, provider or team return, which are the
//! compatibility promise of the JSON files people exchange. The JSON Schema is generated from
//! these types (see [`schema`]); their doc comments become its descriptions.
//!
//! Every container rejects unknown fields, so a misspelt key is an error rather than lost.
//! Fields below the top level may be left out: a half-finished return is a valid draft.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use crate::index::QuestionId;
use crate::json::{FromJson, JsonError, Reader, ToJson, Writer, json_keyword, json_struct};

/// The value of `format` in every return.
pub const FORMAT: &str = "iacmh-return";
/// The `format_version` this crate writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// One return: a completed (or partly completed) maturity index and national outcome template
/// for one ICB, provider or team.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "iacmh return, format version 1")]
pub struct Return {
    /// Always "iacmh-return".
    #[schemars(schema_with = "format_schema")]
    pub format: String,
    /// Always 1 for this version of the format.
    #[schemars(schema_with = "format_version_schema")]
    pub format_version: u32,
    /// The edition of the maturity index the answers refer to, such as "midlands-2024.1".
    pub index_version: String,
    pub scope: Scope,
    pub maturity: Maturity,
    pub outcome: Outcome,
    pub meta: Meta,
}

fn format_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "const": FORMAT })
}

fn format_version_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "const": FORMAT_VERSION })
}

/// Whether the return speaks for a whole ICB, one provider, or one team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScopeLevel {
    Icb,
    Provider,
    Team,
}

impl ScopeLevel {
    pub const ALL: [ScopeLevel; 3] = [ScopeLevel::Icb, ScopeLevel::Provider, ScopeLevel::Team];

    /// The key used in JSON, such as `provider`.
    pub fn key(self) -> &'static str {
        match self {
            ScopeLevel::Icb => "icb",
            ScopeLevel::Provider => "provider",
            ScopeLevel::Team => "team",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ScopeLevel::Icb => "ICB",
            ScopeLevel::Provider => "Provider",
            ScopeLevel::Team => "Team",
        }
    }
}

/// Who the return speaks for.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
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

/// A rating of one question, in the tool's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// "No, action is needed": nothing is in place and action IS needed.
    NoNeedsAction,
    /// "No, but action in hand".
    NoActionInHand,
    /// "Yes, but needs improvement".
    YesNeedsImprovement,
    /// "Yes, working well".
    YesWorkingWell,
    /// Does not apply to this ICB, provider or team; excluded from scores.
    NotApplicable,
}

impl Rating {
    pub const ALL: [Rating; 5] = [
        Rating::NoNeedsAction,
        Rating::NoActionInHand,
        Rating::YesNeedsImprovement,
        Rating::YesWorkingWell,
        Rating::NotApplicable,
    ];

    /// The tool's column heading.
    pub fn label(self) -> &'static str {
        match self {
            Rating::NoNeedsAction => "No, action is needed",
            Rating::NoActionInHand => "No, but action in hand",
            Rating::YesNeedsImprovement => "Yes, but needs improvement",
            Rating::YesWorkingWell => "Yes, working well",
            Rating::NotApplicable => "Not applicable",
        }
    }

    /// The key used in JSON, such as `no_needs_action`.
    pub fn key(self) -> &'static str {
        match self {
            Rating::NoNeedsAction => "no_needs_action",
            Rating::NoActionInHand => "no_action_in_hand",
            Rating::YesNeedsImprovement => "yes_needs_improvement",
            Rating::YesWorkingWell => "yes_working_well",
            Rating::NotApplicable => "not_applicable",
        }
    }

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
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The answer to one question.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub rating: Rating,
    /// What the group said: evidence, caveats, who holds the detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Answers keyed by question id. A question id given twice is an error, not silently the last.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<QuestionId, Answer>);

impl Answers {
    pub fn get(&self, id: QuestionId) -> Option<&Answer> {
        self.0.get(&id)
    }

    pub fn rating(&self, id: QuestionId) -> Option<Rating> {
        self.0.get(&id).map(|a| a.rating)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&QuestionId, &Answer)> {
        self.0.iter()
    }
}

impl FromJson for Answers {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let mut out = BTreeMap::new();
        r.object(&mut |r, key| {
            let id: QuestionId = key.parse().map_err(|e: crate::index::BadQuestionId| r.key_error(e.to_string()))?;
            let answer = r.read()?;
            if out.insert(id, answer).is_some() {
                return Err(r.key_error(format!("question {id} is answered twice; keep one answer")));
            }
            Ok(())
        })?;
        Ok(Answers(out))
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

impl FromJson for Answer {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let (mut rating, mut comment) = (None, None);
        r.fields(&["rating", "comment"], 0b01, &mut |r, i| {
            match i {
                0 => rating = Some(r.read()?),
                _ => comment = r.read()?,
            }
            Ok(())
        })?;
        // `fields` has checked that the required rating is present.
        Ok(Answer { rating: rating.unwrap_or(Rating::NotApplicable), comment })
    }
}

impl ToJson for Answer {
    fn write(&self, w: &mut Writer) {
        w.object(|w| {
            w.field("rating", &self.rating);
            w.field_if_some("comment", &self.comment);
        });
    }
}

/// The maturity index: answers, the Findings and Actions table, dates and sign-off.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Maturity {
    pub answers: Answers,
    /// The Findings and Actions table: any number of rows per domain.
    pub findings: Vec<FindingRow>,
    /// When the maturity index was completed (YYYY-MM-DD).
    pub date_completed: Option<String>,
    /// When it will next be reviewed (YYYY-MM-DD); not before `date_completed`.
    pub review_date: Option<String>,
    pub sign_off: SignOff,
}

/// A row of the Findings and Actions table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
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
    pub comments: String,
}

/// Completion and sign-off of the maturity index.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct SignOff {
    /// Maturity Index completed by (Governance Committee Membership).
    pub committee: Vec<CommitteeMember>,
    pub icb_sro: Signature,
    pub trust_medical_director: Signature,
    pub trust_director_of_nursing: Signature,
    pub icb_chief_medical_officer: Signature,
    pub icb_chief_nursing_officer: Signature,
}

/// Who signs the maturity index off, in the tool's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Signatory {
    IcbSro,
    TrustMedicalDirector,
    TrustDirectorOfNursing,
    IcbChiefMedicalOfficer,
    IcbChiefNursingOfficer,
}

impl Signatory {
    pub const ALL: [Signatory; 5] = [
        Signatory::IcbSro,
        Signatory::TrustMedicalDirector,
        Signatory::TrustDirectorOfNursing,
        Signatory::IcbChiefMedicalOfficer,
        Signatory::IcbChiefNursingOfficer,
    ];

    /// The key in `maturity.sign_off`.
    pub fn key(self) -> &'static str {
        match self {
            Signatory::IcbSro => "icb_sro",
            Signatory::TrustMedicalDirector => "trust_medical_director",
            Signatory::TrustDirectorOfNursing => "trust_director_of_nursing",
            Signatory::IcbChiefMedicalOfficer => "icb_chief_medical_officer",
            Signatory::IcbChiefNursingOfficer => "icb_chief_nursing_officer",
        }
    }

    /// The tool's label.
    pub fn label(self) -> &'static str {
        match self {
            Signatory::IcbSro => "ICB SRO",
            Signatory::TrustMedicalDirector => "Trust Medical Director",
            Signatory::TrustDirectorOfNursing => "Trust Director of Nursing",
            Signatory::IcbChiefMedicalOfficer => "ICB Chief Medical Officer",
            Signatory::IcbChiefNursingOfficer => "ICB Chief Nursing Officer",
        }
    }
}

impl SignOff {
    pub fn signature(&self, who: Signatory) -> &Signature {
        match who {
            Signatory::IcbSro => &self.icb_sro,
            Signatory::TrustMedicalDirector => &self.trust_medical_director,
            Signatory::TrustDirectorOfNursing => &self.trust_director_of_nursing,
            Signatory::IcbChiefMedicalOfficer => &self.icb_chief_medical_officer,
            Signatory::IcbChiefNursingOfficer => &self.icb_chief_nursing_officer,
        }
    }

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

#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CommitteeMember {
    pub name: String,
    pub designation: String,
}

/// A signatory: the name typed in place of a signature, their organisation and the date.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Signature {
    pub name: String,
    pub organisation: String,
    /// YYYY-MM-DD.
    pub date: Option<String>,
}

/// The national ICB review outcome template.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Outcome {
    pub review: ReviewDetails,
    /// Which provider organisations were reviewed?
    pub organisations_reviewed: String,
    /// Which of their policies and practices were reviewed?
    pub policies_reviewed: String,
    /// Following your review are you assured that the services in your area are able to
    /// identify, maintain contact, and meet the needs of people who may require intensive and
    /// assertive community care and follow-up?
    pub assured: Option<bool>,
    /// If no, what gaps in their ability to meet the needs of this group were identified?
    pub gaps: String,
    /// If no, what are the barriers / challenges to the provision of intensive and assertive
    /// community mental health care?
    pub barriers: Barriers,
    pub provision: Provision,
    /// What next steps have been identified to improve care for individuals in scope?
    pub next_steps: String,
    /// Areas of good practice to share, including innovative approaches or digital tools.
    pub good_practice: String,
    /// What additional support is required from NHSE to meet the needs of the individuals in
    /// scope?
    pub support_needed: String,
}

/// Review details.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ReviewDetails {
    pub icb_name: String,
    /// One of NHS England's seven regions.
    pub region: String,
    /// The providers in your area which the review covers.
    pub providers: Vec<String>,
    /// Has the system completed a review of its policies and practices in line with national
    /// guidance?
    pub review_completed: Option<bool>,
    /// Name of SRO overseeing review.
    pub sro_name: String,
    /// Operational lead responsible for completing review.
    pub operational_lead: String,
    /// Email address of the operational lead.
    pub operational_lead_email: String,
}

/// Barriers and challenges: the free text the template asks for, and categories for collation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Barriers {
    pub text: String,
    pub categories: Vec<BarrierCategory>,
}

/// The kinds of barrier the guidance and returns name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BarrierCategory {
    Workforce,
    Financial,
    TrainingAndCompetency,
    DigitalAndInformationSharing,
    IntegrationBetweenProviders,
    Accommodation,
    LearningFromIncidents,
    Other,
}

impl BarrierCategory {
    pub const ALL: [BarrierCategory; 8] = [
        BarrierCategory::Workforce,
        BarrierCategory::Financial,
        BarrierCategory::TrainingAndCompetency,
        BarrierCategory::DigitalAndInformationSharing,
        BarrierCategory::IntegrationBetweenProviders,
        BarrierCategory::Accommodation,
        BarrierCategory::LearningFromIncidents,
        BarrierCategory::Other,
    ];

    /// The key used in JSON, such as `training_and_competency`.
    pub fn key(self) -> &'static str {
        match self {
            BarrierCategory::Workforce => "workforce",
            BarrierCategory::Financial => "financial",
            BarrierCategory::TrainingAndCompetency => "training_and_competency",
            BarrierCategory::DigitalAndInformationSharing => "digital_and_information_sharing",
            BarrierCategory::IntegrationBetweenProviders => "integration_between_providers",
            BarrierCategory::Accommodation => "accommodation",
            BarrierCategory::LearningFromIncidents => "learning_from_incidents",
            BarrierCategory::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BarrierCategory::Workforce => "Workforce",
            BarrierCategory::Financial => "Financial",
            BarrierCategory::TrainingAndCompetency => "Training and competency",
            BarrierCategory::DigitalAndInformationSharing => "Digital and information sharing",
            BarrierCategory::IntegrationBetweenProviders => "Integration between providers",
            BarrierCategory::Accommodation => "Accommodation and housing",
            BarrierCategory::LearningFromIncidents => "Learning from incidents and reviews",
            BarrierCategory::Other => "Other",
        }
    }
}

/// The six provision questions ("It would be good to understand some of the specific
/// provision in place").
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Provision {
    /// Do you have key workers and/or care coordinators in place who can provide continuity of
    /// care during periods of service user disengagement?
    pub key_worker_continuity: Option<bool>,
    /// Do services involve families and carers?
    pub families_and_carers_involved: Option<bool>,
    /// Is there a process for long term planning of care?
    pub long_term_care_planning: Option<bool>,
    /// Are there clear information sharing protocols in place?
    pub information_sharing_protocols: Option<bool>,
    /// Are DNAs ever used as a reason for discharge for this patient group?
    pub dna_used_as_discharge_reason: Option<bool>,
    /// Are discharges overseen by a multi-disciplinary team?
    pub mdt_oversees_discharge: Option<bool>,
}

impl Provision {
    /// The six answers with their keys, in the template's order.
    pub fn answers(&self) -> [(&'static str, Option<bool>); 6] {
        [
            ("key_worker_continuity", self.key_worker_continuity),
            ("families_and_carers_involved", self.families_and_carers_involved),
            ("long_term_care_planning", self.long_term_care_planning),
            ("information_sharing_protocols", self.information_sharing_protocols),
            ("dna_used_as_discharge_reason", self.dna_used_as_discharge_reason),
            ("mdt_oversees_discharge", self.mdt_oversees_discharge),
        ]
    }
}

/// About the file rather than the review.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Meta {
    /// When the return was started (RFC 3339, such as 2024-09-30T14:05:00Z).
    pub created: Option<String>,
    /// When the return was last changed (RFC 3339); collation keeps the latest of duplicates.
    pub updated: Option<String>,
    /// The program that wrote the file, such as "iacmh 0.1.0".
    pub generator: String,
}

impl Return {
    /// An empty draft for the given scope, answering the current index.
    pub fn new(scope: Scope) -> Return {
        Return {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            index_version: crate::Index::current().version.clone(),
            scope,
            maturity: Maturity::default(),
            outcome: Outcome::default(),
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

/// The JSON Schema (draft 2020-12) of return format v1, generated from these types.
pub fn schema() -> serde_json::Value {
    schemars::schema_for!(Return).to_value()
}

impl FromJson for Return {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        const NAMES: &[&str] = &["format", "format_version", "index_version", "scope", "maturity", "outcome", "meta"];
        let mut ret = Return::new(Scope::default());
        r.fields(NAMES, 0b111_1111, &mut |r, i| {
            match i {
                0 => ret.format = r.read()?,
                1 => ret.format_version = r.read()?,
                2 => ret.index_version = r.read()?,
                3 => ret.scope = r.read()?,
                4 => ret.maturity = r.read()?,
                5 => ret.outcome = r.read()?,
                _ => ret.meta = r.read()?,
            }
            Ok(())
        })?;
        Ok(ret)
    }
}

impl ToJson for Return {
    fn write(&self, w: &mut Writer) {
        w.object(|w| {
            w.field("format", &self.format);
            w.field("format_version", &self.format_version);
            w.field("index_version", &self.index_version);
            w.field("scope", &self.scope);
            w.field("maturity", &self.maturity);
            w.field("outcome", &self.outcome);
            w.field("meta", &self.meta);
        });
    }
}

impl FromJson for Scope {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let mut scope = Scope::default();
        r.fields(&["level", "icb", "region", "organisation", "team"], 0b1, &mut |r, i| {
            match i {
                0 => scope.level = r.read()?,
                1 => scope.icb = r.read()?,
                2 => scope.region = r.read()?,
                3 => scope.organisation = r.read()?,
                _ => scope.team = r.read()?,
            }
            Ok(())
        })?;
        Ok(scope)
    }
}

impl ToJson for Scope {
    fn write(&self, w: &mut Writer) {
        w.object(|w| {
            w.field("level", &self.level);
            w.field("icb", &self.icb);
            w.field("region", &self.region);
            w.field("organisation", &self.organisation);
            w.field("team", &self.team);
        });
    }
}

json_keyword!(ScopeLevel);
json_keyword!(Rating);
json_keyword!(BarrierCategory);
json_struct!(Maturity { answers, findings, date_completed, review_date, sign_off });
json_struct!(FindingRow { domain, question: skip_none, finding, action, owner, due, completed, comments });
json_struct!(SignOff {
    committee,
    icb_sro,
    trust_medical_director,
    trust_director_of_nursing,
    icb_chief_medical_officer,
    icb_chief_nursing_officer,
});
json_struct!(CommitteeMember { name, designation });
json_struct!(Signature { name, organisation, date });
json_struct!(Outcome {
    review,
    organisations_reviewed,
    policies_reviewed,
    assured,
    gaps,
    barriers,
    provision,
    next_steps,
    good_practice,
    support_needed,
});
json_struct!(ReviewDetails {
    icb_name,
    region,
    providers,
    review_completed,
    sro_name,
    operational_lead,
    operational_lead_email,
});
json_struct!(Barriers { text, categories });
json_struct!(Provision {
    key_worker_continuity,
    families_and_carers_involved,
    long_term_care_planning,
    information_sharing_protocols,
    dna_used_as_discharge_reason,
    mdt_oversees_discharge,
});
json_struct!(Meta { created, updated, generator });
