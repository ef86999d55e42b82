"""How long `cscperf synth --national` takes: all 153 authorities, five years, every format.
Prints rows, seconds, output size and peak memory; asserts nothing.

    .venv/bin/python bench/synth_national.py [OUT] [--workers N] [--end YYYY-MM-DD]

OUT defaults to a temporary folder, removed afterwards. Targets come from ../shared/reference
when it is there (as `--reference`), so each authority is sized and aimed at its own figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from cscperf.synth import generate_national


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(out: Path, workers: int, end: date | None) -> None:
    reference = Path(__file__).resolve().parents[2] / "shared" / "reference"
    started = time.perf_counter()
    done = []

    def progress(manifest) -> None:
        done.append(manifest)
        if len(done) % 10 == 0:
            print(f"  {len(done):3d} authorities, {time.perf_counter() - started:6.0f} s", flush=True)

    manifests = generate_national(out, years=5, end=end, workers=workers, progress=progress,
                                  reference=reference if reference.is_dir() else None)
    seconds = time.perf_counter() - started
    rows = sum(m.rows for m in manifests)
    files = sum(len(m.files) for m in manifests)
    biggest = max(manifests, key=lambda m: m.rows)
    own, workers_usage = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + workers_usage.ru_utime + workers_usage.ru_stime
    parent, worker = own.ru_maxrss / 1024, workers_usage.ru_maxrss / 1024
    print(f"{len(manifests)} authorities, {manifests[0].first} to {manifests[0].end}, {workers} workers")
    print(f"rows:        {rows:,} in {files:,} files ({rows / seconds:,.0f} rows/s)")
    print(f"time:        {seconds:,.0f} s ({cpu:,.0f} CPU seconds in all: the measure to compare when other "
          f"jobs share the machine)")
    print(f"output:      {size(out) / 2**30:.2f} GiB")
    print(f"peak memory: {worker:,.0f} MiB in the largest worker, {parent:,.0f} MiB in the parent")
    print(f"largest:     {biggest.name} ({biggest.la}), {biggest.rows:,} rows")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--end", type=date.fromisoformat)
    args = parser.parse_args()
    if args.out:
        main(args.out, args.workers, args.end)
    else:
        folder = Path(tempfile.mkdtemp(prefix="cscperf-synth-national-"))
        try:
            main(folder, args.workers, args.end)
        finally:
            shutil.rmtree(folder)
