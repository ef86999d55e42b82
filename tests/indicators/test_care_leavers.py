"""Care leavers: in touch, activity, accommodation and pathway plans around the 17th to 21st birthdays.

Periods are 2024-25 (1 April 2024 to 31 March 2025) unless said; the age is that of the birthday."""

import pytest


@pytest.fixture
def leavers(authority):
    a = authority
    # 19 to 21
    a.child("A", dob="2005-04-01", sex="F")
    a.care_leaver("A", "2024-04-01", activity="F1", accommodation="D1")  # 19th, the period's first day
    a.child("B", dob="2004-03-31")
    a.care_leaver("B", "2025-03-31", activity="F5", accommodation="U2")  # 21st, its last day; unsuitable
    a.child("C", dob="2005-03-31")
    a.care_leaver("C", "2024-03-31", activity="F2")  # 19th, the day before the period
    a.child("D", dob="2004-04-01")
    a.care_leaver("D", "2025-04-01", activity="F2")  # 21st, the day after
    a.child("E", dob="2004-06-01")
    a.care_leaver("E", "2024-06-01", in_touch="DIED", activity="0", accommodation="0")  # left out
    a.child("F", dob="2003-07-01")
    a.care_leaver("F", "2024-07-01", in_touch="RHOM", activity="G5")  # returned home: left out
    a.child("G", dob="2004-09-01")
    a.care_leaver("G", "2024-09-01", in_touch="NO", activity="0", accommodation="0")  # not in touch: not known
    a.child("H", dob="2005-10-10")
    a.care_leaver("H", "2024-10-10", activity="G5", accommodation="Z1")  # NEET
    # 17 to 18
    a.child("J", dob="2007-05-15")
    a.care_leaver("J", "2024-05-15", activity="F4", accommodation="D1")  # 17th; apprenticeship
    a.child("K", dob="2006-08-20")
    a.care_leaver("K", "2024-08-20", activity="G6", accommodation="E", suitable="Suitable")  # 18th, as Annex A
    a.uasc("K", start="2022-01-10", end="2024-08-20")
    a.child("L", dob="2006-02-01")
    a.care_leaver("L", "2024-02-01")  # 18th before the period
    a.child("M", dob="2007-01-10")
    a.care_leaver("M", "2025-01-10", in_touch="REFU", activity="0", accommodation="0")  # 18th; refused contact
    a.child("N", dob="2008-06-01")
    a.care_leaver("N", "2024-06-01")  # 16th: not yet counted
    a.child("O", dob=None)
    a.care_leaver("O", "2024-06-01")  # no date of birth: the age is unknown
    return a


@pytest.mark.parametrize("id, expected", [
    ("care_leavers_19_21_in_touch_pct", (3, 4, 75.0)),  # A, B, H of A, B, G, H
    ("care_leavers_19_21_eet_pct", (2, 4, 50.0)),  # A (F1), B (F5)
    ("care_leavers_19_21_higher_education_pct", (1, 4, 25.0)),  # A
    ("care_leavers_19_21_neet_pct", (1, 4, 25.0)),  # H
    ("care_leavers_19_21_suitable_accommodation_pct", (2, 4, 50.0)),  # A (D1), H (Z1)
    ("care_leavers_17_18_in_touch_pct", (2, 3, 66.7)),  # J, K of J, K, M
    ("care_leavers_17_18_eet_pct", (1, 3, 33.3)),  # J (F4)
    ("care_leavers_17_18_neet_pct", (1, 3, 33.3)),  # K (G6)
    ("care_leavers_17_18_suitable_accommodation_pct", (2, 3, 66.7)),  # J (D1), K (recorded Suitable)
])
def test_a_year_of_care_leavers(leavers, id, expected):
    assert leavers.figure(id, "2024-25") == expected


def test_who_is_counted_and_a_quarter(leavers):
    a = leavers
    assert a.children("care_leavers_19_21_eet_pct", "2024-25") == {"numerator": ["A", "B"],
                                                                   "denominator": ["A", "B", "G", "H"]}
    assert a.children("care_leavers_17_18_neet_pct", "2024-25")["denominator"] == ["J", "K", "M"]
    # April to June 2024: A's 19th birthday (E, who died, is left out) and J's 17th
    assert a.figure("care_leavers_19_21_eet_pct", "2024-25:Q1") == (1, 1, 100.0)
    assert a.figure("care_leavers_17_18_eet_pct", "2024-25:Q1") == (1, 1, 100.0)


def test_breakdowns(leavers):
    a = leavers
    assert a.by("care_leavers_19_21_eet_pct", "2024-25", "sex") == {"Female": (1, 1, 100.0), "Male": (1, 3, 33.3)}
    # K was UASC until their 18th birthday, the day the information is about
    assert a.by("care_leavers_17_18_eet_pct", "2024-25", "uasc") == {"Not UASC": (1, 2, 50.0), "UASC": (0, 1, 0.0)}


def test_pathway_plans_only_where_recorded(leavers):
    result = leavers.result("care_leavers_pathway_plan_pct", "2024-25")
    assert (result.numerator, result.value) == (None, None)
    assert result.reason == ("not recorded: this authority has no ssd_care_leavers.clea_care_leaver_personal_advisor, "
                             "ssd_care_leavers.clea_pathway_plan_review_date data")


def test_each_return_is_read_by_its_own_years_code_list(authority):
    # 903 OC3 activity codes: up to and including the 2020-21 return F3/P3 were "training or
    # employment (full/part time)" and are education, employment or training (LAIT 113); from
    # 2021-22 (schema 2022) they became F4/P4 (apprenticeships) and F5/P5 (other training or
    # employment), and F3/P3 are no longer codes. Annex A's care leavers are read the same way.
    a = authority
    for child, dob in [("Q", "2002-01-10"), ("R", "2002-02-10"), ("S", "2002-05-10"), ("T", "2003-05-10")]:
        a.child(child, dob=dob)
    a.care_leaver("Q", "2021-01-10", activity="F3")  # 19th, in the 2020-21 return: EET
    a.care_leaver("R", "2021-02-10", activity="P3")  # EET
    a.care_leaver("S", "2021-05-10", activity="F3")  # 19th, in the 2021-22 return: not a code, not EET
    a.care_leaver("T", "2022-05-10", activity="F5")
    assert a.figure("care_leavers_19_21_eet_pct", "2020-21") == (2, 2, 100.0)
    assert a.figure("care_leavers_19_21_eet_pct", "2021-22") == (0, 1, 0.0)
    assert a.figure("care_leavers_19_21_eet_pct", "2022-23") == (1, 1, 100.0)


def test_personal_adviser_and_a_pathway_plan_reviewed_in_the_last_6_months(authority):
    a = authority
    for child in ["P1", "P2", "P3", "P4", "P5", "P6"]:
        a.child(child, dob="2005-06-01")
    # 6 months after 30 September 2024 is 30 March 2025, a day short of 31 March: overdue
    a.care_leaver("P1", "2024-06-01", adviser="Jo Bloggs", plan_reviewed="2024-09-30")
    a.care_leaver("P2", "2024-06-01", adviser="Jo Bloggs", plan_reviewed="2024-10-01")  # up to date
    a.care_leaver("P3", "2024-06-01", adviser=None, plan_reviewed="2025-01-01")  # no adviser
    a.care_leaver("P4", "2024-06-01", adviser="Not allocated", plan_reviewed="2025-01-01")
    a.care_leaver("P5", "2024-06-01", adviser="Sam Smith", plan_reviewed=None)  # no review
    a.care_leaver("P6", "2024-06-01", adviser="Sam Smith", plan_reviewed="2025-02-01", in_touch="DIED")
    assert a.figure("care_leavers_pathway_plan_pct", "2024-25") == (1, 5, 20.0)
    assert a.children("care_leavers_pathway_plan_pct", "2024-25")["numerator"] == ["P2"]


def test_an_as_at_figure_is_the_same_for_the_same_day_whatever_the_period(authority):
    # Care leavers aged 17 to 21 on 31 March 2025, with an adviser and a plan reviewed in the 6
    # months to it: P7's 19th birthday (its latest record) was in June 2024, P8's 21st in March
    # 2025, P9 turned 22 in February 2025 (no longer a care leaver counted), P10's record is dated
    # after the day. A month, a quarter and a year ending that day give the same answer.
    a = authority
    for child, dob in [("P7", "2005-06-01"), ("P8", "2004-03-10"), ("P9", "2003-02-01"), ("P10", "2006-05-01")]:
        a.child(child, dob=dob)
    a.care_leaver("P7", "2023-06-01", adviser="Jo Bloggs", plan_reviewed="2023-09-01")
    a.care_leaver("P7", "2024-06-01", adviser="Jo Bloggs", plan_reviewed="2025-01-15")
    a.care_leaver("P8", "2025-03-10", adviser="Sam Smith", plan_reviewed="2024-08-01")  # overdue
    a.care_leaver("P9", "2024-02-01", adviser="Sam Smith", plan_reviewed="2025-01-01")
    a.care_leaver("P10", "2025-05-01", adviser="Sam Smith", plan_reviewed="2025-01-01")  # 19 on the day; no record yet
    for period in ("2025-03", "2024-25:Q4", "2024-25", "12m:2025-03"):
        assert a.figure("care_leavers_pathway_plan_pct", period) == (1, 2, 50.0), period
    assert a.children("care_leavers_pathway_plan_pct", "2024-25") == {"numerator": ["P7"], "denominator": ["P7", "P8"]}


def test_not_in_touch_leaves_out_those_whose_activity_a_third_party_gave(authority):
    # LAIT 317 (CareLeavers_LA_NotInTouch), Methodology: "'Local authority not in touch' excludes
    # young people where activity information is known, as a third party provided it". Of A to D,
    # aged 19 to 21, B is not in touch with nothing known; C is not in touch but is known to be at
    # college (F2): 1 of 4 = 25.0%, where 2 of 4 are not in touch (YES: A and D).
    a = authority
    for child, in_touch, activity in [("A", "YES", "F1"), ("B", "NO", "0"), ("C", "NO", "F2"), ("D", "YES", "G5")]:
        a.child(child, dob="2005-06-01")
        a.care_leaver(child, "2024-06-01", in_touch=in_touch, activity=activity)
    assert a.figure("care_leavers_not_in_touch_pct", "2024-25") == (1, 4, 25.0)
    assert a.children("care_leavers_not_in_touch_pct", "2024-25")["numerator"] == ["B"]
    assert a.figure("care_leavers_19_21_in_touch_pct", "2024-25") == (2, 4, 50.0)
