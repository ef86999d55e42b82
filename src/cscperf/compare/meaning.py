"""What a figure means, in one plain sentence, and the pack's summary lists: said from the
scorecard's figures as shown (already suppressed) and their assessment (`pack.assess`), so the
words never give back a withheld number and never call noise a change.

    It meets the target of 85.0%, is significantly better than England and similar councils, and
    is within normal variation on a year earlier. With numbers this small, 1 child is 6.3
    percentage points.
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


def _benchmarks(a: Assessment) -> list[str]:
    """'is significantly better than England and similar councils', or one clause per standing."""
    by_standing: dict[str, list[str]] = {}
    for name, standing in (("England", a.england), ("similar councils", a.neighbours)):
        if standing:
            by_standing.setdefault(standing, []).append(name)
    return [f"is in line with {' and '.join(names)}" if standing == SIMILAR else
            f"is {standing} than {' and '.join(names)}" for standing, names in by_standing.items()]


def _level(card: Card) -> list[str]:
    """Without an interval (an average), only above or below the published figures, as the
    scorecard judged them at the published precision: never 'significantly'."""
    p, d = card.published, card.definition
    said = [f"{position} {name} ({written(other, p.places(d.decimals))})" for name, other, position in (
        ("England", p and p.england, card.against_england),
        ("similar councils", p and p.neighbour_mean, card.against_neighbours)) if position]
    return [f"is {' and '.join(said)}"] if said else []


def _join(clauses: list[str]) -> str:
    if len(clauses) == 1:
        return f"It {clauses[0]}."
    return f"It {', '.join(clauses[:-1])}{',' if len(clauses) > 2 else ''} and {clauses[-1]}."


def sentence(card: Card, a: Assessment) -> str:
    """One plain sentence (two on a small base) on what the figure means."""
    now = card.current
    if now.value is None:
        return WITHHELD if now.suppressed else (words.reason(now.reason) or "No figure for this period.")
    if now.history:
        why = now.history.removeprefix("history incomplete: ")
        return f"It is not rated or compared: its history is incomplete ({why})."
    clauses = ([_target(card)] if card.rag else []) + (_benchmarks(a) if a.interval else _level(card))
    if a.change == NORMAL:
        clauses.append("is within normal variation on a year earlier")
    elif a.change in CHANGES:
        clauses.append(f"shows {CHANGES[a.change]}")
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
        if card.current.value is None or card.current.history or d.polarity not in ("higher_better", "lower_better"):
            continue
        said = f"{d.title}: {value(card)}. {sentence(card, a)}"
        bad = card.rag in ("red", "amber") or a.worse_than_published or a.change == WORSENED
        good = card.rag == "green" or BETTER in (a.england, a.neighbours) or a.change == IMPROVED
        if bad:
            improve.append(said)
        elif good:
            well.append(said)
    return well, improve
