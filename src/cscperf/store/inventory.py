"""What the store holds: counts per authority and table, and the recorded findings."""

from __future__ import annotations

import duckdb

from cscperf.quality.findings import Severity
from cscperf.store.schema import TABLES

FINDING_COLUMNS = ["la", "file", "table", "row", "column", "value", "rule", "severity", "message"]


def inventory(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(la, table, collection years, rows) for every non-empty table, authority by authority."""
    union = " UNION ALL ".join(
        f"SELECT la, '{t.name}' AS tbl, collection_year FROM {t.name}" for t in TABLES)
    return con.execute(f"""
        SELECT la, tbl, string_agg(DISTINCT CAST(collection_year AS VARCHAR), ', '
                                   ORDER BY CAST(collection_year AS VARCHAR)), count(*)
        FROM ({union}) GROUP BY la, tbl ORDER BY la, tbl""").fetchall()


def findings(con: duckdb.DuckDBPyConnection, la: str | None = None,
             lowest: Severity = Severity.INFO) -> tuple[list[str], list[tuple]]:
    wanted = [str(s) for s in Severity if s >= lowest]
    rows = con.execute(f"""
        SELECT {', '.join(f'"{c}"' for c in FINDING_COLUMNS)} FROM meta.findings
        WHERE severity IN (SELECT unnest(?)) AND (? IS NULL OR la = ?)
        ORDER BY load_id, file, "row" NULLS FIRST, "column" """, [wanted, la, la]).fetchall()
    return FINDING_COLUMNS, rows
