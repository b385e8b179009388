//! iacmh's code systems, generated from the crate's enums (never typed again here): the five
//! ratings, the three categories, the scope levels, the barrier categories and the sections a
//! review group marks complete.

use iacmh_review::{BarrierCategory, Category, Rating, ScopeLevel, Task};

use crate::BASE;
use crate::resources::{Bundle, CodeSystem, Coding, Concept, Entry};

/// One of iacmh's code systems.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum System {
    Rating,
    Category,
    ScopeLevel,
    BarrierCategory,
    Section,
}

impl System {
    const ALL: [System; 5] =
        [System::Rating, System::Category, System::ScopeLevel, System::BarrierCategory, System::Section];

    pub(crate) fn id(self) -> &'static str {
        match self {
            System::Rating => "rating",
            System::Category => "category",
            System::ScopeLevel => "scope-level",
            System::BarrierCategory => "barrier-category",
            System::Section => "section",
        }
    }

    pub(crate) fn url(self) -> String {
        format!("{BASE}/CodeSystem/{}", self.id())
    }

    fn title(self) -> &'static str {
        match self {
            System::Rating => "Ratings of a maturity index question",
            System::Category => "Categories of a maturity index question",
            System::ScopeLevel => "Who a return speaks for",
            System::BarrierCategory => "Kinds of barrier to intensive and assertive community care",
            System::Section => "Sections of a return a review group marks completed",
        }
    }

    fn name(self) -> &'static str {
        match self {
            System::Rating => "IacmhRating",
            System::Category => "IacmhCategory",
            System::ScopeLevel => "IacmhScopeLevel",
            System::BarrierCategory => "IacmhBarrierCategory",
            System::Section => "IacmhSection",
        }
    }

    /// Code, display and definition of each concept.
    fn concepts(self) -> Vec<Concept> {
        let concept = |code: &str, display: &str, definition: Option<&str>| Concept {
            code: code.to_owned(),
            display: display.to_owned(),
            definition: definition.map(str::to_owned),
        };
        match self {
            System::Rating => Rating::ALL.iter().map(|r| concept(r.key(), r.label(), Some(r.description()))).collect(),
            System::Category => {
                let index = iacmh_review::Index::current();
                Category::ALL
                    .iter()
                    .map(|c| {
                        let info = index.categories.iter().find(|i| i.id == *c).map(|i| i.description);
                        concept(c.key(), c.label(), info)
                    })
                    .collect()
            }
            System::ScopeLevel => ScopeLevel::ALL.iter().map(|l| concept(l.key(), l.label(), None)).collect(),
            System::BarrierCategory => BarrierCategory::ALL.iter().map(|b| concept(b.key(), b.label(), None)).collect(),
            System::Section => Task::all().map(|t| concept(&t.key(), &t.title(), None)).collect(),
        }
    }

    /// The coding of one code, with its display.
    pub(crate) fn coding(self, code: &str, display: &str) -> Coding {
        Coding::new(&self.url(), code, display)
    }

    fn resource(self) -> CodeSystem {
        CodeSystem {
            resource_type: "CodeSystem",
            id: self.id(),
            url: self.url(),
            name: self.name(),
            title: self.title(),
            status: "active",
            case_sensitive: true,
            content: "complete",
            concept: self.concepts(),
        }
    }
}

/// The code systems the Questionnaire's codings come from.
pub fn code_systems() -> Vec<CodeSystem> {
    System::ALL.into_iter().map(System::resource).collect()
}

/// The same, as a Bundle of type `collection`, to load into a FHIR server beside the
/// Questionnaire.
pub fn code_systems_bundle() -> Bundle<CodeSystem> {
    Bundle {
        resource_type: "Bundle",
        kind: "collection",
        entry: code_systems().into_iter().map(|cs| Entry { full_url: cs.url.clone(), resource: cs }).collect(),
    }
}
