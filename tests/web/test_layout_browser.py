"""The dashboard on a narrow phone (320 CSS pixels, WCAG 2.2's reflow width) in headless Chromium
against a real server: the scorecard, with both its tabs, an indicator's page and the other pages
are no wider than the window (tables scroll inside their own region), and every control a screen
reader lists has a name of its own (WCAG 2.4.6 and 2.4.4: repeated links and buttons say which
they are)."""

from __future__ import annotations

import pytest

from tests.web.browser import assert_accessible, names_repeated, sign_in_through_form, wider_than_the_window
from tests.web.conftest import NAMES, PASSWORD
from tests.web.dashboard import QUERY, live_dashboard, report_db  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PAGES = [f"/scorecard?{QUERY}", f"/scorecard?{QUERY}&rag=red#every-indicator",
         f"/indicators/assessments_45wd_pct?{QUERY}", f"/indicators/cla?{QUERY}", "/", "/report", "/actions"]
ANALYSTS_ONLY = ["/data", "/data/loads/1", f"/indicators/cla/children?{QUERY}"]


@pytest.mark.parametrize("role", ["member", "analyst"])
def test_pages_reflow_at_320_pixels_and_name_each_control(browser, live_dashboard, role):
    url, _ = live_dashboard
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        sign_in_through_form(page, url, NAMES[role], PASSWORD, "/scorecard")
        for path in PAGES + (ANALYSTS_ONLY if role == "analyst" else []):
            page.goto(url + path)
            page.wait_for_load_state("load")
            assert wider_than_the_window(page) <= 0, path
            assert_accessible(page)
            assert names_repeated(page) == [], path
    finally:
        context.close()
