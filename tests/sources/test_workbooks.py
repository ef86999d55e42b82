"""Hostile workbooks: checked before any XML is parsed, never expanded beyond their declared sizes,
their XML read without entities, and refused with a reason, never a traceback."""

import struct
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscperf import sources, store
from cscperf.cli import app
from cscperf.quality.findings import LoadError
from tests.sources.test_annex_a import REFERRALS, workbook
from tests.ssda903 import write

LIST_3 = {"List 3": [REFERRALS, ["A1", "Male", "WBRI", "01/01/2015", 9, "01/05/2024", "Police", "No", 0,
                                 "Team A", "Worker A"]]}


def rewrite(path: Path, change) -> Path:
    """The workbook with each part's bytes passed through `change(name, data)`."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info.filename, change(info.filename, data))
    return path


def bomb(path: Path, megabytes: int = 60) -> Path:
    """An Annex A workbook whose first sheet holds a comment that expands to `megabytes` MB from
    a few tens of kilobytes: a 'zip bomb'."""
    padding = b"<!--" + b"A" * (megabytes << 20) + b"-->"
    return rewrite(workbook(path, LIST_3), lambda name, data:
                   padding + data if name.endswith("sheet1.xml") else data)


def lying_sizes(path: Path) -> Path:
    """The sheet's declared size made 100 bytes, in both the local and the central headers, while
    its compressed data still expands to all of it."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            length = struct.unpack_from("<H", data, start + (26 if signature == b"PK\x03\x04" else 28))[0]
            if data[name_at:name_at + length].endswith(b"sheet1.xml"):
                struct.pack_into("<I", data, start + offset, 100)
            start += 4
    path.write_bytes(bytes(data))
    return path


def entities(path: Path) -> Path:
    """The 'billion laughs': the sheet's XML declares entities that expand tenfold at each level."""
    names = "abcdefghij"
    declarations = [b'<!ENTITY a "lol">'] + [f'<!ENTITY {name} "{f"&{previous};" * 10}">'.encode()
                                             for previous, name in zip(names, names[1:])]
    laughs = b"<!DOCTYPE w [" + b"".join(declarations) + b"]>"
    return rewrite(workbook(path, LIST_3), lambda name, data:
                   laughs + data.replace(b"Team A", b"&j;") if name.endswith("sheet1.xml") else data)


def header(tmp_path: Path) -> Path:
    return write(tmp_path / "SSDA903_2024_header.csv", [{"CHILD": "A1", "SEX": "1", "DOB": "01/01/2022",
                                                         "ETHNIC": "WBRI", "UPN": "UN1"}])


def test_a_zip_bomb_is_refused_before_its_xml_is_read(tmp_path):
    path = bomb(tmp_path / "annex_a.xlsx")
    assert path.stat().st_size < 200_000
    with pytest.raises(LoadError, match=r"annex_a.xlsx: its part xl/worksheets/sheet1.xml would expand "
                                        r"[\d,]+ times, far more than a real workbook's"):
        sources.read_paths([path], la="883")
    # Beside files that can be read, it is left out with that reason and the rest is loaded.
    con = store.connect()
    summary = store.load(con, sources.read_paths([path, header(tmp_path)], la="883"))
    assert [(f.file, f.rule) for f in summary.findings] == [("annex_a.xlsx", "file-not-read")]
    assert "would expand" in summary.findings.items[0].message
    assert summary.rows_loaded == {"ssd_person": 1}


def test_a_workbook_larger_than_the_setting_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("CSCPERF_WORKBOOK_MAX_MB", "1")
    path = rewrite(workbook(tmp_path / "big.xlsx", LIST_3), lambda name, data:
                   b"<!--" + bytes(range(32, 127)) * 12000 + b"-->" + data if name.endswith("sheet1.xml") else data)
    with pytest.raises(LoadError, match="would expand to 1 MB, more than the 1 MB cscperf opens "
                                        r"\(setting workbook_max_mb\)"):
        sources.read_paths([path], la="883")


def test_declared_sizes_cap_what_is_expanded(tmp_path):
    path = lying_sizes(bomb(tmp_path / "annex_a.xlsx", megabytes=5))
    with pytest.raises(LoadError, match="annex_a.xlsx: a damaged workbook"):
        sources.read_paths([path], la="883")


def test_entities_are_not_expanded(tmp_path):
    path = entities(tmp_path / "annex_a.xlsx")
    with pytest.raises(LoadError, match="annex_a.xlsx: a workbook whose XML declares entities, which "
                                        "cscperf does not expand"):
        sources.read_paths([path], la="883")


def test_the_command_line_says_why_without_a_traceback(tmp_path):
    result = CliRunner().invoke(app, ["load", str(bomb(tmp_path / "annex_a.xlsx")), "--la", "883",
                                      "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1
    assert "would expand" in result.output and "Nothing was loaded." in result.output
    assert "Traceback" not in result.output
