"""Readers: one module per input format, each mapping its files into SSD-shaped rows.

A reader module has `FORMAT` (its name), `detect(path, head) -> Detection | None` (does this file
look like mine, judged by content, not by name) and `read(files, la) -> Batch`.
`read_paths` finds the files, asks each reader in turn, and groups them into batches. Folders hold
files no reader knows (a README, a manifest, a table a later year adds): each is listed in the
first batch's files as `NOT_READ`, with a warning, and the rest are read. A reader may refuse a
file it knows but will not open (`Refused`: a workbook that would expand too far); it is listed
the same way, with the reason.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType

from cscperf.quality.findings import LoadError, Severity
from cscperf.sources import returns
from cscperf.sources.batch import Batch
from cscperf.sources.files import Refused, SourceFile
from cscperf.sources import years

# In the order they are asked; the first whose detect() answers takes the file.
READER_MODULES: tuple[str, ...] = ("ssda903", "cin_census", "annex_a", "ssd")

HEAD_BYTES = 64 * 1024
NOT_READ = "not read"  # the format recorded for a file no reader recognised
_NOT_KNOWN = ("not a file cscperf can read: not an SSDA903 table, CIN census XML, Annex A workbook "
              "or SSD table")


@dataclass(frozen=True)
class Detection:
    """What a reader recognised in a file: which of its tables, and the year if the file says."""

    part: str | None = None
    collection_year: int | None = None
    la: str | None = None


def readers() -> list[ModuleType]:
    return [importlib.import_module(f"cscperf.sources.{name}") for name in READER_MODULES]


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and files inside folders named (recursively), in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        elif path.is_file():
            found.append(path)
        else:
            raise LoadError(str(path), "no such file or folder")
    return found


@dataclass
class Identified:
    """The files of one format found under the paths given, and the authorities they name."""

    module: ModuleType
    files: list[SourceFile] = field(default_factory=list)
    las: set[str] = field(default_factory=set)


def identify(paths: Iterable[Path], year: int | None = None) -> tuple[dict[str, Identified], dict[Path, str]]:
    """Each file under `paths` recognised by its content, grouped by format; and the files no
    reader recognised or would open, each with why. `year`, when given, is every file's
    collection year."""
    modules = readers()
    grouped: dict[str, Identified] = {}
    not_read: dict[Path, str] = {}
    for path in expand(paths):
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
        try:
            module, detection = _recognise(modules, path, head)
        except Refused as refused:
            not_read[path] = str(refused)
            continue
        if module is None:
            not_read[path] = (_NOT_KNOWN if head.strip() else
                              "the file is empty and its name does not say which table it is")
            continue
        file = SourceFile.identify(path, module.FORMAT, detection.part,
                                   year or detection.collection_year)
        entry = grouped.setdefault(module.FORMAT, Identified(module))
        entry.files.append(file)
        if detection.la:
            entry.las.add(detection.la)
    return grouped, not_read


def _recognise(modules: list[ModuleType], path: Path,
               head: bytes) -> tuple[ModuleType | None, Detection | None]:
    """The first reader that recognises the file, and what it recognised."""
    for module in modules:
        detection = module.detect(path, head)
        if detection is not None:
            return module, detection
    return None, None


def read_paths(paths: Iterable[Path], la: str | None = None, year: int | None = None) -> list[Batch]:
    """Read every file under `paths` into one batch per format. Files no reader recognises are
    recorded with a warning; when none is recognised, the load stops.

    The 903 and CIN census files are also read as submitted (`returns`), for the DfE's rules."""
    grouped, not_read = identify(paths, year)
    # Files read together are one authority's: one format's files that do not say which (903
    # tables, Annex A) are the authority the others name.
    named = set().union(*(found.las for found in grouped.values()))
    batches = []
    for format, found in grouped.items():
        batch = found.module.read(found.files, authority(format, found.las or named, la))
        if format in returns.FORMATS:
            batch.returns = returns.read(format, found.files)
        batches.append(batch)
    _refuse_years_not_begun(batches)
    _record_not_read(batches, not_read)
    return batches


def _refuse_years_not_begun(batches: list[Batch]) -> None:
    """A return can be prepared during its own year, not for one that has not begun: a census
    saying <Year>2150</Year>, or `--year 2150`, is a typing error that would put figures in
    periods no one has lived yet, so the load stops."""
    latest = years.collection_year(date.today())
    for batch in batches:
        for file in batch.files:
            if file.collection_year is not None and file.collection_year > latest:
                raise LoadError(file.name, f"the file is for the collection year ending 31 March "
                                f"{file.collection_year}, which has not begun (the latest that "
                                f"has ends 31 March {latest}); correct its year, or give --year")


def _record_not_read(batches: list[Batch], not_read: dict[Path, str]) -> None:
    """Files no reader recognised go into the load's provenance with a warning each, so nothing
    is left out silently; with nothing else to load they stop it."""
    if not_read and not batches:
        path, why = next(iter(not_read.items()))
        others = f" (nor are the other {len(not_read) - 1} files)" if len(not_read) > 1 else ""
        raise LoadError(path.name, why + others)
    for path, why in not_read.items():
        file = SourceFile.identify(path, NOT_READ)
        file.rows_read = 0
        batches[0].add_file(file)
        batches[0].findings.add(file.name, "file-not-read", f"{why}; not loaded", Severity.WARNING)


def authority(format: str, found: set[str], given: str | None) -> str:
    """The authority a format's files are from: the one given, which they must not contradict,
    else the one they name."""
    if given:
        if found - {given}:
            raise LoadError(format, f"the files say they are from local authority "
                            f"{', '.join(sorted(found))}, not {given}, the authority given; give "
                            "the code they carry, or none")
        return given
    if len(found) == 1:
        return next(iter(found))
    if not found:
        raise LoadError(format, "the files do not say which local authority they are from; "
                        "give it with --la (the DfE 3-digit code, e.g. 883)")
    raise LoadError(format, f"the files are from several local authorities ({', '.join(sorted(found))}); "
                    "load each authority separately")
