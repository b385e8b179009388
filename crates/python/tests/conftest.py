"""Shared helpers for the Python package's tests: the fixtures, and the `iacmh` command line
built from the same sources, whose output each test compares with the package's (an
independent route to the same answers: the CLI's own file reading, JSON and CSV writers)."""

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
FIXTURES = REPO / "crates" / "review" / "tests" / "fixtures"


def cli_path():
    """IACMH_CLI (as `./dev` sets it), else a built `iacmh` in target/."""
    given = os.environ.get("IACMH_CLI")
    if given:
        return pathlib.Path(given)
    for profile in ("debug", "release"):
        path = REPO / "target" / profile / "iacmh"
        if path.exists():
            return path
    raise RuntimeError("no iacmh command line: build it (cargo build -p iacmh-cli) or set IACMH_CLI")


def run_cli(*args, ok=(0, 1)):
    """Runs `iacmh ARGS...`; its exit code must be one of `ok`."""
    out = subprocess.run([str(cli_path()), *map(str, args)], capture_output=True, text=True, timeout=120)
    assert out.returncode in ok, (args, out.returncode, out.stderr)
    return out


def cli_json(*args, ok=(0, 1)):
    return json.loads(run_cli(*args, ok=ok).stdout)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def returns_folder(tmp_path):
    """A folder as an analyst receives it: ICB and team returns, one in a subfolder, a duplicate,
    files that are not returns, and a file that is not JSON at all but is not named .json."""
    import iacmh

    root = tmp_path / "returns"
    (root / "south-west").mkdir(parents=True)
    for seed in (0, 1, 2, 50, 51):
        (root / f"return-{seed:02}.json").write_text(iacmh.example(seed), encoding="utf-8")
    (root / "south-west" / "bnssg.json").write_bytes((FIXTURES / "bnssg-2024-09.json").read_bytes())
    # An identical copy of a return under another name: left out as a duplicate.
    (root / "south-west" / "copy-of-return-01.json").write_text(iacmh.example(1), encoding="utf-8")
    (root / "notes.json").write_text("notes for the meeting", encoding="utf-8")
    newer = json.loads(iacmh.example(2))
    newer["format_version"] = 99
    (root / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    (root / "readme.txt").write_text("not read: not .json", encoding="utf-8")
    return root
