"""Each role in headless Chromium against a real server on loopback: sign in through the form,
walk the pages, check what must be refused, and run axe-core (WCAG 2.2 AA) on every page."""

from __future__ import annotations

import pytest

from tests.web.browser import assert_accessible, sign_in_through_form
from tests.web.conftest import NAMES, PASSWORD

pytestmark = pytest.mark.browser

PAGES = {
    "member": ["/", "/scorecard", "/actions", "/actions/1", "/report"],
    "analyst": ["/", "/scorecard", "/data", "/data/loads/1", "/data/upload", "/actions", "/actions/1", "/actions/new",
                "/actions/1/edit", "/targets", "/commentary", "/report"],
    "admin": ["/", "/scorecard", "/actions", "/report", "/admin/users", "/admin/users/leaver/remove", "/admin/audit",
              "/admin/settings"],
}
UPLOAD_URLS = ["/data", "/data/upload", "/data/loads/1", "/data/upload/", "/data/upload?files=x"]


@pytest.fixture
def open_as(browser, live_site):
    """A fresh browser context signed in as the role through the sign-in form."""
    url, _ = live_site
    contexts = []

    def signed_in(role: str):
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        sign_in_through_form(page, url, NAMES[role], PASSWORD)
        return page

    yield signed_in
    for context in contexts:
        context.close()


def test_signed_out_pages_are_accessible(browser, live_site):
    url, _ = live_site
    page = browser.new_page()
    try:
        page.goto(url + "/sign-in")
        assert_accessible(page)
        page.fill("#name", "nobody")
        page.fill("#password", "not the right password")
        page.get_by_role("button", name="Sign in").click()
        assert page.get_by_text("Enter a correct user name and password").first.is_visible()
        assert page.title().startswith("Error:")
        assert_accessible(page)
        assert page.goto(url + "/no-such-page").status == 404
        assert_accessible(page)
    finally:
        page.close()


@pytest.mark.parametrize("role", ["member", "analyst", "admin"])
def test_each_role_walks_its_pages_and_each_is_accessible(open_as, live_site, role):
    url, _ = live_site
    page = open_as(role)
    nav = page.locator(".govuk-service-navigation__list a")
    links = [nav.nth(i).get_attribute("href") for i in range(nav.count())]
    assert set(links) <= set(PAGES[role])
    for path in PAGES[role]:
        response = page.goto(url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(url + "/sign-in")
    assert "/sign-in" in page.goto(url + "/").url


def test_a_member_cannot_reach_uploads_by_any_url(open_as, live_site):
    url, _ = live_site
    page = open_as("member")
    for path in UPLOAD_URLS:
        response = page.goto(url + path)
        assert response.status == 403, path
        assert page.get_by_role("heading", name="You do not have access to this page").is_visible()
    assert_accessible(page)
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    posted = page.request.post(url + "/data/upload", multipart={
        "csrf_token": token, "files": {"name": "x.csv", "mimeType": "text/csv", "buffer": b"a,b\n"}})
    assert posted.status == 403


def test_a_form_without_its_token_is_refused(open_as, live_site):
    url, _ = live_site
    page = open_as("analyst")
    page.goto(url + "/actions/new")
    page.get_by_role("button", name="Save").click()  # with its token: errors shown on the form
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.evaluate("document.querySelectorAll('input[name=csrf_token]').forEach(e => e.remove())")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The form had expired").is_visible()
