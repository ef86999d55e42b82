"""Episodes of one child in a 903 episodes file that overlap: one starts (DECOM) before an
earlier-starting one has ceased (DEC), or while it is still open.

Each overlap is a warning on whichever of the two rows comes later in the file, naming the other
row. The rows are kept as given: which one is wrong is for the authority to say. Two episodes
starting the same day have the same natural key, which the loader reports as a duplicate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from cscperf.quality.findings import Findings

RULE = "episodes-overlap"


@dataclass(frozen=True)
class Episode:
    row: int
    start: date
    end: date | None  # None while open
    start_as_given: str


class Overlaps:
    """Collects one file's episodes as they are read, then reports the overlaps."""

    def __init__(self) -> None:
        self.by_child: dict[str, list[Episode]] = defaultdict(list)

    def add(self, row: int, child: str | None, start: date | None, end: date | None,
            start_as_given: str) -> None:
        if child is not None and start is not None:
            self.by_child[child].append(Episode(row, start, end, start_as_given))

    def report(self, file: str, findings: Findings) -> None:
        for episodes in self.by_child.values():
            latest: Episode | None = None  # of the episodes so far, the one ending last
            for episode in sorted(episodes, key=lambda e: (e.start, e.row)):
                if latest and latest.start < episode.start and _ends_after(latest, episode.start):
                    later, other = sorted((latest, episode), key=lambda e: e.row)[::-1]
                    findings.add(file, RULE, f"overlaps the child's episode at row {other.row}: "
                                 "one starts before the other has ceased; both kept as given",
                                 table="episodes", row=later.row, column="DECOM",
                                 value=later.start_as_given)
                if latest is None or not _ends_after(latest, episode.end):
                    latest = episode


def _ends_after(episode: Episode, day: date | None) -> bool:
    """Whether the episode is still open, or ceases after `day` (None: never)."""
    if episode.end is None:
        return True
    return day is not None and episode.end > day
