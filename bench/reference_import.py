"""How long importing the published reference folder takes, and how much it holds.

    .venv/bin/python bench/reference_import.py [FOLDER]   (default: ../shared/reference)

Prints seconds and rows for a first import into a new store, for importing the same folder again
(every file unchanged), and for computing every published measure's benchmark for one authority.
"""

import sys
import tempfile
import time
from pathlib import Path

from cscperf import store
from cscperf.compare.benchmarks import benchmark
from cscperf.reference.importer import import_reference
from cscperf.reference.measures import catalogue

ROOT = Path(__file__).resolve().parents[1]
folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"

with tempfile.TemporaryDirectory() as tmp:
    con = store.connect(Path(tmp) / "bench.duckdb")
    first = import_reference(con, folder)
    print(f"first import: {first.seconds:.2f} s, {len(first.files)} files, {first.rows:,} rows")
    for kind in sorted({f.kind for f in first.files}):
        print(f"  {kind}: {sum(f.rows for f in first.files if f.kind == kind):,} rows")
    again = import_reference(con, folder)
    print(f"import again: {again.seconds:.2f} s, {sum(f.unchanged for f in again.files)} files unchanged, "
          f"{again.rows:,} rows added")
    started = time.perf_counter()
    results = [benchmark(con, measure_id, "881") for measure_id in catalogue()]
    seconds = time.perf_counter() - started
    print(f"benchmarks: {len(results)} measures for one authority in {seconds:.2f} s "
          f"({1000 * seconds / len(results):.0f} ms each)")
    con.close()
