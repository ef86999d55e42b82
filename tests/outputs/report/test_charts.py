"""Charts that read at a glance: one dash pattern per meaning, no chart of nothing or of one bar,
hidden groups named, no published line over a count."""

from dataclasses import replace

from cscperf.compare.figure import Figure
from cscperf.compare.published import Published
from cscperf.compare.scorecard import Card, Definition
from cscperf.outputs.report.charts import DASHES, breakdown_chart, series_chart


def definition(unit="percent", polarity="higher_better"):
    return Definition("assessments_45wd_pct", "Assessments completed within 45 working days", "assessment",
                      "Assessment", "-", "-", "-" if unit != "count" else None, "-", unit, polarity, "in_period",
                      1 if unit != "count" else 0, breakdowns=("referral_source",))


def group(code, value):
    suppressed = ("value", "numerator") if value is None else ()
    return Figure("2024-25:Q4", "Q4", "", "", value, value, suppressed=suppressed, group=code)


def card(unit="percent", target=None, published=None):
    series = tuple(Figure(f"2024-25:Q{q}", "", "", "", 80.0, 8, 10) for q in range(1, 5))
    return Card(definition(unit), series[-1], series[-2], series[0], (), series, target=target, published=published)


def test_a_breakdown_of_nothing_or_one_bar_is_said_not_drawn():
    every_hidden = breakdown_chart(card(), "referral_source", (group("6", None), group("2A", None)))
    assert every_hidden.spec is None
    assert every_hidden.note == ("Not drawn: every group is too small to show. Not shown [c], to protect "
                                 "children's confidentiality: Police (6); Schools (2A).")
    one = breakdown_chart(card(), "referral_source", (group("6", 12.0), group("2A", None)))
    assert one.spec is None and "only one group has a figure shown (Police (6): 12.0%)" in one.note
    assert len(one.rows) == 2  # the data table still lists every group


def test_hidden_groups_are_named_under_a_chart():
    drawn = breakdown_chart(card(), "referral_source", (group("6", 12.0), group("2A", 30.0), group("4", None)))
    assert drawn.spec is not None and drawn.note.endswith("Housing (4).")


def test_one_dash_pattern_means_one_thing_in_every_chart():
    published = Published("x", year=2025, england=85.7, neighbour_mean=84.9)
    for chart in (series_chart(card(target=85, published=published)), series_chart(card(published=published))):
        [rule] = [layer for layer in chart.spec["layer"] if layer.get("mark", {}).get("type") == "rule"]
        scale = rule["encoding"]["strokeDash"]["scale"]
        kinds = ["target", "neighbours", "england"] if len(scale["domain"]) == 3 else ["neighbours", "england"]
        assert scale["range"] == [DASHES[k] for k in kinds]
        assert [d.split(" ")[0] for d in scale["domain"]] == [{"target": "Target:", "neighbours": "Similar",
                                                               "england": "England"}[k] for k in kinds]


def test_a_count_is_drawn_with_no_published_line():
    published = Published("x", year=2025, england=632830.0, neighbour_mean=4289.0)
    chart = series_chart(replace(card("count", published=published)))
    assert not [layer for layer in chart.spec["layer"] if layer.get("mark", {}).get("type") == "rule"]
    assert "England" not in chart.alt
