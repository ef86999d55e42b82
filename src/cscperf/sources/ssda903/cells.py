"""Reading one 903 cell by its specification, with the DfE rule code on a finding where one fits."""

from __future__ import annotations

import re
from datetime import date

from cscperf.quality.findings import Severity
from cscperf.sources.cells import CellProblem, RowCells, normalise_postcode, parse_date
from cscperf.sources.schemas.ssda903 import BLANK_IS_INVALID, RULE_CODES, Field

# Problems with a value (rather than its absence or a harmless normalisation).
_VALUE_RULES = {"date-malformed", "date-out-of-range", "code-not-in-list", "integer-malformed",
                "out-of-range", "upn-malformed", "postcode-malformed", "postcode-unknown",
                "partial-date-malformed", "birthday-not-in-year"}

# A UPN is a check letter and 12 more characters; UN1-UN10 say why it is not known.
_UPN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$")
UPN_UNKNOWN = re.compile(r"^UN([1-9]|10)$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$")
# Previous permanence order dates may be partial, with 'zz' for an unknown day or month.
_PARTIAL = re.compile(r"^(\d{1,2}|ZZ)/(\d{1,2}|ZZ)/(\d{4})$")


def parse_upn(raw: object) -> str:
    value = re.sub(r"\s+", "", str(raw)).upper()
    if not (_UPN.match(value) or UPN_UNKNOWN.match(value)):
        raise CellProblem("upn-malformed", "not a UPN (a letter and 12 characters) or UN1-UN10")
    return value


def parse_postcode(raw: object) -> str:
    value = normalise_postcode(raw)
    if not _POSTCODE.match(value):
        raise CellProblem("postcode-malformed", "not a postcode")
    return value


def parse_partial_date(raw: object) -> str:
    """As dd/mm/yyyy, keeping 'zz' for an unknown day or month; full dates in any layout."""
    text = str(raw).strip().upper()
    match = _PARTIAL.match(text)
    if match and "ZZ" in text:
        day, month, year = match.groups()
        if month != "ZZ" and not 1 <= int(month) <= 12 or day != "ZZ" and not 1 <= int(day) <= 31:
            raise CellProblem("partial-date-malformed", "not a date, even a partial one")
        return "/".join(p if p == "ZZ" else p.zfill(2) for p in (day, month)).lower() + f"/{year}"
    try:
        return parse_date(raw).strftime("%d/%m/%Y")
    except CellProblem:
        raise CellProblem("partial-date-malformed", "not a date (dd/mm/yyyy, zz/mm/yyyy or "
                          "zz/zz/yyyy)") from None


_PARSERS = {"upn": parse_upn, "postcode": parse_postcode, "partial_date": parse_partial_date}


class Cells903(RowCells):
    """RowCells for a 903 table: each column read as its specification says."""

    def problem(self, column: str, raw: object, rule: str, message: str,
                severity: Severity = Severity.WARNING) -> None:
        """Record a problem, under the DfE rule's code where the problem is exactly that rule."""
        key = (self.table, column)
        if key in RULE_CODES and (rule in _VALUE_RULES or
                                  rule == "blank-mandatory" and key in BLANK_IS_INVALID):
            rule = RULE_CODES[key]
        super().problem(column, raw, rule, message, severity)

    def read(self, column: str, field: Field, raw: object):
        """The cell's value as the store keeps it, or None (with a finding if it was a problem)."""
        kind, required = field.kind, field.required
        if kind == "id":
            return self.id(column, raw, required)
        if kind == "text":
            return self.text(column, raw, required)
        if kind == "date":
            return self.date(column, raw, required)
        if kind == "int":
            return self.int(column, raw, required, field.minimum, field.maximum)
        if kind == "code":  # looked up by spelling: one dictionary look-up, not a scan of the list
            return self.code(column, raw, (), required, field.spellings)
        return self._parse(column, raw, required, _PARSERS[kind])


def year_end(year: int) -> date:
    """31 March: the last day of the collection year."""
    return date(year, 3, 31)
