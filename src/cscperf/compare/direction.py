"""Direction of travel: how a figure moved since an earlier period, judged with polarity.

The change is between the values as shown (already rounded, and after small-number suppression,
so a change never reveals a withheld figure). For a percentage the change is in percentage points;
for counts, rates and averages the relative change is also given, as a percentage of the earlier
value. Higher-is-better and lower-is-better indicators are improving or worsening; for a neutral
indicator the direction is only up or down.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal

from cscperf.compare.figure import help_text as _help
from cscperf.compare.figure import number
from cscperf.compare.targets import HIGHER, LOWER


class Movement(str, enum.Enum):
    up = "up"
    down = "down"
    same = "same"


class Judgement(str, enum.Enum):
    improving = "improving"
    worsening = "worsening"
    no_change = "no change"



@dataclass(frozen=True)
class Direction:
    """The movement of a figure since an earlier one."""

    compared_with: str = field(metadata=_help("The earlier period, as written (2024-25:Q3)"))
    earlier: int | float = field(metadata=_help("The earlier value"))
    change: int | float = field(metadata=_help(
        "Value minus the earlier value, in the indicator's unit (percentage points for a percentage)"))
    relative_pct: float | None = field(metadata=_help(
        "The change as a percentage of the earlier value (not for percentages; None when it was 0)"))
    movement: Movement = field(metadata=_help("up, down or same"))
    judgement: Judgement | None = field(metadata=_help(
        "improving, worsening or no change, judged with polarity; None for a neutral indicator"))

    @property
    def label(self) -> str:
        """The movement as an arrow and a word, then the judgement: '▼ Down, improving'. Words
        and symbols, so it never depends on colour."""
        moved = {"up": "▲ Up", "down": "▼ Down", "same": "● No change"}[self.movement.value]
        if self.judgement is None or self.movement is Movement.same:
            return moved
        return f"{moved}, {self.judgement.value}"


def direction(value: float | Decimal | None, earlier: float | Decimal | None, polarity: str,
              unit: str, decimals: int, compared_with: str) -> Direction | None:
    """How `value` moved from `earlier`; None when either is missing (not computable or withheld)."""
    if value is None or earlier is None:
        return None
    now, then = Decimal(str(value)), Decimal(str(earlier))
    change = number(now - then, decimals)
    relative = None
    if unit != "percent" and then != 0:
        relative = float(number((now - then) * 100 / abs(then), 1))
    movement = Movement.up if change > 0 else Movement.down if change < 0 else Movement.same
    judgement = None
    if polarity in (HIGHER, LOWER):
        if movement is Movement.same:
            judgement = Judgement.no_change
        else:
            judgement = Judgement.improving if (movement is Movement.up) == (polarity == HIGHER) \
                else Judgement.worsening
    return Direction(compared_with, number(then), change, relative, movement, judgement)
