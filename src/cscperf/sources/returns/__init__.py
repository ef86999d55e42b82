"""The returns as submitted: every SSDA903 table and the CIN census flattened into tables, each
value kept as the text the file gave, before any cell is read, blanked or normalised.

The DfE's validation rules (`quality/rules/`) run on these tables, so a code that is not in the
year's list is reported as that rule says, not as a blank. Each row carries its collection year,
file and row (the Excel row for a CSV, the XML line for the census). `read(files)` reads the files
of one format; `cscperf validate` reads them without a store, and a load keeps them in the store
(schemas `ssda903` and `cin_census`), replaced per authority, year and table.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

import pyarrow as pa

from cscperf.quality.findings import Findings
from cscperf.sources.files import SourceFile

PROVENANCE = ("collection_year", "source_file", "source_row")


@dataclass(frozen=True)
class RawTable:
    """One table of a return: its columns in order, and which of them hold dates."""

    format: str  # ssda903, cin_census
    name: str  # as the rules call it: episodes, header, cin_details, ...
    columns: tuple[str, ...]
    dates: frozenset[str] = frozenset()
    child: str = "CHILD"  # the column holding the child's ID
    keys: frozenset[str] = frozenset()  # numbers cscperf adds to link tables (CIN census)

    @property
    def qualified(self) -> str:
        return f"{self.format}.{self.name}"

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([("collection_year", pa.int32()), ("source_file", pa.string()),
                          ("source_row", pa.int32()),
                          *((c, pa.int32() if c in self.keys else pa.string()) for c in self.columns)])


class RawRows:
    """Rows for one raw table, as text: gathered as tuples and turned into Arrow a chunk at a time,
    so a large census holds compact columns rather than millions of Python strings."""

    CHUNK = 2_000

    def __init__(self, table: RawTable):
        self.table = table
        self.schema = table.arrow_schema()
        self.rows: list[tuple] = []
        self.chunks: list[pa.Table] = []
        self.count = 0

    def add(self, year: int | None, file: str, row: int, values: dict[str, str | None]) -> None:
        """One row: `values` by column name (other names are ignored, missing ones are blank)."""
        self.rows.append((year, file, row, *map(values.get, self.table.columns)))
        self.count += 1
        if len(self.rows) >= self.CHUNK:
            self._flush()

    def _flush(self) -> None:
        columns = zip(*self.rows)
        self.chunks.append(pa.table([pa.array(c, f.type) for c, f in zip(columns, self.schema)],
                                    schema=self.schema))
        self.rows = []

    def __len__(self) -> int:
        return self.count

    def to_arrow(self) -> pa.Table:
        if self.rows:
            self._flush()
        return pa.concat_tables(self.chunks) if self.chunks else self.schema.empty_table()


@dataclass
class Submitted:
    """What was read: raw tables by name, the files each table came from, and reading notes."""

    format: str
    tables: dict[str, pa.Table] = field(default_factory=dict)
    # (table, collection year, file name) for each file given, even one with no rows: a rule
    # about a table runs only when that table was given.
    files: list[tuple[str, int | None, str]] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)

    def years(self) -> set[int]:
        return {year for _, year, _ in self.files if year is not None}


# The formats whose returns the DfE validates, each read by the module of the same name here.
FORMATS = ("ssda903", "cin_census")


def _module(format: str):
    return importlib.import_module(f"cscperf.sources.returns.{format}")


def tables(format: str) -> dict[str, RawTable]:
    """The raw tables of a format, by name."""
    return _module(format).TABLES


def read(format: str, files: list[SourceFile]) -> Submitted:
    """The files of one format (as `sources.identify` grouped them) as raw tables."""
    return _module(format).read(files)
