//! The Questionnaire: an index edition and the national template as one FHIR R4 resource.

use iacmh_review::pointer::{FindingCell, MemberField, ScopeField, SignOffDate, SignatureField};
use iacmh_review::template::{Field, Kind, Requirement, Section};
use iacmh_review::{Index, MAX_COMMENT, MAX_SHORT_TEXT, Rating, Register, ScopeLevel, Signatory, Task};

use crate::codes::System;
use crate::resources::{
    AnswerOption, AnswerValue, CodeableConcept, Coding, EnableWhen, Extension, ExtensionValue, Item, Questionnaire,
};
use crate::{HIDDEN, ITEM_CONTROL, ITEM_CONTROL_SYSTEM, ITEM_WEIGHT, ODS, QUESTIONNAIRE_URL, links};

/// The index edition and the national template as one Questionnaire (see the crate
/// documentation for its shape).
pub fn questionnaire(index: &Index) -> Questionnaire {
    let mut item = vec![about()];
    item.extend(index.domains.iter().map(|domain| {
        let mut group =
            Item::new(links::domain(domain.number), "group", format!("Domain {}: {}", domain.number, domain.title));
        group.prefix = Some(domain.number.to_string());
        group.extension.push(item_control("table", "Vertical Answer Table"));
        group.item = domain.questions.iter().map(question).collect();
        group
    }));
    item.extend([findings(), sign_off(), outcome(), meta()]);
    Questionnaire {
        resource_type: "Questionnaire",
        id: format!("icb-maturity-index-{}", index.version),
        url: QUESTIONNAIRE_URL.to_owned(),
        version: index.version.to_owned(),
        name: "IcbMaturityIndex",
        title: format!("{} and national review outcome template", index.title),
        status: "active",
        subject_type: vec!["Organization"],
        publisher: "iacmh",
        description: index.source.to_owned(),
        item,
    }
}

fn item_control(code: &str, display: &str) -> Extension {
    Extension {
        url: ITEM_CONTROL,
        value: ExtensionValue::CodeableConcept(CodeableConcept {
            coding: vec![Coding::new(ITEM_CONTROL_SYSTEM, code, display)],
        }),
    }
}

fn coded(value: Coding) -> AnswerOption {
    AnswerOption { extension: Vec::new(), value: AnswerValue::Coding(value) }
}

fn text_item(link_id: impl Into<String>, kind: &'static str, text: &str, max: usize) -> Item {
    let mut item = Item::new(link_id, kind, text);
    item.max_length = Some(max);
    item
}

/// Who the return speaks for, and its round.
fn about() -> Item {
    let register = Register::get();
    let mut level = Item::new(links::scope(ScopeField::Level), "choice", ScopeField::Level.label());
    level.required = true;
    level.answer_option =
        ScopeLevel::ALL.iter().map(|l| coded(System::ScopeLevel.coding(l.key(), l.label()))).collect();
    let mut icb = Item::new(links::scope(ScopeField::Icb), "open-choice", ScopeField::Icb.label());
    icb.answer_option = register.icbs.iter().map(|i| coded(Coding::new(ODS, i.code, i.name))).collect();
    let mut region = Item::new(links::scope(ScopeField::Region), "open-choice", ScopeField::Region.label());
    region.answer_option = register
        .regions
        .iter()
        .map(|r| AnswerOption { extension: Vec::new(), value: AnswerValue::String((*r).to_owned()) })
        .collect();
    let mut group = Item::new(links::RETURN, "group", "Who the return speaks for");
    group.item = vec![
        level,
        icb,
        region,
        text_item(links::scope(ScopeField::Organisation), "string", ScopeField::Organisation.label(), MAX_SHORT_TEXT),
        text_item(links::scope(ScopeField::Team), "string", ScopeField::Team.label(), MAX_SHORT_TEXT),
        text_item(links::ROUND, "string", "Review period (an NHS financial year, such as 2024-25)", MAX_SHORT_TEXT),
    ];
    group
}

/// A rated question: the whole question, the five ratings weighted by their points, the
/// category as its code, and the comment under it once rated.
fn question(q: &iacmh_review::Question) -> Item {
    let mut item = Item::new(links::question(q.id), "choice", q.full_text());
    item.prefix = Some(q.id.to_string());
    item.code = vec![System::Category.coding(q.category.key(), q.category.label())];
    item.answer_option = Rating::ALL
        .iter()
        .map(|r| AnswerOption {
            extension: r
                .points()
                .map(|p| Extension { url: ITEM_WEIGHT, value: ExtensionValue::Decimal(p) })
                .into_iter()
                .collect(),
            value: AnswerValue::Coding(System::Rating.coding(r.key(), r.label())),
        })
        .collect();
    let mut comment = text_item(links::comment(q.id), "text", "Comment", MAX_COMMENT);
    comment.enable_when =
        vec![EnableWhen { question: links::question(q.id), operator: "exists", answer_boolean: true }];
    item.item = vec![comment];
    item
}

/// The Findings and Actions table: a group per row.
fn findings() -> Item {
    let mut group = Item::new(links::FINDINGS, "group", Task::Findings.title());
    group.repeats = true;
    group.item = vec![
        Item::new(links::FINDING_DOMAIN, "integer", "Domain"),
        text_item(links::FINDING_QUESTION, "string", "Question (such as 3.07)", 5),
    ];
    for cell in FindingCell::ALL {
        if cell == FindingCell::Comments {
            group.item.push(Item::new(links::FINDING_COMPLETED, "boolean", "Completed"));
        }
        group.item.push(match cell {
            FindingCell::Due => Item::new(links::finding(cell), "date", cell.label()),
            FindingCell::Owner => text_item(links::finding(cell), "string", cell.label(), MAX_SHORT_TEXT),
            _ => text_item(links::finding(cell), "text", cell.label(), MAX_COMMENT),
        });
    }
    group
}

/// Dates, committee and signatures.
fn sign_off() -> Item {
    let mut group = Item::new(links::sign_off(), "group", Task::SignOff.title());
    for date in SignOffDate::ALL {
        group.item.push(Item::new(date.key(), "date", date.label()));
    }
    let mut committee =
        Item::new(links::COMMITTEE, "group", "Maturity Index completed by (Governance Committee Membership)");
    committee.repeats = true;
    committee.item =
        MemberField::ALL.iter().map(|f| text_item(links::member(*f), "string", f.label(), MAX_SHORT_TEXT)).collect();
    group.item.push(committee);
    for who in Signatory::ALL {
        let mut signature = Item::new(links::signatory(who), "group", who.label());
        signature.item = SignatureField::ALL
            .iter()
            .map(|f| match f {
                SignatureField::Date => Item::new(links::signature(who, *f), "date", f.label()),
                _ => text_item(links::signature(who, *f), "string", f.label(), MAX_SHORT_TEXT),
            })
            .collect();
        group.item.push(signature);
    }
    group
}

/// The national template, a group per section, from the template's table.
fn outcome() -> Item {
    let not_assured =
        || vec![EnableWhen { question: links::field(Field::Assured), operator: "=", answer_boolean: false }];
    let mut group = Item::new(links::outcome(), "group", Task::Outcome.title());
    for section in Section::ALL {
        let mut sub = Item::new(links::section(section), "group", section.title());
        for field in Field::ALL.into_iter().filter(|f| f.section() == section) {
            let mut item = match field.kind() {
                Kind::YesNo => Item::new(links::field(field), "boolean", field.label()),
                Kind::LongText => text_item(links::field(field), "text", field.label(), field.kind().max_chars()),
                kind => {
                    let mut item = text_item(links::field(field), "string", field.label(), kind.max_chars());
                    item.repeats = kind == Kind::Lines;
                    item
                }
            };
            if field.requirement() == Requirement::WhenNotAssured {
                item.enable_when = not_assured();
            }
            sub.item.push(item);
            if field == Field::Barriers {
                let mut categories = Item::new(links::BARRIER_CATEGORIES, "choice", "Kinds of barrier described");
                categories.repeats = true;
                categories.enable_when = not_assured();
                categories.answer_option = iacmh_review::BarrierCategory::ALL
                    .iter()
                    .map(|b| coded(System::BarrierCategory.coding(b.key(), b.label())))
                    .collect();
                sub.item.push(categories);
            }
        }
        group.item.push(sub);
    }
    group
}

/// What a form keeps about the file, hidden from people.
fn meta() -> Item {
    let mut sections = Item::new(links::COMPLETED_SECTIONS, "choice", "Sections marked completed");
    sections.repeats = true;
    sections.answer_option = Task::all().map(|t| coded(System::Section.coding(&t.key(), &t.title()))).collect();
    let mut group = Item::new(links::META, "group", "About the file");
    group.extension.push(Extension { url: HIDDEN, value: ExtensionValue::Boolean(true) });
    group.item = vec![
        sections,
        Item::new(links::CREATED, "string", "Started (RFC 3339)"),
        Item::new(links::UPDATED, "string", "Last changed (RFC 3339)"),
        Item::new(links::GENERATOR, "string", "Written by"),
    ];
    group
}
