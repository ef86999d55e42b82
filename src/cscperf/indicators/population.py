"""Population for rates: children aged 0-17, from `ref.population` (filled by `cscperf reference
import`, one estimate per authority and mid-year).

A rate for a period uses the authority's estimate for the latest mid-year (30 June) on or before
the period's last day: for 31 March 2025, mid-2024. With none, the rate is unavailable. This is
the rule of `cscperf.reference.population`, looked up for many periods in one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb


@dataclass(frozen=True)
class Estimate:
    population: int
    mid_year: date
    source: str


LOOKUP = """
SELECT a.la, e.day, arg_max(p.population, p.mid_year), max(p.mid_year), arg_max(p.source, p.mid_year)
FROM (SELECT unnest($las::VARCHAR[]) AS la) a
CROSS JOIN (SELECT unnest($days::DATE[]) AS day) e
JOIN ref.population p ON p.la = a.la AND p.mid_year <= e.day AND p.population > 0
GROUP BY ALL
"""


def lookup(con: duckdb.DuckDBPyConnection, las: list[str], days: list[date]) -> dict[tuple[str, date], Estimate]:
    """The estimate to use for each (authority, period end); pairs with none are absent."""
    rows = con.execute(LOOKUP, {"las": las, "days": sorted(set(days))}).fetchall()
    return {(la, day): Estimate(population, mid_year, source) for la, day, population, mid_year, source in rows}
