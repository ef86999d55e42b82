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

from cscperf.reference.ees import dataset_name
from cscperf.reference.measures import EesSource, LaitSource
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


def _ees(dataset: str, column: str, **filters: str) -> EesSource:
    return EesSource(ees=dataset, column=column, filters=filters)


C1, C4 = "c1_children_in_need_referrals_and_rereferrals", "c4_children_in_need_section_47s_and_icpcs"
CLA, STABILITY = "cla_number_and_rate_per_10k_children", "la_cla_placement_stability"
LEAVERS = "la_care_leavers_activity"
EET = "Total in education, employment or training"
# What an authority's published figures are read from: counts in the year (turned into rates per
# 10,000 children) and percentages as published. `cscperf reference snapshot` keeps these too, so
# the shipped snapshot can aim a synthetic authority at its published rates.
RATES: dict[str, EesSource] = {
    "referrals_per_10k": _ees(C1, "referral_count"),
    "cin_per_10k": _ees("b1_children_in_need", "At31_episodes"),
    "s47_per_10k": _ees(C4, "Section47"),
    "icpc_per_10k": _ees(C4, "ICPC"),
    "cp_starts_per_10k": _ees("d3_cpps_subsequent_plan", "CPP_start"),
    "cp_per_10k": _ees("d5_cpps_at31march_by_duration", "CPP_At31"),
    "cla_per_10k": _ees(CLA, "children_count",
                        population_type="Children looked after on 31 March each year"),
    "cla_starts_per_10k": _ees(CLA, "children_count",
                               population_type="Children starting to be looked after each year"),
}
PERCENTAGES: dict[str, EesSource | LaitSource] = {
    "rereferrals_pct": _ees(C1, "rereferral_percent"),
    "nfa_pct": _ees(C1, "no_further_action_percent"),
    "not_in_need_pct": _ees(C1, "not_in_need_percent"),
    "cp_second_pct": _ees("d3_cpps_subsequent_plan", "CPP_subsequent_percent"),
    "placements_3plus_pct": _ees(STABILITY, "children_percent", cla_group="CLA on 31 March",
                                 placement_stability="With 3 or more placements during the year"),
    "care_leavers_eet_pct": _ees(LEAVERS, "care_leaver_percent", care_leaver_age="19 to 21 years",
                                 breakdown=EET),
    "care_leavers_17_18_eet_pct": _ees(LEAVERS, "care_leaver_percent", care_leaver_age="17 to 18 years",
                                       breakdown=EET),
    "assessments_45wd_pct": LaitSource(lait="Continue_Assess_Comp"),
}
# ICPCs within 15 working days: those in 0-10 and 11-15 days, of all ICPCs.
ICPC_DAYS = (_ees(C4, "Duration_0-10_days"), _ees(C4, "Duration_11-15_days"))
SOURCES: tuple[EesSource | LaitSource, ...] = (*RATES.values(), *PERCENTAGES.values(), *ICPC_DAYS)
# ONS files read whole: the population for rates, and the Census ethnic mix.
ONS_FILES = ("ons_mid-year_population_estimates_*.csv", "ons-ethnic-population-la.csv")


def published(la: str, reference: Path, year: int) -> Targets:
    """The authority's published figures for collection year `year` or the latest before it."""
    population = _population(reference / "ons", la, year)

    def value(source: EesSource | LaitSource) -> float | None:
        if isinstance(source, LaitSource):
            return _lait(reference / "lait" / "bds_long_0.parquet", la, year, source.lait)
        return _ees_value(reference / "ees", source, la, year)

    found = {name: count / population * 10_000 for name, source in RATES.items()
             if (count := value(source)) is not None}
    found |= {name: figure for name, source in PERCENTAGES.items()
              if (figure := value(source)) is not None}
    icpcs, quick, on_time = value(RATES["icpc_per_10k"]), *(value(s) for s in ICPC_DAYS)
    if icpcs and quick is not None and on_time is not None:
        found["icpc_15wd_pct"] = 100 * (quick + on_time) / icpcs
    return dataclasses.replace(national(la), population=population, published=tuple(sorted(found)),
                               ethnicity=_ethnicity(reference / "ons", la), **found)


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


def _file(folder: Path, dataset: str) -> Path:
    """The dataset's file in an EES folder, whichever years its name gives."""
    return next((p for p in sorted(folder.glob(f"{dataset}*.csv")) if dataset_name(p) == dataset),
                folder / f"{dataset}.csv")


def _ees_value(folder: Path, source: EesSource, la: str, year: int) -> float | None:
    """The source's figure for the authority: the latest year up to `year` that has one."""
    rows = sorted(_rows(_file(folder, source.ees)).get(la, []), key=lambda r: r["time_period"],
                  reverse=True)
    for row in rows:
        if int(row["time_period"][:4]) <= year and all(row.get(k) == v
                                                       for k, v in source.filters.items()):
            number = _number(row.get(source.column))
            if number is not None:
                return number
    return None


def _population(ons: Path, la: str, year: int) -> int:
    """ONS children aged 0-17 for the latest mid-year before the collection year ends."""
    rows = _rows(_file(ons, "ons_mid-year_population_estimates")).get(la, [])
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
