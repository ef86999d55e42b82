"""What the dashboard computes, kept in memory until the data change.

A scorecard or an indicator's detail is computed once per (authority, period, view) and kept; a
new load, a reference import, or an edit to the targets or commentary file changes the version
and empties the store of results. Twenty people opening the same scorecard at once cause one
computation: the others wait for it. Members' and administrators' views are built suppressed;
analysts' are not (they may choose the members' view to check what members see).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import duckdb

from cscperf.compare import analyst_files, detail, funnel, scorecard
from cscperf.compare.scorecard import Card, Scorecard
from cscperf.indicators.periods import Period
from cscperf.outputs.report import charts as charting
from cscperf.outputs.report.charts import Chart
from cscperf.store.schema import TABLES

_VERSION = """SELECT (SELECT max(load_id) FROM meta.loads), (SELECT count(*) FROM meta.loads),
                     (SELECT max(release_id) FROM ref.releases), (SELECT count(*) FROM ref.releases)"""
_YEARS = ("SELECT la, collection_year, count(*) FROM ("
          + " UNION ALL ".join(f"SELECT la, collection_year FROM {t.name}" for t in TABLES)
          + ") WHERE la IS NOT NULL AND collection_year IS NOT NULL GROUP BY ALL ORDER BY la, collection_year")


class Results:
    def __init__(self, store_path: Path, kept: int):
        """`kept`: how many results are kept (scorecards, indicator views, pages); the least
        recently used go first."""
        self.store_path = Path(store_path)
        self.kept = kept
        self._lock = threading.Lock()
        self._version: tuple | None = None
        self._found: OrderedDict[tuple, object] = OrderedDict()
        self._computing: dict[tuple, threading.Lock] = {}

    def version(self, con: duckdb.DuckDBPyConnection) -> tuple:
        def changed(path: Path):
            return path.stat().st_mtime_ns if path.exists() else None
        files = tuple(changed(k.path(self.store_path)) for k in analyst_files.KINDS.values())
        return (*con.execute(_VERSION).fetchone(), *files)

    def at(self, con: duckdb.DuckDBPyConnection) -> Snapshot:
        """The results as of now, for one request: the version is read once."""
        return Snapshot(self, con, self.version(con))

    def get(self, con: duckdb.DuckDBPyConnection, key: tuple, compute: Callable[[], object],
            version: tuple | None = None):
        """The result for `key`, computed by `compute` if it is not kept for the store's version."""
        version = version if version is not None else self.version(con)
        with self._lock:
            if version != self._version:
                self._found.clear()
                self._version = version
            if key in self._found:
                self._found.move_to_end(key)
                return self._found[key]
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:  # one computation per key; the others wait and then find it
            with self._lock:
                if key in self._found:
                    return self._found[key]
            try:
                value = compute()
            except BaseException:
                with self._lock:
                    self._computing.pop(key, None)
                raise
            with self._lock:
                if self._version == version:
                    self._found[key] = value
                    while len(self._found) > self.kept:
                        self._found.popitem(last=False)
                self._computing.pop(key, None)
        return value


@dataclass(frozen=True)
class Snapshot:
    results: Results
    con: duckdb.DuckDBPyConnection
    version: tuple

    def get(self, key: tuple, compute: Callable[[], object]):
        return self.results.get(self.con, key, compute, self.version)


@dataclass(frozen=True)
class Choices:
    """The authorities in the store, each with the collection years it has data for."""

    years: dict[str, tuple[int, ...]]  # la -> its main collection years, oldest first
    names: dict[str, str]  # la -> its name (its code when reference data are not imported)

    @property
    def authorities(self) -> list[str]:
        return list(self.years)

    def periods(self, la: str) -> list[Period]:
        """Financial years and quarters of the authority's main collection years, newest first."""
        found = []
        for year in reversed(self.years.get(la, ())):
            found.append(Period.year(year - 1))
            found += [Period.quarter(year - 1, q) for q in (4, 3, 2, 1)]
        return found

    def default_period(self, la: str) -> Period | None:
        """The last quarter of the latest main collection year: the period of the latest return."""
        periods = self.periods(la)
        return periods[1] if periods else None


MAIN = 0.5  # a collection year with at least half the rows of the authority's busiest is a main one:
# a few records dated after the latest return (a plan's planned end) do not make a year of their own


def choices(at: Snapshot) -> Choices:
    con = at.con

    def compute():
        from cscperf.reference import authorities

        rows: dict[str, dict[int, int]] = {}
        for la, year, count in con.execute(_YEARS).fetchall():
            rows.setdefault(la, {})[year] = count
        years = {la: tuple(y for y, n in counts.items() if n >= MAIN * max(counts.values()))
                 for la, counts in rows.items()}
        return Choices(years, {la: authorities.authority(con, la).name for la in years})
    return at.get(("choices",), compute)


def card_scorecard(at: Snapshot, la: str, period: Period, internal: bool) -> Scorecard:
    def compute():
        db = at.results.store_path
        return scorecard.build(at.con, period, la, internal=internal,
                               targets=analyst_files.TARGETS.read(db),
                               commentary=analyst_files.COMMENTARY.read(db))
    return at.get(("scorecard", la, str(period), internal), compute)


@dataclass
class Shown:
    """A chart and, once asked for, its SVG (drawn once, then kept with the result)."""

    chart: Chart

    @cached_property
    def svg(self) -> str:
        return self.chart.svg()


@dataclass(frozen=True)
class IndicatorView:
    detail: detail.Detail
    charts: dict[str, list[Shown]]  # series, breakdowns, comparison: each chart in page order

    def chart(self, id: str) -> Chart | None:
        return next((s.chart for group in self.charts.values() for s in group if s.chart.id == id), None)


def indicator(at: Snapshot, la: str, period: Period, card: Card, la_name: str, internal: bool) -> IndicatorView:
    def compute():
        found = detail.build(at.con, card, la, internal)
        d = card.definition
        series = [charting.line_chart(card, getattr(found, name), every,
                                      f"{d.title}: {words}", f"chart-{d.id}-{name}", region=True)
                  for name, every, words in (("months", "month", f"the last {detail.MONTHS} months"),
                                             ("quarters", "quarter", f"the last {detail.QUARTERS} quarters"),
                                             ("years", "year", f"the last {detail.YEARS} years"))]
        splits = [charting.breakdown_chart(card, b.id, b.groups)
                  for b in found.breakdowns]
        spread = funnel.build(at.con, card, la)
        comparison = [c for c in (charting.neighbours_chart(card, la_name),
                                  charting.ranking_chart(card, la_name, found.authorities),
                                  charting.funnel_chart(card, spread, la_name) if spread else None) if c]
        return IndicatorView(found, {"series": [Shown(c) for c in series],
                                     "breakdowns": [Shown(c) for c in splits],
                                     "comparison": [Shown(c) for c in comparison]})
    return at.get(("indicator", la, str(period), card.definition.id, internal), compute)
