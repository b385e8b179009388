//! Complete, coherent returns made up from a seed: the `iacmh example` output, and realistic
//! inputs for tests and benchmarks. The template's provision answers and `assured` are derived
//! from the ratings, so a generated return contradicts itself only where the seed says so.
//!
//! This module is public API, so that tests, benchmarks and tools outside the crate can make
//! realistic returns: the CLI's `iacmh example` prints [`complete`], and its benchmarks write
//! thousands of [`generated`] returns. The returns are made up (the ICBs are real, the answers
//! are not).
//!
//! ```
//! use iacmh_review::{example, validate};
//!
//! assert!(validate(&example::complete()).is_empty());
//! let ten: Vec<_> = (0..10).map(example::generated).collect();
//! assert_ne!(ten[0].scope.icb, ten[1].scope.icb);
//! ```

use crate::index::{Category, Index, QuestionId};
use crate::model::{Answer, Answers, BarrierCategory, CommitteeMember, Rating, Return, Scope, ScopeLevel, Signature};
use crate::register::Register;

/// A small deterministic generator (xorshift64*), so that examples are the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const COMMENTS: [&str; 6] = [
    "Policy in place and audited quarterly; the last audit found good adherence across the recovery teams.",
    "Described in the operational policy, but practice varies between localities and needs a shared standard.",
    "Not yet written down. The working group will draft it with people with lived experience by March.",
    "Evidence held by the provider's quality team; reviewed at the community mental health programme board.",
    "Partly in place: the early intervention teams do this well, other teams less consistently.",
    "Raised in the focus groups by carers and by VCSE partners as an area that needs attention.",
];

/// A complete return for the ICB at position `seed % 42` in the register, with ratings drawn
/// from the seed. Seeds 0 to 41 give the 42 ICB-level returns; later seeds give team returns
/// (a distinct team each), as a region collecting team self-assessments would hold. It has no
/// validation errors.
pub fn generated(seed: u64) -> Return {
    let mut rng = Rng::new(seed);
    let register = Register::get();
    let icb = &register.icbs[(seed % register.icbs.len() as u64) as usize];
    let index = Index::current();
    let team = seed >= register.icbs.len() as u64;
    let mut ret = Return::new(Scope {
        level: if team { ScopeLevel::Team } else { ScopeLevel::Icb },
        icb: icb.name.to_owned(),
        region: icb.region.to_owned(),
        organisation: if team { format!("Provider {}", seed / 42 % 5 + 1) } else { String::new() },
        team: if team { format!("Team {seed}") } else { String::new() },
    });

    let mut answers = Answers::default();
    for q in index.questions() {
        // Essentials lean towards "Yes", desirables towards "No", as reviews found.
        let roll = rng.below(100);
        let yes_share = match q.category {
            Category::Essential => 75,
            Category::Enhancer => 55,
            Category::Desirable => 45,
        };
        let rating = if roll < 3 && q.category != Category::Essential {
            Rating::NotApplicable
        } else if roll < yes_share {
            if rng.below(2) == 0 { Rating::YesWorkingWell } else { Rating::YesNeedsImprovement }
        } else if rng.below(2) == 0 {
            Rating::NoNeedsAction
        } else {
            Rating::NoActionInHand
        };
        let comment = (rng.below(3) == 0 || rating == Rating::NotApplicable)
            .then(|| COMMENTS[rng.below(COMMENTS.len() as u64) as usize].to_owned());
        answers.insert(q.id, Answer { rating, comment });
    }
    ret.maturity.answers = answers;

    // Every "No" gets its finding, as a final return needs: the rows the form would prefill,
    // with an action, owner and due date written in.
    ret.add_priority_findings();
    let m = &mut ret.maturity;
    for row in &mut m.findings {
        row.action = "Agree a shared standard across providers and audit it within six months.".to_owned();
        row.owner = "Associate Director of Mental Health".to_owned();
        row.due = Some(format!("2025-{:02}-28", 1 + rng.below(12)));
        row.completed = rng.below(4) == 0;
    }
    m.date_completed = Some("2024-09-20".to_owned());
    m.review_date = Some("2025-09-20".to_owned());
    m.sign_off.committee = vec![
        CommitteeMember { name: "Chair".to_owned(), designation: "Mental Health Partnership Board".to_owned() },
        CommitteeMember {
            name: "Expert by experience".to_owned(),
            designation: "Lived experience representative".to_owned(),
        },
        CommitteeMember {
            name: "Clinical lead".to_owned(),
            designation: "Consultant psychiatrist, assertive outreach".to_owned(),
        },
    ];
    let sig = |name: &str, org: &str| Signature {
        name: name.to_owned(),
        organisation: org.to_owned(),
        date: Some("2024-09-27".to_owned()),
    };
    let trust = "Mental health provider NHS Foundation Trust";
    m.sign_off.icb_sro = sig("ICB SRO", icb.name);
    m.sign_off.trust_medical_director = sig("Medical Director", trust);
    m.sign_off.trust_director_of_nursing = sig("Director of Nursing", trust);
    m.sign_off.icb_chief_medical_officer = sig("Chief Medical Officer", icb.name);
    m.sign_off.icb_chief_nursing_officer = sig("Chief Nursing Officer", icb.name);

    let o = &mut ret.outcome;
    o.review.icb_name = icb.name.to_owned();
    o.review.region = icb.region.to_owned();
    o.review.providers = vec![trust.to_owned(), "VCSE outreach partner".to_owned()];
    o.review.review_completed = Some(true);
    o.review.sro_name = "Senior Responsible Officer for Mental Health".to_owned();
    o.review.operational_lead = "Head of Mental Health Commissioning".to_owned();
    o.review.operational_lead_email = format!("mh.review.{}@example.nhs.uk", icb.code.to_lowercase());
    o.organisations_reviewed = format!(
        "{trust}: recovery teams, early intervention and the assertive outreach team. VCSE: street outreach partner."
    );
    o.policies_reviewed = "Care planning; Did not attend (DNA); supervision and debrief; safeguarding; medicines management; information sharing.".to_owned();
    o.next_steps =
        "An action plan agreed at the ICB board, monitored monthly by the community mental health programme board."
            .to_owned();
    o.good_practice = "Early intervention teams with small caseloads and a wide range of interventions.".to_owned();
    o.support_needed = "A national workforce model for intensive and assertive community care.".to_owned();
    derive_outcome(&mut ret);
    ret.meta.created = Some("2024-08-01T09:00:00Z".to_owned());
    ret.meta.updated = Some(format!("2024-09-{:02}T{:02}:{:02}:00Z", 1 + rng.below(29), rng.below(24), rng.below(60)));
    ret
}

/// A complete return that validates with no errors and no warnings: `iacmh example`.
pub fn complete() -> Return {
    let mut ret = generated(1);
    // Keep the DNA questions at "Yes" so the template can truthfully say DNAs are not used.
    for id in ["11.01", "11.02"] {
        if let Ok(id) = id.parse::<QuestionId>() {
            ret.maturity.answers.insert(id, Answer { rating: Rating::YesNeedsImprovement, comment: None });
        }
    }
    derive_outcome(&mut ret);
    ret
}

/// Sets the template's provision answers, `assured`, gaps and barriers from the ratings.
fn derive_outcome(ret: &mut Return) {
    let index = Index::current();
    let answers = &ret.maturity.answers;
    let mut provision = ret.outcome.provision.clone();
    for link in index.provision {
        let contradicted = link.evidence.iter().any(|id| answers.rating(*id).is_some_and(Rating::is_no));
        *provision.get_mut(link.question) =
            Some(if contradicted { !link.assuring_answer } else { link.assuring_answer });
    }
    let unmet = index
        .questions()
        .any(|q| q.category == Category::Essential && answers.rating(q.id) == Some(Rating::NoNeedsAction));
    let o = &mut ret.outcome;
    o.provision = provision;
    o.assured = Some(!unmet);
    if unmet {
        o.gaps = "Staff capacity across teams; dedicated psychiatry time in the outreach team; continuity of care when staff leave.".to_owned();
        o.barriers.text =
            "Workforce: large caseloads and vacancies. Digital: no shared record across providers.".to_owned();
        o.barriers.categories = vec![BarrierCategory::Workforce, BarrierCategory::DigitalAndInformationSharing];
    } else {
        o.gaps.clear();
        o.barriers = Default::default();
    }
}
