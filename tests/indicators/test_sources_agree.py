"""The same authority loaded from its CIN census and SSDA903 returns and from an SSD export gives
the same figures for every indicator, in total and by breakdown.

A small authority is made at random (seeded) as referrals with their assessments, section 47
enquiries, conferences, plans and reviews, and looked-after children with their episodes,
reviews, missing episodes and health (`looked_after_returns`). It is written twice: as three
years' CIN census and 903 returns, each holding the records open during its year as they stood
on its 31 March (so later returns complete what earlier ones left open, and a child's earlier
referral may be only in an earlier return), and as one SSD export holding everything. Both go
through the real readers and loader.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest

from cscperf import sources, store
from cscperf.indicators import engine, registry
from cscperf.indicators.schema import Grain, Section
from tests.indicators import looked_after_returns

LA = "883"
FIRST, LAST = date(2022, 4, 1), date(2025, 3, 31)  # three collection years: 2023, 2024, 2025
PERIODS = ["2022-23", "2023-24", "2024-25", "2023-24:Q4", "2024-25:Q1", "2024-25:Q3", "2024-03", "2024-04",
           "2025-03", "12m:2024-09"]
CENSUS_SECTIONS = {Section.front_door, Section.assessment, Section.child_protection, Section.children_in_need}
LOOKED_AFTER_SECTIONS = {Section.looked_after, Section.placements, Section.missing, Section.health}
NOT_IN_THE_CENSUS = {"contacts", "contacts_to_referral_pct", "cp_visited_10wd_pct"}
# The 903 holds no return home interviews, initial health assessments or disabilities (the CIN
# census does, but these looked-after children are not in it): from the returns these are not
# recorded, from the SSD they are computed.
ONLY_IN_THE_SSD = {"cla_rhi_offered_pct", "cla_rhi_accepted_pct", "cla_initial_health_assessment_20wd_pct",
                   "cla_disabled_pct"}
# What this small authority's records never give (factors, early help, social workers,
# convictions, closure reasons RC8 and RC9, placements P1 and K3, ceasing E3 or by adoption, times
# of day) and figures taken from the published files: each has hand-worked tests of its own.
NOT_EXERCISED_HERE = {
    "assessment_factor_children", "assessment_factor_rate_per_10k", "exploitation_children", "early_help_episodes",
    "early_help_step_up_pct", "referrals_not_in_need_pct", "cla_3plus_social_workers_pct", "cla_ceased_adopted_pct",
    "cla_convicted_pct", "cla_substance_misuse_pct", "cla_independent_supported_pct", "cla_placed_with_parents_pct",
    "uasc_transferred_out", "missing_hours_median", "foster_households", "foster_households_approved",
    "foster_places"}
# The 903 gives each year's health checks (OC2) as they stood on 31 March; the SSD the days they
# were done. The two agree for periods ending on 31 March.
AS_AT_31_MARCH = {"cla_health_assessment_pct", "cla_dental_check_pct", "cla_immunisations_pct", "cla_sdq_average"}
# Snapshot indicators that judge what happened during the period rather than the state on its last
# day: reviews on time are judged on the reviews held in the period (NI 66 and LAIT 19).
JUDGED_OVER_THE_PERIOD = {"cla_reviews_on_time_pct", "cp_reviews_on_time_pct"}
BREAKDOWNS = [None, "age_band", "sex", "category_of_abuse", "referral_source", "category_of_need", "legal_status",
              "placement_type", "placement_provider", "reason_ceased", "uasc", "district"]


@dataclass
class Record:
    """An event with a start and maybe an end (an assessment's end is its authorisation)."""
    start: date
    end: date | None = None
    extra: dict = field(default_factory=dict)
    reviews: list[date] = field(default_factory=list)  # CP plans
    conference: date | None = None  # section 47 enquiries


@dataclass
class Referral:
    child: str
    day: date
    close: date | None
    nfa: bool
    source: str
    need: str
    assessments: list[Record] = field(default_factory=list)
    s47s: list[Record] = field(default_factory=list)
    cp_plans: list[Record] = field(default_factory=list)
    cin_plans: list[Record] = field(default_factory=list)


def _start(rng: random.Random, day: date, low: int, high: int, close: date | None) -> date | None:
    """A day `low` to `high` days after `day`, or None when after the episode closed or the last return."""
    later = day + timedelta(days=rng.randint(low, high))
    return later if later <= min(close or LAST, LAST) else None


def _end(rng: random.Random, day: date, low: int, high: int, close: date | None) -> date | None:
    """An end `low` to `high` days after `day`, at the latest when the episode closed; None (still
    open) when after the last return."""
    later = min(day + timedelta(days=rng.randint(low, high)), close or LAST + timedelta(days=1))
    return later if later <= LAST else None


def authority(seed: int = 3, children: int = 40) -> tuple[dict[str, tuple[date, str]], list[Referral]]:
    """Children (date of birth, sex) and their referrals open at some time in the three years."""
    rng = random.Random(seed)
    people, referrals = {}, []
    for n in range(children):
        child = f"C{n:03d}"
        people[child] = (date(2007, 1, 1) + timedelta(days=rng.randint(0, 6000)), rng.choice("MF"))
        day = FIRST - timedelta(days=rng.randint(0, 300))
        while day <= LAST:
            nfa = rng.random() < 0.15
            close = day if nfa else _end(rng, day, 20, 1000, None)
            r = Referral(child, day, close, nfa, rng.choice(["1A", "2A", "3A", "6", "8"]), rng.choice(["N1", "N4"]))
            if not nfa:
                if rng.random() < 0.8 and (start := _start(rng, day, 0, 5, close)):
                    r.assessments.append(Record(start, _end(rng, start, 5, 70, close)))
                if rng.random() < 0.4 and (start := _start(rng, day, 1, 15, close)):
                    s47 = Record(start, conference=_start(rng, start, 3, 25, close) if rng.random() < 0.7 else None)
                    r.s47s.append(s47)
                    if s47.conference:
                        plan = Record(s47.conference, _end(rng, s47.conference, 30, 1000, close),
                                      extra={"category": rng.choice(["NEG", "EMO", "PHY"])})
                        review = s47.conference + timedelta(days=rng.randint(80, 100))
                        while review <= min(plan.end or LAST, LAST):
                            plan.reviews.append(review)
                            review += timedelta(days=rng.randint(150, 200))
                        r.cp_plans.append(plan)
                if rng.random() < 0.4 and (start := _start(rng, day, 20, 60, close)):
                    r.cin_plans.append(Record(start, _end(rng, start, 60, 400, close)))
            if close is None or close >= FIRST:  # earlier ones are in no return
                referrals.append(r)
            if close is None:
                break
            day = close + timedelta(days=rng.randint(1, 400))
    for child in people:  # the census's count of previous plans, as the data show them
        for previous, plan in enumerate(p for r in referrals if r.child == child for p in r.cp_plans):
            plan.extra["previous"] = previous
    return people, referrals


# CIN census ----------------------------------------------------------------------------------

def _element(name: str, day: date | None, year_end: date) -> str:
    """An element for a date known by the return's 31 March; nothing otherwise."""
    return f"<{name}>{day.isoformat()}</{name}>" if day is not None and day <= year_end else ""


def census(people, referrals: list[Referral], year: int) -> str:
    start, end = date(year - 1, 4, 1), date(year, 3, 31)
    children = []
    for child, (dob, sex) in people.items():
        episodes = [r for r in referrals if r.child == child and r.day <= end and (r.close is None or r.close >= start)]
        if not episodes:
            continue
        sex_element = f"<Sex>{sex}</Sex>" if year >= 2025 else f"<GenderCurrent>{'1' if sex == 'M' else '2'}</GenderCurrent>"
        details = []
        for r in episodes:
            inner = [f"<CINreferralDate>{r.day}</CINreferralDate><ReferralSource>{r.source}</ReferralSource>"
                     f"<PrimaryNeedCode>{r.need}</PrimaryNeedCode>", _element("CINclosureDate", r.close, end),
                     f"<ReferralNFA>{int(r.nfa)}</ReferralNFA>"]
            inner += [f"<Assessments>{_element('AssessmentActualStartDate', a.start, end)}"
                      f"{_element('AssessmentAuthorisationDate', a.end, end)}</Assessments>"
                      for a in r.assessments if a.start <= end]
            inner += [f"<CINPlanDates>{_element('CINPlanStartDate', p.start, end)}"
                      f"{_element('CINPlanEndDate', p.end, end)}</CINPlanDates>" for p in r.cin_plans if p.start <= end]
            inner += [f"<Section47>{_element('S47ActualStartDate', s.start, end)}"
                      f"{_element('DateOfInitialCPC', s.conference, end)}<ICPCnotRequired>0</ICPCnotRequired>"
                      f"</Section47>" for s in r.s47s if s.start <= end]
            inner += [f"<ChildProtectionPlans>{_element('CPPstartDate', p.start, end)}{_element('CPPendDate', p.end, end)}"
                      f"<InitialCategoryOfAbuse>{p.extra['category']}</InitialCategoryOfAbuse>"
                      f"<LatestCategoryOfAbuse>{p.extra['category']}</LatestCategoryOfAbuse>"
                      f"<NumberOfPreviousCPP>{p.extra['previous']}</NumberOfPreviousCPP>"
                      f"<Reviews>{''.join(_element('CPPreviewDate', d, end) for d in p.reviews)}</Reviews>"
                      f"</ChildProtectionPlans>" for p in r.cp_plans if p.start <= end]
            details.append("<CINdetails>" + "".join(inner) + "</CINdetails>")
        children.append(f"<Child><ChildIdentifiers><LAchildID>{child}</LAchildID><PersonBirthDate>{dob}"
                        f"</PersonBirthDate>{sex_element}</ChildIdentifiers><ChildCharacteristics>"
                        f"<Ethnicity>WBRI</Ethnicity></ChildCharacteristics>{''.join(details)}</Child>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Message><Header><CollectionDetails><Collection>CIN'
            f"</Collection><Year>{year}</Year><ReferenceDate>{end}</ReferenceDate></CollectionDetails>"
            f"<Source><LEA>{LA}</LEA></Source></Header><Children>\n" + "\n".join(children)
            + "\n</Children></Message>\n")


# SSD export ----------------------------------------------------------------------------------

def ssd_export(people, referrals: list[Referral], folder: Path, more: dict[str, list[dict]]) -> None:
    tables: dict[str, list[dict]] = {name: [] for name in (
        "ssd_person", "ssd_cin_episodes", "ssd_cin_assessments", "ssd_s47_enquiry", "ssd_initial_cp_conference",
        "ssd_cp_plans", "ssd_cp_reviews", "ssd_cin_plans")}
    for child, (dob, sex) in people.items():
        tables["ssd_person"].append({"pers_person_id": child, "pers_dob": dob, "pers_sex": sex, "pers_ethnicity": "WBRI"})
    for n, r in enumerate(referrals):
        rid = f"R{n}"
        tables["ssd_cin_episodes"].append({
            "cine_referral_id": rid, "cine_person_id": r.child, "cine_referral_date": r.day, "cine_close_date": r.close,
            "cine_referral_nfa": "Y" if r.nfa else "N", "cine_referral_source_code": r.source,
            "cine_cin_primary_need_code": r.need})
        for m, a in enumerate(r.assessments):
            tables["ssd_cin_assessments"].append({
                "cina_assessment_id": f"{rid}A{m}", "cina_person_id": r.child, "cina_referral_id": rid,
                "cina_assessment_start_date": a.start, "cina_assessment_auth_date": a.end})
        for m, s in enumerate(r.s47s):
            tables["ssd_s47_enquiry"].append({"s47e_s47_enquiry_id": f"{rid}S{m}", "s47e_referral_id": rid,
                                              "s47e_person_id": r.child, "s47e_s47_start_date": s.start})
            if s.conference:
                tables["ssd_initial_cp_conference"].append({
                    "icpc_icpc_id": f"{rid}I{m}", "icpc_s47_enquiry_id": f"{rid}S{m}", "icpc_person_id": r.child,
                    "icpc_icpc_date": s.conference})
        for m, p in enumerate(r.cp_plans):
            tables["ssd_cp_plans"].append({
                "cppl_cp_plan_id": f"{rid}P{m}", "cppl_person_id": r.child, "cppl_cp_plan_start_date": p.start,
                "cppl_cp_plan_end_date": p.end, "cppl_cp_plan_initial_category": p.extra["category"],
                "cppl_cp_plan_latest_category": p.extra["category"],
                "cppl_cp_plan_number_of_previous": p.extra["previous"]})
            tables["ssd_cp_reviews"] += [{"cppr_cp_review_id": f"{rid}P{m}V{k}", "cppr_person_id": r.child,
                                          "cppr_cp_plan_id": f"{rid}P{m}", "cppr_cp_review_date": day}
                                         for k, day in enumerate(p.reviews)]
        tables["ssd_cin_plans"] += [{"cinp_cin_plan_id": f"{rid}N{m}", "cinp_referral_id": rid, "cinp_person_id": r.child,
                                     "cinp_cin_plan_start_date": p.start, "cinp_cin_plan_end_date": p.end}
                                    for m, p in enumerate(r.cin_plans)]
    for name, rows in more.items():
        tables.setdefault(name, []).extend(rows)
    folder.mkdir()
    for name, rows in tables.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=list(dict.fromkeys(k for row in rows for k in row)))
            writer.writeheader()
            writer.writerows(rows)


# The test ------------------------------------------------------------------------------------

def _store(paths: list[Path]):
    con = store.connect()
    # the postcodes the looked-after children's homes and placements use, and the authority's districts
    for postcode, (easting, northing, district) in looked_after_returns.POSTCODES.items():
        con.execute("INSERT INTO meta.postcodes VALUES (?, ?, ?, ?)", [postcode, easting, northing, district])
    con.execute("INSERT INTO ref.la_codes (release_id, la, ons_code, name) VALUES (1, ?, 'E06000034', 'Test')", [LA])
    con.execute("INSERT INTO ref.ltla_utla (release_id, ltla_code, utla_code) VALUES (1, 'E06000034', 'E06000034')")
    store.load(con, sources.read_paths(paths, la=LA))
    con.execute("INSERT INTO ref.population VALUES (?, DATE '2022-06-30', 51234, 'test'), "
                "(?, DATE '2023-06-30', 52345, 'test'), (?, DATE '2024-06-30', 53456, 'test')", [LA] * 3)
    return con


def _figures(con, breakdown):
    return {(r.id, r.period, r.group): (r.numerator, r.denominator, r.value, r.reason, r.history)
            for r in engine.compute(con, None, PERIODS, la=LA, breakdown=breakdown)
            if r.id not in AS_AT_31_MARCH or (r.end.month, r.end.day) == (3, 31)}


def _complete(figures: dict) -> dict:
    """The figures whose history is complete, without saying so."""
    return {k: v[:-1] for k, v in figures.items() if v[-1] is None}


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sources")
    people, referrals = authority()
    returns = []
    for year in (2023, 2024, 2025):
        path = folder / f"cin_{year}.xml"
        path.write_text(census(people, referrals, year), encoding="utf-8")
        returns.append(path)
    looked_after = looked_after_returns.children()
    returns += looked_after_returns.ssda903(looked_after, folder)
    ssd_export(people, referrals, folder / "ssd", looked_after_returns.ssd_tables(looked_after))
    return _store(returns), _store([folder / "ssd"])


def _counted(figures: dict) -> set[str]:
    return {key[0] for key, (numerator, *_) in figures.items() if numerator}


@pytest.mark.parametrize("breakdown", BREAKDOWNS)
def test_returns_and_ssd_give_the_same_figures(stores, breakdown):
    from_returns, from_ssd = (_figures(con, breakdown) for con in stores)
    # The returns hold reviews from their first year's 1 April, the SSD export some from before
    # then: figures that need those say their history is incomplete, and only in the first year.
    complete = _complete(from_returns).keys() & _complete(from_ssd).keys()
    assert {k[1] for k in from_returns.keys() - complete} <= {"2022-23"}
    assert {k: v[:-1] for k, v in from_returns.items() if k[0] not in ONLY_IN_THE_SSD and k in complete} == {
        k: v[:-1] for k, v in from_ssd.items() if k[0] not in ONLY_IN_THE_SSD and k in complete}
    for key, (*_, reason, _) in from_returns.items():
        assert key[0] not in ONLY_IN_THE_SSD or reason.startswith("not recorded: this authority has no "), key
    # every indicator of the sections these data cover counts someone somewhere, except those from
    # data the returns do not hold
    covered = {i.id for i in registry.default() if i.section in CENSUS_SECTIONS | LOOKED_AFTER_SECTIONS}
    assert covered & ({key[0] for key in from_returns} - _counted(from_returns)) <= (
        NOT_IN_THE_CENSUS | ONLY_IN_THE_SSD | NOT_EXERCISED_HERE)
    assert {key[0] for key in from_ssd} & ONLY_IN_THE_SSD <= _counted(from_ssd)


def test_rereferrals_across_returns_are_exercised(stores):
    """Some re-referral's previous referral is only in an earlier year's return."""
    from_census, _ = stores
    across = from_census.execute("""
        SELECT count(*) FROM calc.referrals r
        JOIN ssd_cin_episodes earlier ON earlier.cine_person_id = r.person_id
            AND earlier.cine_referral_date = r.previous_referral_date
        JOIN ssd_cin_episodes later ON later.cine_person_id = r.person_id AND later.cine_referral_date = r.referral_date
        WHERE earlier.collection_year < later.collection_year
          AND r.previous_referral_date >= r.referral_date - INTERVAL 1 YEAR""").fetchone()[0]
    assert across > 0


def test_an_as_at_figure_is_the_same_for_a_month_a_quarter_and_a_year_ending_that_day(stores):
    # Every other snapshot indicator is the state on the period's last day (the children on a
    # plan, a pathway plan reviewed in the 6 months to the day, a health check in the 12 months to
    # it): how long the period is changes nothing.
    as_at = [i.id for i in registry.default()
             if i.grain is Grain.snapshot and not i.min_months and i.id not in JUDGED_OVER_THE_PERIOD]
    figures = {}
    for con in stores:
        for r in engine.compute(con, as_at, ["2025-03", "2024-25:Q4", "2024-25"], la=LA):
            figures.setdefault((con, r.id), set()).add((r.numerator, r.denominator, r.value, r.reason))
    assert all(len(found) == 1 for found in figures.values()), {k[1]: v for k, v in figures.items() if len(v) > 1}
    assert sum(bool(numerator) for [(numerator, *_)] in figures.values()) > len(as_at)  # they count children
