"""The scorecard's month-by-month split (issue 11): children looked after by UASC for each of the
12 months to the period's end, each month's groups suppressed for members as a breakdown is, and
drawn as one line per group with its data table."""

from cscperf.compare import scorecard
from cscperf.outputs.report.charts import split_chart
from tests.indicators.conftest import authority  # noqa: F401 - a fixture


def _authority(a):
    for n in range(12):
        a.child(f"C{n}")
        a.episode(f"C{n}", "2024-01-01")
    a.child("U")
    a.uasc("U", start="2025-02-10")
    a.episode("U", "2025-02-10")  # arrives in February 2025
    a.save()


def test_children_looked_after_month_by_month_by_uasc(authority):
    a = authority
    _authority(a)
    card = scorecard.build(a.con, "2024-25:Q4", "883", internal=True).card("cla")
    split = card.split
    assert split.breakdown == "uasc" and len(split.months) == 12
    by_month = {m.total.period: {g.group: g.value for g in m.groups} for m in split.months}
    assert by_month["2025-01"] == {"Not UASC": 12}
    assert by_month["2025-03"] == {"Not UASC": 12, "UASC": 1}
    chart = split_chart(card, split)
    assert chart.columns == ("Month", "Not UASC", "UASC", "Total")
    assert chart.rows[-1] == ("Mar 2025", "12", "1", "13") and chart.rows[-3] == ("Jan 2025", "12", "-", "12")


def test_members_see_each_months_groups_suppressed(authority):
    a = authority
    _authority(a)
    split = scorecard.build(a.con, "2024-25:Q4", "883").card("cla").split
    march = split.months[-1]
    # 1 UASC child is withheld, and so is the other group, or 13 - 12 would give it back
    assert [g.value for g in march.groups] == [None, None] and march.total.value == 13
