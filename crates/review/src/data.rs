//! The data files (`data/*.json`) as statics, generated and checked by `build.rs`.

use crate::index::Category;

pub(crate) struct EditionData {
    pub version: &'static str,
    pub title: &'static str,
    pub source: &'static str,
    pub categories: &'static [CategoryData],
    pub domains: &'static [DomainData],
    pub provision: &'static [ProvisionData],
}

pub(crate) struct CategoryData {
    pub id: Category,
    pub label: &'static str,
    pub description: &'static str,
    pub method: &'static str,
}

pub(crate) struct DomainData {
    pub number: u8,
    pub title: &'static str,
    pub questions: &'static [QuestionData],
}

pub(crate) struct QuestionData {
    pub number: u8,
    pub text: &'static str,
    pub heading: Option<&'static str>,
    pub subheading: Option<&'static str>,
    pub category: Category,
}

pub(crate) struct ProvisionData {
    pub key: &'static str,
    pub question: &'static str,
    pub assuring_answer: bool,
    pub evidence: &'static [(u8, u8)],
}

include!(concat!(env!("OUT_DIR"), "/data.rs"));
