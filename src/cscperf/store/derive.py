"""Tables and columns derived from what was loaded, rebuilt for an authority after every load.

Each step is idempotent and sees the authority's whole history, so the result does not depend
on the order returns were loaded in. Steps return findings for anything they changed.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from cscperf.quality.findings import Finding

Step = Callable[[duckdb.DuckDBPyConnection, str], list[Finding]]

STEPS: tuple[Step, ...] = ()


def run(con: duckdb.DuckDBPyConnection, la: str) -> list[Finding]:
    findings: list[Finding] = []
    for step in STEPS:
        findings.extend(step(con, la))
    return findings
