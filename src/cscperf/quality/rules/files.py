"""Checking returns straight from their files, with no store: what `cscperf validate` does.

The files are read as submitted into an in-memory store, exactly as a load keeps them, and each
return found (format and collection year) is checked with its year's rules. Last year's return
comes from `previous`, or from the files given when they hold it.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from time import process_time

from cscperf.quality.findings import Findings, Severity
from cscperf.quality.rules.run import Outcome, check
from cscperf.sources import identify, returns
from cscperf.store import returns as stored_returns


@dataclass
class Checked:
    """Every return checked, and what reading the files noted."""

    outcomes: list[Outcome] = field(default_factory=list)
    notes: Findings = field(default_factory=Findings)

    @property
    def errors(self) -> int:
        return sum(o.errors for o in self.outcomes)


def check_files(paths: Iterable[Path], year: int | None = None,
                previous: Iterable[Path] = (), la: str | None = None,
                cpu: dict[str, float] | None = None) -> Checked:
    """`cpu`, when given, gets each rule's CPU seconds (`run.check`), and reading and storing
    the files' (`(reading)`)."""
    cpu = {} if cpu is None else cpu
    checked = Checked()
    grouped, unknown = identify(paths, year)
    earlier, unknown_earlier = identify(previous, year - 1 if year else None)
    for path in [*unknown, *unknown_earlier]:
        checked.notes.add(path.name, "not-a-return", "not an SSDA903 table or CIN census file; "
                          "not checked", Severity.INFO)
    label = la or ""
    with closing(stored_returns.connect()) as con:
        to_check: set[tuple[str, int]] = set()
        for found, checked_here in ((grouped, True), (earlier, False)):
            for format, identified in found.items():
                if format not in returns.FORMATS:
                    for file in identified.files:
                        checked.notes.add(file.name, "not-a-return", "the DfE's rules are for the "
                                          "SSDA903 and CIN census returns; not checked", Severity.INFO)
                    continue
                _no_year(identified.files, checked.notes)
                started = process_time()
                submitted = returns.read(format, [f for f in identified.files if f.collection_year])
                stored_returns.save(con, label, 0, submitted)
                cpu["(reading)"] = cpu.get("(reading)", 0) + process_time() - started
                checked.notes.extend(submitted.findings)
                if checked_here:
                    to_check |= {(format, y) for y in submitted.years()}
        for format, return_year in sorted(to_check):
            checked.outcomes.append(check(con, format, return_year, label, cpu=cpu))
    return checked


def _no_year(files, notes: Findings) -> None:
    for file in files:
        if file.collection_year is None:
            notes.add(file.name, "no-collection-year", "the collection year is not in the file "
                      "name; not checked (give it with --year: 2025 for 2024-25)", Severity.WARNING)
