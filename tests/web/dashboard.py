"""A store for the dashboard's tests: the report's small authority (the indicator tests' seeded
random authority, 300 children over five years, as 883, beside the published reference data) with
one account per role. Test modules import the fixtures they use from here."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from cscperf import appdb
from cscperf.appdb import users
from cscperf.outputs.web import create_app
from tests.outputs.report.conftest import LA, PERIOD, report_db  # noqa: F401 - a fixture used below
from tests.web.conftest import NAMES, PASSWORD, Site, running

QUERY = f"la={LA}&period={PERIOD}"
CHILD_ID = re.compile(r"\bC\d{3}\b")  # the random authority's children are C000 to C299


def make_dashboard(folder: Path, report_db: Path) -> Site:  # noqa: F811 - the fixture's value
    store_path = folder / "cscperf.duckdb"
    shutil.copy(report_db, store_path)
    with closing(appdb.connect(store_path)) as db:
        for role, name in NAMES.items():
            users.add(db, name, role, PASSWORD)
    return Site(store_path, create_app(store_path))


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory, report_db) -> Site:  # noqa: F811
    """One dashboard site for a module's tests that change nothing (targets edits use their own)."""
    return make_dashboard(tmp_path_factory.mktemp("dashboard"), report_db)


@pytest.fixture
def fresh_dashboard(tmp_path, report_db) -> Site:  # noqa: F811
    return make_dashboard(tmp_path, report_db)


@pytest.fixture(scope="session")
def live_dashboard(tmp_path_factory, report_db) -> Iterator[tuple[str, Site]]:  # noqa: F811
    """A real server on loopback over the dashboard's store: (base URL, site)."""
    site = make_dashboard(tmp_path_factory.mktemp("live-dashboard"), report_db)
    site.app.state.web.close()
    with running(site.store_path) as (url, app):
        yield url, Site(site.store_path, app)


def figures(data) -> Iterator[dict]:
    """Every figure (a dict with `suppressed`) anywhere in a page's JSON."""
    if isinstance(data, dict):
        if "suppressed" in data and "value" in data:
            yield data
        for value in data.values():
            yield from figures(value)
    elif isinstance(data, list):
        for value in data:
            yield from figures(value)
