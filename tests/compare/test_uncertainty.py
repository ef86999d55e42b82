"""Intervals, changes and control limits, each with its answer worked by hand (the formulas are in
OHID's Fingertips technical guide, "Confidence intervals"; Newcombe 1998 for a difference)."""

import doctest

import pytest

from cscperf.compare import uncertainty
from cscperf.compare.figure import Figure
from cscperf.compare.uncertainty import changed, control_limits, funnel_limits, interval, per_child


def fig(value, numerator=None, denominator=None, suppressed=()):
    return Figure("2024-25:Q4", "Q4", "2025-01-01", "2025-03-31", value, numerator, denominator,
                  suppressed=suppressed)


def test_the_doctests():
    assert doctest.testmod(uncertainty).failed == 0


def test_a_percentage_has_its_wilson_interval():
    # 16 of 20: p = 0.8, z^2 = 3.8415; centre 0.8 + 3.8415/40 = 0.8960, half-width
    # 1.96 * sqrt(0.16/20 + 3.8415/1600) = 0.1999, over 1 + 3.8415/20 = 1.1921 -> 58.4% to 91.9%
    found = interval(fig(80.0, 16, 20), "percent")
    assert (round(found.low, 1), round(found.high, 1), found.method) == (58.4, 91.9, "Wilson score")


def test_a_count_and_a_rate_have_byars_interval():
    # Byar, 10: 10 * (1 - 1/90 - 1.96/(3*sqrt 10))^3 = 4.79; 11 * (1 - 1/99 + 1.96/(3*sqrt 11))^3 = 18.39
    count = interval(fig(10, 10), "count")
    assert (round(count.low, 2), round(count.high, 2)) == (4.79, 18.39)
    # a rate's interval is its count's over the population: 10 children of 20,000 -> 2.4 to 9.2 per 10,000
    rate = interval(fig(5.0, 10, 20_000), "rate_per_10k")
    assert (round(rate.low, 1), round(rate.high, 1)) == (2.4, 9.2)


@pytest.mark.parametrize("unit, figure", [
    ("percent", fig(None, None, None, ("value", "numerator"))),  # withheld: no interval to give it back
    ("percent", fig(50.0, None, 40, ("numerator",))),
    ("days", fig(412, 2060, 5)),                                  # an average keeps no spread
])
def test_no_interval_without_the_parts(unit, figure):
    assert interval(figure, unit) is None


def test_a_change_in_a_percentage_is_judged_by_newcombes_interval():
    # Newcombe's own example: 56/70 against 48/80, difference 0.0524 to 0.3339: more than noise
    assert changed(fig(80.0, 56, 70), fig(60.0, 48, 80), "percent") is True
    # 8 of 10 against 6 of 10: the same 20 points, on a small base, is within noise
    assert changed(fig(80.0, 8, 10), fig(60.0, 6, 10), "percent") is False
    assert changed(fig(80.0, 8, 10), fig(None, None, None, ("value",)), "percent") is None


def test_a_change_in_a_count_compares_its_share_of_both_periods():
    # 30 then 15: 30 of 45 is 0.667, Wilson 0.521 to 0.787, which leaves out 0.5: more than noise
    assert changed(fig(30, 30), fig(15, 15), "count") is True
    # 12 then 10: 12 of 22, Wilson 0.347 to 0.734, holds 0.5
    assert changed(fig(12, 12), fig(10, 10), "count") is False
    assert changed(fig(0, 0), fig(0, 0), "count") is False
    # rates: the expected share follows the populations
    assert changed(fig(15.0, 30, 20_000), fig(7.5, 15, 20_000), "rate_per_10k") is True
    assert changed(fig(3.0, 300, 1_000), fig(3.0, 300, 1_000), "days") is None


def test_control_limits_from_the_points_before_the_latest():
    # c-chart: seven quarters of 10 -> centre 10, limits 10 -+ 3.09 * sqrt(10) = 0.23 to 19.77
    series = tuple(fig(10, 10) for _ in range(7)) + (fig(25, 25),)
    limits = control_limits(series, "count")
    assert (limits.centre, round(limits.low, 2), round(limits.high, 2), limits.points) == (10, 0.23, 19.77, 7)
    assert not limits.holds(25)
    # p-chart: 20% pooled over 100 a quarter; the latest of 25: 20 -+ 3.09 * sqrt(.2 * .8 / 25) = 0 to 44.7
    series = tuple(fig(20.0, 20, 100) for _ in range(6)) + (fig(40.0, 10, 25),)
    limits = control_limits(series, "percent")
    assert (round(limits.centre, 1), round(limits.low, 1), round(limits.high, 1)) == (20.0, 0.0, 44.7)
    assert limits.holds(40.0)
    # too few earlier points shown (withheld quarters do not count)
    assert control_limits((fig(None, suppressed=("value",)),) * 4 + (fig(10, 10),) * 4, "count") is None


def test_one_child_on_a_small_base():
    assert per_child(fig(93.8, 15, 16), "percent") == 6.25
    assert per_child(fig(12, 12), "count") is None


def test_funnel_limits_narrow_as_the_area_grows():
    small, large = funnel_limits(20.0, 50, "percent", uncertainty.Z95), funnel_limits(20.0, 5000, "percent", uncertainty.Z95)
    assert small[0] < large[0] < 20.0 < large[1] < small[1]
    # England's 70 per 10,000 in an area of 40,000 children expects 280; Byar's 99.8% limits of 280
    # are 231.1 to 335.7 children, 57.8 to 83.9 per 10,000
    low, high = funnel_limits(70.0, 40_000, "rate_per_10k", uncertainty.Z998)
    assert (round(low, 1), round(high, 1)) == (57.8, 83.9)
