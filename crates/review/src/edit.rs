//! The changes a form makes to a return, as domain rules: what choosing an ICB implies, how a
//! rating and its comment are kept, how the export file is named. Front ends call these rather
//! than touching fields, so the rules hold in every front end.

use crate::index::{Category, Index, QuestionId};
use crate::model::{Answer, FindingRow, Rating, Return, Scope, ScopeLevel};
use crate::register::Register;
use crate::score::priority_areas;

impl Scope {
    /// Sets the ICB, and its region when the register knows the ICB. The register's formal name
    /// is used, so that returns name ICBs the same way.
    pub fn choose_icb(&mut self, name: &str) {
        match Register::get().find_icb(name) {
            Some(icb) => {
                self.icb = icb.name.clone();
                self.region = icb.region.clone();
            }
            None => self.icb = name.to_owned(),
        }
    }

    /// A short label for the scope: "Devon", "Devon: Riverside NHS Trust", ...
    pub fn label(&self) -> String {
        let icb = match Register::get().find_icb(&self.icb) {
            Some(icb) => icb.short_name().to_owned(),
            None if self.icb.trim().is_empty() => "New return".to_owned(),
            None => self.icb.trim().to_owned(),
        };
        let mut parts = vec![icb];
        if self.level != ScopeLevel::Icb && !self.organisation.trim().is_empty() {
            parts.push(self.organisation.trim().to_owned());
        }
        if self.level == ScopeLevel::Team && !self.team.trim().is_empty() {
            parts.push(self.team.trim().to_owned());
        }
        parts.join(": ")
    }
}

impl Return {
    /// Chooses the ICB the return is for. The template's review details ask again for the ICB
    /// and region: they follow the choice while they are empty or still the previous choice,
    /// and are left alone once someone has written something else.
    pub fn choose_icb(&mut self, name: &str) {
        let (old_icb, old_region) = (self.scope.icb.clone(), self.scope.region.clone());
        self.scope.choose_icb(name);
        let review = &mut self.outcome.review;
        if review.icb_name.trim().is_empty() || review.icb_name == old_icb {
            review.icb_name = self.scope.icb.clone();
        }
        if review.region.trim().is_empty() || review.region == old_region {
            review.region = self.scope.region.clone();
        }
    }

    /// Rates a question, keeping any comment it already has.
    pub fn rate(&mut self, id: QuestionId, rating: Rating) {
        self.maturity.answers.0.entry(id).and_modify(|a| a.rating = rating).or_insert(Answer { rating, comment: None });
    }

    /// Sets the comment on a rated question; an empty comment is removed. A question must be
    /// rated before it has a comment (the form shows the comment box once it is), so this
    /// returns false and changes nothing for an unrated question.
    pub fn set_comment(&mut self, id: QuestionId, comment: &str) -> bool {
        match self.maturity.answers.0.get_mut(&id) {
            Some(answer) => {
                answer.comment = (!comment.trim().is_empty()).then(|| comment.to_owned());
                true
            }
            None => false,
        }
    }

    /// The Findings and Actions rows the priority areas call for that the table lacks: one per
    /// question rated "No", essentials first within each domain, with the question as the
    /// finding and the action left for the group to write.
    pub fn missing_priority_findings(&self) -> Vec<FindingRow> {
        let Some(index) = Index::get(&self.index_version) else {
            return Vec::new();
        };
        let present: Vec<QuestionId> = self.maturity.findings.iter().filter_map(|r| r.question).collect();
        let mut rows = Vec::new();
        for domain in &index.domains {
            let areas = priority_areas(domain.questions.iter(), &self.maturity.answers);
            for category in Category::ALL {
                for area in areas.get(category).iter().filter(|a| !present.contains(&a.id)) {
                    let text = index.question(area.id).map_or("", |q| q.text.as_str());
                    rows.push(FindingRow {
                        domain: domain.number,
                        question: Some(area.id),
                        finding: format!(
                            "{} ({}, rated \"{}\"): {text}",
                            area.id,
                            category.label(),
                            area.rating.label()
                        ),
                        ..FindingRow::default()
                    });
                }
            }
        }
        rows
    }

    /// Adds [`Return::missing_priority_findings`] to the table, keeping it in domain order;
    /// returns how many rows were added.
    pub fn add_priority_findings(&mut self) -> usize {
        let rows = self.missing_priority_findings();
        let added = rows.len();
        self.maturity.findings.extend(rows);
        // Stable: rows the group wrote keep their order within a domain.
        self.maturity.findings.sort_by_key(|r| r.domain);
        added
    }

    /// Records a change at `now` (RFC 3339): collation keeps the latest of two returns.
    pub fn touch(&mut self, now: &str) {
        if self.meta.created.is_none() {
            self.meta.created = Some(now.to_owned());
        }
        self.meta.updated = Some(now.to_owned());
        self.meta.generator = concat!("iacmh ", env!("CARGO_PKG_VERSION")).to_owned();
    }

    /// The name to export the return under: ICB, scope and date, such as
    /// `devon-icb-2024-09-30.json` or `devon-team-riverside-crisis-2024-09-30.json`.
    pub fn file_name(&self, date: &str) -> String {
        let icb = Register::get()
            .find_icb(&self.scope.icb)
            .map_or_else(|| self.scope.icb.clone(), |i| i.short_name().to_owned());
        let mut parts = vec![slug(&icb), slug(self.scope.level.label())];
        if self.scope.level != ScopeLevel::Icb {
            parts.push(slug(&self.scope.organisation));
        }
        if self.scope.level == ScopeLevel::Team {
            parts.push(slug(&self.scope.team));
        }
        parts.push(slug(date));
        let name: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        let name = if name.is_empty() { "iacmh-return".to_owned() } else { name.join("-") };
        format!("{name}.json")
    }
}

/// Lower-case ASCII words joined by single hyphens, cut after the last whole word that fits in
/// 40 characters.
fn slug(s: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::new();
    let words = s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty());
    for word in words {
        let extra = word.len() + usize::from(!out.is_empty());
        if out.len() + extra > MAX {
            if out.is_empty() {
                out.push_str(&word[..MAX]);
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choosing_an_icb_fills_its_region_and_formal_name() {
        let mut scope = Scope::default();
        scope.choose_icb("Devon ICB");
        assert_eq!(scope.icb, "NHS Devon Integrated Care Board");
        assert_eq!(scope.region, "South West");
        scope.choose_icb("Wessex");
        assert_eq!((scope.icb.as_str(), scope.region.as_str()), ("Wessex", "South West"));
    }

    #[test]
    fn the_template_follows_the_chosen_icb_until_edited() {
        let mut ret = Return::new(Scope::default());
        // Type-ahead in a list passes through other ICBs on the way.
        for name in ["Derby and Derbyshire", "Devon"] {
            ret.choose_icb(name);
        }
        assert_eq!(ret.outcome.review.icb_name, "NHS Devon Integrated Care Board");
        assert_eq!(ret.outcome.review.region, "South West");
        ret.outcome.review.icb_name = "Devon ICB (One Devon)".into();
        ret.choose_icb("Cornwall");
        assert_eq!(ret.outcome.review.icb_name, "Devon ICB (One Devon)");
        assert_eq!(ret.outcome.review.region, "South West");
    }

    #[test]
    fn rating_keeps_the_comment_and_comments_need_a_rating() {
        let mut ret = Return::new(Scope::default());
        let id = QuestionId::new(3, 8);
        assert!(!ret.set_comment(id, "early"));
        assert!(ret.maturity.answers.is_empty());
        ret.rate(id, Rating::NoNeedsAction);
        assert!(ret.set_comment(id, "Roles are not written down"));
        ret.rate(id, Rating::NoActionInHand);
        let a = ret.maturity.answers.get(id).unwrap();
        assert_eq!((a.rating, a.comment.as_deref()), (Rating::NoActionInHand, Some("Roles are not written down")));
        ret.set_comment(id, "  ");
        assert_eq!(ret.maturity.answers.get(id).unwrap().comment, None);
    }

    #[test]
    fn file_names_say_icb_scope_and_date() {
        let mut ret = Return::new(Scope::default());
        assert_eq!(ret.file_name("2024-09-30"), "icb-2024-09-30.json");
        ret.scope.choose_icb("QUY");
        assert_eq!(ret.file_name("2024-09-30"), "bristol-north-somerset-and-south-icb-2024-09-30.json");
        ret.scope.level = ScopeLevel::Team;
        ret.scope.organisation = "AWP".into();
        ret.scope.team = "ROSE / Bristol (Recovery Outreach)".into();
        let name = ret.file_name("2024-09-30");
        assert!(name.ends_with("-team-awp-rose-bristol-recovery-outreach-2024-09-30.json"), "{name}");
        assert_eq!(
            ret.scope.label(),
            "Bristol, North Somerset and South Gloucestershire: AWP: ROSE / Bristol (Recovery Outreach)"
        );
    }

    #[test]
    fn priority_areas_prefill_the_findings_once() {
        let mut ret = Return::new(Scope::default());
        ret.rate(QuestionId::new(3, 8), Rating::NoNeedsAction); // essential
        ret.rate(QuestionId::new(3, 6), Rating::NoActionInHand); // desirable
        ret.rate(QuestionId::new(1, 14), Rating::NoNeedsAction); // enhancer
        ret.rate(QuestionId::new(3, 1), Rating::YesWorkingWell);
        ret.maturity.findings.push(FindingRow {
            domain: 2,
            finding: "Our own finding".into(),
            ..FindingRow::default()
        });
        assert_eq!(ret.add_priority_findings(), 3);
        let rows: Vec<(u8, Option<String>)> =
            ret.maturity.findings.iter().map(|r| (r.domain, r.question.map(|q| q.to_string()))).collect();
        assert_eq!(rows, [(1, Some("1.14".into())), (2, None), (3, Some("3.08".into())), (3, Some("3.06".into()))]);
        assert!(
            ret.maturity.findings[2]
                .finding
                .starts_with("3.08 (Essential, rated \"No, action is needed\"): Are the roles")
        );
        assert_eq!(ret.add_priority_findings(), 0, "no duplicates on a second call");
    }

    #[test]
    fn touch_sets_created_once_and_updated_each_time() {
        let mut ret = Return::new(Scope::default());
        ret.touch("2024-09-01T10:00:00Z");
        ret.touch("2024-09-02T11:00:00Z");
        assert_eq!(ret.meta.created.as_deref(), Some("2024-09-01T10:00:00Z"));
        assert_eq!(ret.meta.updated.as_deref(), Some("2024-09-02T11:00:00Z"));
    }
}
