"""The report as an Excel workbook: a summary sheet, one sheet per section with every figure and
its definition (and the data of the section's charts), then priorities, committee actions and the
appendices. Row 1 of every sheet, and its printed header, carry the marking.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from cscperf.outputs.report.context import ReportContext, Section, Table

BOLD = Font(bold=True)
INTERNAL_FILL = PatternFill("solid", fgColor="0B0C0C")
SECTION_COLUMNS = ("Indicator", "Id", "Unit", "Which way is better", "This period", "Period before",
                   "Year earlier", "Target", "RAG", "Direction of travel", "On a year earlier",
                   "Published year", "Our published", "Statistical neighbours (mean)", "Neighbours' values",
                   "Region", "England", "Quartile", "Definition", "What good looks like", "Cause", "Action")


def _sheet(book: Workbook, title: str, context: ReportContext):
    sheet = book.create_sheet(re.sub(r"[\[\]:*?/\\]", "", title)[:31])
    sheet.append([f"{context.marking}: {context.la_name}, {context.period_label}"])
    sheet["A1"].font = Font(bold=True, color="FFFFFF") if context.internal else BOLD
    if context.internal:
        sheet["A1"].fill = INTERNAL_FILL
    sheet.oddHeader.center.text = context.marking
    sheet.append([context.footnote])
    sheet.append([])
    return sheet


def _rows(sheet, columns, rows, title: str | None = None) -> None:
    if title:
        sheet.append([title])
        sheet.cell(sheet.max_row, 1).font = BOLD
    sheet.append(list(columns))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for row in rows:
        sheet.append(list(row))
    sheet.append([])


def _section(book: Workbook, part: Section, context: ReportContext) -> None:
    sheet = _sheet(book, part.title, context)
    definitions = {row[1]: row for row in context.definitions.rows}
    _rows(sheet, SECTION_COLUMNS, [
        (r.title, r.id, r.unit, r.polarity, r.value, r.previous, r.last_year, r.target, r.rag_label,
         r.direction, r.direction_year, r.published_year, r.published_own, r.neighbours, r.neighbour_values,
         r.region, r.england, r.quartile, definitions[r.id][2], definitions[r.id][6],
         r.cause or r.commentary_note or "", r.action or "") for r in part.rows], part.title)
    for paragraph in part.narrative:
        sheet.append([paragraph])
    sheet.append([])
    for chart in part.charts:
        _rows(sheet, chart.columns, chart.rows, f"Chart data: {chart.title}")
    for index, width in enumerate((34, 24, 14, 18, 22), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def write(context: ReportContext, path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    summary = _sheet(book, "Summary", context)
    s = context.summary
    _rows(summary, ("Rating", "Indicators"), [("Green: meets the target", s.green), ("Amber: within tolerance", s.amber),
                                              ("Red: not meeting the target", s.red), ("No rating", s.not_rated)],
          f"{context.title}: {context.la_name} ({context.la}), {context.period_label}")
    _rows(summary, ("What has gone well",), [(t,) for t in s.gone_well])
    _rows(summary, ("What needs to improve",), [(t,) for t in s.needs_to_improve])
    if context.benchmarks_note:
        summary.append([context.benchmarks_note])
    summary.column_dimensions["A"].width = 60
    for part in context.sections:
        _section(book, part, context)
    tables: tuple[tuple[str, Table], ...] = (
        ("Priorities", context.priorities), ("Actions outstanding", context.actions_outstanding),
        ("Actions answered", context.actions_answered), ("Definitions", context.definitions),
        ("Trends", context.trends), ("Data sources", context.sources), ("Data quality", context.quality))
    for title, table in tables:
        _rows(_sheet(book, title, context), table.columns, table.rows, title)
    book.save(path)
    return path
