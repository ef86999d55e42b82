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


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory) -> Path:
    """`../shared/reference` imported once per test run into a DuckDB file, shared by the xdist
    workers (the first to arrive builds it). Open it read-only: see `reference_con`."""
    import fcntl
    import os

    from cscperf import store
    from cscperf.reference.importer import import_reference

    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    path = root / "reference.duckdb"
    with open(root / "reference.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            building = root / "reference.building.duckdb"
            building.unlink(missing_ok=True)
            connection = store.connect(building)
            import_reference(connection, SHARED / "reference")
            connection.close()
            building.rename(path)
    return path


@pytest.fixture(scope="session")
def reference_con(reference_db):
    """A read-only connection to the store holding the published reference data."""
    import duckdb

    connection = duckdb.connect(str(reference_db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole test session (per xdist worker): Playwright's sync API
    allows one session per thread, so every browser test shares it (tests/web/browser.py)."""
    from tests.web.browser import launch

    with launch() as chromium:
        yield chromium
