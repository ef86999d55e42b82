"""What a reader hands to the store: rows for SSD tables, the files they came from, and findings."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import pyarrow as pa

from cscperf.quality.findings import Findings
from cscperf.sources.files import SourceFile
from cscperf.sources.returns import Submitted
from cscperf.store.schema import TABLES_BY_NAME, Column, Table

_ARROW_TYPES = {"VARCHAR": pa.string(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("s"),
                "INTEGER": pa.int32(), "DOUBLE": pa.float64()}


def arrow_type(column: Column) -> pa.DataType:
    return _ARROW_TYPES[column.type]


@dataclass
class Rows:
    """Rows for one store table, held column by column."""

    table: Table
    values: dict[str, list] = field(default_factory=dict)
    file_index: list[int] = field(default_factory=list)
    source_row: list[int | None] = field(default_factory=list)
    # Columns the source gave (even blank) for some row: the loader keeps an earlier load's
    # value for the others when a row replaces one with the same key.
    given: set[str] = field(default_factory=set)

    def __post_init__(self):
        self.values = {name: [] for name in self.table.column_names}

    def add(self, file_index: int, source_row: int | None, **values) -> None:
        """Append one row; columns not given are null. Unknown columns are a programming error."""
        if not values.keys() <= self.values.keys():
            raise KeyError(f"{self.table.name} has no column(s) {sorted(values.keys() - self.values.keys())}")
        self.given.update(values)
        for name, column in self.values.items():
            column.append(values.get(name))
        self.file_index.append(file_index)
        self.source_row.append(source_row)

    def __len__(self) -> int:
        return len(self.file_index)

    def to_arrow(self) -> pa.Table:
        arrays = {c.name: pa.array(self.values[c.name], arrow_type(c))
                  for c in self.table.columns}
        arrays["_file_index"] = pa.array(self.file_index, pa.int32())
        arrays["source_row"] = pa.array(self.source_row, pa.int32())
        return pa.table(arrays)


@dataclass
class ArrowRows:
    """Rows already in Arrow form: what the SSD reader builds, column by column, and what a
    worker process hands back, as it pickles as buffers rather than as millions of Python objects."""

    arrow: pa.Table
    given: set[str]

    def __len__(self) -> int:
        return self.arrow.num_rows

    def to_arrow(self) -> pa.Table:
        return self.arrow

    def columns(self, *names: str) -> dict[str, list]:
        """Some columns' values, for the few steps after reading that go row by row."""
        return self.arrow.select(list(names)).to_pydict()

    def replace(self, name: str, values: list) -> None:
        """A column's values set anew (as `columns` gives them)."""
        index = self.arrow.schema.get_field_index(name)
        field_ = self.arrow.schema.field(index)
        self.arrow = self.arrow.set_column(index, field_, pa.array(values, field_.type))


@dataclass
class Batch:
    """Everything one reader read from one authority's files, ready to load in one go."""

    format: str
    la: str
    files: list[SourceFile] = field(default_factory=list)
    findings: Findings = field(default_factory=Findings)
    tables: dict[str, Rows | ArrowRows] = field(default_factory=dict)
    rows_read: int = 0
    returns: Submitted | None = None  # the 903 or CIN census files as submitted, for the DfE's rules

    def rows(self, table_name: str) -> Rows:
        if table_name not in self.tables:
            self.tables[table_name] = Rows(TABLES_BY_NAME[table_name])
        return self.tables[table_name]

    def add_file(self, file: SourceFile) -> int:
        self.files.append(file)
        return len(self.files) - 1

    def packed(self) -> Batch:
        """The same batch with its rows in Arrow form, to send to another process."""
        return replace(self, tables={name: ArrowRows(rows.to_arrow(), rows.given)
                                     for name, rows in self.tables.items()})


def record_id(*parts: object) -> str | None:
    """A readable, deterministic ID for a record a return does not number, built from its
    natural key: 'A123/2024-05-01', 'A123/2024-05-01/assessment/2024-05-03'. None without a child."""
    if parts[0] is None:
        return None
    return "/".join(p.isoformat() if isinstance(p, date) else str(p) for p in parts)
