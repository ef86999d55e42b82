"""Who may use each page, checked on the server in one place.

A page module makes `pages = Pages()` and declares each route with the roles allowed:

    @pages.page("/data", access=ANALYSTS, nav="Data")
    def loads(ctx: Context) -> Response: ...

`access` has no default, so a route cannot be added without saying who may use it, and
`GuardedRoute` is the only kind of route the application accepts (tests enumerate them all).
Before the handler runs, the guard finds the signed-in user, refuses anyone the route does not
allow (anonymous people are sent to sign in), and refuses any form without a valid token.
Handlers are plain functions run in a worker thread, so they may query the store directly.

`twin=True` adds the page's `.json` twin (as datasette does) with the same access: the handler
runs with `ctx.as_json` set and answers through `ctx.show`, which gives the page or its data.
"""

from __future__ import annotations

import enum
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from cscperf.appdb import audit, sessions
from cscperf.appdb.users import Role, User
from cscperf.outputs.web import errors, security

SAFE_METHODS = ("GET", "HEAD")


class RowId(Convertor):
    """`{name:id}` in a route: a row's number. One longer than any row's (over 18 digits) matches
    no route, so it is not found rather than an overflow in the database."""

    regex = "[0-9]{1,18}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


register_url_convertor("id", RowId())


@dataclass(frozen=True)
class Access:
    """Who may use a route: the roles named, or anyone at all when `public` (sign-in pages only)."""

    roles: frozenset[Role]
    public: bool = False

    def allows(self, user: User | None) -> bool:
        return self.public or (user is not None and user.role in self.roles)


PUBLIC = Access(frozenset(), public=True)
SIGNED_IN = Access(frozenset(Role))
ANALYSTS = Access(frozenset({Role.ANALYST}))
ADMINS = Access(frozenset({Role.ADMIN}))


class GuardedRoute(Route):
    """A route that names who may use it; its endpoint is the handler wrapped by the guard."""

    def __init__(self, path: str, handler: Callable, *, access: Access, methods: tuple[str, ...],
                 nav: str | None = None, as_json: bool = False):
        if not isinstance(access, Access):
            raise TypeError(f"{path}: access must be one of PUBLIC, SIGNED_IN, ANALYSTS, ADMINS")
        self.access = access
        self.nav = nav
        super().__init__(path, _guarded(handler, access, as_json), methods=list(methods),
                         name=handler.__name__ + ("_json" if as_json else ""))


class Pages:
    """The routes one page module adds, in order."""

    def __init__(self) -> None:
        self.routes: list[GuardedRoute] = []

    def page(self, path: str, *, access: Access, methods: tuple[str, ...] = ("GET",),
             nav: str | None = None, twin: bool = False) -> Callable:
        def register(handler: Callable) -> Callable:
            if twin:  # first, so that `/x/{id}` does not take `/x/1.json` as id `1.json`
                self.routes.append(GuardedRoute(path + ".json", handler, access=access, methods=("GET",),
                                                as_json=True))
            self.routes.append(GuardedRoute(path, handler, access=access, methods=methods, nav=nav))
            return handler
        return register


class Context:
    """What a page handler gets: the request, the signed-in user, the parsed form and helpers."""

    def __init__(self, request: Request, db: sqlite3.Connection, user: User | None,
                 session_token: str | None, form, as_json: bool = False):
        self.request = request
        self.as_json = as_json  # the request is for the page's `.json` twin
        self.web = request.app.state.web
        self.db = db  # the application database (accounts, audit, committee actions)
        self.user = user
        self.form = form
        self._session_token = session_token
        self._cookies: list[tuple[str, str | None, dict]] = []

    @property
    def params(self) -> dict:
        return self.request.path_params

    @property
    def query(self):
        return self.request.query_params

    @cached_property
    def store(self):
        """A cursor on the store (DuckDB), for this request only."""
        return self.web.store.cursor()

    @cached_property
    def csrf_token(self) -> str:
        nonce = self.request.cookies.get(security.CSRF_COOKIE)
        if not nonce:
            nonce = security.new_csrf_nonce()
            self._cookies.append((security.CSRF_COOKIE, nonce, {"samesite": "strict"}))
        return security.csrf_token(self.web.secret, nonce, sessions.token_id(self._session_token))

    def csrf_ok(self) -> bool:
        return security.csrf_ok(self.web.secret, self.request.cookies.get(security.CSRF_COOKIE),
                                sessions.token_id(self._session_token), self.form.get(security.CSRF_FIELD))

    def render(self, template: str, status: int = 200, **data) -> HTMLResponse:
        html = self.web.templates.get_template(template).render(
            user=self.user, nav=self.web.nav_for(self.user, self.request.url.path),
            csrf_token=self.csrf_token, cspNonce=self.request.state.csp_nonce,
            oidc=self.web.config.oidc, **data)
        return HTMLResponse(html, status_code=status)

    def show(self, template: str, data: dict, **context) -> Response:
        """A page with a `.json` twin: `data` as JSON for the twin, else the template rendered
        with `data` and `context`."""
        if self.as_json:
            return Response(encode_json(data), media_type="application/json")
        return self.render(template, data=data, **context)

    def redirect(self, url: str) -> RedirectResponse:
        return RedirectResponse(url, status_code=303)

    def error(self, status: int, message: str | None = None) -> HTMLResponse:
        """The error page, with the person's navigation; `message` says what to do next."""
        return self.render("error.html", status=status, title=errors.TITLES[status], message=message)

    def sign_in(self, user: User, method: str) -> None:
        """Start a new session (a new token, so one fixed before sign-in is worthless)."""
        sessions.end(self.db, self._session_token)
        self._session_token = sessions.start(self.db, user.name, method)
        self.user = user
        self._cookies.append((security.SESSION_COOKIE, self._session_token, {"samesite": "lax"}))
        audit.record_event(self.db, user.name, "sign-in", method)

    def sign_out(self) -> None:
        sessions.end(self.db, self._session_token)
        self._session_token = None
        self._cookies.append((security.SESSION_COOKIE, None, {}))

    def record_access(self, indicator: str, period: str, n_children: int) -> None:
        """Audit a view of the children behind a figure (drill-down)."""
        audit.record_access(self.db, self.user.name, indicator, period, n_children)

    def _finish(self, response: Response) -> Response:
        for name, value, options in self._cookies:
            if value is None:
                response.delete_cookie(name, **security.COOKIE_OPTIONS)
            else:
                response.set_cookie(name, value, **security.COOKIE_OPTIONS, **options)
        return response

    def _close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()


MAX_FILES = MAX_FIELDS = 200  # in one form


def _guarded(handler: Callable, access: Access, as_json: bool = False) -> Callable:
    async def endpoint(request: Request) -> Response:
        form = None
        if request.method not in SAFE_METHODS:
            # Who is asking is settled from the session cookie before the body is read, so
            # nobody the page refuses can make the server read an upload.
            refused = await run_in_threadpool(_handle, request, None, access, None, as_json)
            if refused is not None:
                return refused
            try:
                form = await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS)
            except HTTPException as error:  # too many files or fields, or not a form at all
                return errors.error_page(request.app.state.web.templates, 400,
                                         f"{error.detail} Go back and try again.",
                                         request.state.csp_nonce)
        try:
            return await run_in_threadpool(_handle, request, handler, access, form, as_json)
        finally:
            if form is not None:
                await form.close()
    return endpoint


def _handle(request: Request, handler: Callable | None, access: Access, form,
            as_json: bool) -> Response | None:
    """The handler's response; with no handler, the refusal if the route refuses this person,
    else None."""
    web = request.app.state.web
    with closing(web.appdb()) as db:
        token = request.cookies.get(security.SESSION_COOKIE)
        user = sessions.find(db, token, web.config.session_lifetime, web.config.session_idle)
        ctx = Context(request, db, user, token if user else None, form, as_json)
        if token and user is None:  # expired or ended elsewhere: clear it from the browser
            ctx.sign_out()
        try:
            response = _checked(ctx, handler, access)
            return None if response is None else ctx._finish(response)
        finally:
            ctx._close()


def _checked(ctx: Context, handler: Callable | None, access: Access) -> Response | None:
    if not access.allows(ctx.user):
        if ctx.user is None:
            return ctx.redirect("/sign-in?next=" + quote(ctx.request.url.path))
        return ctx.error(403)
    if handler is None:
        return None
    if ctx.form is not None and not ctx.csrf_ok():
        return ctx.error(403, "The form had expired or was not sent from this service. "
                              "Go back, reload the page and try again.")
    return handler(ctx)


def encode_json(data) -> bytes:
    """A `.json` twin's body: dates as ISO text, decimals as numbers, code lists by their value."""
    return json.dumps(data, default=_plain, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")).encode()


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"{type(value).__name__} is not JSON")
