"""Shared test fixtures.

The DfE specifications, others' sample files and the publishers' reference files are read from
../shared when it is beside the clone (as in CI); they are never copied into the repository. A
fresh clone with nothing beside it still runs the whole suite: a test that needs ../shared asks
for it through `need_shared` (or the `shared` fixture) and is skipped with one line saying what it
needs; everything else runs on data the tests generate. `CSCPERF_SHARED` names another folder
(a missing one runs the suite as a fresh clone does).
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CSCPERF_SHARED") or ROOT.parent / "shared").resolve()


def need_shared(*parts: str) -> Path:
    """`../shared/PARTS`, or a skip saying that it is needed: called at a module's top level it
    skips the whole module, in a test or fixture that test."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {'/'.join(('../shared', *parts))} beside the clone (the DfE specs, "
                    "samples and published files)", allow_module_level=True)
    return path


@pytest.fixture
def shared() -> Path:
    """../shared, for a test that reads from it (skipped without it)."""
    return need_shared()


@pytest.fixture
def con():
    """A fresh in-memory store."""
    from cscperf import store

    connection = store.connect()
    yield connection
    connection.close()


def _imported_once(tmp_path_factory, name: str, folder: Path) -> Path:
    """`folder` imported once per test run into a DuckDB file, shared by the xdist workers (the
    first to arrive builds it)."""
    import fcntl
    import os

    from cscperf import store
    from cscperf.reference.importer import import_reference

    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    path = root / f"{name}.duckdb"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            building = root / f"{name}.building.duckdb"
            building.unlink(missing_ok=True)
            connection = store.connect(building)
            import_reference(connection, folder)
            connection.close()
            building.rename(path)
    return path


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory) -> Path:
    """The published figures cscperf ships (its snapshot, which holds every figure the registry
    maps and the synthetic generator reads; tests/reference/test_snapshot.py checks it against
    the publishers' files) imported once per test run. Open it read-only: see `reference_con`."""
    from cscperf.reference.snapshot import SNAPSHOT

    return _imported_once(tmp_path_factory, "reference", SNAPSHOT)


@pytest.fixture(scope="session")
def reference_con(reference_db):
    """A read-only connection to the store holding the published reference data."""
    import duckdb

    connection = duckdb.connect(str(reference_db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def publishers_db(tmp_path_factory) -> Path:
    """Every publisher's file in ../shared/reference imported, as a full download would be: for
    the importer's own tests and the snapshot's check."""
    return _imported_once(tmp_path_factory, "publishers", need_shared("reference"))


@pytest.fixture(scope="session")
def publishers_con(publishers_db):
    import duckdb

    connection = duckdb.connect(str(publishers_db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole test session (per xdist worker): Playwright's sync API
    allows one session per thread, so every browser test shares it (tests/web/browser.py)."""
    from tests.web.browser import launch

    with launch() as chromium:
        yield chromium
