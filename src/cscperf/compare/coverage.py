"""Which periods an authority's loaded data cover: every period the dashboard offers, and the one
it opens on (and works out when a load finishes): the last quarter of the latest return.

An authority's records run from 1 April of the first collection year its returns cover to 31 March
of the latest. A collection year counts when it has at least half the rows of the authority's
busiest, so a few rows given under another year do not make a year of their own. An SSD extract
holds several years under the year it was taken in: its records begin in the month of its earliest
contact or review, and end in the month of its latest when that is before the year is out (an
extract taken in November covers nothing after it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from cscperf.indicators.periods import Kind, Period
from cscperf.store.schema import TABLES

MAIN = 0.5  # a collection year with at least half the rows of the authority's busiest is a main one

_YEARS = ("SELECT la, collection_year, count(*) FROM ("
          + " UNION ALL ".join(f"SELECT la, collection_year FROM {t.name}" for t in TABLES)
          + ") WHERE la IS NOT NULL AND collection_year IS NOT NULL GROUP BY ALL ORDER BY la, collection_year")
# The days an SSD extract's contacts and reviews span: the extract's own timeframe (records still
# open keep their earlier dates, so these are the dates that say where it begins and ends).
_EXTRACTS = """
SELECT e.la, min(e.day), max(e.day)
FROM (SELECT la, load_id, cont_contact_date AS day FROM ssd_contacts
      UNION ALL SELECT la, load_id, clar_cla_review_date FROM ssd_cla_reviews
      UNION ALL SELECT la, load_id, cppr_cp_review_date FROM ssd_cp_reviews) e
JOIN meta.loads l ON l.load_id = e.load_id AND l.format = 'ssd'
WHERE e.day IS NOT NULL
GROUP BY e.la"""


@dataclass(frozen=True)
class Coverage:
    """The whole months an authority's records cover, `first` to `last` (periods ending in them)."""

    first: Period  # the first month
    last: Period  # the last month

    def periods(self) -> list[tuple[str, list[Period]]]:
        """Every period within the records, by financial year, newest first: the year, its
        quarters, the 12 months to each of its months, then its months."""
        found = []
        for start_year in range(self.last.end.year - (self.last.end.month < 4), self.first.start.year - 2, -1):
            year = Period.year(start_year)
            months = [m for m in reversed(year.months_back(12)) if self.first <= m <= self.last]
            if not months:
                continue
            quarters = [Period.quarter(start_year, q) for q in (4, 3, 2, 1)]
            rolling = [Period(m.end_month, Kind.rolling_12m) for m in months]
            found.append((str(year), [p for p in [year, *quarters, *rolling] if self.holds(p)] + months))
        return found

    def holds(self, period: Period) -> bool:
        return self.first.start <= period.start and period.end <= self.last.end

    @property
    def latest(self) -> Period:
        """The last quarter ending on or before the records do: the latest return's last quarter."""
        return self.last.quarters_back(1)[0]


def _month(day: date) -> Period:
    return Period.month(day.year, day.month)


def coverage(con: duckdb.DuckDBPyConnection) -> dict[str, Coverage]:
    """Each authority in the store with the months its records cover, by authority code."""
    rows: dict[str, dict[int, int]] = {}
    for la, year, count in con.execute(_YEARS).fetchall():
        rows.setdefault(la, {})[year] = count
    extracts = {la: (first, last) for la, first, last in con.execute(_EXTRACTS).fetchall()}
    found = {}
    for la, counts in rows.items():
        years = [y for y, n in counts.items() if n >= MAIN * max(counts.values())]
        first, last = Period.month(min(years) - 1, 4), Period.month(max(years), 3)
        if la in extracts:
            began, ended = map(_month, extracts[la])
            first = min(first, began)
            if last.shifted(-11) <= ended < last:  # an extract taken before its year was out
                last = ended
        found[la] = Coverage(first, last)
    return found
