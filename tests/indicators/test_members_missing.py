"""Missing: the percentage of looked-after children who went missing (LAIT 161), every child
reported missing, and how long incidents lasted (issue 11)."""


def test_percentage_of_looked_after_children_who_went_missing(authority):
    a = authority
    for child in "ABCDEF":
        a.child(child)
    a.episode("A", "2023-01-01")
    a.episode("B", "2023-01-01", ceased="2024-04-01", reason="E4A")  # ceased on the year's first day: in
    a.episode("C", "2025-03-31")  # started on its last day: in
    a.episode("D", "2024-05-01", legal_status="V3")  # short breaks only: not looked after
    a.episode("E", "2023-01-01", ceased="2024-03-31", reason="E4A")  # ceased the day before: out
    a.episode("F", "2024-06-01")
    a.missing("A", "2024-03-30", end="2024-04-02")  # carried over from before 1 April: counts
    a.missing("B", "2024-06-01", end="2024-06-02")  # after care ended: not while looked after
    a.missing("C", "2025-03-31")  # the day care began, still missing at the year's end
    a.missing("F", "2024-07-01", type="A", end="2024-07-01")  # away without authorisation, not missing
    # LAIT 161: of children looked after during the year (A B C F; D has short breaks only, E
    # left before it), those missing while looked after: A (30 March to 2 April) and C = 2/4 = 50.0%
    assert a.figure("cla_missing_pct", "2024-25") == (2, 4, 50.0)
    assert a.children("cla_missing_pct", "2024-25") == {"numerator": ["A", "C"], "denominator": ["A", "B", "C", "F"]}
    # the quarter from 1 July: A's incident was over, C not yet in care; F looked after
    assert a.figure("cla_missing_pct", "2024-25:Q2") == (0, 2, 0.0)  # A and F


def test_every_child_reported_missing(authority):
    a = authority
    for child in "ABC":
        a.child(child)
    a.episode("A", "2023-01-01")
    a.missing("A", "2024-05-01", end="2024-05-02")
    a.missing("A", "2024-08-01", end="2024-08-01")
    a.missing("B", "2024-06-01", end="2024-06-03")  # never looked after: counted here
    a.missing("C", "2024-03-25", end="2024-04-01")  # open on 1 April: counted in the year
    a.missing("C", "2024-09-01", type="A", end="2024-09-01")  # away: not a missing incident
    assert a.figure("missing_children_all", "2024-25") == (3, None, 3)
    assert a.figure("missing_incidents_all", "2024-25") == (4, None, 4)
    assert a.figure("cla_missing_children", "2024-25")[0] == 1  # only A was looked after


def test_how_long_incidents_lasted(authority):
    a = authority
    a.child("A")
    a.missing_at("A", "2024-05-01 18:00", "2024-05-01 20:00")  # 2 hours
    a.missing_at("A", "2024-06-01 22:30", "2024-06-02 03:30")  # 5 hours, over midnight
    a.missing_at("A", "2024-07-01 08:00", "2024-07-02 14:00")  # 30 hours
    a.missing_at("A", "2024-08-01 09:00", None)  # still missing: no length yet
    # the median of 2, 5 and 30 hours: 5.0; 3 incidents have both times
    assert a.figure("missing_hours_median", "2024-25") == (5.0, 3, 5.0)
    a.missing_at("A", "2024-09-01 09:00", "2024-09-01 19:00")  # 10 hours: median of 2, 5, 10, 30 = 7.5
    assert a.figure("missing_hours_median", "2024-25") == (7.5, 4, 7.5)


def test_how_long_incidents_lasted_is_not_recorded_from_dates_alone(authority):
    a = authority
    a.child("A")
    a.missing("A", "2024-05-01", end="2024-05-02")  # as the 903 gives it: dates only
    assert a.result("missing_hours_median", "2024-25").reason == (
        "not recorded: this authority has no ssd_missing.miss_missing_episode_end_time data")
