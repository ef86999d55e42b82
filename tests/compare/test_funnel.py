"""The funnel plot: every authority's published rate against its child population, with England's
rate and the limits of chance (Byar's method, as Fingertips draws them)."""

from cscperf import store
from cscperf.compare import funnel
from cscperf.compare.uncertainty import Z95, Z998, funnel_limits
from cscperf.outputs.report import charts
from tests.outputs.report.conftest import LA


def test_every_authority_by_its_number_of_children(report_db, member):
    card = member.card("cla_rate_per_10k")
    with store.connect(report_db, read_only=True) as con:
        found = funnel.build(con, card, LA)
        assert funnel.build(con, member.card("assessments_45wd_pct"), LA) is None  # rates only
    assert found.year == card.published.year and found.england == card.published.england
    assert len(found.points) > 140 and [p.la for p in found.points if p.marked == "This authority"] == [LA]
    sizes = [p.population for p in found.points]
    assert sizes == sorted(sizes)
    # each authority is judged against the limits for its own size: worked here from the formulas
    for point in found.points:
        outer = funnel_limits(found.england, point.population, "rate_per_10k", Z998)
        inner = funnel_limits(found.england, point.population, "rate_per_10k", Z95)
        expected = (funnel.BEYOND_998 if not outer[0] <= point.value <= outer[1] else
                    funnel.WITHIN if inner[0] <= point.value <= inner[1] else funnel.BEYOND_95)
        assert point.beyond == expected
    # the funnel narrows as authorities grow, around England's rate
    (small, *first), (large, *last) = found.limits[0], found.limits[-1]
    assert small < large and first[2] < last[2] < found.england < last[3] < first[3]
    chart = charts.funnel_chart(card, found, "Thurrock")
    assert "Funnel plot" in chart.alt and len(chart.rows) == len(found.points)
