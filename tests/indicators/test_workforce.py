"""Workforce: caseloads on the period's last day (31 March 2025 for 2024-25)."""

from cscperf.compare import scorecard
from cscperf.indicators import registry


def test_caseloads_per_full_time_equivalent_on_the_snapshot_day(authority):
    # LAIT 287: "the total number of cases held by each children and family social worker ...
    # divided by the number of FTE children and family social workers ... who held one or more
    # cases". W1 holds 2 cases (A, C) at 0.5 FTE, W2 4 at 1.0, W3 1 with no FTE recorded (a head):
    # 7 cases over 2.5 FTE is 2.8.
    a = authority
    a.professional("W1", team="North", fte=0.5)
    a.professional("W2", team="North", fte=1.0)
    a.professional("W3", team="South")  # FTE not recorded
    a.professional("W4", team="South", fte=1.0)  # no cases on the day
    a.involvement("A", "W1", "2024-01-01")
    a.involvement("A", "W1", "2024-02-01")  # the same child twice: one case
    a.involvement("B", "W1", "2024-06-01", end="2025-03-31")  # ends on the day: no longer a case
    a.involvement("C", "W1", "2025-03-31")  # starts on the day
    for child in "DEFG":
        a.involvement(child, "W2", "2024-01-01", end="2025-04-01")
    a.involvement("H", "W3", "2023-05-01")
    a.involvement("J", "W4", "2024-01-01", end="2024-12-01")
    assert a.figure("workforce_avg_caseload", "2024-25") == (7, 2.5, 2.8)
    assert a.by("workforce_avg_caseload", "2024-25", "team") == {"North": (6, 1.5, 4.0), "South": (1, 1, 1.0)}
    # 31 December 2024: W1 A and B, W2 4, W3 1; W4's case ended on 1 December
    assert a.figure("workforce_avg_caseload", "2024-25:Q3") == (7, 2.5, 2.8)


def test_unavailable_where_not_recorded(authority):
    a = authority
    a.child("A")
    result = a.result("workforce_avg_caseload", "2024-25")
    assert (result.value, result.reason) == (None, "not recorded: this authority has no ssd_involvements data")
    a.involvement("A", "W1", "2024-01-01")  # from a 903 return: no FTE recorded
    assert a.figure("workforce_avg_caseload", "2024-25") == (1, 1, 1.0)


def test_caseloads_from_903_returns_are_not_compared_with_the_dfes(authority):
    # The DfE's caseload counts every case; a 903 return's social workers are looked-after
    # children's only, so a caseload from them is not set beside the published figure.
    a = authority
    a.involvement("A", "W1", "2024-01-01")
    a.loaded("ssda903", 2025)
    a.save()
    apart = scorecard.not_compared(a.con, registry.default(), a.la)
    assert apart["workforce_avg_caseload"].startswith("Not compared with the DfE's figure: the DfE counts every case")
    a.involvement("B", "W1", "2024-01-01")
    a.loaded("ssd")
    a.save()
    assert "workforce_avg_caseload" not in scorecard.not_compared(a.con, registry.default(), a.la)
