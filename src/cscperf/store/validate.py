"""The DfE's rules at load time: each return a load gives is checked, and every breach becomes a
finding of that load (`rule` is the DfE's code; DfE errors are errors, queries are warnings).

One breach gives one finding: a reader's finding about the same row under the same DfE code (a
value not in the year's code list, say), or its finding that the very cell a one-cell rule flags
is blank or not a valid value (a blank legal status, flagged by rule 144), is dropped in favour of
the rule's. The reader's other findings (an overlap, a duplicate) are about other things.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from cscperf.quality.findings import Finding, Findings, Severity

if TYPE_CHECKING:
    from cscperf.quality.rules import Breach

SEVERITY = {"error": Severity.ERROR, "query": Severity.WARNING}
# The readers' findings that a cell is blank or not a valid value (sources/cells.py).
CELL_VALIDITY = frozenset({"blank-mandatory", "code-not-in-list", "date-malformed", "date-out-of-range",
                           "integer-malformed", "out-of-range", "upn-malformed", "postcode-malformed",
                           "partial-date-malformed", "flag-malformed"})


def checked(con: duckdb.DuckDBPyConnection, la: str, returns: list[tuple[str, int]],
            findings: Findings) -> Findings:
    """`findings` with the breaches of each (format, year) return added."""
    # The rules read the readers' specifications, and the readers the store's schema: imported
    # here, once the store is, to keep that circle out of module loading.
    from cscperf.quality.rules import check

    breaches = [b for format, year in returns for b in check(con, format, year, la).breaches]
    if not breaches:
        return findings
    rules = {(b.file, b.row, b.rule) for b in breaches}
    cells = {(b.file, b.row, b.columns) for b in breaches if len(b.values) == 1}
    kept = Findings([f for f in findings if (f.file, f.row, f.rule) not in rules and not (
        f.rule in CELL_VALIDITY and (f.file, f.row, f.column) in cells)])
    kept.extend(as_finding(b) for b in breaches)
    return kept


def as_finding(breach: Breach) -> Finding:
    return Finding(file=breach.file, rule=breach.rule, message=breach.message,
                   severity=SEVERITY[breach.severity], table=breach.table, row=breach.row,
                   column=breach.columns or None,
                   value=", ".join("" if v is None else v for v in breach.values.values()) or None,
                   child=breach.child)
