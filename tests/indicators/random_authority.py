"""A seeded random authority: a few hundred records across five years, for tests that check the
engine against an independent calculation. Returns the records it wrote as plain tuples."""

from __future__ import annotations

import random
from datetime import date, timedelta

from tests.indicators.authority import Authority

FIRST = date(2020, 4, 1)


def build(a: Authority, seed: int = 7, children: int = 80) -> dict[str, list[tuple]]:
    rng = random.Random(seed)

    def day(after: date = FIRST, within: int = 1800) -> date:
        return after + timedelta(days=rng.randrange(0, within))

    records: dict[str, list[tuple]] = {"referrals": [], "assessments": [], "cp_plans": []}
    for n in range(children):
        child = f"C{n:03d}"
        a.child(child, dob=day(date(2004, 1, 1), 7000).isoformat(), sex=rng.choice("MFU"),
                ethnicity=rng.choice(["WBRI", "MWBC", "AIND", "BAFR", "OOTH", "NOBT", None]))
        for referred in sorted({day() for _ in range(rng.randrange(0, 4))}):
            closed = referred + timedelta(days=rng.randrange(0, 500)) if rng.random() < 0.8 else None
            nfa = rng.random() < 0.15
            a.referral(child, referred.isoformat(), closed=closed and closed.isoformat(), nfa="Y" if nfa else "N",
                       source=rng.choice(["6", "2A", "3A"]))
            records["referrals"].append((child, referred, closed, nfa))
            if rng.random() < 0.7:
                start = referred + timedelta(days=rng.randrange(0, 5)) if rng.random() < 0.95 else None
                authorised = referred + timedelta(days=rng.randrange(5, 90))
                a.assessment(child, start and start.isoformat(), authorised.isoformat())
                records["assessments"].append((child, start, authorised))
        start = day()
        for _ in range(rng.randrange(0, 3)):
            end = start + timedelta(days=rng.randrange(1, 900)) if rng.random() < 0.7 else None
            previous = rng.choice([None, 0, 0, 1])
            a.cp_plan(child, start.isoformat(), end=end and end.isoformat(), previous=previous)
            records["cp_plans"].append((child, start, end, previous))
            if end is None:
                break
            start = end + timedelta(days=rng.randrange(1, 400))
    a.save()
    return records
