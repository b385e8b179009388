"""Checks return files against the committed JSON Schema with an independent reader
(Python's jsonschema), and that the schema rejects what the crate rejects.

Usage: python3 tests/schema_check.py
Prints 'N passed, M failed' and exits non-zero on any failure.
"""
import copy
import json
import pathlib
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((ROOT / "crates/review/schema/return-v2.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
example = json.loads((ROOT / "crates/review/tests/fixtures/example-complete.json").read_text())

passed = failed = 0


def check(name, doc, should_pass):
    global passed, failed
    errors = list(validator.iter_errors(doc))
    ok = (not errors) == should_pass
    if ok:
        passed += 1
    else:
        failed += 1
        detail = errors[0].message if errors else "accepted"
        print(f"FAIL {name}: expected {'valid' if should_pass else 'invalid'}, got {detail}")


for path in sorted((ROOT / "crates/review/tests/fixtures").glob("*.json")):
    check(path.name, json.loads(path.read_text()), True)


def changed(edit):
    doc = copy.deepcopy(example)
    edit(doc)
    return doc


check("misspelt field", changed(lambda d: d["outcome"].update(asured=True)), False)
check("unknown top-level field", changed(lambda d: d.update(extra=1)), False)
check("wrong format", changed(lambda d: d.update(format="other")), False)
check("newer format_version", changed(lambda d: d.update(format_version=3)), False)
check("status other than draft or final", changed(lambda d: d.update(status="ready")), False)
check("unknown completed section", changed(lambda d: d.update(completed_sections=["domain-15"])), False)
check("a final return in a round", changed(lambda d: d.update(status="final", round="2024-25", completed_sections=["domain-14", "sign-off"])), True)
check("missing meta", changed(lambda d: d.pop("meta")), False)
check("rating no_action_needed", changed(lambda d: d["maturity"]["answers"]["1.01"].update(rating="no_action_needed")), False)
check("question id 1.1", changed(lambda d: d["maturity"]["answers"].update({"1.1": {"rating": "yes_working_well"}})), False)
check("scope level", changed(lambda d: d["scope"].update(level="region")), False)
check("assured as text", changed(lambda d: d["outcome"].update(assured="no")), False)
check("barrier category", changed(lambda d: d["outcome"]["barriers"].update(categories=["weather"])), False)
check("finding domain 300", changed(lambda d: d["maturity"]["findings"][0].update(domain=300)), False)
check("a version 1 draft with only the top level", {
    "format": "iacmh-return", "format_version": 1, "index_version": "midlands-2024.1",
    "scope": {"level": "team"}, "maturity": {}, "outcome": {}, "meta": {},
}, True)

print(f"schema: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
