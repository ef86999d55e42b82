"""Which periods a scorecard shows, hand-worked."""

import pytest

from cscperf.compare.plan import Plan, point_label, short_label
from cscperf.indicators.periods import Period


def names(periods):
    return [str(p) for p in periods]


def test_a_quarter():
    plan = Plan.of("2024-25:Q4")
    assert (str(plan.previous), str(plan.last_year)) == ("2024-25:Q3", "2023-24:Q4")
    assert names(plan.trend) == [f"2024-{m:02d}" for m in range(4, 13)] + ["2025-01", "2025-02", "2025-03"]
    assert names(plan.series) == ["2023-24:Q1", "2023-24:Q2", "2023-24:Q3", "2023-24:Q4",
                                  "2024-25:Q1", "2024-25:Q2", "2024-25:Q3", "2024-25:Q4"]


def test_a_twelve_month_indicator_in_a_quarterly_report():
    # 3 or more placements in 12 months: the 12 months to 31 March 2025, compared with the 12
    # months to the previous quarter's end (31 December 2024) and to 31 March 2024
    plan = Plan.of("2024-25:Q4", rolling=True)
    assert (str(plan.current), str(plan.previous), str(plan.last_year)) == ("12m:2025-03", "12m:2024-12", "12m:2024-03")
    assert names(plan.trend)[0] == "12m:2024-04" and names(plan.series)[0] == "12m:2023-06"


def test_a_year_is_already_twelve_months():
    plan = Plan.of("2024-25", rolling=True)
    assert (str(plan.current), str(plan.previous)) == ("2024-25", "2023-24")


@pytest.mark.parametrize("period, short, point", [
    ("2024-25:Q4", "Quarter 4 2024-25", "Q4 2024-25"),
    ("2025-03", "March 2025", "Mar 2025"),
    ("2024-25", "2024-25", "2024-25"),
    ("12m:2025-03", "the 12 months to March 2025", "12m to Mar 2025"),
])
def test_labels(period, short, point):
    assert (short_label(Period.parse(period)), point_label(Period.parse(period))) == (short, point)
