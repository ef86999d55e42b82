"""Reading published figures back: one measure, one year, every area, each from its latest release.

A figure keeps where it came from (source, file, sha256, import time, the period as published) and
its suppression code: a suppressed cell has `value` None and `code` set, never a zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from cscperf.reference.measures import Measure, MeasureError, Source
from cscperf.reference.schema import SUPPRESSION_CODES

ENGLAND = "E92000001"


@dataclass(frozen=True)
class Release:
    release_id: int
    file_name: str
    sha256: str
    imported_at: datetime


@dataclass(frozen=True)
class Figure:
    area_code: str           # E92000001, a region's code, or the DfE 3-digit LA code
    area_name: str | None
    level: str               # national, regional, la
    year: int                # the year the published period ends in
    time_period: str         # the period as published
    value: float | None      # None when suppressed or not published
    code: str | None         # the suppression code, when there is one
    source: str              # which file and column, in words
    release: Release
    label: str | None = None  # why this figure stands for the area asked about, when it is another's

    @property
    def code_meaning(self) -> str | None:
        return SUPPRESSION_CODES.get(self.code) if self.code else None

    def shown(self) -> str:
        """The value as published (its code when suppressed)."""
        if self.value is None:
            return self.code or "not published"
        return str(int(self.value)) if self.value.is_integer() else str(self.value)


Pin = int | str | None  # a release: its id or its file name; None for the latest


def _release_condition(release: Pin) -> tuple[str, list]:
    if release is None:
        return "", []
    if isinstance(release, int):
        return " AND f.release_id = ?", [release]
    return " AND r.file_name = ?", [release]


def years(con: duckdb.DuckDBPyConnection, measure: Measure) -> list[int]:
    """Every year with a published figure for the measure, from any of its sources."""
    found: set[int] = set()
    for source in measure.sources:
        where, params = source.where()
        found.update(row[0] for row in con.execute(
            f"SELECT DISTINCT year FROM ref.figures f WHERE {where} AND year IS NOT NULL",
            params).fetchall())
    return sorted(found)


def source_for_year(con: duckdb.DuckDBPyConnection, measure: Measure, year: int,
                    release: Pin = None) -> Source | None:
    """The first of the measure's sources with figures for that year (in that release, if pinned)."""
    pinned, pin_params = _release_condition(release)
    for source in measure.sources:
        where, params = source.where()
        if con.execute(f"SELECT 1 FROM ref.figures f JOIN ref.releases r USING (release_id) "
                       f"WHERE {where} AND f.year = ?{pinned} LIMIT 1",
                       [*params, year, *pin_params]).fetchone():
            return source
    return None


def year_figures(con: duckdb.DuckDBPyConnection, measure: Measure, year: int,
                 release: Pin = None, area: str | None = None) -> dict[str, Figure]:
    """Every area's figure for the year (or only `area`'s), by area code, from one source and
    each area's latest release (or the pinned one)."""
    source = source_for_year(con, measure, year, release)
    if source is None:
        return {}
    where, params = source.where()
    pinned, pin_params = _release_condition(release)
    if area is not None:
        pinned, pin_params = pinned + " AND f.area_code = ?", [*pin_params, area]
    rows = con.execute(f"""
        SELECT f.area_code, f.area_name, f.level, f.year, f.time_period, f.value, f.code,
               r.release_id, r.file_name, r.sha256, r.imported_at
        FROM ref.figures f JOIN ref.releases r USING (release_id)
        WHERE {where} AND f.year = ?{pinned}
        QUALIFY rank() OVER (PARTITION BY f.area_code ORDER BY f.release_id DESC) = 1
    """, [*params, year, *pin_params]).fetchall()
    figures: dict[str, Figure] = {}
    for area, name, level, year_, period, value, code, *release_row in rows:
        if area in figures:
            raise MeasureError(f"{measure.id}: {source.describe()} matches more than one figure for "
                               f"{name or area} in {year}; its filters must pick one")
        figures[area] = Figure(area, name, level, year_, period, value, code, source.describe(),
                               Release(*release_row))
    return figures
