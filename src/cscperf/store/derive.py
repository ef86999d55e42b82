"""Tables and columns derived from what was loaded, rebuilt for an authority after every load.

Each step is idempotent and sees the authority's whole history, so the result does not depend
on the order returns were loaded in. Steps return findings for anything they changed.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from cscperf.quality.findings import Finding
from cscperf.store import legal_status, open_episodes, periods_of_care, placements, postcodes

Step = Callable[[duckdb.DuckDBPyConnection, str], list[Finding]]

# In order: repaired ceased dates shape periods of care, which bound placements and legal
# statuses; postcodes are looked up before placement distances are worked out.
STEPS: tuple[Step, ...] = (
    open_episodes.repair,
    periods_of_care.derive,
    postcodes.fill,
    placements.derive,
    legal_status.derive,
)


def run(con: duckdb.DuckDBPyConnection, la: str) -> list[Finding]:
    findings: list[Finding] = []
    for step in STEPS:
        findings.extend(step(con, la))
    return findings
