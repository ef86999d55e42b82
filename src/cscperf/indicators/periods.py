"""Reporting periods: financial years, financial quarters, calendar months and rolling 12 months.

Every period is a run of whole calendar months, so a period is fixed by its kind and the month it
ends in. Written forms:

>>> Period.parse("2024-25")              # financial year: 1 April 2024 to 31 March 2025
Period('2024-25')
>>> Period.parse("2024-25:Q4").label     # financial quarter
'Quarter 4 2024-25 (January to March 2025)'
>>> Period.parse("2025-03").start        # calendar month
datetime.date(2025, 3, 1)
>>> Period.parse("12m:2025-03").start    # the twelve months ending 31 March 2025
datetime.date(2024, 4, 1)

A string `YYYY-YY` whose second half is the year after the first is a financial year, so
`2011-12` means 2011-12, not December 2011; the two forms clash only for 2000 to 2011, before
any data this tool reads.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum


class Kind(str, Enum):
    year = "year"  # financial year, April to March
    quarter = "quarter"  # financial quarter: Q1 April-June ... Q4 January-March
    month = "month"  # calendar month
    rolling_12m = "rolling_12m"  # the twelve months ending with a month

    @property
    def months(self) -> int:
        return {"year": 12, "quarter": 3, "month": 1, "rolling_12m": 12}[self.value]

    @property
    def step(self) -> int:
        """Months between one period of this kind and the previous one."""
        return {"year": 12, "quarter": 3, "month": 1, "rolling_12m": 1}[self.value]


FORMS = "2024-25 (financial year), 2024-25:Q1 to Q4 (quarter), 2025-03 (month), 12m:2025-03 (12 months ending)"
_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-(\d{2}):Q([1-4])$")
_ROLLING = re.compile(r"^12m:(\d{4})-(\d{2})$")
# A written period ends in these years: any a record could name (the store's periods are written
# and read back), well inside the years a date can hold with the years indicators look back over.
EARLIEST_YEAR, LATEST_YEAR = 1000, 9000


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), or that month's last day if shorter.

    >>> add_months(date(2025, 4, 1), -30)
    datetime.date(2022, 10, 1)
    """
    year, month = divmod(_month_index(day.year, day.month) + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@functools.cache  # asked for each figure computed; there are only so many months
def _month_end(index: int) -> date:
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def _month_name(d: date) -> str:
    return calendar.month_name[d.month]


def _financial_year(d: date) -> int:
    """The calendar year a financial year starts in: 2024 for any date from April 2024 to March 2025."""
    return d.year if d.month >= 4 else d.year - 1


@dataclass(frozen=True, order=True)
class Period:
    end_month: int  # months since year 0 of the last month (its index orders periods by end)
    kind: Kind

    def __post_init__(self) -> None:
        month = self.end_month % 12 + 1
        if self.kind is Kind.year and month != 3:
            raise ValueError("a financial year ends in March")
        if self.kind is Kind.quarter and month not in (3, 6, 9, 12):
            raise ValueError("a financial quarter ends in March, June, September or December")

    # constructors -------------------------------------------------------------------------
    @classmethod
    def year(cls, start_year: int) -> Period:
        """The financial year starting in April of `start_year`."""
        return cls(_month_index(start_year + 1, 3), Kind.year)

    @classmethod
    def quarter(cls, start_year: int, number: int) -> Period:
        """Quarter `number` (1-4) of the financial year starting in April of `start_year`."""
        if number not in (1, 2, 3, 4):
            raise ValueError("quarters are numbered 1 to 4")
        return cls(_month_index(start_year, 3) + 3 * number, Kind.quarter)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise ValueError(f"{month} is not a month")
        return cls(_month_index(year, month), Kind.month)

    @classmethod
    def rolling(cls, year: int, month: int) -> Period:
        """The twelve months ending with `month` of `year`."""
        if not 1 <= month <= 12:
            raise ValueError(f"{month} is not a month")
        return cls(_month_index(year, month), Kind.rolling_12m)

    @classmethod
    def parse(cls, text: str | Period) -> Period:
        if isinstance(text, Period):
            return text
        period = cls._read(text.strip())
        if not EARLIEST_YEAR <= period.end_month // 12 <= LATEST_YEAR:
            raise ValueError(f"{text.strip()!r} is not a period from {EARLIEST_YEAR} to {LATEST_YEAR}")
        return period

    @classmethod
    def _read(cls, text: str) -> Period:
        if m := _QUARTER.match(text):
            first, second, number = int(m[1]), int(m[2]), int(m[3])
            if second != (first + 1) % 100:
                raise ValueError(f"{text!r}: {m[1]}-{m[2]} is not a financial year")
            return cls.quarter(first, number)
        if m := _ROLLING.match(text):
            return cls.rolling(int(m[1]), int(m[2]))
        if m := _YEAR.match(text):
            first, second = int(m[1]), int(m[2])
            if second == (first + 1) % 100:
                return cls.year(first)
            if 1 <= second <= 12:
                return cls.month(first, second)
        raise ValueError(f"{text!r} is not a period; write one of {FORMS}")

    # what it covers -----------------------------------------------------------------------
    @property
    def end(self) -> date:
        """The last day: snapshot measures are taken on it."""
        return _month_end(self.end_month)

    @property
    def start(self) -> date:
        first = _month_end(self.end_month - self.kind.months + 1)
        return first.replace(day=1)

    @property
    def months(self) -> int:
        return self.kind.months

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    # names --------------------------------------------------------------------------------
    def __str__(self) -> str:
        end = self.end
        if self.kind is Kind.year:
            return f"{end.year - 1}-{end.year % 100:02d}"
        if self.kind is Kind.quarter:
            first = _financial_year(end)
            return f"{first}-{(first + 1) % 100:02d}:Q{(end.month - 4) % 12 // 3 + 1}"
        if self.kind is Kind.month:
            return f"{end.year}-{end.month:02d}"
        return f"12m:{end.year}-{end.month:02d}"

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"

    @property
    def label(self) -> str:
        """The period in plain English, as a committee report would write it."""
        start, end = self.start, self.end
        if self.kind is Kind.month:
            return f"{_month_name(end)} {end.year}"
        span = f"{_month_name(start)} {start.year} to {_month_name(end)} {end.year}"
        if self.kind is Kind.year:
            return f"{self} ({span})"
        if self.kind is Kind.quarter:
            number = str(self)[-1]
            return f"Quarter {number} {str(self)[:7]} ({_month_name(start)} to {_month_name(end)} {end.year})"
        return f"12 months to {_month_name(end)} {end.year} ({span})"

    @property
    def end_label(self) -> str:
        """The snapshot day in words: '31 March 2025'."""
        return f"{self.end.day} {_month_name(self.end)} {self.end.year}"

    # neighbours and series ----------------------------------------------------------------
    def shifted(self, months: int) -> Period:
        return Period(self.end_month + months, self.kind)

    def previous(self) -> Period:
        """The period before: last year, last quarter, last month; for rolling 12 months, the 12
        months ending a month earlier (the previous point of the rolling series)."""
        return self.shifted(-self.kind.step)

    def last_year(self) -> Period:
        """The same period a year earlier."""
        return self.shifted(-12)

    def series(self, count: int) -> list[Period]:
        """`count` periods of this kind ending with this one, oldest first."""
        return [self.shifted(-self.kind.step * back) for back in range(count - 1, -1, -1)]

    def months_back(self, count: int) -> list[Period]:
        """The `count` calendar months ending with the month this period ends in, oldest first."""
        return Period(self.end_month, Kind.month).series(count)

    def quarters_back(self, count: int) -> list[Period]:
        """The `count` financial quarters ending with the last quarter that ends on or before
        this period's end, oldest first."""
        last = self.end_month - (self.end_month % 12 + 1) % 3
        return Period(last, Kind.quarter).series(count)
