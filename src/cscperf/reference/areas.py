"""Areas by name: the ward of each postcode, and the authority's own localities.

- `load_postcode_wards` reads the ONS Postcode Directory (`ONSPD_*.csv`: columns `pcds` and
  `osward`), or the National Statistics Postcode Lookup (`NSPL*.csv`: `pcds` and `ward`), into
  `ref.postcode_wards`. The whole UK file or only the files of the authority's postcode areas
  (the directory's `multi_csv` folder) will do: each file replaces what earlier ones said of the
  same postcodes. Ward names come with the ONS Ward to Local Authority District lookup
  (`authorities.LOOKUPS`).
- `set_localities` replaces `ref.localities` with an authority's localities file: two columns,
  an area (a postcode sector such as `RM17 6`, a ward code such as `E05002221`, or a ward's name)
  and the locality it belongs to, one row each, a header row allowed.

`calc.children` turns a child's home postcode into its district, ward and locality by these.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb

from cscperf.quality.findings import LoadError
from cscperf.store.duckdb import atomic

POSTCODE_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8")
WARD_COLUMNS = ("osward", "ward")


def _pick(path: Path, columns: list[str], wanted: tuple[str, ...], pattern: str, what: str) -> str:
    by_name = {c.lower(): c for c in columns}
    found = next((by_name[w] for w in wanted if w in by_name), None) or next(
        (c for c in columns if re.fullmatch(pattern, c, re.IGNORECASE)), None)
    if found is None:
        raise LoadError(path.name, f"not an ONS Postcode Directory file: no {what} column "
                                   f"({', '.join(wanted)})")
    return found


def load_postcode_wards(con: duckdb.DuckDBPyConnection, path: Path, release_id: int) -> int:
    """Add the ward of every postcode in one ONS Postcode Directory file to `ref.postcode_wards`."""
    columns = [row[0] for row in con.execute(
        "SELECT column_name FROM (DESCRIBE SELECT * FROM read_csv(?, all_varchar = true, header = true))",
        [str(path)]).fetchall()]
    postcode = _pick(path, columns, POSTCODE_COLUMNS, r"postcode", "postcode")
    ward = _pick(path, columns, WARD_COLUMNS, r"WD[0-9]{2}CD", "ward")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE postcode_wards_read AS
        SELECT DISTINCT replace(upper("{postcode}"), ' ', '') AS postcode, nullif(trim("{ward}"), '') AS ward_code
        FROM read_csv(?, all_varchar = true, header = true)
        WHERE nullif(trim("{postcode}"), '') IS NOT NULL
    """, [str(path)])
    con.execute("DELETE FROM ref.postcode_wards WHERE postcode IN (SELECT postcode FROM postcode_wards_read)")
    added = con.execute("INSERT INTO ref.postcode_wards SELECT ?, postcode, ward_code FROM postcode_wards_read",
                        [release_id]).fetchone()[0]
    con.execute("DROP TABLE postcode_wards_read")
    return added


_SECTOR = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9])$")
_HEADERS = {"area", "sector", "postcode sector", "ward", "ward code", "ward name", "postcode"}


def area_key(text: str) -> str:
    """An area as `ref.localities` keys it: a postcode sector 'RM17 6', a ward code, or a ward's
    name, in upper case with single spaces."""
    area = " ".join(text.upper().split())
    sector = _SECTOR.match(area)
    return f"{sector[1]} {sector[2]}" if sector else area


def read_localities(path: Path) -> list[tuple[str, str, int]]:
    """(area key, locality, row) for each row of a localities file; a problem names its row."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.reader(stream))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise LoadError(path.name, f"cannot be read as a CSV file ({error})") from None
    found: dict[str, tuple[str, int]] = {}
    for number, row in enumerate(rows, 1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if number == 1 and cells[0].lower() in _HEADERS:
            continue
        if len(cells) < 2 or not cells[0] or not cells[1] or any(cells[2:]):
            raise LoadError(path.name, f"row {number}: expected two columns, an area (postcode sector, "
                                       f"ward code or ward name) and its locality, not {', '.join(row)!r}")
        area = area_key(cells[0])
        if area in found and found[area][0] != cells[1]:
            raise LoadError(path.name, f"row {number}: {cells[0]} is already in locality "
                                       f"{found[area][0]!r} (row {found[area][1]})")
        found[area] = (cells[1], number)
    if not found:
        raise LoadError(path.name, "has no localities")
    return [(area, locality, row) for area, (locality, row) in found.items()]


def set_localities(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Replace the store's localities with those of `path`; all of them or none."""
    path = Path(path)
    rows = read_localities(path)
    with atomic(con, lambda: (path.name, "could not be saved")):
        con.execute("DELETE FROM ref.localities")
        con.executemany("INSERT INTO ref.localities VALUES (?, ?, ?)",
                        [(area, locality, f"{path.name} row {row}") for area, locality, row in rows])
    return len(rows)

