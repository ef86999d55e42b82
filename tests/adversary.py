"""The adversary: a member who reads every number in what members are given and works out what
they can from the relations between them, as issue 12's reviewer did by hand, by integer linear
programming (scipy's `milp`, HiGHS). Independent of cscperf's own disclosure control: it reads
figures as an output gives them and knows the relations a reader of the definitions would.

A figure is read as `Seen` values under keys (indicator, period, group, part). The relations:
- a breakdown's groups add up to its total (a group not listed is zero);
- a count over a window (quarter, year, 12 months) is the sum of the shorter windows shown that
  tile it (months, quarters), for indicators counted over time;
- two figures with the same numerator in words, period and group count the same children;
- a percentage's numerator and the rest (denominator minus numerator) add up to its denominator;
- declared identities a reader sees in the titles (under 5 = under 1 + aged 1-4);
- a rounded rate or percentage bounds its numerator: rate x population / 10,000, percentage x
  denominator / 100, each to within the rounding.
A relation is used only where it holds in the true figures (the adversary is lucky in its
guesses); withheld counts are at least 1 (a zero is shown). A count is recovered when its least
and greatest possible values are equal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

# Identities a reader sees from the titles: indicator = the groups of another's breakdown.
IDENTITIES = {
    "cla_started_under1": ("cla_started", "age_band", ("Under 1",)),
    "cla_started_under5": ("cla_started", "age_band", ("Under 1", "1-4")),
    "uasc_cla": ("cla", "uasc", ("UASC",)),
}


def _months(start: str, end: str) -> tuple[int, int]:
    s, e = date.fromisoformat(start), date.fromisoformat(end)
    return s.year * 12 + s.month - 1, e.year * 12 + e.month - 1


@dataclass
class Seen:
    """Every figure read from what members were given, and the true figures behind them."""

    definitions: dict  # id -> registry Indicator (the definitions members can read)
    shown: dict = field(default_factory=dict)  # key -> number as shown
    withheld: set = field(default_factory=set)  # keys shown as [c]
    truth: dict = field(default_factory=dict)  # key -> the true number
    windows: dict = field(default_factory=dict)  # (id, period) -> (first month, last month)

    def read(self, id: str, breakdown: str | None, figure: dict, truth: dict) -> None:
        """One figure (the JSON form of `cscperf.compare.figure.Figure`) and its true twin."""
        group = (breakdown, figure["group"]) if breakdown else None
        self.windows[(id, figure["period"])] = _months(figure["start"], figure["end"])
        for part in ("value", "numerator", "denominator"):
            key = (id, figure["period"], group, part)
            if truth.get(part) is None:
                continue
            self.truth[key] = truth[part]
            if part in figure.get("suppressed", ()):
                self.withheld.add(key)
            elif figure.get(part) is not None:
                if key in self.shown and self.shown[key] != figure[part]:
                    raise AssertionError(f"{key} shown as {self.shown[key]} and as {figure[part]}")
                self.shown[key] = figure[part]

    def read_all(self, id: str, breakdown: str | None, figures: Iterable[dict], truths: Iterable[dict]) -> None:
        for figure, truth in zip(figures, truths, strict=True):
            assert (figure["period"], figure["group"]) == (truth["period"], truth["group"])
            self.read(id, breakdown, figure, truth)


def read_outputs(seen: Seen, scorecard: dict, pages: dict, true_scorecard: dict, true_pages: dict) -> Seen:
    """A period's scorecard and every indicator's page (their JSON forms, by indicator id) as a
    member sees them, with the true (internal) ones."""
    for card, truth in zip(scorecard["cards"], true_scorecard["cards"], strict=True):
        id = card["definition"]["id"]
        for part in ("current", "previous", "last_year"):
            seen.read(id, None, card[part], truth[part])
        for series in ("trend", "series"):
            seen.read_all(id, None, card[series], truth[series])
        page, true_page = pages[id], true_pages[id]
        for series in ("months", "quarters", "years"):
            seen.read_all(id, None, page[series], true_page[series])
        for split, true_split in ((card["breakdowns"], truth["breakdowns"]),
                                  (page["breakdowns"], true_page["breakdowns"])):
            for b, true_b in zip(split, true_split, strict=True):
                seen.read_all(id, b["id"], b["groups"], true_b["groups"])
    return seen


class Problem:
    """Integer unknowns (withheld counts, the rest of each percentage) and linear relations."""

    def __init__(self, seen: Seen):
        self.seen = seen
        self.truth = dict(seen.truth)  # and each percentage's rest
        self.index: dict = {}
        self.keys: list = []  # by variable
        self.lower: list[float] = []
        self.moved: set = set()  # unknowns some solution gives another value than their own
        self.rows: list[tuple[dict, float, float]] = []  # ({variable: coefficient}, low, high)

    def term(self, key) -> tuple[dict, float] | None:
        """A count as (unknowns, constant): shown counts are constants."""
        seen = self.seen
        if key in seen.shown:
            return {}, float(seen.shown[key])
        if key in seen.withheld or (isinstance(key, tuple) and key[0] == "rest"):
            if key not in self.index:
                self.index[key] = len(self.index)
                self.keys.append(key)
                self.lower.append(0.0 if key[0] == "rest" else 1.0)
            return {self.index[key]: 1.0}, 0.0
        return None  # not given at all

    def equal(self, total, parts: list, truth_holds: bool) -> None:
        """total = sum of parts, when that is true."""
        if not truth_holds:
            return
        terms = [self.term(k) for k in [total, *parts]]
        if any(t is None for t in terms):
            return
        row: dict = {}
        constant = 0.0
        for sign, (unknowns, value) in zip([1] + [-1] * len(parts), terms):
            constant += sign * value
            for v, c in unknowns.items():
                row[v] = row.get(v, 0.0) + sign * c
        row = {v: c for v, c in row.items() if c}
        if row:
            self.rows.append((row, -constant, -constant))

    def between(self, key, low: float, high: float) -> None:
        term = self.term(key)
        if term and term[0]:
            (v, c), = term[0].items()
            self.rows.append(({v: c}, low - term[1], high - term[1]))

    def component(self, variable: int) -> tuple[list[int], list[tuple[dict, float, float]]]:
        """The unknowns linked to one through relations, and those relations."""
        seen, queue, rows = {variable}, [variable], {}
        by_variable: dict = getattr(self, "_by_variable", None) or {}
        if not by_variable:
            for i, (row, _, _) in enumerate(self.rows):
                for v in row:
                    by_variable.setdefault(v, []).append(i)
            self._by_variable = by_variable
        while queue:
            for i in by_variable.get(queue.pop(), ()):
                if i not in rows:
                    rows[i] = self.rows[i]
                    for v in self.rows[i][0]:
                        if v not in seen:
                            seen.add(v)
                            queue.append(v)
        return sorted(seen), list(rows.values())

    def bounds(self, key) -> tuple[float, float]:
        """Least and greatest integer value of an unknown."""
        variables, rows = self.component(self.index[key])
        if not rows:
            return (float("-inf"), float("inf"))
        column = {v: i for i, v in enumerate(variables)}
        n = len(variables)
        a = np.zeros((len(rows), n))
        low, high = np.zeros(len(rows)), np.zeros(len(rows))
        for i, (row, lo, hi) in enumerate(rows):
            for v, c in row.items():
                a[i, column[v]] = c
            low[i], high[i] = lo, hi
        constraints = [LinearConstraint(a, low, high)]
        found = []
        for sign in (1, -1):
            c = np.zeros(n)
            c[column[self.index[key]]] = sign
            result = milp(c, constraints=constraints, integrality=np.ones(n),
                          bounds=Bounds(np.array([self.lower[v] for v in variables]), np.full(n, 1e6)))
            if result.status != 0:
                return (float("-inf"), float("inf"))  # inconsistent or unbounded: nothing learnt
            found.append(sign * result.fun)
            self.moved.update(self.keys[v] for v, x in zip(variables, result.x)
                              if abs(x - self.truth.get(self.keys[v], x)) > 0.5)
        return found[0], found[1]


def relations(seen: Seen) -> Problem:
    problem = Problem(seen)
    truth = problem.truth
    by_figure: dict = {}
    for key in truth:
        id, period, group, part = key
        by_figure.setdefault((id, period, part), []).append(group)
    defs = seen.definitions

    def counts(id: str) -> tuple[str, ...]:
        d = defs[id]
        if d.published_only or d.share_of_population:
            return ()  # no children counted: a published figure, or a share of the population
        if d.unit.value == "count" or d.of_population:
            return ("numerator",)
        return ("denominator",) if d.unit.is_average else ("numerator", "denominator")

    def holds(total, parts) -> bool:
        return truth.get(total) == sum(truth.get(p, 0) for p in parts)

    # breakdowns
    for (id, period, part), groups in by_figure.items():
        splits: dict = {}
        for g in groups:
            if g:
                splits.setdefault(g[0], []).append(g)
        for breakdown, found in splits.items():
            if part in counts(id):
                total, parts = (id, period, None, part), [(id, period, g, part) for g in found]
                problem.equal(total, parts, holds(total, parts))
    # windows counted over time
    series: dict = {}
    for (id, period, part), groups in by_figure.items():
        if part in counts(id) and defs[id].grain.value != "snapshot":
            for g in groups:
                series.setdefault((id, g, part), []).append(period)
    for (id, g, part), periods in series.items():
        windows = {seen.windows[(id, p)]: p for p in periods}
        for (first, last), period in windows.items():
            tiles = [windows.get((m, m)) for m in range(first, last + 1)]
            if last > first and all(tiles):
                total, parts = (id, period, g, part), [(id, p, g, part) for p in tiles]
                problem.equal(total, parts, holds(total, parts))
            at, tiling = first, []
            while at <= last:
                fits = [w for w in windows if w[0] == at and w[1] <= last and w != (first, last)]
                if not fits:
                    break
                best = max(fits)
                tiling.append(windows[best])
                at = best[1] + 1
            if at > last and tiling:
                total, parts = (id, period, g, part), [(id, p, g, part) for p in tiling]
                problem.equal(total, parts, holds(total, parts))
    # the same children under two indicators (same numerator in words, same days, same group),
    # where that holds for every figure of the two (not a coincidence of one period)
    words: dict = {}
    for key in truth:
        id, period, group, part = key
        if part in counts(id):
            said = defs[id].numerator if part == "numerator" else defs[id].denominator
            words.setdefault((said, seen.windows[(id, period)], group), []).append(key)
    pairs = [(same[0], other) for same in words.values() for other in same[1:]]
    always: dict = {}
    for one, other in pairs:
        pair = (one[0], one[3], other[0], other[3])
        always[pair] = always.get(pair, True) and truth[one] == truth[other]
    for one, other in pairs:
        problem.equal(one, [other], always[(one[0], one[3], other[0], other[3])])
    # declared identities
    for id, (whole, breakdown, named) in IDENTITIES.items():
        for (i, period, part), groups in by_figure.items():
            if i == id and part == "numerator" and None in groups:
                parts = [(whole, p, g, "numerator") for (w, p, pt), gs in by_figure.items()
                         if w == whole and pt == "numerator" and seen.windows.get((whole, p)) == seen.windows[(id, period)]
                         for g in gs if g and g[0] == breakdown and g[1] in named]
                if parts:
                    total = (id, period, None, "numerator")
                    problem.equal(total, parts, holds(total, parts))
    # percentages: numerator and the rest make the denominator; rounded values bound numerators
    for (id, period, part), groups in by_figure.items():
        d = defs[id]
        if part != "value" or d.unit.value == "count":
            continue
        for g in groups:
            n, den, value = ((id, period, g, p) for p in ("numerator", "denominator", "value"))
            if "denominator" in counts(id) and "numerator" in counts(id):
                rest = ("rest", n)
                problem.equal(den, [n, rest], True)
                truth[rest] = truth[den] - truth[n]
            if value in seen.shown and d.unit.value in ("percent", "rate_per_10k"):
                scale = 100 if d.unit.value == "percent" else 10000
                half = 0.5 * 10 ** -d.decimals
                if den in seen.shown:  # a shown denominator (or the population) times the value
                    size = seen.shown[den] / scale
                    problem.between(n, (seen.shown[value] - half) * size, (seen.shown[value] + half) * size)
    return problem


def recovered(seen: Seen, below: int = 6) -> dict:
    """Every small withheld count (from 1 to `below` - 1), and every small rest of a percentage,
    worked out exactly: key -> value."""
    problem = relations(seen)
    found = {}
    for key in problem.index:
        true = problem.truth.get(key)
        if not (true is not None and 0 < true < below) or key in problem.moved:
            continue  # not small, or seen to take another value: not worked out
        low, high = problem.bounds(key)
        if low == high:
            found[key] = low
    return found
