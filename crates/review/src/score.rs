//! Scoring a return's maturity answers: per domain and overall, a 0-100 score, a maturity
//! stage from the question categories, and the priority areas for the Findings and Actions
//! table. The method is set out, with a worked example, in the crate documentation.

use serde::Serialize;

use crate::index::{Category, Index, Question, QuestionId};
use crate::model::{Answers, Rating, Return};

/// How far a domain (or the whole index) has come, lowest first. The rules that decide it are
/// in the crate documentation's [scoring method](crate#scoring-method).
///
/// Serialised in snake case (`"essentials_not_met"`). The stages are this project's scale over
/// the reconstructed categories, not the published tool's, so more may be added: a `match` on
/// it needs a wildcard arm ([`Stage::label`] serves for every stage).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Stage {
    /// No question answered yet.
    NotStarted,
    /// At least one essential question is rated "No" (action needed, or action in hand).
    EssentialsNotMet,
    /// No essential is rated "No", but some essentials are not answered yet.
    InProgress,
    /// Every applicable essential is rated "Yes".
    EssentialsMet,
    /// Every applicable essential and enhancer is rated "Yes".
    Enhanced,
    /// Every applicable question is rated "Yes, working well".
    Embedded,
}

impl Stage {
    /// How a person reads the stage.
    pub fn label(self) -> &'static str {
        match self {
            Stage::NotStarted => "Not started",
            Stage::EssentialsNotMet => "Essentials not met",
            Stage::InProgress => "In progress",
            Stage::EssentialsMet => "Essentials met",
            Stage::Enhanced => "Enhanced",
            Stage::Embedded => "Embedded",
        }
    }
}

/// The score of a set of questions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    /// Questions in the set.
    pub total: u32,
    /// Questions with any rating, not applicable included.
    pub answered: u32,
    /// Answered questions rated other than not applicable.
    pub rated: u32,
    /// Mean rating on a 0-100 scale (0 = all "No, action is needed", 100 = all "Yes, working
    /// well"); `None` until something is rated.
    pub score: Option<f64>,
    /// The stage, from the categories of the questions rated (see the crate's scoring method).
    pub stage: Stage,
}

/// A question rated "No", for the Findings and Actions table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PriorityArea {
    /// The question.
    pub id: QuestionId,
    /// Its rating: either "No".
    pub rating: Rating,
}

/// The "No" answers of one domain by category, as the tool's Findings and Actions Tables list
/// them (Essential / Priority Areas, Enhancers / Priority Areas, Desirable / Priority Areas).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PriorityAreas {
    /// Essential questions rated "No".
    pub essential: Vec<PriorityArea>,
    /// Enhancers rated "No".
    pub enhancer: Vec<PriorityArea>,
    /// Desirable questions rated "No".
    pub desirable: Vec<PriorityArea>,
}

impl PriorityAreas {
    /// The priority areas of one category.
    pub fn get(&self, category: Category) -> &[PriorityArea] {
        match category {
            Category::Essential => &self.essential,
            Category::Enhancer => &self.enhancer,
            Category::Desirable => &self.desirable,
        }
    }

    /// Whether no question is rated "No".
    pub fn is_empty(&self) -> bool {
        self.essential.is_empty() && self.enhancer.is_empty() && self.desirable.is_empty()
    }
}

/// One domain's score, stage and priority areas.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainScore {
    /// The domain's number, 1 to 14.
    pub domain: u8,
    /// The domain's title.
    pub title: String,
    /// Its score and stage.
    #[serde(flatten)]
    pub score: Score,
    /// Its questions rated "No", by category.
    pub priority_areas: PriorityAreas,
}

/// Scores of a whole return.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scorecard {
    /// The index edition scored against.
    pub index_version: String,
    /// All questions together (larger domains weigh more).
    pub overall: Score,
    /// Each domain, in order.
    pub domains: Vec<DomainScore>,
}

/// Scores a return against the index edition it names, or `None` if that edition is unknown.
/// Answers to question ids the index does not have are ignored (validation reports them).
pub fn score(ret: &Return) -> Option<Scorecard> {
    Index::get(&ret.index_version).map(|index| score_with(index, &ret.maturity.answers))
}

/// Scores answers against a given index edition.
pub fn score_with(index: &Index, answers: &Answers) -> Scorecard {
    let domains: Vec<DomainScore> = index
        .domains
        .iter()
        .map(|d| DomainScore {
            domain: d.number,
            title: d.title.to_owned(),
            score: score_questions(d.questions.iter(), answers),
            priority_areas: priority_areas(d.questions.iter(), answers),
        })
        .collect();
    Scorecard { index_version: index.version.to_owned(), overall: score_questions(index.questions(), answers), domains }
}

/// The score and stage of a set of questions.
pub fn score_questions<'a>(questions: impl Iterator<Item = &'a Question>, answers: &Answers) -> Score {
    let (mut total, mut answered, mut rated, mut points) = (0u32, 0u32, 0u32, 0u32);
    // Tallies for the stage: essentials (and enhancers) not rated "Yes" or not applicable.
    let (mut essential_no, mut essential_open, mut enhancer_not_yes) = (false, false, false);
    let mut all_working_well = true;
    for q in questions {
        total += 1;
        let rating = answers.rating(q.id);
        if let Some(r) = rating {
            answered += 1;
            if let Some(p) = r.points() {
                rated += 1;
                points += p;
            }
        }
        let settled = |r: Option<Rating>| matches!(r, Some(r) if r.is_yes() || r == Rating::NotApplicable);
        match q.category {
            Category::Essential => {
                essential_no |= rating.is_some_and(Rating::is_no);
                essential_open |= rating.is_none();
            }
            Category::Enhancer => enhancer_not_yes |= !settled(rating),
            Category::Desirable => {}
        }
        all_working_well &= matches!(rating, Some(Rating::YesWorkingWell | Rating::NotApplicable));
    }
    let stage = if answered == 0 {
        Stage::NotStarted
    } else if essential_no {
        Stage::EssentialsNotMet
    } else if essential_open {
        Stage::InProgress
    } else if all_working_well && rated > 0 {
        Stage::Embedded
    } else if enhancer_not_yes {
        Stage::EssentialsMet
    } else {
        Stage::Enhanced
    };
    let score = (rated > 0).then(|| f64::from(points) * 100.0 / (3.0 * f64::from(rated)));
    Score { total, answered, rated, score, stage }
}

/// The questions rated "No" in a set, by category, in index order.
pub fn priority_areas<'a>(questions: impl Iterator<Item = &'a Question>, answers: &Answers) -> PriorityAreas {
    let mut out = PriorityAreas::default();
    for q in questions {
        if let Some(rating) = answers.rating(q.id).filter(|r| r.is_no()) {
            let area = PriorityArea { id: q.id, rating };
            match q.category {
                Category::Essential => out.essential.push(area),
                Category::Enhancer => out.enhancer.push(area),
                Category::Desirable => out.desirable.push(area),
            }
        }
    }
    out
}
