"""The published comparison an output shows beside an indicator: the latest published figures for
the authority, its statistical neighbours (their mean, and each value), its region and England,
with their year and the authority's quartile. A flat, JSON-friendly view of `benchmarks.Benchmark`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import duckdb

from cscperf.compare.benchmarks import AVERAGE, benchmark
from cscperf.compare.figure import help_text as _help
from cscperf.reference.measures import MeasureError

HOW_TO_GET = ("Published benchmarks are unavailable: none have been imported. Get them with "
              "`cscperf reference download` then `cscperf reference import DIR` "
              "(or `cscperf reference import` a folder such as ../shared/reference).")


@dataclass(frozen=True)
class NeighbourValue:
    """One statistical neighbour's (or any authority's) published figure."""

    la: str = field(metadata=_help("The authority's DfE 3-digit code"))
    name: str = field(metadata=_help("Its name"))
    value: float | None = field(metadata=_help("Its published value; None when suppressed or not published"))
    shown: str = field(metadata=_help("The value as published, or its suppression code (c, x, z, ...)"))


@dataclass(frozen=True)
class Published:
    """The latest published figures for the indicator's matching measure."""

    measure: str = field(metadata=_help("The published measure id (reference/measures.yml)"))
    year: int | None = field(default=None, metadata=_help(
        "The year the published figures are for (the year ending 31 March, as DfE labels it)"))
    period: str | None = field(default=None, metadata=_help("The period as published (2024, 202324)"))
    authority: float | None = field(default=None, metadata=_help("The authority's own published value"))
    authority_shown: str | None = field(default=None, metadata=_help(
        "The authority's published value as text, or its suppression code"))
    authority_note: str | None = field(default=None, metadata=_help(
        "Why it has no value, or whose figure stands for it (a predecessor or joint return)"))
    neighbour_mean: float | None = field(default=None, metadata=_help(
        "Mean of the statistical neighbours' published values (rounded to one more place than shown)"))
    neighbour_count: int = field(default=0, metadata=_help("How many neighbour values the mean used"))
    neighbour_method: str = field(default=AVERAGE, metadata=_help("How the neighbour average is worked out"))
    neighbours: tuple[NeighbourValue, ...] = field(default=(), metadata=_help("Each neighbour's value"))
    region: float | None = field(default=None, metadata=_help("The authority's region's published value"))
    region_name: str | None = field(default=None, metadata=_help("The region's name"))
    england: float | None = field(default=None, metadata=_help("England's published value"))
    rank: int | None = field(default=None, metadata=_help("National rank, 1 the best"))
    ranked_out_of: int | None = field(default=None, metadata=_help("Authorities ranked"))
    quartile: str | None = field(default=None, metadata=_help("Quartile band, A the best quarter to D"))
    decimals: int | None = field(default=None, metadata=_help(
        "The decimal places the figures are published to; this authority's figure is compared with them at "
        "this precision (or its own, if fewer)"))
    source: str | None = field(default=None, metadata=_help("The published file the figures come from"))
    unavailable: str | None = field(default=None, metadata=_help("Why there are no published figures"))

    def places(self, decimals: int) -> int:
        """Decimal places to compare and show the figures at: as published, or the indicator's own
        `decimals` if fewer (or nothing is known of the published precision)."""
        return decimals if self.decimals is None else min(decimals, self.decimals)


def comparable(unit: str) -> bool:
    """Whether a value in this unit can be set beside other areas' published values: a count
    depends on the area's size (and an in-period count on the period's length), so only
    percentages, rates and averages are compared in words and on charts."""
    return unit != "count"


def any_imported(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT count(*) FROM ref.figures").fetchone()[0] > 0


def published(con: duckdb.DuckDBPyConnection, measure_id: str, la: str) -> Published:
    """The latest published figures for `measure_id` and authority `la`."""
    if not any_imported(con):
        return Published(measure_id, unavailable=HOW_TO_GET)
    try:
        found = benchmark(con, measure_id, la)
    except MeasureError as error:
        return Published(measure_id, unavailable=str(error))
    if found.unavailable:
        return Published(measure_id, year=found.year, unavailable=found.unavailable)
    any_figure = found.own or found.england or found.region
    neighbours = tuple(NeighbourValue(n.la, n.name, n.figure.value if n.figure else None,
                                      n.figure.shown() if n.figure else (n.reason or "not published"))
                       for n in found.neighbours)
    mean = found.neighbour_average
    return Published(
        measure_id, year=found.year, period=any_figure.time_period if any_figure else None,
        authority=found.own.value if found.own else None,
        authority_shown=found.own.shown() if found.own else None,
        authority_note=(found.own.label if found.own and found.own.label else found.own_reason),
        neighbour_mean=round(mean, 2) if mean is not None else None, neighbour_count=found.neighbour_average_of,
        neighbours=neighbours, region=found.region.value if found.region else None,
        region_name=found.region.area_name if found.region else None,
        england=found.england.value if found.england else None, rank=found.rank,
        ranked_out_of=found.ranked_out_of, quartile=found.quartile, decimals=found.decimals,
        source=any_figure.release.file_name if any_figure else None)


def position(value, other, decimals: int) -> str | None:
    """Whether `value` is above, below or the same as a published `other`, both rounded half up to
    `decimals` places: a figure the DfE would print as 67 is the same as England's 67, not below.

    >>> position(66.6, 67, 0), position(66.4, 67, 0), position(66.6, 67, 1)
    ('the same as', 'below', 'below')
    """
    if value is None or other is None:
        return None
    ours, theirs = (Decimal(str(v)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
                    for v in (value, other))
    return "above" if ours > theirs else "below" if ours < theirs else "the same as"
