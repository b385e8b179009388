"""`iacmh.validate`, `iacmh.score` and `iacmh.index` against the command line's JSON, and every
kind of bad input: not JSON, oversized, another format, a newer version, a value of the wrong
type, a missing file, a folder, a named pipe, an argument of the wrong type."""

import json
import os
import pathlib
import threading

import iacmh
import pytest

from conftest import FIXTURES, cli_json


def with_errors():
    """A generated return with errors and warnings of several kinds."""
    ret = json.loads(iacmh.example(3))
    ret["outcome"]["review"]["operational_lead_email"] = "not an email"
    ret["outcome"]["review"]["sro_name"] = ""
    del ret["maturity"]["answers"]["4.02"]
    ret["maturity"]["answers"]["1.01"] = {"rating": "no_needs_action"}
    return json.dumps(ret)


def returns(tmp_path):
    """The fixtures and some generated returns, as files."""
    files = sorted(FIXTURES.glob("*.json"))
    for name, text in [("icb.json", iacmh.example(7)), ("team.json", iacmh.example(60)), ("errors.json", with_errors())]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def test_validate_gives_what_the_command_line_gives(tmp_path):
    files = returns(tmp_path)
    reports = cli_json("validate", "--format", "json", *files)
    assert len(reports) == len(files) >= 5
    for path, cli in zip(files, reports):
        got = iacmh.validate(path)
        assert got["valid"] == cli["valid"], path
        assert got["status"] == cli["status"], path
        for severity, key in (("error", "errors"), ("warning", "warnings")):
            mine = [
                {k: d[k] for k in ("code", "path", "message", "params") if k in d}
                for d in got["diagnostics"]
                if d["severity"] == severity
            ]
            assert mine == cli[key], (path, severity)
        assert got["outstanding"] == cli["outstanding"], path
        assert set(got) == {"valid", "status", "diagnostics", "outstanding", "completeness"}
    # Not a test that cannot fail: the set has valid and invalid returns, errors and warnings.
    assert {r["valid"] for r in reports} == {True, False}
    assert any(r["warnings"] for r in reports)
    codes = {e["code"] for r in reports for e in r["errors"]}
    assert {"invalid_email", "required"} <= codes, codes


def test_completeness_counts_the_answers():
    ret = json.loads(with_errors())
    got = iacmh.validate(with_errors())["completeness"]
    answered = sum(1 for a in ret["maturity"]["answers"].values() if a.get("rating"))
    assert got["maturity"] == {"done": answered, "total": 161}
    assert sum(d["done"] for d in got["domains"]) == answered
    assert [d["domain"] for d in got["domains"]] == list(range(1, 15))


def test_text_bytes_and_paths_give_the_same_answer(tmp_path):
    path = tmp_path / "r.json"
    text = with_errors()
    path.write_text(text, encoding="utf-8")
    expected = iacmh.validate(path)
    assert iacmh.validate(str(path)) == expected
    assert iacmh.validate(text) == expected
    assert iacmh.validate("\n  " + text) == expected
    assert iacmh.validate(text.encode()) == expected
    assert iacmh.validate(bytearray(text.encode())) == expected

    class PathLike:
        def __fspath__(self):
            return str(path)

    assert iacmh.validate(PathLike()) == expected


def test_score_gives_what_the_command_line_gives(tmp_path):
    for path in returns(tmp_path):
        assert iacmh.score(path) == cli_json("score", "--format", "json", path), path
    card = iacmh.score(iacmh.example())
    assert [d["domain"] for d in card["domains"]] == list(range(1, 15))
    assert card["overall"]["answered"] == 161


def test_an_unknown_index_edition_cannot_be_scored(tmp_path):
    ret = json.loads(iacmh.example())
    ret["index_version"] = "somewhere-2099.1"
    with pytest.raises(ValueError, match="somewhere-2099.1"):
        iacmh.score(json.dumps(ret))
    # It is still a return: validation says what is wrong with it.
    codes = [d["code"] for d in iacmh.validate(json.dumps(ret))["diagnostics"]]
    assert "unknown_index_version" in codes


def padded(size):
    """JSON text of exactly `size` bytes that names the format and is padded out."""
    head, tail = b'{"format": "iacmh-return", "pad": "', b'"}'
    return head + b"a" * (size - len(head) - len(tail)) + tail


def bad_inputs():
    example = json.loads(iacmh.example())
    newer = dict(example, format_version=99)
    bad_version = dict(example, format_version="two")
    bad_rating = json.loads(iacmh.example())
    bad_rating["maturity"]["answers"]["3.04"]["rating"] = "maybe"
    return {
        "not_json": b"Minutes of the review group, 3 March",
        "truncated": iacmh.example()[:5000].encode(),
        "empty": b"  \n",
        "utf16": "\ufeff{}".encode("utf-16-le"),
        "not_utf8": b'{"format": "iacmh-return", "x": "\xff"}',
        "wrong_format": json.dumps({"format": "fhir", "format_version": 1}).encode(),
        "a_list": b"[1, 2, 3]",
        "newer_version": json.dumps(newer).encode(),
        "bad_version": json.dumps(bad_version).encode(),
        "bad_rating": json.dumps(bad_rating, indent=2).encode(),
        # One byte over the limit, and JSON: refused for its size before it is parsed.
        "too_large": padded(iacmh.MAX_RETURN_BYTES + 1),
    }


@pytest.mark.parametrize("name", sorted(bad_inputs()))
def test_bad_input_raises_parse_error_as_the_command_line_reports_it(tmp_path, name):
    data = bad_inputs()[name]
    if name == "too_large":
        assert len(data) == iacmh.MAX_RETURN_BYTES + 1
    path = tmp_path / f"{name}.json"
    path.write_bytes(data)
    [cli] = cli_json("validate", "--format", "json", path)
    [expected] = cli["errors"]
    with pytest.raises(iacmh.ParseError) as raised:
        iacmh.validate(path)
    e = raised.value
    assert isinstance(e, ValueError)
    assert e.code == expected["code"]
    assert e.message == expected["message"]
    assert str(e) == f"{path}: {expected['message']}"
    assert (e.path or "") == expected["path"]
    assert (e.line, e.column) == (expected.get("line"), expected.get("column"))
    assert e.file == str(path)
    # The same bytes given as text: the same error, without a file.
    with pytest.raises(iacmh.ParseError) as raised:
        iacmh.score(data)
    assert (raised.value.code, raised.value.message, raised.value.file) == (e.code, e.message, None)


def test_the_kinds_of_bad_input_are_told_apart():
    codes = {}
    for name, data in bad_inputs().items():
        with pytest.raises(iacmh.ParseError) as raised:
            iacmh.validate(data)
        codes[name] = raised.value.code
    assert codes["not_json"] == codes["truncated"] == "not_json"
    assert codes["too_large"] == "too_large"
    # At the limit exactly, the size is allowed: what is wrong is then the content.
    with pytest.raises(iacmh.ParseError) as raised:
        iacmh.validate(padded(iacmh.MAX_RETURN_BYTES))
    assert raised.value.code != "too_large"
    assert codes["newer_version"] == "newer_version"
    assert codes["wrong_format"] == "wrong_format"
    assert codes["bad_rating"] == "invalid"
    with pytest.raises(iacmh.ParseError) as raised:
        iacmh.validate(bad_inputs()["bad_rating"])
    assert raised.value.path == "/maturity/answers/3.04/rating"
    assert raised.value.line > 1


def test_a_missing_file_a_folder_and_a_wrong_argument(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.json"):
        iacmh.validate(tmp_path / "missing.json")
    # A str that is not JSON text is a path, so a mistyped name says so.
    with pytest.raises(FileNotFoundError):
        iacmh.score("returns/devon.json")
    with pytest.raises(OSError, match="folder"):
        iacmh.validate(tmp_path)
    with pytest.raises(TypeError, match="int"):
        iacmh.validate(42)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = {}

    def call():
        try:
            iacmh.validate(fifo)
        except OSError as e:
            result["error"] = e

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "validate waited on a named pipe"
    assert "named pipe" in str(result["error"])


def test_index_gives_every_question_as_the_command_line_does():
    questions = iacmh.index()
    cli = cli_json("index", "--format", "json", ok=(0,))
    expected = [dict(q, domain=d["number"], domain_title=d["title"]) for d in cli["domains"] for q in d["questions"]]
    assert len(questions) == 161
    assert [{k: q[k] for k in expected[0]} for q in questions] == expected
    labels = {c["id"]: c["label"] for c in cli["categories"]}
    assert all(q["category_label"] == labels[q["category"]] for q in questions)
    assert len({q["id"] for q in questions}) == 161
    # The whole text completes its heading: "Do our policies describe the pathways for: CRHT."
    q = next(q for q in questions if q["id"] == "2.01")
    assert q["full_text"].startswith(q["heading"]) and q["full_text"].endswith(q["text"])
    assert iacmh.index(cli["version"]) == questions
    with pytest.raises(ValueError, match="known"):
        iacmh.index("nowhere-1999")
