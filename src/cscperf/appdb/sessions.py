"""Sign-in sessions. The browser holds a random token; the database keeps only its sha256, so a
copy of the database cannot be used to take over a session."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from datetime import datetime, timedelta, timezone

from cscperf.appdb import now, users

# last_seen_at is written at most this often, so most requests only read.
TOUCH_EVERY = timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(con: sqlite3.Connection, user_name: str, method: str) -> str:
    """A new session for the user; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    stamp = now()
    con.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)", [_hash(token), user_name, method, stamp, stamp])
    users.signed_in(con, user_name)
    return token


def find(con: sqlite3.Connection, token: str | None, lifetime: timedelta,
         idle: timedelta) -> users.User | None:
    """The signed-in user for a token, or None if it is unknown, too old or idle too long."""
    if not token:
        return None
    row = con.execute("""SELECT s.created_at AS session_started, s.last_seen_at, u.* FROM sessions s
                         JOIN users u ON u.name = s.user_name WHERE s.token_hash = ?""",
                      [_hash(token)]).fetchone()
    if row is None:
        return None
    moment = datetime.now(timezone.utc)
    last_seen = datetime.fromisoformat(row["last_seen_at"])
    if moment - datetime.fromisoformat(row["session_started"]) > lifetime or moment - last_seen > idle:
        end(con, token)
        return None
    if moment - last_seen > TOUCH_EVERY:
        con.execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", [now(), _hash(token)])
    return users.from_row(row)


def end(con: sqlite3.Connection, token: str | None) -> None:
    if token:
        con.execute("DELETE FROM sessions WHERE token_hash = ?", [_hash(token)])


def token_id(token: str | None) -> str:
    """A stable, non-secret name for a session (its hash), used to bind form tokens to it."""
    return _hash(token) if token else ""
