"""The engine against an independent calculation in plain Python, on the same random records
(sqlglot's `execute` pattern): the SQL, the calendar table and the engine's counting are checked
against code that shares none of them."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import holidays
import pytest

from cscperf.indicators import engine
from cscperf.indicators.periods import Period
from tests.indicators import random_authority

PERIODS = ["2021-22", "2022-23", "2022-23:Q3", "2023-24", "2024-25", "2024-25:Q4", "2025-26", "2024-02", "2023-12"]
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(2019, 2027))


def working_days(start: date, end: date) -> int:
    days = (start + timedelta(days=n) for n in range(1, (end - start).days + 1))
    return sum(1 for d in days if d.weekday() < 5 and d not in BANK_HOLIDAYS)


def years_after(d: date, years: int) -> date:
    """The same calendar date `years` later (or earlier); 29 February becomes the 28th."""
    return date(d.year + years, d.month, 28 if (d.month, d.day) == (2, 29) else d.day)


def year_before(d: date) -> date:
    return years_after(d, -1)


def ratio(numerator, denominator, scale=100):
    if not denominator:
        return None
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def expected(records, id, period: Period):
    start, end = period.start, period.end
    referrals = records["referrals"]
    if id == "referrals":
        n = sum(start <= r[1] <= end for r in referrals)
        return n, None, n
    if id == "rereferrals_12m_pct":
        counted = [r for r in referrals if start <= r[1] <= end]
        re = sum(any(o[0] == r[0] and year_before(r[1]) <= o[1] < r[1] for o in referrals) for r in counted)
        return re, len(counted), ratio(re, len(counted))
    if id == "cin":
        n = len({r[0] for r in referrals if r[1] <= end and not r[3] and (r[2] is None or r[2] > end)})
        return n, None, n
    if id == "cp_plans":
        n = len({p[0] for p in records["cp_plans"] if p[1] <= end and (p[2] is None or p[2] > end)})
        return n, None, n
    if id == "cp_open_2y_plus_pct":
        latest = {}  # each child's latest-started plan open on the day
        for p in sorted(records["cp_plans"], key=lambda p: p[1]):
            if p[1] <= end and (p[2] is None or p[2] > end):
                latest[p[0]] = p
        long = sum((end - p[1]).days + 1 > 729 for p in latest.values())  # LAIT 264
        return long, len(latest), ratio(long, len(latest))
    if id == "cp_ceased_2y_plus_pct":
        ended = [p for p in records["cp_plans"] if p[2] is not None and start <= p[2] <= end]
        long = sum((p[2] - p[1]).days + 1 > 729 for p in ended)  # LAIT 98
        return long, len(ended), ratio(long, len(ended))
    if id == "cp_second_or_subsequent_pct":
        started = [p for p in records["cp_plans"] if start <= p[1] <= end]
        repeat = sum(any(o[0] == p[0] and o[1] < p[1] for o in records["cp_plans"]) or (p[3] or 0) > 0
                     for p in started)
        return repeat, len(started), ratio(repeat, len(started))
    completed = [x for x in records["assessments"] if start <= x[2] <= end]
    timed = [working_days(x[1], x[2]) for x in completed if x[1] is not None and x[2] >= x[1]]
    if id == "assessments_45wd_pct":
        within = sum(t <= 45 for t in timed)
        return within, len(completed), ratio(within, len(completed))
    if id == "assessment_avg_working_days":
        return sum(timed), len(timed), ratio(sum(timed), len(timed), scale=1)
    raise KeyError(id)


IDS = ["referrals", "rereferrals_12m_pct", "cin", "cp_plans", "cp_second_or_subsequent_pct", "cp_open_2y_plus_pct",
       "cp_ceased_2y_plus_pct", "assessments_45wd_pct", "assessment_avg_working_days"]


def agrees(authority, ids, periods, expected, records) -> list[engine.Result]:
    """Every figure of `ids` for `periods`, each checked against `expected(records, id, period)`."""
    results = engine.compute(authority.con, ids, periods, la=authority.la)
    assert len(results) == len(ids) * len(periods)
    for r in results:
        assert (r.numerator, r.denominator, r.value) == expected(records, r.id, Period.parse(r.period)), r
    return results


@pytest.mark.parametrize("seed", [7, 8])
def test_engine_agrees_with_plain_python(authority, seed):
    results = agrees(authority, IDS, PERIODS, expected, random_authority.build(authority, seed=seed))
    for id in ("rereferrals_12m_pct", "cp_open_2y_plus_pct", "cp_ceased_2y_plus_pct"):
        assert any(r.numerator for r in results if r.id == id), id
