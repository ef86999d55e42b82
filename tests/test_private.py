"""Every file holding child-level data is its owner's only (0600), whatever the umask: the store,
its write-ahead log, the application database and SQLite's files beside it, internal reports,
the breaches `cscperf validate` lists."""

import os
import stat
import subprocess
import sys
from contextlib import closing

from cscperf import appdb, store
from tests.ssda903 import write


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def cscperf(*args: str, stdin: str = "", check: bool = True) -> None:
    """The command in a process of its own whose umask lets everyone read and write."""
    subprocess.run([sys.executable, "-m", "cscperf.cli", *args], input=stdin, text=True, check=check,
                   capture_output=True, preexec_fn=lambda: os.umask(0))


def test_commands_write_child_level_files_for_their_owner_only(tmp_path):
    header = write(tmp_path / "SSDA903_2024_header.csv", [{"CHILD": "A1", "SEX": "1", "DOB": "01/01/2015",
                                                           "ETHNIC": "WBRI", "UPN": "UN1"}])
    db = tmp_path / "cscperf.duckdb"
    cscperf("load", str(header), "--la", "883", "--db", str(db))
    cscperf("users", "add", "bob", "--role", "analyst", "--db", str(db), stdin="a long passphrase\n")
    cscperf("report", "--db", str(db), "--period", "2023-24", "--internal", "--format", "html,xlsx",
            "--out", str(tmp_path / "reports"))
    written = [db, appdb.path_for(db), *(tmp_path / "reports").iterdir()]
    assert len(written) == 4
    assert {path.name: mode(path) for path in written} == {path.name: 0o600 for path in written}
    assert mode(tmp_path / "reports") == 0o700


def test_validate_writes_its_breaches_for_their_owner_only(tmp_path):
    # Checking needs no store, but the breaches it writes name children and their values.
    header = write(tmp_path / "SSDA903_2024_header.csv", [{"CHILD": "A1", "SEX": "X", "DOB": "01/01/2015",
                                                           "ETHNIC": "WBRI", "UPN": "UN1"}])
    written = [tmp_path / "breaches.xlsx", tmp_path / "breaches.csv"]
    for path in written:  # SEX X breaches a rule: validate exits 1
        cscperf("validate", str(header), "--format", path.suffix[1:], "--out", str(path), check=False)
    assert {path.name: mode(path) for path in written} == {path.name: 0o600 for path in written}


def test_write_ahead_logs_are_the_owners_only(tmp_path):
    previous = os.umask(0)
    try:
        with closing(store.connect(tmp_path / "cscperf.duckdb")) as con:
            con.execute("INSERT INTO ssd_person (pers_person_id, la) VALUES ('A1', '883')")
            wal = tmp_path / "cscperf.duckdb.wal"
            assert wal.exists() and mode(wal) == 0o600
        os.umask(0)
        with closing(appdb.connect(tmp_path / "cscperf.duckdb")) as con:
            con.execute("INSERT INTO audit (at, event) VALUES ('2025-01-01', 'test')")
            sqlite_files = sorted(tmp_path.glob("cscperf.app.sqlite*"))
            assert [p.name[len("cscperf.app.sqlite"):] for p in sqlite_files] == ["", "-shm", "-wal"]
            assert all(mode(p) == 0o600 for p in sqlite_files)
    finally:
        os.umask(previous)
