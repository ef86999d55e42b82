"""Direction of travel with both polarities and neutral, hand-worked."""

import pytest

from cscperf.compare.direction import Judgement, Movement, direction

H, L, N = "higher_better", "lower_better", "neutral"


@pytest.mark.parametrize("value, earlier, polarity, unit, decimals, change, relative, movement, judgement", [
    # 298 children looked after, up from 287: +11, 11/287 = 3.83% -> 3.8
    (298, 287, N, "count", 0, 11, 3.8, Movement.up, None),
    (287, 298, N, "count", 0, -11, -3.7, Movement.down, None),
    # percentage points for a percentage, no relative change
    (85.2, 80.1, H, "percent", 1, 5.1, None, Movement.up, Judgement.improving),
    (80.1, 85.2, H, "percent", 1, -5.1, None, Movement.down, Judgement.worsening),
    (12.5, 10.0, L, "percent", 1, 2.5, None, Movement.up, Judgement.worsening),
    (10.0, 12.5, L, "percent", 1, -2.5, None, Movement.down, Judgement.improving),
    (10.0, 10.0, L, "percent", 1, 0.0, None, Movement.same, Judgement.no_change),
    (10.0, 10.0, N, "percent", 1, 0.0, None, Movement.same, None),
    # days: lower is better, 410 from 400 is +10 (2.5%)
    (410, 400, L, "days", 0, 10, 2.5, Movement.up, Judgement.worsening),
    # a rate: 67.5 from 64.0 is +3.5 (5.46875% -> 5.5)
    (67.5, 64.0, N, "rate_per_10k", 1, 3.5, 5.5, Movement.up, None),
    # from zero there is no relative change
    (3, 0, L, "count", 0, 3, None, Movement.up, Judgement.worsening),
])
def test_direction(value, earlier, polarity, unit, decimals, change, relative, movement, judgement):
    moved = direction(value, earlier, polarity, unit, decimals, "2024-25:Q3")
    assert (moved.change, moved.relative_pct, moved.movement, moved.judgement) == (change, relative, movement, judgement)
    assert moved.compared_with == "2024-25:Q3" and moved.earlier == earlier


def test_no_direction_without_both_values():
    assert direction(None, 5, H, "count", 0, "x") is None
    assert direction(5, None, H, "count", 0, "x") is None


def test_labels_are_words_and_symbols():
    assert direction(2, 1, H, "count", 0, "x").label == "▲ Up, improving"
    assert direction(2, 1, L, "count", 0, "x").label == "▲ Up, worsening"
    assert direction(1, 2, L, "count", 0, "x").label == "▼ Down, improving"
    assert direction(1, 1, L, "count", 0, "x").label == "● No change"
    assert direction(2, 1, N, "count", 0, "x").label == "▲ Up"
    assert direction(1, 2, N, "count", 0, "x").label == "▼ Down"
