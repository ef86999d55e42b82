"""How long the 903 samples take to read, load and derive. Prints its figures; asserts nothing.

    .venv/bin/python bench/load_ssda903.py [FOLDER]

FOLDER defaults to ../shared/samples/ssda903 (files named by the year each return starts).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from cscperf import sources, store
from cscperf.store import derive


def main(folder: Path) -> None:
    years = sorted({int(p.name[:4]) for p in folder.glob("*.csv")})
    with tempfile.TemporaryDirectory() as tmp:
        con = store.connect(Path(tmp) / "bench.duckdb")
        reading = loading = 0.0
        rows = 0
        for year in years:
            started = time.perf_counter()
            batches = sources.read_paths(sorted(folder.glob(f"{year}-*.csv")), la="883", year=year + 1)
            read = time.perf_counter()
            summary = store.load(con, batches)
            loaded = time.perf_counter()
            reading += read - started
            loading += loaded - read
            rows += summary.rows_read
        started = time.perf_counter()
        derive.run(con, "883")
        deriving = time.perf_counter() - started
        episodes = con.execute("SELECT count(*) FROM ssd_cla_episodes").fetchone()[0]
    print(f"{rows:,} rows in {len(years)} returns ({episodes:,} episodes in the store)")
    print(f"read:   {reading:6.2f} s  ({rows / reading:,.0f} rows/s; includes the first postcode look-ups)")
    print(f"load:   {loading:6.2f} s  (stacking and derivation after each of {len(years)} loads)")
    print(f"derive: {deriving:6.2f} s  (one run over the whole history)")


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "samples" / "ssda903")
