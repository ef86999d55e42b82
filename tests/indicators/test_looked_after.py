"""Children looked after: on the snapshot day, starting, ceasing, UASC, section 20, reviews."""


def test_children_looked_after_on_the_snapshot_day(authority):
    a = authority
    for child in "ABCDEFG":
        a.child(child)
    a.episode("A", "2024-05-01")  # open
    a.episode("B", "2024-06-01", ceased="2025-03-31", reason="E4A")  # ceased on the snapshot day: out
    a.episode("C", "2024-07-01", ceased="2025-04-01", reason="E4A")  # ceased the day after: in
    a.episode("D", "2024-05-01", legal_status="V3")  # a short break: out
    a.episode("E", "2025-04-01")  # started after: out
    a.episode("F", "2023-01-10", ceased="2024-06-01", reason="X1")  # two episodes spanning the year: once
    a.episode("F", "2024-06-01", new="P", placement="K2", legal_status="C1")
    a.episode("G", "2025-03-31")  # started on the snapshot day: in
    a.population(2024, 20_000)
    assert a.figure("cla", "2024-25") == (4, None, 4)
    assert a.children("cla", "2024-25")["numerator"] == ["A", "C", "F", "G"]
    assert a.figure("cla_rate_per_10k", "2024-25") == (4, 20_000, 2.0)
    assert a.figure("cla", "2024-25:Q1") == (3, None, 3)  # A, B and F on 30 June 2024
    assert a.figure("cla", "2023-24") == (1, None, 1)  # F's first episode spans the years
    # the placement type and legal status of each child's current episode
    assert a.by("cla", "2024-25", "placement_type") == {"U1": (3, None, 3), "K2": (1, None, 1)}
    assert a.by("cla", "2024-25", "legal_status") == {"C2": (3, None, 3), "C1": (1, None, 1)}


def test_children_starting_to_be_looked_after(authority):
    a = authority
    for child, dob in [("A", "2015-01-01"), ("B", "2024-06-01"), ("C", "2021-04-02"), ("D", "2020-01-01"),
                       ("E", "2010-01-01"), ("F", "2010-01-01"), ("G", "2010-01-01")]:
        a.child(child, dob=dob)
    a.episode("A", "2024-03-31", ceased="2024-04-20", reason="E4A")  # started the day before the year: out
    a.episode("A", "2025-03-31")  # started again on its last day: in
    a.episode("B", "2024-06-01", need="N2")  # on the day of birth: under 1
    a.episode("C", "2024-04-01", ceased="2024-05-01", reason="E4A")  # aged 2 (and 3 when starting again): once
    a.episode("C", "2025-01-01", ceased="2025-04-01", reason="E4A")
    a.episode("D", "2025-04-01")  # started the day after the year: out
    a.episode("E", "2024-05-01", legal_status="V4")  # a short break: out
    a.episode("F", "2023-05-01", ceased="2024-05-01", reason="X1")  # a change of placement is not a start
    a.episode("F", "2024-05-01", new="P")
    a.episode("G", "2024-09-01")
    assert a.figure("cla_started", "2024-25") == (4, None, 4)
    assert a.children("cla_started", "2024-25")["numerator"] == ["A", "B", "C", "G"]
    assert a.figure("cla_started_under1", "2024-25") == (1, None, 1)
    assert a.figure("cla_started_under5", "2024-25") == (2, None, 2)
    assert a.by("cla_started", "2024-25", "category_of_need") == {"N1": (3, None, 3), "N2": (1, None, 1)}
    assert a.figure("cla_started", "2023-24") == (2, None, 2)  # A on 31 March 2024, and F


def test_repeat_section_20_and_section_20_share(authority):
    a = authority
    for child in "HIJK":
        a.child(child)
    a.episode("H", "2022-01-01", ceased="2022-06-01", reason="E4A", legal_status="V2")
    a.episode("H", "2024-09-01", legal_status="V2")  # a section 20 period before, years ago: repeat
    a.episode("I", "2021-01-01", ceased="2021-06-01", reason="E4A", legal_status="C2")
    a.episode("I", "2024-10-01", legal_status="V2")  # the earlier period was not section 20: not repeat
    a.episode("J", "2024-05-01", ceased="2024-07-01", reason="E4B", legal_status="V2")
    a.episode("J", "2024-11-01", legal_status="V2")  # twice in the year: the second is a repeat
    a.episode("K", "2024-05-01", legal_status="C2")
    assert a.figure("cla_repeat_s20", "2024-25") == (2, None, 2)
    assert a.children("cla_repeat_s20", "2024-25")["numerator"] == ["H", "J"]
    assert a.figure("cla_repeat_s20", "2024-25:Q1") == (0, None, 0)  # J's first start only
    assert a.figure("cla_s20_pct", "2024-25") == (3, 4, 75.0)


def test_children_ceasing_by_reason(authority):
    a = authority
    reasons = {"A": "E4A", "B": "E11", "C": "E45", "D": "E41", "E": "E17", "F": "E2", "G": "E6"}
    for child, reason in reasons.items():
        a.child(child)
        a.episode(child, "2023-06-01", ceased="2024-10-01", reason=reason)
    for child in "HIJKL":
        a.child(child)
    a.episode("H", "2023-06-01", ceased="2024-10-01", reason="X1")  # a new episode began: not ceasing
    a.episode("H", "2024-10-01", new="P")
    a.episode("I", "2023-06-01", ceased="2024-10-01", reason="E4A", legal_status="V3")  # a short break
    a.episode("J", "2023-06-01", ceased="2024-03-31", reason="E4A")  # the day before the year: out
    a.episode("K", "2023-06-01", ceased="2025-03-31", reason="E13")  # its last day: in
    a.episode("L", "2024-04-01", ceased="2024-05-01", reason="E4B")  # ceased twice: once, by the last reason
    a.episode("L", "2024-06-01", ceased="2024-12-01", reason="E12")
    assert a.figure("cla_ceased", "2024-25") == (9, None, 9)
    assert a.by("cla_ceased", "2024-25", "reason_ceased") == {
        "Returned home": (1, None, 1), "Adoption": (2, None, 2), "Special guardianship": (1, None, 1),
        "Child arrangements order": (1, None, 1), "18th birthday / independent living": (2, None, 2),
        "Other": (2, None, 2)}
    assert a.figure("cla_ceased", "2023-24") == (1, None, 1)


def test_uasc_looked_after_and_as_a_share_of_children(authority):
    a = authority
    for child in "ABC":
        a.child(child)
        a.episode(child, "2024-05-01")
    a.uasc("A")
    a.uasc("B", end="2025-03-30")  # no longer UASC on the snapshot day
    a.population(2024, 2_400)  # 1 of 2,400 is 0.0417%
    assert a.figure("uasc_cla", "2024-25") == (1, None, 1)
    assert a.figure("uasc_pct_child_population", "2024-25") == (1, 2_400, 0.04)
    assert a.figure("uasc_cla", "2024-25:Q3") == (2, None, 2)


def test_disabled_children_looked_after_where_disabilities_are_recorded(authority):
    a = authority
    for child in "ABC":
        a.child(child)
        a.episode(child, "2024-05-01")
    assert a.result("cla_disabled_pct", "2024-25").reason == "not recorded: this authority has no ssd_disability data"
    a.disability("A", "AUT")
    a.disability("B", "NONE")  # C has none recorded: in the denominator
    assert a.figure("cla_disabled_pct", "2024-25") == (1, 3, 33.3)


def test_reviews_on_time_across_easter_and_may_day(authority):
    a = authority
    for child in "ABCDE":
        a.child(child)
    # entered care on Thursday 17 April 2025; with Good Friday, Easter Monday and 5 May off, the
    # 20th working day after is 20 May
    for child in "ABC":
        a.episode(child, "2025-04-17")
    a.cla_review("A", "2025-05-20")
    a.cla_review("B", "2025-05-21")  # late
    a.cla_review("B", "2025-05-20", cancelled="Y")  # cancelled: not held
    # C has had no review: overdue on 30 June
    a.episode("D", "2025-06-02")  # 20 working days to 30 June: due, not yet overdue
    a.episode("E", "2025-06-03")  # 19 working days: not yet due
    assert a.figure("cla_reviews_on_time_pct", "2025-26:Q1") == (2, 4, 50.0)
    assert a.children("cla_reviews_on_time_pct", "2025-26:Q1") == {"numerator": ["A", "D"],
                                                                   "denominator": ["A", "B", "C", "D"]}


def test_reviews_on_time_across_christmas_and_later_reviews(authority):
    a = authority
    for child in "FGHI":
        a.child(child)
    # entered care on Monday 16 December 2024; with Christmas, Boxing Day and New Year's Day off,
    # the 20th working day after is 16 January
    a.episode("F", "2024-12-16")
    a.cla_review("F", "2025-01-16")
    a.episode("G", "2024-12-16")
    a.cla_review("G", "2025-01-17")
    # later reviews: the second within 3 months of the first, then within 6 months
    a.episode("H", "2023-06-01")
    for day in ["2023-06-20", "2023-09-20", "2024-03-20", "2024-09-21"]:  # the last a day late
        a.cla_review("H", day)
    a.episode("I", "2023-06-01")
    for day in ["2023-06-20", "2023-09-20", "2024-03-20", "2024-09-20"]:  # next due 20 March 2025
        a.cla_review("I", day)
    assert a.figure("cla_reviews_on_time_pct", "2024-25") == (1, 4, 25.0)
    assert a.figure("cla_reviews_on_time_pct", "2024-25:Q1") == (2, 2, 100.0)  # on 30 June 2024
    assert a.figure("cla_reviews_on_time_pct", "2024-25:Q2") == (1, 2, 50.0)  # H's review of 21 September


def test_reviews_after_the_august_bank_holiday_and_participation(authority):
    a = authority
    for child in "AB":
        a.child(child)
    # entered care on Friday 16 August 2024: with 26 August off, the 20th working day is 16 September
    a.episode("A", "2024-08-16")
    a.episode("B", "2024-08-16")
    a.cla_review("A", "2024-09-16", participation="PN1")
    a.cla_review("B", "2024-09-17", participation="PN7")
    assert a.figure("cla_reviews_on_time_pct", "2024-09") == (1, 2, 50.0)
    a.cla_review("A", "2024-03-31", participation="PN1")  # before the year: out
    a.cla_review("A", "2025-03-31", participation="PN0")  # under 4: left out
    a.cla_review("B", "2025-03-31", participation="PN5")  # views conveyed: participated
    a.cla_review("B", "2025-04-01", participation="PN1")  # after the year: out
    assert a.figure("cla_review_participation_pct", "2024-25") == (2, 3, 66.7)


def test_reviews_are_judged_on_those_held_in_the_period(authority):
    # NI 66 (looked-after children reviewed within required timescales): of children looked after
    # at 31 March (for 20 working days or more), those whose reviews in the year were all on time.
    # A late review in an earlier year does not fail the child this year.
    a = authority
    a.child("A")
    a.episode("A", "2022-06-01")
    # the first review was late (due within 20 working days, by 29 June 2022); every later one on time
    for day in ["2022-08-01", "2022-10-15", "2023-04-10", "2023-10-05", "2024-04-01", "2024-09-30", "2025-03-25"]:
        a.cla_review("A", day)
    assert a.figure("cla_reviews_on_time_pct", "2022-23") == (0, 1, 0.0)
    assert a.figure("cla_reviews_on_time_pct", "2023-24") == (1, 1, 100.0)
    assert a.figure("cla_reviews_on_time_pct", "2024-25") == (1, 1, 100.0)
    assert a.figure("cla_reviews_on_time_pct", "2024-25:Q3") == (1, 1, 100.0)  # held none in it, none overdue


def test_reviews_before_the_first_loaded_return_are_not_failed(authority):
    # The 903 returns loaded begin with 2021-22, so the store holds reviews from 1 April 2021.
    # B entered care in 2019: the first review the store holds (10 June 2021) cannot be judged,
    # so B is not failed for it, and 2021-22's figure says its history is incomplete; by 2022-23
    # every review held is judged against the one before (within 6 months).
    a = authority
    a.child("B")
    a.episode("B", "2019-05-01")
    for day in ["2021-06-10", "2021-12-01", "2022-05-20", "2022-11-15", "2023-05-10"]:
        a.cla_review("B", day)
    a.loaded("ssda903", 2022, 2023, 2024)
    result = a.result("cla_reviews_on_time_pct", "2021-22")
    assert (result.numerator, result.denominator) == (1, 1)
    assert result.history == ("history incomplete: the records of 1 child go back before the store's; this "
                              "authority's records of looked-after children begin on 1 April 2021")
    result = a.result("cla_reviews_on_time_pct", "2022-23")
    assert (result.numerator, result.denominator, result.history) == (1, 1, None)
    # a snapshot before the records begin needs what the store does not hold
    assert a.result("cla", "2020-21").history == (
        "history incomplete: it needs records from 31 March 2021, and this authority's records of "
        "looked-after children begin on 1 April 2021")
    assert a.result("cla", "2021-22:Q1").history is None
