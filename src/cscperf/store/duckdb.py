"""Opening the store: one DuckDB file holding SSD tables, provenance and reference data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from cscperf.private import owner_only
from cscperf.quality.findings import LoadError
from cscperf.reference import schema as reference_schema
from cscperf.store.schema import add_columns_ddl, ddl

SCHEMA_VERSION = 1


def connect(path: str | Path = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if need be) the store at `path` with every table in place; from then on
    the files this process creates are its owner's only (`cscperf.private`)."""
    owner_only()
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    con = duckdb.connect(str(path))
    migrate(con)
    return con


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Create whatever is missing. Tables and columns are only ever added, so this is safe to run
    each time: a store made by an earlier release gains the columns added since."""
    con.execute(ddl())
    existing = set(con.execute("SELECT table_name, column_name FROM information_schema.columns "
                               "WHERE table_schema = 'main'").fetchall())
    added = add_columns_ddl(existing)
    if added:
        con.execute(added)
    reference_schema.migrate(con)
    if con.execute("SELECT count(*) FROM meta.schema_version").fetchone()[0] == 0:
        con.execute("INSERT INTO meta.schema_version VALUES (?)", [SCHEMA_VERSION])


@contextmanager
def atomic(con: duckdb.DuckDBPyConnection, failed: Callable[[], tuple[str, str]]) -> Iterator[None]:
    """Run the block in one transaction: on any error the store is left exactly as it was.

    A `LoadError` passes through; anything unexpected becomes one, named by `failed()`:
    (file, what failed), followed by the error's first line."""
    con.begin()
    try:
        yield
        con.commit()
    except LoadError:
        con.rollback()
        raise
    except Exception as error:
        con.rollback()
        file, what = failed()
        raise LoadError(file, f"{what} and nothing was changed "
                              f"({type(error).__name__}: {str(error).splitlines()[0]})") from error
