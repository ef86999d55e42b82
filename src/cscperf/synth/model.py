"""The synthetic truth: one history per child, from which every format is written.

Dates after the end of the simulated period are never kept: an episode still open then has no
end date, exactly as in the authority's own system on that day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from cscperf.synth.geography import Postcode


@dataclass(slots=True)
class Contact:
    id: str
    date: date
    source: str
    outcome: str  # REFERRAL, EARLY_HELP, ADVICE or NFA


@dataclass(slots=True)
class EarlyHelp:
    id: str
    start: date
    end: date | None
    worker: str


@dataclass(slots=True)
class Assessment:
    id: str
    start: date
    authorised: date | None
    factors: tuple[str, ...]
    child_seen: bool
    in_need: bool


@dataclass(slots=True)
class Section47:
    id: str
    start: date
    end: date | None
    icpc_not_required: bool
    icpc_id: str | None = None
    icpc_target: date | None = None
    icpc_date: date | None = None
    plan_id: str | None = None


@dataclass(slots=True)
class CinPlan:
    id: str
    start: date
    end: date | None


@dataclass(slots=True)
class CpPlan:
    id: str
    start: date
    end: date | None
    initial_category: str
    latest_category: str
    previous_plans: int
    reviews: list[date] = field(default_factory=list)
    visits: list[date] = field(default_factory=list)


@dataclass(slots=True)
class Referral:
    """An episode of need: a referral and what followed, to its closure."""

    id: str
    date: date
    source: str
    need: str
    nfa: bool
    closed: date | None
    closure_reason: str | None
    team: str
    worker: str
    assessments: list[Assessment] = field(default_factory=list)
    cin_plans: list[CinPlan] = field(default_factory=list)
    section47s: list[Section47] = field(default_factory=list)
    cp_plans: list[CpPlan] = field(default_factory=list)


@dataclass(slots=True)
class Episode:
    """One row of the 903 episodes table."""

    start: date
    rne: str
    legal_status: str
    need: str
    placement: str
    provider: str
    end: date | None
    reason_ceased: str | None
    placement_change_reason: str | None
    home: Postcode | None  # none for a child who is or was UASC: no home in England to measure from
    place: Postcode
    urn: str
    placement_id: str


@dataclass(slots=True)
class Missing:
    kind: str  # M missing, A away without authorisation
    start: date
    end: date | None
    rhi_offered: bool
    rhi_accepted: bool
    gone_at: time | None = None  # time of day, as the SSD records it (the 903 holds dates only)
    back_at: time | None = None


@dataclass(slots=True)
class Adoption:
    decision: date  # agency decision maker: the child should be placed for adoption
    placement_order: date | None = None
    matched: date | None = None
    placed: date | None = None
    adopted: date | None = None
    reversed: date | None = None
    reversed_reason: str | None = None
    by_foster_carer: bool = False
    adopters: int = 2
    adopters_sex: str = "MF"
    adopters_legal_status: str = "L0"


@dataclass(slots=True)
class PreviousPermanence:
    option: str  # P1-P4 or Z1
    la: str
    order_date: str  # as the 903 carries it, possibly partial (zz/zz/2015)


@dataclass(slots=True)
class HealthYear:
    """A year's health checks; the 903 OC2 row when the child had been looked after continuously
    for 12 months at 31 March (`in_cohort`)."""

    year: int
    health_assessment: bool
    teeth_check: bool
    immunisations: bool
    health_check: bool | None  # development assessment, under-5s only
    sdq_score: int | None
    sdq_reason: str | None
    convicted: bool | None
    substance_misuse: bool
    intervention_offered: bool | None
    intervention_received: bool | None
    # the days the year's checks were done, in the 12 months to 31 March (None: not due while the
    # child was looked after): the SSD dates its records by them (the 903's OC2 only says whether
    # they were done)
    health_day: date | None = None
    teeth_day: date | None = None
    sdq_day: date | None = None
    in_cohort: bool = True  # in the OC2 cohort; else the checks of the first year in care or the last


@dataclass(slots=True)
class Involvement:
    worker: str
    start: date
    end: date | None
    reason: str | None


@dataclass(slots=True)
class PeriodOfCare:
    id: str
    start: date
    end: date | None
    episodes: list[Episode] = field(default_factory=list)
    reviews: list[tuple[date, str]] = field(default_factory=list)
    visits: list[date] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    adoption: Adoption | None = None
    previous_permanence: PreviousPermanence | None = None
    health: list[HealthYear] = field(default_factory=list)
    social_workers: list[Involvement] = field(default_factory=list)

    @property
    def short_breaks(self) -> bool:
        return self.episodes[0].legal_status in ("V3", "V4")


@dataclass(slots=True)
class CareLeaverYear:
    birthday: date  # the 17th to 21st birthday the row is about
    in_touch: str
    activity: str
    accommodation: str
    latest_contact: date | None
    pathway_review: date | None
    adviser: str
    team: str
    worker: str


@dataclass(slots=True)
class Child:
    id: str
    sex: str  # M, F
    dob: date
    ethnicity: str
    upn: str | None
    upn_unknown: str | None
    disabilities: tuple[str, ...]
    home: Postcode
    uasc_arrived: date | None = None
    uasc_ceased: date | None = None
    baby_born: date | None = None  # a looked-after young mother's child (903 MC_DOB)
    contacts: list[Contact] = field(default_factory=list)
    early_help: list[EarlyHelp] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    periods: list[PeriodOfCare] = field(default_factory=list)
    care_leaver: list[CareLeaverYear] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)  # reported missing while not looked after (SSD only)

    @property
    def episodes(self):
        return (e for p in self.periods for e in p.episodes)
