"""`--format table` in an 80-column terminal: no line runs past the edge, no id is cut, and long
text sits on its own lines under its row."""

import shutil
from datetime import date

import pytest
from typer.testing import CliRunner

from cscperf import terminal
from cscperf.cli import app
from cscperf.indicators.registry import default
from cscperf.reference.measures import catalogue
from cscperf.synth import generate
from tests.outputs.report.conftest import LA, PERIOD, report_db  # noqa: F401 - a fixture used below

runner = CliRunner()


def test_a_table_when_it_fits_else_the_first_column_above_the_rest_else_records():
    header, rows = ["id", "value", "reason"], [("a_long_indicator_id", "12.5", None), ("b", None, "why " * 30)]
    assert terminal.lines(header, rows, ["reason"], columns=40) == [
        "id                   value",
        "-------------------  -----",
        "a_long_indicator_id  12.5",
        "b",
        "    why why why why why why why why why",
        "    why why why why why why why why why",
        "    why why why why why why why why why",
        "    why why why"]
    assert terminal.lines(header, rows, ["reason"], columns=20)[:5] == [
        "id", "    value", "    -----", "a_long_indicator_id", "    12.5"]
    assert terminal.lines(["id", "a", "b"], [("x" * 30, "y" * 30, "")], columns=30) == [
        "x" * 30, "    a: " + "y" * 30, ""]  # a value wider than the terminal is never cut


@pytest.fixture(scope="module")
def db(report_db, tmp_path_factory):  # noqa: F811
    copy = tmp_path_factory.mktemp("terminal") / "store.duckdb"
    shutil.copy(report_db, copy)
    return str(copy)


DB = "{db}"


@pytest.mark.parametrize("command", [
    ["indicators", "--period", PERIOD, "--la", LA, "--format", "table", "--db", DB],
    ["indicators", "--period", PERIOD, "--la", LA, "--by", "age_band", "--id", "cla", "--db", DB],
    ["indicators", "list"], ["tables", "--db", DB], ["findings", "--db", DB], ["users", "list", "--db", DB],
    ["reference", "show", "cla_rate_per_10k", "--la", LA, "--db", DB], ["reference", "measures"],
])
def test_tables_fit_80_columns_and_cut_no_id(db, command):
    result = runner.invoke(app, [db if part == DB else part for part in command], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines and max(len(line) for line in lines) <= 80, [line for line in lines if len(line) > 80]
    assert "…" not in result.output
    words = set(result.output.split())
    if command[:2] == ["indicators", "list"] or "--format" in command:
        assert {i.id for i in default()} <= words
    if command[-1] == "measures":
        assert set(catalogue()) <= words


def test_validate_fits_80_columns_with_its_summary_of_rules(tmp_path):
    # A synthetic authority's returns with realistic faults: the DfE's messages are long sentences.
    generate(tmp_path, like="857", seed=1, end=date(2025, 3, 31), years=2, formats=["903", "cin"], defects=0.05)
    result = runner.invoke(app, ["validate", str(tmp_path), "--la", "857"], env={"COLUMNS": "80"})
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80, [line for line in lines if len(line) > 80]
    assert "2024-25 903 return checked with the 2024-25 rules" in " ".join(result.output.split())
