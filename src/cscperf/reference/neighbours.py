"""DfE statistical neighbours: each authority's 10 most similar authorities, by model.

DfE published a model in April 2021 and another in May 2025 (the year is read from the file name).
A file lists each authority's neighbours SN1..SN10 with a closeness label after each; rows after
an 'Old SNs' line (authorities that no longer exist, kept for reference) are not part of the model.
A later file of the same model replaces the rows of the authorities it lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cscperf.quality.findings import LoadError
from cscperf.reference.schema import quote


@dataclass(frozen=True)
class Neighbour:
    rank: int  # 1 is the closest
    la: str
    closeness: str | None


def model_year(path: Path) -> int:
    found = re.search(r"(20\d\d)", path.name)
    if not found:
        raise LoadError(path.name, "does not say which statistical neighbour model it is "
                                   "(expected a year such as 2021 or 2025 in the file name)")
    return int(found.group(1))


def load(con: duckdb.DuckDBPyConnection, path: Path, release_id: int) -> int:
    model = model_year(path)
    con.execute("CREATE OR REPLACE TEMP TABLE sn_raw AS SELECT row_number() OVER () AS _row, * "
                "FROM read_csv(?, all_varchar = true, header = true)", [str(path)])
    columns = [r[0] for r in con.execute("SELECT column_name FROM (DESCRIBE sn_raw)").fetchall()][1:]
    slots = [(int(m.group(1)), i) for i, c in enumerate(columns) if (m := re.fullmatch(r"SN_?(\d+)", c))]
    if len(slots) != 10 or len(columns) < 3:
        raise LoadError(path.name, "is not a statistical neighbour table (expected the authority's "
                                   "code first, then columns SN1 to SN10)")
    code, name = quote(columns[0]), quote(columns[1])

    def closeness(i: int) -> str:
        return f"trim({quote(columns[i + 1])})" if i + 1 < len(columns) else "NULL"

    slot_structs = ", ".join(
        f"{{'rank': {rank}, 'neighbour': trim({quote(columns[i])}), 'closeness': {closeness(i)}}}"
        for rank, i in slots)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE sn_rows AS
        WITH model_rows AS (  -- stop at the first row that is not an authority ('Old SNs:')
            SELECT * FROM sn_raw
            WHERE _row < coalesce((SELECT min(_row) FROM sn_raw WHERE TRY_CAST({code} AS INTEGER) IS NULL),
                                  (SELECT max(_row) + 1 FROM sn_raw))
        )
        SELECT lpad(trim({code}), 3, '0') AS la, trim({name}) AS la_name,
               unnest([{slot_structs}], recursive := true)
        FROM model_rows
    """)
    con.execute("DELETE FROM ref.stat_neighbours WHERE model = ? AND la IN (SELECT la FROM sn_rows)",
                [model])
    rows = con.execute("""
        INSERT INTO ref.stat_neighbours
        SELECT ?, ?, la, la_name, rank, lpad(neighbour, 3, '0'), closeness FROM sn_rows
        WHERE TRY_CAST(neighbour AS INTEGER) IS NOT NULL  -- '-': no neighbours in this model
    """, [release_id, model]).fetchone()[0]
    con.execute("DROP TABLE sn_raw; DROP TABLE sn_rows")
    return rows


def models(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [row[0] for row in con.execute(
        "SELECT DISTINCT model FROM ref.stat_neighbours ORDER BY 1").fetchall()]


def neighbours(con: duckdb.DuckDBPyConnection, la: str, model: int) -> list[Neighbour]:
    """The authority's neighbours in one model, closest first ([] when it is not in the model)."""
    return [Neighbour(*row) for row in con.execute(
        "SELECT rank, neighbour, closeness FROM ref.stat_neighbours WHERE la = ? AND model = ? "
        "ORDER BY rank",
        [la, model]).fetchall()]
