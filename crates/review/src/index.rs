//! The maturity index definition: domains, questions, group headings, categories and the
//! links from the national template's provision questions to the questions that evidence them.
//!
//! Each edition is a JSON file under `data/`, turned into statics and checked by `build.rs`. A
//! return names the edition it answers (`index_version`), so a later edition (a new file) can
//! ship beside this one.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::ProvisionQuestion;

/// Identifies a question as `D.NN`: domain number, then its two-digit position in the domain.
///
/// Ordered by domain, then position, so `2.01` sorts before `10.01`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuestionId {
    /// The domain's number, 1 to 14.
    pub domain: u8,
    /// The question's position in its domain, from 1.
    pub number: u8,
}

impl QuestionId {
    /// The id of question `number` of domain `domain`.
    pub const fn new(domain: u8, number: u8) -> Self {
        QuestionId { domain, number }
    }
}

impl fmt::Display for QuestionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.domain, self.number)
    }
}

/// Why a string is not a question id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a question id: expected a domain number, a dot and two digits, such as 3.07")]
pub struct BadQuestionId(pub String);

impl FromStr for QuestionId {
    type Err = BadQuestionId;

    /// Accepts only the canonical spelling (`3.07`, not `3.7` or `03.07`), so that an id
    /// read from a file is written back unchanged.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadQuestionId(s.chars().take(40).collect());
        let (d, n) = s.split_once('.').ok_or_else(bad)?;
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(d) || d.len() > 2 || d.starts_with('0') || !digits(n) || n.len() != 2 {
            return Err(bad());
        }
        Ok(QuestionId { domain: d.parse().map_err(|_| bad())?, number: n.parse().map_err(|_| bad())? })
    }
}

impl Serialize for QuestionId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for QuestionId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl crate::json::FromJson for QuestionId {
    fn read(r: &mut crate::json::Reader<'_>) -> Result<Self, crate::json::JsonError> {
        r.parsed(str::parse)
    }
}

impl crate::json::ToJson for QuestionId {
    fn write(&self, w: &mut crate::json::Writer) {
        w.string(&self.to_string());
    }
}

impl JsonSchema for QuestionId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "QuestionId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[1-9][0-9]?\\.[0-9]{2}$",
            "description": "A question id: domain number, a dot, and the question's two-digit position in the domain, such as \"3.07\"."
        })
    }
}

crate::keyword_enum! {
    /// How central a question is to intensive and assertive community care.
    ///
    /// The tool's original colour coding was lost from the published copy; see the `method` of
    /// each [`CategoryInfo`] and each question's [`Question::rationale`] for how it was
    /// reconstructed.
    //
    // Exhaustive (not `#[non_exhaustive]`): the three categories are the published tool's (its
    // Findings and Actions Tables list priority areas under exactly these), so a `match` may
    // name each. A plain comment, as this type's doc comments feed its JSON Schema.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
    pub enum Category {
        /// Must be in place for intensive and assertive care.
        Essential = "essential", "Essential",
        /// Builds on the essentials.
        Enhancer = "enhancer", "Enhancer",
        /// Good to have.
        Desirable = "desirable", "Desirable",
    }
}

/// The description the tool gives a category, and how questions were assigned to it.
#[derive(Clone, Debug, Serialize)]
pub struct CategoryInfo {
    /// The category described.
    pub id: Category,
    /// Its name in the edition.
    pub label: &'static str,
    /// What the tool says the category means.
    pub description: &'static str,
    /// How questions were placed in it.
    pub method: &'static str,
}

/// One rated question.
#[derive(Clone, Debug)]
pub struct Question {
    /// `D.NN`.
    pub id: QuestionId,
    /// The question's own text, verbatim from the tool.
    pub text: &'static str,
    /// The heading row the question sits under in the tool, if any.
    pub heading: Option<&'static str>,
    /// A second-level heading under `heading` (domain 2's pathways), if any.
    pub subheading: Option<&'static str>,
    /// Essential, enhancer or desirable.
    pub category: Category,
    /// Which embedded edition the question belongs to, for [`Question::rationale`].
    edition: usize,
}

impl Question {
    /// The words above the question that it completes, if any: its heading when the heading is
    /// a stem (ends with a colon, as "Do our policies describe the pathways for:"), followed by
    /// its subheading. A heading without a colon ("Process/Pathway Review") is a title, not
    /// part of the question.
    pub fn stem(&self) -> Option<String> {
        let heading = self.heading.filter(|h| h.ends_with(':'))?;
        Some(match self.subheading {
            Some(sub) => format!("{heading} {sub}"),
            None => heading.to_owned(),
        })
    }

    /// The whole question as it reads without the page around it: the stem, then the
    /// question's own text. "CRHT." (2.01) is "Do our policies describe the pathways for:
    /// CRHT."; a question without a stem is its own text. Anything that names a question away
    /// from its heading (an accessible name, a finding, a paper, a spreadsheet) uses this.
    pub fn full_text(&self) -> std::borrow::Cow<'static, str> {
        match self.stem() {
            Some(stem) => format!("{stem} {}", self.text).into(),
            None => self.text.into(),
        }
    }

    /// One line citing the national guidance for the category.
    ///
    /// A method rather than a field, so that programs that never show it (the browser form)
    /// do not carry the text of all 161.
    pub fn rationale(&self) -> &'static str {
        let at = |i: u8| usize::from(i).checked_sub(1);
        RATIONALES
            .get(self.edition)
            .and_then(|e| e.get(at(self.id.domain)?))
            .and_then(|d| d.get(at(self.id.number)?))
            .copied()
            .unwrap_or_default()
    }
}

impl Serialize for Question {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut q = s.serialize_struct("Question", 7)?;
        q.serialize_field("id", &self.id)?;
        q.serialize_field("text", &self.text)?;
        q.serialize_field("full_text", &self.full_text())?;
        q.serialize_field("heading", &self.heading)?;
        q.serialize_field("subheading", &self.subheading)?;
        q.serialize_field("category", &self.category)?;
        q.serialize_field("rationale", self.rationale())?;
        q.end()
    }
}

/// One of the 14 domains.
#[derive(Clone, Debug, Serialize)]
pub struct Domain {
    /// 1 to 14.
    pub number: u8,
    /// The domain's title.
    pub title: &'static str,
    /// Its rated questions, in order.
    pub questions: &'static [Question],
}

/// Which template answer a provision question should have, and which questions evidence it.
#[derive(Clone, Debug)]
pub struct ProvisionLink {
    /// The template's provision question.
    pub question: ProvisionQuestion,
    /// The answer that reassures: `false` for "are DNAs ever used as a reason for discharge".
    pub assuring_answer: bool,
    /// Questions whose "No" ratings contradict the assuring answer.
    pub evidence: &'static [QuestionId],
}

impl Serialize for ProvisionLink {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut p = s.serialize_struct("ProvisionLink", 4)?;
        p.serialize_field("key", self.question.key())?;
        p.serialize_field("question", self.question.wording())?;
        p.serialize_field("assuring_answer", &self.assuring_answer)?;
        p.serialize_field("evidence", self.evidence)?;
        p.end()
    }
}

/// One edition of the maturity index, as static data generated from `data/index-*.json`.
#[derive(Clone, Debug, Serialize)]
pub struct Index {
    /// Such as "midlands-2024.1"; a return names it in `index_version`.
    pub version: &'static str,
    /// The tool's title.
    pub title: &'static str,
    /// Where the text comes from.
    pub source: &'static str,
    /// The three categories.
    pub categories: &'static [CategoryInfo],
    /// The 14 domains.
    pub domains: &'static [Domain],
    /// The evidence for each provision question of the template.
    pub provision: &'static [ProvisionLink],
}

include!(concat!(env!("OUT_DIR"), "/index_data.rs"));

impl Index {
    /// The edition new returns use.
    pub fn current() -> &'static Index {
        // build.rs refuses to build without an edition, so there is a last one.
        &EDITIONS[EDITIONS.len() - 1]
    }

    /// Every embedded edition, in the order of their file names.
    pub fn all() -> &'static [Index] {
        &EDITIONS
    }

    /// The edition with this version id.
    pub fn get(version: &str) -> Option<&'static Index> {
        EDITIONS.iter().find(|i| i.version == version)
    }

    /// A domain by its number, 1 to 14.
    pub fn domain(&self, number: u8) -> Option<&Domain> {
        self.domains.get(usize::from(number).checked_sub(1)?)
    }

    /// A question by its id.
    pub fn question(&self, id: QuestionId) -> Option<&Question> {
        self.domain(id.domain)?.questions.get(usize::from(id.number).checked_sub(1)?)
    }

    /// Every question, in order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.domains.iter().flat_map(|d| d.questions.iter())
    }

    /// How many questions the edition has (161 in the current one).
    pub fn question_count(&self) -> usize {
        self.domains.iter().map(|d| d.questions.len()).sum()
    }

    /// The evidence for a provision question.
    pub fn provision_link(&self, question: ProvisionQuestion) -> Option<&ProvisionLink> {
        self.provision.iter().find(|p| p.question == question)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_edition_has_14_domains_and_161_questions() {
        let index = Index::current();
        assert_eq!(index.version, "midlands-2024.1");
        assert_eq!(index.domains.len(), 14);
        assert_eq!(index.question_count(), 161);
        let last = index.questions().last().map(|q| q.id.to_string());
        assert_eq!(last.as_deref(), Some("14.09"));
    }

    #[test]
    fn team_leader_sits_under_the_multidisciplinary_heading() {
        let q = Index::current().question("1.14".parse().unwrap()).unwrap();
        assert_eq!(q.text, "Team leader.");
        assert!(q.heading.unwrap().contains("strong multidisciplinary approach"));
    }

    #[test]
    fn nested_pathway_headings_are_kept() {
        let q = Index::current().question("2.03".parse().unwrap()).unwrap();
        assert_eq!(q.heading, Some("Do our policies describe the pathways for:"));
        assert_eq!(q.subheading, Some("Inpatient admission and discharge."));
    }

    #[test]
    fn every_provision_question_is_linked_once_in_every_edition() {
        for index in Index::all() {
            for q in ProvisionQuestion::ALL {
                assert_eq!(
                    index.provision.iter().filter(|p| p.question == q).count(),
                    1,
                    "{} {}",
                    index.version,
                    q.key()
                );
            }
        }
    }

    #[test]
    fn every_question_has_text_and_a_one_line_rationale() {
        for q in Index::current().questions() {
            assert!(!q.text.trim().is_empty(), "{}", q.id);
            assert_eq!(q.text, q.text.split_whitespace().collect::<Vec<_>>().join(" "));
            assert!(!q.rationale().contains('\n') && q.rationale().len() < 200, "{}", q.id);
            // Essentials and enhancers are placed by what the guidance says: they must cite it.
            if q.category != Category::Desirable {
                let cites = ["Ch.", "ch.", "Annex", "Key message", "PCREF"];
                assert!(cites.iter().any(|c| q.rationale().contains(c)), "{}: {}", q.id, q.rationale());
            }
        }
    }

    #[test]
    fn fragments_read_whole_with_their_stem() {
        let index = Index::current();
        let full = |id: &str| index.question(id.parse().unwrap()).unwrap().full_text().into_owned();
        assert_eq!(full("2.01"), "Do our policies describe the pathways for: CRHT.");
        assert_eq!(
            full("2.03"),
            "Do our policies describe the pathways for: Inpatient admission and discharge. Community staff contact during inpatient admission."
        );
        assert!(full("1.14").ends_with("this includes access to: Team leader."), "{}", full("1.14"));
        // A question with no heading, and one under a title rather than a stem, read alone.
        assert_eq!(full("1.01"), index.question("1.01".parse().unwrap()).unwrap().text);
        let review = index.question("2.26".parse().unwrap()).unwrap();
        assert_eq!(review.heading, Some("Process/Pathway Review"));
        assert_eq!(review.full_text(), review.text);
        // The issue counted 84 fragments: every question under a stem heading.
        assert_eq!(index.questions().filter(|q| q.stem().is_some()).count(), 84);
    }

    #[test]
    fn the_dna_policy_question_is_essential() {
        let q = Index::current().question("11.01".parse().unwrap()).unwrap();
        assert!(q.text.contains("DNAs should never be used as a reason for discharge"));
        assert_eq!(q.category, Category::Essential);
    }

    #[test]
    fn question_ids_are_canonical() {
        for good in ["1.01", "14.09", "99.99"] {
            assert_eq!(good.parse::<QuestionId>().unwrap().to_string(), good);
        }
        for bad in ["", "1", "1.1", "01.01", "1.001", "a.01", "1.0a", "1.-1", "300.01", "1..01"] {
            assert!(bad.parse::<QuestionId>().is_err(), "{bad}");
        }
    }
}
