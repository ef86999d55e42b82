"""The application database: accounts, throttling, audit and committee actions."""

from __future__ import annotations

import os
import stat
from contextlib import closing
from datetime import date, timedelta

import pytest

from cscperf import appdb
from cscperf.appdb import actions, audit, throttle, users
from cscperf.appdb.users import AccountError, Role


@pytest.fixture
def db(tmp_path):
    with closing(appdb.connect(tmp_path / "cscperf.duckdb")) as con:
        yield con


def test_it_lives_beside_the_store_readable_by_its_owner_only(tmp_path):
    store = tmp_path / "county.duckdb"
    appdb.connect(store).close()
    path = tmp_path / "county.app.sqlite"
    assert appdb.path_for(store) == path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_passwords_are_argon2_hashes_and_checked(db):
    users.add(db, "alice", Role.ANALYST, "a long enough password")
    stored = db.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$") and "a long enough password" not in stored
    assert users.check_password(db, "alice", "a long enough password").role is Role.ANALYST
    assert users.check_password(db, "ALICE", "a long enough password") is not None  # names ignore case
    assert users.check_password(db, "alice", "another password!") is None
    assert users.check_password(db, "bob", "a long enough password") is None


def test_account_rules(db):
    with pytest.raises(AccountError, match="at least 12"):
        users.add(db, "alice", Role.MEMBER, "short")
    with pytest.raises(AccountError, match="spaces"):
        users.add(db, "alice smith", Role.MEMBER, "a long enough password")
    users.add(db, "alice", Role.MEMBER, "a long enough password")
    with pytest.raises(AccountError, match="already"):
        users.add(db, "Alice", Role.ADMIN, "a long enough password")
    with pytest.raises(AccountError, match="no user"):
        users.remove(db, "bob")


def test_an_identity_provider_account_has_no_password_to_guess(db):
    users.add(db, "carol@council.example", Role.MEMBER, None)
    assert users.get(db, "carol@council.example").has_password is False
    assert users.check_password(db, "carol@council.example", "") is None


def test_throttle_counts_per_account_and_per_address(db):
    limits = throttle.Limits(per_account=2, per_address=3, window=timedelta(minutes=10))
    throttle.failed(db, "alice", "10.0.0.1", limits)
    assert throttle.locked_for(db, "alice", "10.0.0.1", limits) == 0
    throttle.failed(db, "Alice", "10.0.0.2", limits)
    assert throttle.locked_for(db, "alice", "10.0.0.9", limits) == 10
    throttle.failed(db, "bob", "10.0.0.1", limits)
    throttle.failed(db, "carol", "10.0.0.1", limits)
    assert throttle.locked_for(db, "dave", "10.0.0.1", limits) == 10
    assert throttle.locked_for(db, "dave", "10.0.0.3", limits) == 0
    throttle.succeeded(db, "alice", limits)
    assert throttle.locked_for(db, "alice", "10.0.0.9", limits) == 0


def test_record_access_keeps_who_what_when_and_how_many(db):
    audit.record_access(db, "alice", "cla_rate_per_10k", "2025-Q4", 298)
    audit.record_event(db, "bob", "sign-in", "password")
    [event, access] = audit.recent(db)
    assert (access.user_name, access.event, access.indicator, access.period, access.n_children) == (
        "alice", "drill-down", "cla_rate_per_10k", "2025-Q4", 298)
    assert event.event == "sign-in"
    assert [e.user_name for e in audit.recent(db, event="drill-down")] == ["alice"]


def test_outstanding_and_answered_actions_for_the_report(db):
    def request(asked, meeting, status, committee="Corporate Parenting Board", due=None):
        return actions.Request(committee=committee, meeting_date=meeting, asked=asked, owner="Head of service",
                               due_date=due, status=status,
                               response="Done" if status is actions.Status.ANSWERED else None)
    later = actions.add(db, request("Split by district", date(2025, 6, 1), actions.Status.IN_PROGRESS), "ana")
    first = actions.add(db, request("Compare with neighbours", date(2025, 3, 1), actions.Status.OPEN,
                                    due=date(2025, 4, 1)), "ana")
    done = actions.add(db, request("Why red?", date(2025, 3, 1), actions.Status.ANSWERED), "ana")
    actions.add(db, request("Other", date(2025, 3, 1), actions.Status.OPEN, committee="Scrutiny"), "ana")
    board = "Corporate Parenting Board"
    assert [a.action_id for a in actions.outstanding(db, board)] == [first.action_id, later.action_id]
    assert [a.action_id for a in actions.answered(db)] == [done.action_id]
    assert first.overdue(date(2025, 4, 2)) and not first.overdue(date(2025, 4, 1))
    assert not done.overdue(date(2030, 1, 1))
    assert len(actions.outstanding(db)) == 3
