"""All 153 English authorities, one process per authority at a time, streaming to disk.

Each authority is written to its own folder (`<out>/<code>/`), by a pool of worker processes
(one per core by default); each streams its children to disk, so memory stays bounded by the
largest authority's calibration and open files, not by the number of children.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cscperf.synth.authorities import authorities
from cscperf.synth.geography import postcode_index
from cscperf.synth.run import FORMATS, Manifest, generate

SUMMARY = "national.json"


@dataclass(frozen=True)
class Job:
    out: Path
    la: str
    seed: int
    end: date | None
    years: int
    formats: tuple[str, ...]
    reference: Path | None
    defects: float


def _run(job: Job) -> Manifest:
    return generate(job.out / job.la, like=job.la, seed=job.seed, end=job.end, years=job.years,
                    formats=job.formats, reference=job.reference, defects=job.defects)


def generate_national(out: Path, seed: int = 1, end: date | None = None, years: int = 5,
                      formats: Iterable[str] = FORMATS, reference: Path | None = None, defects: float = 0.0,
                      workers: int | None = None, codes: Iterable[str] | None = None,
                      progress: Callable[[Manifest], None] | None = None) -> list[Manifest]:
    """Generate every authority (or those in `codes`), largest first so the pool ends together."""
    chosen = sorted(codes or authorities(), key=lambda code: -authorities()[code].population)
    jobs = [Job(out, la, seed, end, years, tuple(formats), reference, defects) for la in chosen]
    postcode_index()  # read once here; forked workers share it
    manifests = []
    context = multiprocessing.get_context("fork")
    with context.Pool(workers or os.cpu_count() or 1) as pool:
        for manifest in pool.imap_unordered(_run, jobs):
            manifests.append(manifest)
            if progress:
                progress(manifest)
    manifests.sort(key=lambda m: m.la)
    summary = {m.la: {"name": m.name, "rows": m.rows, "files": len(m.files)} for m in manifests}
    (out / SUMMARY).write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return manifests
