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
    (date(2025, 3, 31), date(2025, 4, 1), 1, "across the year end"),
    (date(2024, 3, 28), date(2024, 4, 2), 1, "Good Friday and Easter Monday across the 2023-24 year end"),
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


def test_one_rule_for_every_working_day_measure(authority):
    # The DfE counts working days after the start day up to and including the end day, weekends
    # and bank holidays left out: the CIN census's assessment durations put "started and finished
    # the same day" apart from "1 to 10 days" (EES table C2), and its conference bands start at 0
    # (LAIT 268). The same rule times assessments (45 working days), initial conferences (15) and
    # initial health assessments (20). From Thursday 28 March 2024, with Good Friday, Easter
    # Monday, 6 May and 27 May off, the 15th working day is 22 April, the 20th 29 April and the
    # 45th 5 June 2024.
    a = authority
    for child in "ABCDEF":
        a.child(child)
    a.assessment("A", "2024-03-28", "2024-06-05")  # the 45th working day: within
    a.assessment("B", "2024-03-28", "2024-06-06")  # the 46th: not
    a.icpc("C", "2024-04-22", s47=a.s47("C", "2024-03-28"))  # the 15th: within
    a.icpc("D", "2024-04-23", s47=a.s47("D", "2024-03-28"))  # the 16th: not
    a.episode("E", "2024-03-28")
    a.health_check("E", "2024-04-29", type="INITIAL_HEALTH_ASSESSMENT")  # the 20th: within
    a.episode("F", "2024-03-28")
    a.health_check("F", "2024-04-30", type="INITIAL_HEALTH_ASSESSMENT")  # the 21st: not
    assert a.figure("assessments_45wd_pct", "2024-25:Q1") == (1, 2, 50.0)
    assert a.figure("icpc_15wd_pct", "2024-25:Q1") == (1, 2, 50.0)
    assert a.figure("cla_initial_health_assessment_20wd_pct", "12m:2024-06") == (1, 2, 50.0)
