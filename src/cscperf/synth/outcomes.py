"""What happens to children while and after they are looked after: reviews, visits, missing
episodes, health, social workers, adoption, and care leavers' lives around their birthdays."""

from __future__ import annotations

import random
import zlib
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from cscperf.synth.codes import (ACCOMMODATION, HIGHER_EDUCATION, IN_TOUCH, REVIEW_PARTICIPATION,
                                 UNSUITABLE, Weights, activities)
from cscperf.synth.dates import add_working_days, age_on, birthday, collection_year, year_end
from cscperf.synth.model import (Adoption, CareLeaverYear, HealthYear, Involvement, Missing,
                                 PeriodOfCare, PreviousPermanence)

if TYPE_CHECKING:
    from cscperf.synth.care import AdoptionDates
    from cscperf.synth.world import World


def _late(rng: random.Random, on_time: tuple[int, int], late: tuple[int, int], chance_late: float) -> int:
    return rng.randint(*late) if rng.random() < chance_late else rng.randint(*on_time)


def reviews(rng: random.Random, world: World, dob: date, start: date, end: date) -> list[tuple[date, str]]:
    """Reviews: the first within 20 working days, the second within 3 months, then 6-monthly."""
    found = []
    day = add_working_days(start, _late(rng, (6, 20), (21, 35), 0.1))
    gaps = iter([((85, 91), (95, 130))])
    while day < end and day <= world.end:
        found.append((day, "PN0" if age_on(dob, day) < 4 else REVIEW_PARTICIPATION.pick(rng)))
        on_time, late = next(gaps, ((165, 182), (185, 240)))
        day += timedelta(days=_late(rng, on_time, late, 0.08))
    return found


def visits(rng: random.Random, world: World, start: date, end: date) -> list[date]:
    """Statutory visits: within a week, then about every six weeks."""
    found, day = [], start + timedelta(days=rng.randint(1, 7))
    while day < end and day <= world.end:
        found.append(day)
        day += timedelta(days=rng.randint(35, 49))
    return found


def missing(rng: random.Random, world: World, dob: date, start: date, end: date) -> list[Missing]:
    """Missing and away episodes: most children have none; a few go missing very often."""
    from_day = max(start, birthday(dob, 10))
    if from_day >= end or rng.random() > (0.15 if age_on(dob, from_day) < 13 else 0.40):
        return []
    rate = rng.gammavariate(0.6, 6.7)  # episodes a year; mean 4, with a long tail
    found, day = [], from_day
    while True:
        day += timedelta(days=max(1, int(min(rng.expovariate(rate), 20) * 365.25)))
        if day >= end or day > world.end:
            return found
        kind = "M" if rng.random() < 0.8 else "A"
        back = world.clip(min(day + timedelta(days=rng.choice((0, 0, 1, 1, 1, 2, 3, 5))), end))
        offered = rng.random() < (0.88 if kind == "M" else 0.3)
        found.append(Missing(kind, day, back, offered, offered and rng.random() < 0.55,
                             *_times_of_day(random.Random(f"{dob}/{start}/{day}"), day, back)))
        if back is None:
            return found  # still missing at the end
        day = back  # the next begins after this one ends (rule 574)


def _times_of_day(clock: random.Random, gone: date, back: date | None) -> tuple[time, time | None]:
    """When a child went missing and came back, to the quarter hour: gone in the day or evening,
    back at least an hour later, never at midnight exactly (which systems write for 'no time').
    Drawn from a clock of their own (seeded by the child and the day) so that the demo's other
    figures stay as they were before times of day were added."""
    gone_at = time(clock.randint(8, 21), clock.choice((0, 15, 30, 45)))
    if back is None:
        return gone_at, None
    earliest = gone_at.hour + 1 if back == gone else 1
    return gone_at, time(clock.randint(earliest, 23), clock.choice((0, 15, 30, 45)))


def health(rng: random.Random, world: World, dob: date, start: date, end: date) -> list[HealthYear]:
    """Each year's health checks while the child is looked after (`check_days`). A year whose
    31 March found the child looked after for 12 months or more is the 903's OC2 row (`in_cohort`);
    the checks of the other years, the first in care or the one the child left in, are done all the
    same and recorded in the SSD only."""
    found = []
    until = min(end, world.end + timedelta(days=1))
    for year in world.years:
        day = year_end(year)
        days = check_days(start, day, until)
        if start <= day - timedelta(days=365) and end > day:
            age = age_on(dob, day)
            sdq_age = 4 <= age <= 16
            has_sdq = sdq_age and rng.random() < 0.78
            misuse = age >= 10 and rng.random() < 0.03
            checks = (rng.random() < 0.89, rng.random() < 0.83, rng.random() < 0.84,
                      rng.random() < 0.88 if age < 5 else None)
            score = min(40, max(0, round(rng.gauss(13.5, 6.5)))) if has_sdq else None
            # A reason for no score only from 4 (rule 188: neither under 4); SDQ1 for 17 and over.
            reason = (None if has_sdq or age < 4 else
                      "SDQ1" if not sdq_age else Weights({"SDQ2": 2, "SDQ3": 3, "SDQ4": 4, "SDQ5": 3}).pick(rng))
            convicted = rng.random() < 0.025 if age >= 10 else None
            offered = rng.random() < 0.85 if misuse else None
            received = rng.random() < 0.6 if misuse else None
            # Whether one was offered is asked only when none was received (rule 158).
            found.append(HealthYear(year, *checks, score, reason, convicted, misuse,
                                    None if received else offered, received, *days))
        elif any(days):
            # drawn from a stream of their own, so the child's other records stay as they were
            own = random.Random(zlib.crc32(f"{start}{year}{dob}".encode()))
            found.append(HealthYear(year, own.random() < 0.89, own.random() < 0.83, own.random() < 0.84,
                                    None, None, None, None, False, None, None, *days, in_cohort=False))
    return found


def _anniversary(start: date, day: date) -> date:
    """The anniversary of `start` in the 12 months to `day`."""
    anniversary = birthday(start, day.year - start.year)
    return anniversary if anniversary <= day else birthday(start, day.year - 1 - start.year)


def check_days(start: date, day: date, until: date) -> tuple[date | None, date | None, date | None]:
    """The days in the 12 months to 31 March `day` of the health assessment, dental check and SDQ
    of a child looked after from `start` to the day before `until` (None for a check not due then,
    or due after they left). Each child keeps a timetable of their own from the day they entered
    care: the health assessment on each anniversary, up to four weeks early; the dental check and
    the SDQ each on a day of the year of their own, the first within a year of entering care. So
    every check comes a year after the last, and none is missed or doubled at a year's end: a
    monthly series does not jump in April. Worked out from the dates alone, drawing nothing from the
    child's random stream, so nothing else about the child changes."""
    phase = zlib.crc32(f"{start}".encode())

    def yearly(first_due: date) -> date | None:
        when = _anniversary(first_due, day)
        return when if first_due <= when < until else None

    return (yearly(birthday(start, 1) - timedelta(days=phase % 29)),
            yearly(start + timedelta(days=30 + phase // 29 % 300)),
            yearly(start + timedelta(days=30 + phase // 8700 % 300)))


def previous_permanence(rng: random.Random, world: World, start: date) -> PreviousPermanence:
    option = Weights({"Z1": 88, "P1": 1, "P2": 5, "P3": 2, "P4": 4}).pick(rng)
    if option == "Z1":
        return PreviousPermanence("Z1", "", "")
    order = start - timedelta(days=rng.randint(200, 3000))
    shown = order.strftime("%d/%m/%Y") if rng.random() < 0.6 else order.strftime("zz/zz/%Y")
    return PreviousPermanence(option, world.la if rng.random() < 0.7 else world.neighbour(rng), shown)


def adoption(rng: random.Random, world: World, dates: AdoptionDates) -> Adoption:
    clip = world.clip
    adopters = 1 if rng.random() < 0.15 else 2
    # the 903's legal status of adopters: L0 a single adopter; a couple married (L11 of different
    # sexes, L12 of the same sex) or living together (L3, L4), as rules 514 to 524 read them
    if adopters == 1:
        sex, status = ("F1" if rng.random() < 0.85 else "M1"), "L0"
    else:
        sex = Weights({"MF": 82, "FF": 9, "MM": 9}).pick(rng)
        married = rng.random() < 0.8
        status = ("L11" if married else "L3") if sex == "MF" else ("L12" if married else "L4")
    stopped = dates.reversed is not None
    return Adoption(
        decision=dates.decision, placement_order=None if stopped else clip(dates.placement_order),
        matched=None if stopped else clip(dates.matched), placed=None if stopped else clip(dates.placed),
        adopted=None if stopped else clip(dates.adopted), reversed=clip(dates.reversed),
        reversed_reason=Weights({"RD1": 30, "RD2": 15, "RD3": 30, "RD4": 25}).pick(rng) if clip(dates.reversed) else None,
        by_foster_carer=dates.by_foster_carer, adopters=adopters, adopters_sex=sex, adopters_legal_status=status)


# Why a new social worker took the case during care. The reason belongs to the episode that
# begins: the DfE's rules ask it of "each social worker episode" begun since 1 April 2023
# (SW01bSTG1), speak of "a new social worker episode [that] has started with a reason of first
# contact" (SW10bSTG2, 2026-27 list), and its statistics count "the reason a child was assigned a
# new social worker" (Stability measures for children looked after, social worker reasons for change).
SW_CHANGE = Weights({"LEFTRL": 35, "MANAGE": 15, "ORGRST": 10, "TSPROC": 20, "ABSENC": 5,
                     "CHCHAN": 4, "PCCHAN": 5, "OTHERS": 3})
FIRST_SOCIAL_WORKER = "FCONTA"  # first contact or re-referral: the social worker care begins with


def social_workers(rng: random.Random, world: World, start: date, end: date) -> list[Involvement]:
    """The child's allocated social workers while looked after, changing every year or so, each
    with the reason it began."""
    found, day = [], start
    while day <= world.end:
        worker = world.workforce.pick(rng, "care")
        change = day + timedelta(days=max(30, int(rng.lognormvariate(5.8, 0.5))))
        last = change >= end
        until = world.clip(end if last else change)
        found.append(Involvement(worker.id, day, until, SW_CHANGE.pick(rng) if found else FIRST_SOCIAL_WORKER))
        world.workforce.holds(worker.id, day, until, world.end)
        if last:
            break
        day = change
    return found


def care_leaver_years(rng: random.Random, world: World, dob: date, periods: list[PeriodOfCare],
                      planned_ends: list[date]) -> list[CareLeaverYear]:
    """OC3 rows for a young person who was looked after at 16 or over: their 17th to 21st
    birthdays after leaving care, within the period. Care ending on the 17th or 18th birthday
    means no row for it: the young person was still looked after that day (rule 1016)."""
    b14, b16 = birthday(dob, 14), birthday(dob, 16)
    cared = [(p.start, end) for p, end in zip(periods, planned_ends) if not p.short_breaks]
    after_14 = sum((end - max(start, b14)).days for start, end in cared if end > b14)
    if not cared or after_14 < 91 or max(end for _, end in cared) <= b16:
        return []
    if periods[-1].episodes[-1].reason_ceased == "E3":
        return []  # care transferred to another authority, whose care leaver they are (rule 1011)
    left = max(end for _, end in cared)
    found = []
    for age in range(17, 22):
        day = birthday(dob, age)
        if day < left or (age <= 18 and day == left) or day > world.end:
            continue
        if day < world.first:
            continue
        touch = IN_TOUCH.pick(rng)
        year = collection_year(day)
        if touch == "YES":
            eet = rng.random() < (world.params.eet_17_18 if age < 19 else world.params.eet_19_21)
            activity = _activity(rng, year, age) if eet else Weights({"G4": 20, "G5": 65, "G6": 15}).pick(rng)
            accommodation = (ACCOMMODATION if rng.random() < 0.88 else UNSUITABLE).pick(rng)
            contact = day - timedelta(days=rng.randint(0, 90))
        else:
            activity, accommodation = "0", "0"
            contact = day - timedelta(days=rng.randint(120, 400)) if touch in ("NO", "REFU") else None
        worker = world.workforce.pick(rng, "care")
        found.append(CareLeaverYear(day, touch, activity, accommodation, contact,
                                    day - timedelta(days=rng.randint(0, 180)) if touch == "YES" else None,
                                    f"PA {rng.randint(1, 25):02d}", worker.team, worker.id))
        if touch == "DIED":
            break
    return found


def _activity(rng: random.Random, year: int, age: int) -> str:
    codes = activities(year)
    if age >= 19 and rng.random() < 0.12:
        return HIGHER_EDUCATION[rng.random() < 0.15]
    full_time = rng.random() < 0.8
    pairs = [codes[i:i + 2] for i in range(2, len(codes), 2)]  # education, then training/employment kinds
    pair = pairs[0] if rng.random() < 0.35 else rng.choice(pairs[1:])
    return pair[0] if full_time else pair[1]
