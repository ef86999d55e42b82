"""The looked-after indicators against an independent calculation in plain Python, on the same
random records: periods of care, placements and review deadlines are worked out here from the
episodes as written, sharing nothing with the store's derivations, the SQL or the calendar."""

import calendar
from datetime import date, timedelta

import pytest

from cscperf.indicators.periods import Period
from tests.indicators import random_looked_after
from tests.indicators.test_recompute import agrees, ratio, working_days

PERIODS = ["2020-21", "2021-22", "2022-23", "2023-24", "2024-25", "2023-24:Q3", "2024-25:Q1", "2024-02",
           "12m:2024-09"]
IDS = ["cla", "cla_started", "cla_ceased", "cla_started_under5", "cla_repeat_s20", "cla_3plus_placements_pct",
       "cla_long_term_stability_pct", "cla_reviews_on_time_pct", "cla_missing_children", "cla_missing_episodes",
       "cla_missing_pct"]


def add_months(d: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    year, month = divmod(d.month - 1 + months, 12)
    year, month = d.year + year, month + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def age(dob: date, d: date) -> int:
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def open_on(e, d: date) -> bool:
    return e[1] <= d and (e[2] is None or e[2] > d)


class Children:
    def __init__(self, records):
        self.records = records
        self.episodes = sorted((e for e in records["episodes"] if e[5] not in ("V3", "V4")), key=lambda e: e[:2])

    def of(self, child):
        return [e for e in self.episodes if e[0] == child]

    def current(self, d: date) -> dict:
        """Each child looked after on `d`: their latest-started open episode."""
        return {e[0]: e for e in self.episodes if open_on(e, d)}

    def entered(self, episode) -> date:
        """The start of the period of care: back through episodes each starting as the one before ceased."""
        mine = self.of(episode[0])
        i = mine.index(episode)
        while i > 0 and mine[i][3] != "S" and mine[i - 1][2] == mine[i][1]:
            i -= 1
        return mine[i][1]


def expected(records, id, period: Period):
    start, end = period.start, period.end
    cla = Children(records)
    looked_after = cla.current(end)
    if id == "cla":
        return len(looked_after), None, len(looked_after)
    starts = sorted((e for e in cla.episodes if e[3] == "S" and start <= e[1] <= end), key=lambda e: e[1])
    if id == "cla_started":
        n = len({e[0] for e in starts})
        return n, None, n
    if id == "cla_started_under5":
        first = {}
        for e in starts:
            first.setdefault(e[0], e)
        n = sum(age(records["dob"][c], e[1]) < 5 for c, e in first.items())
        return n, None, n
    if id == "cla_repeat_s20":
        n = len({e[0] for e in starts if e[5] == "V2" and any(
            o[0] == e[0] and o[3] == "S" and o[5] == "V2" and o[1] < e[1] for o in cla.episodes)})
        return n, None, n
    if id == "cla_ceased":
        n = len({e[0] for e in cla.episodes if e[2] is not None and start <= e[2] <= end and e[4] != "X1"})
        return n, None, n
    if id == "cla_3plus_placements_pct":
        if period.months < 12:
            return None, None, None
        many = 0
        for child in looked_after:
            # open in the period: one ending on its first day too (LAIT 372)
            during = [e for e in cla.of(child) if e[1] <= end and (e[2] is None or e[2] >= start)]
            many += 1 + sum(e[3] in "SPB" for e in during[1:]) >= 3
        return many, len(looked_after), ratio(many, len(looked_after))
    if id == "cla_long_term_stability_pct":
        cohort = stable = 0
        for child, e in looked_after.items():
            entered = cla.entered(e)
            # at least 2.5 and 2 years, counting the first day and the last (since the day after
            # `end`, 30 and 24 months before)
            after = end + timedelta(days=1)
            if age(records["dob"][child], end) >= 16 or entered > add_months(after, -30):
                continue
            cohort += 1
            moves = [o[1] for o in cla.of(child) if entered <= o[1] <= end and o[3] in "SPB"]
            stable += moves[-1] <= add_months(after, -24)
        return stable, cohort, ratio(stable, cohort)
    if id == "cla_reviews_on_time_pct":
        due = on_time = 0
        for child, e in looked_after.items():
            entered = cla.entered(e)
            if working_days(entered, end) < 20:
                continue
            due += 1
            held = sorted(d for c, d in records["reviews"] if c == child and entered <= d <= end)
            deadlines = [add_months(held[0], 3)] + [add_months(d, 6) for d in held[1:]] if held else []
            lateness = [working_days(entered, held[0]) > 20] + [
                later > deadline for later, deadline in zip(held[1:], deadlines)] if held else []
            late = any(was_late for day, was_late in zip(held, lateness) if day >= start)  # held in the period
            on_time += not late and (end <= deadlines[-1] if held else working_days(entered, end) <= 20)
        return on_time, due, ratio(on_time, due)
    # open in the period: started in it, or still open on its first day (LAIT 161)
    missing = [m for m in records["missing"] if m[2] == "M" and m[1] <= end and m[3] >= start
               and any(o[0] == m[0] and open_on(o, m[1]) for o in cla.episodes)]
    if id == "cla_missing_children":
        return len({m[0] for m in missing}), None, len({m[0] for m in missing})
    if id == "cla_missing_episodes":
        return len(missing), None, len(missing)
    if id == "cla_missing_pct":  # of the children looked after on any day of the period
        during = {e[0] for e in cla.episodes if e[1] <= end and (e[2] is None or e[2] >= start)}
        went = during & {m[0] for m in missing}
        return len(went), len(during), ratio(len(went), len(during))
    raise KeyError(id)


@pytest.mark.parametrize("seed", [7, 8])
def test_looked_after_indicators_agree_with_plain_python(authority, seed):
    results = agrees(authority, IDS, PERIODS, expected, random_looked_after.build(authority, seed=seed))
    for id in IDS:
        assert any(r.numerator for r in results if r.id == id), id
