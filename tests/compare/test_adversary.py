"""The adversary (tests/adversary.py) against disclosure control: on tables Hypothesis makes (areas
by month, with quarters, the year and a percentage), and on everything shown for a period of
synthetic authorities (the scorecard and every indicator's page, as their JSON gives them). It must
work out no withheld count; on the suppression this engine replaced it found dozens."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cscperf import store
from cscperf.compare import detail, scorecard
from cscperf.compare.disclosure import Release, hidden
from cscperf.compare.shown import Computed
from cscperf.indicators.periods import Period
from cscperf.indicators.registry import default
from tests.adversary import Problem, Seen, read_outputs, recovered
from tests.outputs.report.conftest import LA, PERIOD

BELOW = 6
MONTHS = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")
QUARTERS = {f"Q{q + 1}": MONTHS[3 * q:3 * q + 3] for q in range(4)}


def area_table(counts: list[list[int]], on_time: list[list[int]]) -> tuple[Release, list]:
    """Areas by month with every area's quarters and year, every period's total over areas, and
    for each cell the children seen on time (a percentage: on time of all, and the rest)."""
    release, sums = Release(), []
    areas = [f"area {i}" for i in range(len(counts))] + ["all"]
    values = {}
    for a, row in enumerate(counts):
        for m, month in enumerate(MONTHS):
            values[(areas[a], month, "all")] = row[m]
            values[(areas[a], month, "on time")] = min(on_time[a][m], row[m])
    for measure in ("all", "on time"):
        for month in MONTHS:
            values[("all", month, measure)] = sum(values[(a, month, measure)] for a in areas[:-1])
        for area in areas:
            for quarter, months in QUARTERS.items():
                values[(area, quarter, measure)] = sum(values[(area, m, measure)] for m in months)
                sums.append(((area, quarter, measure), [(area, m, measure) for m in months]))
            values[(area, "year", measure)] = sum(values[(area, q, measure)] for q in QUARTERS)
            sums.append(((area, "year", measure), [(area, q, measure) for q in QUARTERS]))
        for period in (*MONTHS, *QUARTERS, "year"):
            sums.append((("all", period, measure), [(a, period, measure) for a in areas[:-1]]))
    for key, value in values.items():
        release.count(key, value, cost=100 if key[0] == "all" and key[1] == "year" else 0)
    for area in areas:
        for period in (*MONTHS, *QUARTERS, "year"):
            seen, total = (area, period, "on time"), (area, period, "all")
            rest = ("rest", seen)
            release.count(rest, values[total] - values[seen], shown=False)
            sums.append((total, [seen, rest]))
            release.figure(("percent", area, period), (seen, total))
    for total, parts in sums:
        release.sum(total, parts)
    return release, sums


cells = st.integers(min_value=0, max_value=12)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=2, max_value=3).flatmap(lambda n: st.tuples(
    st.lists(st.lists(cells, min_size=12, max_size=12), min_size=n, max_size=n),
    st.lists(st.lists(cells, min_size=12, max_size=12), min_size=n, max_size=n))))
def test_no_withheld_count_is_worked_out_of_an_area_by_month_table(table):
    release, sums = area_table(*table)
    withheld = hidden(release, BELOW)
    seen = Seen({})
    for key, value in release.counts.items():
        seen.truth[key] = value
        if key in withheld:
            seen.withheld.add(key)
        elif key not in release.unshown:
            seen.shown[key] = value
    problem = Problem(seen)
    for total, parts in sums:
        problem.equal(total, parts, seen.truth[total] == sum(seen.truth[p] for p in parts))
    for key in [k for k in release.counts if k[0] == "rest"]:
        problem.term(key)  # a percentage's rest is an unknown
    for key, value in release.counts.items():
        if 0 < value < BELOW and key in problem.index:
            low, high = problem.bounds(key)
            assert low < high, (key, value)
    for key in release.counts:  # a percentage is shown only with both its counts
        if key[0] != "rest" and key in withheld:
            assert ("percent", key[0], key[1]) in withheld


def outputs(con, period: str, la: str) -> Seen:
    """Everything shown for the period (the scorecard and every indicator's page, in their JSON
    form) as a member sees it, with the true figures from the internal view."""
    views, computed = [], Computed.of(con, period, la)
    for internal in (False, True):
        shown = computed.shown(internal)
        card = scorecard.build(con, period, la, shown=shown)
        views.append((card.to_dict(), {c.definition.id: detail.build(con, c, la, shown).to_dict()
                                       for c in card.cards}))
    return read_outputs(Seen({i.id: i for i in default()}), *views[0], *views[1])


@pytest.mark.slow
def test_nothing_withheld_is_worked_out_of_a_periods_outputs(report_db):
    with store.connect(report_db) as con:
        seen = outputs(con, PERIOD, LA)
    assert len(seen.withheld) > 100  # the small authority has plenty to withhold
    assert recovered(seen) == {}


@pytest.mark.slow
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10_000), children=st.integers(min_value=60, max_value=160))
def test_nothing_withheld_is_worked_out_for_any_synthetic_authority(tmp_path_factory, seed, children):
    from cscperf.indicators import calc
    from tests.indicators import random_authority
    from tests.indicators.authority import Authority

    path = tmp_path_factory.mktemp("authority") / "store.duckdb"
    with store.connect(path) as con:
        calc.prepare(con)
        random_authority.build(Authority(con, LA), seed=seed, children=children)
        seen = outputs(con, PERIOD, LA)
    assert recovered(seen) == {}


def test_the_adversary_works_out_what_counts_withheld_alone_leave():
    """The control: with only the counts from 1 to 5 withheld, the adversary finds the under-1s
    starting to be looked after from the under-5s (11) less the 1-4s (7), and February from the
    quarter (21) less January (10) and March (8)."""
    seen = Seen({i.id: i for i in default()})

    def read(id, period, start, end, number, breakdown=None, group=None):
        figure = {"period": period, "start": start, "end": end, "group": group, "value": number,
                  "numerator": number, "denominator": None, "suppressed": []}
        if 0 < number < BELOW:
            figure.update(value=None, numerator=None, suppressed=["value", "numerator"])
        seen.read(id, breakdown, figure, {"value": number, "numerator": number})

    read("cla_started_under5", PERIOD, "2025-01-01", "2025-03-31", 11)
    read("cla_started", PERIOD, "2025-01-01", "2025-03-31", 21)
    for group, number in (("Under 1", 4), ("1-4", 7), ("5-9", 10)):
        read("cla_started", PERIOD, "2025-01-01", "2025-03-31", number, "age_band", group)
    for month, end, number in (("2025-01", "2025-01-31", 10), ("2025-02", "2025-02-28", 3),
                               ("2025-03", "2025-03-31", 8)):
        read("cla_started", month, month + "-01", end, number)
    assert recovered(seen) == {("cla_started", PERIOD, ("age_band", "Under 1"), "numerator"): 4,
                               ("cla_started", "2025-02", None, "numerator"): 3}


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="each period is protected as its own release: a figure withheld "
                   "in one period's view can be shown in another's (docs/disclosure.md, Limits)")
def test_no_figure_withheld_for_one_period_is_shown_for_the_one_before(report_db):
    """What members see of two periods, seen together. Protecting every period the records cover as
    one release is the fix; on the demo that is 134 periods and 267,141 results, too many to decide
    on a request. Until then the dashboard offers members the latest period only
    (tests/web/test_dashboard.py::test_councillors_see_the_latest_period_only)."""
    with store.connect(report_db) as con:
        views = [Computed.of(con, period, LA).shown(internal=False)
                 for period in (PERIOD, str(Period.parse(PERIOD).previous()))]
    withheld = {(key, part) for key, f in views[0].figures.items() for part in f.suppressed}
    shown = {(key, part) for key, f in views[1].figures.items()
             for part in ("value", "numerator", "denominator")
             if part not in f.suppressed and getattr(f, part) is not None}
    assert not withheld & shown
