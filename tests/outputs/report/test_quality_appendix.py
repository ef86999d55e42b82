"""The report's data-quality appendix: findings counted by table, column and rule, errors first."""

from __future__ import annotations

from cscperf import sources, store
from cscperf.outputs.report.context import quality
from tests.conftest import need_shared

SAMPLES = need_shared("samples")
RANK = {"error": 0, "warning": 1, "info": 2}


def test_findings_are_counted_worst_first_without_values(tmp_path):
    con = store.connect(tmp_path / "store.duckdb")
    summary = store.load(con, sources.read_paths([SAMPLES / "ssda903", SAMPLES / "ssda903-messy"], la="999"))
    table = quality(con, "999")
    severities = [row[3] for row in table.rows]
    assert len({*severities}) > 1
    counts = [(RANK[row[3]], -int(row[4])) for row in table.rows]
    assert counts == sorted(counts)
    assert sum(int(row[4]) for row in table.rows) == len(summary.findings)
    values = {f.value for f in summary.findings if f.value}
    assert not values & {cell for row in table.rows for cell in row[:4]}
