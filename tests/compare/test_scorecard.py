"""The scorecard for a small authority: the engine's figures, suppressed once for members and
not when internal, with targets, direction, commentary and published benchmarks; a JSON contract
with help text for every field."""

import json

import pytest

from cscperf import store
from cscperf.compare import scorecard
from cscperf.compare.direction import direction
from cscperf.compare.suppression import count_parts
from cscperf.indicators import engine
from tests.outputs.report.conftest import LA, PERIOD


def figures(card):
    yield from (card.current, card.previous, card.last_year, *card.trend, *card.series)
    for breakdown in card.breakdowns:
        yield from breakdown.groups


def test_the_contract_is_json_with_help_for_every_field(member):
    data = json.loads(json.dumps(member.to_dict()))
    assert data["period"] == PERIOD and data["cards"][0]["definition"]["id"]
    assert all(help for _, help in scorecard.fields_help()), [f for f, h in scorecard.fields_help() if not h]
    assert {"cards.current.numerator", "cards.published.neighbours", "cards.since_previous.judgement"} <= {
        f for f, _ in scorecard.fields_help()}


def test_internal_figures_are_the_engines(report_db, internal):
    with store.connect(report_db) as con:
        computed = {r.id: r for r in engine.compute(con, None, PERIOD, LA)}
    for card in internal.cards:
        result = computed[card.definition.id]
        if card.definition.min_months:
            continue
        assert (card.current.numerator, card.current.denominator) == (result.numerator, result.denominator)
        assert card.current.value == (None if result.value is None else float(result.value)
                                      if card.definition.unit != "count" else result.value)
        assert not card.current.suppressed


def test_members_never_see_a_small_count(member):
    threshold = member.suppress_below
    withheld = 0
    for card in member.cards:
        for figure in figures(card):
            for part in count_parts(card.definition.unit):
                value = getattr(figure, part)
                assert value is None or not 0 < value < threshold, (card.definition.id, figure)
            if figure.suppressed:
                withheld += 1
                # a percentage, rate or average whose count is withheld is withheld too
                assert figure.value is None
    assert withheld > 10  # the small authority has plenty of small numbers


def test_no_breakdown_group_can_be_found_by_subtraction(member):
    for card in member.cards:
        for breakdown in card.breakdowns:
            for part in count_parts(card.definition.unit):
                if not card.current.withheld(part):
                    assert sum(g.withheld(part) for g in breakdown.groups) != 1, (card.definition.id, breakdown.id)


def test_internal_is_unsuppressed_and_says_so(internal):
    assert internal.internal and "NOT suppressed" in internal.footnote
    assert not any(f.suppressed for card in internal.cards for f in figures(card))


def test_rag_and_direction_follow_the_shown_figures(member):
    rated = 0
    for card in member.cards:
        d = card.definition
        if card.current.note and card.current.note == card.previous.note:
            assert card.since_previous is None  # the same published year's figure: no travel
            continue
        assert card.since_previous == direction(card.current.value, card.previous.value, d.polarity, d.unit,
                                                d.decimals, card.previous.period)
        if card.target is not None:
            rated += card.rag is not None
            assert card.rag_label is None or card.rag in card.rag_label.lower()
    assert rated >= 2


def test_commentary_is_merged_and_never_invented(member):
    commented = member.card("rereferrals_12m_pct")
    assert commented.cause.startswith("Several families") and commented.action_owner == "Head of Early Help"
    for card in member.cards:
        if card.rag in ("red", "amber") and card.cause is None:
            assert card.commentary_note == "No commentary provided"
        if card.rag == "green" or card.rag is None:
            assert card.commentary_note is None


def test_published_benchmarks_keep_the_neighbour_values(member):
    card = member.card("cp_rate_per_10k")
    published = card.published
    assert published.year and published.england is not None and published.region_name
    assert len(published.neighbours) == 10 and published.neighbour_count <= 10
    shown = [n.value for n in published.neighbours if n.value is not None]
    assert published.neighbour_mean == pytest.approx(sum(shown) / len(shown), abs=0.01)
    assert member.benchmarks_note is None


def test_without_reference_data_benchmarks_say_how_to_get_them(con):
    from cscperf.indicators import calc
    from tests.indicators import random_authority
    from tests.indicators.authority import Authority

    calc.prepare(con)
    random_authority.build(Authority(con, LA), children=20)
    card = scorecard.build(con, PERIOD, LA)
    assert "cscperf reference import" in card.benchmarks_note
    assert all(c.published is None or "cscperf reference download" in c.published.unavailable for c in card.cards)


def test_a_figure_whose_history_is_incomplete_is_shown_but_not_scored(con):
    # The store's 903 returns begin with 2024-25; A entered care in 2023 and the first review the
    # store holds (May 2024) cannot be judged: 2024-25's reviews figure says so beside the figure,
    # is not rated against its target, not compared over time, and not in the summary.
    from cscperf.compare import targets
    from cscperf.indicators import calc
    from cscperf.outputs.report import context, narrative
    from tests.indicators.authority import Authority

    calc.prepare(con)
    a = Authority(con)
    a.child("A")
    a.episode("A", "2023-09-01")
    for day in ["2024-05-01", "2024-10-20"]:
        a.cla_review("A", day)
    a.loaded("ssda903", 2025)
    a.save()
    goal = targets.Targets(None, {"cla_reviews_on_time_pct": targets.Target(target=90)}, {})
    card = scorecard.build(con, "2024-25", a.la, targets=goal, internal=True).card("cla_reviews_on_time_pct")
    assert (card.current.value, card.current.history) == (100.0, (
        "history incomplete: the records of 1 child go back before the store's; this authority's records of "
        "looked-after children begin on 1 April 2024"))
    assert (card.rag, card.since_previous, card.since_last_year) == (None, None, None)
    row = context.row(card)
    assert (row.value, row.rag_label) == ("100.0% (1 of 1), history incomplete", "Not rated: history incomplete")
    assert "history is incomplete, so it is not rated or compared" in narrative.sentence(card)
