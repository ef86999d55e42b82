"""Signing in and out: with a cscperf password, or through the organisation's identity provider."""

from __future__ import annotations

from dataclasses import asdict

from cscperf.appdb import audit, throttle, users
from cscperf.outputs.web import security
from cscperf.outputs.web.oidc import OidcError, Pending
from cscperf.outputs.web.policy import PUBLIC, SIGNED_IN, Context, Pages

pages = Pages()

OIDC_COOKIE = "__Host-cscperf-oidc"
OIDC_PURPOSE = "oidc-pending"
OIDC_MINUTES = 10


def _local(path: str | None) -> str:
    """Only a path on this site is followed after signing in (never another site)."""
    return path if path and path.startswith("/") and not path.startswith(("//", "/\\")) else "/"


def _sign_in_page(ctx: Context, status: int = 200, error: str | None = None, name: str = ""):
    return ctx.render("sign_in.html", status=status, title="Sign in", errors={"name": error} if error else {},
                      name=name,
                      next=_local(ctx.query.get("next") or (ctx.form or {}).get("next")))


@pages.page("/sign-in", access=PUBLIC, methods=("GET", "POST"))
def sign_in(ctx: Context):
    if ctx.form is None:
        return ctx.redirect("/") if ctx.user else _sign_in_page(ctx)
    name = str(ctx.form.get("name", "")).strip()
    password = str(ctx.form.get("password", ""))
    if not name or not password:
        return _sign_in_page(ctx, 400, "Enter your user name and password", name)
    limits = ctx.web.config.limits
    address = ctx.request.client.host if ctx.request.client else "-"
    minutes = throttle.locked_for(ctx.db, name, address, limits)
    if minutes:
        audit.record_event(ctx.db, name, "sign-in-locked", f"from {address}")
        return _sign_in_page(ctx, 429, "There have been too many failed attempts to sign in. "
                             f"Try again in {minutes} minute{'s' if minutes != 1 else ''}.", name)
    user = users.check_password(ctx.db, name, password)
    if user is None:
        throttle.failed(ctx.db, name, address, limits)
        audit.record_event(ctx.db, name, "sign-in-failed", f"from {address}")
        return _sign_in_page(ctx, 401, "Enter a correct user name and password", name)
    throttle.succeeded(ctx.db, name, limits)
    ctx.sign_in(user, "password")
    return ctx.redirect(_local(ctx.form.get("next")))


@pages.page("/sign-out", access=SIGNED_IN, methods=("POST",))
def sign_out(ctx: Context):
    audit.record_event(ctx.db, ctx.user.name, "sign-out")
    ctx.sign_out()
    return ctx.redirect("/sign-in")


def _callback_url(ctx: Context) -> str:
    return str(ctx.request.url_for("oidc_callback"))


@pages.page("/sign-in/oidc", access=PUBLIC)
def oidc_start(ctx: Context):
    if ctx.web.oidc is None:
        return ctx.error(404)
    try:
        url, pending = ctx.web.oidc.start(_callback_url(ctx), _local(ctx.query.get("next")))
    except OidcError as error:
        return _sign_in_page(ctx, 502, f"Signing in with {ctx.web.config.oidc.name} is not working: {error}")
    response = ctx.redirect(url)
    # Lax, so the browser sends it back when the provider redirects here.
    response.set_cookie(OIDC_COOKIE, security.sign(ctx.web.secret, OIDC_PURPOSE, asdict(pending),
                                                   OIDC_MINUTES * 60),
                        max_age=OIDC_MINUTES * 60, samesite="lax", **security.COOKIE_OPTIONS)
    return response


@pages.page("/sign-in/oidc/callback", access=PUBLIC)
def oidc_callback(ctx: Context):
    if ctx.web.oidc is None:
        return ctx.error(404)
    remembered = security.unsign(ctx.web.secret, OIDC_PURPOSE, ctx.request.cookies.get(OIDC_COOKIE))
    provider = ctx.web.config.oidc.name
    try:
        if remembered is None:
            raise OidcError("the sign-in took too long or was started in another browser")
        pending = Pending(**{k: remembered[k] for k in ("state", "nonce", "verifier", "next")})
        name = ctx.web.oidc.finish(pending, ctx.query, _callback_url(ctx))
    except OidcError as error:
        response = _sign_in_page(ctx, 400, f"Signing in with {provider} did not work: {error}. Try again.")
    else:
        user = users.get(ctx.db, name)
        if user is None:
            audit.record_event(ctx.db, name, "sign-in-refused", "no cscperf account")
            response = _sign_in_page(ctx, 403, f"{name} does not have an account for this service. "
                                     "Ask an administrator to add you.")
        else:
            ctx.sign_in(user, "oidc")
            response = ctx.redirect(pending.next)
    response.delete_cookie(OIDC_COOKIE, **security.COOKIE_OPTIONS)
    return response
