"""The audit log: who looked at which children's records (drill-down), and who signed in,
uploaded files or changed accounts. Rows are only ever added."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from cscperf.appdb import now


@dataclass(frozen=True)
class Entry:
    at: str
    user_name: str | None
    event: str
    indicator: str | None
    period: str | None
    n_children: int | None
    detail: str | None


def record_access(con: sqlite3.Connection, user: str, indicator: str, period: str,
                  n_children: int) -> None:
    """Record that `user` saw the `n_children` children behind `indicator` for `period`."""
    con.execute("INSERT INTO audit (at, user_name, event, indicator, period, n_children) "
                "VALUES (?, ?, 'drill-down', ?, ?, ?)", [now(), user, indicator, period, n_children])


def record_event(con: sqlite3.Connection, user: str | None, event: str, detail: str | None = None) -> None:
    """Record a sign-in, upload or change to accounts. `detail` must never hold child-level data."""
    con.execute("INSERT INTO audit (at, user_name, event, detail) VALUES (?, ?, ?, ?)",
                [now(), user, event, detail])


def recent(con: sqlite3.Connection, limit: int = 500, event: str | None = None) -> list[Entry]:
    """The latest entries, newest first."""
    rows = con.execute("SELECT at, user_name, event, indicator, period, n_children, detail FROM audit "
                       "WHERE ? IS NULL OR event = ? ORDER BY audit_id DESC LIMIT ?",
                       [event, event, limit]).fetchall()
    return [Entry(*row) for row in rows]
