"""`cscperf synth` for one authority and, in miniature, for several at once."""

import csv
import io
import json
from datetime import date

from typer.testing import CliRunner

from cscperf.cli import app
from cscperf.reference.snapshot import SNAPSHOT
from cscperf.synth import generate_national, read_manifest


def test_synth_command_reports_rates_beside_targets(tmp_path):
    result = CliRunner().invoke(app, ["synth", str(tmp_path), "--like", "201", "--end", "2025-06-30", "--years", "1",
                                      "--formats", "903,ssd", "--reference", str(SNAPSHOT)])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())  # as if the terminal were wide enough for one line
    assert "Wrote" in output and "City of London (2024-04-01 to 2025-03-31)" in output
    assert "Children looked after per 10,000" in output
    manifest = read_manifest(tmp_path)
    assert manifest.formats == ["903", "ssd"] and (tmp_path / "ssd" / "ssd_person.csv").exists()
    assert not (tmp_path / "cin_census").exists()


def test_synth_command_rejects_a_bad_code(tmp_path):
    result = CliRunner().invoke(app, ["synth", str(tmp_path), "--like", "999"])
    assert result.exit_code == 1 and "999 is not a DfE local authority code" in " ".join(result.output.split())


def test_national_writes_each_authority_in_its_own_folder(tmp_path):
    manifests = generate_national(tmp_path, codes=["201", "420"], end=date(2025, 3, 31), years=1,
                                  formats=["903"], workers=2)
    assert [m.la for m in manifests] == ["201", "420"]
    summary = json.loads((tmp_path / "national.json").read_text())
    assert summary["420"]["name"] == "Isles of Scilly" and summary["201"]["rows"] == manifests[0].rows > 0
    assert (tmp_path / "420" / "ssda903" / "SSDA903_2025_episodes.csv").exists()


def test_synth_command_rejects_an_unknown_format(tmp_path):
    result = CliRunner().invoke(app, ["synth", str(tmp_path), "--like", "201", "--formats", "903,xml"])
    assert result.exit_code == 1 and "unknown format(s) xml" in " ".join(result.output.split())


def test_a_synth_output_folder_loads_with_one_load(small, tmp_path):
    out, manifest = small  # 903, CIN census, Annex A and SSD files, and cscperf's own manifest.json
    db = tmp_path / "synth.duckdb"
    result = CliRunner().invoke(app, ["load", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["findings", "--db", str(db), "--severity", "warning", "--format", "csv"])
    not_read = [row for row in csv.reader(io.StringIO(result.output)) if row[6] == "file-not-read"]
    assert not_read == [
        [manifest.la, "manifest.json", "", "", "", "", "file-not-read", "warning", "not a file cscperf can "
         "read: not an SSDA903 table, CIN census XML, Annex A workbook or SSD table; not loaded"]]
