"""Assessments: completed, within 45 working days, and average working days."""


def test_assessments_completed_are_counted_by_authorisation_date(authority):
    a = authority
    a.child("A")
    a.assessment("A", "2024-03-01", "2024-03-31")  # authorised the day before
    a.assessment("A", "2024-03-20", "2024-04-01")  # started last year, authorised in this one
    a.assessment("A", "2025-03-03", "2025-03-31")
    a.assessment("A", "2025-03-20", "2025-04-01")  # authorised the day after
    assert a.figure("assessments_completed", "2024-25") == (2, None, 2)


def test_45_working_days_counts_christmas_and_new_year_as_non_working(authority):
    a = authority
    for child in "ABCD":
        a.child(child)
    # From Monday 2 December 2024: 19 working days to the end of December (25, 26 December off),
    # 22 in January (1 January off), so the 45th is Thursday 6 February 2025.
    a.assessment("A", "2024-12-02", "2025-02-06")  # 45: within
    a.assessment("B", "2024-12-02", "2025-02-07")  # 46: not
    a.assessment("C", "2025-02-03", "2025-02-10")  # 5 working days
    a.assessment("D", None, "2025-02-10")  # no start date: counted, not within
    assert a.figure("assessments_45wd_pct", "2024-25:Q4") == (2, 4, 50.0)
    assert a.children("assessments_45wd_pct", "2024-25:Q4") == {
        "numerator": ["A", "C"], "denominator": ["A", "B", "C", "D"]}
    # the average leaves out the assessment with no start date: (45 + 46 + 5) / 3 = 32
    assert a.figure("assessment_avg_working_days", "2024-25:Q4") == (96, 3, 32.0)


def test_average_working_days_rounds_half_up(authority):
    a = authority
    a.child("A")
    a.assessment("A", "2025-03-03", "2025-03-04")  # 1
    a.assessment("A", "2025-03-05", "2025-03-07")  # 2
    a.assessment("A", "2025-03-10", "2025-03-11")  # 1
    a.assessment("A", "2025-03-12", "2025-03-13")  # 1: 5 / 4 = 1.25 -> 1.3
    assert a.figure("assessment_avg_working_days", "2025-03") == (5, 4, 1.3)


def test_assessments_by_team(authority):
    a = authority
    a.child("A")
    a.assessment("A", "2025-03-03", "2025-03-04", team="North")
    a.assessment("A", "2025-03-05", "2025-03-07", team=None)
    assert a.by("assessments_completed", "2025-03", "team") == {"North": (1, None, 1), "Not recorded": (1, None, 1)}
