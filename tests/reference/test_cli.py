"""The `cscperf reference` commands."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from cscperf.cli import app
from cscperf.reference.snapshot import SNAPSHOT

runner = CliRunner()


@pytest.fixture
def db(reference_db, tmp_path):
    """A writable copy of the store holding the reference data."""
    copy = tmp_path / "store.duckdb"
    shutil.copy(reference_db, copy)
    return copy


def test_show_prints_the_benchmark(db):
    result = runner.invoke(app, ["reference", "show", "cla_rate_per_10k", "--la", "881", "--year", "2023",
                                 "--db", str(db)], env={"COLUMNS": "200"})  # no wrapping inside cells
    assert result.exit_code == 0, result.output
    for text in ("Essex (881), 2023", "East of England", "England", "2021 model", "60.0", "Kent (886)",
                 "National rank: 8 of 151", "mean of the available neighbour values"):
        assert text in result.output


def test_show_as_json(db):
    result = runner.invoke(app, ["reference", "show", "referrals_nfa_pct", "--la", "420", "--year", "2025",
                                 "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert (shown["own"]["value"], shown["own"]["code"]) == (None, "c")
    assert shown["joint"]["area_name"] == "Cornwall" and shown["measure"]["id"] == "referrals_nfa_pct"


def test_show_unknown_measure_and_no_data(tmp_path):
    result = runner.invoke(app, ["reference", "show", "nope", "--la", "881", "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1 and "no published measure 'nope'" in result.output
    result = runner.invoke(app, ["reference", "show", "cla", "--la", "881", "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 0 and "Unavailable: no published figures" in result.output


def test_import_with_no_folder_imports_the_shipped_snapshot(tmp_path):
    result = runner.invoke(app, ["reference", "import", "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 0, result.output
    assert "Imported 27 file(s)" in result.output and "ees: 16 file(s)" in result.output


def test_import_errors_are_messages(tmp_path):
    result = runner.invoke(app, ["reference", "import", str(tmp_path / "nowhere"), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1 and "is not a folder" in result.output and "Nothing was imported" in result.output
    assert "Traceback" not in result.output


def test_import_again_reports_unchanged(db):
    result = runner.invoke(app, ["reference", "import", str(SNAPSHOT), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Imported 0 file(s), 0 rows" in result.output and "27 already imported" in result.output
    assert "ons/ons-ethnic-population-la.csv" in result.output  # present but not used: said so
    assert "SOURCES.md" not in result.output  # the snapshot's account of itself is not data


def test_measures_lists_the_catalogue():
    result = runner.invoke(app, ["reference", "measures"], env={"COLUMNS": "250"})
    assert result.exit_code == 0 and "cla_rate_per_10k" in result.output and "LAIT CPP_rate" in result.output


def test_localities_are_set_once_and_a_bad_file_changes_nothing(tmp_path):
    db, path = tmp_path / "store.duckdb", tmp_path / "localities.csv"
    path.write_text("Postcode sector,Locality\nRM17 6,Grays\nRM18 7,Tilbury\nRM16 4,Grays\n")
    result = runner.invoke(app, ["reference", "localities", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Set 2 localities from 3 areas" in result.output
    path.write_text("RM17 6\n")
    result = runner.invoke(app, ["reference", "localities", str(path), "--db", str(db)])
    assert result.exit_code == 1
    assert "localities.csv: row 1: expected two columns" in result.output
    assert "The localities were not changed." in result.output
