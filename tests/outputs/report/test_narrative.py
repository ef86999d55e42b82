"""The narrative: a committee report's sentences, with the computed numbers and nothing else."""

import re

from cscperf import store
from cscperf.compare.direction import direction
from cscperf.compare.figure import Figure
from cscperf.compare.published import Published
from cscperf.compare.scorecard import Card, Definition, against
from cscperf.indicators import engine
from cscperf.outputs.report import narrative
from tests.outputs.report.conftest import LA, PERIOD


def definition(id, title, unit="count", grain="snapshot", polarity="neutral", decimals=0):
    return Definition(id, title, "looked_after", "Children looked after", "-", "-",
                      None if unit == "count" else "-", "-", unit, polarity, grain, decimals)


def card(d, now, before, year_ago, published=None, **parts):
    def fig(period, value):
        return Figure(period, period, "", "", value, value if d.unit == "count" else parts.get("numerator"),
                      parts.get("denominator"))
    current, previous, last_year = fig("2024-25:Q4", now), fig("2024-25:Q3", before), fig("2023-24:Q4", year_ago)
    return Card(d, current, previous, last_year, (), (),
                since_previous=direction(now, before, d.polarity, d.unit, d.decimals, "2024-25:Q3"),
                since_last_year=direction(now, year_ago, d.polarity, d.unit, d.decimals, "2023-24:Q4"),
                published=published, against_england=against(d, current, published, "england"),
                against_neighbours=against(d, current, published, "neighbour_mean"))


def test_the_committee_example():
    cla = card(definition("cla", "Children looked after"), 298, 287, 293)
    assert narrative.sentence(cla) == (
        "There were 298 children looked after at the end of Quarter 4 2024-25, up from 287 at the end "
        "of Quarter 3 2024-25 (3.8%) and 1.7% higher than a year earlier.")
    rate = card(definition("cla_rate_per_10k", "Children looked after per 10,000 children", "rate_per_10k", decimals=1),
                67.5, 66.0, 67.5, Published("cla_rate_per_10k", year=2024, neighbour_mean=71.2, england=70.0))
    assert narrative.sentence(rate) == (
        "Children looked after per 10,000 children was 67.5 at the end of Quarter 4 2024-25, up from 66.0 "
        "at the end of Quarter 3 2024-25 (2.3%) and the same as a year earlier. It is below the "
        "statistical-neighbour average of 71.2 and below England's 70.0 (2024).")


def test_published_figures_are_compared_at_their_published_precision():
    # The DfE publishes children looked after percentages as whole numbers: 66.6% would be printed
    # as 67%, so it is the same as England's 67%, not below it; 66.4% is below. Neighbours' mean
    # (66.55) is compared at the same precision.
    d = definition("cla_long_term_stability_pct", "Children in a long-term stable placement", "percent",
                   polarity="higher_better", decimals=1)
    published = Published(d.id, year=2025, neighbour_mean=66.55, england=67.0, decimals=0)
    same = card(d, 66.6, 66.0, 66.0, published, numerator=666, denominator=1000)
    assert (same.against_england, same.against_neighbours) == ("the same as", "the same as")
    assert narrative.sentence(same).endswith(
        "It is the same as the statistical-neighbour average of 67% and the same as England's 67% (2025).")
    below = card(d, 66.4, 66.0, 66.0, published, numerator=664, denominator=1000)
    assert (below.against_england, below.against_neighbours) == ("below", "below")


def test_percentages_move_in_points_and_say_the_target():
    d = definition("assessments_45wd_pct", "Assessments completed within 45 working days", "percent",
                   "in_period", "higher_better", 1)
    done = card(d, 80.0, 75.0, 82.5, numerator=16, denominator=20)
    done = Card(**{**done.__dict__, "target": 85, "rag": "amber"})
    assert narrative.sentence(done) == (
        "Assessments completed within 45 working days was 80.0% in Quarter 4 2024-25 (16 of 20), up from "
        "75.0% in Quarter 3 2024-25 (5.0 percentage points) and 2.5 percentage points lower than a year "
        "earlier. It is close to the target of 85.0%, within the agreed tolerance.")


def test_children_and_episodes_are_said_separately():
    children = card(definition("cla_missing_children", "Children who went missing", grain="in_period"), 14, 12, 10)
    episodes = card(definition("cla_missing_episodes", "Missing episodes", grain="in_period"), 37, 30, 41)
    [said] = narrative.paragraphs([children, episodes])
    assert said == ("There were 14 children who went missing in Quarter 4 2024-25, up from 12 in Quarter 3 "
                    "2024-25 (16.7%) and 40.0% higher than a year earlier. Between them there were 37 episodes "
                    "(missing episodes), up from 30 in Quarter 3 2024-25 (23.3%).")


def test_withheld_and_missing_figures_are_said_so():
    d = definition("cla_started_under1", "Children under 1 starting care", grain="in_period")
    withheld = Card(d, Figure("2024-25:Q4", "", "", "", None, suppressed=("value", "numerator")),
                    *[Figure("x", "", "", "", None)] * 2, (), ())
    assert narrative.sentence(withheld) == (
        "Children under 1 starting care in Quarter 4 2024-25: not shown because the numbers are small [c].")


NUMBER = r"[\d,]+(?:\.\d)?"


def test_the_numbers_are_the_computed_ones(report_db, internal):
    with store.connect(report_db) as con:
        computed = {(r.id, r.period): r for r in engine.compute(
            con, None, [PERIOD, "2024-25:Q3", "2023-24:Q4"], LA)}
    checked = 0
    for card in internal.cards:
        d = card.definition
        now, before = computed[(d.id, PERIOD)], computed[(d.id, "2024-25:Q3")]
        if now.value is None or d.min_months:
            continue
        said = narrative.sentence(card)
        numbers = re.findall(NUMBER, said.split(" was ")[-1] if d.unit != "count" else said)
        assert f"{now.value:,}" == numbers[0] or f"{float(now.value):,.{d.decimals}f}" in said, said
        if d.unit == "percent" and not d.published_only:
            assert f"({now.numerator:,} of {now.denominator:,})" in said, said
        if before.value is not None and before.value != now.value:
            assert f"from {float(before.value):,.{d.decimals}f}" in said, said
        checked += 1
    assert checked >= 10


def test_member_narrative_never_says_a_withheld_number(member):
    for card in member.cards:
        said = narrative.sentence(card)
        if card.current.withheld("value"):
            assert "[c]" in said and not re.search(r"\d+ of \d+", said)


def test_counts_are_not_compared_with_other_areas():
    # England's 632,830 referrals say nothing about one authority's quarter
    referrals = card(definition("referrals", "Referrals", grain="in_period"), 15, 24, 29,
                     Published("referrals", year=2025, neighbour_mean=4289, england=632830))
    assert "England" not in narrative.sentence(referrals) and "neighbour" not in narrative.sentence(referrals)
