"""Figures taken from the published files, not counted: an indicator marked `published_only`
(social worker turnover, foster carers, the education of children looked after) shows the
authority's own published value of its `benchmark` measure, as `cscperf reference import` read it.

For a period, the figure is the one published for the latest year ending on or before the
period's last day, and says which year that is. When there is none, the reason tells apart a
file that has not been imported (and how to get it) from a figure not published for this
authority.
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from decimal import ROUND_HALF_UP, Decimal
from pathlib import PurePosixPath

import duckdb

from cscperf.indicators.periods import Period
from cscperf.indicators.schema import Indicator
from cscperf.reference import download, ees
from cscperf.reference.figures import Figure, year_figures, years
from cscperf.reference.measures import EesSource, Measure, OfstedSource, measure


def _listed(source, listed) -> download.SourceFile | None:
    """The entry of sources.yml for the file a source's figures are in."""
    if isinstance(source, EesSource):
        return next((f for f in listed if ees.dataset_name(PurePosixPath(f.path)) == source.ees), None)
    folder = "ofsted/" if isinstance(source, OfstedSource) else "lait/"
    return next((f for f in listed if f.path.startswith(folder)), None)


@cache
def _listed_files() -> tuple[download.SourceFile, ...]:
    return tuple(download.load_sources().files)


def where_to_get(wanted: Measure) -> str:
    """Which files hold the measure and where they are published, in words."""
    listed = _listed_files()
    places = []
    for source in wanted.sources:
        found = _listed(source, listed)
        if found is None:
            places.append(source.describe())
        elif found.ees:
            places.append(f"{found.path} from the Explore Education Statistics publication '{found.ees.publication}'")
        else:
            places.append(f"{found.path} from {found.page or found.url}")
    return " or ".join(places)


def not_imported(wanted: Measure) -> str:
    return (f"not imported: get {where_to_get(wanted)} (`cscperf reference download` fetches what it "
            "can), then run `cscperf reference import` on the folder")


class Published:
    """One published measure's figures for the authorities asked about, year by year."""

    def __init__(self, con: duckdb.DuckDBPyConnection, indicator: Indicator):
        self.con, self.indicator = con, indicator
        self.measure = measure(indicator.benchmark)
        self.years = years(con, self.measure)
        self.figures: dict[tuple[int, str], Figure | None] = {}  # (year, authority) -> its figure

    def year_for(self, period: Period) -> int | None:
        """The latest published year ending on or before the period's last day."""
        return max((y for y in self.years if self.measure.year_ends(y) <= period.end), default=None)

    def result(self, period: Period, la: str):
        from cscperf.indicators.engine import Result

        def result(value, reason=None, year=None) -> Result:
            end = self.measure.year_ends(year) if year else period.end
            start = end.replace(year=end.year - 1) + timedelta(days=1) if year else period.start
            note = f"published figure for {self.measure.year_words(year)}" if year else None
            return Result(self.indicator.id, str(period), start, end, la, None, None, None, None, value,
                          self.indicator.unit.value, self.indicator.polarity.value, reason, note)

        if not self.years:
            return result(None, not_imported(self.measure))
        year = self.year_for(period)
        if year is None:
            return result(None, f"nothing published for a year ending by {period.end_label}")
        if (year, la) not in self.figures:
            self.figures[(year, la)] = year_figures(self.con, self.measure, year, area=la).get(la)
        figure = self.figures[(year, la)]
        if figure is None:
            return result(None, f"not published for this authority for {self.measure.year_words(year)}", year)
        if figure.value is None:
            return result(None, f"not published for this authority for {self.measure.year_words(year)}: "
                                f"'{figure.code}' ({figure.code_meaning})", year)
        places = Decimal(1).scaleb(-self.indicator.decimals)
        value = Decimal(str(figure.value)).quantize(places, rounding=ROUND_HALF_UP)
        return result(int(value) if self.indicator.decimals == 0 else value, year=year)


def results(con: duckdb.DuckDBPyConnection, indicator: Indicator, periods: list[Period], las: list[str]) -> list:
    """The indicator's published figure for each authority and period."""
    figures = Published(con, indicator)
    return [figures.result(period, la) for la in las for period in periods]
