"""What the dashboard computes, kept in memory until the data change.

A scorecard or an indicator's detail is computed once per (authority, period, view) and kept; a
new load, a reference import, or an edit to the targets or commentary file changes the version
and empties the store of results. Twenty people opening the same scorecard at once cause one
computation: the others wait for it. The figures behind a period's scorecard and indicator pages
are computed once and protected together. Members' and administrators' views are built suppressed;
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

from cscperf.compare import analyst_files, detail, funnel, prepared
from cscperf.compare.coverage import Coverage, coverage
from cscperf.compare.plan import over_time
from cscperf.compare.scorecard import Card, Scorecard
from cscperf.compare.shown import SPLITS, Computed, Shown, asked_split
from cscperf.indicators.periods import Period
from cscperf.indicators.registry import default
from cscperf.outputs.report import charts as charting
from cscperf.outputs.report.charts import Chart

_VERSION = """SELECT (SELECT max(load_id) FROM meta.loads), (SELECT count(*) FROM meta.loads),
                     (SELECT max(release_id) FROM ref.releases), (SELECT count(*) FROM ref.releases)"""


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
    """The authorities in the store, each with the months its records cover."""

    covered: dict[str, Coverage]  # la -> the months its records cover
    names: dict[str, str]  # la -> its name (its code when reference data are not imported)

    @property
    def authorities(self) -> list[str]:
        return list(self.covered)

    def periods(self, la: str, latest_only: bool = False) -> list[tuple[str, list[Period]]]:
        """Every period the authority's records cover, by financial year, newest first; only the
        latest (`default_period`) when `latest_only`."""
        found = self.covered[la].periods() if la in self.covered else []
        if latest_only:
            latest = self.default_period(la)
            found = [(year, [p for p in periods if p == latest]) for year, periods in found]
        return [(year, periods) for year, periods in found if periods]

    def offers(self, la: str, period: Period, latest_only: bool) -> bool:
        """Whether `period` may be chosen: any, or only the latest when `latest_only`."""
        return not latest_only or period == self.default_period(la)

    def default_period(self, la: str) -> Period | None:
        """The last quarter of the latest return."""
        return self.covered[la].latest if la in self.covered else None


def choices(at: Snapshot) -> Choices:
    def compute():
        from cscperf.reference import authorities

        covered = coverage(at.con)
        return Choices(covered, {la: authorities.authority(at.con, la).name for la in covered})
    return at.get(("choices",), compute)


def figures(at: Snapshot, la: str, period: Period, internal: bool) -> Shown:
    """Every figure shown for the authority and period: one release for members' pages. The
    engine's results behind them are computed once for members' and analysts' views."""
    def compute():
        return at.get(("computed", la, str(period)), lambda: Computed.of(at.con, period, la)).shown(internal)
    return at.get(("figures", la, str(period), internal), compute)


def card_scorecard(at: Snapshot, la: str, period: Period, internal: bool) -> Scorecard:
    """The scorecard: kept in memory, else prepared in the store (compare/prepared.py) when it is
    for the authority's latest period, else computed (and prepared, for the latest period)."""
    latest = period == choices(at).default_period(la)
    return at.get(("scorecard", la, str(period), internal),
                  lambda: prepared.scorecard(at.con, at.results.store_path, la, period, internal, keep=latest,
                                             figures=lambda: figures(at, la, period, internal)))


def _split_on_asking(at: Snapshot, la: str, card: Card, internal: bool, split: str | None) -> Shown | None:
    """An analyst's months split by a breakdown the release does not hold, worked out on asking."""
    d = card.definition
    if not internal or split is None or split == SPLITS.get(d.id):
        return None
    months = over_time(Period.parse(card.current.period), d.min_months)["months"]
    return asked_split(at.con, default().get(d.id), months, la, split)


@dataclass
class Drawn:
    """A chart and, once asked for, its SVG (drawn once, then kept with the result)."""

    chart: Chart

    @cached_property
    def svg(self) -> str:
        return self.chart.svg()


@dataclass(frozen=True)
class IndicatorView:
    detail: detail.Detail
    charts: dict[str, list[Drawn]]  # series, split, breakdowns, comparison: each chart in page order

    def chart(self, id: str) -> Chart | None:
        return next((s.chart for group in self.charts.values() for s in group if s.chart.id == id), None)


def indicator(at: Snapshot, la: str, period: Period, card: Card, la_name: str, internal: bool,
              split: str | None = None) -> IndicatorView:
    """The indicator's page, its months split by the breakdown `split` when given. Members see only
    the split their period's release holds (the one the committee follows, SPLITS): another,
    worked out apart from it, could give back what the release withholds."""
    if split and not internal and split != SPLITS.get(card.definition.id):
        split = None

    def compute():
        shown = figures(at, la, period, internal)
        found = detail.build(at.con, card, la, shown, split, _split_on_asking(at, la, card, internal, split))
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
        return IndicatorView(found, {"series": [Drawn(c) for c in series],
                                     "split": [Drawn(c) for c in (charting.split_chart(card, found.split),)
                                               if c] if found.split else [],
                                     "breakdowns": [Drawn(c) for c in splits],
                                     "comparison": [Drawn(c) for c in comparison]})
    return at.get(("indicator", la, str(period), card.definition.id, internal, split), compute)
