"""Workforce: caseloads and agency workers on the period's last day (31 March 2025 for 2024-25)."""


def test_caseloads_and_agency_workers_on_the_snapshot_day(authority):
    a = authority
    a.professional("W1", agency="Y", team="North")
    a.professional("W2", agency="N", team="North")
    a.professional("W3", team="South")  # agency status not recorded
    a.professional("W4", agency="Y", team="South")  # no cases on the day
    a.involvement("A", "W1", "2024-01-01")
    a.involvement("A", "W1", "2024-02-01")  # the same child twice: one case
    a.involvement("B", "W1", "2024-06-01", end="2025-03-31")  # ends on the day: no longer a case
    a.involvement("C", "W1", "2025-03-31")  # starts on the day
    for child in "DEFG":
        a.involvement(child, "W2", "2024-01-01", end="2025-04-01")
    a.involvement("H", "W3", "2023-05-01")
    a.involvement("J", "W4", "2024-01-01", end="2024-12-01")
    # W1 2 (A, C), W2 4, W3 1: 7 cases, 3 case holders
    assert a.figure("workforce_avg_caseload", "2024-25") == (7, 3, 2.3)
    assert a.by("workforce_avg_caseload", "2024-25", "team") == {"North": (6, 2, 3.0), "South": (1, 1, 1.0)}
    # W1 of W1 and W2 (W3's status is not recorded)
    assert a.figure("workforce_agency_pct", "2024-25") == (1, 2, 50.0)
    assert a.children("workforce_agency_pct", "2024-25") == {"numerator": ["W1"], "denominator": ["W1", "W2"]}
    # 31 December 2024: W1 A and B, W2 4, W3 1; W4's case ended on 1 December
    assert a.figure("workforce_avg_caseload", "2024-25:Q3") == (7, 3, 2.3)


def test_unavailable_where_not_recorded(authority):
    a = authority
    a.child("A")
    result = a.result("workforce_avg_caseload", "2024-25")
    assert (result.value, result.reason) == (None, "not recorded: this authority has no ssd_involvements data")
    a.involvement("A", "W1", "2024-01-01")  # from a 903 return: no agency status
    assert a.figure("workforce_avg_caseload", "2024-25") == (1, 1, 1.0)
    assert a.result("workforce_agency_pct", "2024-25").reason == (
        "not recorded: this authority has no ssd_professionals.prof_agency_worker_flag data")
