"""Auto-drafted narrative in the register of a committee report, from the scorecard's figures
(already suppressed, so the words never give back a withheld number):

    There were 298 children looked after at the end of Quarter 4 2024-25, up from 287 at the end
    of Quarter 3 2024-25 (3.8%) and 1.7% higher than a year earlier. It is below the statistical
    neighbour average of 71.2 (2024).

Children and episodes are stated separately where both are counted (children who went missing,
and the missing episodes). Nothing is said that the figures do not show: no cause is invented.
"""

from __future__ import annotations

from cscperf.compare.direction import Direction, Movement
from cscperf.compare.figure import MARK
from cscperf.compare.plan import short_label
from cscperf.compare.figure import written
from cscperf.compare.scorecard import Card
from cscperf.indicators.periods import Kind, Period
from cscperf.outputs.report.formats import number, shown, suffix

# (children, episodes): said in one sentence, the children first.
PAIRS = (("cla_missing_children", "cla_missing_episodes"), ("cla_away_children", "cla_away_episodes"))
RATE = {"rate_per_10k": " per 10,000 children", "days": " days"}  # unless the title says so


def noun(title: str) -> str:
    """'Children looked after' -> 'children looked after'; 'UASC looked after' stays."""
    return title[0].lower() + title[1:] if title[1:2].islower() else title


def when(card: Card, period: str) -> str:
    period = Period.parse(period)
    if card.definition.grain == "rolling_12m":  # counted over the 12 months to the period's end
        period = Period(period.end_month, Kind.rolling_12m)
    words = short_label(period)
    return f"at the end of {words}" if card.definition.grain == "snapshot" else f"in {words}"


def _value(card: Card, figure) -> str:
    unit = RATE.get(card.definition.unit, "")
    return shown(figure, "value", card.definition) + ("" if unit.strip() in card.definition.title else unit)


def _change(card: Card, moved: Direction) -> str:
    """'(3.8%)' for counts, rates and averages; '(5.1 percentage points)' for percentages."""
    if card.definition.unit == "percent":
        return f"{abs(moved.change):.{card.definition.decimals}f} percentage points"
    if moved.relative_pct is None:
        return f"{abs(moved.change):,} from none"
    return f"{abs(moved.relative_pct):.1f}%"


def since_previous(card: Card) -> str:
    moved, before = card.since_previous, card.previous
    if moved is None:
        return ""
    if moved.movement is Movement.same:
        return f", the same as {when(card, before.period)}"
    way = "up" if moved.movement is Movement.up else "down"
    return f", {way} from {_value(card, before)} {when(card, before.period)} ({_change(card, moved)})"


def since_last_year(card: Card) -> str:
    moved = card.since_last_year
    if moved is None:
        return ""
    if moved.movement is Movement.same:
        return " and the same as a year earlier"
    way = "higher" if moved.movement is Movement.up else "lower"
    return f" and {_change(card, moved)} {way} than a year earlier"


def _comparison(card: Card) -> str:
    """Above, below or the same as the neighbours and England, as the scorecard judged it at the
    published precision, with the published values as published."""
    p, d = card.published, card.definition
    said = [f"{position} {name} {written(other, p.places(d.decimals), suffix(d))}" for position, name, other in (
        (card.against_neighbours, "the statistical-neighbour average of", p and p.neighbour_mean),
        (card.against_england, "England's", p and p.england)) if position]
    return f" It is {' and '.join(said)} ({p.year})." if said else ""


def _target(card: Card) -> str:
    if card.rag is None:
        return ""
    target = number(card.target, card.definition)
    return {"green": f" It meets the target of {target}.",
            "amber": f" It is close to the target of {target}, within the agreed tolerance.",
            "red": f" It does not meet the target of {target}."}[card.rag]


def sentence(card: Card) -> str:
    """One indicator in a committee report's words."""
    d, now = card.definition, card.current
    period = when(card, now.period)
    if now.value is None:
        if now.suppressed:
            return f"{d.title} {period}: not shown because the numbers are small {MARK}."
        return f"{d.title} {period}: no figure. {now.reason}"
    if now.note:  # a published figure: the year it was published for, no parts
        opening = f"{d.title} was {_value(card, now)} ({now.note})"
    elif d.unit == "count":
        opening = f"There were {_value(card, now)} {noun(d.title)} {period}"
    elif d.unit == "percent":
        opening = (f"{d.title} was {_value(card, now)} {period} ({shown(now, 'numerator', d)} of "
                   f"{shown(now, 'denominator', d)})")
    else:
        opening = f"{d.title} was {_value(card, now)} {period}"
    if now.history:  # stated, not scored: no comparison over time, with benchmarks or a target
        why = now.history.removeprefix("history incomplete: ")
        return f"{opening}. Its history is incomplete, so it is not rated or compared: {why}."
    return opening + since_previous(card) + since_last_year(card) + "." + _comparison(card) + _target(card)


def _episodes(card: Card) -> str:
    d, now = card.definition, card.current
    if now.value is None:
        return f" The number of episodes is not shown {MARK}." if now.suppressed else ""
    return f" Between them there were {_value(card, now)} episodes ({noun(d.title)}){since_previous(card)}."


def paragraphs(cards: list[Card]) -> list[str]:
    """The narrative for one section: a paragraph per indicator, episodes beside their children."""
    by_id = {c.definition.id: c for c in cards}
    episodes = {e: c for c, e in PAIRS if c in by_id and e in by_id}
    said = []
    for card in cards:
        id = card.definition.id
        if id in episodes:
            continue
        text = sentence(card)
        partner = next((e for c, e in PAIRS if c == id and e in by_id), None)
        if partner:
            text += _episodes(by_id[partner])
        said.append(text)
    return said
