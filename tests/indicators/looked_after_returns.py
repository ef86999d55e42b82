"""Seeded looked-after children, written as SSDA903 returns (one set of CSV tables per collection
year) and as the SSD tables an export would hold, for the test that both give the same figures.

Each 903 return holds what its year's return would: the episodes open at some time in the year as
they stood on its 31 March (later returns complete what earlier ones left open), the year's
reviews and missing episodes, and the OC2 health of children looked after for the 12 months to
its 31 March. The SSD export holds everything at once, with periods of care, placements and
legal statuses as spells, check dates as they happened, and what the 903 cannot carry: return
home interviews, initial health assessments and disabilities.

Every episode is open on or after the first return's first day (an episode that ended earlier is
in no return); reviews and missing episodes are from that day on, likewise.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

FIRST, LAST = date(2022, 4, 1), date(2025, 3, 31)
YEARS = (2023, 2024, 2025)
# fake postcodes (no directory has them) with grid references in metres and districts; the
# authority's own district is E06000034
HOMES = {"QA11AA": (560000, 180000, "E06000034"), "QA12AB": (565000, 183000, "E06000034")}
PLACES = {"QB11AA": (561000, 181000, "E06000034"), "QB22BB": (590000, 200000, "E08000001"),
          "QB33CC": (530000, 170000, "E06000099")}
POSTCODES = {**HOMES, **PLACES}
ENDINGS = ["E4A", "E4B", "E11", "E12", "E45", "E41", "E17", "E13", "E8"]


@dataclass
class Placement:
    id: str
    start: date
    type: str
    provider: str
    postcode: str
    end: date | None = None


@dataclass
class Episode:
    id: str
    start: date
    ceased: date | None
    new: str
    reason: str | None
    legal_status: str
    placement: Placement


@dataclass
class PeriodOfCare:
    id: str
    entered: date
    need: str
    episodes: list[Episode] = field(default_factory=list)

    @property
    def left(self) -> date | None:
        return self.episodes[-1].ceased

    @property
    def short_break(self) -> bool:
        return self.episodes[0].legal_status in ("V3", "V4")


@dataclass
class Child:
    id: str
    dob: date
    sex: str
    home: str
    uasc_until: date | None  # the 18th birthday, for a UASC; None when not UASC
    disability: str
    periods: list[PeriodOfCare] = field(default_factory=list)
    reviews: list[tuple] = field(default_factory=list)  # (date, participation, period ID)
    missing: list[tuple] = field(default_factory=list)  # (start, end, type, RHI offered, RHI accepted)
    oc2: dict[int, dict] = field(default_factory=dict)  # collection year -> checks
    initial_health_assessments: list[date] = field(default_factory=list)

    @property
    def episodes(self) -> list[Episode]:
        return [e for p in self.periods for e in p.episodes]


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _age(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def children(seed: int = 5, count: int = 40) -> list[Child]:
    rng = random.Random(seed)
    made = []
    for n in range(count):
        dob = date(2006, 1, 1) + _days(rng, 0, 6500)
        uasc = rng.random() < 0.15
        child = Child(f"L{n:03d}", dob, rng.choice("MF"), rng.choice(list(HOMES)),
                      date(dob.year + 18, dob.month, min(dob.day, 28)) if uasc else None,
                      rng.choice(["AUT", "NONE", "NONE"]))
        day = max(date(2019, 1, 1) + _days(rng, 0, 2200), dob + _days(rng, 0, 60))
        for _ in range(rng.randint(1, 3)):
            if day > LAST:
                break
            period = _period(rng, child, day, len(child.periods))
            if period.left is None or period.left >= FIRST:
                child.periods.append(period)
            if period.left is None:
                break
            day = period.left + _days(rng, 1, 500)
        for period in child.periods:
            if not period.short_break:
                _events(rng, child, period)
        _oc2(rng, child)
        made.append(child)
    return made


def _period(rng: random.Random, child: Child, day: date, n: int) -> PeriodOfCare:
    period = PeriodOfCare(f"{child.id}P{n}", day, rng.choice(["N1", "N2", "N4"]))
    if rng.random() < 0.12:  # a short break
        placement = Placement(f"{period.id}S", day, "U1", "PR1", rng.choice(list(PLACES)), day + timedelta(days=2))
        period.episodes.append(Episode(f"{period.id}E0", day, day + timedelta(days=2), "S", "E4A", "V3", placement))
        return period
    legal_status, new, placement = rng.choice(["C2", "V2", "C1", "V2"]), "S", None
    for k in range(rng.randint(1, 5)):
        if new in ("S", "P", "B"):
            adoption = legal_status == "E1"
            placement = Placement(f"{period.id}L{k}", day, "A4" if adoption else rng.choice(["U1", "U4", "K2", "R1"]),
                                  rng.choice(["PR1", "PR4", "PR5"]), rng.choice(list(PLACES)))
        ceased = day + (_days(rng, 5, 120) if rng.random() < 0.5 else _days(rng, 100, 1000))
        if k == 0 and ceased < FIRST:  # reaching the first return
            ceased = FIRST + _days(rng, 0, 300)
        last = k == 4 or rng.random() < 0.3
        if ceased > LAST:  # still open
            period.episodes.append(Episode(f"{period.id}E{k}", day, None, new, None, legal_status, placement))
            placement.end = None
            return period
        period.episodes.append(Episode(f"{period.id}E{k}", day, ceased, new, rng.choice(ENDINGS) if last else "X1",
                                       legal_status, placement))
        placement.end = ceased
        if last:
            return period
        day, new = ceased, rng.choice(["P", "T", "L", "U", "B", "P"])
        if new in ("L", "T", "B"):
            legal_status = rng.choice(["C2", "V2", "C1", "E1"])
    return period


def _events(rng: random.Random, child: Child, period: PeriodOfCare) -> None:
    """Reviews, missing episodes and initial health assessments from the first return's first day."""
    until = min(period.left or LAST, LAST)
    review = period.entered + _days(rng, 5, 40)
    gaps = iter([rng.randint(60, 100)] + [rng.randint(150, 200) for _ in range(40)])
    while review <= until:
        if review >= FIRST:
            code = "PN0" if _age(child.dob, review) < 4 else rng.choice(["PN1", "PN3", "PN5", "PN7"])
            child.reviews.append((review, code, period.id))
        review += timedelta(days=next(gaps))
    start = max(period.entered, FIRST)
    for _ in range(rng.randint(0, 3) if start < until else 0):
        day = start + timedelta(days=rng.randint(0, (until - start).days))
        offered = rng.choice("YN")
        child.missing.append((day, day + _days(rng, 0, 5), rng.choice("MMA"), offered,
                              rng.choice("YN") if offered == "Y" else None))
    if period.entered >= FIRST:
        child.initial_health_assessments.append(period.entered + _days(rng, 3, 45))


def _oc2(rng: random.Random, child: Child) -> None:
    """The checks of each year the child was looked after for the 12 months to its 31 March."""
    for year in YEARS:
        end = date(year, 3, 31)
        if any(not p.short_break and p.entered <= date(year - 1, 4, 1) and (p.left is None or p.left > end)
               for p in child.periods):
            age = _age(child.dob, end)
            child.oc2[year] = {
                "health": rng.random() < 0.8, "teeth": rng.random() < 0.7, "immunised": rng.random() < 0.75,
                "sdq": rng.randint(0, 40) if 4 <= age <= 17 else None,
                "days": [end - _days(rng, 0, 360) for _ in range(4)]}


def distance(home: str, placement: str) -> float:
    """Miles by the DfE formula; the test data keep clear of a half-way rounding."""
    (x1, y1, _), (x2, y2, _) = POSTCODES[home], POSTCODES[placement]
    miles = math.hypot(x2 - x1, y2 - y1) / 1609.34
    assert abs(miles * 10 % 1 - 0.5) > 1e-6
    return round(miles, 1)


# SSDA903 returns -------------------------------------------------------------------------------

def _uk(day: date | None, year_end: date) -> str:
    """A date as the 903 writes it, when known by the return's 31 March."""
    return day.strftime("%d/%m/%Y") if day is not None and day <= year_end else ""


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def ssda903(made: list[Child], folder: Path) -> list[Path]:
    paths = []
    for year in YEARS:
        start, end = date(year - 1, 4, 1), date(year, 3, 31)
        tables: dict[str, tuple[list[str], list[list]]] = {
            "header": (["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"], []),
            "episodes": (["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                          "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"], []),
            "reviews": (["CHILD", "DOB", "REVIEW", "REVIEW_CODE"], []),
            "uasc": (["CHILD", "DOB", "SEX", "DUC"], []),
            "oc2": (["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
                     "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
                     "INTERVENTION_OFFERED"], []),
            "missing": (["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"], []),
        }
        for child in made:
            dob = _uk(child.dob, end)
            episodes = [(p, e) for p in child.periods for e in p.episodes
                        if e.start <= end and (e.ceased is None or e.ceased >= start)]
            if not episodes:
                continue
            sex = child.sex if year >= 2025 else {"M": "1", "F": "2"}[child.sex]  # codes from 2025
            tables["header"][1].append([child.id, sex, dob, "WBRI", "UN1", "", ""])
            for period, e in episodes:
                tables["episodes"][1].append([
                    child.id, _uk(e.start, end), e.new, e.legal_status, period.need, e.placement.type,
                    e.placement.provider, _uk(e.ceased, end), e.reason if _uk(e.ceased, end) else "", "",
                    child.home, e.placement.postcode, ""])
            tables["reviews"][1].extend([child.id, dob, _uk(day, end), code] for day, code, _ in child.reviews
                                        if start <= day <= end)
            if child.uasc_until:
                tables["uasc"][1].append([child.id, dob, sex, _uk(child.uasc_until, end)])
            if year in child.oc2:
                oc2 = child.oc2[year]
                tables["oc2"][1].append([child.id, dob, "" if oc2["sdq"] is None else oc2["sdq"], "", "", "",
                                         int(oc2["immunised"]), int(oc2["teeth"]), int(oc2["health"]), "0", "", ""])
            tables["missing"][1].extend([child.id, dob, kind, _uk(day, end), _uk(until, end)]
                                        for day, until, kind, *_ in child.missing if start <= day <= end)
        for name, (header, rows) in tables.items():
            paths.append(folder / f"SSDA903_{year}_{name}.csv")
            _write(paths[-1], header, rows)
    return paths


# SSD export ------------------------------------------------------------------------------------

def _last_return_end(child: Child) -> date:
    """The 31 March of the last return holding the child."""
    last = max((e.ceased or LAST) for e in child.episodes)
    return date(min(last.year + (last.month > 3), YEARS[-1]), 3, 31)


def ssd_tables(made: list[Child]) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {name: [] for name in (
        "ssd_person", "ssd_address", "ssd_disability", "ssd_immigration_status", "ssd_cla_episodes",
        "ssd_legal_status", "ssd_cla_placement", "ssd_cla_reviews", "ssd_missing", "ssd_cla_health",
        "ssd_cla_immunisations", "ssd_sdq_scores", "ssd_cla_substance_misuse")}
    for child in made:
        tables["ssd_person"].append({"pers_person_id": child.id, "pers_dob": child.dob, "pers_sex": child.sex,
                                     "pers_ethnicity": "WBRI"})
        tables["ssd_address"].append({"addr_person_id": child.id, "addr_address_type": "HOME",
                                      "addr_address_start_date": child.dob, "addr_address_postcode": child.home})
        tables["ssd_disability"].append({"disa_person_id": child.id, "disa_disability_code": child.disability})
        if child.uasc_until:  # as the child's last return gives it
            until = child.uasc_until if child.uasc_until <= _last_return_end(child) else None
            tables["ssd_immigration_status"].append({
                "immi_person_id": child.id, "immi_immigration_status": "UASC",
                "immi_immigration_status_end_date": until})
        placements = {}
        for period in child.periods:
            for e in period.episodes:
                placements[e.placement.id] = (period, e.placement)
                tables["ssd_cla_episodes"].append({
                    "clae_cla_episode_id": e.id, "clae_person_id": child.id, "clae_cla_episode_start_date": e.start,
                    "clae_cla_episode_start_reason": e.new, "clae_cla_primary_need_code": period.need,
                    "clae_cla_episode_ceased_date": e.ceased, "clae_cla_episode_ceased_reason": e.reason,
                    "clae_cla_id": period.id, "clae_cla_placement_id": e.placement.id,
                    "clae_entered_care_date": period.entered})
                tables["ssd_legal_status"].append({
                    "lega_legal_status_id": e.id, "lega_person_id": child.id, "lega_legal_status": e.legal_status,
                    "lega_legal_status_start_date": e.start, "lega_legal_status_end_date": e.ceased})
        for period, p in placements.values():
            tables["ssd_cla_placement"].append({
                "clap_cla_placement_id": p.id, "clap_person_id": child.id, "clap_cla_id": period.id,
                "clap_cla_placement_start_date": p.start, "clap_cla_placement_end_date": p.end,
                "clap_cla_placement_type": p.type, "clap_cla_placement_provider": p.provider,
                "clap_cla_placement_postcode": p.postcode, "clap_cla_placement_distance": distance(child.home, p.postcode)})
        tables["ssd_cla_reviews"] += [{"clar_cla_review_id": f"{child.id}R{n}", "clar_cla_id": period_id,
                                       "clar_cla_review_date": day, "clar_cla_review_participation": code}
                                      for n, (day, code, period_id) in enumerate(child.reviews)]
        for n, (day, until, kind, offered, accepted) in enumerate(child.missing):
            year_end = date(day.year + (day.month > 3), 3, 31)  # as the 903 gives the end
            tables["ssd_missing"].append({
                "miss_table_id": f"{child.id}M{n}", "miss_person_id": child.id, "miss_missing_episode_type": kind,
                "miss_missing_episode_start_date": day, "miss_missing_episode_end_date": until if until <= year_end else None,
                "miss_missing_rhi_offered": offered, "miss_missing_rhi_accepted": accepted})
        for year, oc2 in child.oc2.items():
            health, teeth, immunised, sdq = oc2["days"]
            for kind, done, day in (("HEALTH_ASSESSMENT", oc2["health"], health), ("DENTAL_CHECK", oc2["teeth"], teeth)):
                tables["ssd_cla_health"].append({
                    "clah_health_check_id": f"{child.id}{kind}{year}", "clah_person_id": child.id,
                    "clah_health_check_type": kind, "clah_health_check_date": day,
                    "clah_health_check_status": "Completed" if done else "Not completed"})
            tables["ssd_cla_immunisations"].append({"clai_person_id": child.id, "clai_immunisations_status_date": immunised,
                                                    "clai_immunisations_status": "Y" if oc2["immunised"] else "N"})
            if oc2["sdq"] is not None:
                tables["ssd_sdq_scores"].append({"csdq_table_id": f"{child.id}Q{year}", "csdq_person_id": child.id,
                                                 "csdq_sdq_completed_date": sdq, "csdq_sdq_score": oc2["sdq"]})
            # no substance misuse identified, as the 903's OC2 says (SUBSTANCE_MISUSE 0)
            tables["ssd_cla_substance_misuse"].append({
                "clas_substance_misuse_id": f"{child.id}Z{year}", "clas_person_id": child.id,
                "clas_substance_misuse_date": date(year, 3, 31), "clas_substance_misused": "N"})
        tables["ssd_cla_health"] += [{
            "clah_health_check_id": f"{child.id}I{n}", "clah_person_id": child.id,
            "clah_health_check_type": "INITIAL_HEALTH_ASSESSMENT", "clah_health_check_date": day,
            "clah_health_check_status": "Completed"} for n, day in enumerate(child.initial_health_assessments)]
    return tables
