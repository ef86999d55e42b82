"""`cscperf users add | list | remove`, as a script would run them."""

from __future__ import annotations

from contextlib import closing

from typer.testing import CliRunner

from cscperf import appdb
from cscperf.appdb import users
from cscperf.cli import app

runner = CliRunner()


def test_add_list_and_remove_users(tmp_path):
    db = str(tmp_path / "cscperf.duckdb")
    added = runner.invoke(app, ["users", "add", "alice", "--role", "analyst", "--db", db],
                          input="a long enough password\n")
    assert added.exit_code == 0, added.output
    assert runner.invoke(app, ["users", "add", "carol@council.example", "--role", "member",
                               "--no-password", "--db", db]).exit_code == 0
    with closing(appdb.connect(db)) as con:
        assert users.check_password(con, "alice", "a long enough password").role.value == "analyst"
    listed = runner.invoke(app, ["users", "list", "--db", db, "--format", "csv"])
    assert [row.split(",")[:3] for row in listed.output.splitlines()[1:]] == [
        ["alice", "analyst", "password"], ["carol@council.example", "member", "identity provider"]]
    assert runner.invoke(app, ["users", "remove", "alice", "--db", db]).exit_code == 0
    assert "alice" not in runner.invoke(app, ["users", "list", "--db", db]).output


def test_a_short_password_or_unknown_user_is_an_error(tmp_path):
    db = str(tmp_path / "cscperf.duckdb")
    short = runner.invoke(app, ["users", "add", "bob", "--role", "member", "--db", db], input="short\n")
    assert short.exit_code == 1 and "at least 12 characters" in short.output
    missing = runner.invoke(app, ["users", "remove", "nobody", "--db", db])
    assert missing.exit_code == 1 and "no user called nobody" in missing.output
