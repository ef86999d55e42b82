"""The 903 and CIN census returns as submitted, kept beside the store's tables for the DfE's rules.

Each raw table (`ssda903.episodes`, `cin_census.cin_details`, ...) holds every authority's returns
with `la` and `load_id` in front of the reader's columns. A load replaces, for its authority, each
table and collection year it gives, as loads replace the store's other rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from cscperf.private import owner_only

if TYPE_CHECKING:  # sources import the store's schema
    from cscperf.sources.returns import Submitted

# The tables each return gave (a rule about a table runs only when it was given), and the schemas
# the raw tables are made in as loads first give them.
DDL = """
CREATE SCHEMA IF NOT EXISTS meta;
CREATE SCHEMA IF NOT EXISTS ssda903;
CREATE SCHEMA IF NOT EXISTS cin_census;
CREATE TABLE IF NOT EXISTS meta.returns_given (
    la VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    collection_year INTEGER,
    "table" VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    load_id INTEGER
);
"""


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory database holding only returns as submitted: for checking files unloaded.
    What the process writes from them (`cscperf validate --out`) names children, so from then on
    it is its owner's only (`cscperf.private`)."""
    owner_only()
    con = duckdb.connect()
    con.execute(DDL)
    return con


def save(con: duckdb.DuckDBPyConnection, la: str, load_id: int, submitted: Submitted) -> None:
    given = sorted({(table, year) for table, year, _ in submitted.files})
    stored = stored_tables(con, submitted.format)
    for table, year in given:
        con.execute('DELETE FROM meta.returns_given WHERE la = ? AND format = ? AND "table" = ? '
                    "AND collection_year IS NOT DISTINCT FROM ?", [la, submitted.format, table, year])
        if table in stored:
            con.execute(f"DELETE FROM {submitted.format}.{table} WHERE la = ? "
                        "AND collection_year IS NOT DISTINCT FROM ?", [la, year])
    con.executemany("INSERT INTO meta.returns_given VALUES (?, ?, ?, ?, ?, ?)",
                    [[la, submitted.format, year, table, file, load_id]
                     for table, year, file in submitted.files])
    for table, rows in submitted.tables.items():
        name = f"{submitted.format}.{table}"
        con.register("raw_rows", rows)
        if table in stored:
            _add_new_columns(con, submitted.format, table, rows.column_names)
        else:
            con.execute(f"CREATE TABLE {name} AS SELECT ''::VARCHAR AS la, 0 AS load_id, * "
                        "FROM raw_rows WITH NO DATA")
        con.execute(f"INSERT INTO {name} BY NAME SELECT ? AS la, ? AS load_id, * FROM raw_rows",
                    [la, load_id])
        con.unregister("raw_rows")


def stored_tables(con: duckdb.DuckDBPyConnection, format: str) -> set[str]:
    """The raw tables of a format the database holds."""
    return {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE "
                                            "schema_name = ? AND NOT temporary", [format]).fetchall()}


def _add_new_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str,
                     columns: list[str]) -> None:
    """A later cscperf's reader may give a table more columns than the stored one has."""
    have = {c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE "
                                      "schema_name = ? AND table_name = ?", [schema, table]).fetchall()}
    for column in columns:
        if column not in have:
            con.execute(f'ALTER TABLE {schema}.{table} ADD COLUMN "{column}" VARCHAR')
