//! A return as a QuestionnaireResponse: every field of the return has an item, so that
//! [`crate::import`] gives the same return back.

use iacmh_review::pointer::{FindingCell, MemberField, ScopeField, SignOffDate, SignatureField};
use iacmh_review::template::{Field, Section};
use iacmh_review::{Date, Register, Return, ReturnStatus, Signatory, is_timestamp};

use crate::codes::System;
use crate::resources::{
    Answer, AnswerValue, Coding, Extension, ExtensionValue, Identifier, QuestionnaireResponse, Reference, ResponseItem,
};
use crate::{ODS, QUESTIONNAIRE_URL, RETURN_VALUE, links};

/// The return as a QuestionnaireResponse to [`crate::questionnaire`] of its index edition.
pub fn response(ret: &Return) -> QuestionnaireResponse {
    let scope = &ret.scope;
    let register = Register::get();
    let mut item = Vec::new();

    let mut about = vec![answered(
        links::scope(ScopeField::Level),
        AnswerValue::Coding(System::ScopeLevel.coding(scope.level.key(), scope.level.label())),
    )];
    // An ICB named exactly as the register names it is answered with its ODS code.
    about.extend(match register.icbs.iter().find(|i| i.name == scope.icb) {
        Some(icb) => {
            Some(answered(links::scope(ScopeField::Icb), AnswerValue::Coding(Coding::new(ODS, icb.code, icb.name))))
        }
        None => string(links::scope(ScopeField::Icb), &scope.icb),
    });
    about.extend(string(links::scope(ScopeField::Region), &scope.region));
    about.extend(string(links::scope(ScopeField::Organisation), &scope.organisation));
    about.extend(string(links::scope(ScopeField::Team), &scope.team));
    about.extend(ret.round.as_ref().map(|r| text(links::ROUND, r)));
    item.extend(group(links::RETURN, about));

    // The answers by domain, in question order (`Answers` keeps it), whether or not the edition
    // has the question: a return may answer one it lacks, which validation then reports.
    let m = &ret.maturity;
    let mut rated = m.answers.iter().peekable();
    while let Some(&(first, _)) = rated.peek() {
        let domain = first.domain;
        let mut rows = Vec::new();
        while let Some((id, answer)) = rated.next_if(|(id, _)| id.domain == domain) {
            let rating = AnswerValue::Coding(System::Rating.coding(answer.rating.key(), answer.rating.label()));
            let comment = answer.comment.as_ref().map(|c| text(links::comment(*id), c));
            rows.push(ResponseItem {
                extension: Vec::new(),
                link_id: links::question(*id),
                answer: vec![Answer { value: rating, item: comment.into_iter().collect() }],
                item: Vec::new(),
            });
        }
        item.extend(group(&links::domain(domain), rows));
    }

    for row in &m.findings {
        let mut cells = vec![answered(links::FINDING_DOMAIN, AnswerValue::Integer(row.domain.into()))];
        cells.extend(row.question.map(|q| answered(links::FINDING_QUESTION, AnswerValue::String(q.to_string()))));
        for cell in FindingCell::ALL {
            if cell == FindingCell::Comments {
                cells.push(answered(links::FINDING_COMPLETED, AnswerValue::Boolean(row.completed)));
            }
            let link = links::finding(cell);
            cells.extend(match cell {
                FindingCell::Finding => string(link, &row.finding),
                FindingCell::Action => string(link, &row.action),
                FindingCell::Owner => string(link, &row.owner),
                FindingCell::Due => date(link, &row.due),
                FindingCell::Comments => string(link, &row.comments),
            });
        }
        // Each row is an instance of the repeating group, even an empty one.
        item.push(ResponseItem {
            extension: Vec::new(),
            link_id: links::FINDINGS.to_owned(),
            answer: Vec::new(),
            item: cells,
        });
    }

    let mut sign_off = Vec::new();
    for (which, value) in [(SignOffDate::Completed, &m.date_completed), (SignOffDate::Review, &m.review_date)] {
        sign_off.extend(date(which.key().to_owned(), value));
    }
    for member in &m.sign_off.committee {
        let mut fields = Vec::new();
        fields.extend(string(links::member(MemberField::Name), &member.name));
        fields.extend(string(links::member(MemberField::Designation), &member.designation));
        sign_off.push(ResponseItem {
            extension: Vec::new(),
            link_id: links::COMMITTEE.to_owned(),
            answer: Vec::new(),
            item: fields,
        });
    }
    for who in Signatory::ALL {
        let s = m.sign_off.signature(who);
        let mut fields = Vec::new();
        fields.extend(string(links::signature(who, SignatureField::Name), &s.name));
        fields.extend(string(links::signature(who, SignatureField::Organisation), &s.organisation));
        fields.extend(date(links::signature(who, SignatureField::Date), &s.date));
        sign_off.extend(group(links::signatory(who), fields));
    }
    item.extend(group(&links::sign_off(), sign_off));

    let o = &ret.outcome;
    let mut sections = Vec::new();
    for section in Section::ALL {
        let mut fields = Vec::new();
        for field in Field::ALL.into_iter().filter(|f| f.section() == section) {
            let link = links::field(field);
            if let Some(text) = field.text_ref(o) {
                fields.extend(string(link, text));
            } else if let Some(lines) = field.lines(o) {
                fields.extend(list(link, lines));
            } else if let Some(yes) = field.answer(o) {
                fields.push(answered(link, AnswerValue::Boolean(yes)));
            }
            if field == Field::Barriers && !o.barriers.categories.is_empty() {
                let codes = o.barriers.categories.iter().map(|c| System::BarrierCategory.coding(c.key(), c.label()));
                fields.push(answers(links::BARRIER_CATEGORIES, codes.map(AnswerValue::Coding)));
            }
        }
        sections.extend(group(&links::section(section), fields));
    }
    item.extend(group(&links::outcome(), sections));

    let mut meta = Vec::new();
    if !ret.completed_sections.is_empty() {
        let codes = ret.completed_sections.iter().map(|t| System::Section.coding(&t.key(), &t.title()));
        meta.push(answers(links::COMPLETED_SECTIONS, codes.map(AnswerValue::Coding)));
    }
    meta.extend(ret.meta.created.as_ref().map(|c| text(links::CREATED, c)));
    meta.extend(ret.meta.updated.as_ref().map(|u| text(links::UPDATED, u)));
    meta.extend(string(links::GENERATOR, &ret.meta.generator));
    item.extend(group(links::META, meta));

    QuestionnaireResponse {
        resource_type: "QuestionnaireResponse",
        questionnaire: format!("{QUESTIONNAIRE_URL}|{}", ret.index_version),
        status: match ret.status {
            ReturnStatus::Draft => "in-progress",
            ReturnStatus::Final => "completed",
        },
        subject: register.find_icb(&scope.icb).map(|icb| Reference {
            identifier: Identifier { system: ODS, value: icb.code.to_owned() },
            display: icb.name.to_owned(),
        }),
        authored: ret.meta.updated.clone().filter(|u| is_timestamp(u)),
        item,
    }
}

fn answers(link_id: impl Into<String>, values: impl Iterator<Item = AnswerValue>) -> ResponseItem {
    ResponseItem {
        extension: Vec::new(),
        link_id: link_id.into(),
        answer: values.map(|value| Answer { value, item: Vec::new() }).collect(),
        item: Vec::new(),
    }
}

fn answered(link_id: impl Into<String>, value: AnswerValue) -> ResponseItem {
    answers(link_id, std::iter::once(value))
}

/// An item without an answer, carrying the value as JSON in the return-value extension.
fn kept(link_id: impl Into<String>, json: String) -> ResponseItem {
    ResponseItem {
        extension: vec![Extension { url: RETURN_VALUE, value: ExtensionValue::String(json) }],
        link_id: link_id.into(),
        answer: Vec::new(),
        item: Vec::new(),
    }
}

fn json_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// A text that is there (an `Option`'s `Some`): FHIR has no empty string, so `""` is kept.
fn text(link_id: impl Into<String>, s: &str) -> ResponseItem {
    if s.is_empty() { kept(link_id, json_string(s)) } else { answered(link_id, AnswerValue::String(s.to_owned())) }
}

/// A text field, where empty means unanswered.
fn string(link_id: impl Into<String>, s: &str) -> Option<ResponseItem> {
    (!s.is_empty()).then(|| answered(link_id, AnswerValue::String(s.to_owned())))
}

fn date(link_id: impl Into<String>, d: &Option<String>) -> Option<ResponseItem> {
    let d = d.as_deref()?;
    Some(match Date::parse(d) {
        Some(_) => answered(link_id, AnswerValue::Date(d.to_owned())),
        None => kept(link_id, json_string(d)),
    })
}

fn list(link_id: impl Into<String>, items: &[String]) -> Option<ResponseItem> {
    if items.is_empty() {
        None
    } else if items.iter().any(String::is_empty) {
        Some(kept(link_id, serde_json::Value::from(items.to_vec()).to_string()))
    } else {
        Some(answers(link_id, items.iter().map(|s| AnswerValue::String(s.clone()))))
    }
}

/// A group with its items, left out when it has none.
fn group(link_id: &str, item: Vec<ResponseItem>) -> Option<ResponseItem> {
    (!item.is_empty()).then(|| ResponseItem {
        extension: Vec::new(),
        link_id: link_id.to_owned(),
        answer: Vec::new(),
        item,
    })
}
