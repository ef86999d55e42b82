"""Faults injected with --defects are where the manifest says, and are real faults: each breaks
the year's schema (or duplicates or overlaps a row), and no other row does."""

import csv
from collections import Counter, defaultdict
from datetime import date, datetime

import pytest

from cscperf.synth import generate
from cscperf.synth.defects import FAULTS, MANIFEST, read_manifest
from tests.synth.test_ssda903 import check


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "messy"
    manifest = generate(out, like="857", seed=5, end=date(2025, 3, 31), years=2, formats=["903"], defects=0.08)
    return out, manifest


def rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_faults_are_recorded_and_real(messy):
    out, manifest = messy
    faults = read_manifest(out / MANIFEST)
    assert len(faults) == manifest.defects > 50
    assert {f.fault for f in faults} == set(FAULTS)
    schema_faults = set()
    for f in faults:
        table = rows(out / f.file)
        header, row = table[0], table[f.row - 1]  # Excel row numbers: the header is row 1
        if f.column:
            assert row[header.index(f.column)] == f.value
        if f.fault == "duplicate_row":
            assert row == table[f.row - 2]
        elif f.fault == "overlapping_episode":
            before = table[f.row - 2]
            assert row[0] == before[0] and datetime.strptime(f.value, "%d/%m/%Y") < datetime.strptime(before[1], "%d/%m/%Y")
        elif f.fault == "id_trailing_zero":
            assert f.value.endswith(".0") and f.value[-3].isdigit()
        else:
            schema_faults.add((f.file, f.row, f.column))
    found = {(path.relative_to(out).as_posix(), n, column) for path in sorted((out / "ssda903").glob("*.csv"))
             for n, column, _ in check(path, int(path.name[8:12]))}
    assert found == schema_faults


@pytest.fixture(scope="module")
def findings(messy):
    from cscperf import sources, store

    out, _ = messy
    con = store.connect()
    store.load(con, sources.read_paths([out / "ssda903"], la="857"))
    found = defaultdict(set)
    for file, row, column, rule, severity in con.execute(
            'SELECT file, "row", "column", rule, severity FROM meta.findings').fetchall():
        found[(file, row)].add((column, rule, severity))
    con.close()
    return found, read_manifest(out / MANIFEST)


def test_readers_find_every_faulty_cell(findings):
    found, faults = findings
    checked = 0
    for f in faults:
        at_row = found.get((f.file.split("/")[-1], f.row), set())
        if f.fault in ("code_out_of_list", "blank_mandatory", "date_format"):
            # a warning from the reader, or an error under the DfE's rule for the cell
            assert any(column == f.column and severity in ("warning", "error") for column, _, severity in at_row), f
        elif f.fault == "id_trailing_zero":
            assert (f.column, "id-normalised", "info") in at_row, f
        else:  # duplicated and overlapping rows: the next test
            continue
        checked += 1
    assert checked > 50


def test_readers_find_every_duplicated_or_overlapping_row(findings):
    found, faults = findings
    checked = Counter()
    for f in faults:
        at_row = found.get((f.file.split("/")[-1], f.row), set())
        if f.fault == "duplicate_row":  # in every year's file, superseded by a later return or not
            assert any(rule == "duplicate-key" and severity == "warning" for _, rule, severity in at_row), f
        elif f.fault == "overlapping_episode":
            assert ("DECOM", "episodes-overlap", "warning") in at_row, f
        else:
            continue
        checked[f.fault] += 1
    assert checked["duplicate_row"] > 20 and checked["overlapping_episode"] >= 3, checked
