"""Cell values as authorities' systems really write them, normalised one way for every reader.

Each parser returns the clean value, or raises `CellProblem` saying what is wrong. `RowCells`
wraps the parsers for one source row: a problem becomes a finding naming file, row, column and
value, and the cell is nulled while the row is kept. An empty cell is blank; the text exports
write for a missing value (NULL, N/A, NaN, ...) is read as blank too, with an INFO finding.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection, Mapping
from datetime import date, datetime, timedelta

from cscperf.quality.findings import Findings, Severity


class CellProblem(ValueError):
    def __init__(self, rule: str, message: str, severity: Severity = Severity.WARNING):
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.severity = severity  # INFO when the value was understood but cannot be stored


# What exports write for a missing value: SQL Server's NULL, pandas' NaN, NaT and None, N/A. Such a
# cell is read as blank, so no made-up ID or text reaches the store, but unlike a genuinely empty
# cell it is reported: typed into a workbook, it is a value someone entered.
PLACEHOLDERS = frozenset({"NULL", "NONE", "N/A", "NAN", "NAT"})


def is_blank(raw: object) -> bool:
    """A genuinely empty cell: nothing, or only spaces."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def is_placeholder(raw: object) -> bool:
    # Most cells are longer than any placeholder and not padded: no need to strip and upper-case.
    if not isinstance(raw, str) or (len(raw) > 4 and not raw[0].isspace() and not raw[-1].isspace()):
        return False
    return raw.strip().upper() in PLACEHOLDERS


# An ID as most systems write it, letters and digits in upper case, is read as it is (unless it
# is a placeholder: NULL). Readers of whole columns match it in Arrow, whose regular expressions
# read this one as Python's do (matched whole: not 'A1' with a newline after it).
PLAIN_ID = "[0-9A-Z]+"
_PLAIN_ID = re.compile(PLAIN_ID)


def is_plain_id(raw: object) -> bool:
    return isinstance(raw, str) and _PLAIN_ID.fullmatch(raw) is not None and raw not in PLACEHOLDERS


_TRAILING_ZERO = re.compile(r"^(\d+)\.0+$")
_ID_TRAILING_ZERO = re.compile(r"(?<=.)\.0+$")
_SPACES = re.compile(r"\s+")


def normalise_id(raw: object) -> str:
    """IDs as exported: spaces, mixed case, and a float's trailing '.0' removed, so IDs that
    differ only in these are one child ('syn 123.0' is SYN123)."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw)
    if _SPACES.search(text):
        text = _SPACES.sub("", text)
    text = text.upper()
    return _ID_TRAILING_ZERO.sub("", text) if "." in text else text


# Excel's serial day 1 is 1900-01-01, counted as if 1900 were a leap year.
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL = re.compile(r"^\d{4,5}(\.0+)?$")
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d %b %Y", "%d %B %Y")
_ISO = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)


def parse_date(raw: object) -> date:
    """A date in dd/mm/yyyy, ISO, other unambiguous layouts, or an Excel serial number."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _from_serial(float(raw), raw)
    text = str(raw).strip()
    if _ISO.match(text):  # the common case, read without trying each layout
        try:
            value = date.fromisoformat(text)
        except ValueError:
            raise CellProblem("date-malformed", "not a date (expected dd/mm/yyyy)") from None
        return _in_range(value)
    if _SERIAL.match(text):
        return _from_serial(float(text), raw)
    text = _TIME_SUFFIX.sub("", text)
    for layout in _DATE_FORMATS:
        try:
            value = datetime.strptime(text, layout).date()
        except ValueError:
            continue
        return _in_range(value)
    raise CellProblem("date-malformed", "not a date (expected dd/mm/yyyy)")


_DATE_AND_TIME = re.compile(r"^\s*(?P<date>.+?)[ T](?P<time>\d{1,2}:\d{2}(:\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?\s*$")


def parse_datetime(raw: object) -> datetime | None:
    """A date with a time of day (as the SSD's datetime columns give it); None when the cell
    holds a date alone, or a time of midnight exactly, which systems write for 'no time'."""
    if isinstance(raw, datetime):
        found = raw
    else:
        match = _DATE_AND_TIME.match(str(raw))
        if not match:
            return None
        day = parse_date(match["date"])
        parts = [int(n) for n in match["time"].split(":")]
        try:
            found = datetime(day.year, day.month, day.day, *parts)
        except ValueError:
            raise CellProblem("date-malformed", "not a time of day (expected hh:mm)") from None
    return None if found.time() == datetime.min.time() else found.replace(microsecond=0, tzinfo=None)


def _in_range(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise CellProblem("date-out-of-range", f"date outside {EARLIEST.year}-{LATEST.year}")
    return value


def _from_serial(serial: float, raw: object) -> date:
    if not serial.is_integer() or not 1 <= serial <= 73050:
        raise CellProblem("date-malformed", "not a date (expected dd/mm/yyyy)")
    return _in_range(_EXCEL_EPOCH + timedelta(days=int(serial)))


def parse_int(raw: object, minimum: int | None = None, maximum: int | None = None) -> int:
    text = str(raw).strip()
    match = _TRAILING_ZERO.match(text)
    if match:
        text = match.group(1)
    try:
        value = int(text)
    except ValueError:
        raise CellProblem("integer-malformed", "not a whole number") from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise CellProblem("out-of-range", f"outside {minimum}-{maximum}")
    return value


def parse_float(raw: object) -> float:
    """A number, with or without thousands separators."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = float(raw)
    else:
        try:
            value = float(str(raw).strip().replace(",", ""))
        except ValueError:
            raise CellProblem("number-malformed", "not a number") from None
    if not math.isfinite(value):
        raise CellProblem("number-malformed", "not a number")
    return value


_FLAGS = {"Y": "Y", "YES": "Y", "1": "Y", "TRUE": "Y", "T": "Y",
          "N": "N", "NO": "N", "0": "N", "FALSE": "N", "F": "N"}


def parse_flag(raw: object) -> str:
    """Yes/no in any of the usual spellings, as the SSD's 'Y' or 'N'."""
    if isinstance(raw, bool):
        return "Y" if raw else "N"
    text = _TRAILING_ZERO.sub(r"\1", str(raw).strip().upper())
    try:
        return _FLAGS[text]
    except KeyError:
        raise CellProblem("flag-malformed", "not a yes/no value") from None


def code_key(raw: object) -> str:
    """How a code is compared: trimmed, upper case, a float's '.0' removed."""
    return _TRAILING_ZERO.sub(r"\1", _SPACES.sub(" ", str(raw).strip()).upper())


@functools.lru_cache(maxsize=512)
def _code_index(allowed: tuple[str, ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for code in allowed:
        index.setdefault(code_key(code), code)
    return index


def parse_code(raw: object, allowed: Collection[str], synonyms: Mapping[str, str] | None = None) -> str:
    """A code from a published list; `synonyms` maps other spellings (upper case) to codes."""
    key = code_key(raw)
    index = _code_index(tuple(allowed))
    if key in index:
        return index[key]
    if synonyms and key in synonyms:
        return synonyms[key]
    raise CellProblem("code-not-in-list", "not a code in this year's list")


def normalise_postcode(raw: object) -> str:
    """Upper case with no spaces, as the SSD stores postcodes."""
    return _SPACES.sub("", str(raw)).upper()


class RowCells:
    """Parse the cells of one source row, recording a finding for each problem.

    A problem nulls the cell and keeps the row. `required` cells that are blank are findings too.
    """

    def __init__(self, findings: Findings, file: str, table: str, row: int):
        self.findings, self.file, self.table, self.row = findings, file, table, row

    def problem(self, column: str, raw: object, rule: str, message: str,
                 severity: Severity = Severity.WARNING) -> None:
        self.findings.add(self.file, rule, message, severity, table=self.table, row=self.row,
                          column=column, value=None if raw is None else str(raw))

    def _blank(self, column: str, raw: object, required: bool) -> bool:
        if is_placeholder(raw):
            self.problem(column, raw, "placeholder-read-as-blank", "read as blank: exports write "
                         "this for a missing value", Severity.INFO)
        elif not is_blank(raw):
            return False
        if required:
            self.problem(column, raw, "blank-mandatory", "a value is required")
        return True

    def _parse(self, column: str, raw: object, required: bool, parse, *args):
        if self._blank(column, raw, required):
            return None
        try:
            return parse(raw, *args)
        except CellProblem as problem:
            self.problem(column, raw, problem.rule, problem.message, problem.severity)
            return None

    def id(self, column: str, raw: object, required: bool = True) -> str | None:
        if is_plain_id(raw):
            return raw
        if self._blank(column, raw, required):
            return None
        value = normalise_id(raw)
        if value != str(raw):
            self.problem(column, raw, "id-normalised", f"read as {value}", Severity.INFO)
        return value

    def text(self, column: str, raw: object, required: bool = False) -> str | None:
        if self._blank(column, raw, required):
            return None
        return str(raw).strip()

    def postcode(self, column: str, raw: object, required: bool = False) -> str | None:
        return self._parse(column, raw, required, normalise_postcode)

    def date(self, column: str, raw: object, required: bool = False) -> date | None:
        return self._parse(column, raw, required, parse_date)

    def datetime(self, column: str, raw: object, required: bool = False) -> datetime | None:
        return self._parse(column, raw, required, parse_datetime)

    def int(self, column: str, raw: object, required: bool = False,
            minimum: int | None = None, maximum: int | None = None) -> int | None:
        return self._parse(column, raw, required, parse_int, minimum, maximum)

    def float(self, column: str, raw: object, required: bool = False) -> float | None:
        return self._parse(column, raw, required, parse_float)

    def parsed(self, column: str, raw: object, parse, required: bool = False):
        """A cell read by a reader's own parser, which raises `CellProblem` on a bad value."""
        return self._parse(column, raw, required, parse)

    def flag(self, column: str, raw: object, required: bool = False) -> str | None:
        return self._parse(column, raw, required, parse_flag)

    def code(self, column: str, raw: object, allowed: Collection[str], required: bool = False,
             synonyms: Mapping[str, str] | None = None) -> str | None:
        if is_placeholder(raw) and code_key(raw) in _code_index(tuple(allowed)):
            return parse_code(raw, allowed)  # a code in the list, not a placeholder: Disability NONE
        return self._parse(column, raw, required, parse_code, allowed, synonyms)
