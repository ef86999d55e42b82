"""The report as a Word document in plain built-in styles (Title, Heading 1-3, Normal, List
Bullet, Table Grid), so an officer can paste it into the council's committee template and let the
template's own styles take over; the headings form the navigation pane. A4 landscape, the marking
in every page's header and the page number in its footer. Charts are pictures with their text
alternative set as alt text, each followed by its data table; every table's first row is a header
row repeated on each page.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from cscperf.outputs.report import charts as charting
from cscperf.outputs.report.context import ReportContext, Table

COMPACT_COLUMNS = ("Measure", "This period", "Target", "RAG", "On a year earlier", "Similar councils", "Region",
                   "England", "What it means")
INDICATOR_COLUMNS = ("Indicator", "This period", "Period before", "Year earlier", "Target", "RAG",
                     "Direction of travel", "Published year", "Statistical neighbours", "Region", "England",
                     "Quartile")


def _header_row(row) -> None:
    """Mark a table's first row as its header (read as such, and repeated on each page)."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _page_number(paragraph) -> None:
    """'Page N': a PAGE field, which Word fills in on each page."""
    paragraph.add_run("Page ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == "PAGE":
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = text
            run._r.append(code)
        else:
            run.text = text


def _picture(document, png: bytes, alt: str, width) -> None:
    document.add_picture(BytesIO(png), width=width)
    document.inline_shapes[-1]._inline.docPr.set("descr", alt)


def _table(document, columns, rows, caption: str | None = None) -> None:
    if caption:
        document.add_paragraph(caption, style="Caption" if "Caption" in document.styles else None)
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    _header_row(table.rows[0])
    for cell, text in zip(table.rows[0].cells, columns):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = str(text)
    document.add_paragraph()


def _plain(document, table: Table, caption: str, empty: str) -> None:
    if table.rows:
        _table(document, table.columns, table.rows, caption)
    else:
        document.add_paragraph(empty)


def write(context: ReportContext, path: Path) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)  # A4, not the template's US Letter
    section.left_margin = section.right_margin = Cm(1.5)
    section.header.paragraphs[0].text = f"{context.marking} - {context.la_name}, {context.period_label}"
    _page_number(section.footer.paragraphs[0])
    document.styles["Normal"].font.size = Pt(10)

    document.add_paragraph(context.title, style="Title")
    document.add_paragraph(f"{context.la_name} ({context.la}), {context.period_label}. "
                           f"Produced {context.generated_at.replace('T', ' ')}.")
    document.add_paragraph(context.marking).runs[0].bold = True
    document.add_paragraph(context.footnote)
    if context.benchmarks_note:
        document.add_paragraph(context.benchmarks_note)

    if context.tiles:
        document.add_heading("Performance on a page", level=1)
        document.add_paragraph("Each small chart shows the last eight quarters, oldest first; where it is shaded, "
                               "the band runs from similar councils' average to England's latest published figure.")
        for tile in context.tiles:
            document.add_heading(f"{tile.title}: {tile.value}", level=3)
            png, alt = charting.small_multiple_png(tile.chart)
            if png:
                _picture(document, png, alt, Cm(6))
            document.add_paragraph(f"{tile.rag_label}. {tile.meaning}")

    document.add_heading("Summary", level=1)
    s = context.summary
    _table(document, ("Rating", "Indicators"), (("✔ Green: meets the target", s.green),
                                                ("▲ Amber: within tolerance", s.amber),
                                                ("✖ Red: not meeting the target", s.red),
                                                ("No rating", s.not_rated)))
    for heading, items in (("What has gone well", s.gone_well), ("What needs to improve", s.needs_to_improve)):
        document.add_heading(heading, level=2)
        for item in items or ("None.",):
            document.add_paragraph(item, style="List Bullet")

    document.add_heading("Priorities", level=1)
    _plain(document, context.priorities, "Local priorities", "No priorities are set in the targets file.")

    for part in context.sections:
        document.add_heading(part.title, level=1)
        for r, said in zip(part.exceptions, part.narrative):
            document.add_heading(f"{r.title}: {r.value} ({r.rag_label})", level=2)
            document.add_paragraph(f"Why it is here: {r.why}")
            document.add_paragraph(said + (f" The {r.interval}." if r.interval else ""))
            if r.rule_errors:
                document.add_paragraph(r.rule_errors)
            if r.cause or r.commentary_note:
                document.add_paragraph(f"Cause: {r.cause}\nAction: {r.action}" if r.cause else r.commentary_note)
        if context.detail == "full":
            for paragraph in part.narrative:
                document.add_paragraph(paragraph)
        if part.rows and context.detail == "full":
            _table(document, INDICATOR_COLUMNS, [
                (r.title, r.value, r.previous, r.last_year, r.target, r.rag_label,
                 f"{r.direction}; on a year earlier: {r.direction_year}", r.published_year, r.neighbours,
                 r.region, r.england, r.quartile) for r in part.rows], f"{part.title}: indicators")
        elif part.rows:
            _table(document, COMPACT_COLUMNS, [(r.title, r.value, r.target, r.rag_label, r.direction_year,
                                                r.neighbours, r.region, r.england, r.meaning) for r in part.rows],
                   f"{part.title}: {'the other measures' if part.exceptions else 'every measure'}")
        for r in part.rows:
            if r.rule_errors:
                document.add_paragraph(f"{r.title}: {r.rule_errors}")
            if r.cause or r.commentary_note:
                document.add_heading(f"{r.title}: commentary", level=3)
                document.add_paragraph(f"Cause: {r.cause}\nAction: {r.action}" if r.cause else r.commentary_note)
        for chart in part.charts:
            if chart.spec is None:
                document.add_paragraph(f"{chart.title}: {chart.note}")
                continue
            _picture(document, chart.png(), chart.alt, Cm(16))
            if chart.note:
                document.add_paragraph(chart.note)
            _table(document, chart.columns, chart.rows, f"Data table: {chart.title}")

    document.add_heading("Committee actions", level=1)
    _plain(document, context.actions_outstanding, "Outstanding", "No actions are outstanding.")
    _plain(document, context.actions_answered, "Answered", "No actions have been answered.")

    document.add_heading("Appendices", level=1)
    for title, table, empty in (("Glossary", context.glossary, ""),
                                ("Definitions and what good looks like", context.definitions, ""),
                                ("Data sources and dates", context.sources, "No loads are recorded."),
                                ("12-month trends", context.trends, None),
                                ("Data-quality findings", context.quality, None)):
        if empty is None and not table.columns:
            continue  # full detail only
        document.add_heading(title, level=2)
        _plain(document, table, title, empty or "No data-quality findings are recorded.")
    document.add_paragraph(context.footnote)
    document.save(path)
    return path
