"""The report as an Excel workbook an analyst can sort, filter and chart, and a council can publish.

Figures are numbers with number formats (never text such as '38.4% (481 of 1,251)'): value,
numerator, denominator, the 95% interval, target and each published benchmark in a column of its
own; a withheld figure is an empty cell beside a 'Shown' column saying [c], or naming the part
withheld ('[c] numerator': an average's total) when the figure itself is shown. Sheets: a summary,
one tidy sheet per section of the child's journey (one row per indicator), 'All figures' (one row
per indicator, period and group: every figure the report draws), 'Similar councils' (each
neighbour's published value), then priorities, committee actions, glossary, definitions and data
sources (and, in full detail, the 12-month trends and data-quality findings). An internal
workbook's section sheets say, per indicator, how many of its children have data the DfE would
reject, and which rules. Every table's header
row is frozen and filtered; every text cell is written as text, so a committee action or a
heading beginning '=' never becomes a formula. Row 1 of every sheet, and its printed header,
carry the marking.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from cscperf.compare import meaning
from cscperf.compare.figure import MARK, Figure
from cscperf.compare.pack import Pack
from cscperf.compare.scorecard import Card, Scorecard
from cscperf.outputs.report.context import ReportContext, Table
from cscperf.outputs.report.formats import POLARITY_WORDS, unit_words

BOLD = Font(bold=True)
DATE = "yyyy-mm-dd"
INTERNAL_FILL = PatternFill("solid", fgColor="0B0C0C")
SECTION_COLUMNS = ("Indicator", "Unit", "Which way is better", "Period", "Value", "Numerator", "Denominator",
                   "Shown", "95% interval, lower", "95% interval, upper", "Period before", "Year earlier",
                   "Target", "RAG", "On a year earlier", "Published year", "Our published value",
                   "Similar councils' average", "Region", "England", "National rank", "Ranked out of",
                   "Quartile", "What it means", "Cause", "Action")
SECTION_NUMBERS = (4, 8, 9, 10, 11, 12, 16, 17, 18, 19)  # columns in the indicator's own format
COUNTS = {5: "#,##0", 6: "#,##0", 20: "0", 21: "0"}
# Internal workbooks only: which of a figure's children have data the DfE would reject.
RULE_ERROR_COLUMNS = ("Children with DfE rule errors", "DfE rules broken (children)")
FIGURE_COLUMNS = ("Indicator", "Section", "Unit", "Period", "First day", "Last day", "Breakdown", "Group",
                  "Value", "Numerator", "Denominator", "Shown")


def _text_safe(cell) -> None:
    """A string is always text: openpyxl would otherwise store '=...' as a live formula."""
    if isinstance(cell.value, str) and cell.data_type != "s":
        cell.data_type = "s"


def _append(sheet, values, formats: dict[int, str] | None = None) -> int:
    """Write `values` as the sheet's next row. openpyxl works out `max_row` by looking at every
    cell, so a table numbers its own rows (`_put`) rather than appending each."""
    return _put(sheet, sheet.max_row + 1, values, formats)


def _put(sheet, row: int, values, formats: dict[int, str] | None = None) -> int:
    for index, value in enumerate(values):
        if value is None or value == "":
            continue
        cell = sheet.cell(row, index + 1, value)
        _text_safe(cell)
        if formats and index in formats and isinstance(value, (int, float, date)):
            cell.number_format = formats[index]
    return row


def _sheet(book: Workbook, title: str, context: ReportContext):
    sheet = book.create_sheet(re.sub(r"[\[\]:*?/\\]", "", title)[:31])
    _put(sheet, 1, [f"{context.marking}: {context.la_name}, {context.period_label}"])
    sheet["A1"].font = Font(bold=True, color="FFFFFF") if context.internal else BOLD
    if context.internal:
        sheet["A1"].fill = INTERNAL_FILL
    sheet.oddHeader.center.text = context.marking
    _put(sheet, 2, [context.footnote])
    return sheet


def _table(sheet, columns, rows, formats=None, widths=(34,)) -> None:
    """A table whose header row is frozen and filtered; one table per sheet. `formats`: for each
    row, {column index: number format} (or one such dict for every row)."""
    header = _put(sheet, sheet.max_row + 2, columns)  # after a blank row
    for cell in sheet[header]:
        cell.font = BOLD
    rows = list(rows)
    each = formats if isinstance(formats, list) else [formats] * len(rows)
    for number, (row, row_formats) in enumerate(zip(rows, each), start=header + 1):
        _put(sheet, number, row, row_formats)
    sheet.freeze_panes = sheet.cell(header + 1, 2)
    sheet.auto_filter.ref = f"A{header}:{get_column_letter(len(columns))}{header + len(rows)}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _format(card: Card) -> str:
    d = card.definition
    places = "0" + ("." + "0" * d.decimals if d.decimals else "")
    return f'{places}"%"' if d.unit == "percent" else ("#,##" + places)


def _shown(figure: Figure) -> str:
    """The note beside a figure: withheld; or the parts of it withheld (an average's total, when
    its value is shown), and why there is none or why its history is incomplete."""
    if figure.withheld("value"):
        return MARK
    notes = [f"{MARK} {' and '.join(figure.suppressed)}"] if figure.suppressed else []
    if figure.value is None:
        notes.append(figure.reason or "No figure")
    elif figure.history:
        notes.append(figure.history)
    return "; ".join(notes)


def _period(figure: Figure) -> str:
    """The period in words; a published figure's also names the year it was published for."""
    return f"{figure.label}: {figure.note}" if figure.note else figure.label


def _section_row(card: Card, pack: Pack) -> tuple:
    d, now, p, a = card.definition, card.current, card.published, pack.assessment(card.definition.id)
    published = p if p is not None and not p.unavailable else None
    comparable = d.unit != "count"
    return (d.title, unit_words(d.unit), POLARITY_WORDS[d.polarity], _period(now), now.value, now.numerator,
            now.denominator, _shown(now), a.interval.low if a.interval else None,
            a.interval.high if a.interval else None, card.previous.value, card.last_year.value, card.target,
            card.rag_label or "", card.since_last_year.label if card.since_last_year else "",
            published.year if published else None, published.authority if published and comparable else None,
            published.neighbour_mean if published and comparable else None,
            published.region if published and comparable else None,
            published.england if published and comparable else None,
            published.rank if published and comparable else None,
            published.ranked_out_of if published and comparable else None,
            published.quartile if published and comparable else None,
            meaning.sentence(card, a), card.cause or card.commentary_note or "", card.action or "")


def _rule_errors(card: Card) -> tuple:
    errors = card.rule_errors
    if errors is None:
        return (0, "")
    return (errors.children, ", ".join(f"{r.rule} ({r.children})" for r in errors.rules))


def _figures(scorecard: Scorecard) -> list[tuple]:
    """Every figure the report draws, once: (indicator, period, group) in journey order."""
    rows, seen = [], set()
    for card in scorecard.cards:
        d = card.definition
        points = [(None, f) for f in (*card.series, *card.trend, card.previous, card.last_year, card.current)]
        points += [(b.id, g) for b in card.breakdowns for g in b.groups]
        for breakdown, f in sorted(points, key=lambda p: (p[0] or "", p[1].end, p[1].start, p[1].group or "")):
            key = (d.id, f.period, breakdown, f.group)
            if key in seen:
                continue
            seen.add(key)
            rows.append((d.title, d.section_title, unit_words(d.unit), _period(f), date.fromisoformat(f.start),
                         date.fromisoformat(f.end),
                         breakdown.replace("_", " ") if breakdown else "", f.group or "", f.value, f.numerator,
                         f.denominator, _shown(f), _format(card)))
    return rows


def write(context: ReportContext, scorecard: Scorecard, pack: Pack, path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    summary = _sheet(book, "Summary", context)
    s = context.summary
    _append(summary, [f"{context.title}: {context.la_name}, {context.period_label}"])
    _table(summary, ("Rating or list", "Indicators or what it says"),
           [("Green: meets the target", s.green), ("Amber: within tolerance", s.amber),
            ("Red: not meeting the target", s.red), ("No rating", s.not_rated),
            *(("What has gone well", t) for t in s.gone_well),
            *(("What needs to improve", t) for t in s.needs_to_improve)], widths=(30, 120))
    if context.benchmarks_note:
        _append(summary, [context.benchmarks_note])
    # every section's every indicator, whatever the pack shows (the workbook is the analyst's)
    extra = RULE_ERROR_COLUMNS if scorecard.internal else ()
    for section, title in {c.definition.section: c.definition.section_title for c in scorecard.cards}.items():
        cards = [c for c in scorecard.cards if c.definition.section == section]
        _table(_sheet(book, title, context), SECTION_COLUMNS + extra,
               [_section_row(c, pack) + (_rule_errors(c) if extra else ()) for c in cards],
               [dict.fromkeys(SECTION_NUMBERS, _format(c)) | COUNTS for c in cards], widths=(40, 14, 18, 30))
    figures = _figures(scorecard)
    _table(_sheet(book, "All figures", context), FIGURE_COLUMNS, [f[:-1] for f in figures],
           [{4: DATE, 5: DATE, 8: f[-1], 9: "#,##0", 10: "#,##0"} for f in figures], widths=(40, 22, 14, 30, 12, 12))
    _table(_sheet(book, "Similar councils", context), ("Indicator", "Published year", "Council", "Value", "Shown"),
           [(c.definition.title, c.published.year, n.name, n.value, n.shown)
            for c in scorecard.cards if c.published and not c.published.unavailable and c.definition.unit != "count"
            for n in c.published.neighbours], widths=(40, 14, 30))
    tables: tuple[tuple[str, Table], ...] = (
        ("Priorities", context.priorities), ("Actions outstanding", context.actions_outstanding),
        ("Actions answered", context.actions_answered), ("Glossary", context.glossary),
        ("Definitions", context.definitions), ("Data sources", context.sources),
        ("Trends", context.trends), ("Data quality", context.quality))
    for title, table in tables:
        if table.columns:
            _table(_sheet(book, title, context), table.columns, table.rows)
    book.save(path)
    return path
