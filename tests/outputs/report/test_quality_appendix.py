"""The report's data-quality appendix: findings counted by table, column and rule, errors first."""

from __future__ import annotations

from cscperf import sources, store
from cscperf.outputs.report.context import quality
from tests.conftest import need_shared

SAMPLES = need_shared("samples")
RANK = {"error": 0, "warning": 1, "info": 2}


def test_findings_are_counted_worst_first_without_values(tmp_path):
    con = store.connect(tmp_path / "store.duckdb")
    # The messy sample: fewer kinds of finding than the appendix's 50 rows, so every one is counted.
    summary = store.load(con, sources.read_paths([SAMPLES / "ssda903-messy"], la="999"))
    table = quality(con, "999")
    severities = [row[3] for row in table.rows]
    assert len({*severities}) > 1
    counts = [(RANK[row[3]], -int(row[4])) for row in table.rows]
    assert counts == sorted(counts)
    assert sum(int(row[4]) for row in table.rows) == len(summary.findings)
    values = {f.value for f in summary.findings if f.value}
    assert not values & {cell for row in table.rows for cell in row[:4]}


def test_a_dfe_rule_is_summarised_in_its_own_words(tmp_path):
    con = store.connect(tmp_path / "store.duckdb")
    store.load(con, sources.read_paths([SAMPLES / "ssda903-messy"], la="999"))
    rows = {row[2]: row for row in quality(con, "999").rows}
    # The messy episodes give RNE *DUMMY*: rule 143, an error, listed before any warning.
    assert rows["143"][3:5] == ("error", "1")
    assert rows["143"][6] == "The reason for new episode code is not a valid code."
    assert [row[3] for row in quality(con, "999").rows][:3] == ["error"] * 3
