"""Cookies, form tokens and response headers: the web application's defences in one place.

Form tokens (against cross-site request forgery) are signed double-submit tokens: the browser holds
a random value in an HTTP-only cookie, and each form carries an HMAC of that value and the session,
made with a key only the server knows. A forged form from another site can send the cookie but
cannot compute the token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time

SESSION_COOKIE = "__Host-cscperf-session"
CSRF_COOKIE = "__Host-cscperf-csrf"
CSRF_FIELD = "csrf_token"

# Secure: sent over HTTPS only (browsers treat loopback as secure, so local use works);
# HttpOnly: not readable by scripts; SameSite: not sent with cross-site form posts.
COOKIE_OPTIONS = {"secure": True, "httponly": True, "path": "/"}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, *parts: str) -> str:
    return _b64(hmac.new(key, "\x1f".join(parts).encode(), hashlib.sha256).digest())


def new_csrf_nonce() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(key: bytes, nonce: str, session_id: str) -> str:
    return _mac(key, "csrf", nonce, session_id)


def csrf_ok(key: bytes, nonce: str | None, session_id: str, sent: object) -> bool:
    return bool(nonce) and isinstance(sent, str) and hmac.compare_digest(
        sent, csrf_token(key, nonce, session_id))


def sign(key: bytes, purpose: str, payload: dict, max_age: int) -> str:
    """A tamper-proof, expiring value for a cookie (e.g. the identity-provider sign-in state)."""
    body = _b64(json.dumps({**payload, "exp": int(time.time()) + max_age}).encode())
    return body + "." + _mac(key, purpose, body)


def unsign(key: bytes, purpose: str, value: str | None) -> dict | None:
    if not value or "." not in value:
        return None
    body, mac = value.rsplit(".", 1)
    if not hmac.compare_digest(mac, _mac(key, purpose, body)):
        return None
    payload = json.loads(_unb64(body))
    return payload if payload.get("exp", 0) >= time.time() else None


def headers(nonce: str, https: bool) -> list[tuple[bytes, bytes]]:
    """Headers for every response: a strict content policy (scripts only from here or with the
    page's nonce), no framing, no caching of pages that may hold confidential figures."""
    policy = ("default-src 'self'; "
              f"script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; "
              "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
              "form-action 'self'; frame-ancestors 'none'")
    found = [
        ("content-security-policy", policy),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
        ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
        ("cross-origin-opener-policy", "same-origin"),
    ]
    if https:
        found.append(("strict-transport-security", "max-age=31536000"))
    return [(k.encode(), v.encode()) for k, v in found]


class SecurityHeaders:
    """ASGI middleware: a fresh script nonce per request (for templates) and the headers above;
    responses that are not static assets are marked not to be stored."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        static = scope["path"].startswith(("/assets/", "/static/"))

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                extra = headers(nonce, scope.get("scheme") == "https")
                if not static:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
