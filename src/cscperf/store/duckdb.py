"""Opening the store: one DuckDB file holding SSD tables, provenance and reference data."""

from __future__ import annotations

from pathlib import Path

import duckdb

from cscperf.store.schema import ddl

SCHEMA_VERSION = 1


def connect(path: str | Path = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if need be) the store at `path` with every table in place."""
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    con = duckdb.connect(str(path))
    migrate(con)
    return con


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Create whatever is missing. Tables are only ever added, so this is safe to run each time."""
    con.execute(ddl())
    if con.execute("SELECT count(*) FROM meta.schema_version").fetchone()[0] == 0:
        con.execute("INSERT INTO meta.schema_version VALUES (?)", [SCHEMA_VERSION])
