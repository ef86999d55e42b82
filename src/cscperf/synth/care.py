"""Periods of care: who enters, by which route, how long they stay and how they leave.

Each period follows a track chosen by age on entering care: return home, adoption, special
guardianship or a child arrangements order, long-term care (often to 18), remand, or, for
unaccompanied asylum-seeking children, care until 18. The track fixes the legal statuses and the
reason the period ends; placements within it change by the Markov process in `placements`.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from cscperf.synth import placements
from cscperf.synth.codes import Weights, cao_reason, sgo_reason
from cscperf.synth.dates import age_on, birthday, collection_year

if TYPE_CHECKING:
    from cscperf.synth.calibration import Params

YEAR = 365.25
# How much likelier than average a child of this age is to enter care after a referral.
_ENTRY_WEIGHT = ((1, 3.0), (5, 0.9), (10, 0.7), (16, 1.0), (18, 1.1))
_ENTRY_NORMALISER = 1.154  # the weights' average over the ages at referral

TRACKS = (  # by age on entering care: the share of each track
    (1, Weights({"adoption": 45, "sgo": 15, "home": 20, "long": 20})),
    (5, Weights({"adoption": 25, "sgo": 20, "home": 28, "long": 27})),
    (10, Weights({"sgo": 15, "home": 40, "long": 45})),
    (16, Weights({"home": 50, "long": 40, "remand": 4, "sgo": 6})),
    (18, Weights({"home": 40, "long": 52, "remand": 8})),
)
# Median years and spread of each track's length, before the authority's multiplier.
_LENGTH = {"home": (0.5, 1.1), "sgo": (1.6, 0.45), "long": (9.0, 0.5), "remand": (0.12, 0.8)}
FIXED = ("adoption", "uasc")  # lengths set by their own timelines, not the multiplier


def entry_weight(age: int) -> float:
    for below, weight in _ENTRY_WEIGHT:
        if age < below:
            return weight / _ENTRY_NORMALISER
    return 0.0


@dataclass(slots=True)
class AdoptionDates:
    decision: date
    placement_order: date
    matched: date
    placed: date
    adopted: date
    reversed: date | None = None
    by_foster_carer: bool = False


@dataclass(slots=True)
class CarePlan:
    start: date
    end: date  # the day care ends (may be after the simulated period)
    track: str
    exit: str  # adopted, sgo, cao, home, 18, remand, other
    dob: date
    base: float = 0.0  # days the track would last, before the authority's multiplier
    cap: float = 0.0  # days until the 18th birthday
    adoption: AdoptionDates | None = None
    legal: list[tuple[date, str]] = field(default_factory=list)


def _track(rng: random.Random, age: int) -> str:
    for below, weights in TRACKS:
        if age < below:
            return weights.pick(rng)
    return "long"


def _base(rng: random.Random, track: str) -> float:
    median, spread = _LENGTH[track]
    return rng.lognormvariate(math.log(median * YEAR), spread)


def _adoption(rng: random.Random, start: date) -> AdoptionDates:
    """Decision, placement order, match, placement and order, at national typical intervals."""
    def after(day: date, median: float, spread: float) -> date:
        return day + timedelta(days=max(7, int(rng.lognormvariate(math.log(median), spread))))

    decision = after(start, 150, 0.4)
    order = after(decision, 120, 0.4)
    matched = after(order, 180, 0.5)
    placed = after(matched, 21, 0.4)
    return AdoptionDates(decision, order, matched, placed, after(placed, 240, 0.35),
                         by_foster_carer=rng.random() < 0.15)


def length_days(track: str, base: float, cap: float, scale: float) -> float:
    return min(base if track in FIXED else base * scale, cap)


def plan(rng: random.Random, params: Params, dob: date, start: date) -> CarePlan:
    """A period of care starting on `start`: its track, end, exit and legal statuses."""
    age = age_on(dob, start)
    adult = birthday(dob, 18)
    cap = (adult - start).days
    track = _track(rng, age)
    adoption = None
    if track == "adoption":
        adoption = _adoption(rng, start)
        if rng.random() < 0.08:  # the decision is reversed; the child stays in care
            adoption.reversed = adoption.decision + timedelta(days=rng.randint(60, 300))
            track = "long"
    base = (adoption.adopted - start).days if track == "adoption" else _base(rng, track)
    end = start + timedelta(days=max(1, int(length_days(track, base, cap, params.care_scale))))
    care = CarePlan(start, end, track, _exit(rng, track, end >= adult), dob, base, cap, adoption)
    care.legal = _legal(rng, care, age)
    return care


def plan_uasc(rng: random.Random, dob: date, arrived: date) -> CarePlan:
    """An unaccompanied asylum-seeking child: accommodated under section 20, mostly to 18."""
    adult = birthday(dob, 18)
    end = adult if rng.random() < 0.9 else arrived + (adult - arrived) * rng.uniform(0.2, 0.9)
    days = (end - arrived).days
    care = CarePlan(arrived, end, "uasc", "18" if end == adult else "other", dob, days, days)
    care.legal = [(arrived, "V2")]
    return care


def uasc_age(rng: random.Random) -> float:
    """Age in years on arrival: mostly 16 or 17."""
    band = rng.random()
    low, high = (16, 17.95) if band < 0.8 else (14, 16) if band < 0.97 else (12, 14)
    return rng.uniform(low, high)


def uasc_years(rng: random.Random) -> float:
    return (18 - uasc_age(rng)) * 0.95


def _exit(rng: random.Random, track: str, at_18: bool) -> str:
    if at_18:
        return "18"
    if track == "sgo":
        return "sgo" if rng.random() < 0.8 else "cao"
    return {"adoption": "adopted", "home": "home", "remand": "remand"}.get(track, "other")


def reason_ceased(rng: random.Random, care: CarePlan) -> str:
    """The 903 reason episode ceased (REC) for the end of this period of care."""
    year = collection_year(care.end)
    former_foster_carers = rng.random() < 0.6
    if care.exit == "adopted":
        return "E11" if care.adoption and care.adoption.by_foster_carer else "E12"
    if care.exit == "sgo":
        return sgo_reason(year, former_foster_carers)
    if care.exit == "cao":
        return cao_reason(year, former_foster_carers)
    if care.exit == "home":
        return Weights({"E4A": 60, "E4B": 12, "E13": 28}).pick(rng)
    if care.exit == "remand":
        return "E14"
    if care.exit == "18":
        return Weights({"E17": 25, "E5": 45, "E6": 8, "E8": 12, "E13": 10}).pick(rng)
    return Weights({"E8": 50, "E13": 30, "E3": 15, "E9": 5}).pick(rng)


def after_care(rng: random.Random, care: CarePlan) -> tuple[date, str]:
    """When the child's episode of need closes after care ends, and why (or STEP_DOWN to a plan)."""
    if care.exit == "adopted":
        return care.end, "RC1"
    if care.exit in ("sgo", "cao"):
        return care.end, "RC4" if care.exit == "sgo" else "RC3"
    if care.exit == "18":
        return care.end, "RC6" if rng.random() < 0.3 else "RC7"
    if care.exit == "home" and rng.random() < 0.5:
        return care.end + timedelta(days=max(14, int(rng.lognormvariate(math.log(150), 0.5)))), "STEP_DOWN"
    return care.end + timedelta(days=rng.randint(0, 30)), "RC5" if rng.random() < 0.05 else "RC7"


def _legal(rng: random.Random, care: CarePlan, age: int) -> list[tuple[date, str]]:
    """Legal statuses over the period: section 20, or through police and court orders."""
    start, track = care.start, care.track
    if track == "remand":
        return [(start, "J1" if rng.random() < 0.7 else "J2")]
    s20_chance = {"home": 0.6, "sgo": 0.2, "long": 0.35, "adoption": 0.0}[track]
    if age >= 16:
        s20_chance = max(s20_chance, 0.85)
    if rng.random() < s20_chance:
        return [(start, "V2")]
    # police protection or an emergency order first, sometimes; then an interim care order (C1)
    # while care proceedings run (26 weeks is the target), ending in a full care order (C2) or,
    # for a child to be adopted, a placement order (E1)
    legal = [(start, "L1" if rng.random() < 0.5 else "L2")] if rng.random() < 0.15 else []
    legal.append((start + timedelta(days=rng.randint(1, 8)) if legal else start, "C1"))
    if care.adoption and not care.adoption.reversed:
        legal.append((care.adoption.placement_order, "E1"))
    else:
        full_order = start + timedelta(days=rng.randint(180, 320))
        if full_order < care.end:
            legal.append((full_order, "C2"))
    return [(day, status) for day, status in legal if day < care.end] or [(start, "C1")]


def move_rate_for(three_plus: float, new_share: float) -> float:
    """Placement moves a year at which `three_plus` of children looked after on 31 March had
    three or more placements in the year; `new_share` is starts / children looked after."""
    rng = random.Random("placement moves")
    started = min(0.6, new_share * 0.85)
    children = [(rng.random() if rng.random() < started else 1.0, placements.instability(rng))
                for _ in range(2000)]

    def share(rate: float) -> float:
        total = 0.0
        for exposure, instability in children:
            mean = rate * instability * exposure
            total += 1 - math.exp(-mean) * (1 + mean)  # two or more moves
        return total / len(children)

    low, high = 0.005, 6.0
    for _ in range(24):
        middle = (low + high) / 2
        low, high = (middle, high) if share(middle) < three_plus else (low, middle)
    return (low + high) / 2
