"""Markdown for docs/indicators.md, generated from the registry and the helpers by cog."""

from __future__ import annotations

from cscperf.indicators import breakdowns, calc, published, query, registry
from cscperf.indicators.schema import REGISTRY_FIELDS, Indicator, Section, Unit
from cscperf.reference import measures

UNIT_WORDS = {"count": "count", "percent": "percentage", "rate_per_10k": "rate per 10,000 children",
              "days": "average days", "average": "average", "median": "median"}
GRAIN_WORDS = {"snapshot": "on the period's last day", "in_period": "events in the period",
               "rolling_12m": "events in the 12 months to the period's end",
               "rolling_36m": "events in the 36 months to the period's end"}
POLARITY_WORDS = {"higher_better": "higher is better", "lower_better": "lower is better",
                  "neutral": "neither higher nor lower is better"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def fields() -> str:
    """The fields of a definition, from the pydantic model."""
    lines = ["| field | required | meaning |", "|---|---|---|"]
    for name, info in Indicator.model_fields.items():
        if name in REGISTRY_FIELDS:
            continue
        meaning = info.description or {
            "unit": "count, percent, rate_per_10k, days or average",
            "polarity": "higher_better, lower_better or neutral",
            "grain": "snapshot, in_period, rolling_12m or rolling_36m",
            "breakdowns": "breakdown ids it can be split by (see below)",
        }.get(name, "")
        lines.append(f"| `{name}` | {'yes' if info.is_required() else ''} | {_cell(meaning)} |")
    return "\n".join(lines)


def contract() -> str:
    """The columns every SQL file must return."""
    return "\n".join(f"- `{name}` ({type_})" for name, type_ in query.REQUIRED_COLUMNS.items())


def helpers() -> str:
    lines = ["| helper | what it is |", "|---|---|"]
    lines += [f"| `{name}` ({kind}) | {_cell(text)} |" for kind, name, text in calc.helpers()]
    return "\n".join(lines)


def breakdown_table() -> str:
    lines = ["| id | breakdown | comes from |", "|---|---|---|"]
    for b in breakdowns.BREAKDOWNS.values():
        source = ("the child (calc.children), on the unit's date" if b.of_child
                  else f"the SQL's `{b.id.value}` column" + (", a list: a unit counts in each of its groups"
                                                            if b.is_list else ""))
        lines.append(f"| `{b.id.value}` | {b.title} | {source} |")
    return "\n".join(lines)


def catalogue() -> str:
    """Every indicator, section by section, in plain English."""
    library = registry.default()
    out = []
    for section in Section:
        members = [i for i in library if i.section is section]
        if not members:
            continue
        out.append(f"### {section.title}\n")
        for i in members:
            out.append(f"#### `{i.id}`: {i.title}\n")
            out.append(f"{i.definition}\n")
            facts = [f"**Numerator:** {i.numerator}"]
            if i.denominator:
                facts.append(f"**Denominator:** {i.denominator}")
            places = "" if i.unit is Unit.count else f" to {i.decimals} decimal place{'s' * (i.decimals != 1)}"
            facts += [f"**Unit:** {UNIT_WORDS[i.unit.value]}{places}; {POLARITY_WORDS[i.polarity.value]}",
                      f"**Counts:** {GRAIN_WORDS[i.grain.value]}"
                      + (f"; periods of at least {i.min_months} months" if i.min_months else ""),
                      f"**What good looks like:** {i.good}"]
            if i.breakdowns:
                facts.append("**Breakdowns:** " + ", ".join(b.value for b in i.breakdowns))
            if i.recorded_in:
                facts.append("**Only where recorded in:** " + ", ".join(i.recorded_in))
            if i.any_day_when:
                facts.append(f"**On any day only where recorded in:** {i.any_day_when.recorded_in}; otherwise "
                             f"{i.any_day_when.otherwise}")
            if i.published_only:
                facts.append(f"**Published figure:** `{i.benchmark}` ({measures.measure(i.benchmark).title}), "
                             f"from {published.where_to_get(measures.measure(i.benchmark))}")
            elif i.benchmark:
                facts.append(f"**Benchmark:** `{i.benchmark}` ({measures.measure(i.benchmark).title})")
            if i.share_of_population:
                facts.append(f"**Share of the child population:** {i.share_of_population}, rounded up to a whole child")
            sql = f", SQL `defs/{i.sql_source}`" if i.sql_source else ""
            facts.append(f"**Definition:** `defs/{i.source.partition(':')[0]}`{sql}")
            out.append("\n".join(f"- {fact}" for fact in facts) + "\n")
    return "\n".join(out)


def parity() -> str:
    """Each indicator beside the DfE measure it reproduces, and any deliberate difference."""
    lines = ["| indicator | DfE or LAIT measure it reproduces | deliberate difference, and why |", "|---|---|---|"]
    for i in registry.default():
        lines.append(f"| `{i.id}` ({_cell(i.title)}) | {_cell(i.dfe_measure or 'local measure')} | "
                     f"{_cell(i.differs or '-')} |")
    return "\n".join(lines)
