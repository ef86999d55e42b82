"""Small-number suppression: small counts and every figure they could be worked out from."""

import pytest

from cscperf.compare.figure import Figure
from cscperf.compare.suppression import protect, protect_groups


def fig(value, numerator=None, denominator=None, group=None):
    return Figure("2024-25:Q4", "Q4", "2025-01-01", "2025-03-31", value, numerator, denominator, group=group)


@pytest.mark.parametrize("unit, figure, withheld", [
    ("count", fig(0, 0), ()),                      # zero identifies no one
    ("count", fig(1, 1), ("value", "numerator")),
    ("count", fig(4, 4), ("value", "numerator")),
    ("count", fig(5, 5), ()),
    # a percentage whose numerator is small: the value would give it back (value x denominator)
    ("percent", fig(7.5, 3, 40), ("value", "numerator")),
    # a small denominator: the percentage and the denominator
    ("percent", fig(50.0, 2, 4), ("value", "numerator", "denominator")),
    ("percent", fig(0.0, 0, 3), ("value", "denominator")),
    ("percent", fig(92.5, 37, 40), ()),
    # a rate: its numerator is a count; its denominator is the child population
    ("rate_per_10k", fig(0.7, 3, 44000), ("value", "numerator")),
    ("rate_per_10k", fig(67.5, 298, 44148), ()),
    # an average over 3 children: the average and the number of children
    ("days", fig(412, 1236, 3), ("value", "denominator")),
    ("days", fig(412, 2060, 5), ()),
])
def test_protect(unit, figure, withheld):
    protected = protect(figure, unit, 5)
    assert protected.suppressed == withheld
    assert all(getattr(protected, part) is None for part in withheld)


def test_threshold_comes_from_the_caller():
    assert protect(fig(6, 6), "count", 10).suppressed == ("value", "numerator")
    assert protect(fig(6, 6), "count", 5).suppressed == ()


def test_a_lone_small_group_takes_the_next_smallest_with_it():
    # 40 in total: 3 + 10 + 27. Showing 10 and 27 beside 40 would give back the 3.
    total = fig(40, 40)
    groups = protect_groups(total, [fig(3, 3, group="a"), fig(10, 10, group="b"), fig(27, 27, group="c")], "count", 5)
    assert [g.suppressed for g in groups] == [("value", "numerator"), ("value", "numerator"), ()]


def test_two_small_groups_protect_each_other():
    groups = protect_groups(fig(40, 40), [fig(3, 3), fig(2, 2), fig(35, 35)], "count", 5)
    assert [bool(g.suppressed) for g in groups] == [True, True, False]


def test_zero_groups_are_not_used_for_secondary_suppression():
    groups = protect_groups(fig(30, 30), [fig(3, 3), fig(0, 0), fig(27, 27)], "count", 5)
    assert [bool(g.suppressed) for g in groups] == [True, False, True]


def test_percent_groups_protect_numerators_and_denominators():
    # care leavers in touch by sex: 2 of 3 and 30 of 40 (total 32 of 43). The first group's
    # numerator and denominator are small, so the second's are withheld too, and both values.
    total = protect(fig(74.4, 32, 43), "percent", 5)
    groups = protect_groups(total, [fig(66.7, 2, 3), fig(75.0, 30, 40)], "percent", 5)
    assert [g.suppressed for g in groups] == [("value", "numerator", "denominator")] * 2


def test_no_secondary_suppression_when_the_total_is_itself_withheld():
    total = protect(fig(4, 4), "count", 5)
    groups = protect_groups(total, [fig(3, 3), fig(1, 1)], "count", 5)
    assert all(g.suppressed for g in groups)


def test_shown_marks_withheld_parts():
    protected = protect(fig(7.5, 3, 40), "percent", 5)
    assert (protected.shown("value", 1, "%"), protected.shown("numerator"), protected.shown("denominator")) == ("[c]", "[c]", "40")
    assert fig(None).shown("value") == "-"
    assert fig(1234, 1234).shown("value") == "1,234"
