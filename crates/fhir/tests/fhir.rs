//! The Questionnaire's shape, the round trip return -> QuestionnaireResponse -> return, and the
//! errors a bad response gets.

use std::collections::{HashMap, HashSet};

use iacmh_fhir::{FhirError, Problem, QUESTIONNAIRE_URL, RETURN_VALUE, import, questionnaire, response};
use iacmh_review::{Answer, Index, Rating, Return, ReturnStatus, Task, example, parse_return};
use serde_json::{Value, json};

fn fixtures() -> Vec<(String, Return)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../review/tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let ret = parse_return(&std::fs::read(&path).unwrap()).unwrap();
            out.push((path.display().to_string(), ret));
        }
    }
    assert!(out.len() >= 2, "the fixtures are missing");
    out
}

fn q_json() -> Value {
    serde_json::to_value(questionnaire(Index::current())).unwrap()
}

fn qr_json(ret: &Return) -> Value {
    serde_json::to_value(response(ret)).unwrap()
}

fn round_trip(ret: &Return) -> Return {
    let text = serde_json::to_string_pretty(&response(ret)).unwrap();
    import(&text).unwrap_or_else(|e| panic!("{e}"))
}

/// Every item of the Questionnaire, by linkId, with its parent's linkId.
fn q_items(q: &Value) -> HashMap<String, (Value, Option<String>)> {
    fn walk(items: &Value, parent: Option<&str>, out: &mut HashMap<String, (Value, Option<String>)>) {
        for item in items.as_array().into_iter().flatten() {
            let link = item["linkId"].as_str().unwrap().to_owned();
            walk(&item["item"], Some(&link), out);
            let old = out.insert(link.clone(), (item.clone(), parent.map(str::to_owned)));
            assert!(old.is_none(), "linkId {link} twice");
        }
    }
    let mut out = HashMap::new();
    walk(&q["item"], None, &mut out);
    out
}

#[test]
fn the_questionnaire_has_a_table_group_per_domain_and_161_weighted_choice_questions() {
    let index = Index::current();
    let q = q_json();
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(q["url"], QUESTIONNAIRE_URL);
    assert_eq!(q["version"], index.version);
    let items = q_items(&q);
    let domains: Vec<&Value> =
        q["item"].as_array().unwrap().iter().filter(|i| i["linkId"].as_str().unwrap().starts_with("domain-")).collect();
    assert_eq!(domains.len(), 14);
    let mut choices = 0;
    for (group, domain) in domains.iter().zip(index.domains) {
        assert_eq!(group["type"], "group");
        assert_eq!(group["extension"][0]["valueCodeableConcept"]["coding"][0]["code"], "table");
        for (item, q) in group["item"].as_array().unwrap().iter().zip(domain.questions) {
            choices += 1;
            assert_eq!(item["type"], "choice");
            assert_eq!(item["linkId"], q.id.to_string());
            assert_eq!(item["text"], q.full_text().as_ref());
            assert_eq!(item["code"][0]["code"], q.category.key());
            let weights: Vec<Option<f64>> = item["answerOption"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| {
                    let ext = o["extension"].as_array().filter(|e| !e.is_empty());
                    ext.map(|e| {
                        assert_eq!(e[0]["url"], "http://hl7.org/fhir/StructureDefinition/itemWeight");
                        e[0]["valueDecimal"].as_f64().unwrap()
                    })
                })
                .collect();
            let points: Vec<Option<f64>> = Rating::ALL.iter().map(|r| r.points().map(f64::from)).collect();
            assert_eq!(weights, points, "{}", q.id);
            let comment = &item["item"][0];
            assert_eq!(comment["type"], "text");
            assert_eq!(
                comment["enableWhen"][0],
                json!({"question": q.id.to_string(), "operator": "exists", "answerBoolean": true})
            );
        }
    }
    assert_eq!(choices, 161);
    assert_eq!(items.values().filter(|(i, _)| i["type"] == "choice" && i["code"].is_array()).count(), 161);
    // The template's conditional fields are enabled when not assured.
    for link in ["outcome.gaps", "outcome.barriers", "outcome.barriers.categories"] {
        let (item, _) = &items[link];
        assert_eq!(
            item["enableWhen"][0],
            json!({"question": "outcome.assured", "operator": "=", "answerBoolean": false}),
            "{link}"
        );
    }
    assert_eq!(items["outcome.assured"].0["type"], "boolean");
    assert_eq!(items["findings"].0["repeats"], true);
    assert_eq!(items["meta"].0["extension"][0]["valueBoolean"], true);
}

#[test]
fn code_systems_come_from_the_enums() {
    let systems = serde_json::to_value(iacmh_fhir::code_systems()).unwrap();
    let rating = systems.as_array().unwrap().iter().find(|s| s["id"] == "rating").unwrap();
    let codes: Vec<&str> = rating["concept"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert_eq!(codes, Rating::ALL.map(Rating::key));
    // Every coding the Questionnaire offers from one of ours is in that code system.
    let known: HashSet<(String, String)> = systems
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["concept"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| (s["url"].as_str().unwrap().to_owned(), c["code"].as_str().unwrap().to_owned()))
        })
        .collect();
    let q = q_json();
    let mut checked = 0;
    for (item, _) in q_items(&q).values() {
        for coding in item["answerOption"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| o.get("valueCoding"))
            .chain(item["code"].as_array().into_iter().flatten())
        {
            let system = coding["system"].as_str().unwrap();
            if system.starts_with(iacmh_fhir::BASE) {
                assert!(known.contains(&(system.to_owned(), coding["code"].as_str().unwrap().to_owned())), "{coding}");
                checked += 1;
            }
        }
    }
    assert!(checked > 161 * 5, "{checked}");
}

#[test]
fn fixtures_and_generated_returns_round_trip_exactly() {
    for (name, ret) in fixtures() {
        assert_eq!(round_trip(&ret), ret, "{name}");
    }
    for seed in 0..120 {
        let ret = example::generated(seed);
        assert_eq!(round_trip(&ret), ret, "seed {seed}");
    }
}

/// A return with what FHIR cannot say directly: empty texts where `Some("")` differs from
/// `None`, dates that are not dates, a list with an empty item, an ICB not in the register,
/// an answer to a question the edition lacks, empty rows.
fn awkward() -> Return {
    let mut ret = example::complete();
    ret.status = ReturnStatus::Final;
    ret.round = Some(String::new());
    ret.scope.icb = "Somewhere ICB".to_owned();
    ret.maturity
        .answers
        .insert("1.01".parse().unwrap(), Answer { rating: Rating::NotApplicable, comment: Some(String::new()) });
    ret.maturity.answers.insert("15.01".parse().unwrap(), Answer { rating: Rating::YesWorkingWell, comment: None });
    ret.maturity.date_completed = Some("next March".to_owned());
    ret.maturity.review_date = Some(String::new());
    ret.maturity.findings.push(Default::default());
    ret.maturity.sign_off.committee.push(Default::default());
    ret.outcome.review.providers = vec!["A trust".to_owned(), String::new()];
    ret.outcome.assured = Some(true);
    ret.outcome.gaps = "Kept although assured".to_owned();
    ret.completed_sections = vec![Task::Outcome, Task::Domain(3), Task::Findings];
    ret.meta.created = Some("yesterday".to_owned());
    ret.meta.updated = None;
    ret
}

#[test]
fn what_fhir_cannot_say_directly_still_round_trips() {
    let ret = awkward();
    assert_eq!(round_trip(&ret), ret);
    let qr = qr_json(&ret);
    assert_eq!(qr["status"], "completed");
    assert!(qr.get("subject").is_none(), "an ICB not in the register has no ODS code");
    assert!(qr.to_string().contains(RETURN_VALUE));
    fn no_empty_strings(v: &Value) {
        match v {
            Value::String(s) => assert!(!s.is_empty(), "FHIR has no empty strings"),
            Value::Array(a) => a.iter().for_each(no_empty_strings),
            Value::Object(o) => o.values().for_each(no_empty_strings),
            _ => {}
        }
    }
    no_empty_strings(&qr);
}

#[test]
fn the_response_names_the_versioned_questionnaire_the_icb_and_the_status() {
    let ret = example::complete();
    let qr = qr_json(&ret);
    assert_eq!(qr["questionnaire"], format!("{QUESTIONNAIRE_URL}|{}", ret.index_version));
    assert_eq!(qr["status"], "in-progress");
    assert_eq!(qr["subject"]["identifier"]["system"], "https://fhir.nhs.uk/Id/ods-organization-code");
    let icb = iacmh_review::Register::get().find_icb(&ret.scope.icb).unwrap();
    assert_eq!(qr["subject"]["identifier"]["value"], icb.code);
}

/// Each item of a response is in the Questionnaire, under the same parent, with an answer of
/// the item's type: the response answers the Questionnaire.
#[test]
fn responses_answer_the_questionnaire() {
    let q = q_json();
    let items = q_items(&q);
    fn walk(list: &Value, parent: Option<&str>, items: &HashMap<String, (Value, Option<String>)>, seen: &mut usize) {
        for it in list.as_array().into_iter().flatten() {
            let link = it["linkId"].as_str().unwrap();
            if it.get("extension").is_some() {
                assert_eq!(it["extension"][0]["url"], RETURN_VALUE);
            }
            // An answer to a question the edition lacks has no item; everything else does.
            let Some((def, def_parent)) = items.get(link) else {
                assert_eq!(link, "domain-15");
                continue;
            };
            *seen += 1;
            assert_eq!(def_parent.as_deref(), parent, "{link}");
            for answer in it["answer"].as_array().into_iter().flatten() {
                let key = answer.as_object().unwrap().keys().find(|k| k.starts_with("value")).unwrap().clone();
                let expected: &[&str] = match def["type"].as_str().unwrap() {
                    "choice" => &["valueCoding"],
                    "open-choice" => &["valueCoding", "valueString"],
                    "string" | "text" => &["valueString"],
                    "boolean" => &["valueBoolean"],
                    "integer" => &["valueInteger"],
                    "date" => &["valueDate"],
                    other => panic!("{other}"),
                };
                assert!(expected.contains(&key.as_str()), "{link}: {key}");
                if def["repeats"] != true {
                    assert_eq!(it["answer"].as_array().unwrap().len(), 1, "{link}");
                }
                walk(&answer["item"], Some(link), items, seen);
            }
            assert!(it.get("answer").is_none() || def["type"] != "group", "{link}");
            walk(&it["item"], Some(link), items, seen);
        }
    }
    for ret in [example::complete(), example::generated(50), awkward()] {
        let mut seen = 0;
        walk(&qr_json(&ret)["item"], None, &items, &mut seen);
        assert!(seen > 161, "{seen}");
    }
}

fn err(v: &Value) -> FhirError {
    import(&v.to_string()).expect_err("imported")
}

fn invalid(v: &Value) -> (String, Problem, iacmh_fhir::Params, String) {
    match err(v) {
        e @ FhirError::Invalid { .. } => {
            let FhirError::Invalid { path, problem, params, .. } = &e else { unreachable!() };
            (path.clone(), *problem, (**params).clone(), e.to_string())
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_responses_get_located_errors() {
    let good = qr_json(&example::complete());
    // Not JSON, not a QuestionnaireResponse, another questionnaire.
    let e = import("{\n  \"resourceType\": ").unwrap_err();
    assert!(matches!(e, FhirError::NotJson { line: 2, .. }), "{e:?}");
    assert_eq!(e.code(), "not_json");
    assert_eq!(err(&json!({"resourceType": "Patient"})).code(), "not_response");
    assert_eq!(err(&json!([1, 2])).code(), "not_response");
    let mut other = good.clone();
    other["questionnaire"] = "http://example.org/Questionnaire/phq-9".into();
    let e = err(&other);
    assert_eq!(e.code(), "wrong_questionnaire");
    assert!(e.to_string().contains("phq-9"), "{e}");
    assert_eq!(err(&json!({"resourceType": "QuestionnaireResponse", "status": "completed"})).code(), "missing");

    let mut bad = good.clone();
    bad["status"] = "entered-in-error".into();
    let (path, problem, params, _) = invalid(&bad);
    assert_eq!((path.as_str(), problem), ("QuestionnaireResponse.status", Problem::BadValue));
    assert_eq!(params.found.as_deref(), Some("entered-in-error"));

    // Where the domains start, and the first question of domain 1.
    let d1 = good["item"].as_array().unwrap().iter().position(|i| i["linkId"] == "domain-1").unwrap();
    let mut bad = good.clone();
    bad["item"][d1]["item"][0]["answer"][0] = json!({"valueString": "yes"});
    let (path, problem, params, message) = invalid(&bad);
    assert_eq!(path, format!("QuestionnaireResponse.item[{d1}].item[0].answer[0].valueCoding"));
    assert_eq!(problem, Problem::WrongType);
    assert_eq!(params.link_id.as_deref(), Some("1.01"));
    assert_eq!(params.found.as_deref(), Some("valueString"));
    assert!(message.contains("must be a valueCoding, not valueString"), "{message}");

    let mut bad = good.clone();
    bad["item"][d1]["item"][2]["answer"][0]["valueCoding"]["code"] = "maybe".into();
    let (path, problem, params, _) = invalid(&bad);
    assert_eq!(path, format!("QuestionnaireResponse.item[{d1}].item[2].answer[0].valueCoding.code"));
    assert_eq!(problem, Problem::BadValue);
    assert_eq!(params.found.as_deref(), Some("maybe"));

    let mut bad = good.clone();
    let first = bad["item"][d1]["item"][0].clone();
    bad["item"][d1]["item"].as_array_mut().unwrap().push(first);
    let (path, problem, ..) = invalid(&bad);
    assert_eq!(problem, Problem::Repeated);
    assert!(path.starts_with(&format!("QuestionnaireResponse.item[{d1}].item[")), "{path}");

    let mut bad = good.clone();
    bad["item"][d1]["item"][0]["linkId"] = "2.01".into();
    let (path, problem, params, _) = invalid(&bad);
    assert_eq!((path, problem), (format!("QuestionnaireResponse.item[{d1}].item[0]"), Problem::UnknownItem));
    assert_eq!(params.link_id.as_deref(), Some("2.01"));

    let mut bad = good.clone();
    bad["item"]
        .as_array_mut()
        .unwrap()
        .push(json!({"linkId": "favourite-colour", "answer": [{"valueString": "blue"}]}));
    let (_, problem, ..) = invalid(&bad);
    assert_eq!(problem, Problem::UnknownItem);

    let mut bad = good.clone();
    bad["item"][d1]["item"][1]["answer"]
        .as_array_mut()
        .unwrap()
        .push(json!({"valueCoding": {"code": "yes_working_well"}}));
    let (path, problem, ..) = invalid(&bad);
    assert_eq!((path, problem), (format!("QuestionnaireResponse.item[{d1}].item[1].answer[1]"), Problem::Repeated));

    // The ICB's subject and item must agree.
    let mut bad = good.clone();
    bad["subject"]["identifier"]["value"] = "QUY".into();
    let (path, problem, ..) = invalid(&bad);
    assert_eq!((path.as_str(), problem), ("QuestionnaireResponse.subject.identifier.value", Problem::BadValue));

    let huge = " ".repeat(iacmh_fhir::MAX_RESPONSE_BYTES as usize + 1);
    assert_eq!(import(&huge).unwrap_err().code(), "too_large");
}

#[test]
fn a_minimal_response_from_another_tool_imports() {
    // What a renderer writes: no version, no hidden items, a coding without display, the ICB
    // only as the subject.
    let qr = json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": QUESTIONNAIRE_URL,
        "status": "in-progress",
        "subject": {"identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "QUY"}},
        "item": [
            {"linkId": "return", "text": "Who", "item": [
                {"linkId": "scope.level", "answer": [{"valueCoding": {"system": "https://iacmh.example/fhir/CodeSystem/scope-level", "code": "icb"}}]}
            ]},
            {"linkId": "domain-3", "item": [
                {"linkId": "3.02", "text": "...", "answer": [{"valueCoding": {"code": "no_action_in_hand"}, "item": [
                    {"linkId": "3.02.comment", "answer": [{"valueString": "Being written"}]}
                ]}]},
                {"linkId": "3.03"}
            ]}
        ]
    });
    let ret = import(&qr.to_string()).unwrap();
    assert_eq!(ret.index_version, Index::current().version);
    assert!(ret.scope.icb.contains("Bristol"), "{}", ret.scope.icb);
    assert_eq!(ret.maturity.answers.len(), 1);
    let a = ret.maturity.answers.get("3.02".parse().unwrap()).unwrap();
    assert_eq!((a.rating, a.comment.as_deref()), (Rating::NoActionInHand, Some("Being written")));
    assert!(iacmh_review::validate(&ret).iter().all(|d| d.code.as_str() != "invalid"));
}
