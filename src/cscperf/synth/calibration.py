"""From an authority's targets to the parameters of the children's journeys.

Flows (referrals, plans and periods of care starting) set how often each path is taken; stocks
(children on a plan or looked after on 31 March) set how long each lasts, by Little's law:
children on a plan = plans starting a year x average years a plan lasts. Those averages are
worked out by sampling the same journey functions the simulation uses, with their own fixed
random numbers, so calibration is deterministic and needs no trial run.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from statistics import NormalDist

from cscperf.synth import care, journey
from cscperf.synth.codes import CENSUS_ETHNICITY, ETHNICITY, Weights
from cscperf.synth.dates import age_on, birthday
from cscperf.synth.targets import Targets

UASC_SHARE_OF_STARTS = 0.12  # national: about one child in eight starting care is a UASC
CARE_FROM_CP_RATIO = 6.0  # a child on a CP plan is this many times likelier to enter care
CONTACTS_PER_REFERRAL = 1.6  # contacts that do not become referrals, per referral
CONTACTS_PER_CONTACT_ONLY_CHILD = 5 / 3  # the average of population.CONTACT_COUNTS
SAMPLES = 2000
ASSESSMENT_SPREAD = 0.55  # sigma of log working days to complete an assessment
ICPC_SPREAD = 0.3


@dataclass(frozen=True)
class Params:
    """How the authority's children move through its services (rates are per year)."""

    new_children: float  # children referred for the first time
    uasc: float  # unaccompanied asylum-seeking children arriving
    contact_only: float  # children with contacts that never become referrals
    short_breaks: float  # disabled children starting short-break care
    path: Weights  # referral outcome: nfa, nin (assessed, not in need), cp, need
    nin_s47: float  # chance a not-in-need referral had a section 47 enquiry
    need_s47: float  # chance an in-need referral (no CP plan) had a section 47 enquiry ...
    need_icpc: float  # ... that went to an initial conference that made no plan
    care_cp: float  # chance a child on a CP plan enters care (before age weighting)
    care_need: float  # chance a child in need without a plan enters care
    assessment_mu: float  # log working days to authorise an assessment
    icpc_mu: float  # log working days from section 47 start to the conference
    cp_scale: float  # median years a CP plan lasts
    need_scale: float  # median years a child in need episode lasts
    care_scale: float  # multiplies how long periods of care last
    rerefer_12m: float  # chance of another referral within 12 months, when possible
    rerefer_later: float  # chance of another referral after more than 12 months
    move_rate: float  # placement moves a year, on average
    eet_19_21: float  # chance an in-touch care leaver is in education, employment or training
    eet_17_18: float
    earlier_cp_elsewhere: float  # chance a first plan here follows one elsewhere
    ethnicity: Weights


def plausible(targets: Targets) -> Targets:
    """Targets limited to what the model can reproduce; tiny authorities take national rates."""
    if targets.population < 10_000:
        base = Targets(la=targets.la, population=targets.population)
        return replace(base, ethnicity=targets.ethnicity)
    limits = {
        "rereferrals_pct": (5, 40), "nfa_pct": (0.5, 40), "not_in_need_pct": (5, 55),
        "assessments_45wd_pct": (40, 99.5), "icpc_15wd_pct": (30, 99), "cp_second_pct": (5, 40),
        "placements_3plus_pct": (3, 20), "care_leavers_eet_pct": (25, 85),
        "care_leavers_17_18_eet_pct": (35, 90),
    }
    changes = {name: min(max(getattr(targets, name), low), high) for name, (low, high) in limits.items()}
    changes["cp_starts_per_10k"] = max(targets.cp_starts_per_10k, 8.0)
    changes["cp_per_10k"] = max(targets.cp_per_10k, 8.0)
    changes["cla_starts_per_10k"] = max(targets.cla_starts_per_10k, 8.0)
    changes["cla_per_10k"] = max(targets.cla_per_10k, 15.0)
    changes["icpc_per_10k"] = max(targets.icpc_per_10k, changes["cp_starts_per_10k"] * 1.05)
    changes["s47_per_10k"] = max(targets.s47_per_10k, changes["icpc_per_10k"] * 1.2)
    changes["cin_per_10k"] = max(targets.cin_per_10k, (changes["cla_per_10k"] + changes["cp_per_10k"]) * 1.6)
    return replace(targets, **changes)


def calibrate(targets: Targets) -> Params:
    t = plausible(targets)
    rng = random.Random(f"calibration:{t.la}")
    referrals = t.referrals_per_10k
    nfa, nin = t.nfa_pct / 100, t.not_in_need_pct / 100
    cp = t.cp_starts_per_10k / referrals
    need = 1 - nfa - nin - cp
    if need < 0.15:  # keep room for children in need: fewer assessed as not in need
        nin, need = nin - (0.15 - need), 0.15
    s47_only = (t.s47_per_10k - t.icpc_per_10k) / referrals
    icpc_only = (t.icpc_per_10k - t.cp_starts_per_10k) / referrals
    uasc = UASC_SHARE_OF_STARTS * t.cla_starts_per_10k
    starts = t.cla_starts_per_10k - uasc
    care_need = starts / referrals / (CARE_FROM_CP_RATIO * cp + need)
    z = NormalDist().inv_cdf
    params = Params(
        new_children=0.0, uasc=t.count(uasc), contact_only=0.0, short_breaks=t.count(1.2),
        path=Weights({"nfa": nfa, "nin": nin, "cp": cp, "need": need}),
        nin_s47=min(0.5, 0.4 * s47_only / nin), need_s47=min(0.6, 0.6 * s47_only / need),
        need_icpc=min(0.5, icpc_only / need),
        care_cp=min(0.8, CARE_FROM_CP_RATIO * care_need), care_need=min(0.5, care_need),
        assessment_mu=math.log(45.5) - ASSESSMENT_SPREAD * z(t.assessments_45wd_pct / 100),
        icpc_mu=math.log(15.5) - ICPC_SPREAD * z(t.icpc_15wd_pct / 100),
        cp_scale=0.75, need_scale=0.6, care_scale=1.0, rerefer_12m=0.2, rerefer_later=0.15,
        move_rate=0.5, eet_19_21=min(1.0, t.care_leavers_eet_pct / 100 / 0.92),
        eet_17_18=min(1.0, t.care_leavers_17_18_eet_pct / 100 / 0.92),
        earlier_cp_elsewhere=0.0, ethnicity=_ethnicity(t),
    )
    uasc_years = _mean(care.uasc_years(rng) for _ in range(SAMPLES))
    looked_after = max(0.35 * t.cla_per_10k, t.cla_per_10k - uasc * uasc_years)
    # Re-referrals come at older ages than first referrals, so the ages referrals actually come
    # at are taken from sampled chains of referrals, and the durations worked out again with them.
    stocks = (uasc * uasc_years, starts / referrals, looked_after / referrals)
    params = _durations(rng, params, t, *stocks, steps=3)
    params, ages = _chains(rng, params, t, uasc)
    params = _durations(rng, params, t, *stocks, steps=2, ages=ages)
    params, _ = _chains(rng, params, t, uasc, ages)
    return replace(params, move_rate=care.move_rate_for(t.placements_3plus_pct / 100, t.cla_starts_per_10k / t.cla_per_10k),
                   contact_only=t.count(referrals) * CONTACTS_PER_REFERRAL / CONTACTS_PER_CONTACT_ONLY_CHILD)


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)


def _ethnicity(t: Targets) -> Weights:
    if not t.ethnicity:
        return ETHNICITY
    mix: dict[str, float] = {}
    for group, count in t.ethnicity:
        code = CENSUS_ETHNICITY.get(group)
        if code:
            mix[code] = mix.get(code, 0) + count
    total = sum(mix.values())
    mix = {code: 0.98 * count / total for code, count in mix.items()}
    return Weights({**mix, "REFU": 0.008, "NOBT": 0.012})


REFERENCE_DAY = date(2020, 10, 1)  # samples are dated around here; any ordinary year would do


def _episodes(rng: random.Random, params: Params, path: str | None = None, n: int = SAMPLES,
              ages: list[timedelta] | None = None) -> list[journey.EpisodePlan]:
    """Sampled referrals (on `path`, if given), at ages drawn from `ages` or the national ones."""
    plans = []
    for _ in range(n):
        dob = REFERENCE_DAY - (rng.choice(ages) if ages else journey.referral_age_days(rng))
        plans.append(journey.plan_episode(rng, params, dob, REFERENCE_DAY, earlier_care=False, path=path))
    return plans


def _durations(rng: random.Random, params: Params, t: Targets, uasc_stock: float, starts: float,
               looked_after: float, steps: int, ages: list[timedelta] | None = None) -> Params:
    """Chances of entering care, and how long periods of care, CP plans and child in need
    episodes last, for the target starts and numbers on 31 March (`starts` and `looked_after`
    are per referral).

    Each path's averages come from referrals that follow it, with the same random numbers at
    every step, so that the steps converge rather than wander."""
    referrals = t.referrals_per_10k
    seed = rng.random()
    sizes = {"nin": SAMPLES // 4, "cp": SAMPLES // 2, "need": SAMPLES}
    for _ in range(steps):
        by_path = {path: _episodes(random.Random(f"{seed}:{path}"), params, path, n, ages) for path, n in sizes.items()}
        weight = {path: params.path.share(path) / len(plans) for path, plans in by_path.items()}
        # Entries to care per referral: the chance each sampled referral had (less noisy than
        # counting the entries that happened), and the ages at entry of those that happened.
        chance = {"cp": params.care_cp, "need": params.care_need}
        entered = sum(weight[path] * min(0.95, chance[path] * care.entry_weight(age_on(p.dob, p.referral)))
                      for path in chance for p in by_path[path])
        entry_ages = [(p.care.start - p.dob, weight[path]) for path in chance for p in by_path[path] if p.care]
        care_need = params.care_need * starts / max(entered, 1e-6)
        care_scale = _care_scale(random.Random(f"{seed}:care"), params, entry_ages, looked_after / starts)
        cp_years = sum(p.cp_days for p in by_path["cp"]) * weight["cp"] / 365.25
        open_years = {path: sum(p.open_days for p in plans) * weight[path] / 365.25 for path, plans in by_path.items()}
        cin_target = (t.cin_per_10k - uasc_stock) / referrals
        cp_scale = params.cp_scale * (t.cp_per_10k / referrals) / max(cp_years, 1e-6)
        need_years = max(0.05, cin_target - open_years["nin"] - open_years["cp"])
        need_scale = params.need_scale * need_years / max(open_years["need"], 1e-6)
        params = replace(params, cp_scale=min(max(cp_scale, 0.1), 4.0), need_scale=min(max(need_scale, 0.05), 5.0),
                         care_need=min(0.5, care_need), care_cp=min(0.8, CARE_FROM_CP_RATIO * care_need),
                         care_scale=care_scale)
    return params


def _care_scale(rng: random.Random, params: Params, entry_ages: list[tuple[timedelta, float]],
                years_target: float) -> float:
    """The duration multiplier at which periods of care starting at these ages (weighted) last
    `years_target` on average."""
    ages, weights = zip(*entry_ages)
    periods = [care.plan(rng, params, REFERENCE_DAY - age, REFERENCE_DAY)
               for age in rng.choices(ages, weights, k=SAMPLES * 2)]

    fixed = sum(care.length_days(c.track, c.base, c.cap, 1.0) for c in periods if c.track in care.FIXED)
    scaled = [(c.base, c.cap) for c in periods if c.track not in care.FIXED]

    def mean_years(scale: float) -> float:
        return (fixed + sum(min(base * scale, cap) for base, cap in scaled)) / len(periods) / 365.25

    low, high = 0.05, 20.0
    for _ in range(20):
        middle = math.sqrt(low * high)
        low, high = (middle, high) if mean_years(middle) < years_target else (low, middle)
    return math.sqrt(low * high)


def _chains(rng: random.Random, params: Params, t: Targets, uasc: float,
            ages: list[timedelta] | None = None) -> tuple[Params, list[timedelta]]:
    """Re-referral chances, how many children a year must be referred for the first time, and
    the ages at which the sampled children were referred."""
    plans = _episodes(rng, params, ages=ages)
    eligible = _mean(journey.can_rerefer_within_12m(p) for p in plans)
    params = replace(params, rerefer_12m=min(0.95, t.rereferrals_pct / 100 / max(eligible, 0.05)))
    referrals, first_plans, later_plans, seen = 0, 0, 0, []
    for _ in range(SAMPLES // 2):
        dob = REFERENCE_DAY - journey.referral_age_days(rng)
        chain = journey.plan_chain(rng, params, dob, REFERENCE_DAY, until=birthday(dob, 18))
        referrals += len(chain)
        seen.extend(plan.referral - dob for plan in chain)
        plans_so_far = 0
        for plan in chain:
            if plan.path == "cp":
                first_plans += plans_so_far == 0
                later_plans += plans_so_far > 0
                plans_so_far += 1
    per_child = referrals / (SAMPLES // 2)
    natural = later_plans / max(1, first_plans + later_plans)
    target = t.cp_second_pct / 100
    return replace(params, new_children=max(0.0, t.count(t.referrals_per_10k - uasc)) / per_child,
                   earlier_cp_elsewhere=max(0.0, (target - natural) / (1 - natural))), seen
