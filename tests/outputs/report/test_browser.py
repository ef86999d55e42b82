"""The HTML report opened in Chromium: no WCAG 2.2 AA violations (axe-core), for members and
internal, with the data tables opened as well as folded."""

import pytest

from tests.web.browser import assert_accessible

pytestmark = pytest.mark.browser


def test_the_report_is_accessible(rendered, browser):
    page = browser.new_page()
    try:
        for kind in ("html", "internal_html"):
            page.goto(rendered[kind].as_uri())
            assert_accessible(page)
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            assert_accessible(page)
        # RAG is never colour alone: every rating carries its word
        for text in page.locator(".rag").all_inner_texts():
            assert any(word in text for word in ("Green", "Amber", "Red"))
    finally:
        page.close()
