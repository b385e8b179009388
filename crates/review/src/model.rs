//! Return format v1: the types of one ICB, provider or team return, which are the
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
/// The `format_version` this crate writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

json_struct! {
    /// One return: a completed (or partly completed) maturity index and national outcome
    /// template for one ICB, provider or team.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
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
        /// Who the return speaks for.
        pub scope: Scope,
        /// The maturity index: answers, findings and actions, dates and sign-off.
        pub maturity: Maturity,
        /// The national review outcome template.
        pub outcome: Outcome,
        /// About the file rather than the review.
        pub meta: Meta,
    }
}

fn format_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "const": FORMAT })
}

fn format_version_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "const": FORMAT_VERSION })
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

/// Answers keyed by question id. A question id given twice is an error, not silently the last.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<QuestionId, Answer>);

impl Answers {
    /// The answer to a question, if it has one.
    pub fn get(&self, id: QuestionId) -> Option<&Answer> {
        self.0.get(&id)
    }

    /// The rating of a question, if it has one.
    pub fn rating(&self, id: QuestionId) -> Option<Rating> {
        self.0.get(&id).map(|a| a.rating)
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
                let mut out = BTreeMap::new();
                while let Some((id, answer)) = map.next_entry::<QuestionId, Answer>()? {
                    if out.insert(id, answer).is_some() {
                        return Err(serde::de::Error::custom(format!("question {id} is answered twice")));
                    }
                }
                Ok(Answers(out))
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
    /// An empty draft for the given scope, answering the current index.
    pub fn new(scope: Scope) -> Return {
        Return {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            index_version: crate::Index::current().version.to_owned(),
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
