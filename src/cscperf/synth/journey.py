"""A child's journey through children's social care: referrals and what follows them.

Each referral is first planned as a handful of dates (`plan_episode`): the path it takes
(no further action, assessed as not in need, child protection plan, or other support as a
child in need), the assessment, any section 47 enquiry and conference, plans, entry to care and
closure. Calibration samples these plans to size the authority; the simulation then fills in
the detail (`referral`): codes, teams and workers, plan reviews and visits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from cscperf.synth import care
from cscperf.synth.codes import ABUSE_CATEGORY, ASSESSMENT_FACTOR, PRIMARY_NEED, REFERRAL_SOURCE, Weights
from cscperf.synth.dates import add_working_days, age_on, birthday
from cscperf.synth.model import Assessment, CinPlan, CpPlan, Referral, Section47

if TYPE_CHECKING:
    from cscperf.synth.calibration import Params
    from cscperf.synth.world import World

# Age at referral (years, by band), England 2024-25.
AGE_BANDS = ((0, 1, 12), (1, 5, 21), (5, 10, 25), (10, 16, 32), (16, 18, 10))
ASSESSMENT_SPREAD, ICPC_SPREAD = 0.55, 0.3
CP_SPREAD = 0.55  # a few plans (about 3% of those ending) last two years or more
YEAR = 365.25


def referral_age_days(rng: random.Random) -> timedelta:
    """A child's age on the day of a referral."""
    band = rng.random() * 100
    for low, high, weight in AGE_BANDS:
        if band < weight:
            return timedelta(days=int(rng.uniform(low, high) * YEAR))
        band -= weight
    return timedelta(days=int(17.5 * YEAR))


@dataclass(slots=True)
class EpisodePlan:
    path: str  # nfa, nin, cp or need
    referral: date
    dob: date
    closed: date | None = None
    closure_reason: str = "RC7"
    assessment: tuple[date, date] | None = None
    s47: tuple[date, date] | None = None
    icpc: date | None = None  # initial child protection conference, if held
    cp: tuple[date, date] | None = None
    cin_plan: tuple[date, date] | None = None
    care: care.CarePlan | None = None

    @property
    def cp_days(self) -> int:
        return (self.cp[1] - self.cp[0]).days if self.cp else 0

    @property
    def open_days(self) -> int:
        return (self.closed - self.referral).days


def _wd(rng: random.Random, day: date, *choices: int) -> date:
    return add_working_days(day, rng.choice(choices))


def _days(years: float) -> timedelta:
    return timedelta(days=max(1, int(years * YEAR)))


def plan_episode(rng: random.Random, params: Params, dob: date, referred: date, earlier_care: bool,
                 path: str | None = None) -> EpisodePlan:
    """The main dates of one referral and everything that follows from it. `path` forces the
    route: "uasc" (an unaccompanied asylum-seeking child taken into care on arrival) or
    "support" (a disabled child supported as a child in need without entering care)."""
    adult = birthday(dob, 18)
    path = path or params.path.pick(rng)
    if path in ("cp", "need") and (adult - referred).days < 90:
        path = "nin"  # too near 18 for a plan
    plan = EpisodePlan(path, referred, dob)
    if path == "nfa":
        plan.closed, plan.closure_reason = referred, "RC8"
        return plan
    start = _wd(rng, referred, 0, 0, 0, 1, 1, 2, 3)
    authorised = add_working_days(start, max(1, round(rng.lognormvariate(params.assessment_mu, ASSESSMENT_SPREAD))))
    plan.assessment = (start, authorised)
    chance_of_care = care.entry_weight(age_on(dob, referred)) * (1.5 if earlier_care else 1.0)
    if path == "uasc":
        plan.path = "need"
        plan.care = care.plan_uasc(rng, dob, referred + timedelta(days=rng.randint(0, 2)))
    elif path == "support":
        plan.path = "need"
        plan.cin_plan = (_wd(rng, authorised, 0, 5, 10), authorised + _days(rng.lognormvariate(0.7, 0.5)))
        plan.closed = plan.cin_plan[1] + timedelta(days=rng.randint(0, 10))
    elif path == "nin":
        if rng.random() < params.nin_s47:
            s47 = _wd(rng, referred, 0, 1, 2)
            plan.s47 = (s47, add_working_days(s47, rng.randint(5, 20)))
        done = max(authorised, plan.s47[1]) if plan.s47 else authorised
        plan.closed = _wd(rng, done, 0, 1, 2, 3, 5)
        after_assessment = "RC9" if rng.random() < 0.25 else "RC8"
        # RC8 and RC9 close a case after assessment alone: an enquiry is activity (CIN rule 2990)
        plan.closure_reason = "RC7" if plan.s47 else after_assessment
    elif path == "cp":
        _conference(rng, params, plan, referred)
        length = _days(params.cp_scale * rng.lognormvariate(0, CP_SPREAD))
        if rng.random() < min(0.95, params.care_cp * chance_of_care):
            entry = plan.icpc + max(timedelta(days=1), length * rng.uniform(0.05, 1))
            plan.cp = (plan.icpc, entry)
            plan.care = care.plan(rng, params, dob, entry)
        else:
            plan.cp = (plan.icpc, plan.icpc + length)
            plan.closed = plan.cp[1]
            if rng.random() < 0.7:  # stepped down to a child in need plan
                plan.cin_plan = (plan.cp[1], plan.cp[1] + _days(rng.lognormvariate(-0.9, 0.5)))
                plan.closed = plan.cin_plan[1]
            plan.closed += timedelta(days=rng.randint(0, 20))
    else:
        if rng.random() < params.need_icpc:
            _conference(rng, params, plan, referred)
        elif rng.random() < params.need_s47:
            s47 = _wd(rng, referred, 0, 1, 2)
            plan.s47 = (s47, add_working_days(s47, rng.randint(5, 20)))
        length = _days(params.need_scale * rng.lognormvariate(0, 0.8))
        plan_starts = _wd(rng, authorised, 0, 1, 2, 5, 10)
        if rng.random() < min(0.95, params.care_need * chance_of_care):
            emergency = rng.random() < 0.35
            entry = referred + (timedelta(days=rng.randint(0, 5)) if emergency else length * rng.uniform(0.1, 1))
            if entry > plan_starts + timedelta(days=14):
                plan.cin_plan = (plan_starts, entry)
            plan.care = care.plan(rng, params, dob, entry)
        else:
            plan.closed = max(authorised, referred + length) + timedelta(days=rng.randint(0, 10))
            if rng.random() < 0.65 and plan.closed > plan_starts + timedelta(days=14):
                plan.cin_plan = (plan_starts, plan.closed - timedelta(days=rng.randint(0, 3)))
    if plan.care:
        plan.closed, plan.closure_reason = care.after_care(rng, plan.care)
        if plan.closure_reason == "STEP_DOWN":
            plan.cin_plan = (plan.care.end, plan.closed)
            plan.closure_reason = "RC7"
    _cap_at_18(plan, adult)
    return plan


def _conference(rng: random.Random, params: Params, plan: EpisodePlan, referred: date) -> None:
    s47 = _wd(rng, referred, 0, 0, 1, 2, 3)
    plan.icpc = add_working_days(s47, max(1, round(rng.lognormvariate(params.icpc_mu, ICPC_SPREAD))))
    plan.s47 = (s47, min(plan.icpc, add_working_days(s47, rng.randint(8, 15))))


def _cap_at_18(plan: EpisodePlan, adult: date) -> None:
    """Nothing for a child outlasts their 18th birthday."""
    if plan.closed >= adult:
        plan.closed, plan.closure_reason = adult, ("RC6" if plan.closure_reason == "RC6" else "RC7")
    if plan.cp and plan.cp[1] > adult:
        plan.cp = (plan.cp[0], adult)
    if plan.cin_plan and plan.cin_plan[1] > adult:
        plan.cin_plan = (plan.cin_plan[0], adult)
    # nor is an assessment or enquiry still going after the case closed (CIN rule 8565)
    if plan.assessment and plan.assessment[1] > plan.closed:
        plan.assessment = (min(plan.assessment[0], plan.closed), plan.closed)
    if plan.s47 and plan.s47[1] > plan.closed:
        plan.s47 = (min(plan.s47[0], plan.closed), plan.closed)


def can_rerefer_within_12m(plan: EpisodePlan) -> bool:
    return plan.closed <= plan.referral + timedelta(days=330) and (birthday(plan.dob, 18) - plan.closed).days > 30


def plan_chain(rng: random.Random, params: Params, dob: date, first: date, until: date) -> list[EpisodePlan]:
    """A child's referrals, each after the last closed, until 18 or `until`."""
    chain: list[EpisodePlan] = []
    referred, earlier_care = first, False
    adult = birthday(dob, 18)
    while referred < until:
        plan = plan_episode(rng, params, dob, referred, earlier_care)
        chain.append(plan)
        earlier_care = earlier_care or plan.care is not None
        draw = rng.random()
        if can_rerefer_within_12m(plan) and draw < params.rerefer_12m:
            low, high = plan.closed + timedelta(days=7), plan.referral + timedelta(days=364)
            referred = low + timedelta(days=rng.randint(0, max(0, (high - low).days)))
        elif draw > 1 - params.rerefer_later:
            referred = max(plan.closed + timedelta(days=30), plan.referral + timedelta(days=366))
            referred += timedelta(days=int(rng.expovariate(1 / 500)))
        else:
            break
        if referred >= adult - timedelta(days=30):
            break
    return chain


def referral(rng: random.Random, world: World, child_id: str, n: int, plan: EpisodePlan,
             need: str, previous_plans: int, source: Weights = REFERRAL_SOURCE) -> Referral:
    """The full record of one planned referral, as known on the last day simulated."""
    clip = world.clip
    team, worker = world.workforce.allocate(rng, "assessment")
    ref = Referral(id=f"{child_id}R{n}", date=plan.referral, source=source.pick(rng),
                   need=need if plan.path != "nfa" else PRIMARY_NEED.pick(rng), nfa=plan.path == "nfa",
                   closed=clip(plan.closed), closure_reason=plan.closure_reason if clip(plan.closed) else None,
                   team=team, worker=worker)
    if plan.assessment and plan.assessment[0] <= world.end:
        factors = {ASSESSMENT_FACTOR.pick(rng) for _ in range(rng.choice((1, 1, 2, 2, 3, 4)))}
        factors = tuple(sorted(factors - {"21"} or factors))  # 21, no factors, stands alone (CIN rule 8869)
        ref.assessments.append(Assessment(f"{child_id}A{n}", plan.assessment[0], clip(plan.assessment[1]),
                                          factors, rng.random() < 0.95, plan.path != "nin"))
    if plan.s47 and plan.s47[0] <= world.end:
        s47 = Section47(f"{child_id}S{n}", plan.s47[0], clip(plan.s47[1]), icpc_not_required=plan.icpc is None)
        if plan.icpc:
            s47.icpc_id, s47.icpc_target = f"{child_id}I{n}", add_working_days(plan.s47[0], 15)
            s47.icpc_date = clip(plan.icpc)
            s47.plan_id = f"{child_id}P{n}" if plan.cp and s47.icpc_date else None
        ref.section47s.append(s47)
    if plan.cp and plan.cp[0] <= world.end:
        ref.cp_plans.append(_cp_plan(rng, world, f"{child_id}P{n}", plan.cp, previous_plans))
    if plan.cin_plan and plan.cin_plan[0] <= world.end and plan.cin_plan[1] > plan.cin_plan[0]:
        ref.cin_plans.append(CinPlan(f"{child_id}C{n}", plan.cin_plan[0], clip(plan.cin_plan[1])))
    return ref


def _cp_plan(rng: random.Random, world: World, plan_id: str, dates: tuple[date, date], previous: int) -> CpPlan:
    start, end = dates
    category = ABUSE_CATEGORY.pick(rng)
    plan = CpPlan(plan_id, start, world.clip(end), category,
                  ABUSE_CATEGORY.pick(rng) if rng.random() < 0.1 else category, previous)
    # Review conferences: the first within three months, then every six months.
    review = start + timedelta(days=rng.randint(75, 92) if rng.random() < 0.92 else rng.randint(93, 130))
    while review < end and review <= world.end:
        plan.reviews.append(review)
        review += timedelta(days=rng.randint(165, 182) if rng.random() < 0.93 else rng.randint(183, 230))
    # Statutory visits, about every ten working days.
    visit = add_working_days(start, rng.randint(3, 10))
    while visit < end and visit <= world.end:
        plan.visits.append(visit)
        visit = add_working_days(visit, rng.choice((7, 8, 9, 10, 10, 10, 11, 12, 15)))
    return plan
