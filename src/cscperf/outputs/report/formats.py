"""How figures are written in the report: one place, so every format writes them alike."""

from __future__ import annotations

from cscperf.compare.figure import Figure, written
from cscperf.compare.scorecard import Definition

UNIT_WORDS = {"count": "Number", "percent": "Per cent", "rate_per_10k": "Rate per 10,000 children",
              "days": "Days (average)", "average": "Average", "median": "Median"}
POLARITY_WORDS = {"higher_better": "Higher is better", "lower_better": "Lower is better",
                  "neutral": "Neither higher nor lower is better"}


def unit_words(unit: str) -> str:
    return UNIT_WORDS.get(unit, unit)


def suffix(d: Definition) -> str:
    return "%" if d.unit == "percent" else ""


def shown(figure: Figure, part: str, d: Definition) -> str:
    """A figure's value, numerator or denominator as text: [c] when withheld, '-' when none."""
    return figure.shown(part, d.decimals, suffix(d) if part == "value" else "")


def number(value: float | int | None, d: Definition, with_suffix: bool = True) -> str:
    """A plain number (a target, a published figure) written as the indicator's values are."""
    return written(value, d.decimals, suffix(d) if with_suffix else "")


HISTORY_MARK = "history incomplete"


def value_with_parts(figure: Figure, d: Definition) -> str:
    """'80.0% (16 of 20)', '26.9 (82 children)', '298'; the reason in words when not computable;
    'history incomplete' after a figure that needs records from before the store's."""
    value = shown(figure, "value", d)
    if figure.value is None and not figure.suppressed and figure.reason:
        return f"- {figure.reason}"
    if figure.note:
        return f"{value} ({figure.note})"
    if d.unit == "percent":
        value = f"{value} ({shown(figure, 'numerator', d)} of {shown(figure, 'denominator', d)})"
    elif d.unit in ("days", "average"):
        value = f"{value} (of {shown(figure, 'denominator', d)})"
    elif d.unit == "median":
        value = f"{value} (median of {shown(figure, 'denominator', d)})"
    elif d.unit == "rate_per_10k":
        value = f"{value} ({shown(figure, 'numerator', d)})"
    return f"{value}, {HISTORY_MARK}" if figure.history else value
