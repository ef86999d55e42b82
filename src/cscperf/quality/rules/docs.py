"""The rule catalogue in docs/validation.md, generated from the declarations (`cog`)."""

from __future__ import annotations

from collections import defaultdict

from cscperf.quality.rules.declare import LIST_YEARS, Rule, describe_year, registry

FORMAT_NAMES = {"ssda903": "SSDA903 (children looked after)", "cin_census": "CIN census"}


def _years(rule: Rule) -> str:
    known = LIST_YEARS[rule.format]
    years = sorted(rule.years)
    if years == [y for y in known if y >= years[0]]:
        return f"{describe_year(years[0])} on" if years[0] != known[0] else "all"
    return ", ".join(describe_year(y) for y in years)


def catalogue() -> str:
    """Per format and group, every rule: code, severity, years, who sets it, its message."""
    out = []
    for format, rules in registry().items():
        groups: dict[str, list[Rule]] = defaultdict(list)
        for rule in rules.values():
            if rule.shape != "cannot":
                groups[rule.group].append(rule)
        out.append(f"### {FORMAT_NAMES[format]}: {sum(map(len, groups.values()))} rules checked\n")
        for group, found in sorted(groups.items()):
            out.append(f"#### {format}/{group}.yaml\n")
            out.append("| Rule | Severity | Lists | Message |")
            out.append("|---|---|---|---|")
            for rule in found:
                code = rule.code + (" (Data to Insight)" if rule.source != "DfE" else "")
                out.append(f"| {code} | {rule.severity} | {_years(rule)} | {rule.message()} |")
            out.append("")
    return "\n".join(out)


def not_checked() -> str:
    """Rules declared as not checkable from the returns, with why."""
    out = []
    for format, rules in registry().items():
        for rule in rules.values():
            if rule.shape == "cannot":
                out.append(f"- `{rule.code}` ({format}): {rule.check}")
    return "\n".join(out) + "\n"
