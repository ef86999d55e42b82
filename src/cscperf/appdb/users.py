"""Accounts: a name, a role and an argon2 password hash (or none, for identity-provider sign-in)."""

from __future__ import annotations

import enum
import sqlite3
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from cscperf.appdb import now

MIN_PASSWORD_LENGTH = 12

_hasher = PasswordHasher()


class Role(str, enum.Enum):
    """What a person may see and do. Each web page names the roles allowed to use it."""

    ADMIN = "admin"  # accounts and settings
    ANALYST = "analyst"  # everything about the data, including uploads and drill-down
    MEMBER = "member"  # aggregated, suppressed figures only

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    has_password: bool
    created_at: str
    last_sign_in_at: str | None


class AccountError(ValueError):
    """A request about accounts that cannot be done; the message says why, for the person."""


def from_row(row: sqlite3.Row) -> User:
    return User(row["name"], Role(row["role"]), row["password_hash"] is not None,
                row["created_at"], row["last_sign_in_at"])


def add(con: sqlite3.Connection, name: str, role: Role, password: str | None) -> User:
    """Create an account. `password=None` makes one that signs in only through the identity provider."""
    name = name.strip()
    if not name or any(c.isspace() for c in name):
        raise AccountError("A user name must not be empty or contain spaces")
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"A password must be at least {MIN_PASSWORD_LENGTH} characters long")
    try:
        con.execute("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    [name, Role(role).value, _hasher.hash(password) if password else None, now()])
    except sqlite3.IntegrityError:
        raise AccountError(f"There is already a user called {name}") from None
    return get(con, name)


def get(con: sqlite3.Connection, name: str) -> User | None:
    row = con.execute("SELECT * FROM users WHERE name = ?", [name]).fetchone()
    return from_row(row) if row else None


def all_users(con: sqlite3.Connection) -> list[User]:
    return [from_row(r) for r in con.execute("SELECT * FROM users ORDER BY name COLLATE NOCASE")]


def remove(con: sqlite3.Connection, name: str) -> None:
    """Delete an account and end its sessions."""
    if con.execute("DELETE FROM users WHERE name = ?", [name]).rowcount == 0:
        raise AccountError(f"There is no user called {name}")


@cache
def _dummy_hash() -> str:
    """Checked when the name is unknown, so a wrong name takes as long as a wrong password."""
    return _hasher.hash("not anyone's password")


def check_password(con: sqlite3.Connection, name: str, password: str) -> User | None:
    """The user, if the name and password match; None otherwise (taking the same time either way)."""
    row = con.execute("SELECT * FROM users WHERE name = ?", [name.strip()]).fetchone()
    stored = row["password_hash"] if row else None
    try:
        _hasher.verify(stored or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if stored is None:
        return None
    if _hasher.check_needs_rehash(stored):  # the hashing parameters have been raised since
        con.execute("UPDATE users SET password_hash = ? WHERE name = ?", [_hasher.hash(password), row["name"]])
    return from_row(row)


def signed_in(con: sqlite3.Connection, name: str) -> None:
    con.execute("UPDATE users SET last_sign_in_at = ? WHERE name = ?", [now(), name])
