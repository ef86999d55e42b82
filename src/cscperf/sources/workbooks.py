"""Opening Excel workbooks safely, whether uploaded or given on the command line.

A workbook is a zip archive of XML. Before any XML is parsed, the archive's directory is checked:
how many parts it has, how large they say they will be once expanded, and how much each expands
(an 88 KB "zip bomb" once held the server for 46 seconds and 180 MB). Python's zip reader never
gives more bytes than a part's declared size, so the bytes actually expanded are capped by the
same check. Its XML is parsed without expanding entities (openpyxl uses defusedxml when it is
installed, as cscperf requires).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from defusedxml import DefusedXmlException

from cscperf import settings
from cscperf.sources.files import Refused

# Real workbooks expand a part about 5-30 times; far more is a sign of a crafted file. Parts under
# 1 MB expanded are quick to read whatever their ratio.
MAX_RATIO = 100
RATIO_FROM_BYTES = 1 << 20
MAX_PARTS = 10_000

# What a damaged or crafted workbook raises while it is read (defusedxml's errors are ValueErrors,
# XML parse errors SyntaxErrors).
UNREADABLE = (zipfile.BadZipFile, zlib.error, KeyError, ValueError, SyntaxError, EOFError, OSError)


def is_workbook(path: Path) -> bool:
    """An Excel workbook (rather than another kind of zip archive: a Word document, say)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def check(path: Path) -> None:
    """Refuse a workbook whose parts would expand too far; the reason says what to do."""
    limit = settings.get("workbook_max_mb") * 1024 * 1024
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Refused("a damaged workbook (not a readable zip archive); save it again from "
                      "Excel") from None
    if len(parts) > MAX_PARTS:
        raise Refused(f"the workbook has {len(parts):,} parts, more than a real workbook has")
    expanded = sum(p.file_size for p in parts)
    if expanded > limit:
        raise Refused(f"the workbook would expand to {expanded / 2**20:,.0f} MB, more than the "
                      f"{limit / 2**20:,.0f} MB cscperf opens (setting workbook_max_mb); save "
                      "each list as its own workbook or CSV")
    for part in parts:
        ratio = part.file_size // max(part.compress_size, 1)
        if part.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise Refused(f"its part {part.filename[:60]} would expand {ratio:,} times, far more "
                          "than a real workbook's; it was not opened")


def why_unreadable(error: BaseException) -> str:
    """What is wrong with a workbook that failed to read, in words for the person loading it."""
    if isinstance(error, DefusedXmlException) or isinstance(error.__cause__, DefusedXmlException):
        return ("a workbook whose XML declares entities, which cscperf does not expand; save it "
                "again from Excel")
    return f"a damaged workbook ({type(error).__name__}); save it again from Excel"


@contextmanager
def opened(path: Path, data_only: bool = True) -> Iterator:
    """openpyxl's read-only workbook, once `check` has passed; closed at the end of the block.
    A damaged or crafted workbook raises one of `UNREADABLE`: see `why_unreadable`."""
    import openpyxl  # here: slow to import, and most commands read no workbook

    check(path)
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    try:
        yield workbook
    finally:
        workbook.close()
