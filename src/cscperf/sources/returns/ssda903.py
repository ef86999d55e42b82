"""SSDA903 CSV tables as submitted: every column of the table's specification, as text.

A table's columns are every column any year's specification gives it, so one table holds every
year; a column the file lacks is blank, and a column the specification does not have is left out
with a note. Headers are matched ignoring case and spacing, as the store's reader matches them.
"""

from __future__ import annotations

from cscperf.quality.findings import Severity
from cscperf.sources.files import SourceFile, header_key, read_csv
from cscperf.sources.returns import RawRows, RawTable, Submitted
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
    rows = {name: RawRows(table) for name, table in TABLES.items()}
    for file in files:
        table, year = file.part, file.collection_year
        submitted.files.append((table, year, file.name))
        if not file.path.read_bytes().strip():
            submitted.findings.add(file.name, "empty-file", "the file is empty: the table is "
                                   "checked as having no rows", Severity.WARNING, table=table)
            continue
        data = read_csv(file, submitted.findings)
        columns = TABLES[table].columns
        given = {header_key(h) for h in data.header}
        expected = schema(year)[table] if year and table in schema(year) else dict.fromkeys(columns)
        for name in expected:
            if name not in given:
                submitted.findings.add(file.name, "column-missing", "the column is missing: "
                                       "checked as blank", table=table, column=name)
        for heading in data.header:
            if header_key(heading) not in columns:
                submitted.findings.add(file.name, "column-not-in-spec", "not a column of the 903 "
                                       f"{table} table; not checked", Severity.INFO, table=table,
                                       column=heading.strip())
        for row, values in data.numbered():
            rows[table].add(year, file.name, row, values)
    submitted.tables = {name: table.to_arrow() for name, table in rows.items() if len(table)}
    return submitted
