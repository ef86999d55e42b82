"""Ofsted ILACS Annex A workbook: lists 1 to 10 of children, mapped to the SSD tables.

Each list's sheet is found by its name ('List 3', 'list_3') or, failing that, by its headings;
its heading row may sit below a title. Columns are recognised and read as `annex_a_lists` says,
answers as `annex_a_values` says. A child appears on several lists: one person row is kept, and
a list that disagrees with an earlier one is reported. Lists 3 (referrals) and 6 (children in
need) describe the same episodes and are merged by child and referral date.

Annex A is a snapshot, so only what it dates is stored: the current legal status and most recent
placement of a child looked after, each from its start date; the current episode from the latest
of those and the date care started; the latest review, visit, health assessment and dental check.
List 11 (adopters) is not about children and is reported, not read. The collection year is the
year ending on the 31 March on or after the workbook's as-at date (its latest date) or `--year`.

Rows keep provenance by sheet: each list is recorded as a part of the workbook file.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

from cscperf.quality.findings import LoadError, Severity
from cscperf.sources import Detection, workbooks
from cscperf.sources.annex_a_lists import FIELDS, LISTS, NOT_STORED, Heading  # noqa: F401 (FIELDS: docs)
from cscperf.sources.annex_a_rows import BUILD
from cscperf.sources.annex_a_values import Choice
from cscperf.sources.batch import Batch
from cscperf.sources.cells import RowCells
from cscperf.sources.files import SourceFile
from cscperf.sources.years import as_at_date, collection_year

FORMAT = "annex_a"

_LIST_NAME = re.compile(r"\blist\s*[_-]?\s*(\d{1,2})\b", re.IGNORECASE)
_EXCEL_ERROR = re.compile(r"^#(N/A|REF!|VALUE!|DIV/0!|NAME\?|NUM!|NULL!)$")
_HEADING_ROWS = 10  # a list's heading row is among its first rows, below any title


def detect(path: Path, head: bytes) -> Detection | None:
    """Annex A if a sheet is one of its lists; a workbook too large to open safely is refused."""
    if not head.startswith(b"PK\x03\x04") or not workbooks.is_workbook(path):
        return None
    try:
        with workbooks.opened(path) as workbook:
            found = any(_which_list(sheet)[0] for sheet in workbook.worksheets)
    except workbooks.UNREADABLE as error:
        raise workbooks.Refused(workbooks.why_unreadable(error)) from None
    return Detection("workbook") if found else None


def _which_list(sheet) -> tuple[int | None, int | None, list]:
    """(list number, heading row number, headings) of a sheet, or Nones if it is not a list.

    A sheet named for its list ('List 3') needs two of the list's headings, so that a missing
    child ID column is reported as such; any other sheet needs the child ID and the most
    headings of some list.
    """
    named = _LIST_NAME.search(sheet.title)
    number = int(named.group(1)) if named and int(named.group(1)) in LISTS else None
    best = (1 if number and len(LISTS[number]) > 1 else 0, None, None, [])
    for row_number, row in enumerate(sheet.iter_rows(max_row=_HEADING_ROWS, values_only=True), 1):
        headings = [str(v) for v in row if v is not None]
        for candidate in [number] if number else LISTS:
            found = [h for h in LISTS[candidate] if any(h.matches(v) for v in headings)]
            if len(found) > best[0] and (number or any(h.required for h in found)):
                best = (len(found), candidate, row_number, list(row))
    _, found, row_number, headings = best
    return found, row_number, headings


def read(files: list[SourceFile], la: str) -> Batch:
    batch = Batch(FORMAT, la)
    for file in files:
        _Workbook(batch, file).read()
    return batch


@dataclasses.dataclass
class _Row:
    index: int  # the sheet's file in the batch
    number: int  # as Excel numbers it
    values: dict[str, object]  # heading name -> value read
    raw: dict[str, object]  # heading name -> the cell as it was
    stored: dict[str, dict[str, object]]  # store table -> {column: value}, as the headings say

    def table(self, name: str) -> dict[str, object]:
        return dict(self.stored.get(name, {}))


class _Workbook:
    def __init__(self, batch: Batch, file: SourceFile):
        self.batch, self.file = batch, file
        self.lists: dict[int, list[_Row]] = {}
        self.merged: dict[tuple[str, tuple], tuple[str, _Row, dict]] = {}
        self.sheets: dict[int, tuple[int, str]] = {}  # file index -> (list number, sheet name)

    def read(self) -> None:
        try:
            with (workbooks.opened(self.file.path) as values,
                  workbooks.opened(self.file.path, data_only=False) as formulas):
                for sheet in values.worksheets:
                    self._sheet(sheet, formulas[sheet.title])
        except workbooks.Refused as refused:
            raise LoadError(self.file.name, str(refused)) from None
        except workbooks.UNREADABLE as error:
            raise LoadError(self.file.name, workbooks.why_unreadable(error)) from None
        if not self.lists:
            raise LoadError(self.file.name, "no sheet is an Annex A list (no 'List 1' to 'List 11' "
                            "with a child ID column)")
        as_at = as_at_date(v for rows in self.lists.values() for r in rows
                           for v in r.values.values() if isinstance(v, date))
        year = self.file.collection_year or (collection_year(as_at) if as_at else None)
        for part in self.batch.files:
            if part.path == self.file.path:
                part.collection_year = year
        for number, rows in sorted(self.lists.items()):
            for row in rows:
                BUILD[number](self, row, as_at)
        self._add_merged()

    # Reading sheets.

    def _sheet(self, sheet, formula_sheet) -> None:
        number, heading_row, headings = _which_list(sheet)
        if number is None:
            self.batch.findings.add(self.file.name, "sheet-not-read", "the sheet is not one of "
                                    "Annex A's lists; it was not read", Severity.INFO, table=sheet.title)
            return
        if number in self.lists:
            raise LoadError(self.file.name, f"two sheets hold list {number} (the second is "
                            f"'{sheet.title}')")
        part = dataclasses.replace(self.file, part=f"list_{number}")
        index = self.batch.add_file(part)
        self.sheets[index] = (number, sheet.title)
        if number == 11:  # adopters: counted and reported, not read
            count = sum(1 for cells in sheet.iter_rows(min_row=heading_row + 1, values_only=True)
                        if any(v is not None and str(v).strip() for v in cells))
            part.rows_read = count
            self.batch.rows_read += count
            self.batch.findings.add(self.file.name, "list-not-loaded", f"list 11 is about adopters, "
                                    f"not children; its {count} row(s) were not loaded",
                                    Severity.INFO, table=sheet.title)
            return
        columns = self._columns(sheet.title, number, heading_row, headings)
        rows = []
        cells_rows = sheet.iter_rows(min_row=heading_row + 1, values_only=True)
        formula_rows = formula_sheet.iter_rows(min_row=heading_row + 1, values_only=True)
        for number_in_sheet, (cells, formulas) in enumerate(zip(cells_rows, formula_rows),
                                                            heading_row + 1):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
                continue
            rows.append(self._row(sheet.title, index, number_in_sheet, columns, cells, formulas))
        part.rows_read = len(rows)
        self.batch.rows_read += len(rows)
        self.lists[number] = rows

    def _columns(self, sheet: str, number: int, heading_row: int, headings: list) -> dict[int, Heading]:
        """{column position: heading} for the columns stored. A missing required column stops
        the load; other columns missing, not stored or not recognised are reported."""
        columns: dict[int, Heading] = {}
        for exact in (True, False):
            for position, text in enumerate(headings):
                if text is None or position in columns:
                    continue
                for heading in LISTS[number]:
                    if heading not in columns.values() and (
                            heading.named(text) if exact else heading.matches(text)):
                        columns[position] = heading
                        break
        for position, text in enumerate(headings):
            if text is not None and position not in columns:
                self.batch.findings.add(self.file.name, "column-not-read", "not a column of Annex A "
                                        f"list {number}; it was not read", Severity.INFO,
                                        table=sheet, row=heading_row, column=str(text))
        for heading in LISTS[number]:
            if heading not in columns.values():
                if heading.required:
                    raise LoadError(self.file.name, f"sheet '{sheet}' (list {number}) has no "
                                    f"'{heading.name}' column")
                self.batch.findings.add(self.file.name, "column-missing", f"list {number} has no "
                                        f"'{heading.name}' column", Severity.INFO, table=sheet,
                                        row=heading_row, column=heading.name)
        for position, heading in list(columns.items()):
            if heading.store is None:
                del columns[position]
                self.batch.findings.add(self.file.name, "column-not-stored", "the store has no place "
                                        f"for this column ({NOT_STORED[heading.name]}); it was not "
                                        "read", Severity.INFO, table=sheet, row=heading_row,
                                        column=str(headings[position]))
        return columns

    def _row(self, sheet: str, index: int, number: int, columns: dict[int, Heading],
             cells: tuple, formulas: tuple) -> _Row:
        read = RowCells(self.batch.findings, self.file.name, sheet, number)
        values, raw, stored = {}, {}, {}
        for position, heading in columns.items():
            value = cells[position] if position < len(cells) else None
            formula = formulas[position] if position < len(formulas) else None
            if value is None and isinstance(formula, str) and formula.startswith("="):
                read.problem(heading.name, formula, "formula-not-calculated", "the workbook was "
                              "saved without calculating this formula; the cell was read as blank")
            elif isinstance(value, str) and _EXCEL_ERROR.match(value.strip()):
                read.problem(heading.name, value, "excel-error", "an Excel error, not a value")
                value = None
            raw[heading.name] = value
            values[heading.name] = self._value(read, heading, value)
            table, column = heading.store.split(".")
            stored.setdefault(table, {})[column] = values[heading.name]
        return _Row(index, number, values, raw, stored)

    def _value(self, read: RowCells, heading: Heading, value: object) -> object:
        if isinstance(heading.read, Choice):
            return read.parsed(heading.name, value, heading.read.read, heading.required)
        if heading.read == "id":
            return read.id(heading.name, value, heading.required)
        return getattr(read, heading.read)(heading.name, value, required=heading.required)

    # Rows for the store.

    def add(self, table: str, row: _Row, key: tuple | None = None, **values) -> None:
        """Add a row; with a key, rows with the same key from several lists are merged."""
        if key is None or any(k is None for k in key):
            self.batch.rows(table).add(row.index, row.number, **values)
            return
        if (table, key) not in self.merged:
            self.merged[(table, key)] = (table, row, dict(values))
            return
        _, first, kept = self.merged[(table, key)]
        for column, value in values.items():
            if value is None:
                continue
            if kept.get(column) is None:
                kept[column] = value
            elif kept[column] != value and not column.endswith("_id"):
                number, sheet = self.sheets[row.index]
                heading = next(h.name for h in LISTS[number] if h.store == f"{table}.{column}")
                self.batch.findings.add(
                    self.file.name, "lists-disagree", f"differs from row {first.number} of sheet "
                    f"'{self.sheets[first.index][1]}', whose value was kept", table=sheet,
                    row=row.number, column=heading, value=str(value))

    def _add_merged(self) -> None:
        for table, row, values in self.merged.values():
            self.batch.rows(table).add(row.index, row.number, **values)

