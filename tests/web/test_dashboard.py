"""The scorecard, indicator pages and their JSON and CSV, by role: members (and administrators) see
the suppressed figures the report shows members, analysts the internal ones, and nobody but an
analyst on a drill-down page sees a child's ID."""

from __future__ import annotations

import csv
import io

from cscperf.compare import scorecard
from cscperf.compare.release import count_parts
from cscperf.indicators.registry import default
from tests.web.dashboard import (  # noqa: F401 - fixtures
    CHILD_ID, LA, PERIOD, QUERY, dashboard, figures, report_db)

INDICATOR = "assessments_45wd_pct"


def expected(site, internal: bool) -> dict:
    with site.app.state.web.store.cursor() as con:  # the application holds the store open
        return scorecard.build(con, PERIOD, LA, internal=internal).to_dict()["cards"]


def values(cards: list[dict]) -> list:
    return [(c["definition"]["id"], c["current"], c["trend"], c["breakdowns"]) for c in cards]


def test_the_scorecard_shows_every_indicator_by_section(dashboard):
    page = dashboard.client("member").get(f"/scorecard?{QUERY}")
    assert page.status_code == 200
    data = dashboard.client("member").get(f"/scorecard.json?{QUERY}").json()
    assert data["la"] == LA and data["period"] == PERIOD and not data["internal"]
    for card in data["cards"]:
        assert f'href="/indicators/{card["definition"]["id"]}?' in page.text
    sections = list(dict.fromkeys(c["definition"]["section_title"] for c in data["cards"]))
    places = [page.text.index(f'<h2 class="govuk-heading-m">{title}</h2>') for title in sections]
    assert len(sections) > 3 and places == sorted(places)  # in the order of the child's journey


def test_each_role_sees_the_figures_it_may(dashboard):
    member, internal = expected(dashboard, False), expected(dashboard, True)
    assert values(member) != values(internal)  # the small authority has numbers to suppress
    for role, wanted in (("member", member), ("admin", member), ("analyst", internal)):
        got = dashboard.client(role).get(f"/scorecard.json?{QUERY}").json()
        assert values(got["cards"]) == values(wanted), role
    chose = dashboard.client("analyst").get(f"/scorecard.json?{QUERY}&view=member").json()
    assert values(chose["cards"]) == values(member) and not chose["internal"]


def no_small_counts(card: dict) -> None:
    parts = count_parts(default().get(card["definition"]["id"]))
    for figure in figures(card):
        for part in parts:
            assert figure[part] is None or not 0 < figure[part] < 6, (card["definition"]["id"], figure)


def test_a_member_gets_suppressed_figures_by_any_address(dashboard):
    client = dashboard.client("member")
    for url in [f"/scorecard.json?{QUERY}", f"/scorecard.json?{QUERY}&view=internal&internal=1"]:
        data = client.get(url).json()
        assert data["internal"] is False
        for card in data["cards"]:
            no_small_counts(card)
    suppressed = 0
    for indicator in ("assessments_45wd_pct", "cp_plans", "referrals", "assessment_avg_working_days"):
        data = client.get(f"/indicators/{indicator}.json?{QUERY}&view=analyst").json()
        assert data["internal"] is False
        card = data["card"]
        no_small_counts({"definition": card["definition"], "figures": [data[k] for k in (
            "months", "quarters", "years", "breakdowns")]})
        suppressed += sum(bool(f["suppressed"]) for f in figures(data))
    assert suppressed  # there were small numbers to withhold


def test_filters_work_on_the_server(dashboard):
    client = dashboard.client("analyst")
    every = client.get(f"/scorecard.json?{QUERY}").json()["cards"]
    for rating in ("green", "amber", "red", "none"):
        got = client.get(f"/scorecard.json?{QUERY}&rag={rating}").json()
        assert [c["definition"]["id"] for c in got["cards"]] == [
            c["definition"]["id"] for c in every if (c["rag"] or "none") == rating]
    page = client.get(f"/scorecard?{QUERY}&section=assessment")
    assert 'href="/indicators/assessments_45wd_pct?' in page.text
    assert 'href="/indicators/referrals?' not in page.text
    assert client.get(f"/scorecard?{QUERY}&rag=purple").status_code == 400
    assert client.get(f"/scorecard?{QUERY}&section=nowhere").status_code == 400


def test_bad_choices_are_refused_without_echoing_them(dashboard):
    client = dashboard.client("member")
    for url, status in [("/scorecard?la=999", 404), ("/scorecard?period=Q9-SECRET", 400),
                        (f"/indicators/SECRET?{QUERY}", 404), (f"/indicators/{INDICATOR}/charts/SECRET.csv?{QUERY}", 404)]:
        response = client.get(url)
        assert response.status_code == status, url
        assert "SECRET" not in response.text and "Q9" not in response.text


def test_the_indicator_page_has_series_benchmarks_breakdowns_and_the_definition(dashboard):
    client = dashboard.client("member")
    page = client.get(f"/indicators/{INDICATOR}?{QUERY}").text
    data = client.get(f"/indicators/{INDICATOR}.json?{QUERY}").json()
    assert [len(data[k]) for k in ("months", "quarters", "years")] == [24, 12, 5]
    assert data["quarters"][-1] == data["card"]["current"]  # the period itself ends the series
    assert [f["period"] for f in data["years"]] == ["2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]
    assert {b["id"] for b in data["breakdowns"]} == set(data["card"]["definition"]["breakdowns"])
    marked = {a["marked"] for a in data["authorities"]}
    assert {"This authority", "Statistical neighbour", None} <= marked and len(data["authorities"]) > 100
    for words in ("Which way is better", "Higher is better", "What good looks like", "Over time",
                  "Compared with other authorities", "Breakdowns", "statistical neighbours"):
        assert words in page, words
    charts = [f"chart-{INDICATOR}-{name}" for name in ("months", "quarters", "years", "neighbours", "authorities")]
    for chart in charts:
        assert f'src="/indicators/{INDICATOR}/charts/{chart}.svg?' in page
        assert f'href="/indicators/{INDICATOR}/charts/{chart}.csv?' in page
    picture = client.get(f"/indicators/{INDICATOR}/charts/{charts[1]}.svg?{QUERY}")
    assert picture.headers["content-type"].startswith("image/svg+xml") and b"<svg" in picture.content


def test_every_chart_has_its_table_as_csv_suppressed_for_members(dashboard):
    chart = f"chart-{INDICATOR}-ethnicity"
    tables = {}
    for role in ("member", "analyst"):
        response = dashboard.client(role).get(f"/indicators/{INDICATOR}/charts/{chart}.csv?{QUERY}")
        assert response.status_code == 200
        assert response.headers["content-disposition"].startswith("attachment;")
        tables[role] = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tables["member"][0] == ["Group", "Assessments completed within 45 working days"]
    assert any(row[1] == "[c]" for row in tables["member"][1:])
    assert not any(row[1] == "[c]" for row in tables["analyst"][1:])


def test_child_ids_appear_only_on_an_analysts_drill_down(dashboard):
    for role in ("member", "admin", "analyst"):
        client = dashboard.client(role)
        for url in [f"/scorecard?{QUERY}", f"/scorecard.json?{QUERY}", f"/indicators/{INDICATOR}?{QUERY}",
                    f"/indicators/{INDICATOR}.json?{QUERY}",
                    f"/indicators/{INDICATOR}/charts/chart-{INDICATOR}-quarters.csv?{QUERY}"]:
            assert not CHILD_ID.search(client.get(url).text), (role, url)
    drill = dashboard.client("analyst").get(f"/indicators/{INDICATOR}/children?{QUERY}")
    assert drill.status_code == 200 and CHILD_ID.search(drill.text)
