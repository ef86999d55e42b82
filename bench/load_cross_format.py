"""How long a synthetic authority's returns and then its SSD extract take to load into one store,
and how many values the second load kept from the first. Prints its figures; asserts nothing.

    .venv/bin/python bench/load_cross_format.py [--like 883] [--years 5] [--seed 1]

Generates the authority (903, CIN census and SSD for the same children) in a temporary folder,
loads the 903 and CIN census, then the SSD extract, which replaces most of their rows.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from cscperf import sources, store
from cscperf.synth import generate

SHARED = Path(__file__).resolve().parents[2] / "shared"


def timed(con, paths: list[Path], la: str) -> tuple[float, float, float, store.LoadSummary]:
    """Seconds reading, then loading: elapsed and CPU (all threads: DuckDB's too)."""
    started = time.perf_counter()
    batches = sources.read_paths(paths, la=la)
    read, cpu = time.perf_counter(), time.process_time()
    summary = store.load(con, batches)
    return read - started, time.perf_counter() - read, time.process_time() - cpu, summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--like", default="883")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / args.like
        reference = SHARED / "reference"
        generate(out, like=args.like, seed=args.seed, end=date(2026, 3, 31), years=args.years,
                 formats=("903", "cin", "ssd"), reference=reference if reference.is_dir() else None)
        con = store.connect(Path(tmp) / "bench.duckdb")
        for name, paths in (("903 + CIN census", [out / "ssda903", out / "cin_census"]),
                            ("SSD extract", [out / "ssd"])):
            reading, loading, cpu, summary = timed(con, paths, args.like)
            kept = Counter(f.column for f in summary.findings if f.rule == "kept-from-earlier-load")
            print(f"{name}: {summary.rows_read:,} rows read in {reading:.2f} s, "
                  f"{summary.total_loaded:,} loaded in {loading:.2f} s ({cpu:.2f} s of CPU)")
            if kept:
                print(f"  kept from the earlier load: {len(kept)} column(s) in "
                      f"{sum(kept.values())} file(s), e.g. {', '.join(sorted(kept)[:4])}")


if __name__ == "__main__":
    main()
