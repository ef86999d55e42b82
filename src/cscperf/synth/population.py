"""The authority's children, one at a time: who arrives when, and each child's whole history.

Children arrive in four streams: children referred for the first time (from 22 years before the
period, so that children already in care or leaving it when the period starts are there too),
unaccompanied asylum-seeking children, disabled children having short breaks, and children whose
contacts never become referrals. Each child's history is simulated from a random stream of its
own, so a child's history does not depend on any other child's and the output is reproducible.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Iterator
from datetime import date, timedelta

from cscperf.synth import care, journey, outcomes, placements
from cscperf.synth.codes import (CARE_NEED, DISABILITY, PRIMARY_NEED, REFERRAL_SOURCE, UASC_ETHNICITY,
                                 UASC_REFERRAL_SOURCE, Weights, upn_check_letter)
from cscperf.synth.dates import age_on, birthday, overlaps
from cscperf.synth.model import Child, Contact, EarlyHelp, PeriodOfCare, PreviousPermanence
from cscperf.synth.world import World

WARM_UP_YEARS = 22
YEAR = 365.25
# Referrals by month (April first): fewer in August and at Christmas, with the school holidays.
REFERRAL_SEASON = (0.95, 1.05, 1.05, 1.05, 0.75, 1.0, 1.1, 1.1, 0.85, 1.0, 1.05, 1.05)
UASC_SEASON = (0.6, 0.8, 1.2, 1.6, 1.9, 1.7, 1.2, 0.8, 0.6, 0.5, 0.5, 0.6)  # summer crossings
FLAT = (1.0,) * 12
CONTACT_OUTCOME = Weights({"NFA": 30, "ADVICE": 40, "EARLY_HELP": 30})
CONTACT_COUNTS = (1, 1, 1, 2, 2, 3)  # contacts of a child whose contacts never become referrals
MISSING_FROM_HOME = 0.25  # of children in need: as likely to go missing as in care, a quarter as often
EARLY_HELP_BEFORE_REFERRAL = 0.08  # of referred children: early help first (about 1 in 6 episodes stepped up)


def _arrivals(rng: random.Random, per_year: float, start: date, end: date, season: tuple[float, ...],
              weekdays: bool) -> Iterator[date]:
    """Arrival days of a Poisson process, thinned by month (and to fewer at weekends)."""
    if per_year <= 0:
        return
    weekend = 0.35 if weekdays else 1.0
    peak = max(season)
    average = sum(season) / 12 * (5 + 2 * weekend) / 7
    rate = per_year * peak / average / YEAR
    offset, span = 0.0, (end - start).days
    while True:
        offset += rng.expovariate(rate)
        if offset > span:
            return
        day = start + timedelta(days=int(offset))
        keep = season[(day.month - 4) % 12] / peak * (weekend if day.weekday() >= 5 else 1.0)
        if rng.random() < keep:
            yield day


def children(world: World) -> Iterator[Child]:
    """Every child with something recorded in the period, in a fixed order."""
    p = world.params
    numbers = iter(range(1, 10**7))
    number = next(numbers)
    streams = (
        ("referred", p.new_children, WARM_UP_YEARS, REFERRAL_SEASON, True, journey.referral_age_days, _referred),
        ("uasc", p.uasc, 4, UASC_SEASON, False, lambda r: _years(care.uasc_age(r)), _uasc),
        ("short_breaks", p.short_breaks, 4, FLAT, True, lambda r: _years(r.uniform(4, 16)), _short_breaks),
        ("contacts", p.contact_only, 0, REFERRAL_SEASON, True, lambda r: _years(r.uniform(0, 17.9)), _contacts_only),
    )
    rng = random.Random()
    for stream, per_year, warm_up, season, weekdays, age, simulate in streams:
        arrivals = world.rng(stream, "arrivals")
        start = world.first - _years(warm_up)
        stream_seed = zlib.crc32(f"{world.seed}:{world.la}:{stream}".encode()) << 32
        for index, arrived in enumerate(_arrivals(arrivals, per_year, start, world.end, season, weekdays)):
            dob = arrived - age(arrivals)
            if birthday(dob, 22) < world.first:
                continue  # too old to appear in the period, even as a care leaver
            rng.seed(stream_seed + index)  # each child's own stream
            child = simulate(rng, world, arrived, dob, f"SYN{world.la}{number:06d}")
            if child is not None and _has_records(world, child):
                yield child
                number = next(numbers)


def _years(years: float) -> timedelta:
    return timedelta(days=int(years * YEAR))


def _child(rng: random.Random, world: World, child_id: str, dob: date, uasc: bool = False,
           disabled: bool | None = None) -> Child:
    if disabled is None:
        disabled = rng.random() < 0.06
    disabilities = tuple(sorted({DISABILITY.pick(rng) for _ in range(rng.choice((1, 1, 1, 2)))})) if disabled else ()
    if uasc:
        upn, unknown = None, "UN2"
    elif age_on(dob, world.end) < 5:
        upn, unknown = None, "UN1"
    else:
        # The authority's own LA number, where its pupils' numbers were issued (the DfE's rule
        # 1530 rejects a number that is no authority's); the IDs (SYN...) mark the data as synthetic.
        digits = f"{world.la}{rng.randint(1000, 9999)}{(dob.year + 5) % 100:02d}{rng.randint(0, 999):03d}"
        upn, unknown = upn_check_letter(digits) + digits, None
    return Child(child_id, ("M" if rng.random() < (0.94 if uasc else 0.52) else "F"), dob,
                 (UASC_ETHNICITY if uasc else world.params.ethnicity).pick(rng), upn, unknown,
                 disabilities, world.places.home_postcode(rng))


def _referred(rng: random.Random, world: World, arrived: date, dob: date, child_id: str) -> Child | None:
    chain = journey.plan_chain(rng, world.params, dob, arrived, until=world.end)
    if chain[-1].closed < world.first and not (any(p.care for p in chain) and birthday(dob, 22) > world.first):
        return None
    child = _child(rng, world, child_id, dob)
    if rng.random() < 0.3:  # an earlier contact that came to nothing
        _contact(rng, world, child, arrived - timedelta(days=rng.randint(30, 200)), REFERRAL_SOURCE.pick(rng))
    _early_help_first(world, child, chain[0].referral)
    _follow(rng, world, child, chain)
    _missing_from_home(world, child)
    return child


def _early_help_first(world: World, child: Child, referral: date) -> None:
    """Some families had early help in the months before their first referral (stepped up to
    social care). Drawn from a clock of the child's own, so that the demo's other figures stay as
    they were before this was added."""
    clock = random.Random(f"{child.id}/early help")
    if clock.random() < EARLY_HELP_BEFORE_REFERRAL:
        day = referral - timedelta(days=clock.randint(60, 330))
        if day > child.dob:
            _contact(clock, world, child, day, REFERRAL_SOURCE.pick(clock), "EARLY_HELP")


def _missing_from_home(world: World, child: Child) -> None:
    """Children in need go missing from home too: the SSD records every child reported missing,
    the 903 only those looked after. Incidents (type M) while the child's need was open and the
    child was not looked after, drawn from a clock of the child's own, so that the demo's other
    figures stay as they were before this was added."""
    clock = random.Random(f"{child.id}/missing from home")
    if clock.random() >= MISSING_FROM_HOME:
        return
    in_care = [(p.start, p.end or date.max) for p in child.periods]
    for referral in child.referrals:
        if referral.nfa:
            continue
        found = outcomes.missing(clock, world, child.dob, referral.date, referral.closed or world.end)
        child.missing += [m for m in found if m.kind == "M" and not any(s <= m.start <= e for s, e in in_care)]


def _uasc(rng: random.Random, world: World, arrived: date, dob: date, child_id: str) -> Child:
    child = _child(rng, world, child_id, dob, uasc=True)
    child.uasc_arrived = arrived
    adult = birthday(dob, 18)
    child.uasc_ceased = world.clip(adult)
    plan = journey.plan_episode(rng, world.params, dob, arrived, False, path="uasc")
    _follow(rng, world, child, [plan], UASC_REFERRAL_SOURCE, need="N8")
    return child


def _short_breaks(rng: random.Random, world: World, arrived: date, dob: date, child_id: str) -> Child:
    child = _child(rng, world, child_id, dob, disabled=True)
    plan = journey.plan_episode(rng, world.params, dob, arrived, False, path="support")
    _follow(rng, world, child, [plan], need="N2")
    start = plan.assessment[1] + timedelta(days=rng.randint(20, 60))
    # one legal status for the child's breaks: never V3 and V4 in the same year (rule 426)
    status = "V4" if rng.random() < 0.85 else "V3"
    for n in range(1, rng.choice((2, 3, 4)) + 1):
        if start >= min(plan.closed, birthday(dob, 18)) or start > world.end:
            break
        episodes = placements.short_breaks(rng, world, child, start, "N2", f"{child_id}B{n}", status)
        planned_end = start + timedelta(days=365)
        # asked of every child starting to be looked after (630): none before short breaks (Z1)
        child.periods.append(PeriodOfCare(f"{child_id}B{n}", start, episodes[0].end, episodes,
                                          previous_permanence=PreviousPermanence("Z1", "", "")))
        start = planned_end + timedelta(days=rng.randint(1, 30))
    return child


def _contacts_only(rng: random.Random, world: World, arrived: date, dob: date, child_id: str) -> Child:
    child = _child(rng, world, child_id, dob)
    source = REFERRAL_SOURCE.pick(rng)
    day = arrived
    for _ in range(rng.choice(CONTACT_COUNTS)):
        if day > world.end:
            break
        _contact(rng, world, child, day, source, CONTACT_OUTCOME.pick(rng))
        day += timedelta(days=rng.randint(20, 400))
    return child


def _contact(rng: random.Random, world: World, child: Child, day: date, source: str, outcome: str = "NFA") -> None:
    n = len(child.contacts) + 1
    child.contacts.append(Contact(f"{child.id}K{n}", day, source, outcome))
    if outcome == "EARLY_HELP":
        start = day + timedelta(days=rng.randint(3, 20))
        if start <= world.end:
            child.early_help.append(EarlyHelp(f"{child.id}H{n}", start,
                                              world.clip(start + timedelta(days=rng.randint(60, 300))),
                                              f"EH{rng.randint(1, 40):03d}"))


def _follow(rng: random.Random, world: World, child: Child, chain: list[journey.EpisodePlan],
            source: Weights = REFERRAL_SOURCE, need: str | None = None) -> None:
    """Fill in every referral of the chain, with its contact and any period of care."""
    plans_so_far = 1 if rng.random() < world.params.earlier_cp_elsewhere else 0
    for n, plan in enumerate(chain, 1):
        if plan.referral > world.end:
            break
        episode_need = need or (CARE_NEED.pick(rng) if plan.care else PRIMARY_NEED.pick(rng))
        referral = journey.referral(rng, world, child.id, n, plan, episode_need, plans_so_far, source)
        child.referrals.append(referral)
        _contact(rng, world, child, plan.referral - timedelta(days=rng.choice((0, 0, 0, 1, 2, 3))),
                 referral.source, "REFERRAL")
        plans_so_far += plan.cp is not None
        if plan.care and plan.care.start <= world.end:
            child.periods.append(_period(rng, world, child, plan.care, len(child.periods) + 1, episode_need))
    _leaving_care(rng, world, child, chain)


def _period(rng: random.Random, world: World, child: Child, plan: care.CarePlan, n: int, need: str) -> PeriodOfCare:
    period_id = f"{child.id}E{n}"
    episodes = placements.episodes(rng, world, child, plan, need, world.params.move_rate, period_id)
    period = PeriodOfCare(period_id, plan.start, world.clip(plan.end), episodes)
    period.reviews = outcomes.reviews(rng, world, child.dob, plan.start, plan.end)
    period.visits = outcomes.visits(rng, world, plan.start, plan.end)
    period.missing = outcomes.missing(rng, world, child.dob, plan.start, plan.end)
    period.health = outcomes.health(rng, world, child.dob, plan.start, plan.end)
    period.previous_permanence = outcomes.previous_permanence(rng, world, plan.start)
    period.social_workers = outcomes.social_workers(rng, world, plan.start, plan.end)
    if plan.adoption and plan.adoption.decision <= world.end:
        period.adoption = outcomes.adoption(rng, world, plan.adoption)
    if child.sex == "F" and child.baby_born is None and rng.random() < 0.02:
        born = max(plan.start, birthday(child.dob, 15)) + timedelta(days=rng.randint(30, 700))
        if born < min(plan.end, birthday(child.dob, 18)) and born <= world.end:
            child.baby_born = born
    return period


def _leaving_care(rng: random.Random, world: World, child: Child, chain: list[journey.EpisodePlan]) -> None:
    ends = [plan.care.end for plan in chain if plan.care and plan.care.start <= world.end]
    periods = [p for p in child.periods if not p.short_breaks]
    child.care_leaver = outcomes.care_leaver_years(rng, world, child.dob, periods, ends)


def _has_records(world: World, child: Child) -> bool:
    first, last = world.first, world.end
    return (any(overlaps(r.date, r.closed, first, last) for r in child.referrals)
            or any(overlaps(p.start, p.end, first, last) for p in child.periods)
            or any(first <= c.date <= last for c in child.contacts)
            or any(overlaps(e.start, e.end, first, last) for e in child.early_help)
            or bool(child.care_leaver))
