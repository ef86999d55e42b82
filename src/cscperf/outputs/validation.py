"""What `cscperf validate` writes: one row per breach, a summary of the rules run, breached and
not run (with why), and an Excel workbook laid out for a data team fixing records."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import TextIO

from cscperf.quality.rules.files import Checked
from cscperf.quality.rules.run import Breach, Outcome

COLUMNS = ["rule", "severity", "message", "file", "row", "columns", "child", "values"]
# On screen the messages are listed once per rule, under the table.
SCREEN_COLUMNS = ["rule", "severity", "file", "row", "child", "values"]


def rows(checked: Checked, columns: list[str] = COLUMNS) -> Iterator[tuple]:
    """Each breach: errors first, then by rule, file and row; `columns` (two or more) of COLUMNS."""
    shown = itemgetter(*(COLUMNS.index(c) for c in columns))
    for b in sorted((b for o in checked.outcomes for b in o.breaches), key=_order):
        yield shown((b.rule, b.severity, b.message, b.file, b.row, b.columns, b.child, _values(b)))


def _order(breach: Breach) -> tuple:
    return (breach.severity != "error", breach.rule, breach.file, breach.row or 0)


def _values(breach: Breach) -> str:
    return "; ".join(f"{name}={'' if v is None else v}" for name, v in breach.values.items())


def write_csv(checked: Checked, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(checked))


def summary(checked: Checked) -> list[str]:
    """Plain lines: per return, which list checked it, rules run, breached and not run with why;
    then the notes from reading the files."""
    lines = []
    for outcome in checked.outcomes:
        breached = outcome.breached()
        errors = sum(n for code, n in breached.items() if _severity(outcome, code) == "error")
        lines.append(f"{outcome.list_note}: {len(outcome.run)} rules run, {len(breached)} breached "
                     f"({errors:,} error rows, {sum(breached.values()) - errors:,} query rows), "
                     f"{len(outcome.not_run)} not run.")
        for rule in outcome.run:
            if breached[rule.code]:
                lines.append(f"  {rule.code} ({rule.severity}, {breached[rule.code]:,} rows): "
                             f"{rule.message(outcome.list_year)}")
        by_reason: dict[str, list[str]] = defaultdict(list)
        for code, why in outcome.not_run.items():
            by_reason[why].append(code)
        for why, codes in sorted(by_reason.items(), key=lambda item: -len(item[1])):
            lines.append(f"  not run, {why}: {' '.join(codes)}")
    for note in checked.notes:
        lines.append(f"{note.where()}: {note.message}")
    if not checked.outcomes:
        lines.append("No SSDA903 or CIN census return was found to check.")
    return lines


def _severity(outcome: Outcome, code: str) -> str:
    return next(r.severity for r in outcome.run if r.code == code)


def write_xlsx(checked: Checked, path: Path) -> None:
    """A summary sheet (every rule breached, worst first, and those not run), then one sheet per
    rule breached: each row to fix with the child, file, row and the values in question."""
    from openpyxl import Workbook  # here: only a workbook needs it, and it is slow to import

    book = Workbook()
    sheet = book.active
    sheet.title = "Summary"
    for line in summary(checked):
        sheet.append([line])
    sheet.append([])
    _header(sheet, ["Rule", "Severity", "Message", "Rows", "Children", "Sheet"])
    by_rule: dict[str, list[Breach]] = defaultdict(list)
    for breach in sorted((b for o in checked.outcomes for b in o.breaches), key=_order):
        by_rule[breach.rule].append(breach)
    counts = Counter({rule: len(found) for rule, found in by_rule.items()})
    for rule, found in sorted(by_rule.items(), key=lambda i: (i[1][0].severity != "error", -counts[i[0]])):
        sheet.append([rule, found[0].severity, found[0].message, len(found),
                      len({b.child for b in found}), _sheet_name(rule)])
    for rule, found in by_rule.items():
        detail = book.create_sheet(_sheet_name(rule))
        detail.append([f"{rule} ({found[0].severity}): {found[0].message}"])
        _bold([detail.cell(1, 1)])
        fields = list(dict.fromkeys(name for b in found for name in b.values))
        _header(detail, ["Child", "File", "Row", *fields])
        for b in found:
            detail.append([b.child, b.file, b.row, *(b.values.get(f) for f in fields)])
        detail.freeze_panes = "A3"
    book.save(path)


def _header(sheet, names: list[str]) -> None:
    sheet.append(names)
    _bold(sheet[sheet.max_row])


def _bold(cells) -> None:
    from openpyxl.styles import Font

    for cell in cells:
        cell.font = Font(bold=True)


def _sheet_name(rule: str) -> str:
    return f"Rule {rule}"[:31]
