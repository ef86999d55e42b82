"""Looked-after children missing or away from placement, and return home interviews."""


def test_children_and_episodes_missing_or_away(authority):
    a = authority
    for child in "ABCDE":
        a.child(child)
        a.episode(child, "2023-06-01", ceased="2024-06-01" if child == "C" else "2025-06-01", reason="E4A")
    for day in ["2024-05-01", "2024-08-01", "2025-01-10"]:  # A went missing three times: one child
        a.missing("A", day, rhi_offered="Y", rhi_accepted="N")
    a.missing("A", "2024-09-01", type="A")
    a.missing("B", "2024-03-31", rhi_offered="Y", rhi_accepted="Y")  # the day before the year: out
    a.missing("B", "2025-03-31", rhi_offered="N")  # the year's last day: in
    a.missing("C", "2024-07-01")  # no longer looked after: out
    a.missing("D", "2024-10-01", type="A")
    a.missing("D", "2024-11-01", type="A")
    a.missing("E", "2023-06-01", rhi_offered="Y", rhi_accepted="Y")  # the day care began: looked after
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
    a.missing("A", "2024-05-01")  # as a 903 return gives it: no return home interview fields
    assert a.figure("cla_missing_episodes", "2024-25") == (1, None, 1)
    reason = "not recorded: this authority has no ssd_missing.miss_missing_rhi_offered data"
    assert a.result("cla_rhi_offered_pct", "2024-25").reason == reason
    assert a.result("cla_rhi_accepted_pct", "2024-25").reason == reason
