"""Fixtures for the web application: a store with one account per role, in-process clients
signed in as each role, a real uvicorn server on loopback, and one headless browser per session.
Reusable by later pages (and the report's HTML, through tests/web/browser.py)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from argon2 import PasswordHasher
from starlette.applications import Starlette
from starlette.testclient import TestClient

from cscperf import appdb, store
from cscperf.appdb import actions, sessions, users
from cscperf.appdb.users import Role
from cscperf.outputs.web import create_app, security
from cscperf.outputs.web.server import config as server_config
from cscperf.sources.batch import Batch
from cscperf.sources.files import SourceFile

PASSWORD = "correct horse battery staple"
ANONYMOUS = "anonymous"
ROLES = tuple(Role)
# One account per role, named after it; `leaver` exists to be removed.
NAMES = {role: f"{role.value}1" for role in ROLES}
TOKEN_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Site:
    """A store and the web application over it."""

    store_path: Path
    app: Starlette

    def appdb(self):
        return closing(appdb.connect(self.store_path))

    def client(self, role: Role | str | None = None) -> TestClient:
        """An in-process client, signed in as the role's account (its session made directly),
        carrying a valid form token as `client.form_token`."""
        client = TestClient(self.app, base_url="https://testserver", follow_redirects=False)
        token = None
        if role not in (None, ANONYMOUS):
            with self.appdb() as con:
                token = sessions.start(con, NAMES[Role(role)], "password")
            client.cookies.set(security.SESSION_COOKIE, token)
        nonce = security.new_csrf_nonce()
        client.cookies.set(security.CSRF_COOKIE, nonce)
        client.form_token = security.csrf_token(self.app.state.web.secret, nonce, sessions.token_id(token))
        return client


def form_token(client: TestClient, path: str) -> str:
    """The form token a page gives, as a browser would read it."""
    return TOKEN_FIELD.search(client.get(path).text).group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD, next_path: str = "/"):
    return client.post("/sign-in", data={"csrf_token": form_token(client, "/sign-in"), "name": name,
                                         "password": password, "next": next_path})


def make_site(folder: Path, **overrides) -> Site:
    """A store holding one small load, an account per role plus `leaver`, and one committee action."""
    store_path = folder / "cscperf.duckdb"
    con = store.connect(store_path)
    store.load(con, [_person_batch(folder)])
    con.close()
    app = create_app(store_path, **overrides)
    with closing(appdb.connect(store_path)) as db:
        for role in ROLES:
            users.add(db, NAMES[role], role, PASSWORD)
        users.add(db, "leaver", Role.MEMBER, PASSWORD)
        actions.add(db, actions.Request(committee="Corporate Parenting Board", meeting_date=date(2025, 3, 27),
                                        asked="Placement stability by district", owner="Head of service",
                                        due_date=date(2025, 6, 30)), "analyst1")
    return Site(store_path, app)


def _person_batch(folder: Path) -> Batch:
    path = folder / "header_2025.csv"
    path.write_text("placeholder")
    batch = Batch(format="test", la="883")
    index = batch.add_file(SourceFile.identify(path, "test", "header", 2025))
    for row, child in enumerate(["A1", "B2", "C3"], start=2):
        batch.rows("ssd_person").add(index, row, pers_person_id=child, pers_sex="F", pers_dob=date(2015, 1, 1))
    batch.rows_read = 3
    return batch


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing():
    """argon2 with light parameters for these tests: the same code, a fraction of the time
    (the default parameters take a few hundred milliseconds a hash by design)."""
    saved = users._hasher
    users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    users._hasher = saved


@pytest.fixture
def site(tmp_path) -> Site:
    return make_site(tmp_path)


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory) -> Site:
    """One site for a module's tests that do not change accounts."""
    return make_site(tmp_path_factory.mktemp("site"))


@contextmanager
def running(store_path: Path, log_config: dict | None = None, **overrides) -> Iterator[tuple[str, Starlette]]:
    """The application under a real uvicorn server on a free loopback port, in a thread."""
    config = server_config(store_path, "127.0.0.1", 0, log_config, **overrides)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}", config.app
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> Iterator[tuple[str, Site]]:
    """A real server on loopback over a site like `make_site`'s: (base URL, site)."""
    site = make_site(tmp_path_factory.mktemp("live"))
    with running(site.store_path) as (url, app):
        yield url, Site(site.store_path, app)

