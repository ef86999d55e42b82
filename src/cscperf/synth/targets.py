"""What a synthetic authority aims at: an authority's published figures, or national ones.

With a reference folder (the layout of `../shared/reference`: `ees/*.csv`, `ons/*.csv`, and
optionally the LAIT table `lait/bds_long_0.parquet`), each figure is the authority's latest
published value for the collection year or before; a figure that is suppressed or missing falls
back to the built-in national value. Without one, every figure is national.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from cscperf.synth.authorities import authority

# The headline measures reported beside their targets at the end of a run.
HEADLINE = (
    ("cla_per_10k", "Children looked after per 10,000"),
    ("cp_per_10k", "Children on a CP plan per 10,000"),
    ("cin_per_10k", "Children in need per 10,000"),
    ("referrals_per_10k", "Referrals per 10,000"),
    ("rereferrals_pct", "Re-referrals within 12 months %"),
    ("assessments_45wd_pct", "Assessments within 45 working days %"),
    ("cp_second_pct", "Second or subsequent CP plans %"),
    ("placements_3plus_pct", "Looked after with 3+ placements %"),
    ("care_leavers_eet_pct", "Care leavers 19-21 in EET %"),
)


@dataclass(frozen=True)
class Targets:
    la: str
    population: int  # children aged 0-17
    referrals_per_10k: float = 519.4
    rereferrals_pct: float = 22.6
    nfa_pct: float = 6.5
    not_in_need_pct: float = 30.8
    assessments_45wd_pct: float = 83.0
    s47_per_10k: float = 189.3
    icpc_per_10k: float = 59.2
    icpc_15wd_pct: float = 81.4
    cp_starts_per_10k: float = 50.8
    cp_per_10k: float = 40.6
    cp_second_pct: float = 24.5
    cin_per_10k: float = 330.3
    cla_per_10k: float = 67.1
    cla_starts_per_10k: float = 26.5
    placements_3plus_pct: float = 10.0
    care_leavers_eet_pct: float = 54.0
    care_leavers_17_18_eet_pct: float = 64.0
    ethnicity: tuple[tuple[str, float], ...] = ()  # the authority's mix, Census 2021 groups
    published: tuple[str, ...] = field(default=())  # which figures are the authority's own

    def count(self, per_10k: float) -> float:
        """A rate per 10,000 as a yearly number for this authority."""
        return per_10k * self.population / 10_000


def national(la: str) -> Targets:
    """National figures (England, 2024-25), sized by the built-in population."""
    return Targets(la=la, population=authority(la).population)


def published(la: str, reference: Path, year: int) -> Targets:
    """The authority's published figures for collection year `year` or the latest before it."""
    ees, ons = reference / "ees", reference / "ons"
    population = _population(ons, la, year)
    found: dict[str, float] = {}

    def rate(name: str, count: float | None) -> None:
        if count is not None:
            found[name] = count / population * 10_000

    def pct(name: str, value: float | None) -> None:
        if value is not None:
            found[name] = value

    c1 = _ees(ees / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", la, year)
    rate("referrals_per_10k", c1("referral_count"))
    pct("rereferrals_pct", c1("rereferral_percent"))
    pct("nfa_pct", c1("no_further_action_percent"))
    pct("not_in_need_pct", c1("not_in_need_percent"))
    rate("cin_per_10k", _ees(ees / "b1_children_in_need_2013_to_2025.csv", la, year)("At31_episodes"))
    c4 = _ees(ees / "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv", la, year)
    rate("s47_per_10k", c4("Section47"))
    rate("icpc_per_10k", c4("ICPC"))
    icpcs, quick, on_time = c4("ICPC"), c4("Duration_0-10_days"), c4("Duration_11-15_days")
    if icpcs and quick is not None and on_time is not None:
        found["icpc_15wd_pct"] = 100 * (quick + on_time) / icpcs
    d3 = _ees(ees / "d3_cpps_subsequent_plan_2013_to_2025.csv", la, year)
    rate("cp_starts_per_10k", d3("CPP_start"))
    pct("cp_second_pct", d3("CPP_subsequent_percent"))
    rate("cp_per_10k", _ees(ees / "d5_cpps_at31march_by_duration_2013_to_2025.csv", la, year)("CPP_At31"))
    cla = _ees(ees / "cla_number_and_rate_per_10k_children.csv", la, year)
    rate("cla_per_10k", cla("children_count", population_type="Children looked after on 31 March each year"))
    rate("cla_starts_per_10k", cla("children_count", population_type="Children starting to be looked after each year"))
    stability = _ees(ees / "la_cla_placement_stability.csv", la, year)
    pct("placements_3plus_pct", stability("children_percent", cla_group="CLA on 31 March",
                                          placement_stability="With 3 or more placements during the year"))
    leavers = _ees(ees / "la_care_leavers_activity.csv", la, year)
    eet = "Total in education, employment or training"
    pct("care_leavers_eet_pct", leavers("care_leaver_percent", care_leaver_age="19 to 21 years", breakdown=eet))
    pct("care_leavers_17_18_eet_pct", leavers("care_leaver_percent", care_leaver_age="17 to 18 years", breakdown=eet))
    pct("assessments_45wd_pct", _lait(reference / "lait" / "bds_long_0.parquet", la, year, "Continue_Assess_Comp"))
    return dataclasses.replace(national(la), population=population, published=tuple(sorted(found)),
                               ethnicity=_ethnicity(ons, la), **found)


def _number(text: str | None) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None  # suppressed: c, k, x, z, u, low, ':'


@cache
def _rows(path: Path) -> dict[str, list[dict[str, str]]]:
    """An EES file's local-authority rows, by DfE code."""
    by_la: dict[str, list[dict[str, str]]] = defaultdict(list)
    if path.exists():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["geographic_level"] == "Local authority":
                    by_la[row["old_la_code"]].append(row)
    return dict(by_la)


def _ees(path: Path, la: str, year: int):
    """A lookup of one column in an EES file, latest year up to `year`, filtered by other columns."""
    rows = sorted(_rows(path).get(la, []), key=lambda r: r["time_period"], reverse=True)

    def value(column: str, **where: str) -> float | None:
        for row in rows:
            if int(row["time_period"][:4]) <= year and all(row.get(k) == v for k, v in where.items()):
                number = _number(row.get(column))
                if number is not None:
                    return number
        return None

    return value


def _population(ons: Path, la: str, year: int) -> int:
    """ONS children aged 0-17 for the latest mid-year before the collection year ends."""
    rows = _rows(ons / "ons_mid-year_population_estimates_2012_to_2024.csv").get(la, [])
    usable = [r for r in rows if int(r["time_period"]) <= year - 1]
    if not usable:
        return authority(la).population
    return int(max(usable, key=lambda r: r["time_period"])["population_estimate"])


def _lait(path: Path, la: str, year: int, measure: str) -> float | None:
    if not path.exists():
        return None
    import duckdb

    rows = duckdb.connect().execute(
        'SELECT "Years", "Values" FROM read_parquet(?) WHERE "Short Desc" = ? AND "LA Number" = ? '
        'ORDER BY "Years" DESC', [str(path), measure, int(la)]).fetchall()
    for years, value in rows:
        if years[:4].isdigit() and int(years[:4]) <= year and _number(value) is not None:
            return round(float(value), 1)
    return None


def _ethnicity(ons: Path, la: str) -> tuple[tuple[str, float], ...]:
    path = ons / "ons-ethnic-population-la.csv"
    if not path.exists():
        return ()
    code = authority(la).ons_code
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        return tuple((group, float(count)) for area, _, group, _, count in reader
                     if area == code and group != "-8")
