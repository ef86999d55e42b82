"""SSDA903 (children looked after) CSV tables: header, episodes, reviews, uasc, oc2, oc3, ad1,
placed_for_adoption, previous_permanence, missing, social_worker (from 2023-24) and dolo
(Deprivation of Liberty Orders, from 2026-27).

A file is recognised as a 903 table by its header row. Its collection year comes from the file
name (`SSDA903_2025_episodes.csv`, `2024-25`, `2425`) or `--year`. Each cell is read as that
year's specification says (`sources/schemas/ssda903.py`) and written where `mapping.py` says.
A child's episodes that overlap within a file are reported (`overlaps.py`).
"""

from __future__ import annotations

from pathlib import Path

from cscperf.quality.findings import Findings, LoadError, Severity
from cscperf.sources import Detection
from cscperf.sources.batch import Batch
from cscperf.sources.collection_year import from_name
from cscperf.sources.files import CsvTable, SourceFile, decode, header_key, header_row, read_csv
from cscperf.sources.schemas.ssda903 import (
    WITHIN_YEAR_RULES,
    Field,
    all_columns,
    first_year,
    schema,
)
from cscperf.sources.ssda903.cells import Cells903, year_end
from cscperf.sources.ssda903.mapping import FIELDS, OUTPUTS
from cscperf.sources.ssda903.overlaps import Overlaps
from cscperf.sources.ssda903.writer import Writer
from cscperf.store.postcodes import lookup

FORMAT = "ssda903"
__all__ = ["FORMAT", "FIELDS", "detect", "read"]

_TABLE_COLUMNS = all_columns()
_SHARED = {"CHILD", "DOB", "SEX"}  # in several tables, so they do not tell tables apart
Postcode = tuple[Cells903, str, str, str]  # the row's cells, column, value as given, as read


def detect(path: Path, head: bytes) -> Detection | None:
    """A 903 table if the header row has CHILD and columns of one table more than any other."""
    if not head.strip():  # a blank file: its name is the only evidence of its table
        stem = path.stem.lower()
        table = max((t for t in _TABLE_COLUMNS if stem.endswith(t)), key=len, default=None)
        return Detection(part=table, collection_year=from_name(path.name)) if table else None
    header = {header_key(h) for h in header_row(decode(head)) or []}
    if "CHILD" not in header:
        return None
    scores = {table: len(header & columns) / len(header | columns)
              for table, columns in _TABLE_COLUMNS.items() if (header & columns) - _SHARED}
    best = [table for table, score in scores.items() if score == max(scores.values())]
    if len(best) != 1:
        return None
    return Detection(part=best[0], collection_year=from_name(path.name))


def read(files: list[SourceFile], la: str) -> Batch:
    batch = Batch(format=FORMAT, la=la)
    writer = Writer(batch)
    postcodes: list[Postcode] = []  # looked up together: each letter's file is read once
    for file in files:
        _read_file(file, batch.add_file(file), batch, writer, postcodes)
    writer.flush()
    known = lookup({value for *_, value in postcodes})
    for cells, column, raw, value in postcodes:
        if value not in known:
            cells.problem(column, raw, "postcode-unknown", "not in the ONS postcode directory; "
                          "kept, but no distance can be worked out from it")
    return batch


def _read_file(file: SourceFile, index: int, batch: Batch, writer: Writer,
               postcodes: list[Postcode]) -> None:
    year, table = file.collection_year, file.part
    if year is None:
        raise LoadError(file.name, "the collection year is not in the file name; give it with "
                        "--year (the year the return ends: 2025 for 2024-25)")
    file.rows_read = 0
    if table not in schema(year):
        batch.findings.add(file.name, "table-not-in-year", f"the 903 {table} table is part of the "
                           f"return from {first_year(table)}, not in {year}; not loaded (if the "
                           f"file is from a later return, give its year)", Severity.WARNING, table=table)
        return
    fields = schema(year)[table]
    if not file.path.read_bytes().strip():
        batch.findings.add(file.name, "empty-file", "the file is empty; nothing was read",
                           Severity.WARNING, table=table)
        return
    data = read_csv(file, batch.findings)
    _check_columns(data, table, fields, year, batch.findings)
    late: dict[str, list[int]] = {}  # rows with a date after the collection year, by column
    overlaps = Overlaps()
    rows = 0
    for row_number, raw in data.numbered():
        rows += 1
        cells = Cells903(batch.findings, file.name, table, row_number)
        values = {name: cells.read(name, field, raw.get(name)) for name, field in fields.items()}
        for name, value in values.items():
            if value and fields[name].kind == "postcode":
                postcodes.append((cells, name, raw[name], value))
            if value and (table, name) in WITHIN_YEAR_RULES and value > year_end(year):
                late.setdefault(name, []).append(row_number)
        if table == "episodes":
            overlaps.add(row_number, values["CHILD"], values["DECOM"], values["DEC"], raw.get("DECOM"))
        for out in OUTPUTS[table]:
            writer.write(out, index, row_number, values, raw, year, cells)
    _report_late_dates(late, file.name, table, year, batch.findings)
    overlaps.report(file.name, batch.findings)
    if not rows:
        batch.findings.add(file.name, "no-rows", "the file has a header but no rows",
                           Severity.INFO, table=table)
    file.rows_read = rows
    batch.rows_read += rows


def _check_columns(data: CsvTable, table: str, fields: dict[str, Field], year: int,
                   findings: Findings) -> None:
    present = {header_key(h) for h in data.header}
    missing = [name for name, field in fields.items() if field.required and name not in present]
    if missing:
        raise LoadError(data.file.name,
                        f"the 903 {table} table needs column(s) {', '.join(missing)}")
    for name in fields.keys() - present:
        findings.add(data.file.name, "column-missing", "optional column missing; read as blank",
                     table=table, column=name)
    for heading in data.header:
        if header_key(heading) not in fields:
            findings.add(data.file.name, "column-not-in-spec", f"not a column of the {year} 903 "
                         f"{table} table; not read", table=table, column=heading.strip())


def _report_late_dates(late: dict[str, list[int]], file: str, table: str, year: int,
                       findings: Findings) -> None:
    """One finding per column: usually the whole file is from another year than it says."""
    for name, rows in late.items():
        findings.add(file, WITHIN_YEAR_RULES[(table, name)],
                     f"{len(rows)} date(s) after {year_end(year):%d/%m/%Y}, the end of the {year} "
                     f"collection year (first at row {rows[0]}); kept as given. If this is the "
                     f"{year}-{(year + 1) % 100:02d} return, load it with --year {year + 1}",
                     table=table, column=name)
