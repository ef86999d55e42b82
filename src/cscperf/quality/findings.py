"""A finding names one problem in the input: file, row (as Excel numbers it), column, value, rule.

Findings are collected while reading and stored with the load, so the analyst decides how strict
to be; nothing is dropped without one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How much a finding matters. Ordered, so `>=` compares strictness."""

    INFO = 1  # normalised without loss (a trailing ".0" on an ID, an ISO date)
    WARNING = 2  # the cell was nulled or the row superseded; the row was kept
    ERROR = 3  # the file could not be loaded at all

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one place. `row` is the spreadsheet row (the header is row 1) or XML line."""

    file: str
    rule: str
    message: str
    severity: Severity = Severity.WARNING
    table: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    child: str | None = None  # the child's ID as given, for a DfE rule's breach

    def where(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        value = f" (value {self.value!r})" if self.value is not None else ""
        return f"{self.where()}: {self.message}{value} [{self.rule}]"


@dataclass
class Findings:
    """A collector readers append to; one per load."""

    items: list[Finding] = field(default_factory=list)

    def add(self, file: str, rule: str, message: str, severity: Severity = Severity.WARNING,
            **where) -> Finding:
        finding = Finding(file=file, rule=rule, message=message, severity=severity, **where)
        self.items.append(finding)
        return finding

    def extend(self, findings) -> None:
        self.items.extend(findings)

    def by_severity(self) -> dict[Severity, int]:
        counts = {severity: 0 for severity in Severity}
        for finding in self.items:
            counts[finding.severity] += 1
        return counts

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class LoadError(Exception):
    """A structural problem: the load stops and the store is left exactly as it was.

    The message names the file and what is wrong, never a child's data beyond an ID.
    """

    def __init__(self, file: str, message: str):
        super().__init__(f"{file}: {message}")
        self.file = file
        self.detail = message

    def __reduce__(self):  # so it crosses from a worker process intact
        return type(self), (self.file, self.detail)
