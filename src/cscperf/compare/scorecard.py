"""The scorecard: every indicator for one authority and period, with everything a committee
compares it with. The committee report and the dashboard both read it; it is their contract.

Per indicator (a `Card`): the figure for the period with its numerator and denominator, the
previous period, the same period a year earlier, a 12-month trend and an 8-quarter series, the
target and RAG rating, the direction of travel, the latest published figures (authority,
statistical neighbours, region, England, quartile), breakdowns that matter, and officers'
commentary. Its figures come from `shown.Shown`, protected for members as one release with
everything else the outputs show for the period, unless it is built `internal`. `Scorecard.to_dict()` is its JSON form; every field of every
class here carries help text (`fields_help()`), which docs/report.md lists.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field, replace
from datetime import datetime

import duckdb

from cscperf.compare.commentary import NO_COMMENTARY, NONE_GIVEN, Commentary
from cscperf.compare.direction import Direction, direction
from cscperf.compare.figure import INTERNAL_NOTE, Figure, contract_fields, footnote, number, revive
from cscperf.compare.figure import help_text as _help
from cscperf.compare.plan import Plan, short_label
from cscperf.compare.published import (HOW_TO_GET, NeighbourValue, Published, any_imported, comparable, position,
                                       published)
from cscperf.compare.shown import SPLITS, Shown, plans
from cscperf.compare.targets import NO_TARGETS, Rag, Targets, rag
from cscperf.indicators.breakdowns import AREAS, NO_AREA
from cscperf.indicators.periods import Period
from cscperf.reference import authorities

# Breakdowns a committee asks to see, where the indicator supports them.
BREAKDOWNS = {
    "cla": ("placement_type", "uasc", "district", "locality", "age_band"),
    "cla_started": ("age_band", "category_of_need", "uasc"),
    "cla_placed_20miles_pct": ("distance_from_home", "placement_type"),
    "cla_placed_outside_la_pct": ("placement_area",),
    "referrals": ("referral_source", "district", "locality"),
    "cp_plans": ("category_of_abuse", "age_band"),
    "cin": ("district", "locality"),
    "exploitation_children": ("ward", "locality"),
    "assessment_factor_children": ("factor",),
}


@dataclass(frozen=True)
class Definition:
    """What the scorecard needs to know of an indicator: its registry entry, flattened."""

    id: str = field(metadata=_help("Stable snake_case id"))
    title: str = field(metadata=_help("Short title"))
    section: str = field(metadata=_help("Section of the child's journey it belongs to (id)"))
    section_title: str = field(metadata=_help("The section's title"))
    definition: str = field(metadata=_help("What is counted, in plain English"))
    numerator: str = field(metadata=_help("The numerator in words"))
    denominator: str | None = field(metadata=_help("The denominator in words (ratios only)"))
    good: str = field(metadata=_help("What good looks like"))
    unit: str = field(metadata=_help("count, percent, rate_per_10k, days or average"))
    polarity: str = field(metadata=_help("higher_better, lower_better or neutral"))
    grain: str = field(metadata=_help("snapshot (on the last day), in_period or rolling_12m"))
    decimals: int = field(metadata=_help("Decimal places of the value"))
    min_months: int | None = field(default=None, metadata=_help("Shortest period it is computed for"))
    breakdowns: tuple[str, ...] = field(default=(), metadata=_help("Breakdowns it supports"))
    benchmark: str | None = field(default=None, metadata=_help("Matching published measure id"))
    member_pack: bool = field(default=True, metadata=_help(
        "In the member pack; false: only in the full report, the dashboard and the workbook"))
    published_only: bool = field(default=False, metadata=_help(
        "True: the value is worked out from published figures (a published measure, or the child "
        "population), not counted from the authority's data: no children are behind it"))

    @classmethod
    def of(cls, indicator) -> Definition:
        """From a registry entry (`cscperf.indicators.schema.Indicator`)."""
        return cls(indicator.id, indicator.title, indicator.section.value, indicator.section.title,
                   indicator.definition, indicator.numerator, indicator.denominator, indicator.good,
                   indicator.unit.value, indicator.polarity.value, indicator.grain.value,
                   indicator.decimals, indicator.min_months,
                   tuple(b.value for b in indicator.breakdowns), indicator.benchmark,
                   indicator.member_pack, indicator.published_only or bool(indicator.share_of_population))


@dataclass(frozen=True)
class Priority:
    """A local priority in SMART form, from the targets file."""

    text: str = field(metadata=_help("The priority"))
    owner: str = field(metadata=_help("Who is accountable"))
    due: str = field(metadata=_help("When it is to be achieved (ISO date)"))


@dataclass(frozen=True)
class Breakdown:
    """The indicator for the period split by one breakdown, each group suppressed as the total is."""

    id: str = field(metadata=_help("Breakdown id: age_band, placement_type, district, ..."))
    groups: tuple[Figure, ...] = field(metadata=_help("One figure per group present, `group` naming it"))


@dataclass(frozen=True)
class MonthSplit:
    """One month of a split series: its total and its groups, suppressed as a breakdown is."""

    total: Figure = field(metadata=_help("The month's figure"))
    groups: tuple[Figure, ...] = field(metadata=_help("One figure per group present that month, `group` naming it"))


@dataclass(frozen=True)
class Split:
    """The indicator month by month, each month split by one breakdown (children looked after by
    UASC, say)."""

    breakdown: str = field(metadata=_help("Breakdown id"))
    months: tuple[MonthSplit, ...] = field(metadata=_help("Each month, oldest first"))

    @property
    def groups(self) -> list[str]:
        """Every group present in any month, in order."""
        return sorted({g.group for m in self.months for g in m.groups if g.group is not None})


@dataclass(frozen=True)
class RuleChildren:
    """One DfE rule broken by records of children behind a figure."""

    rule: str = field(metadata=_help("The DfE rule's code"))
    children: int = field(metadata=_help("Children behind the figure whose records break it"))


@dataclass(frozen=True)
class RuleErrors:
    """Children behind a figure whose records break an error-level DfE rule: data the DfE would
    reject. Child-level, so in internal scorecards only."""

    children: int = field(metadata=_help("Children in the numerator or denominator with at least one "
                                         "error-level DfE rule breach in the store's findings"))
    rules: tuple[RuleChildren, ...] = field(metadata=_help("The rules they break, most children first"))


@dataclass(frozen=True)
class Card:
    """One indicator on the scorecard."""

    definition: Definition = field(metadata=_help("The indicator's definition"))
    current: Figure = field(metadata=_help("The figure for the period (for a 12-month indicator in a "
                                           "shorter period, the 12 months ending on the same day)"))
    previous: Figure = field(metadata=_help("The figure for the period before"))
    last_year: Figure = field(metadata=_help("The figure for the same period a year earlier"))
    trend: tuple[Figure, ...] = field(metadata=_help("The 12 months ending with the period, oldest first"))
    series: tuple[Figure, ...] = field(metadata=_help("8 financial quarters ending with the period, oldest first"))
    target: float | None = field(default=None, metadata=_help("The target, when one is set"))
    amber_limit: float | None = field(default=None, metadata=_help("The worst value still amber, when there is an amber band"))
    rag: str | None = field(default=None, metadata=_help("green, amber or red; None with no target or value, for a "
                                                         "neutral indicator, or when the figure's history is incomplete"))
    rag_label: str | None = field(default=None, metadata=_help("The RAG rating in words and a symbol, never colour alone"))
    priority: Priority | None = field(default=None, metadata=_help("The local priority the target belongs to"))
    since_previous: Direction | None = field(default=None, metadata=_help("Direction of travel since the period before"))
    since_last_year: Direction | None = field(default=None, metadata=_help("Direction of travel since a year earlier"))
    published: Published | None = field(default=None, metadata=_help("Latest published comparison; None when no published measure matches"))
    against_england: str | None = field(default=None, metadata=_help(
        "'above', 'below' or 'the same as' England's published value, both at the published precision; None "
        "for counts, or with no figure to compare"))
    against_neighbours: str | None = field(default=None, metadata=_help(
        "The same against the statistical neighbours' mean, at the published precision"))
    cause: str | None = field(default=None, metadata=_help("Officers' commentary: why it is where it is"))
    action: str | None = field(default=None, metadata=_help("Officers' commentary: what is being done"))
    action_owner: str | None = field(default=None, metadata=_help("Who owns the action"))
    commentary_note: str | None = field(default=None, metadata=_help(
        f"'{NONE_GIVEN}' for a red or amber indicator with no commentary for the period"))
    breakdowns: tuple[Breakdown, ...] = field(default=(), metadata=_help("Breakdowns shown for the period"))
    split: Split | None = field(default=None, metadata=_help(
        "The 12-month trend split by a breakdown, for indicators followed that way (SPLITS)"))
    rule_errors: RuleErrors | None = field(default=None, metadata=_help(
        "Internal only: the figure's children with error-level DfE rule breaches; None when none, "
        "and always in member-facing scorecards"))


@dataclass(frozen=True)
class Scorecard:
    """Every indicator for one authority and period."""

    la: str = field(metadata=_help("The authority's DfE 3-digit code"))
    la_name: str = field(metadata=_help("The authority's name (its code when reference data is not imported)"))
    period: str = field(metadata=_help("The period as written: 2024-25:Q4"))
    period_label: str = field(metadata=_help("The period in words"))
    period_short: str = field(metadata=_help("The period in a sentence: 'Quarter 4 2024-25'"))
    previous_short: str = field(metadata=_help("The period before, in a sentence"))
    period_end: str = field(metadata=_help("The period's last day (ISO date); snapshots are taken on it"))
    generated_at: str = field(metadata=_help("When the scorecard was built (ISO timestamp)"))
    internal: bool = field(metadata=_help("True: small numbers are NOT suppressed; for officers only"))
    suppress_below: int = field(metadata=_help("Counts from 1 to this minus one are withheld (member-facing)"))
    footnote: str = field(metadata=_help("The note explaining [c] (member-facing) or the internal warning"))
    benchmarks_note: str | None = field(metadata=_help("Set when no published benchmarks are available: how to get them"))
    cards: tuple[Card, ...] = field(metadata=_help("One card per indicator, in the order of the child's journey"))

    def to_dict(self) -> dict:
        return _plain(dataclasses.asdict(self))

    @classmethod
    def from_dict(cls, data: dict) -> Scorecard:
        """The scorecard back from its `to_dict()` form (as a prepared one is kept)."""
        return revive(cls, data)

    def card(self, id: str) -> Card | None:
        return next((c for c in self.cards if c.definition.id == id), None)


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value


def fields_help() -> list[tuple[str, str]]:
    """(field path, help) for every field of the contract, nested classes included."""
    return contract_fields(Scorecard, (Card, Definition, Figure, Direction, Published, NeighbourValue,
                                       Priority, Breakdown, Split, MonthSplit, RuleErrors, RuleChildren))


# Building -------------------------------------------------------------------------------------

def scored(figure: Figure) -> int | float | None:
    """The value to rate and compare over time: None when the figure's history is incomplete."""
    return None if figure.history else figure.value


def build(con: duckdb.DuckDBPyConnection, period: str | Period, la: str, *,
          targets: Targets = NO_TARGETS, commentary: Commentary = NO_COMMENTARY,
          internal: bool = False, registry=None, now: datetime | None = None,
          shown: Shown | None = None) -> Scorecard:
    """The scorecard for authority `la` and `period`, from `shown` (every figure the outputs show
    for them, computed by the indicator engine when not given)."""
    from cscperf.indicators import engine
    from cscperf.indicators.registry import default

    registry = registry or default()
    definitions = [Definition.of(i) for i in registry]
    by_id = {d.id: d for d in definitions}
    targets.check({d.id: d.polarity for d in definitions})
    commentary.check(set(by_id), Period.parse)
    period = Period.parse(period)
    shown = shown or Shown.compute(con, period, la, internal=internal, registry=registry)
    chosen = plans(registry, period)
    apart = not_compared(con, registry, la)
    # which children break the DfE's rules is child-level, however few: worked out for officers
    # only, so a members' scorecard never carries it, in any number
    errors = engine.rule_errors(con, {d.id: chosen[d.id].current for d in definitions}, la,
                                registry) if internal else {}
    cards = tuple(replace(card(con, d, chosen[d.id], period, la, shown, targets, commentary, apart.get(d.id)),
                          rule_errors=_rule_errors(errors.get(d.id))) for d in definitions)
    return Scorecard(
        la=la, la_name=authorities.authority(con, la).name, period=str(period), period_label=period.label,
        period_short=short_label(period), previous_short=short_label(period.previous()),
        period_end=period.end.isoformat(), generated_at=(now or datetime.now()).isoformat(timespec="seconds"),
        internal=shown.internal, suppress_below=shown.below,
        footnote=INTERNAL_NOTE if shown.internal else footnote(shown.below),
        benchmarks_note=None if any_imported(con) else HOW_TO_GET, cards=cards)


def not_compared(con: duckdb.DuckDBPyConnection, registry, la: str) -> dict[str, str]:
    """Indicators whose figures for `la` are not like their published measure's (the definition's
    `benchmark_when`), with why."""
    from cscperf.indicators import query

    found = {}
    for indicator in registry:
        when = indicator.benchmark_when
        if when and la not in {row[0] for row in con.execute(query.recorded_sql(when.recorded_in)).fetchall()}:
            found[indicator.id] = when.otherwise
    return found


def _published(con, d: Definition, la: str, apart: str | None) -> Published | None:
    """The published comparison, or why there is none: not imported, else not like this figure."""
    if d.benchmark is None:
        return None
    found = published(con, d.benchmark, la)
    return Published(d.benchmark, unavailable=apart) if apart and not found.unavailable else found


def against(d: Definition, figure: Figure, p: Published | None, which: str) -> str | None:
    """Above, below or the same as a published value, at the published precision (or ours, if
    fewer places): only for percentages, rates and averages with a figure that is scored."""
    if p is None or p.unavailable or not comparable(d.unit):
        return None
    return position(scored(figure), getattr(p, which), p.places(d.decimals))


def _rule_errors(found: tuple[int, list[tuple[str, int]]] | None) -> RuleErrors | None:
    if found is None:
        return None
    children, rules = found
    return RuleErrors(children, tuple(RuleChildren(rule, n) for rule, n in rules))


def card(con, d: Definition, plan: Plan, period: Period, la: str, shown: Shown,
         targets: Targets, commentary: Commentary, apart: str | None = None) -> Card:
    """One indicator's card; `period` is the report's (commentary is written for it); `apart`
    says why its figure is not set beside its published measure, when it is not."""
    current = shown.get(d.id, plan.current)
    previous = shown.get(d.id, plan.previous)
    last_year = shown.get(d.id, plan.last_year)
    target = targets.get(d.id)
    # a figure whose history is incomplete is shown, but neither rated nor compared over time
    rating = rag(scored(current), d.polarity, target)
    entry = commentary.get(str(period), d.id)
    groups = [Breakdown(b, shown.groups(d.id, plan.current, b))
              for b in BREAKDOWNS.get(d.id, ()) if b in d.breakdowns]
    split = SPLITS.get(d.id)
    limit = target.amber_limit(d.polarity) if target else None
    compared = _published(con, d, la, apart)
    return Card(
        definition=d, current=current, previous=previous, last_year=last_year,
        trend=tuple(shown.get(d.id, p) for p in plan.trend),
        series=tuple(shown.get(d.id, p) for p in plan.series),
        target=number(target.target) if target else None,
        amber_limit=number(limit) if limit is not None else None,
        rag=rating.value if rating else None, rag_label=rating.label if rating else None,
        priority=Priority(target.priority.text, target.priority.owner, target.priority.due.isoformat())
        if target and target.priority else None,
        since_previous=_travel(d, current, previous),
        since_last_year=_travel(d, current, last_year),
        published=compared,
        against_england=against(d, current, compared, "england"),
        against_neighbours=against(d, current, compared, "neighbour_mean"),
        cause=entry.cause if entry else None, action=entry.action if entry else None,
        action_owner=entry.owner if entry else None,
        commentary_note=NONE_GIVEN if entry is None and rating in (Rag.red, Rag.amber) else None,
        breakdowns=tuple(g for g in groups if worth_showing(g)),
        split=split_series(shown, d.id, plan.trend, split) if split in d.breakdowns else None)


def _travel(d: Definition, now: Figure, then: Figure) -> Direction | None:
    """Direction of travel from `then` to `now`; none between two periods showing the same
    published year's figure, which has not moved (a published figure changes once a year), nor
    from or to a figure whose history is incomplete."""
    if now.note and now.note == then.note:
        return None
    return direction(scored(now), scored(then), d.polarity, d.unit, d.decimals, then.period)


def worth_showing(breakdown: Breakdown) -> bool:
    """A breakdown with groups; by area, one naming two areas or more (a unitary authority is one
    district; children with no postcode, or a lookup not imported, name none)."""
    if breakdown.id not in AREAS:
        return bool(breakdown.groups)
    return sum(g.group not in NO_AREA for g in breakdown.groups) >= 2


def split_series(shown: Shown, id: str, months: list[Period], breakdown: str,
                 groups: Shown | None = None) -> Split:
    """The indicator for each of `months`, each split by `breakdown`, as `shown` gives them (for
    members, protected with everything else shown for the period); the groups from `groups` when
    given (an analyst's split worked out on asking)."""
    found = []
    for month in months:
        found.append(MonthSplit(shown.get(id, month), (groups or shown).groups(id, month, breakdown)))
    return Split(breakdown, tuple(found))
