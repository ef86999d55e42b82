"""Disclosure control: what members may see of figures shown together. The one engine every
member-facing output goes through (docs/disclosure.md gives the policy and its sources).

An output describes everything one audience sees together as a `Release`:

- counts of children or events, each under a key, with its true value; a count may be `unshown`
  (never printed, but implied by others: "x of y" implies y - x);
- sums: a total and the parts it is made of (months in a quarter, groups of a breakdown, the
  under-5s as the under-1s and the 1-4s); a sum that does not hold exactly in the data (a child
  starting twice in a quarter is one child in the quarter, two in its months) cannot give a
  withheld count back exactly, and is left out;
- figures worked out from counts (a percentage from its numerator and denominator, a rate from
  its numerator, an average from its number of children), shown only when those counts are.

`hidden(release, below)` says what is withheld:

1. Primary: every count from 1 to `below` - 1 (zero is shown: it identifies no one).
2. Secondary: while any withheld count, or any unshown count from 1 to `below` - 1, can be
   worked out exactly from what is shown (by subtraction, or because withheld counts are at least
   1, so two withheld counts known to total 2 are 1 each), withhold one more shown count linked to
   it: the cheapest by the release's cost (then the smallest) that leaves it uncertain. Whether a count can be worked
   out is settled by linear programming over the sums (its least and greatest value given
   everything shown), so combinations of sums are caught as well as single ones.
3. Every figure worked out from a withheld count.

Withholding a count can only widen what the others could be, so one pass over the protected
counts settles them all.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from scipy.optimize import linprog

Key = Hashable


@dataclass
class Release:
    """Everything one audience sees together: counts, the sums between them, figures from them."""

    counts: dict[Key, int] = field(default_factory=dict)
    unshown: set[Key] = field(default_factory=set)
    sums: dict[tuple[Key, tuple[Key, ...]], None] = field(default_factory=dict)  # (total, parts), in order
    figures: dict[Key, tuple[Key, ...]] = field(default_factory=dict)
    cost: dict[Key, int] = field(default_factory=dict)

    def count(self, key: Key, value: int, *, shown: bool = True, cost: int = 0) -> Key:
        """A count (again: the same key is the same count, shown where any output shows it)."""
        self.counts[key] = int(value)
        if not shown:
            self.unshown.add(key)
        self.cost[key] = max(cost, self.cost.get(key, 0))
        return key

    def sum(self, total: Key, parts: Iterable[Key]) -> None:
        """`total` is the sum of `parts` (all of them counts in this release)."""
        parts = tuple(parts)
        if parts:
            self.sums[(total, parts)] = None

    def figure(self, key: Key, counts: Iterable[Key]) -> None:
        """A figure worked out from `counts`: withheld whenever any of them is."""
        self.figures[key] = tuple(self.figures.get(key, ())) + tuple(counts)


def hidden(release: Release, below: int) -> frozenset[Key]:
    """The counts and figures withheld from the release's audience."""
    counts = release.counts
    withheld = {k for k, v in counts.items() if 0 < v < below and k not in release.unshown}
    equations = _equations(release)
    protected = sorted((k for k, v in counts.items() if 0 < v < below), key=repr)
    for key in protected:
        while _worked_out(key, release, withheld, equations):
            extra = _next(key, release, withheld, equations)
            if extra is None:
                break  # everything it could be worked out from is already withheld
            withheld.add(extra)
    figures = {f for f, used in release.figures.items()
               if any(k in withheld or k in release.unshown for k in used)}
    return frozenset(withheld | figures)


Equation = dict  # key -> coefficient; sums to zero


def _equations(release: Release) -> dict[Key, list[Equation]]:
    """Each sum that holds as an equation (total - parts = 0), listed under every key it holds."""
    by_key: dict[Key, list[Equation]] = {}
    for total, parts in release.sums:
        equation: Equation = {total: 1}
        for part in parts:
            equation[part] = equation.get(part, 0) - 1
        equation = {k: c for k, c in equation.items() if c}
        if not equation or sum(c * release.counts[k] for k, c in equation.items()):
            continue
        for key in equation:
            by_key.setdefault(key, []).append(equation)
    return by_key


def _unknown(key: Key, release: Release, withheld: set) -> bool:
    return key in withheld or key in release.unshown


def _component(key: Key, release: Release, withheld: set, equations) -> tuple[list[Key], list[Equation]]:
    """The unknown counts linked to `key` through equations, and those equations."""
    seen, found, queue = {key}, [], [key]
    used: dict[int, Equation] = {}
    while queue:
        current = queue.pop()
        found.append(current)
        for equation in equations.get(current, ()):
            if id(equation) in used:
                continue
            used[id(equation)] = equation
            for other in equation:
                if other not in seen and _unknown(other, release, withheld):
                    seen.add(other)
                    queue.append(other)
    return found, list(used.values())


def _worked_out(key: Key, release: Release, withheld: set, equations) -> bool:
    """Whether the count under `key` has one possible value given everything shown: withheld
    counts are at least 1 (a zero is shown), unshown ones at least 0."""
    if key not in withheld and key not in release.unshown:
        return True  # shown
    if any(all(k == key or not _unknown(k, release, withheld) for k in equation)
           for equation in equations.get(key, ())):
        return True  # a sum in which it is the only unknown
    unknowns, used = _component(key, release, withheld, equations)
    if not used:
        return False
    index = {k: i for i, k in enumerate(unknowns)}
    rows, constants = [], []
    for equation in used:
        row = [0.0] * len(unknowns)
        constant = 0.0
        for k, coefficient in equation.items():
            if k in index:
                row[index[k]] = coefficient
            else:
                constant -= coefficient * release.counts[k]
        rows.append(row)
        constants.append(constant)
    bounds = [(1 if k in withheld and release.counts[k] > 0 else 0, None) for k in unknowns]
    target = [0.0] * len(unknowns)
    target[index[key]] = 1.0
    low = linprog(target, A_eq=rows, b_eq=constants, bounds=bounds, method="highs")
    if low.status != 0:  # the true counts always fit; a solver failure is taken as worked out, to be safe
        return True
    high = linprog([-t for t in target], A_eq=rows, b_eq=constants, bounds=bounds, method="highs")
    if high.status == 3:  # unbounded above
        return False
    return math.floor(-high.fun + 1e-6) <= math.ceil(low.fun - 1e-6)


def _next(key: Key, release: Release, withheld: set, equations, tries: int = 8) -> Key | None:
    """The shown count to withhold next for `key`: of the shown counts in sums linked to it, the
    first that alone leaves it uncertain, trying the cheapest first (then the smallest; zeros
    last: they identify no one); failing that, the cheapest in a sum with it, to make progress."""
    def order(k):
        return (release.counts[k] == 0, release.cost.get(k, 0), release.counts[k], repr(k))

    def shown_in(found) -> list[Key]:
        return sorted({k for equation in found for k in equation if not _unknown(k, release, withheld)}, key=order)

    _, used = _component(key, release, withheld, equations)
    for candidate in shown_in(used)[:tries]:
        if not _worked_out(key, release, withheld | {candidate}, equations):
            return candidate
    nearest = shown_in(equations.get(key, ())) or shown_in(used)
    return nearest[0] if nearest else None
