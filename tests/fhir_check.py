"""Reads iacmh's FHIR output with an independent reader, the `fhir.resources` model library
(8.x, whose `fhir.resources.R4B` package holds the R4B models: 8.x has no separate R4 package,
and R4B's Questionnaire, QuestionnaireResponse, CodeSystem and Bundle are R4's): the
Questionnaire, the code systems, and a QuestionnaireResponse made from each fixture, parsed
as model objects and counted.

Usage: python3 tests/fhir_check.py   (runs target/debug/iacmh, or $IACMH_BIN)
Prints 'N passed, M failed' and exits non-zero on any failure.
"""
import json
import os
import pathlib
import subprocess
import sys

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
IACMH = os.environ.get("IACMH_BIN", str(TARGET / "debug" / "iacmh"))
ITEM_WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight"
RATING = "https://iacmh.example/fhir/CodeSystem/rating"

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def iacmh(*args):
    return subprocess.run([IACMH, *args], check=True, capture_output=True, text=True).stdout


def walk(items):
    for item in items or []:
        yield item
        yield from walk(item.item)
        for answer in getattr(item, "answer", None) or []:
            yield from walk(answer.item)


q_json = iacmh("fhir", "questionnaire")
q = Questionnaire.model_validate_json(q_json)
items = list(walk(q.item))
by_link = {i.linkId: i for i in items}
check("linkIds are unique", len(by_link) == len(items))
rated = [i for i in items if i.type == "choice" and any(c.system == "https://iacmh.example/fhir/CodeSystem/category" for c in i.code or [])]
check("161 rated questions", len(rated) == 161, len(rated))
domains = [i for i in q.item if i.linkId.startswith("domain-")]
check("14 domain groups shown as tables", len(domains) == 14 and all(
    d.extension[0].valueCodeableConcept.coding[0].code == "table" for d in domains), len(domains))
for item in rated:
    weights = {}
    for option in item.answerOption:
        w = [e.valueDecimal for e in option.extension or [] if e.url == ITEM_WEIGHT]
        weights[option.valueCoding.code] = float(w[0]) if w else None
    expected = {"no_needs_action": 0.0, "no_action_in_hand": 1.0, "yes_needs_improvement": 2.0,
                "yes_working_well": 3.0, "not_applicable": None}
    if weights != expected:
        check(f"weights of {item.linkId}", False, weights)
        break
else:
    check("ratings weighted 0-3, not applicable unweighted", True)
check("comments enabled once rated", all(
    i.item[0].type == "text" and i.item[0].enableWhen[0].operator == "exists" for i in rated))
check("gaps enabled when not assured", by_link["outcome.gaps"].enableWhen[0].question == "outcome.assured")
check("findings repeat", by_link["findings"].repeats is True)
check("versioned canonical", q.url.startswith("https://") and q.version == "midlands-2024.1", (q.url, q.version))

bundle = Bundle.model_validate_json(iacmh("fhir", "code-systems"))
systems = {e.resource.url: e.resource for e in bundle.entry}
check("the rating code system has the five ratings", len(systems[RATING].concept) == 5)

for path in sorted((ROOT / "crates/review/tests/fixtures").glob("*.json")):
    ret = json.loads(path.read_text())
    qr_json = iacmh("fhir", "response", str(path))
    qr = QuestionnaireResponse.model_validate_json(qr_json)
    answered = [i for i in walk(qr.item) if i.answer and i.answer[0].valueCoding and i.answer[0].valueCoding.system == RATING]
    check(f"{path.name}: one rating per answer", len(answered) == len(ret["maturity"]["answers"]),
          (len(answered), len(ret["maturity"]["answers"])))
    unknown = [i.linkId for i in walk(qr.item) if i.linkId not in by_link]
    check(f"{path.name}: every item is in the Questionnaire", not unknown, unknown[:5])
    check(f"{path.name}: questionnaire is url|version", qr.questionnaire == f"{q.url}|{ret['index_version']}")
    findings = [i for i in qr.item if i.linkId == "findings"]
    check(f"{path.name}: a group per finding", len(findings) == len(ret["maturity"]["findings"]))
    # The reader is not a rubber stamp: FHIR has no empty string, and it says so.
    broken = json.loads(qr_json)
    broken["item"][0]["item"][1] = {"linkId": "scope.icb", "answer": [{"valueString": ""}]}
    try:
        QuestionnaireResponse.model_validate(broken)
        check(f"{path.name}: an empty string is refused", False, "accepted")
    except ValidationError:
        check(f"{path.name}: an empty string is refused", True)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
