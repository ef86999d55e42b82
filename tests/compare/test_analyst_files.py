"""Where the targets and commentary files are, and writing them atomically."""

from __future__ import annotations

import pytest

from cscperf.compare import analyst_files, targets, yamlfile
from cscperf.compare.yamlfile import FileError


def test_beside_the_store_unless_set(tmp_path, monkeypatch):
    db = tmp_path / "county.duckdb"
    assert analyst_files.TARGETS.path(db) == tmp_path / "county.targets.yml"
    assert analyst_files.COMMENTARY.path(db) == tmp_path / "county.commentary.yml"
    assert analyst_files.TARGETS.read(db) is targets.NO_TARGETS  # no file yet: no targets
    monkeypatch.setenv("CSCPERF_TARGETS", str(tmp_path / "elsewhere.yml"))
    assert analyst_files.TARGETS.path(db) == tmp_path / "elsewhere.yml"


def test_save_checks_as_the_report_does_then_replaces_the_file(tmp_path):
    path = tmp_path / "cscperf.targets.yml"
    analyst_files.TARGETS.save(path, "cp_open_2y_plus_pct: {target: 10, ceiling: 15}\n")
    assert analyst_files.TARGETS.read(tmp_path / "cscperf.duckdb").get("cp_open_2y_plus_pct").ceiling == 15
    with pytest.raises(FileError, match=r"cscperf.targets.yml line 1: cp_open_2y_plus_pct: lower is better"):
        analyst_files.TARGETS.save(path, "cp_open_2y_plus_pct: {target: 10, floor: 5}\n")
    assert "ceiling: 15" in path.read_text()
    yamlfile.write(path, "# empty\n")
    assert path.read_text() == "# empty\n" and [p.name for p in tmp_path.iterdir()] == [path.name]


def test_the_report_reads_the_stores_own_files(tmp_path):
    from cscperf.outputs.report import make

    db = tmp_path / "cscperf.duckdb"
    analyst_files.TARGETS.path(db).write_text("assessments_45wd_pct: {target: 85}\n")
    [sheet] = make(db, "2024-25:Q4", tmp_path / "out", ["xlsx"], la="883")
    from openpyxl import load_workbook
    assessment = load_workbook(sheet)["Assessment"]
    header = [c.value for c in assessment[4]]
    [target] = [row[header.index("Target")] for row in assessment.iter_rows(min_row=5) if
                row[0].value == "Assessments completed within 45 working days"]
    assert target.value == 85 and target.number_format == '0.0"%"'  # shown as 85.0%
