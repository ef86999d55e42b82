"""`cscperf reference import`: a folder of published files into the store's `ref` schema.

The folder has the layout of `../shared/reference` (and of `cscperf reference download`'s cache):
`ees/*.csv`, `lait/*.parquet`, `indicator-registries/lait_data_dictionary.csv`,
`ons/ons_mid-year_population_estimates_*.csv`, `stat-neighbours/*.csv`, `lookups/*.csv`, and
Ofsted's fostering data (`ofsted/*fostering*.csv`) and the ONS postcode directory's wards
(`lookups/ONSPD_*.csv` or `lookups/NSPL*.csv`, with `lookups/Ward_to_Local_Authority_District*.csv`).
Each file becomes a release (name, sha256, import time). A file already imported is skipped, so
importing again changes nothing; a revised file is a new release beside the old one. The import
is one transaction: it completes or changes nothing.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from cscperf.quality.findings import LoadError
from cscperf.reference import areas, authorities, ees, lait, neighbours, ofsted, population_estimates
from cscperf.reference.download import RECORD
from cscperf.store.duckdb import atomic

Loader = Callable[[duckdb.DuckDBPyConnection, Path, int], int]


@dataclass(frozen=True)
class Part:
    kind: str
    pattern: str  # glob under the reference folder
    load: Loader


PARTS: tuple[Part, ...] = (
    Part("ees", "ees/*.csv", ees.load),
    Part("lait", "lait/*.parquet", lait.load_figures),
    Part("ofsted", "ofsted/*fostering*.csv", ofsted.load),
    Part("lait_dictionary", "indicator-registries/lait_data_dictionary*.csv", lait.load_dictionary),
    Part("population", "ons/ons_mid-year_population_estimates*.csv", population_estimates.load),
    Part("stat_neighbours", "stat-neighbours/*.csv", neighbours.load),
    *(Part("lookup", f"lookups/{lookup.file}", authorities.load_lookup) for lookup in authorities.LOOKUPS),
    Part("postcode_wards", "lookups/ONSPD_*.csv", areas.load_postcode_wards),
    Part("postcode_wards", "lookups/NSPL*.csv", areas.load_postcode_wards),
)


# Beside the published files: the download's record and the snapshot's list of sources.
ABOUT_THE_FILES = {RECORD, "SOURCES.md"}


@dataclass(frozen=True)
class ImportedFile:
    path: str      # relative to the folder imported
    kind: str
    rows: int      # rows added; 0 when unchanged
    unchanged: bool


@dataclass
class ImportSummary:
    files: list[ImportedFile] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # files in the folder that are not imported
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_reference(con: duckdb.DuckDBPyConnection, folder: Path) -> ImportSummary:
    """Import every published file found in `folder`; all of them or none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise LoadError(str(folder), "is not a folder")
    found = [(part, path) for part in PARTS for path in sorted(folder.glob(part.pattern))
             if not path.name.endswith(".meta.csv")]
    if not found:
        raise LoadError(str(folder), "holds no published reference files (expected ees/, lait/, "
                                     "ons/, stat-neighbours/ or lookups/, as `cscperf reference "
                                     "download` writes them)")
    summary = _in_transaction(con, [(part.kind, path, part.load, False) for part, path in found], folder)
    taken = {path for _, path in found}
    summary.ignored = sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                             if p.is_file() and p not in taken and not p.name.startswith(".")
                             and p.name not in ABOUT_THE_FILES)
    return summary


def import_population(con: duckdb.DuckDBPyConnection, path: Path) -> ImportSummary:
    """Import a population file supplied with the authority's data (ONS layout); its estimates are
    used for rates in preference to the published ones."""
    path = Path(path)
    if not path.is_file():
        raise LoadError(str(path), "is not a file")
    def load_supplied(con: duckdb.DuckDBPyConnection, path: Path, release_id: int) -> int:
        return population_estimates.load(con, path, release_id, supplied=True)

    return _in_transaction(con, [("population", path, load_supplied, True)], path.parent)


def _in_transaction(con, files: list[tuple[str, Path, Loader, bool]], folder: Path) -> ImportSummary:
    started = time.perf_counter()
    summary = ImportSummary()

    def failed() -> tuple[str, str]:  # names the file being imported when it failed
        if len(summary.files) < len(files):
            return str(files[len(summary.files)][1].relative_to(folder)), "could not be imported"
        return str(folder), "could not be imported"

    with atomic(con, failed):
        for kind, path, load, supplied in files:
            summary.files.append(_import_file(con, kind, path, load, supplied, folder))
    summary.seconds = time.perf_counter() - started
    return summary


def _import_file(con, kind: str, path: Path, load: Loader, supplied: bool, folder: Path) -> ImportedFile:
    relative = str(path.relative_to(folder))
    digest, dataset = sha256(path), ees.dataset_name(path)
    if con.execute("SELECT 1 FROM ref.releases WHERE dataset = ? AND sha256 = ? AND supplied = ?",
                   [dataset, digest, supplied]).fetchone():
        return ImportedFile(relative, kind, 0, unchanged=True)
    release_id = con.execute("SELECT nextval('ref.release_ids')").fetchone()[0]
    con.execute("INSERT INTO ref.releases VALUES (?, ?, ?, ?, ?, ?, current_localtimestamp(), ?, NULL)",
                [release_id, dataset, kind, path.name, digest, path.stat().st_size, supplied])
    rows = load(con, path, release_id)
    con.execute("UPDATE ref.releases SET rows = ? WHERE release_id = ?", [rows, release_id])
    return ImportedFile(relative, kind, rows, unchanged=False)
