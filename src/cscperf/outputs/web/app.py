"""The web application: one `Web` object holding what every request needs, and `create_app`.

Pages live in `pages/<topic>.py`, each with a `pages = Pages()` registry; list a new module in
PAGE_MODULES and its routes, with their declared access, join the application and the navigation.
"""

from __future__ import annotations

import importlib
import threading
from contextlib import asynccontextmanager, closing
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from cscperf import appdb, store
from cscperf.appdb.users import User
from cscperf.outputs.web import errors, preparing, results, security, templating
from cscperf.outputs.web.config import WebConfig
from cscperf.outputs.web.oidc import Client
from cscperf.outputs.web.policy import GuardedRoute

# In navigation order.
PAGE_MODULES: tuple[str, ...] = ("home", "scorecard", "children", "data", "actions", "analyst_files", "report",
                                  "admin", "account")

STATIC = Path(__file__).parent / "static"


class Assets(StaticFiles):
    """GOV.UK Frontend's files, except the GDS Transport font, which only services on GOV.UK may
    use; pages fall back to Arial, as the Design System asks of everyone else."""

    def lookup_path(self, path: str):
        if path.startswith("fonts/"):
            return "", None
        return super().lookup_path(path)


class Web:
    """The store, the application database, templates and settings, shared by all requests."""

    def __init__(self, store_path: Path, config: WebConfig, routes: list[GuardedRoute]):
        self.store_path = Path(store_path)
        self.config = config
        self.store = store.connect(self.store_path)  # kept open; each request takes a cursor
        with closing(appdb.connect(self.store_path)) as con:
            self.secret = appdb.secret(con, "web")
        self.templates = templating.environment()
        self.oidc = Client(config.oidc) if config.oidc else None
        self.upload_lock = threading.Lock()  # one load into the store at a time
        # computed figures, kept until the data change; the latest ones worked out after a load
        self.results = results.Results(self.store_path, config.results_kept)
        self.preparing = preparing.Preparing(self)
        self.navigation = [(r.nav, r.path, r.access) for r in routes if r.nav]

    def appdb(self):
        return appdb.connect(self.store_path, migrate=False)

    def nav_for(self, user: User | None, path: str) -> list[dict]:
        """Navigation items for the pages this user may open; the current section marked."""
        return [{"text": text, "href": href,
                 "active": path == href or (href != "/" and path.startswith(href + "/"))}
                for text, href, access in self.navigation if user and access.allows(user)]

    def close(self) -> None:
        self.preparing.close()
        self.store.close()


def page_routes() -> list[GuardedRoute]:
    routes = []
    for name in PAGE_MODULES:
        module = importlib.import_module(f"cscperf.outputs.web.pages.{name}")
        routes.extend(module.pages.routes)
    return routes


def _lifespan(web: Web):
    @asynccontextmanager
    async def lifespan(app):
        web.preparing.at_start()
        yield
        web.close()
    return lifespan


def create_app(store_path: str | Path, **overrides) -> Starlette:
    """The application for the store at `store_path`; `overrides` replace settings by name."""
    config = WebConfig.from_settings(**overrides)
    routes = page_routes()
    web = Web(Path(store_path), config, routes)
    # Public files: GOV.UK Frontend's styles, scripts, fonts and images, and our own few.
    assets = [Mount("/assets", Assets(directory=config.assets), name="assets"),
              Mount("/static", StaticFiles(directory=STATIC), name="static")]
    app = Starlette(
        routes=[*routes, *assets],
        middleware=[Middleware(ProxyHeadersMiddleware, trusted_hosts=list(config.trusted_proxies)),
                    Middleware(security.SecurityHeaders), Middleware(errors.AccessLog),
                    Middleware(errors.PrivateErrors, templates=web.templates,
                               max_body_bytes=config.upload_max_bytes)],
        exception_handlers={HTTPException: errors.http_error},
        lifespan=_lifespan(web),
    )
    app.state.web = web
    return app
