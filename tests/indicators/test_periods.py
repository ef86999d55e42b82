"""Periods: parsing, printing, what they cover, and series."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscperf.indicators.periods import Kind, Period


@pytest.mark.parametrize("text, start, end, kind", [
    ("2024-25", date(2024, 4, 1), date(2025, 3, 31), Kind.year),
    ("2024-25:Q1", date(2024, 4, 1), date(2024, 6, 30), Kind.quarter),
    ("2024-25:Q2", date(2024, 7, 1), date(2024, 9, 30), Kind.quarter),
    ("2024-25:Q3", date(2024, 10, 1), date(2024, 12, 31), Kind.quarter),
    ("2024-25:Q4", date(2025, 1, 1), date(2025, 3, 31), Kind.quarter),
    ("2025-03", date(2025, 3, 1), date(2025, 3, 31), Kind.month),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Kind.month),
    ("12m:2025-03", date(2024, 4, 1), date(2025, 3, 31), Kind.rolling_12m),
    ("12m:2024-06", date(2023, 7, 1), date(2024, 6, 30), Kind.rolling_12m),
    ("1999-00", date(1999, 4, 1), date(2000, 3, 31), Kind.year),
])
def test_parse_and_print(text, start, end, kind):
    period = Period.parse(text)
    assert (period.start, period.end, period.kind, str(period)) == (start, end, kind, text)


@pytest.mark.parametrize("text", ["2024-26", "2024-13", "2024-00", "2024-25:Q5", "2024-26:Q1", "12m:2025-13",
                                  "2024", "Q1 2024-25", "",
                                  "0000-01", "0001-02:Q1", "0999-12", "12m:9001-01", "9999-00"])
def test_rejects_what_is_not_a_period(text):
    with pytest.raises(ValueError, match="not"):
        Period.parse(text)


def test_labels_in_plain_english():
    assert Period.parse("2024-25").label == "2024-25 (April 2024 to March 2025)"
    assert Period.parse("2024-25:Q1").label == "Quarter 1 2024-25 (April to June 2024)"
    assert Period.parse("2024-25:Q4").label == "Quarter 4 2024-25 (January to March 2025)"
    assert Period.parse("2025-03").label == "March 2025"
    assert Period.parse("12m:2025-03").label == "12 months to March 2025 (April 2024 to March 2025)"
    assert Period.parse("2024-25:Q3").end_label == "31 December 2024"


def test_previous_and_same_period_last_year():
    assert str(Period.parse("2024-25").previous()) == "2023-24"
    assert str(Period.parse("2024-25:Q1").previous()) == "2023-24:Q4"
    assert str(Period.parse("2025-01").previous()) == "2024-12"
    assert str(Period.parse("12m:2025-03").previous()) == "12m:2025-02"
    assert str(Period.parse("2024-25:Q3").last_year()) == "2023-24:Q3"
    assert str(Period.parse("2024-02").last_year()) == "2023-02"
    assert str(Period.parse("12m:2025-03").last_year()) == "12m:2024-03"


def test_series_back_from_a_period():
    assert [str(p) for p in Period.parse("2024-25:Q2").series(3)] == ["2023-24:Q4", "2024-25:Q1", "2024-25:Q2"]
    assert [str(p) for p in Period.parse("2024-25").months_back(3)] == ["2025-01", "2025-02", "2025-03"]
    # from a month inside a quarter, the quarters that have ended
    assert [str(p) for p in Period.parse("2025-02").quarters_back(2)] == ["2024-25:Q2", "2024-25:Q3"]
    assert len(Period.parse("2024-25:Q4").quarters_back(20)) == 20
    assert Period.parse("2024-25:Q4").quarters_back(20)[0] == Period.parse("2020-21:Q1")


def test_contains_both_ends_and_orders_by_end():
    q = Period.parse("2024-25:Q1")
    assert date(2024, 4, 1) in q and date(2024, 6, 30) in q
    assert date(2024, 3, 31) not in q and date(2024, 7, 1) not in q
    assert sorted([Period.parse("2025-03"), Period.parse("2024-25:Q1")])[0] == q


@given(st.sampled_from(list(Kind)), st.integers(2012, 2040), st.integers(1, 12))
def test_printing_then_parsing_gives_the_same_period(kind, year, month):
    if kind is Kind.year:
        month = 3
    if kind is Kind.quarter:
        month = 3 * ((month - 1) // 3 + 1)
    period = Period(year * 12 + month - 1, kind)
    assert Period.parse(str(period)) == period
    assert period.start <= period.end and period.end.month == month
