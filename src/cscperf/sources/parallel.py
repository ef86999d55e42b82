"""Reading many authorities' files at once: worker processes parse, the caller loads.

Batches come back in the order the authorities were given, so loading them records the same
provenance as reading and loading them one after another. Only a few authorities are read ahead
of the caller, so memory is bounded by the largest few, not by how many there are.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from cscperf.sources import read_paths
from cscperf.sources.batch import Batch


def _read(paths: Sequence[Path], la: str | None, year: int | None) -> list[Batch]:
    return [batch.packed() for batch in read_paths(paths, la=la, year=year)]


def read_each(authorities: Iterable[tuple[str | None, Sequence[Path]]], year: int | None = None,
              workers: int | None = None) -> Iterator[Batch]:
    """`read_paths` for each (authority, paths) in turn, `workers` at a time (one per core by
    default), yielding each authority's batches in the order given."""
    workers = workers or os.cpu_count() or 1
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: deque = deque()
        for la, paths in authorities:
            pending.append(pool.apply_async(_read, (list(paths), la, year)))
            if len(pending) > workers:  # one ready for the caller while each worker reads on
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
