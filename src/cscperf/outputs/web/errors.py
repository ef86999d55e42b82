"""Errors and logs that never carry child-level data.

An unexpected exception is logged by its type and where it happened (file, line, function), never
its message or values, which may hold a child's details; the person sees a plain error page. The
access log records the method, the path without its query string, the status and the time taken.
"""

from __future__ import annotations

import logging
import time
import traceback

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse

log = logging.getLogger("cscperf.web")
access_log = logging.getLogger("cscperf.web.access")

TITLES = {
    400: "Sorry, there is a problem with the request",
    403: "You do not have access to this page",
    404: "Page not found",
    405: "Page not found",
    413: "The upload is too large",
    500: "Sorry, there is a problem with the service",
}


class BodyTooLarge(Exception):
    pass


def error_page(templates, status: int, message: str | None = None, nonce: str = "") -> HTMLResponse:
    """The one error page; `message` must say what to do next, never echo the request."""
    status = status if status in TITLES else 500
    html = templates.get_template("error.html").render(
        status=status, title=TITLES[status], message=message, cspNonce=nonce)
    return HTMLResponse(html, status_code=status)


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)[-6:]
    return " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames))


async def http_error(request: Request, error: HTTPException) -> HTMLResponse:
    """Router errors (no such page, wrong method), shown as the service's own error page."""
    return error_page(request.app.state.web.templates, error.status_code,
                      nonce=request.state.csp_nonce)


class PrivateErrors:
    """ASGI middleware: turns any unexpected exception into the plain error page, and logs it
    without its message, so neither the page nor the server's log shows the data involved."""

    def __init__(self, app, templates, max_body_bytes: int):
        self.app = app
        self.templates = templates
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body_bytes:
                raise BodyTooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        nonce = scope.get("state", {}).get("csp_nonce", "")
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if length.isdigit() and int(length) > self.max_body_bytes:
            return await error_page(self.templates, 413, nonce=nonce)(scope, receive, send)
        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await error_page(self.templates, 413, nonce=nonce)(scope, receive, send)
        except Exception as error:  # noqa: BLE001 - the last line of defence
            log.error("unhandled %s in %s %s at %s", type(error).__name__, scope["method"],
                      scope["path"], _where(error))
            if not started:
                await error_page(self.templates, 500, nonce=nonce)(scope, receive, send)


class AccessLog:
    """ASGI middleware: one line per request, without the query string."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        began = time.perf_counter()
        status = 0

        async def recording_send(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            client = (scope.get("client") or ("-",))[0]
            access_log.info('%s "%s %s" %s %.0fms', client, scope["method"], scope["path"],
                            status, (time.perf_counter() - began) * 1000)


def logging_config(level: str = "info") -> dict:
    """Logging for `cscperf serve`: uvicorn's own access log is off (it prints query strings);
    ours above replaces it."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain",
                                "stream": "ext://sys.stderr"}},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level.upper(), "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            "cscperf": {"handlers": ["stderr"], "level": level.upper(), "propagate": False},
        },
    }
