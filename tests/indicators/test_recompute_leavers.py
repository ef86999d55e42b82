"""Care leavers, adoption and workforce against an independent calculation in plain Python, on the
same random records (as test_recompute): the 903 derivations (periods of care, placements, legal
statuses), the SQL and the engine's counting are checked against code that shares none of them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from decimal import Decimal

import pytest

from cscperf.indicators.periods import Period
from tests.indicators.authority import Authority
from tests.indicators.test_recompute import agrees, years_after

PERIODS = ["2021-22", "2022-23", "2023-24", "2024-25", "2024-25:Q4", "2023-12", "12m:2024-09", "2025-26:Q1"]
FIRST = date(2019, 4, 1)
EET = {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"}


@dataclass
class Leaver:
    child: str
    dob: date
    birthday: date
    in_touch: str
    activity: str
    accommodation: str
    adviser: str | None
    reviewed: date | None


@dataclass
class Adoption:
    child: str
    adopted: date
    a1: int | None
    a2: int | None


def _day(rng: random.Random, after: date, low: int, high: int) -> date:
    return after + timedelta(days=rng.randrange(low, high))


def build(a: Authority, seed: int) -> dict[str, list]:
    rng = random.Random(seed)
    records: dict[str, list] = {"leavers": [], "adoptions": [], "sgos": [], "involvements": [], "fte": {}}
    for n in range(50):
        child = f"L{n:02d}"
        dob = _day(rng, date(2000, 1, 1), 0, 3300)
        a.child(child, dob=dob.isoformat())
        for age in range(16, 23):
            if rng.random() < 0.7:
                birthday = years_after(dob, age)
                leaver = Leaver(child, dob, birthday, rng.choice(["YES", "YES", "YES", "NO", "REFU", "NREQ", "DIED",
                                                                  "RHOM"]),
                                rng.choice(sorted(EET) + ["G4", "G5", "G6", "0"]),
                                rng.choice(["B1", "B2", "D1", "D2", "U1", "U2", "Z1", "0"]),
                                rng.choice([None, "Jo Bloggs", "None"]),
                                _day(rng, birthday, -300, 300) if rng.random() < 0.8 else None)
                a.care_leaver(child, birthday.isoformat(), in_touch=leaver.in_touch, activity=leaver.activity,
                              accommodation=leaver.accommodation, adviser=leaver.adviser,
                              plan_reviewed=leaver.reviewed and leaver.reviewed.isoformat())
                records["leavers"].append(leaver)
    for n in range(40):
        _care(a, rng, f"P{n:02d}", records)
    for n in range(6):
        records["fte"][f"W{n}"] = rng.choice([1.0, 0.5, 0.8, None])
        a.professional(f"W{n}", fte=records["fte"][f"W{n}"])
    for _ in range(60):
        start = _day(rng, FIRST, 0, 2000)
        end = _day(rng, start, 0, 600) if rng.random() < 0.6 else None
        involvement = (f"C{rng.randrange(30):02d}", f"W{rng.randrange(7)}", start, end)  # W6 has no details
        a.involvement(involvement[0], involvement[1], start.isoformat(), end and end.isoformat())
        records["involvements"].append(involvement)
    a.derive()
    return records


def _care(a: Authority, rng: random.Random, child: str, records: dict) -> None:
    """A child's care: perhaps an earlier period that ended, then one ending in adoption (by new
    adopters or the foster carer), a special guardianship order, or still open."""
    a.child(child, dob="2019-01-01")
    day = _day(rng, FIRST, 0, 1300)
    if rng.random() < 0.3:
        ended = _day(rng, day, 30, 200)
        a.episode(child, day.isoformat(), ended.isoformat(), new="S", legal_status=rng.choice(["V2", "E1"]),
                  reason="E13")
        day = _day(rng, ended, 1, 100)
    entered, status, place = day, "C2", "U1"
    episodes = [[day, "S", status, place]]  # start, reason for new episode, legal status, placement
    outcome = rng.choice(["new adopters", "foster carer", "special guardianship", "open"])
    changes = rng.randrange(0, 3)
    if outcome in ("new adopters", "foster carer"):
        changes += 1 if rng.random() < 0.8 else 0  # a placement order
    for n in range(changes):
        day = _day(rng, day, 20, 200)
        if n == changes - 1 and outcome in ("new adopters", "foster carer") and status == "C2":
            episodes.append([day, "L", "E1", place])
            status = "E1"
        else:
            place = rng.choice(["U1", "U3", "U4"])
            episodes.append([day, rng.choice(["P", "B", "T", "U"]), status, place])
    if outcome == "new adopters":
        day = _day(rng, day, 20, 200)
        episodes.append([day, "P" if status == "E1" else "B", "E1", rng.choice(["A3", "A4"])])
    elif outcome == "foster carer":
        day = _day(rng, day, 20, 200)
        episodes.append([day, "T" if status == "E1" else "U", "E1", rng.choice(["A5", "A6"])])
    ends = _day(rng, day, 30, 500)
    reason = {"new adopters": rng.choice(["E11", "E12"]), "foster carer": rng.choice(["E11", "E12"]),
              "special guardianship": rng.choice(["E43", "E44", "E45", "E46", "E47", "E48"]), "open": None}[outcome]
    for (start, new, status_, place_), after in zip(episodes, [e[0] for e in episodes[1:]] + [None]):
        ceased = after or (ends if reason else None)
        a.episode(child, start.isoformat(), ceased and ceased.isoformat(), new=new, legal_status=status_,
                  placement=place_, reason="X1" if after else reason)
    if outcome == "special guardianship":
        records["sgos"].append((child, ends))
    if outcome not in ("new adopters", "foster carer"):
        return
    order = next((e[0] for e in episodes if e[2] == "E1"), None)
    recorded_order = _day(rng, entered, 0, 400) if rng.random() < 0.3 else None
    order = recorded_order or order
    matched = _day(rng, order or entered, -30, 300) if rng.random() < 0.9 else None
    placed = next(e[0] for e in episodes if e[3].startswith("A"))
    carers = max(e[0] for e in episodes if e[1] in ("S", "P", "B"))  # the adopters' placement began
    moved_in = carers if outcome == "foster carer" else placed
    a.permanence(child, decision=_day(rng, entered, 0, 100).isoformat(), matched=matched and matched.isoformat(),
                 placement_order=recorded_order and recorded_order.isoformat(),
                 by_foster_carer="Y" if outcome == "foster carer" else rng.choice(["N", None]))
    a2 = max(0, (matched - order).days) if matched and order else None
    records["adoptions"].append(Adoption(child, ends, max(0, (moved_in - entered).days), a2))


def rounded(numerator, denominator, scale, places):
    if not denominator:
        return None
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def months_before(end: date, months: int) -> date:
    """The first day of the month `months` - 1 months before `end`'s month."""
    index = end.year * 12 + end.month - months
    return date(index // 12, index % 12 + 1, 1)


LEAVER_FLAGS = {
    "in_touch": lambda r: r.in_touch == "YES",
    "eet": lambda r: r.activity in EET,
    "higher_education": lambda r: r.activity in ("F1", "P1"),
    "neet": lambda r: r.activity in ("G4", "G5", "G6"),
    "suitable_accommodation": lambda r: r.accommodation.endswith("1"),
}


def age(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def adviser_and_plan(r: Leaver, end: date) -> bool:
    return r.adviser == "Jo Bloggs" and r.reviewed is not None and _six_months_on(r.reviewed) >= end


def _six_months_on(day: date) -> date:
    """Six calendar months later, on the last day of the month where that day does not exist."""
    index = day.year * 12 + day.month - 1 + 6
    year, month = index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)


def expected(records, id: str, period: Period):
    start, end = period.start, period.end
    if id == "care_leavers_pathway_plan_pct":  # as at the day: each young person's latest record
        latest = {}
        for r in sorted(records["leavers"], key=lambda r: r.birthday):
            if r.birthday <= end and 17 <= age(r.dob, end) <= 21:
                latest[r.child] = r
        cohort = [r for r in latest.values() if r.in_touch not in ("DIED", "RHOM")]
        counted = sum(adviser_and_plan(r, end) for r in cohort)
        return counted, len(cohort), rounded(counted, len(cohort), 100, 1)
    if id.startswith("care_leavers"):
        cohort = [r for r in records["leavers"] if start <= r.birthday <= end
                  and 17 <= r.birthday.year - r.dob.year <= 21 and r.in_touch not in ("DIED", "RHOM")]
        if "_17_18_" in id:
            cohort = [r for r in cohort if r.birthday.year - r.dob.year <= 18]
        elif "_19_21_" in id:
            cohort = [r for r in cohort if r.birthday.year - r.dob.year >= 19]
        flag = id.removesuffix("_pct").split("_", 4)[-1]
        counted = sum(LEAVER_FLAGS[flag](r) for r in cohort)
        return counted, len(cohort), rounded(counted, len(cohort), 100, 1)
    if id in ("adoptions", "sgos"):
        n = len([x for x in records[id] if start <= (x.adopted if id == "adoptions" else x[1]) <= end])
        return n, None, n
    if id.startswith("adoption_"):
        if "_3y_" in id:
            start = months_before(end, 36)
        days = [getattr(x, id.split("_")[1]) for x in records["adoptions"] if start <= x.adopted <= end]
        days = [d for d in days if d is not None]
        return sum(days), len(days), rounded(sum(days), len(days), 1, 0)
    cases: dict[str, set[str]] = {}
    for child, worker, begins, ends in records["involvements"]:
        if begins <= end and (ends is None or ends > end):
            cases.setdefault(worker, set()).add(child)
    assert id == "workforce_avg_caseload"
    total = sum(len(c) for c in cases.values())
    fte = sum(Decimal(str(records["fte"].get(w) or 1)) for w in cases)  # a head where none is recorded
    return total, fte, rounded(total, fte, 1, 1)


IDS = ["care_leavers_17_18_in_touch_pct", "care_leavers_19_21_in_touch_pct", "care_leavers_17_18_eet_pct",
       "care_leavers_19_21_eet_pct", "care_leavers_19_21_higher_education_pct", "care_leavers_17_18_neet_pct",
       "care_leavers_19_21_neet_pct", "care_leavers_17_18_suitable_accommodation_pct",
       "care_leavers_19_21_suitable_accommodation_pct", "care_leavers_pathway_plan_pct", "adoptions", "sgos",
       "adoption_a1_avg_days", "adoption_a2_avg_days", "adoption_a1_3y_avg_days", "adoption_a2_3y_avg_days",
       "workforce_avg_caseload"]


@pytest.mark.parametrize("seed", [11, 12])
def test_engine_agrees_with_plain_python(authority, seed):
    results = agrees(authority, IDS, PERIODS, expected, build(authority, seed))
    for id in IDS:
        assert any(r.numerator for r in results if r.id == id), id
