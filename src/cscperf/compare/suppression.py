"""Small-number suppression for member-facing outputs, applied once, before any output is made.

Withheld (shown as [c], with a footnote):
1. a count of children or events from 1 to `suppress_below` - 1 (settings; 1 to 4 by default):
   a count indicator's value, a percentage's numerator or denominator, a rate's numerator, an
   average's denominator (zero is shown: it identifies no one);
2. any figure from which such a count could be worked out: a percentage, rate or average whose
   numerator or denominator is withheld (the value times the denominator gives the numerator);
3. in a breakdown, when exactly one group's count is withheld while the total is shown, the
   next smallest group's count too, so the withheld one cannot be found by subtracting the shown
   groups from the total (its value follows by rule 2).
Changes between periods are worked out from the figures after this (see direction.py), so a
change never reveals a withheld figure. `--internal` outputs skip all of this and say so.

Which of a figure's children have data the DfE would reject (`Card.rule_errors`) is about
children, however few: a member-facing scorecard never carries it, in any number, and the
scorecard works it out only when built internal.
"""

from __future__ import annotations

from cscperf.compare.figure import MARK, Figure


def footnote(threshold: int) -> str:
    return (f"{MARK} Not shown to protect children's confidentiality: a number from 1 to {threshold - 1}, "
            "or a figure from which such a number could be worked out.")


INTERNAL_NOTE = ("INTERNAL: small numbers are NOT suppressed. For officers only; "
                 "not for publication or for members' papers.")


def count_parts(unit: str) -> tuple[str, ...]:
    """Which parts of a figure with this unit are counts of children or events."""
    if unit in ("count", "rate_per_10k"):
        return ("numerator",)  # a rate's denominator is the child population
    if unit == "percent":
        return ("numerator", "denominator")
    return ("denominator",)  # days and averages: the numerator is a total of days or scores


def _small(value, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


def _derived(figure: Figure, unit: str) -> Figure:
    """Rule 2, and for a count its value, which is its numerator."""
    if any(figure.withheld(p) for p in count_parts(unit)):
        return figure.withhold("value")
    return figure


def protect(figure: Figure, unit: str, threshold: int) -> Figure:
    """Rules 1 and 2 for one figure."""
    small = [p for p in count_parts(unit) if _small(getattr(figure, p), threshold)]
    if unit == "count" and _small(figure.value, threshold):
        small.append("numerator")
    return _derived(figure.withhold(*small), unit)


def protect_groups(total: Figure, groups: list[Figure], unit: str, threshold: int) -> list[Figure]:
    """Rules 1 to 3 for the groups of one breakdown of `total` (the total protected on its own)."""
    groups = [protect(g, unit, threshold) for g in groups]
    for part in count_parts(unit):
        if total.withheld(part):
            continue
        withheld = [g for g in groups if g.withheld(part)]
        if len(withheld) != 1:
            continue
        shown = [i for i, g in enumerate(groups) if not g.withheld(part) and getattr(g, part)]
        if shown:
            smallest = min(shown, key=lambda i: getattr(groups[i], part))
            groups[smallest] = _derived(groups[smallest].withhold(part), unit)
    return groups
