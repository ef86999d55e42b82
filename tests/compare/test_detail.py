"""An indicator in depth: its series by month, quarter and year, every breakdown, and every
authority's published figure; suppressed exactly as the scorecard is."""

from __future__ import annotations

from cscperf import store
from cscperf.compare import detail
from cscperf.outputs.report import charts
from tests.outputs.report.conftest import LA


def test_the_periods_of_each_series():
    class Card:  # only what `periods` reads
        current = type("F", (), {"period": "2024-25:Q4"})
        definition = type("D", (), {"min_months": None})
    found = {k: [str(p) for p in v] for k, v in detail.periods(Card).items()}
    assert found["months"][0] == "2023-04" and found["months"][-1] == "2025-03" and len(found["months"]) == 24
    assert found["quarters"][0] == "2022-23:Q1" and found["quarters"][-1] == "2024-25:Q4"
    assert found["years"] == ["2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]
    Card.definition.min_months = 12  # an indicator that needs 12 months: rolling months and quarters
    Card.current.period = "12m:2025-02"
    found = {k: [str(p) for p in v] for k, v in detail.periods(Card).items()}
    assert found["months"][-1] == "12m:2025-02" and found["quarters"][-1] == "12m:2024-12"
    assert found["years"][-1] == "2023-24"  # the last year ending by February 2025


def test_detail_is_suppressed_as_the_scorecard_is(report_db, member, internal):
    with store.connect(report_db) as con:
        shown = {kind: detail.build(con, card.card(id), LA, kind.startswith("internal"))
                 for id in ("cp_plans", "assessments_45wd_pct")
                 for kind, card in ((f"member {id}", member), (f"internal {id}", internal))}
    for kind, found in shown.items():
        assert found.quarters[-1] == found.card.current  # the same figure as the scorecard's
        assert [b.id for b in found.breakdowns] == [b for b in found.card.definition.breakdowns
                                                   if any(x.id == b for x in found.breakdowns)]
    plans = shown["internal cp_plans"]
    groups = {b.id: b.groups for b in plans.breakdowns}
    assert sum(g.numerator for g in groups["age_band"]) == plans.card.current.numerator
    assessments = shown["member assessments_45wd_pct"]
    withheld = [g for b in assessments.breakdowns for g in b.groups if g.suppressed]
    assert withheld and all(g.value is None for g in withheld)
    assert not any(g.suppressed for b in shown["internal assessments_45wd_pct"].breakdowns for g in b.groups)
    assert shown["member cp_plans"].authorities == ()  # a count is not compared with other areas


def test_every_authority_is_listed_lowest_first_with_the_authority_and_neighbours_marked(report_db, member):
    card = member.card("assessments_45wd_pct")
    with store.connect(report_db) as con:
        areas = detail.authorities(con, card, LA)
    values = [a.value for a in areas if a.value is not None]
    assert values == sorted(values) and len(areas) > 140
    assert [a.la for a in areas if a.marked == "This authority"] == [LA]
    assert {a.la for a in areas if a.marked == "Statistical neighbour"} == {n.la for n in card.published.neighbours}
    ranking = charts.ranking_chart(card, "Thurrock", areas)
    assert len(ranking.rows) == len(areas) and "ranked" in ranking.alt
    # the neighbours as a ranked dot plot, lowest first, England and their average as lines
    neighbours = charts.neighbours_chart(card, "Thurrock")
    shown = [n for n in card.published.neighbours if n.value is not None]
    assert len(neighbours.rows) == len(shown) + (card.published.authority is not None)
    ranked = [float(row[2].rstrip("%")) for row in neighbours.rows]
    assert ranked == sorted(ranked) and [row[0] for row in neighbours.rows] == [str(i + 1) for i in range(len(ranked))]
    assert "England" in neighbours.alt and "Similar councils (average)" in neighbours.alt
    assert charts.neighbours_chart(member.card("cp_plans"), "Thurrock") is None


def test_a_line_chart_can_add_the_regions_line(member):
    card = member.card("assessments_45wd_pct")
    region = f"{card.published.region_name} {card.published.year}"
    assert region not in charts.series_chart(card).alt
    line = charts.line_chart(card, card.trend, "month", "Months", "chart-x", region=True)
    assert region in line.alt and "by month" in line.alt and len(line.rows) == 12
    assert line.id == "chart-x"
