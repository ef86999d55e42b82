"""Property tests: whatever rows and files are fed in, a load either completes with every
rejected value reported, or fails and leaves the store exactly as it was."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cscperf import store
from cscperf.quality.findings import LoadError
from cscperf.sources.cells import is_blank
from cscperf.sources.files import decode
from cscperf.sources.schemas.ssda903 import schema
from cscperf.sources.ssda903 import FIELDS
from tests.ssda903 import load, write

EPISODES = schema(2024)["episodes"]
COLUMNS = {name: FIELDS[("episodes", name)][0].split(".")[1] for name in EPISODES}
SETTINGS = settings(max_examples=20, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

junk = st.text(st.characters(codec="cp1252", exclude_categories=("Cc", "Cs")), max_size=10)
blank = st.sampled_from(["", "  ", "NULL"])
dates = st.dates().flatmap(lambda d: st.sampled_from(
    [d.strftime("%d/%m/%Y"), d.isoformat(), f"{d:%d/%m/%Y} 00:00", str((d - d.replace(1899, 12, 30)).days)
     if d.year > 1900 else d.isoformat()]))


def good_value(name: str):
    field = EPISODES[name]
    if field.kind == "code":
        return st.sampled_from(field.codes).flatmap(lambda c: st.sampled_from([c, c.lower(), f" {c} "]))
    if field.kind == "date":
        return dates
    if field.kind == "postcode":
        return st.sampled_from(["ZE1 0AA", "ze29aa", "ZE1  0AB"])  # Shetland: a small file to read
    return st.sampled_from(["123", "123.0", " ab 12 ", "SC1"])


def cell(name: str):
    return st.one_of(good_value(name), junk, blank)


rows = st.lists(st.fixed_dictionaries({name: (good_value(name) if name == "CHILD" else cell(name))
                                       for name in EPISODES}), min_size=1, max_size=8)


def cells_as_read(data: bytes) -> list[dict]:
    """The cells as the reader sees them (after decoding), by header name."""
    return list(csv.DictReader(io.StringIO(decode(data), newline="")))


@SETTINGS
@given(rows=rows, encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_every_rejected_value_is_a_finding_and_every_row_is_kept(tmp_path, rows, encoding):
    path = write(tmp_path / "SSDA903_2024_episodes.csv", rows, encoding=encoding)
    con = store.connect()
    summary = load(con, path)
    where = {(f.row, f.column): f for f in summary.findings}
    duplicates = {f.row for f in summary.findings if f.rule == "duplicate-key"}
    stored = {row[0]: row[1:] for row in con.execute(
        f"SELECT source_row, {', '.join(COLUMNS.values())} FROM ssd_cla_episodes").fetchall()}
    for number, raw in enumerate(cells_as_read(path.read_bytes()), start=2):
        assert number in stored or number in duplicates
        if number in duplicates:
            continue
        for name, value in zip(COLUMNS, stored[number]):
            if value is None and not is_blank(raw[name]):
                assert (number, name) in where, (name, raw[name])
            if is_blank(raw[name]) and EPISODES[name].required:
                assert (number, name) in where


BROKEN = {
    "missing DECOM": b"CHILD,RNE,LS,CIN,PLACE\r\nA,S,C2,N1,U1\r\n",
    "missing PLACE": b"CHILD,DECOM,RNE,LS,CIN\r\nA,01/04/2023,S,C2,N1\r\n",
}
NOT_READ = {
    "empty": b"",
    "blank lines": b"\r\n \r\n",
    "binary": bytes(range(256)),
    "unknown table": b"CHILD,COLOUR\r\nA,red\r\n",
}


def header_rows(child: str) -> list[dict]:
    return [{"CHILD": child, "SEX": "1", "DOB": "01/01/2012", "ETHNIC": "WBRI", "UPN": "UN1"}]


def everything(con) -> list[tuple]:
    """A fingerprint of every table in the store: row count and a hash of the rows."""
    tables = [t for (t,) in con.execute(
        "SELECT schema_name || '.' || table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
    return con.execute(" UNION ALL ".join(
        f"SELECT '{t}', count(*), sum(hash(r)) FROM {t} AS r" for t in tables)).fetchall()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A store holding one load; every load tried against it below fails, so it never changes."""
    con = store.connect()
    folder = tmp_path_factory.mktemp("base")
    load(con, write(folder / "SSDA903_2023_header.csv", header_rows("BASE")),
         write(folder / "SSDA903_2023_episodes.csv", [{"CHILD": "BASE", "DECOM": "01/04/2022", "RNE": "S",
                                                        "LS": "C2", "CIN": "N1", "PLACE": "U1"}]))
    yield con, everything(con)
    con.close()


@SETTINGS
@given(broken=st.sampled_from(sorted(BROKEN)), good=rows, year=st.sampled_from([None, 2024]))
def test_a_broken_file_leaves_the_store_as_it_was(tmp_path_factory, loaded, broken, good, year):
    con, before = loaded
    folder = tmp_path_factory.mktemp("load")
    files = [write(folder / "SSDA903_2024_header.csv", header_rows("NEW")),
             write(folder / "SSDA903_2024_episodes.csv", good)]
    bad = folder / ("broken.csv" if year else "SSDA903_2024_broken.csv")
    bad.write_bytes(BROKEN[broken])
    with pytest.raises(LoadError) as error:
        load(con, *files, bad, year=year)
    assert error.value.file == bad.name
    assert everything(con) == before


@pytest.mark.parametrize("name", sorted(NOT_READ))
def test_a_file_no_reader_knows_is_a_warning_and_the_rest_loads(tmp_path, name):
    con = store.connect()
    header = write(tmp_path / "SSDA903_2024_header.csv", header_rows("NEW"))
    other = tmp_path / "SSDA903_2024_other.csv"
    other.write_bytes(NOT_READ[name])
    summary = load(con, header, other)
    assert [(f.file, f.rule, str(f.severity)) for f in summary.findings] == [
        (other.name, "file-not-read", "warning")]
    assert summary.rows_loaded == {"ssd_person": 1}
    assert con.execute("SELECT format, rows_read FROM meta.load_files WHERE name = ?",
                       [other.name]).fetchall() == [("not read", 0)]
