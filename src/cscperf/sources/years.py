"""Collection years: the year ending on the 31 March on or after a date (2025 for 2024-25)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


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
