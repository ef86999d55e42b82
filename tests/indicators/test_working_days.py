"""Working days: weekends and England and Wales bank holidays, including one-off and substitute days."""

from datetime import date, timedelta

import pytest

from cscperf.indicators import calc
from cscperf.indicators.working_days import is_working_day, working_days


@pytest.mark.parametrize("start, end, expected, why", [
    (date(2024, 12, 20), date(2024, 12, 27), 3, "Christmas Day and Boxing Day"),
    (date(2024, 12, 31), date(2025, 1, 2), 1, "New Year's Day"),
    (date(2025, 4, 17), date(2025, 4, 22), 1, "Good Friday and Easter Monday"),
    (date(2024, 8, 23), date(2024, 8, 27), 1, "the August bank holiday"),
    (date(2023, 5, 5), date(2023, 5, 9), 1, "the Coronation, a one-off holiday"),
    (date(2022, 9, 16), date(2022, 9, 20), 1, "the State Funeral, a one-off holiday"),
    (date(2022, 12, 23), date(2022, 12, 28), 1, "Christmas Day at a weekend moves to 27 December"),
    (date(2024, 12, 2), date(2025, 2, 6), 45, "Christmas and New Year inside a 45-day span"),
    (date(2025, 4, 17), date(2025, 5, 13), 15, "Easter and the early May bank holiday"),
    (date(2025, 3, 7), date(2025, 3, 7), 0, "the same day"),
    (date(2025, 3, 8), date(2025, 3, 10), 1, "from a Saturday to Monday"),
    (date(2025, 3, 10), date(2025, 3, 7), -1, "backwards"),
])
def test_working_days(start, end, expected, why):
    assert working_days(start, end) == expected, why


def test_weekends_and_holidays_are_not_working_days():
    assert not is_working_day(date(2025, 3, 8))  # Saturday
    assert not is_working_day(date(2025, 12, 25))
    assert is_working_day(date(2025, 12, 24))


def test_sql_calendar_agrees_with_a_day_by_day_count(con):
    calc.prepare(con)
    start = date(2021, 12, 20)
    days = [start + timedelta(days=n) for n in range(0, 1200, 7)]
    sql = con.execute("SELECT d, calc.working_days(?, d) FROM unnest(?::DATE[]) t(d) ORDER BY d",
                      [start, days]).fetchall()
    assert sql == [(d, working_days(start, d)) for d in days]
