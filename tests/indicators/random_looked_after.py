"""A seeded random authority's looked-after children: periods of care as chains of 903 episodes
(with short breaks), reviews and missing episodes over six years, for tests that check the engine
against an independent calculation. Returns what it wrote as plain tuples."""

from __future__ import annotations

import random
from datetime import date, timedelta

from tests.indicators.authority import Authority

FIRST, LAST = date(2019, 4, 1), date(2025, 6, 30)
CHANGES = ["P", "P", "T", "L", "U", "B"]  # reasons for a new episode within a period of care
ENDINGS = ["E4A", "E4B", "E11", "E45", "E41", "E17", "E13", "E8"]


def build(a: Authority, seed: int = 7, children: int = 60) -> dict:
    rng = random.Random(seed)
    records: dict = {"dob": {}, "episodes": [], "reviews": [], "missing": []}
    for n in range(children):
        child = f"L{n:03d}"
        dob = date(2004, 1, 1) + timedelta(days=rng.randrange(0, 7500))
        a.child(child, dob=dob.isoformat())
        records["dob"][child] = dob
        start = FIRST + timedelta(days=rng.randrange(0, 1800))
        for _ in range(rng.randrange(1, 4)):
            if start > LAST:
                break
            if rng.random() < 0.15:  # a short break
                _episode(a, records, child, start, start + timedelta(days=2), "S", "E4A", "V3")
                start += timedelta(days=rng.randrange(20, 300))
                continue
            legal_status, new = rng.choice(["C2", "V2", "C1", "V2"]), "S"
            entered = start
            for k in range(rng.randrange(1, 6)):
                ceased = start + timedelta(days=rng.choice([rng.randrange(5, 120), rng.randrange(100, 1400)]))
                last = k == 4 or rng.random() < 0.3
                if ceased > LAST:
                    _episode(a, records, child, start, None, new, None, legal_status)
                    break
                _episode(a, records, child, start, ceased, new, rng.choice(ENDINGS) if last else "X1", legal_status)
                if last:
                    break
                start, new = ceased, rng.choice(CHANGES)
                if new in ("L", "T", "B"):
                    legal_status = rng.choice(["C2", "V2", "C1", "E1"])
            _reviews(a, records, rng, child, entered, ceased if ceased <= LAST else None)
            start = ceased + timedelta(days=rng.randrange(1, 600))
        for _ in range(rng.randrange(0, 5)):
            day = FIRST + timedelta(days=rng.randrange(0, 2200))
            kind = rng.choice("MMA")
            back = day + timedelta(days=rng.choice([0, 1, 2, 5]))
            a.missing(child, day.isoformat(), type=kind, end=back.isoformat())
            records["missing"].append((child, day, kind, back))
    a.save()
    return records


def _episode(a, records, child, start, ceased, new, reason, legal_status):
    a.episode(child, start.isoformat(), ceased=ceased and ceased.isoformat(), new=new, reason=reason,
              legal_status=legal_status)
    records["episodes"].append((child, start, ceased, new, reason, legal_status))


def _reviews(a, records, rng, child, entered, left):
    day = entered + timedelta(days=rng.randrange(10, 40))
    gaps = iter([rng.randrange(60, 100)] + [rng.randrange(150, 200) for _ in range(40)])
    while day <= min(left or LAST, LAST):
        a.cla_review(child, day.isoformat())
        records["reviews"].append((child, day))
        day += timedelta(days=next(gaps))
