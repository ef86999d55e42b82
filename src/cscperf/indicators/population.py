"""Population for rates: children aged 0-17, from `ref.population`.

A rate for a period uses the authority's estimate for the latest mid-year (30 June) on or before
the period's last day: for 31 March 2025, mid-2024. With none, the rate is unavailable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb


@dataclass(frozen=True)
class Estimate:
    population: int
    mid_year: date
    source: str | None


LOOKUP = """
SELECT a.la, e.day,
    -- where two sources give the same mid-year, the choice is fixed by source name
    arg_max(p.population, strftime(p.mid_year, '%Y-%m-%d') || coalesce(p.source, '')),
    arg_max(p.mid_year, strftime(p.mid_year, '%Y-%m-%d') || coalesce(p.source, '')),
    arg_max(p.source, strftime(p.mid_year, '%Y-%m-%d') || coalesce(p.source, ''))
FROM (SELECT unnest($las::VARCHAR[]) AS la) a
CROSS JOIN (SELECT unnest($days::DATE[]) AS day) e
JOIN ref.population p ON p.la = a.la AND p.mid_year <= e.day AND p.population > 0
GROUP BY ALL
"""


def lookup(con: duckdb.DuckDBPyConnection, las: list[str], days: list[date]) -> dict[tuple[str, date], Estimate]:
    """The estimate to use for each (authority, period end); pairs with none are absent."""
    rows = con.execute(LOOKUP, {"las": las, "days": sorted(set(days))}).fetchall()
    return {(la, day): Estimate(population, mid_year, source) for la, day, population, mid_year, source in rows}
