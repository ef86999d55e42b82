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

FIGURES = {  # over the dashboard's authority
    "member": [f"/scorecard?{QUERY}", f"/scorecard?{QUERY}&rag=red#every-indicator",
               f"/indicators/assessments_45wd_pct?{QUERY}", f"/indicators/cla?{QUERY}", "/", "/report"],
    "analyst": [f"/scorecard?{QUERY}", f"/indicators/cla?{QUERY}", f"/indicators/cla/children?{QUERY}"],
}
MANAGING = {  # over the small site with a load, an action and accounts
    "analyst": ["/", "/data", "/data/loads/1", "/data/upload", "/actions", "/actions/1", "/targets"],
    "admin": ["/admin/users", "/admin/audit", "/admin/settings"],
}


def check_at_320(browser, url: str, role: str, paths: list[str]) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        sign_in_through_form(page, url, NAMES[role], PASSWORD)
        for path in paths:
            assert page.goto(url + path).ok, path
            page.wait_for_load_state("load")
            assert wider_than_the_window(page) <= 0, path
            assert_accessible(page)
            assert names_repeated(page) == [], path
    finally:
        context.close()


@pytest.mark.parametrize("role", FIGURES)
def test_the_scorecard_and_indicator_pages_reflow_and_name_each_control(browser, live_dashboard, role):
    check_at_320(browser, live_dashboard[0], role, FIGURES[role])


@pytest.mark.parametrize("role", MANAGING)
def test_the_other_pages_reflow_and_name_each_control(browser, live_site, role):
    check_at_320(browser, live_site[0], role, MANAGING[role])
