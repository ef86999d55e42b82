"""What a figure means, in one plain sentence, and the pack's summary lists: said from the
scorecard's figures as shown (already suppressed) and their assessment (`pack.assess`), so the
words never give back a withheld number and never call noise a change.

    Meets the target of 85.0%, is significantly better than England and is within normal
    variation on a year earlier. With numbers this small, 1 child is 6.3 percentage points.
"""

from __future__ import annotations

from cscperf.compare import words
from cscperf.compare.figure import MARK, written
from cscperf.compare.pack import BETTER, CHANGES, IMPROVED, NORMAL, SIMILAR, WORSENED, Assessment
from cscperf.compare.scorecard import Card, Scorecard

WITHHELD = f"Not shown {MARK}: the numbers are small enough that a child could be identified."
TARGET = {"green": "meets the target of {}", "amber": "is close to the target of {}",
          "red": "does not meet the target of {}"}


def value(card: Card) -> str:
    d = card.definition
    return card.current.shown("value", d.decimals, "%" if d.unit == "percent" else "")


def _target(card: Card) -> str:
    d = card.definition
    return TARGET[card.rag].format(written(card.target, d.decimals, "%" if d.unit == "percent" else ""))


def _benchmarks(a: Assessment) -> str | None:
    said = {name: standing for name, standing in (("England", a.england), ("similar councils", a.neighbours))
            if standing}
    if not said:
        return None
    if set(said.values()) == {SIMILAR}:
        return f"is in line with {' and '.join(said)} (no significant difference)"
    return " and ".join(f"is {standing} than {name}" if standing != SIMILAR else f"in line with {name}"
                        for name, standing in said.items())


def _join(clauses: list[str]) -> str:
    text = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]
    return text[0].upper() + text[1:] + "."


def sentence(card: Card, a: Assessment) -> str:
    """One plain sentence (two on a small base) on what the figure means."""
    now = card.current
    if now.value is None:
        return WITHHELD if now.suppressed else (words.reason(now.reason) or "No figure for this period.")
    clauses = [c for c in (_target(card) if card.rag else None, _benchmarks(a)) if c]
    if a.change == NORMAL:
        clauses.append("is within normal variation on a year earlier")
    elif a.change in CHANGES:
        clauses.append(f"is {CHANGES[a.change]}")
    if a.outside_limits:
        clauses.append("is outside the range of the last two years")
    said = _join(clauses) if clauses else "No target is set and it cannot be compared with published figures."
    if a.per_child is not None:
        said += f" With numbers this small, 1 child is {a.per_child:.1f} percentage points."
    return said


def summary(scorecard: Scorecard, assessed: dict[str, Assessment]) -> tuple[list[str], list[str]]:
    """(what has gone well, what needs to improve), most important first. Only indicators where one
    way is better, with a figure shown. Anything off target, significantly worse than England or
    similar councils, or significantly worse than a year earlier needs to improve; the rest went
    well when they meet their target, are significantly better, or really improved."""
    well, improve = [], []
    ranked = sorted(scorecard.cards, key=lambda c: -assessed[c.definition.id].importance)
    for card in ranked:
        d, a = card.definition, assessed[card.definition.id]
        if card.current.value is None or d.polarity not in ("higher_better", "lower_better"):
            continue
        said = f"{d.title}: {value(card)}. {sentence(card, a)}"
        bad = card.rag in ("red", "amber") or a.worse_than_published or a.change == WORSENED
        good = card.rag == "green" or BETTER in (a.england, a.neighbours) or a.change == IMPROVED
        if bad:
            improve.append(said)
        elif good:
            well.append(said)
    return well, improve
