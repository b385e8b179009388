"""`iacmh.collate` on a folder, against the command line's collation of the same folder (its
CSV files read back with Python's csv module, its JSON report), and as pandas DataFrames."""

import csv
import datetime
import json
import pathlib

import iacmh
import pandas as pd
import pytest

from conftest import FIXTURES, run_cli


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def same_cell(mine, text):
    """Whether a record's value is what the CSV file wrote for the same cell."""
    if mine is None:
        return text == ""
    if isinstance(mine, bool):
        return text == ("Yes" if mine else "No")
    if isinstance(mine, (int, float)):
        return text != "" and float(text) == mine
    if isinstance(mine, datetime.date):
        return text == mine.isoformat()
    return text == mine


def csv_name(out, table):
    return out if table == "Returns" else out.with_name(f"{out.stem}-{table.lower().replace(' ', '-')}.csv")


def test_every_table_is_what_the_command_line_writes_as_csv(tmp_path, returns_folder):
    out = tmp_path / "report.csv"
    run_cli("collate", returns_folder, "--out", out, ok=(0,))
    c = iacmh.collate(returns_folder)
    assert set(c.tables) >= {"Summary", "Returns", "Questions", "Team returns", "Team questions", "Files"}
    for name, records in c.tables.items():
        header, rows = read_csv(csv_name(out, name))
        assert len(records) == len(rows), name
        for record, row in zip(records, rows):
            assert list(record) == header, name
            for (column, mine), text in zip(record.items(), row):
                assert same_cell(mine, text), (name, column, mine, text)
    # Returns and answers are the ICB-level and the team tables, one after the other.
    assert c.returns == c.tables["Returns"] + c.tables["Team returns"]
    assert c.answers == c.tables["Questions"] + c.tables["Team questions"]


def test_files_left_out_are_those_the_command_line_leaves_out(tmp_path, returns_folder):
    out = tmp_path / "report.json"
    run_cli("collate", returns_folder, "--out", out, ok=(0,))
    report = json.loads(out.read_text(encoding="utf-8"))
    c = iacmh.collate(returns_folder)
    assert c.unreadable == report["unreadable"]
    assert c.duplicates == report["duplicates"]
    assert len(c) == len(report["returns"]) == 6
    assert sorted(u["code"] for u in c.unreadable) == ["newer_version", "not_json"]
    assert [d["reason"] for d in c.duplicates] == ["identical_copy"]
    assert c.notes == []
    assert str(len(c)) in c.summary and c.summary in repr(c)


def test_records_make_dataframes_whose_numbers_agree(returns_folder):
    c = iacmh.collate(returns_folder)
    returns = pd.DataFrame(c.returns)
    answers = pd.DataFrame(c.answers)
    assert len(returns) == 6 and len(answers) == 6 * 161
    assert sorted(returns["level"].unique()) == ["ICB", "Team"]
    assert (returns["questions_total"] == 161).all()
    assert returns["errors"].dtype.kind == "i" and returns["d1_score"].dtype.kind == "f"
    assert returns["valid"].dtype == bool and returns["valid"].sum() == 5  # all but the fixture
    # A domain's score is the mean of its rated questions' points on 0-100: worked out again
    # here from the long table, independently of the crate's scoring.
    rated = answers.dropna(subset=["points"])
    mean = rated.groupby(["file", "domain"])["points"].mean().mul(100 / 3).unstack()
    for _, row in returns.iterrows():
        for d in range(1, 15):
            expected = mean.loc[row["file"], d] if row["file"] in mean.index else float("nan")
            got = row[f"d{d}_score"]
            assert (pd.isna(got) and pd.isna(expected)) or abs(got - expected) <= 0.05, (row["file"], d)
    # The questions answered, counted from the long table.
    answered = answers.dropna(subset=["rating"]).groupby("file").size()
    assert (returns.set_index("file")["questions_answered"] == answered.reindex(returns["file"]).fillna(0)).all()
    # Every rating key is one of the return format's five, with its points.
    points = {"no_needs_action": 0, "no_action_in_hand": 1, "yes_needs_improvement": 2, "yes_working_well": 3}
    keyed = answers.dropna(subset=["rating_key"])
    assert set(keyed["rating_key"]) <= set(points) | {"not_applicable"}
    assert all(points.get(k) == p or (k == "not_applicable" and pd.isna(p)) for k, p in zip(keyed["rating_key"], keyed["points"]))


def test_paths_may_be_files_folders_or_path_like(returns_folder):
    files = sorted(returns_folder.glob("return-*.json"))
    one = iacmh.collate(str(files[0]))
    assert len(one) == 1 and one.returns[0]["file"] == str(files[0])
    several = iacmh.collate([files[0], str(files[1]), returns_folder / "south-west"])
    assert sorted(r["file"] for r in several.returns) == sorted(
        [str(files[0]), str(files[1]), str(returns_folder / "south-west" / "bnssg.json")]
    )
    # A return reached twice (a file and its folder) is read once.
    twice = iacmh.collate([files[0], returns_folder])
    assert len(twice) == 6 and twice.notes and "not read again" in twice.notes[0]


def test_a_path_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        iacmh.collate([tmp_path / "nowhere"])


def test_an_empty_folder_collates_nothing(tmp_path):
    c = iacmh.collate(tmp_path)
    assert len(c) == 0 and c.returns == [] and c.answers == []
    assert len(c.tables["Not returned"]) == 42
