"""The headline measures a synthetic authority achieved in its last year, from the truth.

Definitions follow the DfE's (and the indicator library's): snapshots on 31 March, events
dated within the year. Counted one child at a time as children are generated.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from cscperf.synth.dates import birthday, working_days_between, year_end, year_start
from cscperf.synth.model import Child

EET = frozenset({"F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5"})
SHORT_BREAKS = frozenset({"V3", "V4"})


def _open_on(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or end > day)


class Measures:
    """Numerators and denominators of the headline measures for one collection year."""

    def __init__(self, year: int):
        self.first, self.last = year_start(year), year_end(year)
        self.counts: Counter = Counter()

    def add(self, child: Child) -> None:
        first, last, n = self.first, self.last, self.counts
        in_year = lambda day: day is not None and first <= day <= last  # noqa: E731
        looked_after = [e for e in child.episodes if e.legal_status not in SHORT_BREAKS]
        cla = any(_open_on(e.start, e.end, last) for e in looked_after)
        n["cla"] += cla
        n["cp"] += any(_open_on(p.start, p.end, last) for r in child.referrals for p in r.cp_plans)
        n["cin"] += any(not r.nfa and _open_on(r.date, r.closed, last) for r in child.referrals)
        dates = sorted(r.date for r in child.referrals)
        for i, day in enumerate(dates):
            if in_year(day):
                n["referrals"] += 1
                n["rereferrals"] += any(birthday(day, -1) <= earlier < day for earlier in dates[:i])
        for r in child.referrals:
            for a in r.assessments:
                if in_year(a.authorised):
                    n["assessments"] += 1
                    n["assessments_45wd"] += working_days_between(a.start, a.authorised) <= 45
        plans = sorted((p for r in child.referrals for p in r.cp_plans), key=lambda p: p.start)
        for i, plan in enumerate(plans):
            if in_year(plan.start):
                n["cp_starts"] += 1
                n["cp_second"] += plan.previous_plans > 0 or i > 0
        if cla:
            overlapping = [e for e in looked_after if e.start <= last and (e.end is None or e.end >= first)]
            count = 1 + sum(e.rne in ("S", "P", "B") for e in overlapping[1:])
            n["cla_3plus_placements"] += count >= 3
        for row in child.care_leaver:
            if in_year(row.birthday) and row.birthday >= birthday(child.dob, 19) and row.in_touch not in ("DIED", "RHOM"):
                n["care_leavers"] += 1
                n["care_leavers_eet"] += row.activity in EET

    def rates(self, population: int) -> dict[str, float | None]:
        n = self.counts

        def pct(part: str, whole: str) -> float | None:
            return round(100 * n[part] / n[whole], 1) if n[whole] else None

        def per_10k(name: str) -> float:
            return round(10_000 * n[name] / population, 1)

        return {
            "cla_per_10k": per_10k("cla"), "cp_per_10k": per_10k("cp"), "cin_per_10k": per_10k("cin"),
            "referrals_per_10k": per_10k("referrals"), "rereferrals_pct": pct("rereferrals", "referrals"),
            "assessments_45wd_pct": pct("assessments_45wd", "assessments"),
            "cp_second_pct": pct("cp_second", "cp_starts"),
            "placements_3plus_pct": pct("cla_3plus_placements", "cla"),
            "care_leavers_eet_pct": pct("care_leavers_eet", "care_leavers"),
        }
