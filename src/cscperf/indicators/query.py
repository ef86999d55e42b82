"""The SQL contract: what an indicator's SQL can read and must return.

An indicator's SQL is one SELECT listing the units it counts (children or events), one row per
unit per authority and period, for many periods at once. It reads:

- `periods(la, period, period_start, period_end)`: one row per authority and period. Snapshot
  measures use `period_end` (the snapshot day).
- `period_months(la, period, period_start, period_end, month)`: the same, one row per month of
  each period. In-period measures join on `month = calc.month_of(event date)` (every period is
  whole months, so this is exactly "dated within the period", and fast).
- the `calc` views and macros, and any store table.

It returns `la`, `period`, `person_id`, `event_id` (the event counted, or behind a child counted),
`event_date` (the snapshot day or the event's date; age bands use it), then any boolean flags,
numbers, breakdown columns (named after the breakdown) and details to show with the children.
"""

from __future__ import annotations

from datetime import date

import duckdb

REQUIRED_COLUMNS = {"la": "VARCHAR", "period": "VARCHAR", "person_id": "VARCHAR",
                    "event_id": "VARCHAR", "event_date": "DATE"}

_PERIODS = """WITH periods AS (
    SELECT a.la, w.period, w.period_start, w.period_end
    FROM (SELECT unnest($las::VARCHAR[]) AS la) a
    CROSS JOIN (SELECT unnest($names::VARCHAR[]) AS period, unnest($starts::DATE[]) AS period_start,
                       unnest($ends::DATE[]) AS period_end) w
), period_months AS (
    SELECT *, unnest(generate_series(period_start::TIMESTAMP, period_end::TIMESTAMP, INTERVAL 1 MONTH))::DATE AS month
    FROM periods
), units AS (
"""

# Lines of the wrapper before the indicator's SQL, to point errors at the SQL file's own lines.
SQL_LINE_OFFSET = _PERIODS.count("\n")


def with_units(sql: str) -> str:
    """`WITH periods, period_months, units AS (<sql>)`: follow it with a SELECT over `units`."""
    return f"{_PERIODS}{sql.rstrip().rstrip(';')}\n)\n"


def parameters(las: list[str], windows: list[tuple[str, date, date]]) -> dict:
    """Bind the authorities and the (period, start, end) windows to compute."""
    return {"las": las, "names": [w[0] for w in windows], "starts": [w[1] for w in windows],
            "ends": [w[2] for w in windows]}


def describe(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, str]:
    """The columns the SQL returns, name to DuckDB type; raises duckdb.Error if it does not bind."""
    rows = con.execute("DESCRIBE " + with_units(sql) + "SELECT * FROM units",
                       parameters([], [])).fetchall()
    return {name: type_ for name, type_, *_ in rows}


# Schemas other than the SSD tables' own: `calc.authority_districts` names a table in one.
_SCHEMAS = ("calc", "ref", "meta")


def recorded_parts(entry: str) -> tuple[str, str | None, str | None]:
    """A `recorded_in` entry as (table, column, condition). An entry names a table (`ssd_contacts`,
    or `calc.authority_districts` in another schema), or a column it must have values in
    (`ssd_missing.miss_missing_rhi_offered`), maybe followed by a condition its rows must meet
    (`ssd_cla_health WHERE clah_health_check_type = 'INITIAL_HEALTH_ASSESSMENT'`)."""
    name, _, condition = entry.partition(" WHERE ")
    parts = name.split(".")
    width = 2 if parts[0] in _SCHEMAS else 1
    return ".".join(parts[:width]), ".".join(parts[width:]) or None, condition or None


def recorded_sql(entry: str) -> str:
    """The authorities with data where a `recorded_in` entry says."""
    table, column, condition = recorded_parts(entry)
    conditions = ([f'"{column}" IS NOT NULL'] if column else []) + ([condition] if condition else [])
    return f"SELECT DISTINCT la FROM {table}" + (f" WHERE {' AND '.join(conditions)}" if conditions else "")


def recorded_words(entry: str) -> str:
    """A `recorded_in` entry as the reason a figure is unavailable names it."""
    name, _, condition = entry.partition(" WHERE ")
    return f"{name} ({condition})" if condition else name
