"""What a return covering `first` to `last` holds about a child, as known on `last`.

Every writer takes its rows from these views: the 903 and CIN census for each collection year,
and the SSD extract for the whole period (its `last` is the last day simulated). A spell still
open on `last` has no end date in that return; a later return fills it in. Because every format
draws on the same views, loading any of them describes the same children.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from cscperf.synth.dates import overlaps, year_end
from cscperf.synth.model import (Adoption, CareLeaverYear, Child, CpPlan, Episode, HealthYear, Involvement,
                                 Missing, PeriodOfCare, PreviousPermanence, Referral, Section47)

SOCIAL_WORKER_TABLE_FROM = date(2023, 4, 1)  # the 903 has carried social workers since 2023-24


def _known(day: date | None, last: date) -> date | None:
    return day if day is not None and day <= last else None


def episodes(child: Child, first: date, last: date) -> list[tuple[PeriodOfCare, Episode]]:
    found = []
    for period in child.periods:
        for e in period.episodes:
            if overlaps(e.start, e.end, first, last):
                if e.end is not None and e.end > last:
                    e = replace(e, end=None, reason_ceased=None, placement_change_reason=None)
                found.append((period, e))
    return found


def reviews(child: Child, first: date, last: date) -> list[tuple[PeriodOfCare, date, str]]:
    return [(p, day, code) for p in child.periods for day, code in p.reviews if first <= day <= last]


def missing(child: Child, first: date, last: date) -> list[Missing]:
    """Missing and away periods open at any time in the return: one still open on `last` has no
    end in it (rule 571), and is given again, ended, in the next."""
    return [m if _known(m.end, last) == m.end else replace(m, end=None, back_at=None)
            for p in child.periods for m in p.missing if overlaps(m.start, m.end, first, last)]


def missing_from_home(child: Child, first: date, last: date) -> list[Missing]:
    """Incidents while the child was not looked after, which the SSD holds and the 903 does not."""
    return [m for m in child.missing if first <= m.start <= last]


def health(child: Child, first: date, last: date) -> list[HealthYear]:
    """The OC2 rows of the years the return covers."""
    return [h for h in checks(child, first, last) if h.in_cohort]


def checks(child: Child, first: date, last: date) -> list[HealthYear]:
    """Every year's health checks in the years from `first` to `last`, OC2 cohort or not."""
    return [h for p in child.periods for h in p.health if first <= year_end(h.year) <= last]


def care_leavers(child: Child, first: date, last: date) -> list[CareLeaverYear]:
    return [c for c in child.care_leaver if first <= c.birthday <= last]


def adopted(child: Child, first: date, last: date) -> list[tuple[PeriodOfCare, Adoption]]:
    """Adoptions granted in the return's year (the 903 AD1 table)."""
    return [(p, p.adoption) for p in child.periods
            if p.adoption and p.adoption.adopted and first <= p.adoption.adopted <= last]


def placed_for_adoption(child: Child, first: date, last: date) -> list[tuple[PeriodOfCare, Adoption]]:
    """Children looked after in the year with a decision that they should be placed for adoption."""
    found = []
    for p in child.periods:
        a = p.adoption
        # a decision reversed before the year was last reported then (903 rule 561)
        if a and a.decision <= last and overlaps(p.start, p.end, first, last) \
                and not (a.reversed and a.reversed < first):
            if a.reversed and a.reversed > last:
                a = replace(a, reversed=None, reversed_reason=None)
            found.append((p, a))
    return found


def previous_permanence(child: Child, first: date, last: date) -> list[tuple[PeriodOfCare, PreviousPermanence]]:
    """The permanence before the latest period of care that started in the year."""
    started = [p for p in child.periods if first <= p.start <= last and p.previous_permanence]
    return [(started[-1], started[-1].previous_permanence)] if started else []


def uasc(child: Child, last: date) -> tuple[bool, date | None]:
    """Whether the child was an unaccompanied asylum-seeking child by `last`, and the date the
    status ended, if known by then."""
    if child.uasc_arrived is None or child.uasc_arrived > last:
        return False, None
    return True, _known(child.uasc_ceased, last)


def social_workers(child: Child, first: date, last: date) -> list[Involvement]:
    found = []
    first = max(first, SOCIAL_WORKER_TABLE_FROM)
    for p in child.periods:
        for s in p.social_workers:
            if overlaps(s.start, s.end, first, last):
                found.append(s if s.end is None or s.end <= last else replace(s, end=None))
    return found


def referrals(child: Child, first: date, last: date) -> list[Referral]:
    """Episodes of need open at any time in the return, with what was known on `last`."""
    found = []
    for r in child.referrals:
        if not overlaps(r.date, r.closed, first, last):
            continue
        closed = _known(r.closed, last)
        found.append(replace(
            r, closed=closed, closure_reason=r.closure_reason if closed else None,
            assessments=[a if _known(a.authorised, last) == a.authorised else replace(a, authorised=None)
                         for a in r.assessments if overlaps(a.start, a.authorised, first, last)],
            cin_plans=[c if _known(c.end, last) == c.end else replace(c, end=None)
                       for c in r.cin_plans if overlaps(c.start, c.end, first, last)],
            section47s=[s if _known(s.end, last) == s.end and _known(s.icpc_date, last) == s.icpc_date
                        else replace(s, end=_known(s.end, last), icpc_date=_known(s.icpc_date, last),
                                     plan_id=s.plan_id if _known(s.icpc_date, last) else None)
                        for s in r.section47s if overlaps(s.start, _to_conference(s), first, last)],
            cp_plans=[_cp_as_of(c, first, last) for c in r.cp_plans if overlaps(c.start, c.end, first, last)],
        ))
    return found


def _to_conference(enquiry: Section47) -> date | None:
    """The last day of an enquiry's census module: its conference may be after the enquiry ends
    (a plan starting in the year has its conference in the year's census: CIN rule 2883)."""
    return enquiry.end and max(enquiry.end, enquiry.icpc_date or enquiry.end)


def _cp_as_of(plan: CpPlan, first: date, last: date) -> CpPlan:
    return replace(plan, end=_known(plan.end, last), reviews=[d for d in plan.reviews if first <= d <= last],
                   visits=[d for d in plan.visits if first <= d <= last])


def first_icpc(referral: Referral) -> date | None:
    """The episode's initial child protection conference (CIN census DateOfInitialCPC)."""
    dates = [s.icpc_date for s in referral.section47s if s.icpc_date]
    return min(dates) if dates else None
