"""Explore Education Statistics (EES) CSVs into `ref.figures`, one row per published cell.

An EES file has geography and time columns (`time_period`, `geographic_level`, `region_code`,
`old_la_code`, ...), filter columns (`population_type`, `care_leaver_age`, ...) and value columns.
A column is a value column when every cell in it is a number, a suppression code or a duration;
any other column is a filter. Each value cell becomes one row keyed by its filter values, so
the long and the wide files are read the same way and no file needs code of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from cscperf.quality.findings import LoadError
from cscperf.reference.schema import SUPPRESSION_CODES, quote

GEOGRAPHY = ("time_period", "time_identifier", "geographic_level", "country_code", "country_name",
             "region_code", "region_name", "old_la_code", "new_la_code", "la_name")
LEVELS = {"National": "national", "Regional": "regional", "Local authority": "la"}
NUMBER = r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?"
DURATION = r"[0-9]+:[0-9]{2}"  # years:months, as in the adoption timeliness table

_CODES = ", ".join(f"'{code}'" for code in SUPPRESSION_CODES)


def dataset_name(path: Path) -> str:
    """The name a file keeps across releases: `b1_children_in_need_2013_to_2025.csv` is
    `b1_children_in_need` in every year's release."""
    return re.sub(r"_\d{4}_to_\d{4}$", "", path.stem)


def filter_key(filters: dict[str, str]) -> str:
    """How a set of filter values is written in `ref.figures.filters` (columns in name order)."""
    return "|".join(f"{column}={filters[column]}" for column in sorted(filters))


def value_columns(con: duckdb.DuckDBPyConnection, columns: list[str]) -> list[str]:
    """The columns whose every non-empty cell is a number, a suppression code or a duration."""
    if not columns:
        return []
    checks = ", ".join(
        f"count(*) FILTER (WHERE {quote(c)} IS NOT NULL AND NOT ("
        f"regexp_full_match(trim({quote(c)}), '{NUMBER}') OR lower(trim({quote(c)})) IN ({_CODES})"
        f" OR regexp_full_match(trim({quote(c)}), '{DURATION}')))"
        for c in columns)
    others = con.execute(f"SELECT {checks} FROM ees_raw").fetchone()
    return [c for c, count in zip(columns, others) if count == 0]


def load(con: duckdb.DuckDBPyConnection, path: Path, release_id: int) -> int:
    """Add every value cell of one EES CSV to `ref.figures`; return the number of cells."""
    con.execute("CREATE OR REPLACE TEMP TABLE ees_raw AS "
                "SELECT * FROM read_csv(?, all_varchar = true, header = true)", [str(path)])
    return load_raw(con, path, release_id, "ees", dataset_name(path))


def load_raw(con: duckdb.DuckDBPyConnection, path: Path, release_id: int, source: str, dataset: str) -> int:
    """Add every value cell of the temporary table `ees_raw`, in the EES layout, read from `path`,
    to `ref.figures` as `source`'s `dataset`; return the number of cells."""
    columns = [row[0] for row in con.execute("SELECT column_name FROM (DESCRIBE ees_raw)").fetchall()]
    missing = [c for c in ("time_period", "geographic_level") if c not in columns]
    if missing:
        raise LoadError(path.name, "not in the Explore Education Statistics layout "
                                   f"(no {', '.join(missing)})")
    present = [c for c in columns if c not in GEOGRAPHY]
    values = value_columns(con, present)
    if not values:
        raise LoadError(path.name, "has no column of numbers to import")
    filters = sorted(c for c in present if c not in values)
    key = " || '|' || ".join(f"'{c}=' || coalesce(trim({quote(c)}), '')" for c in filters) or "''"

    def geo(column: str) -> str:
        return f"trim({quote(column)})" if column in columns else "NULL"

    level = "CASE trim(geographic_level) " + " ".join(
        f"WHEN '{published}' THEN '{ours}'" for published, ours in LEVELS.items()) + " END"
    inserted = con.execute(f"""
        INSERT INTO ref.figures
        SELECT {release_id}, ?, ?, measure, _filters, _time_period,
               CASE WHEN length(_time_period) = 6 THEN TRY_CAST(left(_time_period, 4) AS INTEGER) + 1
                    ELSE TRY_CAST(left(_time_period, 4) AS INTEGER) END,
               _level, _area_code, _area_name, CASE _level WHEN 'la' THEN _region_code END,
               CASE WHEN regexp_full_match(raw, '{DURATION}')
                    THEN 12 * CAST(split_part(raw, ':', 1) AS INTEGER)
                         + CAST(split_part(raw, ':', 2) AS INTEGER)
                    ELSE TRY_CAST(raw AS DOUBLE) END,
               CASE WHEN lower(raw) IN ({_CODES}) THEN lower(raw) END
        FROM (
            UNPIVOT (
                SELECT trim(time_period) AS _time_period, {level} AS _level,
                       CASE {level} WHEN 'national' THEN coalesce({geo('country_code')}, 'E92000001')
                                    WHEN 'regional' THEN {geo('region_code')}
                                    ELSE coalesce({geo('old_la_code')}, {geo('new_la_code')})
                       END AS _area_code,
                       CASE {level} WHEN 'national' THEN coalesce({geo('country_name')}, 'England')
                                    WHEN 'regional' THEN {geo('region_name')}
                                    ELSE {geo('la_name')} END AS _area_name,
                       {geo('region_code')} AS _region_code,
                       {key} AS _filters,
                       {", ".join(f"trim({quote(c)}) AS {quote(c)}" for c in values)}
                FROM ees_raw
                WHERE trim(geographic_level) IN ({", ".join(f"'{p}'" for p in LEVELS)})
            ) ON {", ".join(quote(c) for c in values)} INTO NAME measure VALUE raw
        )
        WHERE _area_code IS NOT NULL
    """, [source, dataset]).fetchone()[0]
    con.execute("DROP TABLE ees_raw")
    return inserted
