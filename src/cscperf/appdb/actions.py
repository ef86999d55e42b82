"""Committee actions: what members asked for at a meeting, who owns it, when it is due, and the
response. The report lists the outstanding and answered ones; the web application records them."""

from __future__ import annotations

import enum
import json
import sqlite3
from dataclasses import dataclass, fields
from datetime import date

from cscperf.appdb import now


class Status(str, enum.Enum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    def __str__(self) -> str:
        return self.value


OUTSTANDING = (Status.OPEN, Status.IN_PROGRESS)


@dataclass(frozen=True)
class Action:
    """One request or action from a meeting."""

    action_id: int
    committee: str
    meeting_date: date
    asked: str  # what the members asked for, in their words or the minutes'
    asked_by: str | None
    indicator: str | None  # indicator id, when the request is about one
    owner: str
    due_date: date | None
    status: Status
    response: str | None
    created_by: str
    created_at: str
    updated_by: str | None
    updated_at: str | None

    @property
    def outstanding(self) -> bool:
        return self.status in OUTSTANDING

    def overdue(self, today: date | None = None) -> bool:
        return self.outstanding and self.due_date is not None and self.due_date < (today or date.today())


@dataclass(frozen=True)
class Request:
    """What a person enters for an action."""

    committee: str
    meeting_date: date
    asked: str
    owner: str
    asked_by: str | None = None
    indicator: str | None = None
    due_date: date | None = None
    status: Status = Status.OPEN
    response: str | None = None


EDITABLE = [f.name for f in fields(Request)]


def _action(row: sqlite3.Row) -> Action:
    values = dict(row)
    values["meeting_date"] = date.fromisoformat(values["meeting_date"])
    values["due_date"] = date.fromisoformat(values["due_date"]) if values["due_date"] else None
    values["status"] = Status(values["status"])
    return Action(**values)


def _values(request: Request) -> list:
    return [v.isoformat() if isinstance(v, date) else str(v) if isinstance(v, Status) else v
            for v in (getattr(request, name) for name in EDITABLE)]


def add(con: sqlite3.Connection, request: Request, user: str) -> Action:
    cursor = con.execute(
        f"INSERT INTO committee_actions ({', '.join(EDITABLE)}, created_by, created_at) "
        f"VALUES ({', '.join('?' * len(EDITABLE))}, ?, ?)", [*_values(request), user, now()])
    return get(con, cursor.lastrowid)


def update(con: sqlite3.Connection, action_id: int, request: Request, user: str) -> Action:
    con.execute(f"UPDATE committee_actions SET {', '.join(f'{n} = ?' for n in EDITABLE)}, "
                "updated_by = ?, updated_at = ? WHERE action_id = ?",
                [*_values(request), user, now(), action_id])
    return get(con, action_id)


def get(con: sqlite3.Connection, action_id: int) -> Action | None:
    row = con.execute("SELECT * FROM committee_actions WHERE action_id = ?", [action_id]).fetchone()
    return _action(row) if row else None


def listed(con: sqlite3.Connection, statuses: tuple[Status, ...] = tuple(Status),
           committee: str | None = None) -> list[Action]:
    """Actions with one of `statuses` (optionally for one committee), oldest meeting first."""
    rows = con.execute(
        "SELECT * FROM committee_actions WHERE status IN (SELECT value FROM json_each(?)) "
        "AND (? IS NULL OR committee = ?) ORDER BY meeting_date, due_date NULLS LAST, action_id",
        [json.dumps([str(s) for s in statuses]), committee, committee]).fetchall()
    return [_action(r) for r in rows]


def outstanding(con: sqlite3.Connection, committee: str | None = None) -> list[Action]:
    """Open and in-progress actions: what the next report must say is still being worked on."""
    return listed(con, OUTSTANDING, committee)


def answered(con: sqlite3.Connection, committee: str | None = None) -> list[Action]:
    return listed(con, (Status.ANSWERED,), committee)

