"""The member pack: performance on a page, then the exceptions, section by section.

Built from a scorecard (already suppressed for members), so the report and the dashboard show the
same pack. Each indicator is assessed once (`Assessment`), in one order of judgements everywhere:

1. RAG against the authority's own target (`targets.py`);
2. "above" or "below" a published figure, at the published precision (`narrative` says it);
3. "significantly" better or worse than England or the statistical-neighbour average only when
   that published value lies outside the figure's 95% interval, and a change since a year earlier
   only when the interval of the difference leaves out no change (`uncertainty.py`).

An exception is an indicator off target (red or amber), significantly different from England or
its neighbours, significantly changed since a year earlier, or outside its control limits. Its
importance ranks it: the level against target and benchmarks first, then change; the most
important of each section are reported in depth, the rest in its compact table. A measure whose
interval lies wholly on the worse side of England or the neighbours is never "gone well".
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from cscperf import settings
from cscperf.compare import uncertainty
from cscperf.compare.figure import contract_fields
from cscperf.compare.figure import help_text as _help
from cscperf.compare.published import comparable
from cscperf.compare.scorecard import Card, Scorecard, _plain
from cscperf.compare.targets import HIGHER, LOWER
from cscperf.compare.uncertainty import Interval, Limits

BETTER, WORSE, HIGHER_THAN, LOWER_THAN, SIMILAR = (
    "significantly better", "significantly worse", "significantly higher", "significantly lower",
    "not significantly different")
IMPROVED, WORSENED, ROSE, FELL, NORMAL = ("improved", "worsened", "rose", "fell", "within normal variation")
CHANGES = {IMPROVED: "a real improvement on a year earlier", WORSENED: "a real worsening on a year earlier",
           ROSE: "a real rise on a year earlier", FELL: "a real fall on a year earlier"}
# How much each reason adds to an exception's importance: the level against the target and the
# benchmarks first, then a real change; a difference where neither way is better counts least.
WEIGHTS = {"red": (8, "not meeting its target"), "amber": (4, "close to but not meeting its target"),
           WORSE: 4, BETTER: 2, HIGHER_THAN: 1, LOWER_THAN: 1, "change": 2}
IN_DEPTH = 4      # an exception this important is reported in depth: off target, worse than a benchmark, ...
PER_SECTION = 2   # ... the most important two of each section; the rest go in its compact table
SMALL_BASE = 2.0  # one child moving a percentage by this many points or more is said


@dataclass(frozen=True)
class Assessment:
    """How one indicator stands, with its uncertainty: what the pack and its narrative say."""

    id: str = field(metadata=_help("Indicator id"))
    interval: Interval | None = field(metadata=_help("The figure's 95% interval; None for averages or withheld figures"))
    england: str | None = field(metadata=_help(
        "Against England's published value, by the interval: 'significantly better' or 'worse' "
        "(or 'higher'/'lower' when neither way is better), 'not significantly different'; None when not compared"))
    neighbours: str | None = field(metadata=_help("The same against the statistical-neighbour average"))
    change: str | None = field(metadata=_help(
        "Since a year earlier: 'improved', 'worsened' ('rose'/'fell' when neither way is better) when "
        "the change is more than noise, 'within normal variation' when not; None when it cannot be judged"))
    limits: Limits | None = field(metadata=_help(
        "Control limits for the latest quarter from the quarters before (figures counted within each quarter only)"))
    outside_limits: bool = field(metadata=_help("The latest quarter is outside its control limits"))
    per_child: float | None = field(metadata=_help(
        f"Percentage points one child makes, when {SMALL_BASE:g} or more (a small base)"))
    importance: int = field(metadata=_help("Higher is more important; 0 is not an exception"))
    reasons: tuple[str, ...] = field(metadata=_help("Why it is an exception, in words, most important first"))

    @property
    def worse_than_published(self) -> bool:
        return WORSE in (self.england, self.neighbours)


def _against(interval: Interval | None, other: float | None, polarity: str) -> str | None:
    if interval is None or other is None:
        return None
    if interval.holds(other):
        return SIMILAR
    above = interval.low > other
    if polarity in (HIGHER, LOWER):
        return BETTER if above == (polarity == HIGHER) else WORSE
    return HIGHER_THAN if above else LOWER_THAN


def _change(card: Card) -> str | None:
    d, moved = card.definition, card.since_last_year
    significant = uncertainty.changed(card.current, card.last_year, d.unit)
    if significant is None or moved is None:
        return None
    if not significant:
        return NORMAL
    if moved.judgement is not None and moved.judgement.value != "no change":
        return IMPROVED if moved.judgement.value == "improving" else WORSENED
    return ROSE if moved.change > 0 else FELL


def _limits(card: Card) -> Limits | None:
    """Only for figures counted within each quarter: quarter-end snapshots and rolling 12 months
    overlap from one point to the next, which control limits do not allow for."""
    if card.definition.grain != "in_period" or card.definition.min_months:
        return None
    return uncertainty.control_limits(card.series, card.definition.unit)


def assess(card: Card) -> Assessment:
    d, now = card.definition, card.current
    interval = uncertainty.interval(now, d.unit)
    p = card.published
    # a figure whose history is incomplete is stated, not judged (nor is a change to it)
    compared = p is not None and not p.unavailable and comparable(d.unit) and not now.history
    england = _against(interval, p.england if compared else None, d.polarity)
    neighbours = _against(interval, p.neighbour_mean if compared else None, d.polarity)
    change = _change(card)
    limits = _limits(card)
    outside = limits is not None and now.value is not None and not now.history and not limits.holds(now.value)
    small = uncertainty.per_child(now, d.unit)
    reasons: list[tuple[int, str]] = []  # (weight, words): the level against target and benchmarks first
    if card.rag in ("red", "amber"):
        reasons.append(WEIGHTS[card.rag])
    for name, standing in (("England", england), ("similar councils", neighbours)):
        if standing in (WORSE, BETTER, HIGHER_THAN, LOWER_THAN):
            reasons.append((WEIGHTS[standing], f"{standing} than {name}"))
    if change in CHANGES:
        reasons.append((WEIGHTS["change"], CHANGES[change]))
    if outside:
        reasons.append((WEIGHTS["change"], "outside the range of the last two years (control limits)"))
    reasons.sort(key=lambda r: -r[0])
    return Assessment(d.id, interval, england, neighbours, change, limits, outside,
                      small if small is not None and small >= SMALL_BASE else None,
                      sum(r[0] for r in reasons), tuple(r[1] for r in reasons))


@dataclass(frozen=True)
class Headline:
    """One measure on the performance-on-a-page."""

    id: str = field(metadata=_help("Indicator id"))
    title: str = field(metadata=_help("Indicator title"))
    section_title: str = field(metadata=_help("The area of the child's journey it belongs to"))
    meaning: str = field(metadata=_help("One plain sentence on what the figure means"))


@dataclass(frozen=True)
class PackSection:
    """One area of the child's journey: its exceptions in depth, the rest in one compact table."""

    id: str = field(metadata=_help("Section id"))
    title: str = field(metadata=_help("Section title"))
    exceptions: tuple[str, ...] = field(metadata=_help(
        f"Indicator ids reported in depth, most important first: at most {PER_SECTION}, each of importance {IN_DEPTH} or more"))
    rest: tuple[str, ...] = field(metadata=_help("Indicator ids listed in the compact table, in journey order"))


@dataclass(frozen=True)
class Pack:
    """What the member pack shows, in order; ids refer to the scorecard's cards."""

    headlines: tuple[Headline, ...] = field(metadata=_help("Performance on a page, in the configured order"))
    sections: tuple[PackSection, ...] = field(metadata=_help("Each area of the child's journey"))
    gone_well: tuple[str, ...] = field(metadata=_help("What has gone well, most important first, in words"))
    needs_to_improve: tuple[str, ...] = field(metadata=_help("What needs to improve, most important first"))
    assessments: tuple[Assessment, ...] = field(metadata=_help("Every indicator's assessment, in journey order"))

    def assessment(self, id: str) -> Assessment:
        return next(a for a in self.assessments if a.id == id)

    def to_dict(self) -> dict:
        return _plain(dataclasses.asdict(self))


def fields_help() -> list[tuple[str, str]]:
    return contract_fields(Pack, (Headline, PackSection, Assessment, Interval, Limits))


def headline_ids(registry_ids: list[str] | None = None) -> tuple[str, ...]:
    """The `pack` setting's indicator ids, in order."""
    ids = tuple(i.strip() for i in str(settings.get("pack")).split(",") if i.strip())
    if registry_ids is not None:
        unknown = [i for i in ids if i not in registry_ids]
        if unknown:
            raise ValueError(f"the pack setting names no such indicator: {', '.join(unknown)} "
                             "(see `cscperf indicators list`)")
    return ids


def build(scorecard: Scorecard, headlines: tuple[str, ...] | None = None) -> Pack:
    """The pack for `scorecard`; `headlines` default to the `pack` setting."""
    from cscperf.compare import meaning

    ids = [c.definition.id for c in scorecard.cards]
    wanted = headline_ids(ids) if headlines is None else headlines
    assessed = {c.definition.id: assess(c) for c in scorecard.cards}
    by_id = {c.definition.id: c for c in scorecard.cards}
    tops = tuple(Headline(i, by_id[i].definition.title, by_id[i].definition.section_title,
                          meaning.sentence(by_id[i], assessed[i])) for i in wanted if i in by_id)
    # measures kept to the full report (member_pack false) are left out, unless a headline
    scorecard = dataclasses.replace(scorecard, cards=tuple(
        c for c in scorecard.cards if c.definition.member_pack or c.definition.id in wanted))
    grouped: dict[str, list[Card]] = {}
    for card in scorecard.cards:
        grouped.setdefault(card.definition.section, []).append(card)
    sections = []
    for id, cards in grouped.items():
        ranked = sorted((c.definition.id for c in cards if assessed[c.definition.id].importance >= IN_DEPTH),
                        key=lambda i: -assessed[i].importance)[:PER_SECTION]
        sections.append(PackSection(id, cards[0].definition.section_title, tuple(ranked),
                                    tuple(c.definition.id for c in cards if c.definition.id not in ranked)))
    well, improve = meaning.summary(scorecard, assessed)
    return Pack(tops, tuple(sections), tuple(well), tuple(improve), tuple(assessed.values()))
