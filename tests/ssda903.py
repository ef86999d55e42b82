"""Helpers for tests that write small 903 files and load them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cscperf import sources, store
from cscperf.sources.schemas.ssda903 import schema


def write(path: Path, rows: list[dict] | list[list], header: list[str] | None = None,
          encoding: str = "utf-8") -> Path:
    """Write a 903 CSV; the header is the table's (named by the file) unless given."""
    table = path.stem.split("_", 2)[-1] if header is None else None
    header = header or list(schema(2024)[table])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header] if isinstance(row, dict) else row)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def load(con, *paths: Path, year: int | None = None, la: str = "883") -> store.LoadSummary:
    """Load the files with the readers' findings alone: the DfE's rules are tested in
    tests/quality/rules."""
    return store.load(con, sources.read_paths(list(paths), la=la, year=year), checks=False)


def found(summary, rule: str | None = None) -> list[tuple]:
    """(file, row, column, value, rule) of the findings, optionally of one rule."""
    return [(f.file, f.row, f.column, f.value, f.rule) for f in summary.findings
            if rule is None or f.rule == rule]
