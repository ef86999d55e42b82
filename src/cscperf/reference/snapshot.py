"""`cscperf reference snapshot`: the compact copy of the published figures cscperf ships, so a
fresh install compares an authority with England, its region and its statistical neighbours
with no download.

It is built from the publishers' files (a folder laid out as `cscperf reference download` writes
it) and keeps what cscperf reads, whatever the registry maps at the time:

- each Explore Education Statistics file a published measure (`measures.yml`) or the synthetic
  generator (`synth/targets.py`) reads: the rows for England, the regions and every authority
  that match one of their sources' filters, with the geography and filter columns and the value
  columns they read;
- the LAIT long table's rows for the LAIT measures they read, and those measures' rows of the
  LAIT data dictionary;
- the ONS population files, the statistical neighbours, the lookups and Ofsted's fostering file
  (where one was downloaded by hand), whole.

Files keep their publishers' names and layout, so `cscperf reference import` reads the snapshot
as it reads a download, and a later download and import add newer releases beside it.
`SOURCES.md` names each file's publisher, address, release and the Open Government Licence.
After a mapping is added to `measures.yml`, run the command again.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import duckdb

from cscperf.quality.findings import LoadError
from cscperf.reference import authorities
from cscperf.reference.download import RECORD, load_sources
from cscperf.reference.ees import GEOGRAPHY, LEVELS, dataset_name, value_columns
from cscperf.reference.importer import sha256
from cscperf.reference.measures import EesSource, LaitSource, OfstedSource, catalogue
from cscperf.reference.schema import quote
from cscperf.synth import targets

SNAPSHOT = Path(__file__).with_name("snapshot")
WHOLE = ("stat-neighbours/*.csv", "ofsted/*fostering*.csv",
         *(f"lookups/{lookup.file}" for lookup in authorities.LOOKUPS),
         *(f"ons/{name}" for name in targets.ONS_FILES))
PUBLISHERS = {"ees": "Department for Education (Explore Education Statistics)",
              "lait": "Department for Education (LA Interactive Tool)",
              "indicator-registries": "Department for Education (LA Interactive Tool)",
              "ons": "Office for National Statistics, as the Department for Education republishes it",
              "stat-neighbours": "Department for Education",
              "ofsted": "Ofsted",
              "lookups": "Department for Education; Office for National Statistics (LTLA-UTLA)"}
# Geography columns nothing reads: a national row is England whether or not it says so.
UNREAD_GEOGRAPHY = {"time_identifier", "country_code", "country_name"}
LICENCE = ("Contains public sector information licensed under the Open Government Licence v3.0 "
           "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).")


@dataclass
class SnapshotFile:
    path: str            # in the snapshot, as in the publishers' layout
    original: Path       # the publisher's file it was taken from
    rows: int            # rows kept
    latest: str | None   # the latest period it holds, as published


@dataclass
class Snapshot:
    folder: Path
    files: list[SnapshotFile] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file())


def wanted() -> tuple[dict[str, list[EesSource]], set[str]]:
    """EES sources by dataset, and LAIT measures: what the registry and the generator read."""
    ees: dict[str, list[EesSource]] = defaultdict(list)
    lait: set[str] = set()
    sources = [s for m in catalogue().values() for s in m.sources] + list(targets.SOURCES)
    for source in sources:
        if isinstance(source, LaitSource):
            lait.add(source.lait)
        elif isinstance(source, OfstedSource):
            continue  # Ofsted's fostering file is downloaded by hand, and kept whole (WHOLE) when there
        else:
            ees[source.ees].append(source)
    lait.update(m.lait for m in catalogue().values() if m.lait)
    return dict(ees), lait


def build(publishers: Path, out: Path = SNAPSHOT) -> Snapshot:
    """Write the snapshot of the files in `publishers` to `out`, replacing what was there."""
    publishers = Path(publishers)
    if not (publishers / "ees").is_dir():
        raise LoadError(str(publishers), "holds no ees/ folder: give a folder laid out as "
                                         "`cscperf reference download` writes it")
    building = out.with_name(out.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    snapshot = Snapshot(building)
    ees, lait = wanted()
    con = duckdb.connect()

    def keep(path: Path, copy) -> None:
        """Copy what is read of the publisher's file at `path` to the same place in the snapshot."""
        relative = path.relative_to(publishers)
        target = building / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        rows, latest = copy(path, target)
        snapshot.files.append(SnapshotFile(relative.as_posix(), path, rows, latest))

    for path in sorted(publishers.glob("ees/*.csv")):
        if dataset_name(path) in ees:
            keep(path, partial(_ees, con, ees[dataset_name(path)]))
    for path in sorted(publishers.glob("lait/*.parquet")):
        keep(path, partial(_lait, con, lait))
    for path in sorted(publishers.glob("indicator-registries/lait_data_dictionary*.csv")):
        keep(path, partial(_dictionary, con, lait))
    for pattern in WHOLE:
        for path in sorted(publishers.glob(pattern)):
            keep(path, _whole)
    con.close()
    (building / "SOURCES.md").write_text(sources_markdown(snapshot, publishers), encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    building.rename(out)
    snapshot.folder = out
    return snapshot


def _copy(con: duckdb.DuckDBPyConnection, select: str, params: list, target: Path, options: str) -> int:
    con.execute(f"CREATE OR REPLACE TEMP TABLE kept AS {select}", params)
    con.execute(f"COPY kept TO '{target}' ({options})")
    return con.execute("SELECT count(*) FROM kept").fetchone()[0]


def _ees(con, sources: list[EesSource], path: Path, target: Path) -> tuple[int, str | None]:
    """The rows matching one of the sources' filters, without the value columns nobody reads."""
    con.execute("CREATE OR REPLACE TEMP TABLE ees_raw AS "
                "SELECT * FROM read_csv(?, all_varchar = true, header = true)", [str(path)])
    columns = [row[0] for row in con.execute("SELECT column_name FROM (DESCRIBE ees_raw)").fetchall()]
    values = value_columns(con, [c for c in columns if c not in GEOGRAPHY])
    unread = set(values) - {s.column for s in sources} | UNREAD_GEOGRAPHY
    matches, params = [], []
    for source in sources:
        matches.append(" AND ".join([f"trim({quote(c)}) = ?" for c in source.filters] or ["true"]))
        params += list(source.filters.values())
    levels = ", ".join(f"'{level}'" for level in LEVELS)
    rows = _copy(con, f"SELECT {', '.join(quote(c) for c in columns if c not in unread)} FROM ees_raw "
                      f"WHERE trim(geographic_level) IN ({levels}) AND (({') OR ('.join(matches)}))",
                 params, target, "HEADER, DELIMITER ','")
    return rows, con.execute("SELECT max(trim(time_period)) FROM kept").fetchone()[0]


def _lait(con, measures: set[str], path: Path, target: Path) -> tuple[int, str | None]:
    rows = _copy(con, "SELECT * EXCLUDE (file_row_number) FROM read_parquet(?, file_row_number = true) "
                      'WHERE trim("Short Desc") IN (SELECT unnest(?)) ORDER BY file_row_number',
                 [str(path), sorted(measures)], target, "FORMAT parquet, COMPRESSION zstd")
    return rows, con.execute('SELECT max(CAST("Years" AS VARCHAR)) FROM kept').fetchone()[0]


def _dictionary(con, measures: set[str], path: Path, target: Path) -> tuple[int, None]:
    rows = _copy(con, "SELECT * FROM read_csv(?, all_varchar = true) WHERE trim(Measure_short) IN "
                      "(SELECT unnest(?))", [str(path), sorted(measures)], target, "HEADER, DELIMITER ','")
    return rows, None


def _whole(path: Path, target: Path) -> tuple[int, None]:
    shutil.copyfile(path, target)
    with path.open("rb") as handle:
        return max(sum(1 for _ in handle) - 1, 0), None


def sources_markdown(snapshot: Snapshot, publishers: Path) -> str:
    """SOURCES.md: where each file came from, which release, and the licence."""
    record = _record(publishers)
    lines = ["# The published figures cscperf ships", "",
             "Built by `cscperf reference snapshot` from the publishers' files; do not edit by hand. "
             "Each file keeps only the rows and columns cscperf reads (`src/cscperf/reference/"
             "snapshot.py` says which). `cscperf reference download` followed by `cscperf reference "
             "import` brings in later releases; run `cscperf reference snapshot` on a download to "
             "refresh this copy.", "", LICENCE, "",
             "| file | publisher | from | release | rows kept | original file (sha256) |",
             "|---|---|---|---|---|---|"]
    for file in sorted(snapshot.files, key=lambda f: f.path):
        fetched = record.get(file.original.relative_to(publishers).as_posix(), {})
        lines.append(f"| `{file.path}` | {PUBLISHERS.get(file.path.split('/')[0], '')} | "
                     f"{fetched.get('url') or _address(file.path)} | {_release(fetched, file.latest)} | "
                     f"{file.rows:,} | {file.original.name} ({sha256(file.original)[:16]}...) |")
    return "\n".join(lines) + "\n"


def _address(path: str) -> str:
    """Where sources.yml says the file is published (any release of it, for EES files)."""
    for source in load_sources().files:
        same = source.path == path or (Path(source.path).parent == Path(path).parent and
                                       dataset_name(Path(source.path)) == dataset_name(Path(path)))
        if same and source.ees:
            return f"https://explore-education-statistics.service.gov.uk/find-statistics/{source.ees.publication}"
        if same:
            return source.url or source.page or ""
    return ""


def _release(fetched: dict, latest: str | None) -> str:
    """The release as the download recorded it (title, date), and the latest period it holds."""
    parts = [fetched.get("release"), fetched.get("published") and f"published {fetched['published']}",
             latest and f"latest period {latest}"]
    return "; ".join(part for part in parts if part) or "as published"


def _record(publishers: Path) -> dict[str, dict]:
    """What `cscperf reference download` recorded about each file it fetched, if it did."""
    path = publishers / RECORD
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (ValueError, OSError):
        return {}
