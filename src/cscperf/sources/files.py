"""Source files: identity (name, size, sha256), text decoding and CSV rows with Excel numbering."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as arrow_csv

from cscperf.quality.findings import Findings, LoadError


class Refused(Exception):
    """A reader knows the file's kind but will not open it (a workbook that would expand too far,
    say); the message says why. The file is recorded as not read, with that reason."""


@dataclass
class SourceFile:
    """One input file, as recorded in the load's provenance."""

    path: Path
    format: str  # ssda903, cin_census, annex_a, ssd
    part: str | None = None  # which table of the format (903 'episodes', SSD 'ssd_person', ...)
    collection_year: int | None = None
    size: int = 0
    sha256: str = ""
    rows_read: int | None = None  # data rows (or XML records) the reader found

    @property
    def name(self) -> str:
        return self.path.name

    @classmethod
    def identify(cls, path: Path, format: str, part: str | None = None,
                 collection_year: int | None = None) -> SourceFile:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return cls(path, format, part, collection_year, path.stat().st_size, digest.hexdigest())


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode Text"), else
    Windows-1252, as councils' exports are. A cut-off last character (the first bytes of a file
    read for its header) is replaced rather than failing."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if len(data) >= 4 and not data[1] and not data[3] and data[0] and data[2]:
        return data.decode("utf-16-le", errors="replace")  # ASCII text as UTF-16 without its mark
    if len(data) >= 4 and not data[0] and not data[2] and data[1] and data[3]:
        return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data":  # the last character was cut off
            return data.decode("utf-8", errors="replace")
        return data.decode("cp1252", errors="replace")


def read_text(path: Path) -> str:
    return decode(path.read_bytes())


def delimiter(line: str) -> str:
    """Commas, or tabs for a tab-delimited export (Excel's "Unicode Text" and "Text" files)."""
    return "\t" if line.count("\t") > line.count(",") else ","


def header_row(text: str) -> list[str] | None:
    """The cells of the first line of a delimited file, or None when it is not one."""
    lines = text.splitlines()
    if not lines:
        return None
    try:
        return next(csv.reader(io.StringIO(lines[0]), delimiter=delimiter(lines[0])), None)
    except csv.Error:
        return None


def header_key(name: str) -> str:
    """How headers are matched: case, spacing and punctuation around them ignored."""
    return re.sub(r"[\s_]+", "_", name.strip().strip('"').upper())


@dataclass
class CsvTable:
    """A CSV file's header and rows; row numbers are as Excel shows them (the header is row 1)."""

    file: SourceFile
    header: list[str]
    rows: list[list[str]]
    first_row: int = 2

    def filled(self) -> Iterator[tuple[int, list[str]]]:
        """Each row that is not blank, with its Excel row number."""
        for offset, values in enumerate(self.rows):
            if "".join(values).strip():
                yield self.first_row + offset, values

    def numbered(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Rows as {header_key: value}, with their Excel row number; blank lines are skipped."""
        keys = [header_key(h) for h in self.header]
        for row, values in self.filled():
            yield row, dict(zip(keys, values))


def read_csv(file: SourceFile, findings: Findings) -> CsvTable:
    """Read a CSV file whole. A file with no header is a structural problem; no rows is not."""
    text = read_text(file.path)
    if not text.strip():
        raise LoadError(file.name, "the file is empty (no header row)")
    try:
        records = list(csv.reader(io.StringIO(text, newline=""),
                                  delimiter=delimiter(first_line(text))))
    except csv.Error as error:
        raise LoadError(file.name, f"not a readable CSV file ({error})") from None
    header, rows = records[0], records[1:]
    width = len(header)
    for offset, row in enumerate(rows):
        extra = [v for v in row[width:] if v.strip()]
        if extra:
            findings.add(file.name, "extra-cells", "more cells than the header has columns; "
                         "the extra cells were not read", row=offset + 2, value=",".join(extra))
    # Short rows are padded so a missing trailing cell reads as blank, not as a shifted column.
    rows = [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]
    return CsvTable(file, header, rows)


@dataclass
class CsvColumns:
    """A CSV file's header and its rows column by column, as Arrow text: what `read_csv` reads,
    with blank rows left out and each other row's Excel row number kept."""

    file: SourceFile
    header: list[str]
    columns: list[pa.Array]  # one per heading: each row's cell as given
    rows: pa.Array  # each row's Excel row number

    def __len__(self) -> int:
        return len(self.rows)


# What str.strip() takes away (the characters whose isspace() is true, none above U+3000): a row
# whose cells hold these alone is blank, as `CsvTable.filled` has it.
_NOT_BLANK = "[^" + "".join(f"\\x{{{c:x}}}" for c in range(0x3001) if chr(c).isspace()) + "]"


def read_columns(file: SourceFile, findings: Findings) -> CsvColumns:
    """`read_csv`'s rows as columns. A regular file (every row as wide as its header, no cell
    longer than Python's csv module reads) is split into rows and cells by Arrow's CSV reader,
    which splits them as Python's does in a fraction of the time; any other file is read by
    `read_csv`, which notes what is irregular about it."""
    text = read_text(file.path)
    if text and not text.isspace():
        split = delimiter(first_line(text))
        header = _first_row(text, split)
        try:
            cells = arrow_csv.read_csv(
                io.BytesIO(text.encode("utf-8")),
                read_options=arrow_csv.ReadOptions(autogenerate_column_names=True, use_threads=False),
                parse_options=arrow_csv.ParseOptions(delimiter=split, newlines_in_values=True,
                                                     ignore_empty_lines=False),
                convert_options=arrow_csv.ConvertOptions(
                    column_types={f"f{i}": pa.string() for i in range(len(header))},
                    strings_can_be_null=False, quoted_strings_can_be_null=False))
        except (pa.ArrowInvalid, csv.Error):
            cells = None
        regular = _regular(file, header, cells) if cells is not None else None
        if regular is not None:
            return regular
    return _as_columns(read_csv(file, findings))


def first_line(text: str) -> str:
    """The text up to its first newline, without copying the rest of a large file."""
    end = text.find("\n")
    return text if end < 0 else text[:end]


def _first_row(text: str, split: str, size: int = 1 << 16) -> list[str]:
    """The first row as Python's csv module reads it, from as little of the text as holds it
    (`size` characters first): a row of the csv module's reading of a part of the text is whole
    when another follows it."""
    while True:
        rows = csv.reader(io.StringIO(text[:size], newline=""), delimiter=split)
        first = next(rows, [])
        try:
            if size >= len(text) or next(rows, None) is not None:
                return first
        except csv.Error:  # the second row is unreadable, but it began
            return first
        size *= 16


def _regular(file: SourceFile, header: list[str], cells: pa.Table) -> CsvColumns | None:
    """Arrow's reading of the file, when it is what Python's csv module reads: None when not."""
    if cells.num_columns != len(header) or any(t != pa.string() for t in cells.schema.types):
        return None
    if [c[0].as_py() for c in cells.columns] != header:
        return None
    columns = [c.combine_chunks() for c in cells.slice(1).columns]
    if any((pc.max(pc.utf8_length(c)).as_py() or 0) > csv.field_size_limit() for c in columns):
        return None  # a cell Python's csv module would refuse: read_csv says so
    # Blank rows are left out: a row whose first cell is not blank is kept without looking further.
    kept = pc.match_substring_regex(columns[0], _NOT_BLANK)
    if not pc.all(kept).as_py():
        kept = pc.match_substring_regex(pc.binary_join_element_wise(*columns, ""), _NOT_BLANK)
        columns = [c.filter(kept) for c in columns]
    return CsvColumns(file, header, columns, pc.add(pc.indices_nonzero(kept), 2).cast(pa.int32()))


def _as_columns(data: CsvTable) -> CsvColumns:
    filled = list(data.filled())
    given = list(zip(*(values for _, values in filled)))[:len(data.header)] if filled else \
        [() for _ in data.header]
    return CsvColumns(data.file, data.header, [pa.array(c, pa.string()) for c in given],
                      pa.array([row for row, _ in filled], pa.int32()))
