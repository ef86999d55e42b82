"""The dashboard in headless Chromium against a real server: each role walks the scorecard (its
member pack, then every indicator, filtered), an indicator page and the report; analysts drill down and edit targets and commentary; members are
refused drill-down by any URL; every page passes axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest

from tests.web.browser import assert_accessible, sign_in_through_form
from tests.web.conftest import NAMES, PASSWORD
from tests.web.dashboard import CHILD_ID, QUERY, live_dashboard, report_db  # noqa: F401 - fixtures
from tests.web.test_drill_down import drill_urls

pytestmark = pytest.mark.browser


@pytest.fixture
def open_as(browser, live_dashboard):
    url, _ = live_dashboard
    contexts = []

    def signed_in(role: str):
        context = browser.new_context(accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        sign_in_through_form(page, url, NAMES[role], PASSWORD, "/scorecard")
        return page

    yield signed_in
    for context in contexts:
        context.close()


@pytest.mark.parametrize("role", ["member", "analyst", "admin"])
def test_each_role_walks_the_scorecard_an_indicator_and_the_report(open_as, live_dashboard, role):
    url, _ = live_dashboard
    page = open_as(role)
    assert page.locator("h1").inner_text() == "Scorecard"
    assert_accessible(page)
    assert page.get_by_role("tab", name="Member pack").get_attribute("aria-selected") == "true"
    assert page.get_by_role("heading", name="Performance on a page").is_visible()
    page.get_by_role("tab", name="Every indicator").click()
    page.select_option("#section", "assessment")
    page.get_by_role("button", name="Filter the indicators").click()
    page.wait_for_url("**section=assessment**#every-indicator")
    assert page.get_by_role("tab", name="Every indicator").get_attribute("aria-selected") == "true"
    assert page.locator("#every-indicator h3").all_inner_texts() == ["Assessment"]
    assert_accessible(page)
    page.get_by_role("link", name="Assessments completed within 45 working days").click()
    assert page.locator("h1").inner_text() == "Assessments completed within 45 working days"
    page.wait_for_load_state("load")  # the charts are pictures, drawn on the server
    assert page.locator("img.cscperf-chart__picture").count() >= 5
    assert all(page.locator("img.cscperf-chart__picture").evaluate_all("els => els.map(e => e.naturalWidth > 0)"))
    page.get_by_role("tab", name="Quarters").click()
    assert_accessible(page)
    assert (page.locator("a", has_text="See the children").count() > 0) == (role == "analyst")
    with page.expect_download() as download:
        page.locator("#over-quarters a", has_text="Download the data (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")
    page.goto(url + "/report")
    assert_accessible(page)
    page.get_by_label("Excel").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Produce the report").click()
    assert download.value.suggested_filename == "report-883-2024-25-Q4.xlsx"


def test_an_analyst_drills_down_and_edits_targets_and_commentary(open_as, live_dashboard):
    url, _ = live_dashboard
    page = open_as("analyst")
    page.goto(f"{url}/indicators/assessments_45wd_pct?{QUERY}")
    page.get_by_role("link", name="See the children behind Assessments completed within 45 working days").click()
    assert page.locator("h1").inner_text().startswith("Children behind")
    assert CHILD_ID.search(page.content())
    assert_accessible(page)
    for kind, text in (("targets", "assessments_45wd_pct: {target: 90, tolerance: 5}\n"),
                       ("commentary", '"2024-25:Q4":\n  assessments_45wd_pct: {cause: Fewer staff., action: Recruiting.}\n')):
        page.goto(f"{url}/{kind}")
        assert_accessible(page)
        page.fill("#text", "no_such_indicator: {target: 1}\n")
        page.get_by_role("button", name="Save").click()
        assert page.get_by_role("heading", name="There is a problem").is_visible()
        assert_accessible(page)
        page.fill("#text", text)
        page.get_by_role("button", name="Save").click()
        page.wait_for_url(f"{url}/{kind}?saved")
        assert_accessible(page)
    page.goto(f"{url}/indicators/assessments_45wd_pct?{QUERY}")
    assert page.get_by_text("Fewer staff.").is_visible() and "90.0%" in page.content()


def test_a_form_without_its_token_is_refused(open_as, live_dashboard):
    url, _ = live_dashboard
    page = open_as("analyst")
    page.goto(f"{url}/commentary")
    page.evaluate("document.querySelectorAll('input[name=csrf_token]').forEach(e => e.remove())")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The form had expired").is_visible()


def test_a_member_cannot_reach_drill_down_by_any_url(open_as, live_dashboard):
    url, _ = live_dashboard
    page = open_as("member")
    for path in drill_urls():
        response = page.goto(url + path)
        assert response.status in (403, 404), path
        assert not CHILD_ID.search(page.content()), path
    page.goto(url + drill_urls()[0])
    assert page.get_by_role("heading", name="You do not have access to this page").is_visible()
    assert_accessible(page)
