"""Dates as children's social care counts them: working days, financial years, birthdays."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from functools import cache

import holidays

DAY = timedelta(days=1)


@cache
def _working_days(first_year: int = 1995, last_year: int = 2045) -> tuple[date, ...]:
    """Every working day (Monday to Friday, not an England bank holiday) in a span of years."""
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    day, last, days = date(first_year, 1, 1), date(last_year, 12, 31), []
    while day <= last:
        if day.weekday() < 5 and day not in bank:
            days.append(day)
        day += DAY
    return tuple(days)


def add_working_days(start: date, n: int) -> date:
    """The date `n` working days after `start` (the working days after it, up to and including)."""
    days = _working_days()
    return days[bisect_right(days, start) + n - 1] if n > 0 else start


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`."""
    days = _working_days()
    return bisect_right(days, end) - bisect_right(days, start)


def collection_year(day: date) -> int:
    """The year a return ends in: 2025 for 1 April 2024 to 31 March 2025."""
    return day.year + 1 if day.month >= 4 else day.year


def year_start(year: int) -> date:
    return date(year - 1, 4, 1)


def year_end(year: int) -> date:
    return date(year, 3, 31)


def birthday(dob: date, age: int) -> date:
    """The day a child born on `dob` turns `age` (29 February birthdays fall on 1 March)."""
    try:
        return dob.replace(year=dob.year + age)
    except ValueError:
        return date(dob.year + age, 3, 1)


def age_on(dob: date, day: date) -> int:
    """Age in whole years on `day`."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def overlaps(start: date | None, end: date | None, first: date, last: date) -> bool:
    """Whether a spell from `start` to `end` (None: still open) touches [first, last]."""
    return start is not None and start <= last and (end is None or end >= first)


def default_end(today: date) -> date:
    """The last 31 March on or before `today`."""
    return date(today.year if (today.month, today.day) >= (3, 31) else today.year - 1, 3, 31)


def fmt_903(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


def fmt_iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()
