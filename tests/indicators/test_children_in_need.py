"""Children in need on the snapshot day, and child in need plans."""


def test_children_in_need_on_the_snapshot_day(authority):
    a = authority
    for child in "ABCDEFG":
        a.child(child)
    a.referral("A", "2024-05-01")  # open
    a.referral("B", "2024-05-01", closed="2025-03-31")  # closed on the snapshot day: out
    a.referral("C", "2024-05-01", closed="2025-04-01")  # closed the day after: in
    a.referral("D", "2025-03-31", nfa="Y")  # no further action: out
    a.referral("E", "2025-04-01")  # referred after: out
    a.referral("F", "2020-01-10")  # several open episodes, one from an earlier year: counted once
    a.referral("F", "2024-09-01")
    a.referral("G", "2025-03-31")  # referred on the snapshot day: in
    a.population(2024, 25_000)
    assert a.figure("cin", "2024-25") == (4, None, 4)
    assert a.children("cin", "2024-25")["numerator"] == ["A", "C", "F", "G"]
    assert a.figure("cin_rate_per_10k", "2024-25") == (4, 25_000, 1.6)
    assert a.figure("cin", "2024-25:Q1") == (4, None, 4)  # A, B, C and F on 30 June 2024


def test_children_in_need_by_category_of_need_of_their_latest_episode(authority):
    a = authority
    a.child("A")
    a.child("B")
    a.referral("A", "2020-01-10", need="N4")
    a.referral("A", "2024-09-01", need="N1")
    a.referral("B", "2024-09-01", need="N4")
    assert a.by("cin", "2024-25", "category_of_need") == {"N1": (1, None, 1), "N4": (1, None, 1)}


def test_children_on_a_cin_plan(authority):
    a = authority
    for child in "ABC":
        a.child(child)
    a.cin_plan("A", "2025-01-01")
    a.cin_plan("A", "2025-02-01")  # a second plan: counted once
    a.cin_plan("B", "2024-06-01", end="2025-03-31")
    a.cin_plan("C", "2024-06-01", end="2025-04-30")
    assert a.figure("cin_plans", "2024-25") == (2, None, 2)
    assert a.figure("cin_plans", "2025-04") == (1, None, 1)
