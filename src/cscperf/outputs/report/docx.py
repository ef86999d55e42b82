"""The report as a Word document in plain built-in styles (Title, Heading 1-3, Normal, List
Bullet, Table Grid), so an officer can paste it into the council's committee template and let the
template's own styles take over. Charts are pictures with their text alternative set as alt text,
each followed by its data table. The marking is in every page's header.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from cscperf.outputs.report.context import ReportContext, Table

INDICATOR_COLUMNS = ("Indicator", "This period", "Period before", "Year earlier", "Target", "RAG",
                     "Direction of travel", "Published year", "Statistical neighbours", "England", "Quartile")


def _table(document, columns, rows, caption: str | None = None) -> None:
    if caption:
        document.add_paragraph(caption, style="Caption" if "Caption" in document.styles else None)
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
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
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(1.5)
    section.header.paragraphs[0].text = f"{context.marking} - {context.la_name}, {context.period_label}"
    document.styles["Normal"].font.size = Pt(10)

    document.add_paragraph(context.title, style="Title")
    document.add_paragraph(f"{context.la_name} ({context.la}), {context.period_label}. "
                           f"Produced {context.generated_at.replace('T', ' ')}.")
    document.add_paragraph(context.marking).runs[0].bold = True
    document.add_paragraph(context.footnote)
    if context.benchmarks_note:
        document.add_paragraph(context.benchmarks_note)

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
        for paragraph in part.narrative:
            document.add_paragraph(paragraph)
        _table(document, INDICATOR_COLUMNS, [
            (r.title, r.value, r.previous, r.last_year, r.target, r.rag_label,
             f"{r.direction}; on a year earlier: {r.direction_year}", r.published_year, r.neighbours,
             r.england, r.quartile) for r in part.rows], f"{part.title}: indicators")
        for r in part.rows:
            if r.cause or r.commentary_note:
                document.add_heading(f"{r.title}: commentary", level=3)
                document.add_paragraph(f"Cause: {r.cause}\nAction: {r.action}" if r.cause else r.commentary_note)
        for chart in part.charts:
            document.add_picture(BytesIO(chart.png()), width=Cm(16))
            document.inline_shapes[-1]._inline.docPr.set("descr", chart.alt)
            _table(document, chart.columns, chart.rows, f"Data table: {chart.title}")

    document.add_heading("Committee actions", level=1)
    _plain(document, context.actions_outstanding, "Outstanding", "No actions are outstanding.")
    _plain(document, context.actions_answered, "Answered", "No actions have been answered.")

    document.add_heading("Appendices", level=1)
    for title, table, empty in (("A. Definitions and what good looks like", context.definitions, ""),
                                ("B. 12-month trends", context.trends, ""),
                                ("C. Data sources and dates", context.sources, "No loads are recorded."),
                                ("D. Data-quality findings", context.quality, "No data-quality findings are recorded.")):
        document.add_heading(title, level=2)
        _plain(document, table, title, empty)
    document.add_paragraph(context.footnote)
    document.save(path)
    return path
