"""The front door, assessment, child in need and child protection measures members ask for
(issue 11): referrals assessed as not in need, early help and its step-ups, factors identified
at assessment and exploitation, children in need for 2 years or more, conferences by working
days, and rates per 10,000 children."""

from cscperf.indicators.breakdowns import FACTORS
from cscperf.sources.cin_codes import ASSESSMENT_FACTORS


def test_referrals_assessed_as_not_in_need(authority):
    a = authority
    for child in "ABCDE":
        a.child(child)
    a.add("ssd_cin_episodes", cine_person_id="A", cine_referral_date="2024-05-01", cine_close_reason="RC8",
          cine_close_date="2024-06-01", cine_referral_id="R1")
    a.add("ssd_cin_episodes", cine_person_id="B", cine_referral_date="2024-05-01", cine_close_reason="RC9",
          cine_close_date="2024-06-01", cine_referral_id="R2")
    a.add("ssd_cin_episodes", cine_person_id="C", cine_referral_date="2024-05-01", cine_close_reason="RC7",
          cine_close_date="2025-01-01", cine_referral_id="R3")
    a.add("ssd_cin_episodes", cine_person_id="D", cine_referral_date="2024-05-01", cine_referral_id="R4")  # open
    a.add("ssd_cin_episodes", cine_person_id="E", cine_referral_date="2024-03-31", cine_close_reason="RC8",
          cine_close_date="2024-04-15", cine_referral_id="R5")  # referred the year before
    # LAIT 290: of referrals in the year (A B C D), those closed after assessment as not in need
    # (RC8 no further action, RC9 to early help): A, B = 2/4 = 50.0%
    assert a.figure("referrals_not_in_need_pct", "2024-25") == (2, 4, 50.0)


def test_early_help_and_its_step_ups(authority):
    a = authority
    for child in "ABCDE":
        a.child(child)
    a.early_help("A", "2023-06-01", "2023-09-01")
    a.referral("A", "2024-06-01")  # exactly 12 months after the start: stepped up
    a.early_help("B", "2023-07-01")
    a.referral("B", "2024-07-02")  # 12 months and a day: not
    a.early_help("C", "2023-08-01")
    a.referral("C", "2023-07-01")  # the referral came before early help: not a step up
    a.early_help("D", "2024-02-01")  # no referral at all
    a.early_help("E", "2024-05-01")
    a.referral("E", "2024-06-01")  # stepped up, but started in 2024-25
    assert a.figure("early_help_episodes", "2023-24") == (4, None, 4)
    assert a.figure("early_help_episodes", "2024-25") == (1, None, 1)
    # the year to 31 March 2025 follows up episodes started 1 April 2023 to 31 March 2024, each
    # for its full 12 months: A stepped up, B C D not = 1/4 = 25.0%
    assert a.figure("early_help_step_up_pct", "2024-25") == (1, 4, 25.0)
    assert a.children("early_help_step_up_pct", "2024-25")["numerator"] == ["A"]
    # the year to 31 March 2026 follows up E (started in 2024-25)
    assert a.figure("early_help_step_up_pct", "2025-26") == (1, 1, 100.0)


def test_early_help_only_where_recorded(authority):
    a = authority
    a.child("A")
    a.referral("A", "2024-06-01")
    reason = "not recorded: this authority has no ssd_early_help_episodes data"
    assert a.result("early_help_episodes", "2024-25").reason == reason


def test_factors_identified_at_assessment_and_exploitation(authority):
    a = authority
    a.population(2024, 20000)
    for child in "ABCD":
        a.child(child)
    a.factors("A", "2024-05-01", "3B", "4B")  # domestic abuse, parental mental health
    a.factors("A", "2024-09-01", "4B", "24A")  # a second assessment: criminal exploitation
    a.factors("B", "2024-06-01", "11A")  # sexual exploitation
    a.factors("C", "2024-07-01", "21")  # no factors identified
    a.factors("D", "2024-03-31", "13A")  # gangs, authorised the year before
    # children assessed in 2024-25 with at least one factor: A, B = 2 (C's only code is 21)
    assert a.figure("assessment_factor_children", "2024-25") == (2, None, 2)
    # by factor, each child once under each of their factors: A under 3B, 4B (twice assessed,
    # once counted) and 24A; B under 11A
    assert a.by("assessment_factor_children", "2024-25", "factor") == {
        "11A": (1, None, 1), "24A": (1, None, 1), "3B": (1, None, 1), "4B": (1, None, 1)}
    # exploitation (11A, 12A, 13A, 24A): A and B
    assert a.figure("exploitation_children", "2024-25") == (2, None, 2)
    assert a.figure("exploitation_children", "2023-24") == (1, None, 1)  # D (gangs)
    # per 10,000 children: 2 x 10,000 / 20,000 = 1.0; by factor, each factor's children likewise
    assert a.figure("assessment_factor_rate_per_10k", "2024-25") == (2, 20000, 1.0)
    assert a.by("assessment_factor_rate_per_10k", "2024-25", "factor")["4B"] == (1, 20000, 0.5)


def test_every_factor_the_census_codes_has_words():
    # 21 (no factors identified) is never a group: a child with only 21 has no factor
    assert set(FACTORS) == set(ASSESSMENT_FACTORS) - {"21"}


def test_children_in_need_for_two_years_or_more(authority):
    a = authority
    for child in "ABC":
        a.child(child)
    a.referral("A", "2023-03-31")  # 2 years exactly on 31 March 2025: counts
    a.referral("B", "2023-04-01")  # a day short
    a.referral("C", "2020-01-01", closed="2025-03-31")  # closed on the day: no longer in need
    assert a.figure("cin_2y_plus_pct", "2024-25") == (1, 2, 50.0)
    assert a.children("cin_2y_plus_pct", "2024-25")["numerator"] == ["A"]


def test_conferences_by_working_days_and_per_10000_children(authority):
    a = authority
    a.population(2024, 20000)
    for child in "ABCD":
        a.child(child)
    # Monday 3 June 2024 to Monday 17 June: 10 working days (the DfE's band 0-10)
    a.icpc("A", "2024-06-17", s47=a.s47("A", "2024-06-03"))
    # Monday 2 September to Tuesday 24 September: 16 working days (16-20)
    a.icpc("B", "2024-09-24", s47=a.s47("B", "2024-09-02"))
    a.icpc("C", "2024-10-01", transfer_in="Y")  # a transfer-in conference: not counted
    a.icpc("D", "2024-11-01")  # no section 47 enquiry before it: days not known
    assert a.figure("icpcs", "2024-25") == (3, None, 3)
    assert a.by("icpc_15wd_pct", "2024-25", "working_days_band") == {
        "0-10": (1, 1, 100.0), "16-20": (0, 1, 0.0), "Not recorded": (0, 1, 0.0)}
    assert a.figure("icpc_rate_per_10k", "2024-25") == (3, 20000, 1.5)  # 3 x 10,000 / 20,000


def test_child_protection_plans_started_per_10000_children(authority):
    a = authority
    a.population(2024, 20000)
    for child in "AB":
        a.child(child)
    a.cp_plan("A", "2024-04-01", "2024-09-01")
    a.cp_plan("A", "2025-01-01")  # a second plan in the year: each plan counts
    a.cp_plan("B", "2024-03-31")
    # LAIT 219: plans starting in the year x 10,000 / children = 2 x 10,000 / 20,000 = 1.0
    assert a.figure("cp_plans_started_rate_per_10k", "2024-25") == (2, 20000, 1.0)
