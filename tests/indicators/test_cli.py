"""The commands: indicators (table, CSV, JSON), indicators list and check, children."""

import csv
import io
import json

from typer.testing import CliRunner

from cscperf import store
from cscperf.cli import app
from cscperf.indicators import calc
from tests.indicators.authority import Authority

runner = CliRunner()


def make_store(path):
    con = store.connect(path)
    calc.prepare(con)
    a = Authority(con)
    for child, source in (("A", "6"), ("B", "2A")):
        a.child(child)
        a.referral(child, "2024-06-01", source=source)
    a.referral("A", "2024-09-01", nfa="Y")
    a.population(2024, 10_000)
    a.save()
    con.close()
    return str(path)


def run(*args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_indicators_as_json_have_the_agreed_keys(tmp_path):
    db = make_store(tmp_path / "s.duckdb")
    out = json.loads(run("indicators", "--db", db, "--period", "2024-25", "--id", "referrals", "--id",
                         "referrals_nfa_pct", "--id", "cp_visited_10wd_pct", "--format", "json"))
    assert out[0] == {"id": "referrals", "period": "2024-25", "start": "2024-04-01", "end": "2025-03-31",
                      "la": "883", "breakdown": None, "group": None, "numerator": 3, "denominator": None,
                      "value": 3, "unit": "count", "polarity": "neutral"}
    assert (out[1]["numerator"], out[1]["denominator"], out[1]["value"]) == (1, 3, 33.3)
    assert out[2]["value"] is None and out[2]["reason"].startswith("not recorded")


def test_indicators_by_breakdown_as_csv(tmp_path):
    db = make_store(tmp_path / "s.duckdb")
    out = run("indicators", "--db", db, "--period", "2024-25", "--id", "referrals", "--by", "referral_source",
              "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["group"], r["value"]) for r in rows] == [("2A", "1"), ("6", "2")]


def test_indicators_table_and_errors(tmp_path):
    db = make_store(tmp_path / "s.duckdb")
    assert "period" in run("indicators", "--db", db, "--period", "2024-25:Q1")
    result = runner.invoke(app, ["indicators", "--db", db, "--period", "2024-26"])
    assert result.exit_code == 1 and "not a period" in result.output
    result = runner.invoke(app, ["indicators", "--db", db, "--period", "2024-25", "--id", "nothing"])
    assert result.exit_code == 1 and "no indicator 'nothing'" in result.output


def test_list_and_check():
    listed = json.loads(run("indicators", "list", "--format", "json"))
    assert {"id": "referrals", "section": "Front door"}.items() <= listed[2].items()
    assert "0 error(s)" in run("indicators", "check")


def test_children_behind_a_figure(tmp_path):
    db = make_store(tmp_path / "s.duckdb")
    rows = json.loads(run("children", "referrals_nfa_pct", "--db", db, "--period", "2024-25", "--format", "json"))
    assert [(r["person_id"], r["in_numerator"], r["in_denominator"]) for r in rows] == [
        ("A", False, True), ("A", True, True), ("B", False, True)]
    rows = json.loads(run("children", "referrals", "--db", db, "--period", "2024-25", "--by", "referral_source",
                          "--group", "2A", "--format", "json"))
    assert [r["person_id"] for r in rows] == ["B"]
