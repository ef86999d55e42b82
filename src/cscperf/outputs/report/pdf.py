"""The report as PDF: the same HTML, printed by headless Chromium (Debian's, driven by the Python
`playwright` package; no browser is ever downloaded). Data tables folded away on screen are opened
for print, and every page carries the marking (member-facing or INTERNAL) and its page number.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

from playwright.sync_api import sync_playwright

from cscperf.outputs.report.context import ReportContext

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _band(text: str) -> str:
    return f'<div style="font: 8px Arial, sans-serif; width: 100%; padding: 0 10mm;">{text}</div>'


def write(context: ReportContext, html: Path, path: Path) -> Path:
    """Print `html` (the report written by html.py) to `path`. In a thread of its own: Playwright's
    synchronous API refuses a thread where an event loop runs (a web server's, or another
    Playwright session's, as in the tests)."""
    with ThreadPoolExecutor(1) as printer:
        return printer.submit(_print, context, html, path).result()


def _print(context: ReportContext, html: Path, path: Path) -> Path:
    marking = escape(f"{context.marking} - {context.la_name}, {context.period_label}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(html.resolve().as_uri(), wait_until="load")
            if context.detail == "full":  # the data tables; the pack's charts carry alt text
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            page.pdf(path=str(path), prefer_css_page_size=True, print_background=True,
                     display_header_footer=True, header_template=_band(f"<strong>{marking}</strong>"),
                     footer_template=_band('Page <span class="pageNumber"></span> of <span class="totalPages"></span>'),
                     margin={"top": "16mm", "bottom": "14mm", "left": "10mm", "right": "10mm"})
        finally:
            browser.close()
    return path
