//! The national ICB review outcome template as a registry of fields: the template's wording,
//! the section each belongs to, when it is required, and the message shown when it is missing.
//! Validation, completeness and the widget's labels all read this one list.

use serde::Serialize;

use crate::model::Outcome;

/// A section of the template, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    ReviewDetails,
    Involvement,
    Policies,
    Outcome,
    Provision,
    Closing,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::ReviewDetails,
        Section::Involvement,
        Section::Policies,
        Section::Outcome,
        Section::Provision,
        Section::Closing,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::ReviewDetails => "Review details",
            Section::Involvement => "Involvement of all relevant services and stakeholders",
            Section::Policies => "Policies and practices reviewed",
            Section::Outcome => "Outcome of review",
            Section::Provision => "Specific provision in place",
            Section::Closing => "Next steps and closing questions",
        }
    }
}

/// What kind of answer a field takes, which decides the control a form shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A line of text.
    Text,
    /// An email address.
    Email,
    /// Paragraphs of text.
    LongText,
    /// A list, one item per line.
    Lines,
    /// Yes or no.
    YesNo,
}

/// When a field must be filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    Always,
    /// Only when the ICB is not assured (`outcome.assured` is false).
    WhenNotAssured,
    Optional,
}

/// A field of the template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    IcbName,
    Region,
    Providers,
    ReviewCompleted,
    SroName,
    OperationalLead,
    OperationalLeadEmail,
    OrganisationsReviewed,
    PoliciesReviewed,
    Assured,
    Gaps,
    Barriers,
    KeyWorkerContinuity,
    FamiliesAndCarersInvolved,
    LongTermCarePlanning,
    InformationSharingProtocols,
    DnaUsedAsDischargeReason,
    MdtOverseesDischarge,
    NextSteps,
    GoodPractice,
    SupportNeeded,
}

impl Field {
    pub const ALL: [Field; 21] = [
        Field::IcbName,
        Field::Region,
        Field::Providers,
        Field::ReviewCompleted,
        Field::SroName,
        Field::OperationalLead,
        Field::OperationalLeadEmail,
        Field::OrganisationsReviewed,
        Field::PoliciesReviewed,
        Field::Assured,
        Field::Gaps,
        Field::Barriers,
        Field::KeyWorkerContinuity,
        Field::FamiliesAndCarersInvolved,
        Field::LongTermCarePlanning,
        Field::InformationSharingProtocols,
        Field::DnaUsedAsDischargeReason,
        Field::MdtOverseesDischarge,
        Field::NextSteps,
        Field::GoodPractice,
        Field::SupportNeeded,
    ];

    /// The JSON Pointer of the field in a return.
    pub fn pointer(self) -> &'static str {
        use Field::*;
        match self {
            IcbName => "/outcome/review/icb_name",
            Region => "/outcome/review/region",
            Providers => "/outcome/review/providers",
            ReviewCompleted => "/outcome/review/review_completed",
            SroName => "/outcome/review/sro_name",
            OperationalLead => "/outcome/review/operational_lead",
            OperationalLeadEmail => "/outcome/review/operational_lead_email",
            OrganisationsReviewed => "/outcome/organisations_reviewed",
            PoliciesReviewed => "/outcome/policies_reviewed",
            Assured => "/outcome/assured",
            Gaps => "/outcome/gaps",
            Barriers => "/outcome/barriers/text",
            KeyWorkerContinuity => "/outcome/provision/key_worker_continuity",
            FamiliesAndCarersInvolved => "/outcome/provision/families_and_carers_involved",
            LongTermCarePlanning => "/outcome/provision/long_term_care_planning",
            InformationSharingProtocols => "/outcome/provision/information_sharing_protocols",
            DnaUsedAsDischargeReason => "/outcome/provision/dna_used_as_discharge_reason",
            MdtOverseesDischarge => "/outcome/provision/mdt_oversees_discharge",
            NextSteps => "/outcome/next_steps",
            GoodPractice => "/outcome/good_practice",
            SupportNeeded => "/outcome/support_needed",
        }
    }

    pub fn section(self) -> Section {
        use Field::*;
        match self {
            IcbName | Region | Providers | ReviewCompleted | SroName | OperationalLead | OperationalLeadEmail => {
                Section::ReviewDetails
            }
            OrganisationsReviewed => Section::Involvement,
            PoliciesReviewed => Section::Policies,
            Assured | Gaps | Barriers => Section::Outcome,
            KeyWorkerContinuity
            | FamiliesAndCarersInvolved
            | LongTermCarePlanning
            | InformationSharingProtocols
            | DnaUsedAsDischargeReason
            | MdtOverseesDischarge => Section::Provision,
            NextSteps | GoodPractice | SupportNeeded => Section::Closing,
        }
    }

    pub fn requirement(self) -> Requirement {
        match self {
            Field::Gaps | Field::Barriers => Requirement::WhenNotAssured,
            Field::GoodPractice | Field::SupportNeeded => Requirement::Optional,
            _ => Requirement::Always,
        }
    }

    pub fn kind(self) -> Kind {
        use Field::*;
        match self {
            IcbName | Region | SroName | OperationalLead => Kind::Text,
            OperationalLeadEmail => Kind::Email,
            Providers => Kind::Lines,
            ReviewCompleted
            | Assured
            | KeyWorkerContinuity
            | FamiliesAndCarersInvolved
            | LongTermCarePlanning
            | InformationSharingProtocols
            | DnaUsedAsDischargeReason
            | MdtOverseesDischarge => Kind::YesNo,
            OrganisationsReviewed | PoliciesReviewed | Gaps | Barriers | NextSteps | GoodPractice | SupportNeeded => {
                Kind::LongText
            }
        }
    }

    /// The key under `outcome.provision` for the six provision questions.
    pub fn provision_key(self) -> Option<&'static str> {
        self.section().eq(&Section::Provision).then(|| self.pointer().rsplit('/').next().unwrap_or_default())
    }

    fn text_ref(self, o: &Outcome) -> Option<&String> {
        use Field::*;
        Some(match self {
            IcbName => &o.review.icb_name,
            Region => &o.review.region,
            SroName => &o.review.sro_name,
            OperationalLead => &o.review.operational_lead,
            OperationalLeadEmail => &o.review.operational_lead_email,
            OrganisationsReviewed => &o.organisations_reviewed,
            PoliciesReviewed => &o.policies_reviewed,
            Gaps => &o.gaps,
            Barriers => &o.barriers.text,
            NextSteps => &o.next_steps,
            GoodPractice => &o.good_practice,
            SupportNeeded => &o.support_needed,
            _ => return None,
        })
    }

    fn text_mut(self, o: &mut Outcome) -> Option<&mut String> {
        use Field::*;
        Some(match self {
            IcbName => &mut o.review.icb_name,
            Region => &mut o.review.region,
            SroName => &mut o.review.sro_name,
            OperationalLead => &mut o.review.operational_lead,
            OperationalLeadEmail => &mut o.review.operational_lead_email,
            OrganisationsReviewed => &mut o.organisations_reviewed,
            PoliciesReviewed => &mut o.policies_reviewed,
            Gaps => &mut o.gaps,
            Barriers => &mut o.barriers.text,
            NextSteps => &mut o.next_steps,
            GoodPractice => &mut o.good_practice,
            SupportNeeded => &mut o.support_needed,
            _ => return None,
        })
    }

    fn bool_mut(self, o: &mut Outcome) -> Option<&mut Option<bool>> {
        use Field::*;
        let p = &mut o.provision;
        Some(match self {
            ReviewCompleted => &mut o.review.review_completed,
            Assured => &mut o.assured,
            KeyWorkerContinuity => &mut p.key_worker_continuity,
            FamiliesAndCarersInvolved => &mut p.families_and_carers_involved,
            LongTermCarePlanning => &mut p.long_term_care_planning,
            InformationSharingProtocols => &mut p.information_sharing_protocols,
            DnaUsedAsDischargeReason => &mut p.dna_used_as_discharge_reason,
            MdtOverseesDischarge => &mut p.mdt_oversees_discharge,
            _ => return None,
        })
    }

    /// The field's text as a form shows it (a list is one item per line).
    pub fn text(self, o: &Outcome) -> String {
        if self == Field::Providers {
            return o.review.providers.join("\n");
        }
        self.text_ref(o).cloned().unwrap_or_default()
    }

    /// Sets a text, email, long-text or list field; other kinds are left alone.
    pub fn set_text(self, o: &mut Outcome, value: &str) {
        if self == Field::Providers {
            o.review.providers = value.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
        } else if let Some(slot) = self.text_mut(o) {
            *slot = value.to_owned();
        }
    }

    /// The answer of a yes/no field.
    pub fn answer(self, o: &Outcome) -> Option<bool> {
        use Field::*;
        let p = &o.provision;
        match self {
            ReviewCompleted => o.review.review_completed,
            Assured => o.assured,
            KeyWorkerContinuity => p.key_worker_continuity,
            FamiliesAndCarersInvolved => p.families_and_carers_involved,
            LongTermCarePlanning => p.long_term_care_planning,
            InformationSharingProtocols => p.information_sharing_protocols,
            DnaUsedAsDischargeReason => p.dna_used_as_discharge_reason,
            MdtOverseesDischarge => p.mdt_oversees_discharge,
            _ => None,
        }
    }

    /// Sets a yes/no field; other kinds are left alone.
    pub fn set_answer(self, o: &mut Outcome, value: Option<bool>) {
        if let Some(slot) = self.bool_mut(o) {
            *slot = value;
        }
    }

    /// The template's wording of the question.
    pub fn label(self) -> &'static str {
        use Field::*;
        match self {
            IcbName => "ICB Name",
            Region => "Region",
            Providers => "Please list the providers in your area, which the review covers",
            ReviewCompleted => {
                "Has system completed a review of its policies and practices in line with national guidance?"
            }
            SroName => "Name of SRO overseeing review",
            OperationalLead => "Operational lead responsible for completing review",
            OperationalLeadEmail => {
                "Please provide the email address for the operational lead responsible for completing the review"
            }
            OrganisationsReviewed => "Which provider organisations were reviewed?",
            PoliciesReviewed => "Which of their policies and practices were reviewed?",
            Assured => {
                "Following your review are you assured that the services in your area are able to identify, maintain contact, and meet the needs of people who may require intensive and assertive community care and follow-up?"
            }
            Gaps => "If no, what are gaps in their ability to meet the needs of this group were identified?",
            Barriers => {
                "If no, what are the barriers / challenges that were identified to the provision of intensive and assertive community mental health care as described in the national guidance? (e.g. workforce, financial, etc.)"
            }
            KeyWorkerContinuity => {
                "Do you have key workers and/or care coordinators in place who can provide continuity of care during periods of service user disengagement?"
            }
            FamiliesAndCarersInvolved => "Do services involve families and carers?",
            LongTermCarePlanning => "Is there a process for long term planning of care?",
            InformationSharingProtocols => "Are there clear information sharing protocols in place?",
            DnaUsedAsDischargeReason => "Are DNAs ever used as a reason for discharge for this patient group?",
            MdtOverseesDischarge => "Are discharges overseen by a multi-disciplinary team?",
            NextSteps => {
                "What next steps have been identified to improve care for individuals in scope of the review following the completion of your review?"
            }
            GoodPractice => {
                "Following the review were areas of good practice identified that you would like to share, including any innovative approaches or use of digital tools? If yes, please provide details"
            }
            SupportNeeded => {
                "What additional support is required from NHSE to meet the needs of the individuals in scope?"
            }
        }
    }

    /// What to tell a person who left the field empty, in the GOV.UK error-message style.
    pub fn missing_message(self) -> &'static str {
        use Field::*;
        match self {
            IcbName => "Enter the ICB name",
            Region => "Select the region",
            Providers => "List the providers the review covers",
            ReviewCompleted => "Select whether the system has completed a review of its policies and practices",
            SroName => "Enter the name of the SRO overseeing the review",
            OperationalLead => "Enter the name of the operational lead responsible for completing the review",
            OperationalLeadEmail => "Enter the email address of the operational lead",
            OrganisationsReviewed => "Enter which provider organisations were reviewed",
            PoliciesReviewed => "Enter which policies and practices were reviewed",
            Assured => {
                "Select whether you are assured that services can identify, keep in contact with and meet the needs of people in scope"
            }
            Gaps => "Enter the gaps you identified, as you are not assured",
            Barriers => "Enter the barriers and challenges you identified, as you are not assured",
            KeyWorkerContinuity => {
                "Select whether key workers or care coordinators provide continuity of care during disengagement"
            }
            FamiliesAndCarersInvolved => "Select whether services involve families and carers",
            LongTermCarePlanning => "Select whether there is a process for long term planning of care",
            InformationSharingProtocols => "Select whether there are clear information sharing protocols",
            DnaUsedAsDischargeReason => "Select whether DNAs are ever used as a reason for discharge",
            MdtOverseesDischarge => "Select whether a multi-disciplinary team oversees discharges",
            NextSteps => "Enter the next steps identified to improve care",
            GoodPractice => "Enter any areas of good practice",
            SupportNeeded => "Enter any support needed from NHS England",
        }
    }

    /// Whether the field has been filled in.
    pub fn is_filled(self, o: &Outcome) -> bool {
        match self.kind() {
            Kind::YesNo => self.answer(o).is_some(),
            Kind::Lines => o.review.providers.iter().any(|p| !p.trim().is_empty()),
            _ => self.text_ref(o).is_some_and(|t| !t.trim().is_empty()),
        }
    }

    /// Whether this return must fill the field in.
    pub fn is_required(self, o: &Outcome) -> bool {
        match self.requirement() {
            Requirement::Always => true,
            Requirement::WhenNotAssured => o.assured == Some(false),
            Requirement::Optional => false,
        }
    }
}
