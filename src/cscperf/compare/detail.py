"""One indicator in depth, for the dashboard's indicator page: its scorecard card, its figures
month by month, quarter by quarter and year by year, every breakdown it supports, and the latest
published figure of every authority beside its own and its statistical neighbours'.

Figures come from the indicator engine and are protected by the scorecard's own `Computed`, so
they are suppressed exactly as the scorecard is (not at all when `internal`). Published figures
are DfE's, with DfE's own suppression codes. `Detail.to_dict()` is the page's JSON form.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import duckdb

from cscperf import settings
from cscperf.compare.figure import Figure
from cscperf.compare.figure import help_text as _help
from cscperf.compare.published import NeighbourValue, comparable
from cscperf.compare.scorecard import Breakdown, Card, Computed, Split, _plain, split_series
from cscperf.indicators.periods import Kind, Period

MONTHS, QUARTERS, YEARS = 24, 12, 5


@dataclass(frozen=True)
class AreaValue(NeighbourValue):
    """One authority's published figure for the year compared."""

    marked: str | None = field(default=None, metadata=_help("'This authority' or 'Statistical neighbour'"))


@dataclass(frozen=True)
class Detail:
    """Everything the indicator page shows."""

    card: Card = field(metadata=_help("The indicator's scorecard card for the period"))
    months: tuple[Figure, ...] = field(metadata=_help(f"The {MONTHS} months to the period's end, oldest first "
                                                      "(12 months ending each, for a 12-month indicator)"))
    quarters: tuple[Figure, ...] = field(metadata=_help(f"The {QUARTERS} financial quarters to the period's end"))
    years: tuple[Figure, ...] = field(metadata=_help(f"The {YEARS} financial years to the period's end"))
    breakdowns: tuple[Breakdown, ...] = field(metadata=_help("Every breakdown the indicator supports, for the period"))
    authorities: tuple[AreaValue, ...] = field(metadata=_help(
        "Every authority's published figure for the latest published year, lowest first; empty for "
        "counts (they depend on an area's size) or when none are published"))
    split: Split | None = field(default=None, metadata=_help(
        f"The {MONTHS} months split by the breakdown asked for, when one is"))

    def to_dict(self) -> dict:
        return _plain(dataclasses.asdict(self))


def _kind_for(months: int, min_months: int | None, kind: Kind) -> Kind:
    """A period too short for the indicator is shown as the 12 months ending on its last day."""
    return Kind.rolling_12m if min_months and min_months > months else kind


def periods(card: Card) -> dict[str, list[Period]]:
    """The periods of each series for the card's period."""
    end = Period.parse(card.current.period)
    least = card.definition.min_months
    month = _kind_for(1, least, Kind.month)
    quarter = _kind_for(3, least, Kind.quarter)
    last_march = end.end_month - (end.end_month % 12 + 1 - 3) % 12
    return {
        "months": [Period(m.end_month, month) for m in end.months_back(MONTHS)],
        "quarters": [Period(q.end_month, quarter) for q in end.quarters_back(QUARTERS)],
        "years": Period(last_march, Kind.year).series(YEARS),
    }


def build(con: duckdb.DuckDBPyConnection, card: Card, la: str, internal: bool, registry=None,
          split: str | None = None) -> Detail:
    """The detail behind `card` (from a scorecard for `la`, built `internal` or not), with its
    months split by the breakdown `split` when given."""
    from cscperf.indicators import engine

    d = card.definition
    series = periods(card)
    every = sorted({p for found in series.values() for p in found})
    results = engine.compute(con, [d.id], every, la, registry=registry)
    current = Period.parse(card.current.period)
    for breakdown in d.breakdowns:
        results += engine.compute(con, [d.id], [current], la, breakdown, registry=registry)
    if split is not None:
        if split not in d.breakdowns:
            raise ValueError(f"{d.id} has no breakdown {split}")
        results += engine.compute(con, [d.id], series["months"], la, split, registry=registry)
    computed = Computed(results, {d.id: d}, internal, int(settings.get("suppress_below")))
    total = computed.get(d.id, current)
    splits = tuple(Breakdown(b, groups) for b in d.breakdowns
                   if (groups := computed.groups(d.id, current, b, total)))
    return Detail(card, *(tuple(computed.get(d.id, p) for p in series[name])
                          for name in ("months", "quarters", "years")),
                  splits, authorities(con, card, la),
                  split_series(computed, d.id, series["months"], split) if split else None)


def authorities(con: duckdb.DuckDBPyConnection, card: Card, la: str) -> tuple[AreaValue, ...]:
    from cscperf.reference.figures import year_figures
    from cscperf.reference.measures import measure

    p = card.published
    if p is None or p.unavailable or p.year is None or not comparable(card.definition.unit):
        return ()
    neighbours = {n.la for n in p.neighbours}
    found = [AreaValue(f.area_code, f.area_name or f.area_code, f.value, f.shown(),
                       "This authority" if f.area_code == la else
                       "Statistical neighbour" if f.area_code in neighbours else None)
             for f in year_figures(con, measure(p.measure), p.year).values() if f.level == "la"]
    return tuple(sorted(found, key=lambda a: (a.value is None, a.value or 0, a.name)))
