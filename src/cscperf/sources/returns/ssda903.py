"""SSDA903 CSV tables as submitted: every column of the table's specification, as text.

A table's columns are every column any year's specification gives it, so one table holds every
year; a column the file lacks is blank, and a column the specification does not have is left out
with a note. Headers are matched ignoring case and spacing, as the store's reader matches them.
"""

from __future__ import annotations

import pyarrow as pa

from cscperf.quality.findings import Severity
from cscperf.sources.files import CsvColumns, SourceFile, header_key, read_columns
from cscperf.sources.returns import RawTable, Submitted
from cscperf.sources.schemas.ssda903 import CHANGES, FIRST_YEAR, schema


def _tables() -> dict[str, RawTable]:
    columns: dict[str, dict[str, str]] = {}
    for year in (FIRST_YEAR, *sorted(CHANGES)):
        for table, fields in schema(year).items():
            for name, spec in fields.items():
                columns.setdefault(table, {})[name] = spec.kind
    return {table: RawTable("ssda903", table, tuple(kinds),
                            frozenset(n for n, kind in kinds.items() if kind == "date"))
            for table, kinds in columns.items()}


TABLES = _tables()


def read(files: list[SourceFile]) -> Submitted:
    submitted = Submitted("ssda903")
    chunks: dict[str, list[pa.Table]] = {}
    for file in files:
        table, year = file.part, file.collection_year
        submitted.files.append((table, year, file.name))
        if not file.path.read_bytes().strip():
            submitted.findings.add(file.name, "empty-file", "the file is empty: the table is "
                                   "checked as having no rows", Severity.WARNING, table=table)
            continue
        data = read_columns(file, submitted.findings)
        _note_columns(data, TABLES[table], year, submitted)
        chunks.setdefault(table, []).append(_columns(data, TABLES[table], year))
    submitted.tables = {name: pa.concat_tables(found) for name, found in chunks.items()}
    return submitted


def _columns(data: CsvColumns, table: RawTable, year: int | None) -> pa.Table:
    """The file's rows as the table's columns: a column the file lacks is blank."""
    where = {}
    for i, heading in enumerate(data.header):
        where.setdefault(header_key(heading), i)
    n = len(data)
    values = [pa.repeat(pa.scalar(year, pa.int32()), n), pa.repeat(pa.scalar(data.file.name), n), data.rows,
              *(data.columns[where[c]] if c in where else pa.nulls(n, pa.string()) for c in table.columns)]
    return pa.table(values, schema=table.arrow_schema())


def _note_columns(data: CsvColumns, table: RawTable, year: int | None, submitted: Submitted) -> None:
    given = {header_key(h) for h in data.header}
    expected = schema(year)[table.name] if year and table.name in schema(year) else table.columns
    for name in expected:
        if name not in given:
            submitted.findings.add(data.file.name, "column-missing", "the column is missing: "
                                   "checked as blank", table=table.name, column=name)
    for heading in data.header:
        if header_key(heading) not in table.columns:
            submitted.findings.add(data.file.name, "column-not-in-spec", "not a column of the 903 "
                                   f"{table.name} table; not checked", Severity.INFO,
                                   table=table.name, column=heading.strip())
