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
   it: the cheapest by the release's cost (then the smallest) that leaves it uncertain; never a
   zero, so every withheld count is at least 1. Whether a count can be worked out is settled by
   linear programming over the sums (its least and greatest value given everything shown), so
   combinations of sums are caught as well as single ones.
3. Every figure worked out from a withheld count.

Withholding a count can only widen what the others could be, so one pass over the protected
counts settles them all.
"""

from __future__ import annotations

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
        """A count (again: the same key is the same count, shown where any output shows it).
        `cost`: what members lose when the figure showing it is withheld, added up over every
        figure showing it (a denominator shared by five headline percentages costs five)."""
        self.counts[key] = int(value)
        if not shown:
            self.unshown.add(key)
        self.cost[key] = self.cost.get(key, 0) + cost
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
    audit = _Audit(release)
    small = [i for i, v in enumerate(audit.values) if 0 < v < below]
    audit.withhold(*(i for i in small if i not in audit.unshown))
    for i in sorted(small, key=lambda i: repr(audit.keys[i])):
        while audit.worked_out(i):
            extra = audit.next(i)
            if extra is None:
                break  # everything it could be worked out from is already withheld
            audit.withhold(extra)
    withheld = {audit.keys[i] for i in audit.withheld}
    figures = {f for f, used in release.figures.items()
               if any(k in withheld or k in release.unshown for k in used)}
    return frozenset(withheld | figures)


class _Audit:
    """The release's counts by number, its sums as equations (coefficients by count number, summing
    to zero), and the counts withheld so far."""

    def __init__(self, release: Release):
        self.keys = list(release.counts)
        number = {k: i for i, k in enumerate(self.keys)}
        self.values = [release.counts[k] for k in self.keys]
        self.cost = [release.cost.get(k, 0) for k in self.keys]
        self.unshown = {number[k] for k in release.unshown}
        self.withheld: set[int] = set()
        self.equations: list[dict[int, int]] = []
        self.holding: list[list[int]] = [[] for _ in self.keys]  # equations each count is in
        for total, parts in release.sums:
            equation = {number[total]: 1}
            for part in parts:
                equation[number[part]] = equation.get(number[part], 0) - 1
            equation = {i: c for i, c in equation.items() if c}
            if not equation or sum(c * self.values[i] for i, c in equation.items()):
                continue  # a sum that does not hold exactly gives nothing back exactly
            for i in equation:
                self.holding[i].append(len(self.equations))
            self.equations.append(equation)
        # Counts linked by sums, however far: withholding one changes what can be worked out only
        # among its own (the release falls apart into many small webs, one or a few indicators each).
        self.web = list(range(len(self.keys)))
        self.web_equations: dict[int, list[int]] = {}
        for equation in self.equations:
            first, *others = [self._web(j) for j in equation]
            for other in others:
                self.web[other] = first
        for n, equation in enumerate(self.equations):
            self.web_equations.setdefault(self._web(next(iter(equation))), []).append(n)
        self._found: dict[int, set[int]] = {}  # by web: unknowns found from the shown counts
        self.uncertain: set[int] = set()  # unknowns seen to take another value than their own

    def _web(self, i: int) -> int:
        while self.web[i] != i:
            self.web[i] = self.web[self.web[i]]
            i = self.web[i]
        return i

    def withhold(self, *counts: int) -> None:
        """Withhold more: what could not be worked out still cannot (`uncertain` stays)."""
        self.withheld.update(counts)
        for i in counts:
            self._found.pop(self._web(i), None)

    def uncertain_with(self, i: int, extra: int) -> bool:
        """Whether count `i` would be uncertain were `extra` withheld too (it is left shown)."""
        uncertain = set(self.uncertain)
        self.withhold(extra)
        answer = not self.worked_out(i)
        self.withheld.discard(extra)
        self._found.pop(self._web(extra), None)
        self.uncertain = uncertain  # what was learnt with `extra` withheld need not hold without it
        return answer

    def found(self, i: int) -> set[int]:
        """Unknown counts in count `i`'s web worked out by subtraction alone: a sum in which only
        one count is unknown gives it, which may leave another sum with one unknown, and so on.
        Each has one possible value, its true one, so the linear programs below take it as shown."""
        web = self._web(i)
        if web not in self._found:
            found: set[int] = set()
            queue = list(self.web_equations.get(web, ()))
            while queue:
                equation = self.equations[queue.pop()]
                open_ = [j for j in equation if (j in self.withheld or j in self.unshown) and j not in found]
                if len(open_) == 1:
                    found.add(open_[0])
                    queue.extend(self.holding[open_[0]])
            self._found[web] = found
        return self._found[web]

    def unknown(self, i: int) -> bool:
        return (i in self.withheld or i in self.unshown) and i not in self.found(i)

    def component(self, i: int, found_too: bool = False) -> tuple[list[int], list[int]]:
        """The unknown counts linked to count `i` through equations, and those equations; with
        `found_too`, through the counts found by subtraction as well (what they were found from)."""
        linked = (lambda j: j in self.withheld or j in self.unshown) if found_too else self.unknown
        seen, queue, used = {i}, [i], set()
        while queue:
            for e in self.holding[queue.pop()]:
                if e in used:
                    continue
                used.add(e)
                for other in self.equations[e]:
                    if other not in seen and linked(other):
                        seen.add(other)
                        queue.append(other)
        return sorted(seen), sorted(used)

    def worked_out(self, i: int) -> bool:
        """Whether count `i` has one possible value given everything shown: withheld counts are at
        least 1 (a zero is shown), unshown ones at least 0."""
        if not self.unknown(i):
            return True  # shown, or found by subtraction
        if i in self.uncertain or self.twin(i):
            return False
        unknowns, used = self.component(i)
        if not used:
            return False
        column = {j: n for n, j in enumerate(unknowns)}
        rows, constants = [], []
        for e in used:
            row = [0.0] * len(unknowns)
            constant = 0.0
            for j, c in self.equations[e].items():
                if j in column:
                    row[column[j]] = c
                else:
                    constant -= c * self.values[j]
            rows.append(row)
            constants.append(constant)
        bounds = [(self.lowest(j), None) for j in unknowns]

        def other_values(sign: float) -> bool:
            """Whether the count can be more (sign -1: its greatest) or less (1: its least) than its
            own value by a whole child. Every unknown the solution moves by one or more can take
            another value too: noted, so it needs no program of its own."""
            target = [0.0] * len(unknowns)
            target[column[i]] = sign
            found = linprog(target, A_eq=rows, b_eq=constants, bounds=bounds, method="highs")
            if found.status == 3:  # unbounded
                return True
            if found.status != 0:  # a solver failure is taken as no other value, to be safe
                return False
            self.uncertain.update(j for j, x in zip(unknowns, found.x) if abs(x - self.values[j]) >= 1 - 1e-6)
            return i in self.uncertain

        # The true counts fit, so the count is worked out when it can be neither more nor less; it
        # cannot be less than the least a withheld count can be.
        return not (other_values(-1.0) or self.values[i] > self.lowest(i) and other_values(1.0))

    def lowest(self, i: int) -> int:
        return 1 if i in self.withheld else 0

    def twin(self, i: int) -> bool:
        """Whether another unknown count is in exactly the same sums as count `i`, with the same
        signs, and one of the two could be 1 less: then moving 1 from one to the other changes no
        shown figure, so neither has a single possible value (the quick answer for two hidden
        groups of a breakdown, or two hidden months of a quarter)."""
        mine = {e: self.equations[e][i] for e in self.holding[i]}
        for j in {j for e in mine for j in self.equations[e] if j != i and self.unknown(j)}:
            if {e: self.equations[e][j] for e in self.holding[j]} == mine and (
                    self.values[j] > self.lowest(j) or self.values[i] > self.lowest(i)):
                return True
        return False

    def next(self, i: int, tries: int = 4) -> int | None:
        """The shown count to withhold next for count `i`: of the shown counts in sums linked to it,
        the first that alone leaves it uncertain, trying the cheapest first (then the smallest);
        failing that, the cheapest in a sum with it. Never a zero: a withheld count is at least 1,
        as members are told."""
        def shown_in(equations) -> list[int]:
            found = {j for e in equations for j in self.equations[e]
                     if j not in self.withheld and j not in self.unshown and self.values[j] > 0}
            return sorted(found, key=lambda j: (self.cost[j], self.values[j], repr(self.keys[j])))
        _, used = self.component(i, found_too=True)
        for candidate in shown_in(used)[:tries]:
            if self.uncertain_with(i, candidate):
                return candidate
        nearest = shown_in(self.holding[i]) or shown_in(used)
        return nearest[0] if nearest else None
