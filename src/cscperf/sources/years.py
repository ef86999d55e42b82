"""Collection years: the year ending on the 31 March on or after a date (2025 for 2024-25); and
the birthday a care leaver's record for a year is about."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cscperf.sources.cells import CellProblem


def collection_year(day: date) -> int:
    """The collection year a date falls in: 2025 for any date from 1 April 2024 to 31 March 2025."""
    return day.year if (day.month, day.day) <= (3, 31) else day.year + 1


def as_at_date(dates: Iterable[date | None], today: date | None = None) -> date | None:
    """An extract's as-at date: the latest date in it.

    Dates after today are typing errors or planned dates, not the extract's as-at date.
    """
    today = today or date.today()
    return max((d for d in dates if d is not None and d <= today), default=None)


def as_at_year(dates: Iterable[date | None], today: date | None = None) -> int | None:
    """The collection year of an extract, from its as-at date."""
    latest = as_at_date(dates, today)
    return None if latest is None else collection_year(latest)


def care_leaver_birthday(dob: date, year: int) -> date:
    """The 17th to 21st birthday falling in the collection year (1 April to 31 March)."""
    start, end = date(year - 1, 4, 1), date(year, 3, 31)
    for age in range(17, 22):
        birthday = _birthday(dob, dob.year + age)
        if start <= birthday <= end:
            return birthday
    raise CellProblem("birthday-not-in-year", f"no 17th to 21st birthday falls between "
                      f"{start:%d/%m/%Y} and {end:%d/%m/%Y}")


def _birthday(dob: date, year: int) -> date:
    try:
        return dob.replace(year=year)
    except ValueError:  # born on 29 February: the birthday is 1 March in other years
        return date(year, 3, 1)
