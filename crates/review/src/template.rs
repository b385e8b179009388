//! The national ICB review outcome template as one table: each field is a single entry
//! ([`FieldDef`]) giving its wording, hint, section, kind, when it is required, the messages
//! shown about it and where it lives in a return. Its JSON Pointer and its accessors are
//! generated from the one path to its value in [`Outcome`], so they cannot disagree.
//! Validation, completeness, the widget's pages, the board summary and the CLI all read this
//! table (the way ripgrep's `flags/defs.rs` defines each flag once).
//!
//! To add a field: add it to [`Outcome`] (or a struct under it), then one entry to
//! `template_fields!` below, then regenerate the schema (see ARCHITECTURE.md).
//!
//! This module is public API: a front end asks it how to show each field (its [`Section`],
//! [`Kind`] of control, label, hint, and whether [`Field::is_shown`] to this return) and reads
//! and writes values through [`Field`] rather than naming `Outcome`'s fields itself. The
//! template will grow, so [`Field`], [`Section`], [`Kind`] and [`Requirement`] are
//! `#[non_exhaustive]`: iterate [`Field::ALL`] rather than matching on every field.
//!
//! ```
//! use iacmh_review::template::Field;
//!
//! let ret = iacmh_review::example::complete();
//! for field in Field::ALL.into_iter().filter(|f| f.is_shown(&ret.outcome)) {
//!     let required = field.is_required(&ret);
//!     println!("{} {}: {}", if required { "*" } else { " " }, field.label(), field.text(&ret.outcome));
//! }
//! ```

use serde::Serialize;

use crate::keyword_enum;
use crate::model::{Outcome, ProvisionQuestion, Return, ScopeLevel};
use crate::validate::{MAX_LIST, MAX_LONG_TEXT, MAX_SHORT_TEXT};

keyword_enum! {
    /// A section of the template, in its order.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[non_exhaustive]
    pub enum Section {
        /// Review details.
        ReviewDetails = "review_details", "Review details",
        /// Involvement of all relevant services and stakeholders.
        Involvement = "involvement", "Involvement of all relevant services and stakeholders",
        /// Policies and practices reviewed.
        Policies = "policies", "Policies and practices reviewed",
        /// Outcome of review.
        Outcome = "outcome", "Outcome of review",
        /// Specific provision in place.
        Provision = "provision", "Specific provision in place",
        /// Next steps and closing questions.
        Closing = "closing", "Next steps and closing questions",
    }
}

impl Section {
    /// The section's heading.
    pub fn title(self) -> &'static str {
        self.label()
    }
}

keyword_enum! {
    /// What kind of answer a field takes, which decides the control a form shows and how long
    /// the answer may be.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    #[non_exhaustive]
    pub enum Kind {
        /// A line of text.
        Text = "text",
        /// An email address.
        Email = "email",
        /// Paragraphs of text.
        LongText = "long_text",
        /// A list, one item per line.
        Lines = "lines",
        /// Yes or no.
        YesNo = "yes_no",
    }
}

impl Kind {
    /// The most characters a text of this kind (or each item of a list) may have.
    pub fn max_chars(self) -> usize {
        match self {
            Kind::LongText => MAX_LONG_TEXT,
            _ => MAX_SHORT_TEXT,
        }
    }

    /// The most items a list may have.
    pub fn max_items(self) -> usize {
        MAX_LIST
    }
}

keyword_enum! {
    /// When a field must be filled in.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    #[non_exhaustive]
    pub enum Requirement {
        /// Every return answers it.
        Always = "always",
        /// Only when the ICB is not assured (`outcome.assured` is false); a form shows it only
        /// then.
        WhenNotAssured = "when_not_assured",
        /// Never required.
        Optional = "optional",
    }
}

/// How a field's value is reached in an [`Outcome`]: generated with the pointer from one path.
#[derive(Clone, Copy)]
enum Access {
    Text(fn(&Outcome) -> &String, fn(&mut Outcome) -> &mut String),
    Lines(fn(&Outcome) -> &Vec<String>, fn(&mut Outcome) -> &mut Vec<String>),
    YesNo(fn(&Outcome) -> &Option<bool>, fn(&mut Outcome) -> &mut Option<bool>),
}

/// One field of the template.
#[derive(Clone, Copy)]
pub struct FieldDef {
    /// The field.
    pub field: Field,
    /// Its key: the last step of its pointer (such as `sro_name`), unless the entry names one.
    pub key: &'static str,
    /// Its JSON Pointer in a return, such as `/outcome/review/sro_name`.
    pub pointer: &'static str,
    /// The section it belongs to.
    pub section: Section,
    /// The control it takes.
    pub kind: Kind,
    /// When it must be answered.
    pub requirement: Requirement,
    /// The template's wording of the question.
    pub label: &'static str,
    /// Help shown under the label, if any.
    pub hint: Option<&'static str>,
    /// What to tell a person who left it empty, in the GOV.UK error-message style.
    pub missing: &'static str,
    /// How a message names its value, such as "The SRO's name" ("... is 400 characters long").
    pub noun: &'static str,
    access: Access,
}

impl std::fmt::Debug for FieldDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldDef").field("field", &self.field).field("pointer", &self.pointer).finish_non_exhaustive()
    }
}

/// Declares the fields: the enum, `Field::ALL` and the table, from one entry per field.
macro_rules! template_fields {
    ($(
        $(#[$doc:meta])*
        $variant:ident {
            at: $kind:ident($first:ident $(. $rest:ident)*),
            $(key: $key:literal,)?
            section: $section:ident,
            requirement: $requirement:ident,
            label: $label:expr,
            $(hint: $hint:literal,)?
            missing: $missing:literal,
            noun: $noun:literal $(,)?
        }
    ),* $(,)?) => {
        /// A field of the template; [`Field::def`] has everything about it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        #[serde(into = "&'static str")]
        #[non_exhaustive]
        pub enum Field {
            $( $(#[$doc])* $variant, )*
        }

        impl Field {
            /// Every field, in the template's order.
            pub const ALL: [Field; 0 $( + $crate::keyword_enum!(@one $variant) )*] = [$( Field::$variant ),*];
        }

        static FIELDS: [FieldDef; Field::ALL.len()] = [$(
            FieldDef {
                field: Field::$variant,
                key: template_fields!(@key [$($key)?] $first $($rest)*),
                pointer: concat!("/outcome/", stringify!($first) $(, "/", stringify!($rest))*),
                section: Section::$section,
                kind: template_fields!(@kind $kind),
                requirement: Requirement::$requirement,
                label: $label,
                hint: template_fields!(@opt $($hint)?),
                missing: $missing,
                noun: $noun,
                access: template_fields!(@access $kind ($first $(. $rest)*)),
            },
        )*];
    };
    (@key [$key:literal] $($path:ident)+) => { $key };
    (@key [] $last:ident) => { stringify!($last) };
    (@key [] $first:ident $($rest:ident)+) => { template_fields!(@key [] $($rest)+) };
    (@opt) => { None };
    (@opt $hint:literal) => { Some($hint) };
    (@kind text) => { Kind::Text };
    (@kind email) => { Kind::Email };
    (@kind long_text) => { Kind::LongText };
    (@kind lines) => { Kind::Lines };
    (@kind yes_no) => { Kind::YesNo };
    (@access lines ($($path:tt)*)) => { Access::Lines(|o| &o.$($path)*, |o| &mut o.$($path)*) };
    (@access yes_no ($($path:tt)*)) => { Access::YesNo(|o| &o.$($path)*, |o| &mut o.$($path)*) };
    (@access $text:ident ($($path:tt)*)) => { Access::Text(|o| &o.$($path)*, |o| &mut o.$($path)*) };
}

template_fields! {
    /// ICB Name.
    IcbName {
        at: text(review.icb_name),
        section: ReviewDetails,
        requirement: Always,
        label: "ICB Name",
        missing: "Enter the ICB name",
        noun: "The ICB name",
    },
    /// Region.
    Region {
        at: text(review.region),
        section: ReviewDetails,
        requirement: Always,
        label: "Region",
        missing: "Select the region",
        noun: "The region",
    },
    /// The providers the review covers.
    Providers {
        at: lines(review.providers),
        section: ReviewDetails,
        requirement: Always,
        label: "Please list the providers in your area, which the review covers",
        hint: "One per line",
        missing: "List the providers the review covers",
        noun: "The provider's name",
    },
    /// Whether the system has completed a review.
    ReviewCompleted {
        at: yes_no(review.review_completed),
        section: ReviewDetails,
        requirement: Always,
        label: "Has system completed a review of its policies and practices in line with national guidance?",
        missing: "Select whether the system has completed a review of its policies and practices",
        noun: "The answer",
    },
    /// The SRO.
    SroName {
        at: text(review.sro_name),
        section: ReviewDetails,
        requirement: Always,
        label: "Name of SRO overseeing review",
        missing: "Enter the name of the SRO overseeing the review",
        noun: "The SRO's name",
    },
    /// The operational lead.
    OperationalLead {
        at: text(review.operational_lead),
        section: ReviewDetails,
        requirement: Always,
        label: "Operational lead responsible for completing review",
        missing: "Enter the name of the operational lead responsible for completing the review",
        noun: "The operational lead's name",
    },
    /// The operational lead's email address.
    OperationalLeadEmail {
        at: email(review.operational_lead_email),
        section: ReviewDetails,
        requirement: Always,
        label: "Please provide the email address for the operational lead responsible for completing the review",
        missing: "Enter the email address of the operational lead",
        noun: "The email address",
    },
    /// Which provider organisations were reviewed.
    OrganisationsReviewed {
        at: long_text(organisations_reviewed),
        section: Involvement,
        requirement: Always,
        label: "Which provider organisations were reviewed?",
        missing: "Enter which provider organisations were reviewed",
        noun: "The answer",
    },
    /// Which policies and practices were reviewed.
    PoliciesReviewed {
        at: long_text(policies_reviewed),
        section: Policies,
        requirement: Always,
        label: "Which of their policies and practices were reviewed?",
        missing: "Enter which policies and practices were reviewed",
        noun: "The answer",
    },
    /// Whether the ICB is assured.
    Assured {
        at: yes_no(assured),
        section: Outcome,
        requirement: Always,
        label: "Following your review are you assured that the services in your area are able to identify, maintain contact, and meet the needs of people who may require intensive and assertive community care and follow-up?",
        missing: "Select whether you are assured that services can identify, keep in contact with and meet the needs of people in scope",
        noun: "The answer",
    },
    /// The gaps found, when not assured.
    Gaps {
        at: long_text(gaps),
        section: Outcome,
        requirement: WhenNotAssured,
        label: "If no, what are gaps in their ability to meet the needs of this group were identified?",
        missing: "Enter the gaps you identified, as you are not assured",
        noun: "The gaps",
    },
    /// The barriers found, when not assured.
    Barriers {
        at: long_text(barriers.text),
        key: "barriers",
        section: Outcome,
        requirement: WhenNotAssured,
        label: "If no, what are the barriers / challenges that were identified to the provision of intensive and assertive community mental health care as described in the national guidance? (e.g. workforce, financial, etc.)",
        missing: "Enter the barriers and challenges you identified, as you are not assured",
        noun: "The barriers",
    },
    /// Key workers' continuity of care.
    KeyWorkerContinuity {
        at: yes_no(provision.key_worker_continuity),
        section: Provision,
        requirement: Always,
        label: ProvisionQuestion::KeyWorkerContinuity.wording(),
        missing: "Select whether key workers or care coordinators provide continuity of care during disengagement",
        noun: "The answer",
    },
    /// Families and carers involved.
    FamiliesAndCarersInvolved {
        at: yes_no(provision.families_and_carers_involved),
        section: Provision,
        requirement: Always,
        label: ProvisionQuestion::FamiliesAndCarersInvolved.wording(),
        missing: "Select whether services involve families and carers",
        noun: "The answer",
    },
    /// Long-term care planning.
    LongTermCarePlanning {
        at: yes_no(provision.long_term_care_planning),
        section: Provision,
        requirement: Always,
        label: ProvisionQuestion::LongTermCarePlanning.wording(),
        missing: "Select whether there is a process for long term planning of care",
        noun: "The answer",
    },
    /// Information sharing protocols.
    InformationSharingProtocols {
        at: yes_no(provision.information_sharing_protocols),
        section: Provision,
        requirement: Always,
        label: ProvisionQuestion::InformationSharingProtocols.wording(),
        missing: "Select whether there are clear information sharing protocols",
        noun: "The answer",
    },
    /// DNAs as a reason for discharge.
    DnaUsedAsDischargeReason {
        at: yes_no(provision.dna_used_as_discharge_reason),
        section: Provision,
        requirement: Always,
        label: ProvisionQuestion::DnaUsedAsDischargeReason.wording(),
        missing: "Select whether DNAs are ever used as a reason for discharge",
        noun: "The answer",
    },
    /// Discharges overseen by a multi-disciplinary team.
    MdtOverseesDischarge {
        at: yes_no(provision.mdt_oversees_discharge),
        section: Provision,
        requirement: Always,
        label: ProvisionQuestion::MdtOverseesDischarge.wording(),
        missing: "Select whether a multi-disciplinary team oversees discharges",
        noun: "The answer",
    },
    /// Next steps.
    NextSteps {
        at: long_text(next_steps),
        section: Closing,
        requirement: Always,
        label: "What next steps have been identified to improve care for individuals in scope of the review following the completion of your review?",
        missing: "Enter the next steps identified to improve care",
        noun: "The next steps",
    },
    /// Good practice to share.
    GoodPractice {
        at: long_text(good_practice),
        section: Closing,
        requirement: Optional,
        label: "Following the review were areas of good practice identified that you would like to share, including any innovative approaches or use of digital tools? If yes, please provide details",
        missing: "Enter any areas of good practice",
        noun: "The good practice",
    },
    /// Support needed from NHS England.
    SupportNeeded {
        at: long_text(support_needed),
        section: Closing,
        requirement: Optional,
        label: "What additional support is required from NHSE to meet the needs of the individuals in scope?",
        missing: "Enter any support needed from NHS England",
        noun: "The support needed",
    },
}

impl From<Field> for &'static str {
    fn from(field: Field) -> &'static str {
        field.def().key
    }
}

impl Field {
    /// Everything about the field.
    pub fn def(self) -> &'static FieldDef {
        &FIELDS[self as usize]
    }

    /// The field at a JSON Pointer, if one is there.
    pub fn at(pointer: &str) -> Option<Field> {
        FIELDS.iter().find(|d| d.pointer == pointer).map(|d| d.field)
    }

    /// The field of a provision question.
    pub fn of_provision(question: ProvisionQuestion) -> Field {
        let pointer_end = question.key();
        FIELDS
            .iter()
            .find(|d| d.section == Section::Provision && d.key == pointer_end)
            .map_or(Field::KeyWorkerContinuity, |d| d.field)
    }

    /// The JSON Pointer of the field in a return.
    pub fn pointer(self) -> &'static str {
        self.def().pointer
    }

    /// Its key, such as `sro_name`.
    pub fn key(self) -> &'static str {
        self.def().key
    }

    /// The section it belongs to.
    pub fn section(self) -> Section {
        self.def().section
    }

    /// When it must be answered.
    pub fn requirement(self) -> Requirement {
        self.def().requirement
    }

    /// The control it takes.
    pub fn kind(self) -> Kind {
        self.def().kind
    }

    /// The template's wording of the question.
    pub fn label(self) -> &'static str {
        self.def().label
    }

    /// Help shown under the label, if any.
    pub fn hint(self) -> Option<&'static str> {
        self.def().hint
    }

    /// What to tell a person who left the field empty.
    pub fn missing_message(self) -> &'static str {
        self.def().missing
    }

    /// The provision question the field asks, for the six provision fields.
    pub fn provision(self) -> Option<ProvisionQuestion> {
        (self.section() == Section::Provision).then(|| ProvisionQuestion::from_key(self.key())).flatten()
    }

    /// The field's text as a form shows it (a list is one item per line; empty for yes/no).
    pub fn text(self, o: &Outcome) -> String {
        match self.def().access {
            Access::Text(get, _) => get(o).clone(),
            Access::Lines(get, _) => get(o).join("\n"),
            Access::YesNo(..) => String::new(),
        }
    }

    /// The field's text without copying it (`None` for lists and yes/no).
    pub fn text_ref(self, o: &Outcome) -> Option<&String> {
        match self.def().access {
            Access::Text(get, _) => Some(get(o)),
            _ => None,
        }
    }

    /// The field's text, to change (`None` for lists and yes/no): unlike [`Field::set_text`],
    /// the value is kept exactly as given, as an import that must give back what it read needs.
    pub fn text_mut(self, o: &mut Outcome) -> Option<&mut String> {
        match self.def().access {
            Access::Text(_, slot) => Some(slot(o)),
            _ => None,
        }
    }

    /// The items of a list field, to change (`None` for other kinds), kept exactly as given.
    pub fn lines_mut(self, o: &mut Outcome) -> Option<&mut Vec<String>> {
        match self.def().access {
            Access::Lines(_, slot) => Some(slot(o)),
            _ => None,
        }
    }

    /// The items of a list field.
    pub fn lines(self, o: &Outcome) -> Option<&Vec<String>> {
        match self.def().access {
            Access::Lines(get, _) => Some(get(o)),
            _ => None,
        }
    }

    /// Sets a text, email, long-text or list field (a list from one item per line, blank
    /// lines dropped); yes/no fields are left alone.
    pub fn set_text(self, o: &mut Outcome, value: &str) {
        match self.def().access {
            Access::Text(_, slot) => *slot(o) = value.to_owned(),
            Access::Lines(_, slot) => {
                *slot(o) = value.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
            }
            Access::YesNo(..) => {}
        }
    }

    /// The answer of a yes/no field.
    pub fn answer(self, o: &Outcome) -> Option<bool> {
        match self.def().access {
            Access::YesNo(get, _) => *get(o),
            _ => None,
        }
    }

    /// Sets a yes/no field; other kinds are left alone.
    pub fn set_answer(self, o: &mut Outcome, value: Option<bool>) {
        if let Access::YesNo(_, slot) = self.def().access {
            *slot(o) = value;
        }
    }

    /// Whether the field has been filled in.
    pub fn is_filled(self, o: &Outcome) -> bool {
        match self.def().access {
            Access::YesNo(get, _) => get(o).is_some(),
            Access::Lines(get, _) => get(o).iter().any(|p| !p.trim().is_empty()),
            Access::Text(get, _) => !get(o).trim().is_empty(),
        }
    }

    /// Whether a form should show the field to this return: a field asked only when not
    /// assured is hidden otherwise.
    pub fn is_shown(self, o: &Outcome) -> bool {
        match self.requirement() {
            Requirement::WhenNotAssured => o.assured == Some(false),
            _ => true,
        }
    }

    /// Whether this return must fill the field in. The national template is the ICB's answer:
    /// a provider or team return may fill it in, and none of it is required there.
    pub fn is_required(self, ret: &Return) -> bool {
        !self.is_optional(ret.scope.level)
            && match self.requirement() {
                Requirement::Always => true,
                Requirement::WhenNotAssured => ret.outcome.assured == Some(false),
                Requirement::Optional => false,
            }
    }

    /// Whether a return at `level` may leave the field empty whatever its other answers: every
    /// field of a provider or team return, and the template's optional fields.
    pub fn is_optional(self, level: ScopeLevel) -> bool {
        level != ScopeLevel::Icb || self.requirement() == Requirement::Optional
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_enum_order() {
        for (i, field) in Field::ALL.into_iter().enumerate() {
            assert_eq!(FIELDS[i].field, field);
            assert_eq!(field as usize, i);
        }
    }

    /// Each field's accessors reach the value its pointer names in the written JSON, and its
    /// kind matches the type there.
    #[test]
    fn accessors_and_pointers_agree() {
        for field in Field::ALL {
            let mut ret = crate::Return::new(crate::Scope::default());
            match field.kind() {
                Kind::YesNo => field.set_answer(&mut ret.outcome, Some(true)),
                _ => field.set_text(&mut ret.outcome, "marker"),
            }
            let json: serde_json::Value = serde_json::from_str(&ret.to_json()).unwrap();
            let at = json.pointer(field.pointer()).unwrap_or_else(|| panic!("{field:?}"));
            let expected = match field.kind() {
                Kind::YesNo => serde_json::json!(true),
                Kind::Lines => serde_json::json!(["marker"]),
                _ => serde_json::json!("marker"),
            };
            assert_eq!(at, &expected, "{field:?}");
            assert!(field.is_filled(&ret.outcome), "{field:?}");
        }
    }

    #[test]
    fn provision_fields_are_the_provision_questions() {
        let fields: Vec<Field> = Field::ALL.into_iter().filter(|f| f.section() == Section::Provision).collect();
        assert_eq!(fields.len(), ProvisionQuestion::ALL.len());
        for q in ProvisionQuestion::ALL {
            let field = Field::of_provision(q);
            assert_eq!(field.provision(), Some(q));
            assert_eq!(field.label(), q.wording());
            assert_eq!(field.pointer(), format!("/outcome/provision/{}", q.key()));
        }
    }
}
