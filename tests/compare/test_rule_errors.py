"""A figure built on data the DfE would reject says so, for analysts only (issue 13, item 2): how
many of its children have an error-level DfE rule breach, and which rules; and the internal
report's data-quality appendix lists the children behind each rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cscperf import sources, store
from cscperf.compare import scorecard
from cscperf.compare.scorecard import RuleChildren, RuleErrors
from cscperf.indicators import engine
from cscperf.indicators.periods import Period
from cscperf.outputs import report
from cscperf.outputs.report.context import quality
from cscperf.outputs.report.formats import rule_errors
from tests.ssda903 import write

LA, PERIOD = "883", "2024-25:Q4"
NOTE = "1 child behind this figure has data the DfE would reject: rules 143 (1 child), 357 (1 child)."
HEADER = {"SEX": "M", "ETHNIC": "WBRI", "MOTHER": "", "MC_DOB": ""}
EPISODE = {"DECOM": "01/05/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", "PLACE_PROVIDER": "PR1",
           "DEC": "", "REC": "", "REASON_PLACE_CHANGE": "", "HOME_POST": "RM17 6SL", "PL_POST": "RM16 2XX",
           "URN": "SC123456"}


def write_return(folder: Path, reason_for_new_episode: str = "X") -> Path:
    """The 2024-25 903 return of three children, each looked after from 1 May 2024 and still on
    31 March 2025. P9001 is clean. P9002, written 'p9002' (the store holds P9002, as the readers
    read IDs; the breaches name the child as given), starts with reason for new episode X: rules
    143 (not a valid code) and 357 (a child's first episode ever starts with S), both errors. P9003 is an unaccompanied asylum
    seeker aged 8 on 31 March 2025 (so no home postcode): rule 231, a query."""
    folder.mkdir(parents=True, exist_ok=True)
    write(folder / "2025_header.csv", [dict(HEADER, CHILD="P9001", DOB="01/06/2010", UPN="A123456789012"),
                                       dict(HEADER, CHILD="p9002", DOB="01/06/2012", UPN="A123456789013"),
                                       dict(HEADER, CHILD="P9003", DOB="01/06/2016", UPN="A123456789014")])
    write(folder / "2025_episodes.csv", [dict(EPISODE, CHILD="P9001"),
                                         dict(EPISODE, CHILD="p9002", RNE=reason_for_new_episode),
                                         dict(EPISODE, CHILD="P9003", HOME_POST="")])
    write(folder / "2025_uasc.csv", [{"CHILD": "P9003", "DOB": "01/06/2016", "SEX": "M", "DUC": ""}])
    return folder


def load(con, folder: Path) -> store.LoadSummary:
    return store.load(con, sources.read_paths([folder], la=LA, year=2025))


def breached_store(folder: Path) -> Path:
    """A store holding the return above, loaded with the DfE's rules."""
    path = folder / "cscperf.duckdb"
    with store.connect(path) as con:
        load(con, write_return(folder / "return"))
    return path


@pytest.fixture(scope="module")
def breached(tmp_path_factory) -> Path:
    return breached_store(tmp_path_factory.mktemp("breached"))


def test_the_store_holds_the_breaches_worked_out_above(breached):
    with store.connect(breached) as con:
        found = con.execute("SELECT child, rule, severity FROM meta.findings WHERE child IS NOT NULL "
                            "ORDER BY rule").fetchall()
    assert found == [("p9002", "143", "error"), ("P9003", "231", "warning"), ("p9002", "357", "error")]


def test_a_figure_counts_its_children_with_error_level_breaches_by_rule(breached):
    q4 = Period.parse(PERIOD)
    with store.connect(breached) as con:
        figures = engine.compute(con, ["cla", "uasc_cla", "cla_started"], PERIOD, LA)
        assert {r.id: r.value for r in figures} == {"cla": 3, "uasc_cla": 1, "cla_started": 0}
        # cla: the three children looked after on 31 March 2025, P9002 among them with two error
        # rules. uasc_cla: P9003 alone, whose breach is a query. cla_started: nobody started to be
        # looked after in January to March 2025, so no child is behind it.
        assert engine.rule_errors(con, {"cla": q4, "uasc_cla": q4, "cla_started": q4}, LA) == {
            "cla": (1, [("143", 1), ("357", 1)])}


def test_a_return_loaded_again_without_the_breach_leaves_it_behind(tmp_path):
    with store.connect(breached_store(tmp_path)) as con:
        load(con, write_return(tmp_path / "return", reason_for_new_episode="S"))  # P9002's episode put right
        assert engine.rule_errors(con, {"cla": Period.parse(PERIOD)}, LA) == {}
        rules = {row[2]: row for row in quality(con, LA, children=True).rows}
    assert "143" not in rules and "357" not in rules
    # the second load checked the return again: its query is counted once, from that check
    assert rules["231"][4] == "1" and rules["231"][7] == "P9003"


def test_the_internal_scorecard_carries_it_and_a_members_never(breached):
    with store.connect(breached) as con:
        internal = scorecard.build(con, PERIOD, LA, internal=True)
        member = scorecard.build(con, PERIOD, LA)
    assert internal.card("cla").rule_errors == RuleErrors(1, (RuleChildren("143", 1), RuleChildren("357", 1)))
    assert internal.card("uasc_cla").rule_errors is None
    assert all(card.rule_errors is None for card in member.cards)
    assert scorecard.Scorecard.from_dict(json.loads(json.dumps(internal.to_dict()))) == internal


def test_the_internal_report_says_so_and_lists_the_children_and_a_members_does_not(breached, tmp_path):
    written = {}
    for internal in (True, False):
        for path in report.make(breached, PERIOD, tmp_path, ("html", "xlsx"), LA, internal=internal,
                                detail="full"):
            written[internal, path.suffix] = path
    page = written[True, ".html"].read_text()
    assert NOTE in page
    # the appendix: each DfE rule's children, by the IDs the return gave
    assert "<td>143</td><td>error</td><td>1</td><td>2025_episodes.csv</td>" in page and "<td>p9002</td>" in page
    members = written[False, ".html"].read_text()
    assert "would reject" not in members and "9002" not in members and "9003" not in members
    assert "<td>143</td><td>error</td><td>1</td>" in members  # the by-rule summary stays

    def sheet(internal: bool):
        rows = list(load_workbook(written[internal, ".xlsx"])["Children looked after"].values)
        header = next(i for i, r in enumerate(rows) if r[0] == "Indicator")
        return [dict(zip(rows[header], r)) for r in rows[header + 1:]]
    cla = next(r for r in sheet(True) if r["Indicator"] == "Children looked after")
    assert (cla["Children with DfE rule errors"], cla["DfE rules broken (children)"]) == (1, "143 (1), 357 (1)")
    assert "Children with DfE rule errors" not in sheet(False)[0]


def test_the_sentence_names_the_five_rules_with_most_children():
    assert rule_errors(None) == ""
    assert rule_errors(RuleErrors(1, (RuleChildren("103", 1),))) == (
        "1 child behind this figure has data the DfE would reject: rule 103 (1 child).")
    many = RuleErrors(40, tuple(RuleChildren(str(code), 40 - code) for code in range(7)))
    assert rule_errors(many) == (
        "40 children behind this figure have data the DfE would reject: rules 0 (40 children), "
        "1 (39 children), 2 (38 children), 3 (37 children), 4 (36 children) and 2 more.")
