"""A funnel plot of every authority's latest published rate against its child population, with
England's rate and the limits chance alone would give an authority of each size (95% and
99.8%, Byar's method, as OHID's Fingertips draws them). A small authority far from England may be
within chance; a large one a little way off may not. For rates per 10,000 children only: the
population of each authority is imported with the ONS estimates, while the files imported do not
give each authority's denominator for a percentage.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

import duckdb

from cscperf.compare.figure import help_text as _help
from cscperf.compare.scorecard import Card, _plain
from cscperf.compare.uncertainty import Z95, Z998, funnel_limits
from cscperf.indicators import population
from cscperf.reference.figures import ENGLAND, year_figures
from cscperf.reference.measures import measure

STEPS = 40  # points on each limit curve
WITHIN, BEYOND_95, BEYOND_998 = "within the 95% limits", "beyond the 95% limits", "beyond the 99.8% limits"


@dataclass(frozen=True)
class FunnelPoint:
    la: str = field(metadata=_help("The authority's DfE 3-digit code"))
    name: str = field(metadata=_help("Its name"))
    value: float = field(metadata=_help("Its published rate"))
    population: int = field(metadata=_help("Its children aged 0-17 (ONS mid-year estimate before the year's end)"))
    marked: str | None = field(metadata=_help("'This authority', 'Statistical neighbour' or None"))
    beyond: str = field(metadata=_help(
        "Against England's rate for an authority of its size: 'within the 95% limits', 'beyond the 95% "
        "limits' or 'beyond the 99.8% limits'"))


@dataclass(frozen=True)
class Funnel:
    year: int = field(metadata=_help("The year the published rates are for"))
    england: float = field(metadata=_help("England's published rate: the funnel's centre"))
    points: tuple[FunnelPoint, ...] = field(metadata=_help("Every authority with a published rate and a population"))
    limits: tuple[tuple[int, float, float, float, float], ...] = field(metadata=_help(
        "(population, 95% lower, 95% upper, 99.8% lower, 99.8% upper) along the funnel"))

    def to_dict(self) -> dict:
        return _plain(dataclasses.asdict(self))


def _beyond(value: float, centre: float, size: int) -> str:
    outer = funnel_limits(centre, size, "rate_per_10k", Z998)
    inner = funnel_limits(centre, size, "rate_per_10k", Z95)
    if not outer[0] <= value <= outer[1]:
        return BEYOND_998
    return WITHIN if inner[0] <= value <= inner[1] else BEYOND_95


def build(con: duckdb.DuckDBPyConnection, card: Card, la: str) -> Funnel | None:
    """The funnel for the card's published rate; None when it is not a rate or nothing is published."""
    p = card.published
    if card.definition.unit != "rate_per_10k" or p is None or p.unavailable or p.year is None:
        return None
    figures = year_figures(con, measure(p.measure), p.year)
    england = figures.get(ENGLAND)
    if england is None or england.value is None:
        return None
    areas = {code: f for code, f in figures.items() if f.level == "la" and f.value is not None}
    sizes = population.lookup(con, list(areas), [date(p.year, 3, 31)])
    neighbours = {n.la for n in p.neighbours}
    points = tuple(sorted(
        (FunnelPoint(code, f.area_name or code, f.value, sizes[(code, date(p.year, 3, 31))].population,
                     "This authority" if code == la else "Statistical neighbour" if code in neighbours else None,
                     _beyond(f.value, england.value, sizes[(code, date(p.year, 3, 31))].population))
         for code, f in areas.items() if (code, date(p.year, 3, 31)) in sizes),
        key=lambda point: point.population))
    if not points:
        return None
    low, high = points[0].population, points[-1].population
    steps = [round(low * (high / low) ** (i / (STEPS - 1))) for i in range(STEPS)]
    limits = tuple((n, *funnel_limits(england.value, n, "rate_per_10k", Z95),
                    *funnel_limits(england.value, n, "rate_per_10k", Z998)) for n in steps)
    return Funnel(p.year, england.value, points, limits)
