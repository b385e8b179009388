"""The fuzzers' dictionary, fuzz/return.dict, from the return format's JSON Schema: every field
name, every keyword value (enum and const), the completed sections, the index editions in
crates/review/data, and the JSON tokens and the separator the fuzz targets split inputs at.

Usage: python3 tests/fuzz_dict.py          checks fuzz/return.dict is current (exit 1 if not)
       python3 tests/fuzz_dict.py --write  rewrites it
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "crates/review/schema/return-v2.schema.json"
DICT = ROOT / "fuzz/return.dict"


def walk(node, keys, values):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "properties":
                keys.update(v)
            if k == "enum":
                values.update(x for x in v if isinstance(x, str))
            if k == "const" and isinstance(v, str):
                values.add(v)
            walk(v, keys, values)
    elif isinstance(node, list):
        for x in node:
            walk(x, keys, values)


def escape(text):
    """A libFuzzer dictionary value: printable ASCII as is, other bytes as \\xHH."""
    out = []
    for b in text.encode("utf-8"):
        c = chr(b)
        out.append(c if 32 <= b < 127 and c not in '"\\' else "\\x%02X" % b)
    return "".join(out)


def dictionary():
    schema = json.loads(SCHEMA.read_text())
    keys, values = set(), set()
    walk(schema, keys, values)
    # completed_sections is a pattern, not an enum: its fixed words and one domain.
    values.update(["domain-1", "domain-14", "findings", "sign-off", "outcome"])
    editions = sorted(p.stem[len("index-"):] for p in (ROOT / "crates/review/data").glob("index-*.json"))
    lines = [
        "# The return format's words for libFuzzer (-dict=fuzz/return.dict), generated from",
        "# crates/review/schema/return-v2.schema.json by tests/fuzz_dict.py; `./dev check` fails",
        "# if it is stale. Rewrite it with `python3 tests/fuzz_dict.py --write`.",
        "",
        "# Field names, quoted and with their colon.",
    ]
    lines += ['"\\"%s\\":"' % escape(k) for k in sorted(keys)]
    lines += ["", "# Keyword values (enums and constants) and completed sections, quoted."]
    lines += ['"\\"%s\\""' % escape(v) for v in sorted(values)]
    lines += ["", "# Index editions (crates/review/data/index-*.json), question ids, dates, versions."]
    lines += ['"\\"%s\\""' % escape(e) for e in editions]
    lines += ['"\\"1.01\\""', '"\\"14.09\\""', '"\\"2024-09-30\\""', '"\\"2024-09-30T17:00:00Z\\""', '"\\"2024-25\\""']
    lines += ["", "# JSON tokens, and the byte the multi-file targets split their input at."]
    tokens = ["{", "}", "[", "]", ":", ",", "null", "true", "false", "0", "-1", "1e9", "\\u0000", "\\ud83d\\ude00", "\xff"]
    lines += ['"%s"' % (escape(t) if t != "\xff" else "\\xFF") for t in tokens]
    return "\n".join(lines) + "\n"


def main():
    text = dictionary()
    if "--write" in sys.argv[1:]:
        DICT.write_text(text)
        return 0
    if not DICT.exists() or DICT.read_text() != text:
        print("fuzz/return.dict is out of date; run `python3 tests/fuzz_dict.py --write`")
        return 1
    print("fuzz/return.dict lists every field and keyword of the schema")
    return 0


if __name__ == "__main__":
    sys.exit(main())
