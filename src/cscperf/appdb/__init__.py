"""The application database: accounts, sessions, sign-in throttling, the audit log and committee
actions, for the web application and the report.

It is a small SQLite file beside the store (`cscperf.duckdb` -> `cscperf.app.sqlite`), not a
schema inside the DuckDB store. DuckDB lets only one process open a file for writing, and the web
server keeps the store open; yet people need to run `cscperf users add` while the server is up, and
the server writes a row on most requests (sessions, throttling, audit). SQLite in WAL mode lets
several processes and threads make small writes to one file safely, each waiting briefly for the
other. The file holds password hashes, so it is created readable by its owner only
(`cscperf.private`).
"""

from __future__ import annotations

import secrets
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from cscperf.private import owner_only

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'member')),
    password_hash TEXT,            -- NULL: signs in only through the identity provider
    created_at TEXT NOT NULL,
    last_sign_in_at TEXT
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,   -- sha256 of the cookie value; the value itself is never kept
    user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    method TEXT NOT NULL,          -- password or oidc
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sign_in_failures (
    key TEXT NOT NULL,             -- 'account:NAME' or 'address:IP'
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sign_in_failures_key ON sign_in_failures (key, at);
CREATE TABLE IF NOT EXISTS audit (
    audit_id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_name TEXT,
    event TEXT NOT NULL,           -- drill-down, sign-in, upload, user-added, ...
    indicator TEXT,
    period TEXT,
    n_children INTEGER,
    detail TEXT
);
CREATE TABLE IF NOT EXISTS committee_actions (
    action_id INTEGER PRIMARY KEY,
    committee TEXT NOT NULL,
    meeting_date TEXT NOT NULL,    -- ISO date
    asked TEXT NOT NULL,           -- what the members asked for
    asked_by TEXT,
    indicator TEXT,                -- indicator id, when the request is about one
    owner TEXT NOT NULL,
    due_date TEXT,                 -- ISO date
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'answered')),
    response TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT,
    updated_at TEXT
);
CREATE TABLE IF NOT EXISTS secrets (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
"""


def path_for(store: str | Path) -> Path:
    """The application database that belongs to a store file."""
    store = Path(store)
    return store.with_name(store.stem + ".app.sqlite")


def connect(store: str | Path, migrate: bool = True) -> sqlite3.Connection:
    """Open (creating if need be) the application database beside the store at `store`.

    `migrate=False` skips creating the tables, for callers that open it once per request."""
    owner_only()  # it holds password hashes; SQLite's -wal and -shm files follow its mode
    con = sqlite3.connect(path_for(store), timeout=10, isolation_level=None, check_same_thread=False)
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA busy_timeout = 10000")
    if migrate:
        con.executescript(SCHEMA)
    return con


def now() -> str:
    """The time to record, in UTC, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def secret(con: sqlite3.Connection, name: str) -> bytes:
    """A random key kept in the database, made on first use (e.g. for signing form tokens)."""
    con.execute("INSERT OR IGNORE INTO secrets VALUES (?, ?)", [name, secrets.token_bytes(32)])
    return con.execute("SELECT value FROM secrets WHERE name = ?", [name]).fetchone()[0]
