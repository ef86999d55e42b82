"""Ofsted's Fostering in England local authority level data into `ref.figures`.

Ofsted publishes, each autumn, a table with one row per local authority fostering service and
year: fostering households and places approved at 31 March, households newly approved in the
year, and more. `cscperf reference import` reads it saved as CSV under `ofsted/` (any name with
`fostering` in it) with the columns `Year` (2023-24), `LA code` (the DfE 3-digit number; England's
row has none and is named England), `Local authority`, and one column per figure. It is turned
into the Explore Education Statistics layout and read as those files are (`ees.load_raw`), so a
suppressed cell keeps its code. Every year's file is the same dataset, `fostering_la_level_data`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from cscperf.quality.findings import LoadError
from cscperf.reference import ees
from cscperf.reference.schema import quote

DATASET = "fostering_la_level_data"
COLUMNS = ("Year", "LA code", "Local authority")


def load(con: duckdb.DuckDBPyConnection, path: Path, release_id: int) -> int:
    """Add every figure of one Ofsted fostering file to `ref.figures`; return the number of cells."""
    con.execute("CREATE OR REPLACE TEMP TABLE ofsted_raw AS "
                "SELECT * FROM read_csv(?, all_varchar = true, header = true)", [str(path)])
    found = [row[0] for row in con.execute("SELECT column_name FROM (DESCRIBE ofsted_raw)").fetchall()]
    missing = [c for c in COLUMNS if c not in found]
    if missing:
        raise LoadError(path.name, "not in the layout of Ofsted's local authority level fostering data "
                                   f"(no {', '.join(missing)} column)")
    # '2023-24' and '2023 to 2024' as EES writes a financial year, '202324'
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE ees_raw AS
        SELECT regexp_replace(trim("Year"), '^([0-9]{{4}})[^0-9]+[0-9]{{0,2}}([0-9]{{2}})$', '\\1\\2') AS time_period,
               CASE WHEN lower(trim("Local authority")) = 'england' THEN 'National' ELSE 'Local authority' END
                   AS geographic_level,
               lpad(nullif(trim("LA code"), ''), 3, '0') AS old_la_code,
               trim("Local authority") AS la_name,
               * EXCLUDE ({", ".join(quote(c) for c in COLUMNS)})
        FROM ofsted_raw
    """)
    con.execute("DROP TABLE ofsted_raw")
    return ees.load_raw(con, path, release_id, "ofsted", DATASET)
