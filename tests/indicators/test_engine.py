"""The engine: rounding, reasons, many periods at once, authorities, breakdowns, the children behind a figure."""

import shutil
from datetime import date
from decimal import Decimal

import pytest

from cscperf import reference
from cscperf.indicators import engine, population, query, registry
from cscperf.indicators.periods import Period
from tests.indicators import random_authority, random_looked_after
from tests.indicators.authority import Authority


def test_percentages_and_rates_round_half_up_and_keep_numerator_and_denominator(authority):
    a = authority
    a.child("A")
    for n in range(16):
        a.referral("A", f"2024-05-{n + 1:02d}", nfa="Y" if n == 0 else "N")
    a.population(2024, 160_000)
    # 1 of 16 is 6.25%: half up gives 6.3 (a float round would give 6.2)
    assert a.figure("referrals_nfa_pct", "2024-25") == (1, 16, 6.3)
    assert a.result("referrals_nfa_pct", "2024-25").value == Decimal("6.3")
    # 16 per 160,000 is 1.0 per 10,000; 2 per 160,000 would be 0.125 -> 0.1
    assert a.figure("referral_rate_per_10k", "2024-25") == (16, 160_000, 1.0)


def test_rate_rounds_half_up(authority):
    a = authority
    a.child("A")
    a.referral("A", "2024-05-01")
    a.population(2024, 8_000)  # 1.25 per 10,000
    assert a.figure("referral_rate_per_10k", "2024-25") == (1, 8_000, 1.3)


def test_a_value_that_cannot_be_computed_is_none_with_a_reason(authority):
    a = authority
    a.child("A")
    a.referral("A", "2024-05-01")
    nothing = a.result("referrals_nfa_pct", "2023-24")
    assert (nothing.numerator, nothing.denominator, nothing.value) == (0, 0, None)
    assert nothing.reason == "denominator is 0 (Referrals in the period)"
    no_population = a.result("referral_rate_per_10k", "2024-25")
    assert (no_population.numerator, no_population.value) == (1, None)
    assert no_population.reason == "no population estimate for 883 on or before 31 March 2025"
    a.population(2025, 10_000)  # mid-2025 is after 31 March 2025: still none
    assert a.result("referral_rate_per_10k", "2024-25").value is None


def test_population_for_many_periods_follows_the_reference_rule(authority):
    a = authority
    a.population(2023, 40_000)
    a.population(2024, 50_000)
    days = [date(2023, 6, 29), date(2023, 6, 30), date(2024, 6, 29), date(2024, 6, 30), date(2025, 3, 31)]
    estimates = population.lookup(a.con, ["883"], days)
    assert [estimates[("883", d)].population if ("883", d) in estimates else None for d in days] == [
        reference.population(a.con, "883", d) for d in days] == [None, 40_000, 40_000, 50_000, 50_000]


def test_many_periods_in_one_call_equal_one_period_at_a_time(authority):
    random_authority.build(authority)
    periods = Period.parse("2023-24:Q4").quarters_back(8) + Period.parse("2024-03").months_back(6) + [Period.parse("2023-24")]
    together = engine.compute(authority.con, None, periods, la="883")
    one_by_one = [r for p in periods for r in engine.compute(authority.con, None, p, la="883")]
    assert sorted(together, key=str) == sorted(one_by_one, key=str)
    assert len(together) == len(registry.default()) * len(periods)


def test_authorities_are_computed_apart(con, authority):
    other = Authority(con, la="884")
    for a, children in ((authority, "AB"), (other, "C")):
        for child in children:
            a.child(child)
            a.referral(child, "2024-06-01")
        a.save()
    everyone = engine.compute(con, ["referrals"], "2024-25")
    assert [(r.la, r.value) for r in everyone] == [("883", 2), ("884", 1)]
    assert [r.value for r in engine.compute(con, ["referrals"], "2024-25", la="884")] == [1]
    assert [(r.la, r.value) for r in engine.compute(con, ["referrals"], "2024-25", la=["884", "883"])] == \
        [("884", 1), ("883", 2)]
    assert engine.compute(con, ["referrals"], "2024-25", la=[]) == []


def test_child_breakdowns_are_taken_on_the_unit_date(authority):
    a = authority
    a.child("A", dob="2024-04-10", sex="F", ethnicity="BAFR")
    a.child("B", dob="2010-01-01", sex="M", ethnicity="REFU")
    a.referral("A", "2025-04-09")  # the day before A's first birthday
    a.referral("A", "2025-04-10")  # on it
    a.referral("B", "2025-04-10")
    a.referral("Z", "2025-04-11")  # no person record
    a.disability("A", "NONE")
    a.disability("B", "AUT")
    a.uasc("B", start="2025-04-10")
    a.home("B", "LS1 1AA", district="E08000035")
    assert a.by("referrals", "2025-04", "age_band") == {
        "Under 1": (1, None, 1), "1-4": (1, None, 1), "10-15": (1, None, 1), "Not recorded": (1, None, 1)}
    assert a.by("referrals", "2025-04", "sex") == {"Female": (2, None, 2), "Male": (1, None, 1),
                                                   "Not recorded": (1, None, 1)}
    assert a.by("referrals", "2025-04", "ethnicity") == {
        "Black or Black British": (2, None, 2), "Refused or not obtained": (1, None, 1), "Not recorded": (1, None, 1)}
    assert a.by("referrals", "2025-04", "disability") == {
        "Not disabled": (2, None, 2), "Disabled": (1, None, 1), "Not recorded": (1, None, 1)}
    assert a.by("referrals", "2025-04", "uasc") == {"UASC": (1, None, 1), "Not UASC": (3, None, 3)}
    # no district names imported: the district is named by its code; no postcode: said so
    assert a.by("referrals", "2025-04", "district") == {"District E08000035": (1, None, 1),
                                                        "No home postcode recorded": (3, None, 3)}


def test_uasc_status_applies_between_its_dates(authority):
    a = authority
    a.child("A")
    a.uasc("A", start="2024-06-01", end="2024-12-31")
    for day in ["2024-05-31", "2024-06-01", "2024-12-31", "2025-01-01"]:
        a.referral("A", day)
    assert a.by("referrals", "2024-25", "uasc") == {"UASC": (2, None, 2), "Not UASC": (2, None, 2)}


def test_age_band_of_a_snapshot_is_on_the_snapshot_day(authority):
    a = authority
    a.child("A", dob="2009-03-31")  # 16 on 31 March 2025
    a.cp_plan("A", "2024-01-01")
    assert a.by("cp_plans", "2024-25", "age_band") == {"16+": (1, None, 1)}
    assert a.by("cp_plans", "2024-25:Q3", "age_band") == {"10-15": (1, None, 1)}


def test_breakdowns_apply_only_where_supported(authority):
    authority.child("A")
    authority.referral("A", "2024-06-01")
    authority.save()
    con = authority.con
    with pytest.raises(ValueError, match="not available by age_band: cp_rate_per_10k"):
        engine.compute(con, ["cp_rate_per_10k"], "2024-25", la="883", breakdown="age_band")
    with pytest.raises(ValueError, match="no breakdown 'colour'"):
        engine.compute(con, None, "2024-25", la="883", breakdown="colour")
    by_source = engine.compute(con, None, "2024-25", la="883", breakdown="referral_source")
    assert {r.id for r in by_source} == {"referrals", "rereferrals_12m_pct", "referrals_nfa_pct",
                                         "referrals_not_in_need_pct"}


def test_children_behind_a_group(authority):
    a = authority
    for child, source in (("A", "6"), ("B", "2A"), ("C", "6")):
        a.child(child)
        a.referral(child, "2024-06-01", source=source)
    assert a.children("referrals", "2024-25", breakdown="referral_source", group="6") == {
        "numerator": ["A", "C"], "denominator": []}
    [row] = engine.children(a.con, "referrals", "2024-25", "883", breakdown="referral_source", group="2A")
    assert (row["person_id"], row["group"], row["event_date"], row["in_numerator"]) == ("B", "2A", date(2024, 6, 1), True)
    assert row["event_id"].startswith("cin_episodes-")


def test_json_form_has_exactly_the_agreed_keys(authority):
    a = authority
    a.child("A")
    a.referral("A", "2024-06-01")
    keys = ["id", "period", "start", "end", "la", "breakdown", "group", "numerator", "denominator",
            "value", "unit", "polarity"]
    assert list(a.result("referrals", "2024-25").as_dict()) == keys
    assert list(a.result("referral_rate_per_10k", "2024-25").as_dict()) == keys + ["reason"]
    assert a.result("referrals", "2024-25:Q1").as_dict() == {
        "id": "referrals", "period": "2024-25:Q1", "start": "2024-04-01", "end": "2024-06-30", "la": "883",
        "breakdown": None, "group": None, "numerator": 1, "denominator": None, "value": 1, "unit": "count",
        "polarity": "neutral"}


def _referrals_as(tmp_path, fields: str) -> registry.Registry:
    """A registry with one indicator over the referrals SQL, with these extra YAML fields."""
    defs = tmp_path / "defs"
    (defs / "front_door").mkdir(parents=True)
    shutil.copy(registry.DEFS / "front_door" / "referrals.sql", defs / "front_door")
    (defs / "front_door.yaml").write_text(
        "referrals:\n  title: R\n  definition: D\n  numerator: N\n  good: G\n  polarity: neutral\n" + fields)
    custom = registry.load(defs)
    assert not custom.issues
    return custom


def test_minimum_period_length(authority, tmp_path):
    custom = _referrals_as(tmp_path, "  grain: in_period\n  unit: count\n  decimals: 0\n  min_months: 12\n")
    authority.child("A")
    authority.referral("A", "2024-06-01")
    authority.save()
    year, quarter = engine.compute(authority.con, None, ["2024-25", "2024-25:Q1"], la="883", registry=custom)
    assert (year.value, quarter.value, quarter.reason) == (1, None, "needs a period of at least 12 months")


def test_a_36_month_window_ends_with_the_period(authority, tmp_path):
    # as the adoption scorecard's 3-year averages
    custom = _referrals_as(tmp_path, "  grain: rolling_36m\n  unit: count\n  decimals: 0\n")
    a = authority
    a.child("A")
    for day in ("2021-06-30", "2021-07-01", "2024-06-30", "2024-07-01"):
        a.referral("A", day)
    a.save()
    [result] = engine.compute(a.con, None, "2024-25:Q1", la="883", registry=custom)
    assert (result.start, result.end, result.value) == (date(2021, 7, 1), date(2024, 6, 30), 2)


def test_a_percentage_of_the_child_population(authority, tmp_path):
    # as UASC looked after as a % of children (the National Transfer Scheme threshold is 0.1%)
    custom = _referrals_as(tmp_path, "  grain: in_period\n  unit: percent\n  denominator: Children aged 0-17\n"
                                     "  decimals: 2\n  per_population: true\n")
    a = authority
    a.child("A")
    for day in ("2024-06-01", "2024-07-01", "2024-08-01"):
        a.referral("A", day)
    a.population(2024, 2_400)  # 3 of 2,400 is 0.125%: half up to 0.13
    a.save()
    [result] = engine.compute(a.con, None, "2024-25", la="883", registry=custom)
    assert (result.numerator, result.denominator, result.value) == (3, 2_400, Decimal("0.13"))
    [none] = engine.compute(a.con, None, "2023-24", la="883", registry=custom)
    assert none.value is None and none.reason.startswith("no population estimate")


def test_every_sql_returns_one_row_per_unit(authority):
    random_authority.build(authority)
    random_looked_after.build(authority)
    con = authority.con
    periods = [Period.parse(p) for p in ["2022-23", "2023-24:Q2", "2024-01"]]
    for indicator in (i for i in registry.default() if not i.published_only):
        windows = [engine._window(indicator, p) for p in periods]
        units = con.execute(query.with_units(indicator.sql) + "SELECT count(*), count(DISTINCT (la, period, "
                            "person_id, event_id)) FROM units", query.parameters(["883"], windows)).fetchone()
        assert units[0] == units[1], indicator.sql_source
