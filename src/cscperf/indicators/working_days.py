"""Working days: Monday to Friday, excluding England and Wales bank holidays.

Bank holidays come from the `holidays` package (England; Wales has the same days), which includes
one-off holidays such as the State Funeral of Queen Elizabeth II (19 September 2022) and the
Coronation (8 May 2023), and substitute days when a holiday falls at a weekend.

"Working days from A to B" counts the working days after A, up to and including B: an assessment
started on a Friday and authorised the next Monday took 1 working day.

>>> working_days(date(2024, 12, 20), date(2024, 12, 27))   # Christmas Day and Boxing Day skipped
3

For SQL, `meta.calendar(day, is_working_day, working_day_number)` numbers the working days, so
the working days from A to B are `number(B) - number(A)` (see `ensure_calendar`).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import duckdb
import holidays

# The calendar table spans every date the indicators look at; dates outside it have no number,
# so working days involving them are unknown rather than wrong.
CALENDAR_FIRST = date(1990, 1, 1)
CALENDAR_LAST = date(2045, 12, 31)


@lru_cache(maxsize=None)
def bank_holidays(year: int) -> frozenset[date]:
    # The class itself: country_holidays("GB") would first import every country's (0.06 s).
    return frozenset(holidays.UnitedKingdom(subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_days(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days(end, start)
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def calendar_holidays() -> list[date]:
    """Every bank holiday in the calendar's span."""
    return sorted(d for year in range(CALENDAR_FIRST.year, CALENDAR_LAST.year + 1) for d in bank_holidays(year))


# `{table}`: TABLE meta.calendar for the store, TEMP TABLE working_calendar for the DfE's rules.
CALENDAR_DDL = """
CREATE OR REPLACE {table} AS
WITH days AS (
    SELECT day, isodow(day) <= 5 AND NOT list_contains(?::DATE[], day) AS is_working_day
    FROM (SELECT unnest(generate_series(?::TIMESTAMP, ?::TIMESTAMP, INTERVAL 1 DAY))::DATE AS day)
)
SELECT day, is_working_day,
    -- working days from the calendar's first day up to and including this one
    (sum(is_working_day::INTEGER) OVER (ORDER BY day))::INTEGER AS working_day_number
FROM days
ORDER BY day
"""


def create_calendar(con: duckdb.DuckDBPyConnection, table: str = "TABLE meta.calendar") -> None:
    """(Re)build the calendar over its span, as `table` (see CALENDAR_DDL)."""
    con.execute(CALENDAR_DDL.format(table=table), [calendar_holidays(), CALENDAR_FIRST, CALENDAR_LAST])


def ensure_calendar(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build `meta.calendar` over the calendar's span."""
    con.execute("CREATE SCHEMA IF NOT EXISTS meta")
    create_calendar(con)
