"""Child protection: section 47 enquiries, conferences, plans, reviews and visits."""


def test_s47_started_and_rate(authority):
    a = authority
    a.child("A")
    for day in ["2024-03-31", "2024-04-01", "2025-03-31", "2025-04-01"]:
        a.s47("A", day)
    a.population(2024, 20_000)
    assert a.figure("s47_started", "2024-25") == (2, None, 2)
    assert a.figure("s47_rate_per_10k", "2024-25") == (2, 20_000, 1.0)
    # for a quarter the rate still covers the 12 months to its end
    assert a.figure("s47_rate_per_10k", "2024-25:Q4") == (2, 20_000, 1.0)


def test_icpc_within_15_working_days_of_the_s47_across_easter_and_may_day(authority):
    a = authority
    for child in "ABCD":
        a.child(child)
    # Thursday 17 April 2025; Good Friday, Easter Monday and 5 May off: the 15th working day is 13 May
    a.icpc("A", "2025-05-13", s47=a.s47("A", "2025-04-17"))
    a.icpc("B", "2025-05-14", s47=a.s47("B", "2025-04-17"))
    # not linked by ID: the child's latest enquiry started on or before the conference is used
    a.s47("C", "2025-01-02")
    a.s47("C", "2025-04-28")
    a.icpc("C", "2025-05-01")
    a.icpc("D", "2025-05-02", transfer_in="Y")  # transfer-in conferences are left out
    assert a.figure("icpc_15wd_pct", "2025-26") == (2, 3, 66.7)
    assert a.children("icpc_15wd_pct", "2025-26")["numerator"] == ["A", "C"]


def test_children_on_a_plan_on_the_snapshot_day(authority):
    a = authority
    for child in "ABCDE":
        a.child(child)
    a.cp_plan("A", "2025-03-31")  # starts on the snapshot day: open
    a.cp_plan("B", "2024-10-01", end="2025-03-31")  # ends on the snapshot day: no longer open
    a.cp_plan("C", "2024-10-01", end="2025-04-01")  # ends the day after: open
    a.cp_plan("D", "2022-01-01", end="2023-01-01")  # two plans, one open now: counted once
    a.cp_plan("D", "2024-06-01")
    a.cp_plan("E", "2025-04-01")  # starts after
    a.population(2024, 50_000)
    assert a.figure("cp_plans", "2024-25") == (3, None, 3)
    assert a.children("cp_plans", "2024-25")["numerator"] == ["A", "C", "D"]
    assert a.figure("cp_rate_per_10k", "2024-25") == (3, 50_000, 0.6)
    # a quarter's snapshot is its own last day: 31 December 2024
    assert a.figure("cp_plans", "2024-25:Q3") == (3, None, 3)


def test_plans_started_counts_plans_and_second_or_subsequent_uses_the_data_or_the_return(authority):
    a = authority
    for child in "ABC":
        a.child(child)
    a.cp_plan("A", "2024-05-01", end="2024-09-01")  # A's first plan
    a.cp_plan("A", "2025-01-10")  # A's second plan, in the same year
    a.cp_plan("B", "2024-06-01", previous=1)  # the return says B had a plan before
    a.cp_plan("C", "2021-01-01", end="2021-12-01")  # C's earlier plan, years before
    a.cp_plan("C", "2025-02-01", previous=0)
    assert a.figure("cp_plans_started", "2024-25") == (4, None, 4)
    assert a.figure("cp_second_or_subsequent_pct", "2024-25") == (3, 4, 75.0)
    assert a.by("cp_plans_started", "2024-25", "category_of_abuse") == {"NEG": (4, None, 4)}


def test_plans_ceasing_after_2_years_or_more(authority):
    # LAIT 98: plans that had lasted "two years or longer (i.e. for more than 729 calendar days
    # including days of cessation)", of plans ceasing in the year (each plan, not each child)
    a = authority
    a.child("A")
    a.cp_plan("A", "2023-04-01", end="2025-03-30")  # 730 days counting both ends: counts
    a.cp_plan("A", "2023-04-02", end="2025-03-30")  # 729 days: does not
    a.cp_plan("A", "2024-07-01", end="2024-12-01")
    a.cp_plan("A", "2024-12-02", end="2025-04-01")  # ends after the period
    assert a.figure("cp_ceased_2y_plus_pct", "2024-25") == (1, 3, 33.3)


def test_open_plans_lasting_2_years_or_more(authority):
    # LAIT 264: of children on a plan at 31 March, those on it for more than 729 days counting
    # 31 March: a plan from 2 April 2023 has lasted 730 days, one from 3 April 729
    a = authority
    for child in "ABC":
        a.child(child)
    a.cp_plan("A", "2023-04-02")
    a.cp_plan("B", "2023-04-03")
    a.cp_plan("C", "2024-04-01")
    assert a.figure("cp_open_2y_plus_pct", "2024-25") == (1, 3, 33.3)
    assert a.children("cp_open_2y_plus_pct", "2024-25")["numerator"] == ["A"]


def test_reviews_on_time(authority):
    a = authority
    for child in "ABCDE":
        a.child(child)
    # A: first review within 3 months, each later within 6 months of the last, none overdue
    plan = a.cp_plan("A", "2024-01-01")
    for day in ["2024-03-28", "2024-09-20", "2025-03-15"]:
        a.cp_review("A", day, plan=plan)
    # B: first review after 3 months (due by 1 April 2024)
    plan = a.cp_plan("B", "2024-01-01")
    for day in ["2024-04-02", "2024-09-20", "2025-03-15"]:
        a.cp_review("B", day, plan=plan)
    # C: reviews on time but the next, due 20 March 2025, not yet held; not linked by plan ID
    a.cp_plan("C", "2024-01-01")
    for day in ["2024-03-28", "2024-09-20"]:
        a.cp_review("C", day)
    # D: the plan is 3 months old on 31 March 2025 and its first review is due that day
    a.cp_plan("D", "2024-12-31")
    # E: plan under 3 months: not yet due a review, so not counted
    a.cp_plan("E", "2025-01-01")
    assert a.figure("cp_reviews_on_time_pct", "2024-25") == (2, 4, 50.0)
    assert a.children("cp_reviews_on_time_pct", "2024-25") == {
        "numerator": ["A", "D"], "denominator": ["A", "B", "C", "D"]}


def test_reviews_are_judged_on_those_held_in_the_period(authority):
    # LAIT 19 (NI 67, child protection cases reviewed within required timescales): of children on
    # a plan at 31 March for at least 3 months, those whose reviews in the year were on time: the
    # first within 3 months of the plan starting, then within 6 months of the one before. A late
    # review in an earlier year does not fail the child this year.
    a = authority
    a.child("A")
    plan = a.cp_plan("A", "2023-01-10")
    for day in ["2023-04-20", "2023-10-15", "2024-04-10", "2024-10-01", "2025-03-20"]:  # the first late
        a.cp_review("A", day, plan=plan)
    assert a.figure("cp_reviews_on_time_pct", "2022-23") == (0, 0, None)  # not yet on a plan for 3 months
    assert a.figure("cp_reviews_on_time_pct", "2023-24") == (0, 1, 0.0)  # held late on 20 April 2023
    assert a.figure("cp_reviews_on_time_pct", "2024-25") == (1, 1, 100.0)


def test_reviews_of_plans_begun_before_the_first_loaded_census(authority):
    # CIN censuses loaded from 2021-22: the store holds reviews from 1 April 2021. B's plan began in
    # 2020, so its first review in the store cannot be judged; C's plan began in 2020 and the store
    # holds no review of it: overdue from 2 October 2021, 6 months after the records begin.
    a = authority
    for child in "BC":
        a.child(child)
    plan = a.cp_plan("B", "2020-11-02")
    for day in ["2021-05-05", "2021-10-30"]:
        a.cp_review("B", day, plan=plan)
    a.cp_plan("C", "2020-11-02")
    a.loaded("cin_census", 2022)
    result = a.result("cp_reviews_on_time_pct", "2021-22:Q1")
    assert (result.numerator, result.denominator) == (2, 2)
    assert result.history == ("history incomplete: the records of 2 children go back before the store's; this "
                              "authority's records of children in need begin on 1 April 2021")
    result = a.result("cp_reviews_on_time_pct", "2021-22:Q3")
    assert (result.numerator, result.denominator) == (1, 2)  # B's review of 30 October is judged; C is overdue
    assert result.history is None
    assert a.children("cp_reviews_on_time_pct", "2021-22:Q3")["numerator"] == ["B"]


def test_visited_in_the_last_10_working_days_over_christmas(authority):
    a = authority
    for child in "ABCDE":
        a.child(child)
    for child in "ABCD":
        a.cp_plan(child, "2024-11-01")
    # snapshot 31 December 2024: 25, 26 December and weekends are not working days
    a.cp_visit("A", "2024-12-16")  # 9 working days before
    a.cp_visit("B", "2024-12-13")  # 10
    a.cp_visit("C", "2024-12-12")  # 11
    a.cp_visit("D", "2024-12-30", seen="N")  # child not seen: not a visit
    a.cp_plan("E", "2024-12-20")  # plan 6 working days old: no visit due yet
    assert a.figure("cp_visited_10wd_pct", "2024-25:Q3") == (2, 4, 50.0)


def test_visits_unavailable_where_none_are_recorded(authority):
    a = authority
    a.child("A")
    a.cp_plan("A", "2024-11-01")
    result = a.result("cp_visited_10wd_pct", "2024-25:Q3")
    assert (result.numerator, result.value) == (None, None)
    assert result.reason == "not recorded: this authority has no ssd_cp_visits data"


def test_abuse_profile_uses_the_latest_category_of_open_plans(authority):
    a = authority
    for child in "ABC":
        a.child(child)
    a.cp_plan("A", "2024-06-01", category="NEG")
    a.cp_plan("B", "2024-06-01", category="PHY", latest="EMO")
    a.cp_plan("C", "2024-06-01", category="NEG")
    assert a.by("cp_plans", "2024-25", "category_of_abuse") == {"EMO": (1, None, 1), "NEG": (2, None, 2)}
