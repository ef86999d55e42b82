"""Scorecards worked out when a load finishes and kept in the store: the members' and analysts' for
the authority's latest period, the same as computed on request, used only while what they were
made from holds (the authority's loads, the targets and commentary, the settings, the release)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from cscperf import store
from cscperf.compare import analyst_files, prepared
from cscperf.compare.coverage import coverage
from cscperf.compare.scorecard import Scorecard
from tests.compare.test_coverage import a_load
from tests.outputs.report.conftest import inputs, internal, member, report_db  # noqa: F401 - fixtures

CONTACTS = (date(2023, 4, 3), date(2024, 6, 5), date(2025, 3, 28))


def test_a_scorecard_comes_back_from_its_json_as_it_was(member, internal):  # noqa: F811
    for scorecard in (member, internal):
        assert Scorecard.from_dict(json.loads(json.dumps(scorecard.to_dict()))) == scorecard


def test_kept_until_what_it_was_made_from_changes(tmp_path, monkeypatch):
    db = tmp_path / "cscperf.duckdb"
    con = store.connect(db)
    store.load(con, [a_load(tmp_path, "883", "ssd", 2025, contacts=CONTACTS)])
    latest = coverage(con)["883"].latest
    made = prepared.prepare(con, db, ["883"])
    assert [(s.la, s.period, s.internal) for s in made] == [("883", "2024-25:Q4", False), ("883", "2024-25:Q4", True)]
    assert [prepared.kept(con, db, "883", latest, view) for view in (False, True)] == made
    fresh = prepared.compute(con, db, "883", latest, False)  # as a request would compute it
    assert replace(fresh, generated_at=made[0].generated_at) == made[0]

    def still_kept() -> bool:
        return prepared.kept(con, db, "883", latest, False) is not None

    store.load(con, [a_load(tmp_path, "850", "ssd", 2025, contacts=CONTACTS)])
    assert still_kept()  # another authority's load changes nothing of this one's
    changes = [
        lambda: store.load(con, [a_load(tmp_path, "883", "ssd", 2025, people=11, contacts=CONTACTS)]),
        lambda: analyst_files.TARGETS.path(db).write_text("rereferrals_12m_pct: {target: 20}\n"),
        lambda: analyst_files.COMMENTARY.path(db).write_text("# none yet\n"),
        lambda: monkeypatch.setenv("CSCPERF_SUPPRESS_BELOW", "10"),
    ]
    for change in changes:
        prepared.prepare(con, db, ["883"])
        assert still_kept()
        change()
        assert not still_kept()


def test_a_scorecard_computed_for_another_period_is_not_kept(tmp_path):
    db = tmp_path / "cscperf.duckdb"
    con = store.connect(db)
    store.load(con, [a_load(tmp_path, "883", "ssd", 2025, contacts=CONTACTS)])
    earlier = coverage(con)["883"].latest.previous()
    prepared.scorecard(con, db, "883", earlier, False)
    assert prepared.kept(con, db, "883", earlier, False) is None
