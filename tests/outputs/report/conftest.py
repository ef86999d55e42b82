"""A small authority for the report: the indicator tests' seeded random authority (300 children,
five years) loaded beside the published reference data, with a targets file, commentary and a
committee action; its scorecards (member-facing and internal) and every format rendered once per
test run."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

LA = "883"
FORMULA = '=HYPERLINK("https://example.org","Members asked for the missing figures")'
PERIOD = "2024-25:Q4"
TARGETS = """\
assessments_45wd_pct:
  target: 85
  tolerance: 5
  priority:
    text: Complete 85% of assessments within 45 working days by March 2026
    owner: Head of Assessment
    due: 2026-03-31
rereferrals_12m_pct: {target: 20, tolerance: 3}
cp_open_2y_plus_pct: {target: 10, ceiling: 15}
cp_second_or_subsequent_pct: {target: 20, tolerance: 2}
assessment_avg_working_days: {target: 30, tolerance: 5}
"""
COMMENTARY = """\
"2024-25:Q4":
  rereferrals_12m_pct:
    cause: Several families returned after short-term support ended.
    action: The early help offer now follows up every closure at three months.
    owner: Head of Early Help
"""


@pytest.fixture(scope="session")
def report_db(tmp_path_factory, reference_db) -> Path:
    """The store: published reference data plus the random authority as 883."""
    from cscperf import appdb, store
    from cscperf.appdb import actions
    from cscperf.indicators import calc
    from tests.indicators import random_authority
    from tests.indicators.authority import Authority

    path = tmp_path_factory.mktemp("report") / "authority.duckdb"
    shutil.copy(reference_db, path)
    con = store.connect(path)
    calc.prepare(con)
    random_authority.build(Authority(con, LA), children=300)
    con.close()
    with appdb.connect(path) as app:
        actions.add(app, actions.Request("Corporate Parenting Panel", date(2025, 1, 20),
                                         "Members asked for re-referrals by district.", "Head of Early Help",
                                         due_date=date(2025, 4, 30)), "analyst1")
        # text that Excel would take for a formula: it must stay text in the members' workbook
        actions.add(app, actions.Request("Corporate Parenting Panel", date(2025, 2, 17), FORMULA,
                                         "Head of Performance"), "analyst1")
    return path


@pytest.fixture(scope="session")
def inputs(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "targets.yml").write_text(TARGETS)
    (folder / "commentary.yml").write_text(COMMENTARY)
    return folder / "targets.yml", folder / "commentary.yml"


def _scorecard(report_db: Path, inputs, internal: bool):
    from cscperf import store
    from cscperf.compare import commentary, scorecard, targets

    with store.connect(report_db) as con:
        return scorecard.build(con, PERIOD, LA, targets=targets.load(inputs[0]),
                               commentary=commentary.load(inputs[1]), internal=internal)


@pytest.fixture(scope="session")
def member(report_db, inputs):
    return _scorecard(report_db, inputs, internal=False)


@pytest.fixture(scope="session")
def internal(report_db, inputs):
    return _scorecard(report_db, inputs, internal=True)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, report_db, inputs) -> dict[str, Path]:
    """Every format of the member pack, the full detail's HTML, and the internal HTML, Word and Excel."""
    from cscperf.outputs.report import make

    out = tmp_path_factory.mktemp("rendered")
    files = make(report_db, PERIOD, out, targets=inputs[0], commentary=inputs[1])
    files += make(report_db, PERIOD, out, ("html",), targets=inputs[0], commentary=inputs[1], detail="full")
    files += make(report_db, PERIOD, out, ("html", "docx", "xlsx"), targets=inputs[0],
                  commentary=inputs[1], internal=True)
    return {("internal_" if "INTERNAL" in f.name else "full_" if "-full" in f.name else "") + f.suffix[1:]: f
            for f in files}
