"""Every figure the outputs show for one authority and period, computed once and, for members,
protected as one release: the scorecard (the period, the one before, a year earlier, 12 months, 8
quarters, the committee's breakdowns), every indicator's page (24 months, 12 quarters, 5 years,
every breakdown) and so the report, the charts' CSVs and the JSON twins, which are all cut from
these. A member who reads them all together can work out no withheld count (docs/disclosure.md).
Analysts' internal figures are the same figures unprotected.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from cscperf import settings
from cscperf.compare import words
from cscperf.compare.figure import Figure, number
from cscperf.compare.plan import Plan, over_time
from cscperf.compare.release import Members
from cscperf.indicators import breakdowns, engine
from cscperf.indicators.periods import Period
from cscperf.indicators.registry import Registry, default
from cscperf.indicators.schema import Indicator


# Indicators a committee follows month by month split by a breakdown (a spike of children coming
# into care that is all unaccompanied asylum-seeking children, say), with the breakdown: their
# months, split, are in every period's release.
SPLITS = {"cla": "uasc", "cla_started": "uasc"}


def plans(indicators, period: Period) -> dict[str, Plan]:
    """The scorecard's periods for each indicator (12 months for one needing them)."""
    return {i.id: Plan.of(period, rolling=bool(i.min_months and i.min_months > period.months))
            for i in indicators}


class Shown:
    """Engine results by (indicator, period, breakdown, group), as figures members may see
    (unless `internal`)."""

    def __init__(self, results, indicators: dict, internal: bool, below: int, headline=frozenset()):
        self.indicators, self.internal, self.below = indicators, internal, below
        self.figures: dict[tuple[str, str, str | None, str | None], Figure] = {}
        self._groups: dict[tuple[str, str, str], list[Figure]] = {}  # a breakdown's groups
        members = None if internal else Members(results, indicators, below, headline)
        for r in results:
            figure = self._figure(r)
            if members:
                figure = members.protect(r.id, figure, r.breakdown)
            self.figures[(r.id, r.period, r.breakdown, r.group)] = figure
            if r.breakdown:
                self._groups.setdefault((r.id, r.period, r.breakdown), []).append(figure)

    def _figure(self, r) -> Figure:
        decimals = self.indicators[r.id].decimals
        period = Period.parse(r.period)
        return Figure(r.period, period.label, r.start.isoformat(), r.end.isoformat(),
                      number(r.value, decimals), number(r.numerator), r.denominator,
                      words.reason(r.reason), group=r.group, note=r.note, history=r.history)

    @classmethod
    def compute(cls, con: duckdb.DuckDBPyConnection, period: str | Period, la: str, *,
                internal: bool = False, registry=None) -> Shown:
        """Every figure any output shows for `la` and `period`."""
        return Computed.of(con, period, la, registry).shown(internal)

    def get(self, id: str, period: Period) -> Figure:
        figure = self.figures.get((id, str(period), None, None))
        if figure is None:
            figure = Figure(str(period), period.label, period.start.isoformat(), period.end.isoformat(),
                            None, reason="not computed")
        return figure

    def groups(self, id: str, period: Period, breakdown: str) -> tuple[Figure, ...]:
        """The breakdown's groups for the period in their natural order (age bands youngest first)."""
        return tuple(sorted(self._groups.get((id, str(period), breakdown), ()),
                            key=lambda f: breakdowns.order(breakdown, f.group)))


def asked_split(con: duckdb.DuckDBPyConnection, indicator: Indicator, months: list[Period], la: str,
                breakdown: str) -> Shown:
    """An analyst's months split by a breakdown the release does not hold, worked out on asking:
    the groups alone (the months' totals are the release's), unprotected, so for officers only."""
    results = engine.compute(con, [indicator.id], months, la, breakdown)
    return Shown(results, {indicator.id: indicator}, True, int(settings.get("suppress_below")))


@dataclass(frozen=True)
class Computed:
    """The engine's results behind every figure any output shows for an authority and period:
    computed once, then seen by members through one release and by analysts as they are."""

    period: Period
    registry: Registry
    results: tuple

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection, period: str | Period, la: str, registry=None) -> Computed:
        registry = registry or default()
        period = Period.parse(period)
        chosen = plans(registry, period)
        wanted: dict[str, set[Period]] = {}
        for indicator in registry:
            plan = chosen[indicator.id]
            pages = over_time(plan.current, indicator.min_months)
            wanted[indicator.id] = plan.periods() | {p for found in pages.values() for p in found}
        results = []
        by_periods: dict[frozenset, list[str]] = {}  # one engine call per set of periods
        for id, periods in wanted.items():
            by_periods.setdefault(frozenset(periods), []).append(id)
        for periods, ids in by_periods.items():
            results += engine.compute(con, ids, sorted(periods), la, registry=registry)
        splits: dict[tuple[str, Period], list[str]] = {}  # every breakdown, for the period shown
        for indicator in registry:
            for breakdown in indicator.breakdowns:
                splits.setdefault((breakdown.value, chosen[indicator.id].current), []).append(indicator.id)
        for (breakdown, current), ids in splits.items():
            results += engine.compute(con, ids, [current], la, breakdown, registry=registry)
        for indicator in registry:  # the months followed split, as the scorecard and the page show them
            split = SPLITS.get(indicator.id)
            if split in indicator.breakdowns:
                months = set(chosen[indicator.id].trend) | set(over_time(chosen[indicator.id].current,
                                                                         indicator.min_months)["months"])
                results += engine.compute(con, [indicator.id], sorted(months), la, split, registry=registry)
        return cls(period, registry, tuple(results))

    def shown(self, internal: bool) -> Shown:
        """The figures as members (protected) or analysts (`internal`) see them."""
        headline = {(id, str(plan.current)) for id, plan in plans(self.registry, self.period).items()}
        return Shown(self.results, {i.id: i for i in self.registry}, internal,
                     int(settings.get("suppress_below")), headline)
