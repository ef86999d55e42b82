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
             lowest: Severity = Severity.INFO, load_id: int | None = None,
             limit: int | None = None) -> tuple[list[str], list[tuple]]:
    wanted = [str(s) for s in Severity if s >= lowest]
    rows = con.execute(f"""
        SELECT {', '.join(f'"{c}"' for c in FINDING_COLUMNS)} FROM meta.findings
        WHERE severity IN (SELECT unnest(?)) AND (? IS NULL OR la = ?) AND (? IS NULL OR load_id = ?)
        ORDER BY load_id, file, "row" NULLS FIRST, "column" LIMIT ?""",
        [wanted, la, la, load_id, load_id, limit]).fetchall()
    return FINDING_COLUMNS, rows


def finding_counts(con: duckdb.DuckDBPyConnection, load_id: int) -> list[tuple]:
    """(severity, rule, findings, children, message) for one load, most severe and most frequent
    first. `children` counts the children a DfE rule's findings name; `message` is the rule's when
    all its findings say the same (as a DfE rule's do)."""
    return con.execute("""
        SELECT severity, rule, count(*) AS n, count(DISTINCT child) AS children,
               CASE WHEN count(DISTINCT message) = 1 THEN any_value(message) END
        FROM meta.findings WHERE load_id = ?
        GROUP BY severity, rule
        ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, n DESC, rule
        """, [load_id]).fetchall()


RULE_COLUMNS = ["child", "file", "row", "column", "value", "severity", "message"]


def rule_findings(con: duckdb.DuckDBPyConnection, load_id: int, rule: str) -> list[tuple]:
    """The findings of one rule in one load, child by child: the children behind a DfE rule."""
    return con.execute(f"""
        SELECT {', '.join(f'"{c}"' for c in RULE_COLUMNS)} FROM meta.findings
        WHERE load_id = ? AND rule = ? ORDER BY child NULLS LAST, file, "row" """,
        [load_id, rule]).fetchall()


# A DfE rule's finding (one naming a child) from the latest check of the return it is about: each
# load checks again every return it gives (with the tables of it loaded before), so an earlier
# check's findings are about data since replaced, or found again.
CURRENT_RULE_FINDING = """(f.child IS NOT NULL AND f.load_id >= (
    SELECT max(latest.load_id) FROM meta.returns_given given
    JOIN meta.returns_given latest ON latest.la = given.la AND latest.format = given.format
        AND latest.collection_year IS NOT DISTINCT FROM given.collection_year
    WHERE given.la = f.la AND given.source_file = f.file))"""


def rule_errors(con: duckdb.DuckDBPyConnection, la: str) -> list[tuple[str, str]]:
    """(child as given, DfE code) for each error-level DfE rule breach in the returns the store
    holds now."""
    return con.execute(f"""
        SELECT DISTINCT f.child, f.rule FROM meta.findings f
        WHERE f.la = ? AND f.severity = 'error' AND {CURRENT_RULE_FINDING}
        ORDER BY f.rule, f.child""", [la]).fetchall()


LOAD_COLUMNS = ["load_id", "la", "format", "collection_year", "started_at", "finished_at",
                "rows_read", "rows_loaded", "files", "findings"]


def loads(con: duckdb.DuckDBPyConnection, load_id: int | None = None) -> list[dict]:
    """The load history, newest first (or one load), with its file and finding counts."""
    rows = con.execute(f"""
        SELECT {', '.join('l.' + c for c in LOAD_COLUMNS[:-2])},
               (SELECT count(*) FROM meta.load_files f WHERE f.load_id = l.load_id),
               (SELECT count(*) FROM meta.findings f WHERE f.load_id = l.load_id)
        FROM meta.loads l WHERE ? IS NULL OR l.load_id = ? ORDER BY l.load_id DESC""",
        [load_id, load_id]).fetchall()
    return [dict(zip(LOAD_COLUMNS, row)) for row in rows]


def load_files(con: duckdb.DuckDBPyConnection, load_id: int) -> list[dict]:
    """The files one load read: name, format, part, collection year, size, rows and checksum."""
    columns = ["name", "format", "part", "collection_year", "size", "rows_read", "sha256"]
    rows = con.execute(f"SELECT {', '.join(columns)} FROM meta.load_files WHERE load_id = ? "
                       "ORDER BY file_id", [load_id]).fetchall()
    return [dict(zip(columns, row)) for row in rows]
