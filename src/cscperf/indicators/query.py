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
