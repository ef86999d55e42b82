"""Files the dashboard hands out: CSV tables and produced reports, as downloads."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from starlette.responses import Response

FORMULA = re.compile(r"^[=+@\t\r]|^-(?![\d.])")  # spreadsheet formulas, but not negative numbers


def _cell(value) -> str:
    text = "" if value is None else "Yes" if value is True else "No" if value is False else str(value)
    return "'" + text if FORMULA.match(text) else text  # a cell is never run as a formula


def safe_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text).strip("-")


def attachment(content: bytes, media_type: str, file_name: str) -> Response:
    return Response(content, media_type=media_type,
                    headers={"content-disposition": f'attachment; filename="{safe_name(file_name)}"'})


def csv_file(file_name: str, columns: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """A CSV (UTF-8 with a byte-order mark, so Excel reads it as UTF-8) to download."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return attachment(("\ufeff" + out.getvalue()).encode("utf-8"), "text/csv; charset=utf-8", file_name)
