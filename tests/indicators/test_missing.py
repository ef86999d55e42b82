"""Looked-after children missing or away from placement, and return home interviews."""


def test_children_and_episodes_missing_or_away(authority):
    a = authority
    for child in "ABCDE":
        a.child(child)
        a.episode(child, "2023-06-01", ceased="2024-06-01" if child == "C" else "2025-06-01", reason="E4A")
    for day in ["2024-05-01", "2024-08-01", "2025-01-10"]:  # A went missing three times: one child
        a.missing("A", day, end=day, rhi_offered="Y", rhi_accepted="N")
    a.missing("A", "2024-09-01", end="2024-09-02", type="A")
    a.missing("B", "2024-03-30", end="2024-03-31", rhi_offered="Y", rhi_accepted="Y")  # over before the year: out
    a.missing("B", "2025-03-31", end="2025-04-01", rhi_offered="N")  # the year's last day: in
    a.missing("C", "2024-07-01", end="2024-07-01")  # no longer looked after: out
    a.missing("D", "2024-10-01", end="2024-10-01", type="A")
    a.missing("D", "2024-11-01", end="2024-11-02", type="A")
    a.missing("E", "2023-06-01", end="2023-06-01", rhi_offered="Y", rhi_accepted="Y")  # the day care began: looked after
    a.child("F")  # on a series of short breaks (V3): not looked after, so not counted (LAIT 161)
    a.episode("F", "2024-04-05", ceased="2024-04-07", reason="E4A", legal_status="V3")
    a.missing("F", "2024-04-06", end="2024-04-06")
    assert a.figure("cla_missing_children", "2024-25") == (2, None, 2)
    assert a.children("cla_missing_children", "2024-25")["numerator"] == ["A", "B"]
    assert a.figure("cla_missing_episodes", "2024-25") == (4, None, 4)
    assert a.figure("cla_away_children", "2024-25") == (2, None, 2)
    assert a.figure("cla_away_episodes", "2024-25") == (3, None, 3)
    assert a.figure("cla_missing_children", "2023-24") == (2, None, 2)  # B and E
    assert a.figure("cla_rhi_offered_pct", "2024-25") == (3, 4, 75.0)
    assert a.figure("cla_rhi_accepted_pct", "2024-25") == (0, 3, 0.0)
    assert a.figure("cla_rhi_accepted_pct", "2023-24") == (2, 2, 100.0)


def test_return_home_interviews_only_where_recorded(authority):
    a = authority
    a.child("A")
    a.episode("A", "2023-06-01")
    a.missing("A", "2024-05-01", end="2024-05-02")  # as a 903 return gives it: no return home interview fields
    assert a.figure("cla_missing_episodes", "2024-25") == (1, None, 1)
    reason = "not recorded: this authority has no ssd_missing.miss_missing_rhi_offered data"
    assert a.result("cla_rhi_offered_pct", "2024-25").reason == reason
    assert a.result("cla_rhi_accepted_pct", "2024-25").reason == reason


def test_episodes_open_on_the_first_day_count_as_well_as_those_starting(authority):
    # LAIT 161 (% children looked after who were missing / away), Methodology: "Includes children
    # who were missing or away from placement without authorisation at 1 April ... carried over
    # from previous years". A child missing from 30 March to 2 April 2024 is one of 2023-24's
    # missing children and episodes, and one of 2024-25's; an episode over by 31 March is not
    # carried over, and one ending on 1 April was open on it. Quarters and months alike.
    a = authority
    for child in "ABCDE":
        a.child(child)
        a.episode(child, "2023-06-01")
    a.missing("A", "2024-03-30", end="2024-04-02")  # open on 1 April: in both years
    a.missing("B", "2024-03-30", end="2024-03-31")  # over by 31 March: 2023-24 only
    a.missing("C", "2024-03-31", end="2024-04-01", type="A")  # ends on 1 April: open on it
    a.missing("D", "2024-06-28", end="2024-07-03")  # Q1 into Q2, June into July
    a.missing("E", "2025-03-01")  # no end date: still missing, in every later period
    for year, children, away in [("2023-24", 2, 1), ("2024-25", 3, 1), ("2025-26", 1, 0)]:
        assert a.figure("cla_missing_children", year) == (children, None, children)
        assert a.figure("cla_missing_episodes", year) == (children, None, children)
        assert a.figure("cla_away_children", year) == (away, None, away)
        assert a.figure("cla_away_episodes", year) == (away, None, away)
    assert a.children("cla_missing_children", "2024-25")["numerator"] == ["A", "D", "E"]
    assert a.children("cla_away_children", "2024-25")["numerator"] == ["C"]
    assert a.children("cla_missing_children", "2024-04")["numerator"] == ["A"]
    assert a.children("cla_missing_children", "2024-25:Q1")["numerator"] == ["A", "D"]
    assert a.children("cla_missing_children", "2024-25:Q2")["numerator"] == ["D"]
    assert a.children("cla_missing_children", "2024-07")["numerator"] == ["D"]
    assert a.figure("cla_away_children", "2024-04") == (1, None, 1)


def test_an_episode_with_no_end_date_is_open_until_care_ends(authority):
    a = authority
    a.child("A")
    a.episode("A", "2023-06-01", ceased="2024-05-10", reason="E8")
    a.missing("A", "2024-03-20")  # never recorded as back: open until care ended on 10 May 2024
    assert a.figure("cla_missing_children", "2024-25:Q1") == (1, None, 1)
    assert a.figure("cla_missing_children", "2024-25:Q2") == (0, None, 0)


def test_children_missing_or_away_as_a_percentage_of_those_looked_after_during_the_year(authority):
    # LAIT 161 (Children_missing, Children_Away): of children looked after during the year (short
    # breaks left out), those with a missing (away) incident, those carried over from 1 April too.
    # 2024-25: A, B, D and F were looked after during it (B until 1 April, D from 31 March); C left
    # on 31 March 2024; E was on short breaks. A went missing (carried over from 30 March), D was
    # away; F's missing episode began after F left care. Missing 1 of 4 = 25.0%, away 1 of 4.
    # 2023-24: A, B and C; A went missing on 30 March: 1 of 3 = 33.3%.
    a = authority
    for child in "ABCDEF":
        a.child(child)
    a.episode("A", "2023-06-01")
    a.missing("A", "2024-03-30", end="2024-04-02")
    a.episode("B", "2023-06-01", ceased="2024-04-01", reason="E4A")
    a.episode("C", "2023-06-01", ceased="2024-03-31", reason="E4A")
    a.episode("D", "2025-03-31")
    a.missing("D", "2025-03-31", end="2025-04-01", type="A")
    a.episode("E", "2024-05-01", ceased="2024-05-03", reason="E4A", legal_status="V3")
    a.missing("E", "2024-05-02", end="2024-05-02")
    a.episode("F", "2024-05-01", ceased="2024-06-01", reason="E4A")
    a.missing("F", "2024-07-01", end="2024-07-01")
    assert a.figure("cla_missing_pct", "2024-25") == (1, 4, 25.0)
    assert a.children("cla_missing_pct", "2024-25") == {"numerator": ["A"], "denominator": ["A", "B", "D", "F"]}
    assert a.figure("cla_away_pct", "2024-25") == (1, 4, 25.0)
    assert a.children("cla_away_pct", "2024-25")["numerator"] == ["D"]
    assert a.figure("cla_missing_pct", "2023-24") == (1, 3, 33.3)
    assert a.figure("cla_missing_pct", "2024-25:Q2") == (0, 1, 0.0)  # only A looked after from July
