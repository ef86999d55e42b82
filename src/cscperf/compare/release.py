"""What members see of the indicator engine's results, as one release for the disclosure-control
engine (`disclosure.py`), and the figures cut from its decision.

Each figure shows counts: a count indicator its value; a percentage its numerator and
denominator (and, implied, the complement: "15 of 16" says 1 was not); a rate its numerator (its
denominator is the published population); an average its number of children (its total is never
shown to members: for a few children it is their own days). Two figures that count the same units
(the same SQL, the same conditions, the same days) show the same count, under one key, so
children looked after and the children in the rate per 10,000 are withheld together.

The sums between counts come from the results themselves:
- breakdowns: the total is the sum of its groups (a group absent from the results is zero);
- periods: a window counted over time (a quarter, a year, 12 months) is the sum of the shorter
  windows shown that tile it (months, quarters); snapshots on different days are unrelated;
- declared identities: an indicator whose numerator counts the units of some groups of a
  breakdown (`numerator_groups`: the under-5s are the under-1s and the 1-4s).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cscperf.compare.disclosure import Release, hidden
from cscperf.compare.figure import Figure
from cscperf.indicators.schema import Grain, Indicator, Unit


@dataclass(frozen=True, order=True)
class Window:
    """The days a count covers, in months: (first, last) month index, or the snapshot day."""

    first: int
    last: int
    snapshot: bool = False

    @classmethod
    def of(cls, indicator: Indicator, start, end) -> Window:
        last = end.year * 12 + end.month - 1
        if indicator.grain is Grain.snapshot:
            return cls(last, last, True)  # a snapshot is taken on the last day, whatever the period
        return cls(start.year * 12 + start.month - 1, last)


@dataclass(frozen=True, order=True)
class Count:
    """A count of units: which SQL's units, under which conditions, over which days, in which group."""

    units: str
    conditions: tuple[str, ...]
    window: Window
    group: tuple[str, str] | None = None  # (breakdown, group)

    def total(self) -> Count:
        return Count(self.units, self.conditions, self.window)

    def in_window(self, window: Window) -> Count:
        return Count(self.units, self.conditions, window, self.group)


@dataclass(frozen=True, order=True)
class Complement:
    """The units of a percentage's denominator not in its numerator: never shown, always implied."""

    numerator: Count


@dataclass(frozen=True, order=True)
class Value:
    """A percentage, rate or average: shown only when the counts it is worked out from are."""

    id: str
    period: str
    group: tuple[str, str] | None


def count_parts(indicator: Indicator) -> tuple[str, ...]:
    """Which parts of the indicator's figures are counts of units."""
    if indicator.published_only or indicator.share_of_population:
        return ()  # the DfE's published figure, or a share of the published population: no children counted
    if indicator.unit is Unit.count or indicator.of_population:
        return ("numerator",)  # a rate's denominator is the published population
    if indicator.unit.is_average:
        return ("denominator",)  # the children (or events) averaged over
    return ("numerator", "denominator")


def counts(indicator: Indicator, result) -> dict[str, Count]:
    """The counts a result shows, by part."""
    conditions = {
        "numerator": (indicator.numerator_flag,) if indicator.of_population or indicator.unit is Unit.count
        else (indicator.numerator_flag, indicator.denominator_flag),
        "denominator": (indicator.denominator_flag, "has " + indicator.average_of) if indicator.unit.is_average
        else (indicator.denominator_flag,),
    }
    group = (result.breakdown, result.group) if result.breakdown else None
    window = Window.of(indicator, result.start, result.end)
    return {part: Count(indicator.sql_source, tuple(sorted(c for c in conditions[part] if c)), window, group)
            for part in count_parts(indicator)}


# Windows longer than a month shown for a count are the sums of the shorter ones that tile them.
def _tilings(window: Window, windows: set[Window]) -> list[list[Window]]:
    if window.first == window.last:
        return []
    found = []
    months = [Window(m, m) for m in range(window.first, window.last + 1)]
    if all(m in windows for m in months):
        found.append(months)
    longest, at = [], window.first  # the longest shown window starting at each point
    while at <= window.last:
        fits = [w for w in windows if w.first == at and w.last <= window.last and w != window]
        if not fits:
            break
        step = max(fits, key=lambda w: w.last)
        longest.append(step)
        at = step.last + 1
    if at > window.last and longest not in found:
        found.append(longest)
    return found


class Members:
    """The figures members may see of a set of results shown together (`below`: counts from 1 to
    it minus one are withheld)."""

    def __init__(self, results: Iterable, indicators: dict[str, Indicator], below: int,
                 headline: set[tuple[str, str]] = frozenset()):
        """`headline`: (indicator, period) pairs an output leads with; kept unless there is no
        other way (secondary suppression takes other counts first)."""
        self.indicators = indicators
        release = Release()
        shown: dict[tuple, Count] = {}
        for r in results:
            if r.numerator is None:
                continue  # not computable: nothing shown
            indicator = indicators[r.id]
            parts = counts(indicator, r)
            for part, key in parts.items():
                cost = 0 if key.group else key.window.last - key.window.first + 1
                cost += 100 if (r.id, r.period) in headline and not key.group else 0
                release.count(key, getattr(r, part), cost=cost)
                shown[(r.id, r.period, r.breakdown, r.group, part)] = key
            if "denominator" in parts and "numerator" in parts:
                complement = Complement(parts["numerator"])
                release.count(complement, r.denominator - r.numerator, shown=False)
                release.sum(parts["denominator"], (parts["numerator"], complement))
            if indicator.unit is not Unit.count:
                group = (r.breakdown, r.group) if r.breakdown else None
                release.figure(Value(r.id, r.period, group), parts.values())
        _sums(release, indicators)
        self.hidden = hidden(release, below)
        self._shown = shown

    def protect(self, id: str, figure: Figure, breakdown: str | None = None) -> Figure:
        """The figure as members may see it."""
        indicator = self.indicators[id]
        withheld = [part for part in ("numerator", "denominator")
                    if self._shown.get((id, figure.period, breakdown, figure.group, part)) in self.hidden]
        group = (breakdown, figure.group) if breakdown else None
        if indicator.unit is Unit.count:
            withheld += ["value"] if withheld else []
        elif Value(id, figure.period, group) in self.hidden:
            withheld.append("value")
        if indicator.unit.is_average:
            withheld.append("numerator")  # an average's total is never shown
        return figure.withhold(*withheld)


def _sums(release: Release, indicators: dict[str, Indicator]) -> None:
    keys = [k for k in release.counts if isinstance(k, Count)]
    groups: dict[tuple, list[Count]] = {}
    series: dict[tuple, set[Window]] = {}
    for key in keys:
        if key.group:
            groups.setdefault((key.total(), key.group[0]), []).append(key)
        if not key.window.snapshot:
            series.setdefault((key.units, key.conditions, key.group), set()).add(key.window)
    for (total, _), parts in groups.items():
        if total in release.counts:
            release.sum(total, sorted(parts))
    for (units, conditions, group), windows in series.items():
        for window in windows:
            for tiling in _tilings(window, windows):
                release.sum(Count(units, conditions, window, group),
                            [Count(units, conditions, w, group) for w in tiling])
    for indicator in indicators.values():
        _declared(release, indicator, groups)


def _declared(release: Release, indicator: Indicator, groups: dict[tuple, list[Count]]) -> None:
    """An indicator's numerator is the units of some groups of a breakdown (`numerator_groups`)."""
    if not indicator.numerator_groups:
        return
    (breakdown, named), = indicator.numerator_groups.items()
    flag = indicator.numerator_flag
    for key in [k for k in release.counts if isinstance(k, Count) and k.units == indicator.sql_source
                and not k.group and flag in k.conditions]:
        whole = Count(key.units, tuple(c for c in key.conditions if c != flag), key.window)
        split = groups.get((whole, breakdown.value))
        if split is not None:
            release.sum(key, sorted(g for g in split if g.group[1] in named))
