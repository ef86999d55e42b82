"""Sign-in throttling: too many failed attempts for one account, or from one network address,
within the window locks further attempts (even correct ones) until the window has passed."""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone


@dataclass(frozen=True)
class Limits:
    per_account: int
    per_address: int
    window: timedelta


def _keys(name: str, address: str, limits: Limits) -> list[tuple[str, int]]:
    return [(f"account:{name.strip().lower()}", limits.per_account), (f"address:{address}", limits.per_address)]


def locked_for(con: sqlite3.Connection, name: str, address: str, limits: Limits) -> int:
    """Whole minutes until another attempt is allowed; 0 when one is allowed now."""
    moment = datetime.now(timezone.utc)
    cutoff = (moment - limits.window).isoformat(timespec="seconds")
    wait = timedelta(0)
    for key, limit in _keys(name, address, limits):
        recent = con.execute("SELECT at FROM sign_in_failures WHERE key = ? AND at > ? "
                             "ORDER BY at DESC LIMIT ?", [key, cutoff, limit]).fetchall()
        if len(recent) >= limit:  # locked until the oldest of the last `limit` leaves the window
            wait = max(wait, datetime.fromisoformat(recent[-1][0]) + limits.window - moment)
    return math.ceil(wait.total_seconds() / 60)


def failed(con: sqlite3.Connection, name: str, address: str, limits: Limits) -> None:
    moment = datetime.now(timezone.utc)
    stamp = moment.isoformat(timespec="seconds")
    con.executemany("INSERT INTO sign_in_failures VALUES (?, ?)",
                    [(key, stamp) for key, _ in _keys(name, address, limits)])
    con.execute("DELETE FROM sign_in_failures WHERE at < ?",
                [(moment - 2 * limits.window).isoformat(timespec="seconds")])


def succeeded(con: sqlite3.Connection, name: str, limits: Limits) -> None:
    """A correct sign-in clears the account's failures (not the address's)."""
    con.execute("DELETE FROM sign_in_failures WHERE key = ?", [_keys(name, "", limits)[0][0]])
