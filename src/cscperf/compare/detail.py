"""One indicator in depth, for the dashboard's indicator page: its scorecard card, its figures
month by month, quarter by quarter and year by year, every breakdown it supports, and the latest
published figure of every authority beside its own and its statistical neighbours'.

Figures come from the same `shown.Shown` as the scorecard's, so members see them protected as one
release with everything else shown for the period (analysts' internal view: unprotected). Published figures
are DfE's, with DfE's own suppression codes. `Detail.to_dict()` is the page's JSON form.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import duckdb

from cscperf.compare.figure import Figure
from cscperf.compare.figure import help_text as _help
from cscperf.compare.published import NeighbourValue, comparable
from cscperf.compare.plan import MONTHS, QUARTERS, YEARS, over_time
from cscperf.compare.scorecard import Breakdown, Card, Split, _plain, split_series
from cscperf.compare.shown import Shown
from cscperf.indicators.periods import Period


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


def build(con: duckdb.DuckDBPyConnection, card: Card, la: str, shown: Shown, split: str | None = None,
          split_from: Shown | None = None) -> Detail:
    """The detail behind `card`, from the figures shown for its scorecard (`shown`), with its
    months split by the breakdown `split` when given (its groups from `split_from` when they are
    not among the scorecard's: an analyst's split worked out on asking)."""
    d = card.definition
    current = Period.parse(card.current.period)
    series = over_time(current, d.min_months)
    splits = tuple(Breakdown(b, groups) for b in d.breakdowns if (groups := shown.groups(d.id, current, b)))
    return Detail(card, *(tuple(shown.get(d.id, p) for p in series[name]) for name in ("months", "quarters", "years")),
                  splits, authorities(con, card, la),
                  split_series(shown, d.id, series["months"], split, split_from) if split else None)


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
