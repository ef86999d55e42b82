"""The national synthetic pool: load every authority, then compute every indicator for each.
Prints rows, seconds, CPU seconds and peak memory; asserts nothing.

    .venv/bin/python bench/national.py [--pool /work/pool/files] [--db /work/pool/national.duckdb]
                                       [--reuse] [--workers 2] [--one-load] [--memory-limit 4GB]
                                       [--checkpoint-threshold 1GB] [--threads 1] [--group 10]

POOL is what `cscperf synth POOL --national --formats ssd` writes: one folder per authority,
each with an `ssd/` folder. Loading reads the authorities in WORKERS processes and writes them
to the store from this one, each authority as one load (all of it or nothing; with --one-load
the whole pool is one load, but DuckDB then holds every uncommitted row in memory: it passed
8 GB at 40% of the national pool), then imports the published reference data
(../shared/reference) so rates and benchmarks exist. With --reuse, an existing store at DB is
used as it is. DuckDB writes its log to the store file (a checkpoint) once the log passes
CHECKPOINT_THRESHOLD: at DuckDB's default of 16 MB that is after every authority's load, and
each checkpoint costs more as the store grows, so the load checkpoints every few authorities
(20 loads of 530,062 rows: 32 s of CPU at 16 MB, 22 s at 256 MB, with 170 MB more memory; the
national pool: 188 s of CPU writing at 256 MB, 146 s at 1 GB, with 570 MB more memory).
DuckDB writes with THREADS threads while loading: the workers keep the other cores busy, so a
second thread adds CPU, not speed (40 authorities: 43.5 s of CPU writing with two threads, 33.0 s
with one; 69 s and 68 s elapsed).

Then every indicator for 20 quarters and 60 months (as bench/indicators.py): the helper tables
once, the largest authority's full table alone, and every authority's, GROUP authorities per
call so memory stays bounded. Peak memory is the process's peak so far: run with --reuse for the
indicators' own peak.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from indicators import PERIODS, peak_mb, timed  # noqa: E402  (bench/indicators.py)

from cscperf import store  # noqa: E402
from cscperf.indicators import calc, engine, registry  # noqa: E402
from cscperf.reference.importer import import_reference  # noqa: E402
from cscperf.sources.parallel import read_each  # noqa: E402

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def load(pool: Path, db: Path, workers: int, one_load: bool, memory: str, checkpoint: str,
         threads: int) -> None:
    authorities = [(folder.name, [folder / "ssd"]) for folder in sorted(pool.iterdir())
                   if (folder / "ssd").is_dir()]
    con = store.connect(db)
    con.execute(f"SET memory_limit = '{memory}'")
    con.execute(f"SET checkpoint_threshold = '{checkpoint}'")
    con.execute(f"SET threads = {threads}")
    started, cpu = time.perf_counter(), cpu_seconds(resource.RUSAGE_SELF)
    batches = read_each(authorities, workers=workers)
    if one_load:
        summaries = [store.load(con, batches)]
    else:  # the stream comes authority by authority; each is its own load
        summaries = [store.load(con, group) for _, group in itertools.groupby(batches, key=lambda b: b.la)]
    con.execute("CHECKPOINT")
    seconds = time.perf_counter() - started
    own, theirs = cpu_seconds(resource.RUSAGE_SELF) - cpu, cpu_seconds(resource.RUSAGE_CHILDREN)
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows_read = sum(s.rows_read for s in summaries)
    print(f"loaded {len(authorities)} authorities in {len(summaries)} load(s): {rows_read:,} rows read, "
          f"{sum(s.total_loaded for s in summaries):,} stored, "
          f"{sum(len(s.findings) for s in summaries):,} findings")
    print(f"load: {seconds:,.0f} s ({rows_read / seconds:,.0f} rows/s); CPU {own:,.1f} s "
          f"loading here + {theirs:,.1f} s reading in {workers} workers "
          f"({rows_read / (own + theirs):,.0f} rows per CPU second); peak memory "
          f"{peak_mb():,.0f} MB here, {worker_mb:,.0f} MB in the largest worker")
    started = time.perf_counter()
    import_reference(con, REFERENCE)
    print(f"reference data imported in {time.perf_counter() - started:.1f} s")
    con.close()
    print(f"store: {db.stat().st_size / 2**30:.2f} GiB")


def indicators(db: Path, group: int) -> None:
    con = store.connect(db)
    las = engine.authorities(con)
    print(f"{len(las)} authorities; {len(registry.default())} indicators x {len(PERIODS)} periods")
    started = time.perf_counter()
    calc.prepare(con)  # once after each load; computing afterwards reuses the helpers
    print(f"helpers (calc tables, calendar) built in {time.perf_counter() - started:.1f} s")
    largest = con.execute("SELECT la FROM ssd_person GROUP BY la ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    timed(f"largest authority ({largest})", lambda: engine.compute(con, None, PERIODS, la=largest))
    timed(f"largest authority again ({largest})", lambda: engine.compute(con, None, PERIODS, la=largest))

    def every() -> range:  # counted as they come, so only one group's results are held
        figures = 0
        for start in range(0, len(las), group):
            figures += len(engine.compute(con, None, PERIODS, la=las[start:start + group]))
        return range(figures)

    timed(f"all {len(las)} authorities, {group} at a time", every)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pool", type=Path, default=Path("/work/pool/files"))
    parser.add_argument("--db", type=Path, default=Path("/work/pool/national.duckdb"))
    parser.add_argument("--reuse", action="store_true", help="use the store at DB as it is")
    parser.add_argument("--workers", type=int, default=2, help="processes reading the files")
    parser.add_argument("--one-load", action="store_true",
                        help="the whole pool as one load (one transaction); DuckDB then holds it all until it commits")
    parser.add_argument("--memory-limit", default="4GB", help="DuckDB's memory limit while loading")
    parser.add_argument("--checkpoint-threshold", default="1GB",
                        help="DuckDB's log size that makes it write to the store file while loading")
    parser.add_argument("--threads", type=int, default=1, help="DuckDB's threads while loading")
    parser.add_argument("--group", type=int, default=10, help="authorities per indicator call")
    args = parser.parse_args()
    if not args.reuse:
        if args.db.exists():
            sys.exit(f"{args.db} exists: remove it, or pass --reuse to use it")
        load(args.pool, args.db, args.workers, args.one_load, args.memory_limit,
             args.checkpoint_threshold, args.threads)
    indicators(args.db, args.group)


if __name__ == "__main__":
    main()
