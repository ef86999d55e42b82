"""ONS mid-year estimates of children aged 0-17, and the one every rate per 10,000 uses.

All estimates imported are kept in `ref.population_estimates`; `ref.population` holds the one
chosen for each authority and mid-year: a file supplied with the authority's data wins over the
published one, and a later import over an earlier. Rates for a period use the estimate for the
latest mid-year (30 June) on or before the period's end (for 31 March 2025: mid-2024).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from cscperf.quality.findings import LoadError

COLUMNS = {"time_period", "geographic_level", "old_la_code", "population_estimate"}
CHILDREN = "Children aged 0 to 17 years"


def population(con: duckdb.DuckDBPyConnection, la: str, on_date: date) -> int | None:
    """Children aged 0-17 in authority `la` (DfE 3-digit code) at the latest mid-year on or before
    `on_date`, or None when no such estimate has been imported."""
    row = con.execute("SELECT population FROM ref.population WHERE la = ? AND mid_year <= ? "
                      "ORDER BY mid_year DESC LIMIT 1", [la, on_date]).fetchone()
    return None if row is None else row[0]


def load(con: duckdb.DuckDBPyConnection, path: Path, release_id: int, supplied: bool = False) -> int:
    """Add the authority-level estimates of one file in the ONS layout, then choose again."""
    present = {row[0] for row in con.execute(
        "SELECT column_name FROM (DESCRIBE SELECT * FROM read_csv(?, all_varchar = true))",
        [str(path)]).fetchall()}
    missing = sorted(COLUMNS - present)
    if missing:
        raise LoadError(path.name, "is not a population file in the ONS layout "
                                   f"(no {', '.join(missing)} column)")
    age = "AND trim(age_group) = ?" if "age_group" in present else ""
    rows = con.execute(f"""
        INSERT INTO ref.population_estimates
        SELECT ?, lpad(trim(old_la_code), 3, '0'),
               make_date(CAST(left(trim(time_period), 4) AS INTEGER), 6, 30),
               CAST(population_estimate AS INTEGER), ?, ?
        FROM read_csv(?, all_varchar = true)
        WHERE trim(geographic_level) = 'Local authority' AND old_la_code IS NOT NULL
          AND TRY_CAST(population_estimate AS INTEGER) IS NOT NULL {age}
    """, [release_id, path.name, supplied, str(path), *([CHILDREN] if age else [])]).fetchone()[0]
    if rows == 0:
        raise LoadError(path.name, "has no local authority estimates of children aged 0 to 17")
    choose(con)
    return rows


def choose(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild `ref.population`: per authority and mid-year, supplied before published, then the
    latest import."""
    con.execute("DELETE FROM ref.population")
    con.execute("""
        INSERT INTO ref.population
        SELECT la, mid_year, population, source FROM ref.population_estimates
        QUALIFY row_number() OVER (PARTITION BY la, mid_year ORDER BY supplied DESC, release_id DESC) = 1
    """)
