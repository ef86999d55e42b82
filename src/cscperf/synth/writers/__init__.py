"""Writers: each takes children one at a time and streams them to files in one format.

A writer has `child(child)` and `close() -> list[Written]`. Writers draw their rows from
`cscperf.synth.collection`, so every format describes the same truth.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cscperf.synth.defects import Column, Defects


@dataclass(frozen=True)
class Written:
    path: Path
    rows: int


class CsvTable:
    """One CSV file written row by row, with faults injected when `defects` is given."""

    def __init__(self, path: Path, columns: Sequence[Column | str], root: Path, table: str = "",
                 defects: Defects | None = None, lineterminator: str = "\r\n"):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.table = path, table
        self.columns = tuple(c if isinstance(c, Column) else Column(c, "text", False) for c in columns)
        self.name = path.relative_to(root).as_posix()
        self.defects = defects
        self.defect_rng = defects.rng(self.name) if defects else None
        self.handle = path.open("w", newline="", encoding="utf-8")
        self.writer = csv.writer(self.handle, lineterminator=lineterminator)
        self.writer.writerow([c.name for c in self.columns])
        self.rows = 0

    def write(self, row: Sequence[object]) -> None:
        values = ["" if v is None else str(v) for v in row]
        rows = [values]
        if self.defects:
            rows = self.defects.rows(self.defect_rng, self.name, self.table, self.columns, values, self.rows + 2)
        self.writer.writerows(rows)
        self.rows += len(rows)

    def close(self) -> Written:
        self.handle.close()
        return Written(self.path, self.rows)
