"""Shared test fixtures. Published reference files, specs and samples are read from ../shared
(beside the clone, as in CI); they are never copied into the repository."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT.parent / "shared").resolve()

if not SHARED.is_dir():
    raise RuntimeError(f"the shared material is expected beside the clone at {SHARED}")


@pytest.fixture
def shared() -> Path:
    return SHARED


@pytest.fixture
def con():
    """A fresh in-memory store."""
    from cscperf import store

    connection = store.connect()
    yield connection
    connection.close()
