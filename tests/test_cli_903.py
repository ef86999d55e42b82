"""`cscperf load`, `tables` and `findings` end to end on the 903 samples."""

import csv
import io
import shutil

from typer.testing import CliRunner

from cscperf.cli import app
from tests.conftest import need_shared

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def said(result) -> str:
    """The output with Rich's line wrapping undone."""
    return " ".join(result.output.split())


def test_load_tables_and_findings(tmp_path):
    db = tmp_path / "store.duckdb"
    result = run("load", "--db", db, "--la", "883", need_shared("samples", "ssda903-messy"))
    assert result.exit_code == 0, result.output
    assert "Read 10 rows from 2 file(s); loaded 8 rows into 3 table(s)." in said(result)
    # 50 rows break 26 of the DfE's rules (errors): among them an invalid reason for new episode
    # (143), a blank legal status (144), ethnicity UNKN (103), five UPNs (168), five episodes'
    # postcodes not in the ONS directory (392c, one finding each, not the reader's per cell) and
    # three children twice in the header (INT32); 6 warnings: among them, child 689661's episodes
    # at rows 3 and 4 overlap the one at row 2
    assert "Findings: 50 error, 6 warning, 0 info" in said(result)

    result = run("tables", "--db", db, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.output)))
    assert ["883", "ssd_cla_episodes", "2020", "5"] in rows
    assert ["883", "ssd_cla_placement", "2020", "4"] in rows

    result = run("findings", "--db", db, "--format", "csv", "--severity", "warning")
    assert result.exit_code == 0
    findings = list(csv.DictReader(io.StringIO(result.output)))
    assert len(findings) == 56
    assert [(f["row"], f["column"], f["value"]) for f in findings if f["rule"] == "episodes-overlap"] == [
        ("3", "DECOM", "02/12/2018"), ("4", "DECOM", "16/05/2019")]
    # One finding for the invalid code: the DfE rule's, not the reader's too
    assert [f for f in findings if f["row"] == "6" and f["column"] == "RNE"] == [
        {"la": "883", "file": "SSDA903_2020_episodes.csv", "table": "episodes", "row": "6",
         "column": "RNE", "value": "*DUMMY*", "rule": "143", "severity": "error",
         "message": "The reason for new episode code is not a valid code."}]


def test_samples_named_by_the_year_they_start_are_flagged(tmp_path):
    # Loaded by their names, the 2017 files hold dates up to March 2018: each episodes file says so.
    result = run("load", "--db", tmp_path / "s.duckdb", "--la", "883", need_shared("samples", "ssda903"))
    assert result.exit_code == 0, result.output
    result = run("findings", "--db", tmp_path / "s.duckdb", "--format", "csv", "--severity", "warning")
    found = [r for r in csv.DictReader(io.StringIO(result.output)) if r["rule"] == "354"]
    late = [r for r in found if not r["row"]]  # the reader's note for the whole file
    assert [r["file"] for r in late] == [f"{y}-episodes.csv" for y in range(2017, 2022)]
    assert "load it with --year 2018" in late[0]["message"]
    # and the DfE's rule 354, row by row
    assert {r["file"] for r in found if r["row"]} == {r["file"] for r in late}


def test_nothing_loaded_is_an_error(tmp_path):
    empty = tmp_path / "SSDA903_2024_episodes.csv"
    empty.write_text("")
    result = run("load", "--db", tmp_path / "s.duckdb", "--la", "883", empty)
    assert result.exit_code == 1
    assert "nothing was loaded" in said(result).lower()

    headers_only = tmp_path / "only" / "SSDA903_2024_reviews.csv"
    headers_only.parent.mkdir()
    headers_only.write_text("CHILD,DOB,REVIEW,REVIEW_CODE\n")
    result = run("load", "--db", tmp_path / "s.duckdb", "--la", "883", headers_only.parent)
    assert result.exit_code == 1
    assert "nothing was loaded: the files hold no rows" in said(result)


def test_the_year_and_authority_are_asked_for(tmp_path):
    shutil.copy(need_shared("samples", "ssda903-messy", "SSDA903_2020_header.csv"), tmp_path / "header.csv")
    result = run("load", "--db", tmp_path / "s.duckdb", "--la", "883", tmp_path / "header.csv")
    assert result.exit_code == 1 and "give it with --year" in said(result)
    result = run("load", "--db", tmp_path / "s.duckdb", "--year", "2020", tmp_path / "header.csv")
    assert result.exit_code == 1 and "give it with --la" in said(result)
    result = run("load", "--db", tmp_path / "s.duckdb", "--la", "883", "--year", "2020", tmp_path / "header.csv")
    assert result.exit_code == 0
