"""Preparing a store for indicators: the working-day calendar and the shared `calc` helpers.

The helpers (calc.sql) are macros and tables derived from the SSD tables: referrals with the
child's previous referral, assessments with working days, and so on. They are tables rather
than views so that one authority's figures are quick to compute in a store holding many.
`prepare` is idempotent and cheap when nothing has changed: it records fingerprints of the SQL
and bank holidays and of the data loaded, and rebuilds what is out of date.
"""

from __future__ import annotations

import hashlib
import re
import threading
from functools import lru_cache
from importlib import resources

import duckdb

from cscperf.indicators import working_days
from cscperf.store.schema import TABLES

# The schema for the helpers, and what they were built from: this release (code) and the data
# loaded (data). The store itself has ref.population and meta.postcodes.
SUPPORT_DDL = """
CREATE SCHEMA IF NOT EXISTS calc;
CREATE TABLE IF NOT EXISTS meta.indicator_helpers (code VARCHAR, data VARCHAR);
"""


@lru_cache(maxsize=1)
def calc_sql() -> str:
    return resources.files("cscperf.indicators").joinpath("calc.sql").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Changes when the helpers' SQL, the calendar's span or the bank holidays change."""
    holidays = ",".join(str(d) for d in working_days.calendar_holidays())
    text = "\n".join([calc_sql(), holidays, str(working_days.CALENDAR_FIRST), str(working_days.CALENDAR_LAST)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# Rows in every table the helpers read, and the latest load: changes whenever data or the
# reference lookups are loaded.
_DATA = " UNION ALL ".join(
    [f"SELECT '{t.name}', count(*) FROM {t.name}" for t in TABLES]
    + ["SELECT 'postcodes', count(*) FROM meta.postcodes", "SELECT 'loads', max(load_id) FROM meta.loads"]
    + [f"SELECT '{t}', max(release_id) FROM ref.{t}" for t in ("la_codes", "ltla_utla", "postcode_wards", "wards")]
    + ["SELECT 'localities', CAST(hash(list(area || '=' || locality ORDER BY area)) % 1000000007 AS BIGINT) "
       "FROM ref.localities"])


def data_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    return hashlib.sha256(repr(con.execute(_DATA).fetchall()).encode()).hexdigest()[:16]


def _recorded(con: duckdb.DuckDBPyConnection) -> tuple[str, str] | None:
    try:
        return con.execute("SELECT code, data FROM meta.indicator_helpers").fetchone()
    except duckdb.CatalogException:
        return None


# One rebuild at a time: the web application computes on several threads (cursors of one store).
_REBUILDING = threading.Lock()


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """Make the calendar and the `calc` tables current with this release and the store's data.
    A rebuild is one transaction, so other cursors see the old helpers or the new, never half."""
    with _REBUILDING:
        recorded = _recorded(con)
        code, data = fingerprint(), data_fingerprint(con)
        if recorded == (code, data):
            return
        con.begin()
        try:
            con.execute(SUPPORT_DDL)
            if recorded is None or recorded[0] != code:
                working_days.ensure_calendar(con)
            con.execute(calc_sql())
            con.execute("DELETE FROM meta.indicator_helpers")
            con.execute("INSERT INTO meta.indicator_helpers VALUES (?, ?)", [code, data])
            con.commit()
        except BaseException:
            con.rollback()
            raise


_OBJECT = re.compile(r"((?:^--[^\n]*\n)+)CREATE OR REPLACE (TABLE|MACRO) (calc\.\w+)(\([^)]*\))?", re.M)


def helpers() -> list[tuple[str, str, str]]:
    """(kind, name with arguments, description) of each calc object, from the comments in calc.sql."""
    found = []
    for comment, kind, name, arguments in _OBJECT.findall(calc_sql()):
        text = " ".join(line.removeprefix("--").strip() for line in comment.strip().splitlines())
        found.append((kind.lower(), name + (arguments or ""), text))
    return found
