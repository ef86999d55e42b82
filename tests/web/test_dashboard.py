"""The scorecard, indicator pages and their JSON and CSV, by role: members (and administrators) see
the suppressed figures the report shows members, analysts the internal ones, and nobody but an
analyst on a drill-down page sees a child's ID."""

from __future__ import annotations

import csv
import io
import re

import lxml.html

from cscperf.compare import pack, scorecard
from cscperf.compare.suppression import count_parts
from cscperf.outputs.report import context as report
from tests.web.dashboard import (  # noqa: F401 - fixtures
    CHILD_ID, LA, PERIOD, QUERY, dashboard, figures, report_db)

INDICATOR = "assessments_45wd_pct"


def expected(site, internal: bool) -> dict:
    with site.app.state.web.store.cursor() as con:  # the application holds the store open
        return scorecard.build(con, PERIOD, LA, internal=internal).to_dict()["cards"]


def values(cards: list[dict]) -> list:
    return [(c["definition"]["id"], c["current"], c["trend"], c["breakdowns"]) for c in cards]


def panel(html: str, id: str):
    """One tab's panel of a page."""
    return lxml.html.fromstring(html).get_element_by_id(id)


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_the_scorecard_shows_every_indicator_by_section(dashboard):
    page = dashboard.client("member").get(f"/scorecard?{QUERY}")
    assert page.status_code == 200
    data = dashboard.client("member").get(f"/scorecard.json?{QUERY}").json()
    assert data["la"] == LA and data["period"] == PERIOD and not data["internal"]
    every = panel(page.text, "every-indicator")
    links = every.xpath(".//a/@href")
    for card in data["cards"]:
        assert any(href.startswith(f'/indicators/{card["definition"]["id"]}?') for href in links)
    sections = list(dict.fromkeys(c["definition"]["section_title"] for c in data["cards"]))
    assert len(sections) > 3
    assert [text(h) for h in every.xpath(".//h3")] == sections  # in the order of the child's journey


def test_the_scorecard_opens_on_the_member_pack_the_report_gives(dashboard):
    """The first tab is the report's member pack, from the same contract: the same measures on
    the page, the same exceptions with the same words, the rest in each section's compact table."""
    for role, internal in (("member", False), ("analyst", True)):
        client = dashboard.client(role)
        page = client.get(f"/scorecard?{QUERY}").text
        assert [text(a) for a in lxml.html.fromstring(page).xpath("//a[@class='govuk-tabs__tab']")] == [
            "Member pack", "Every indicator"]
        with dashboard.app.state.web.store.cursor() as con:
            built = scorecard.build(con, PERIOD, LA, internal=internal)
            wanted = report.build(built, con)
        assert client.get(f"/scorecard.json?{QUERY}").json()["pack"] == pack.build(built).to_dict()
        shown = panel(page, "pack")
        tiles = shown.xpath(".//li[@class='cscperf-tile']")
        assert [text(t.xpath("h3")[0]) for t in tiles] == [t.title for t in wanted.tiles]
        for tile, want in zip(tiles, wanted.tiles):
            assert want.value in text(tile) and want.meaning in text(tile)
            assert tile.xpath(".//svg[@role='img']") or "No quarter" in text(tile)
        headings = [text(h) for h in shown.xpath("h2")]
        assert headings[:2] == ["Performance on a page", "Summary"]
        assert headings[-len(wanted.sections):] == [s.title for s in wanted.sections]
        for part in wanted.sections:
            for row, said in zip(part.exceptions, part.narrative):
                exception = shown.xpath(f".//div[@class='cscperf-exception'][h3/a[starts-with(@href, '/indicators/{row.id}?')]]")
                assert len(exception) == 1, row.id
                words = text(exception[0])
                assert f"{row.title}: {row.value}" in words and row.why in words and said in words, row.id
            if part.rows:
                [table] = shown.xpath(f".//div[@aria-label='{part.title}: "
                                      f"{'the other measures' if part.exceptions else 'every measure'}, Quarter 4 2024-25']")
                assert [text(th) for th in table.xpath(".//tbody//th")] == [r.title for r in part.rows]
        for line in wanted.summary.gone_well + wanted.summary.needs_to_improve:
            assert line in text(shown)


def test_each_role_sees_the_figures_it_may(dashboard):
    member, internal = expected(dashboard, False), expected(dashboard, True)
    assert values(member) != values(internal)  # the small authority has numbers to suppress
    for role, wanted in (("member", member), ("admin", member), ("analyst", internal)):
        got = dashboard.client(role).get(f"/scorecard.json?{QUERY}").json()
        assert values(got["cards"]) == values(wanted), role
    chose = dashboard.client("analyst").get(f"/scorecard.json?{QUERY}&view=member").json()
    assert values(chose["cards"]) == values(member) and not chose["internal"]


def no_small_counts(card: dict) -> None:
    unit = card["definition"]["unit"]
    for figure in figures(card):
        for part in count_parts(unit):
            assert figure[part] is None or not 0 < figure[part] < 5, (card["definition"]["id"], figure)


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


def test_the_period_picker_offers_every_period_the_store_covers(dashboard):
    client = dashboard.client("member")
    picker = lxml.html.fromstring(client.get(f"/scorecard?{QUERY}").text).get_element_by_id("period")
    groups = {g.get("label"): g.xpath("option/@value") for g in picker.xpath("optgroup")}
    assert picker.xpath("option[@selected]/@value | optgroup/option[@selected]/@value") == [PERIOD]
    # the random authority's five years to 31 March 2025, newest first
    assert list(groups) == ["2024-25", "2023-24", "2022-23", "2021-22", "2020-21"]
    assert {"2024-25", "2024-25:Q1", "12m:2025-03", "12m:2024-04", "2025-03", "2024-04"} <= set(groups["2024-25"])
    assert len(groups["2024-25"]) == 1 + 4 + 12 + 12
    assert "2020-21" in groups["2020-21"] and "12m:2021-03" in groups["2020-21"]
    for period in ("2025-01", "12m:2024-09", "2022-23", "2021-22:Q2"):
        data = client.get(f"/scorecard.json?la={LA}&period={period}").json()
        assert data["period"] == period
        # the member pack opens every period's page, not only a quarter's
        shown = panel(client.get(f"/scorecard?la={LA}&period={period}").text, "pack")
        assert shown.xpath(".//li[@class='cscperf-tile']"), period


def test_filters_work_on_the_server(dashboard):
    client = dashboard.client("analyst")
    every = client.get(f"/scorecard.json?{QUERY}").json()["cards"]
    for rating in ("green", "amber", "red", "none"):
        got = client.get(f"/scorecard.json?{QUERY}&rag={rating}").json()
        assert [c["definition"]["id"] for c in got["cards"]] == [
            c["definition"]["id"] for c in every if (c["rag"] or "none") == rating]
    every = panel(client.get(f"/scorecard?{QUERY}&section=assessment").text, "every-indicator")
    links = every.xpath(".//table//a/@href")
    assert any(href.startswith("/indicators/assessments_45wd_pct?") for href in links)
    assert not any(href.startswith("/indicators/referrals?") for href in links)
    assert client.get(f"/scorecard?{QUERY}&rag=purple").status_code == 400
    assert client.get(f"/scorecard?{QUERY}&section=nowhere").status_code == 400


def test_bad_choices_are_refused_without_echoing_them(dashboard):
    client = dashboard.client("member")
    for url, status in [("/scorecard?la=999", 404), ("/scorecard?period=Q9-SECRET", 400),
                        (f"/indicators/SECRET?{QUERY}", 404), (f"/indicators/{INDICATOR}/charts/SECRET.csv?{QUERY}", 404)]:
        response = client.get(url)
        assert response.status_code == status, url
        said = re.sub(r'nonce="[^"]*"', "", response.text)  # a random nonce may hold any letters
        assert "SECRET" not in said and "Q9" not in said


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
