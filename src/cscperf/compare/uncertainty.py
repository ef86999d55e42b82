"""How sure a figure is: 95% intervals, whether a change is more than noise, and control limits.

Methods are those of the Office for Health Improvement and Disparities' Fingertips technical guide
("Confidence intervals", and "Statistical process control" for control limits and funnel plots):

- a percentage: the Wilson score interval of its numerator out of its denominator;
- a count, and a rate per 10,000 children: Byar's approximation to the exact Poisson interval of
  the count (a rate's interval is the count's, divided by the child population);
- an average (of days, or of a caseload): no interval, because the spread of the values averaged
  is not kept; it is never called "significantly" different, nor its change more than noise.

Judgements, always in this order (see `pack.py`): RAG against the authority's own target; "above"
or "below" a published figure at the published precision; "significantly" only by these
intervals. A figure is significantly better or worse than England or the neighbour average when
that published value lies outside its 95% interval (the published value taken as fixed, as
Fingertips compares an area with England). A change since a year earlier is more than noise when
the 95% interval of the difference leaves out zero: Newcombe's hybrid Wilson interval for two
percentages; for two counts (or rates) of periods of the same length, the Wilson interval of the
later count's share of both, against the share expected with no change.

Figures are taken after small-number suppression: a withheld part gives no interval, so no
interval can give a withheld number back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from cscperf.compare.figure import Figure
from cscperf.compare.figure import help_text as _help

Z95 = 1.959964    # two-sided 95%
Z998 = 3.090232   # two-sided 99.8%: the outer funnel limits and control limits (about 3 sigma)
PER_10K = 10_000


@dataclass(frozen=True)
class Interval:
    """A figure's 95% confidence interval, in the figure's own unit."""

    low: float = field(metadata=_help("Lower limit"))
    high: float = field(metadata=_help("Upper limit"))
    method: str = field(metadata=_help("How it was worked out: 'Wilson score' or 'Byar (Poisson)'"))

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high


def wilson(successes: float, trials: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion, as proportions (0 to 1).

    >>> [round(x, 4) for x in wilson(16, 20)]
    [0.584, 0.9193]
    """
    if trials <= 0:
        raise ValueError("a proportion needs a positive number of trials")
    p = successes / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    scale = 1 + z * z / trials
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


def byar(count: float, z: float = Z95) -> tuple[float, float]:
    """Byar's interval for a Poisson count: close to the exact interval (for 10: 4.79 to 18.39,
    exact 4.80 to 18.39), and the one Fingertips uses.

    >>> [round(x, 2) for x in byar(10)]
    [4.79, 18.39]
    """
    low = 0.0 if count <= 0 else count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    upper = count + 1
    high = upper * (1 - 1 / (9 * upper) + z / (3 * math.sqrt(upper))) ** 3
    return max(0.0, low), high


def interval(figure: Figure, unit: str) -> Interval | None:
    """The figure's 95% interval; None for an average, or when a part it needs is withheld or missing."""
    if figure.value is None:
        return None
    if unit == "percent" and figure.numerator is not None and figure.denominator:
        low, high = wilson(figure.numerator, figure.denominator)
        return Interval(low * 100, high * 100, "Wilson score")
    if unit == "count":
        low, high = byar(figure.value)
        return Interval(low, high, "Byar (Poisson)")
    if unit == "rate_per_10k" and figure.numerator is not None and figure.denominator:
        low, high = byar(figure.numerator)
        return Interval(low * PER_10K / figure.denominator, high * PER_10K / figure.denominator, "Byar (Poisson)")
    return None


def newcombe(k1: float, n1: float, k2: float, n2: float, z: float = Z95) -> tuple[float, float]:
    """Newcombe's hybrid score interval for p1 - p2 (his method 10), as proportions.

    >>> [round(x, 4) for x in newcombe(56, 70, 48, 80)]
    [0.0524, 0.3339]
    """
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1, z)
    l2, u2 = wilson(k2, n2, z)
    d = p1 - p2
    return d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def changed(now: Figure, then: Figure, unit: str) -> bool | None:
    """Whether the change from `then` to `now` is more than noise (its 95% interval leaves out
    no change); None when it cannot be judged (an average, a withheld or missing part)."""
    if unit == "percent":
        if None in (now.numerator, now.denominator, then.numerator, then.denominator) \
                or not now.denominator or not then.denominator:
            return None
        low, high = newcombe(now.numerator, now.denominator, then.numerator, then.denominator)
        return low > 0 or high < 0
    if unit == "count":
        counts, expected = (now.value, then.value), 0.5
    elif unit == "rate_per_10k":
        if None in (now.numerator, now.denominator, then.numerator, then.denominator):
            return None
        counts, expected = (now.numerator, then.numerator), now.denominator / (now.denominator + then.denominator)
    else:
        return None
    if None in counts or sum(counts) == 0:
        return None if None in counts else False
    low, high = wilson(counts[0], sum(counts))
    return not low <= expected <= high


@dataclass(frozen=True)
class Limits:
    """Control limits for the latest point of a series, from the points before it."""

    centre: float = field(metadata=_help("The points before the latest, pooled (their mean for counts)"))
    low: float = field(metadata=_help("Lower control limit (about 3 standard deviations; 99.8%)"))
    high: float = field(metadata=_help("Upper control limit"))
    points: int = field(metadata=_help("How many earlier points the limits are worked out from"))

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high


FEWEST_POINTS = 5  # fewer earlier points than this give no limits worth drawing


def control_limits(series: tuple[Figure, ...], unit: str) -> Limits | None:
    """Limits for the series' latest point from the points before it: a p-chart for percentages
    (limits at the latest point's own denominator), a c-chart for counts and a u-chart for rates.
    None when fewer than FEWEST_POINTS earlier points are shown, or for averages."""
    if len(series) <= FEWEST_POINTS:
        return None
    *before, latest = series
    if unit == "count":
        values = [f.value for f in before if f.value is not None]
        if len(values) < FEWEST_POINTS:
            return None
        mean = sum(values) / len(values)
        spread = Z998 * math.sqrt(mean)
        return Limits(mean, max(0.0, mean - spread), mean + spread, len(values))
    scale = {"percent": 100, "rate_per_10k": PER_10K}.get(unit)
    known = [f for f in before if f.numerator is not None and f.denominator]
    if scale is None or len(known) < FEWEST_POINTS or not latest.denominator:
        return None
    pooled = sum(f.numerator for f in known) / sum(f.denominator for f in known)
    variance = pooled * (1 - pooled) if unit == "percent" else pooled
    spread = Z998 * math.sqrt(variance / latest.denominator)
    return Limits(pooled * scale, max(0.0, pooled - spread) * scale, (pooled + spread) * scale, len(known))


def per_child(figure: Figure, unit: str) -> float | None:
    """How far one child moves a percentage, in percentage points (100 / denominator); None for
    other units or when the denominator is withheld."""
    if unit != "percent" or not figure.denominator:
        return None
    return 100 / figure.denominator


def funnel_limits(centre: float, size: float, unit: str, z: float) -> tuple[float, float] | None:
    """Funnel plot limits around `centre` (England's value) for an area of `size` (a percentage's
    denominator, or a rate's child population), as Fingertips draws them: Wilson limits of the
    expected count for a percentage, Byar limits for a rate."""
    if size <= 0:
        return None
    if unit == "percent":
        low, high = wilson(centre / 100 * size, size, z)
        return low * 100, high * 100
    if unit == "rate_per_10k":
        low, high = byar(centre * size / PER_10K, z)
        return low * PER_10K / size, high * PER_10K / size
    return None
