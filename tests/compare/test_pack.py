"""The member pack: each indicator's assessment with its uncertainty, the plain sentence it gives,
what has gone well and what needs to improve, and the pack built from a real scorecard."""

from dataclasses import replace

import pytest

from cscperf.compare import meaning, pack
from cscperf.compare.direction import direction
from cscperf.compare.figure import Figure
from cscperf.compare.published import Published
from cscperf.compare.scorecard import Card, Definition, Scorecard, against


def definition(id="assessments_45wd_pct", title="Assessments completed within 45 working days",
               unit="percent", polarity="higher_better", grain="in_period", decimals=1):
    return Definition(id, title, "assessment", "Assessment", "-", "-", "-", "-", unit, polarity, grain, decimals)


def fig(period, value, numerator=None, denominator=None, suppressed=()):
    return Figure(period, period, "", "", value, numerator, denominator, suppressed=suppressed)


def card(d, now, year_ago, series=(), published=None, target=None, rag=None):
    return Card(d, now, fig("2024-25:Q3", None), year_ago, (), series, target=target, rag=rag,
                since_last_year=direction(now.value, year_ago.value, d.polarity, d.unit, d.decimals, year_ago.period),
                published=published, against_england=against(d, now, published, "england"),
                against_neighbours=against(d, now, published, "neighbour_mean"))


def published(england, neighbours):
    return Published("x", year=2024, england=england, neighbour_mean=neighbours)


def test_green_but_wholly_worse_than_england_is_never_gone_well():
    # 49.8% of 1,000 (Wilson 46.7% to 52.9%) meets a target of 45 but lies wholly below the
    # neighbours' 90% and England's 82%: it needs to improve, and is not "gone well"
    d = definition()
    c = card(d, fig("2024-25:Q4", 49.8, 498, 1000), fig("2023-24:Q4", 44.0, 440, 1000),
             published=published(82.0, 90.0), target=45, rag="green")
    a = pack.assess(c)
    assert (a.england, a.neighbours) == (pack.WORSE, pack.WORSE)
    assert a.change == pack.IMPROVED  # 5.8 points on 1,000 each: Newcombe's interval leaves out 0
    well, improve = meaning.summary(scorecard(c), {d.id: a})
    assert well == [] and len(improve) == 1
    assert improve[0] == ("Assessments completed within 45 working days: 49.8%. It meets the target of 45.0%, "
                          "is significantly worse than England and similar councils, and shows a real "
                          "improvement on a year earlier.")


def test_a_change_on_a_small_base_is_within_normal_variation():
    # 15 of 16 (93.8%) against 12 of 16 (75.0%) a year earlier: Newcombe's interval for the
    # difference, about -0.07 to +0.43, holds 0; one child is 100/16 = 6.25 points
    d = definition()
    c = card(d, fig("2024-25:Q4", 93.8, 15, 16), fig("2023-24:Q4", 75.0, 12, 16), published=published(85.0, 88.0))
    a = pack.assess(c)
    assert a.change == pack.NORMAL and a.per_child == 6.25
    assert (a.england, a.neighbours) == (pack.SIMILAR, pack.SIMILAR)
    assert meaning.sentence(c, a) == (
        "It is in line with England and similar councils and is within normal variation on a year "
        "earlier. With numbers this small, 1 child is 6.2 percentage points.")
    well, improve = meaning.summary(scorecard(c), {d.id: a})
    assert well == improve == []  # it moved the right way, but no more than noise
    assert a.importance == 0


def test_an_average_without_an_interval_is_not_gone_well_for_moving():
    # caseload 8.2 to 8.1: an average keeps no spread, so no change is judged
    d = definition("workforce_avg_caseload", "Average caseload", "average", "lower_better", "snapshot", 1)
    c = card(d, fig("2024-25:Q4", 8.1, 810, 100), fig("2023-24:Q4", 8.2, 820, 100), published=published(16.3, 17.04))
    a = pack.assess(c)
    assert a.interval is None and a.change is None and a.england is None
    assert meaning.summary(scorecard(c), {d.id: a}) == ([], [])
    # only above or below the published figures, at the published precision (here not known, so
    # the indicator's): never "significantly"
    assert meaning.sentence(c, a) == "It is below England (16.3) and below similar councils (17.0)."


def test_exceptions_rank_target_and_level_before_change():
    red = card(definition("a"), fig("q", 60.0, 60, 100), fig("y", 62.0, 62, 100), target=85, rag="red")
    worse = card(definition("b"), fig("q", 60.0, 600, 1000), fig("y", 61.0, 610, 1000), published=published(80.0, None))
    changed = card(definition("c"), fig("q", 80.0, 800, 1000), fig("y", 70.0, 700, 1000))
    quiet = card(definition("d"), fig("q", 80.0, 80, 100), fig("y", 79.0, 79, 100))
    built = pack.build(scorecard(red, worse, changed, quiet), headlines=("d", "a"))
    [section] = built.sections
    # in depth: the two most important (off target 8, significantly worse than England 4); a real
    # change alone (2) is listed in the compact table, which keeps the journey order
    assert section.exceptions == ("a", "b") and section.rest == ("c", "d")
    assert [built.assessment(i).importance for i in "abcd"] == [8, 4, 2, 0]
    assert built.assessment("a").reasons == ("not meeting its target",)
    assert built.assessment("c").reasons == ("a real improvement on a year earlier",)
    assert [h.id for h in built.headlines] == ["d", "a"]


def test_a_quarter_outside_its_control_limits_is_an_exception():
    d = definition("referrals", "Referrals", "count", "neutral", "in_period", 0)
    series = tuple(fig(f"q{i}", 100, 100) for i in range(7)) + (fig("q7", 150, 150),)
    c = card(d, series[-1], fig("y", 140, 140), series=series)
    a = pack.assess(c)
    assert a.outside_limits and a.change == pack.NORMAL
    assert "outside the range of the last two years" in meaning.sentence(c, a)


def test_withheld_and_missing_figures_are_plain_sentences():
    d = definition()
    withheld = card(d, fig("q", None, suppressed=("value", "numerator")), fig("y", None))
    assert meaning.sentence(withheld, pack.assess(withheld)) == meaning.WITHHELD
    missing = card(d, replace(fig("q", None), reason="not recorded: this authority has no "
                              "ssd_cla_health (clah_health_check_type = 'INITIAL_HEALTH_ASSESSMENT') data"), fig("y", None))
    said = meaning.sentence(missing, pack.assess(missing))
    assert said.startswith("Not recorded: the data loaded for this authority holds no health assessments")
    assert "ssd_" not in said and "clah_" not in said


def test_the_pack_setting_must_name_indicators(monkeypatch):
    monkeypatch.setenv("CSCPERF_PACK", "cla_rate_per_10k, no_such_thing")
    with pytest.raises(ValueError, match="no_such_thing"):
        pack.headline_ids(["cla_rate_per_10k"])


def test_the_pack_of_a_real_scorecard(member):
    built = pack.build(member)
    headlines = pack.headline_ids()
    ids = {c.definition.id for c in member.cards if c.definition.member_pack or c.definition.id in headlines}
    assert len(built.headlines) >= 12 and all(h.meaning for h in built.headlines)
    listed = [i for s in built.sections for i in (*s.exceptions, *s.rest)]
    # every indicator of the pack once, in depth or in the compact table; those kept to the full
    # report (member_pack false) not at all, though every one is assessed
    assert sorted(listed) == sorted(ids)
    assert {a.id for a in built.assessments} == {c.definition.id for c in member.cards}
    for line in built.gone_well:
        a = built.assessment(next(c.definition.id for c in member.cards if line.startswith(c.definition.title + ":")))
        assert not a.worse_than_published
    assert built.to_dict()["headlines"][0]["id"] == "referral_rate_per_10k"


def scorecard(*cards):
    return Scorecard("883", "Thurrock", "2024-25:Q4", "", "", "", "", "", False, 5, "", None, cards)


def test_a_figure_whose_history_is_incomplete_is_stated_not_judged():
    # the store's records begin after the reviews this figure needs: shown, but not judged against
    # England or a year earlier, and in neither summary list
    d = definition("cla_reviews_on_time_pct", "Looked-after child reviews on time", polarity="higher_better",
                   grain="snapshot")
    why = "history incomplete: the records of 6 children go back before the store's"
    now = replace(fig("2024-25:Q4", 49.8, 498, 1000), history=why)
    c = replace(card(d, now, fig("2023-24:Q4", 44.0, 440, 1000), published=published(82.0, 90.0)),
                since_last_year=None)
    a = pack.assess(c)
    assert (a.england, a.neighbours, a.change, a.importance) == (None, None, None, 0)
    assert meaning.summary(scorecard(c), {d.id: a}) == ([], [])
    assert meaning.sentence(c, a) == ("It is not rated or compared: its history is incomplete (the records of "
                                      "6 children go back before the store's).")
