"""The collection year a file belongs to, read from its name: the year the return ends.

`SSDA903_2025_episodes.csv` and `2025-header.csv` are 2025; `2024-25`, `2024_2025`, `202425` and
`2425` are 2025 too (the year 2024-25 ends in). A name with no year, or with years that disagree,
gives None: the load then needs `--year`.
"""

from __future__ import annotations

import re
from pathlib import PurePath

_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_ .]?((?:19|20)?\d\d)(?!\d)")
_PAIR = re.compile(r"(?<!\d)(\d\d)(\d\d)(?!\d)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def from_name(name: str) -> int | None:
    """
    >>> [from_name(n) for n in ("SSDA903_2025_episodes.csv", "903 2024-25 header.csv",
    ...                         "oc2_2425.csv", "episodes_1920.csv", "2021-episodes.csv",
    ...                         "2017-2018.csv", "header.csv")]
    [2025, 2025, 2025, 2020, 2021, 2018, None]
    """
    stem = PurePath(name).stem
    for years in (_ranges(stem), _pairs(stem), {int(y) for y in _YEAR.findall(stem)}):
        if years:
            return years.pop() if len(years) == 1 else None
    return None


def _ranges(stem: str) -> set[int]:
    years = set()
    for start, end in _RANGE.findall(stem):
        if int(end) % 100 == (int(start) + 1) % 100:
            years.add(int(start) + 1)
    return years


def _pairs(stem: str) -> set[int]:
    return {2000 + int(b) for a, b in _PAIR.findall(stem) if int(b) == (int(a) + 1) % 100}
