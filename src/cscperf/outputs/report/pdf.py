"""The report as PDF: the same HTML, printed by headless Chromium (Debian's, driven by the Python
`playwright` package; no browser is ever downloaded). Every page carries the marking
(member-facing or INTERNAL) and its page number; in full detail the data tables folded away on
screen are opened for print.

A published council paper must be accessible (PDF/UA-1 as far as a machine can check it): Chromium
prints a tagged PDF (a structure tree from the page's headings, lists, tables with their header
cells, and figures with their text alternatives; `/MarkInfo`) with bookmarks from the headings,
and the document language from the page's `lang`. pikepdf then adds what Chromium does not: the
title in the document information and XMP metadata, shown as the window title
(`/ViewerPreferences /DisplayDocTitle`), and the PDF/UA identification.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

import pikepdf
from playwright.sync_api import sync_playwright

from cscperf.outputs.report.context import ReportContext

CHROMIUM = "/usr/bin/chromium"
LANGUAGE = "en-GB"  # as the HTML's lang
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
            page.pdf(path=str(path), prefer_css_page_size=True, print_background=True, tagged=True, outline=True,
                     display_header_footer=True, header_template=_band(f"<strong>{marking}</strong>"),
                     footer_template=_band('Page <span class="pageNumber"></span> of <span class="totalPages"></span>'),
                     margin={"top": "16mm", "bottom": "14mm", "left": "10mm", "right": "10mm"})
        finally:
            browser.close()
    return _accessible(path, f"{context.title}: {context.la_name}, {context.period_label}")


MARKED = {"BDC", "BMC"}


def _artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Mark the page's untagged content (Chromium's header and footer: the marking and the page
    number) as artifacts, so that everything on the page is either tagged or an artifact."""
    depth, run, out = 0, [], []

    def flush():
        if run:
            out.extend([pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact], pikepdf.Operator("BMC")),
                        *run, pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC"))])
            run.clear()
    for instruction in pikepdf.parse_content_stream(page):
        operator = str(instruction.operator)
        if operator in MARKED:
            flush() if depth == 0 else None
            depth += 1
        elif operator == "EMC":
            depth -= 1
        elif depth == 0:
            run.append(instruction)
            continue
        out.append(instruction)
    flush()
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))


def _links(pdf: pikepdf.Pdf) -> None:
    """Each link's destination in words (a link to the section 'front_door': 'Go to front door')."""
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") == "/Link" and "/Contents" not in annot and "/Dest" in annot:
                destination = annot.Dest
                name = str(destination) if isinstance(destination, (pikepdf.String, pikepdf.Name)) else "the page"
                annot.Contents = pikepdf.String("Go to " + name.lstrip("/").replace("_", " ").replace("-", " "))


def _accessible(path: Path, title: str) -> Path:
    """The title as the window title, the language, the PDF/UA identifier, untagged content marked
    as artifacts and links described; saved in place."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            _artifacts(pdf, page)
        _links(pdf)
        with pdf.open_metadata() as meta:
            meta["dc:title"] = title
            meta["dc:language"] = [LANGUAGE]
            meta["pdfuaid:part"] = "1"
        pdf.docinfo["/Title"] = title
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        if "/Lang" not in pdf.Root:
            pdf.Root.Lang = pikepdf.String(LANGUAGE)
        pdf.save(path)
    return path
