//! The changes a form makes to a return, as domain rules: what choosing an ICB implies, how a
//! rating and its comment are kept, how the export file is named. Front ends call these rather
//! than touching fields, so the rules hold in every front end.

use crate::index::{Category, Index, QuestionId};
use crate::model::{
    Answer, BarrierCategory, CommitteeMember, FindingRow, Rating, Return, ReturnStatus, Scope, ScopeLevel, Signatory,
    Signature, Task,
};
use crate::pointer::{FindingCell, MemberField, SignOffDate, SignatureField};
use crate::register::Register;
use crate::score::priority_areas;
use crate::template::Field;

impl Scope {
    /// Sets the ICB, and its region when the register knows the ICB. The register's formal name
    /// is used, so that returns name ICBs the same way.
    pub fn choose_icb(&mut self, name: &str) {
        match Register::get().find_icb(name) {
            Some(icb) => {
                self.icb = icb.name.to_owned();
                self.region = icb.region.to_owned();
            }
            None => self.icb = name.to_owned(),
        }
    }
}

/// A change a form makes to a return. [`Return::apply`] makes it, by the rules below, so that
/// every front end changes returns the same way.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Edit {
    /// Sets the level of the scope.
    Level(ScopeLevel),
    /// Chooses the ICB ([`Return::choose_icb`]).
    Icb(String),
    /// Sets the provider organisation.
    Organisation(String),
    /// Sets the team.
    Team(String),
    /// Rates a question ([`Return::rate`]).
    Rate(QuestionId, Rating),
    /// Comments on a rated question ([`Return::set_comment`]).
    Comment(QuestionId, String),
    /// Sets a text field of the template ([`Field::set_text`]).
    Text(Field, String),
    /// Answers a yes/no field of the template.
    Answer(Field, Option<bool>),
    /// Ticks or unticks a barrier category.
    Barrier(BarrierCategory, bool),
    /// Sets a text cell of a Findings and Actions row.
    FindingText(usize, FindingCell, String),
    /// Sets the domain of a row.
    FindingDomain(usize, u8),
    /// Marks a row's action completed or not.
    FindingCompleted(usize, bool),
    /// Adds an empty row, in the domain of the last.
    AddFinding,
    /// Removes a row.
    RemoveFinding(usize),
    /// Adds the priority areas not yet in the table ([`Return::add_priority_findings`]).
    AddPriorityFindings,
    /// Sets one of the two dates.
    Date(SignOffDate, String),
    /// Sets a field of a committee member.
    Member(usize, MemberField, String),
    /// Adds an empty committee member.
    AddMember,
    /// Removes a committee member.
    RemoveMember(usize),
    /// Sets a field of a signature.
    Signature(Signatory, SignatureField, String),
    /// Marks a section completed by the review group, or not ([`Return::mark_complete`]).
    MarkComplete(Task, bool),
    /// Sets the return's status. A front end sets [`ReturnStatus::Final`] on the copy it
    /// exports once [`crate::outstanding`] is empty; any other edit makes a return a draft again.
    Status(ReturnStatus),
}

/// An empty date is no date.
fn date(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

impl FindingRow {
    /// Sets a text cell.
    pub fn set(&mut self, cell: FindingCell, text: String) {
        match cell {
            FindingCell::Finding => self.finding = text,
            FindingCell::Action => self.action = text,
            FindingCell::Owner => self.owner = text,
            FindingCell::Due => self.due = date(text),
            FindingCell::Comments => self.comments = text,
        }
    }
}

impl CommitteeMember {
    /// Sets a field.
    pub fn set(&mut self, field: MemberField, text: String) {
        match field {
            MemberField::Name => self.name = text,
            MemberField::Designation => self.designation = text,
        }
    }
}

impl Signature {
    /// Sets a field.
    pub fn set(&mut self, field: SignatureField, text: String) {
        match field {
            SignatureField::Name => self.name = text,
            SignatureField::Organisation => self.organisation = text,
            SignatureField::Date => self.date = date(text),
        }
    }
}

impl Return {
    /// Makes a change. A row or member that is not there is left alone.
    pub fn apply(&mut self, edit: Edit) {
        // A final return changed is no longer the return that was signed off.
        if !matches!(edit, Edit::Status(_)) {
            self.status = ReturnStatus::Draft;
        }
        let m = &mut self.maturity;
        match edit {
            Edit::Level(level) => self.scope.level = level,
            Edit::Icb(name) => self.choose_icb(&name),
            Edit::Organisation(text) => self.scope.organisation = text,
            Edit::Team(text) => self.scope.team = text,
            Edit::Rate(id, rating) => self.rate(id, rating),
            Edit::Comment(id, text) => {
                self.set_comment(id, &text);
            }
            Edit::Text(field, text) => field.set_text(&mut self.outcome, &text),
            Edit::Answer(field, value) => field.set_answer(&mut self.outcome, value),
            Edit::Barrier(category, on) => self.outcome.barriers.set_category(category, on),
            Edit::FindingText(i, cell, text) => {
                if let Some(row) = m.findings.get_mut(i) {
                    row.set(cell, text);
                }
            }
            Edit::FindingDomain(i, domain) => {
                if let Some(row) = m.findings.get_mut(i) {
                    row.domain = domain;
                }
            }
            Edit::FindingCompleted(i, done) => {
                if let Some(row) = m.findings.get_mut(i) {
                    row.completed = done;
                }
            }
            Edit::AddFinding => {
                let domain = m.findings.last().map_or(1, |r| r.domain.max(1));
                m.findings.push(FindingRow { domain, ..FindingRow::default() });
            }
            Edit::RemoveFinding(i) => {
                if i < m.findings.len() {
                    m.findings.remove(i);
                }
            }
            Edit::AddPriorityFindings => {
                self.add_priority_findings();
            }
            Edit::Date(which, text) => match which {
                SignOffDate::Completed => m.date_completed = date(text),
                SignOffDate::Review => m.review_date = date(text),
            },
            Edit::Member(i, field, text) => {
                if let Some(member) = m.sign_off.committee.get_mut(i) {
                    member.set(field, text);
                }
            }
            Edit::AddMember => m.sign_off.committee.push(CommitteeMember::default()),
            Edit::RemoveMember(i) => {
                if i < m.sign_off.committee.len() {
                    m.sign_off.committee.remove(i);
                }
            }
            Edit::Signature(who, field, text) => m.sign_off.signature_mut(who).set(field, text),
            Edit::MarkComplete(task, done) => self.mark_complete(task, done),
            Edit::Status(status) => self.status = status,
        }
    }

    /// Records that the review group has (or has not) completed a section. Whether the
    /// section's content is complete is [`crate::outstanding`]'s to say; a front end asks
    /// before marking.
    pub fn mark_complete(&mut self, task: Task, done: bool) {
        let marked = self.completed_sections.contains(&task);
        if done && !marked {
            self.completed_sections.push(task);
        } else if !done {
            self.completed_sections.retain(|&t| t != task);
        }
    }

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
        match self.maturity.answers.get_mut(id) {
            Some(a) => a.rating = rating,
            None => {
                self.maturity.answers.insert(id, Answer { rating, comment: None });
            }
        }
    }

    /// Sets the comment on a rated question; an empty comment is removed. A question must be
    /// rated before it has a comment (the form shows the comment box once it is), so this
    /// returns false and changes nothing for an unrated question.
    pub fn set_comment(&mut self, id: QuestionId, comment: &str) -> bool {
        match self.maturity.answers.get_mut(id) {
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
        for domain in index.domains {
            let areas = priority_areas(domain.questions.iter(), &self.maturity.answers);
            for category in Category::ALL {
                for area in areas.get(category).iter().filter(|a| !present.contains(&a.id)) {
                    let text = index.question(area.id).map_or_else(Default::default, |q| q.full_text());
                    // The rating is not written into the finding: it may change, and the form
                    // shows the current one beside the row (see `Return::out_of_date_findings`).
                    // The group's comment on the question is the start of the finding.
                    let comment = self.maturity.answers.get(area.id).and_then(|a| a.comment.as_deref());
                    rows.push(FindingRow {
                        domain: domain.number,
                        question: Some(area.id),
                        finding: match comment {
                            Some(c) => format!("{} ({}): {text}\n{c}", area.id, category.label()),
                            None => format!("{} ({}): {text}", area.id, category.label()),
                        },
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

    /// The rows of the Findings and Actions table (from 0) that name a question no longer rated
    /// "No": the question was re-rated (or its rating removed) after the finding was written, so
    /// the finding may no longer hold. With each, the question's current rating, if any.
    pub fn out_of_date_findings(&self) -> Vec<(usize, QuestionId, Option<Rating>)> {
        self.maturity
            .findings
            .iter()
            .enumerate()
            .filter_map(|(i, row)| {
                let id = row.question?;
                let rating = self.maturity.answers.get(id).map(|a| a.rating);
                (!rating.is_some_and(Rating::is_no)).then_some((i, id, rating))
            })
            .collect()
    }

    /// Records a change at `now` (RFC 3339): collation keeps the latest of two returns.
    pub fn touch(&mut self, now: &str) {
        if self.meta.created.is_none() {
            self.meta.created = Some(now.to_owned());
        }
        self.meta.updated = Some(now.to_owned());
        self.meta.generator = concat!("iacmh ", env!("CARGO_PKG_VERSION")).to_owned();
    }

    /// The name to export the return under: ICB, scope, date and, for a draft, "draft", such as
    /// `devon-icb-2024-09-30.json` (final) or `devon-team-riverside-crisis-2024-09-30-draft.json`,
    /// so that a folder of returns shows which are final.
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
        if self.status == ReturnStatus::Draft {
            parts.push("draft".to_owned());
        }
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
        assert_eq!(ret.file_name("2024-09-30"), "icb-2024-09-30-draft.json");
        ret.scope.choose_icb("QUY");
        assert_eq!(ret.file_name("2024-09-30"), "bristol-north-somerset-and-south-icb-2024-09-30-draft.json");
        ret.status = ReturnStatus::Final;
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
        ret.rate(QuestionId::new(1, 14), Rating::NoNeedsAction); // enhancer, a fragment
        ret.set_comment(QuestionId::new(1, 14), "Vacant since May");
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
        assert!(ret.maturity.findings[2].finding.starts_with("3.08 (Essential): Are the roles"));
        // The whole question, and the group's comment on it.
        let first = &ret.maturity.findings[0].finding;
        assert!(first.starts_with("1.14 (Enhancer): Guidance suggests"), "{first}");
        assert!(first.ends_with("access to: Team leader.\nVacant since May"), "{first}");
        assert_eq!(ret.add_priority_findings(), 0, "no duplicates on a second call");
        assert!(ret.out_of_date_findings().is_empty());
        ret.rate(QuestionId::new(3, 8), Rating::YesWorkingWell);
        assert_eq!(ret.out_of_date_findings(), [(2, QuestionId::new(3, 8), Some(Rating::YesWorkingWell))]);
    }

    #[test]
    fn marks_are_kept_once_and_any_edit_makes_a_final_return_a_draft() {
        let mut ret = Return::new(Scope::default());
        ret.apply(Edit::MarkComplete(Task::Domain(3), true));
        ret.apply(Edit::MarkComplete(Task::Domain(3), true));
        ret.apply(Edit::MarkComplete(Task::Findings, true));
        assert_eq!(ret.completed_sections, [Task::Domain(3), Task::Findings]);
        ret.apply(Edit::MarkComplete(Task::Domain(3), false));
        assert_eq!(ret.completed_sections, [Task::Findings]);
        ret.apply(Edit::Status(ReturnStatus::Final));
        assert_eq!(ret.status, ReturnStatus::Final);
        ret.apply(Edit::Rate(QuestionId::new(1, 1), Rating::YesWorkingWell));
        assert_eq!(ret.status, ReturnStatus::Draft);
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
