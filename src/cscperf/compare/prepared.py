"""Scorecards worked out when a load finishes and kept in the store, so that the dashboard shows
an authority's first scorecard after a load at once rather than computing it on that request.

`prepare` works out each loaded authority's scorecard for its latest period (the last quarter of
its latest return: the one the dashboard opens on), as members see it and as analysts do, and
keeps them in `meta.prepared` with the version of everything they were made from: the
authority's loads, the published reference data, the targets and commentary, the settings that
change a figure and this release of cscperf. `scorecard` gives a kept one while that version
holds; otherwise it computes the scorecard (keeping it, for the latest period). So `cscperf load`
prepares the store a server opens later, and the dashboard prepares after a load through its
Data page; a later load of the authority, a reference import, an edit or an upgrade makes a
kept scorecard stale and it is worked out again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import duckdb

from cscperf import settings
from cscperf.compare import analyst_files
from cscperf.compare import scorecard as scorecards
from cscperf.compare.coverage import coverage
from cscperf.compare.scorecard import Scorecard
from cscperf.indicators.periods import Period

FIGURE_SETTINGS = ("suppress_below",)  # settings that change what a scorecard shows


@functools.cache
def _release() -> str:
    """This release of cscperf, down to its code and definitions: a scorecard made by another
    release is not used."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".sql", ".yaml", ".yml") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def version(con: duckdb.DuckDBPyConnection, db: Path, la: str) -> str:
    """What the authority's scorecards are made from, as one fingerprint."""
    loads = con.execute("SELECT max(load_id), count(*) FROM meta.loads WHERE la = ?", [la]).fetchone()
    releases = con.execute("SELECT max(release_id), count(*) FROM ref.releases").fetchone()
    files = []
    for kind in analyst_files.KINDS.values():
        path = kind.path(db)
        files.append(hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None)
    made_from = (loads, releases, files, [settings.get(name) for name in FIGURE_SETTINGS], _release())
    return hashlib.sha256(repr(made_from).encode()).hexdigest()


def compute(con: duckdb.DuckDBPyConnection, db: Path, la: str, period: Period, internal: bool) -> Scorecard:
    """The scorecard as the dashboard and the report make it: with the targets and commentary
    beside the store (or where the settings say)."""
    return scorecards.build(con, period, la, internal=internal, targets=analyst_files.TARGETS.read(db),
                            commentary=analyst_files.COMMENTARY.read(db))


def scorecard(con: duckdb.DuckDBPyConnection, db: Path, la: str, period: Period, internal: bool,
              keep: bool = False) -> Scorecard:
    """The authority's scorecard for `period`: the one kept while its version holds, else computed
    (and kept, with `keep`: for its latest period)."""
    now = version(con, db, la)
    found = kept(con, db, la, period, internal, now)
    if found is not None:
        return found
    made = compute(con, db, la, period, internal)
    if keep:
        _keep(con, [la, str(period), internal], now, made)
    return made


def kept(con: duckdb.DuckDBPyConnection, db: Path, la: str, period: Period, internal: bool,
         now: str | None = None) -> Scorecard | None:
    """The scorecard kept for the authority and period, if what it was made from still holds."""
    found = _kept_json(con, db, la, period, internal, now)
    return Scorecard.from_dict(json.loads(found)) if found else None


def holds(con: duckdb.DuckDBPyConnection, db: Path, la: str, period: Period, internal: bool) -> bool:
    """Whether a scorecard is kept for the authority and period, and what it was made from holds."""
    return _kept_json(con, db, la, period, internal) is not None


def _kept_json(con, db: Path, la: str, period: Period, internal: bool, now: str | None = None) -> str | None:
    found = con.execute("SELECT scorecard FROM meta.prepared WHERE la = ? AND period = ? AND internal = ? "
                        "AND version = ?", [la, str(period), internal, now or version(con, db, la)]).fetchone()
    return found[0] if found else None


def _keep(con: duckdb.DuckDBPyConnection, key: list, now: str, made: Scorecard) -> None:
    con.begin()
    try:
        con.execute("DELETE FROM meta.prepared WHERE la = ? AND period = ? AND internal = ?", key)
        con.execute("INSERT INTO meta.prepared VALUES (?, ?, ?, ?, ?, ?)",
                    [*key, now, datetime.now(), json.dumps(made.to_dict(), ensure_ascii=False)])
        con.commit()
    except duckdb.TransactionException:
        con.rollback()  # kept at the same moment by another thread: either copy will do
    except BaseException:
        con.rollback()
        raise


def prepare(con: duckdb.DuckDBPyConnection, db: Path, las: Iterable[str]) -> list[Scorecard]:
    """Work out and keep each authority's scorecards for its latest period, members' and analysts'."""
    covered = coverage(con)
    return [scorecard(con, db, la, covered[la].latest, internal, keep=True)
            for la in sorted(set(las)) if la in covered for internal in (False, True)]
