"""`cscperf report`: options parsed, files written, problems named."""

import pytest
from typer.testing import CliRunner

from cscperf.cli import app
from tests.outputs.report.conftest import PERIOD

runner = CliRunner()


def test_writes_the_formats_asked_for(report_db, inputs, tmp_path):
    result = runner.invoke(app, ["report", "--db", str(report_db), "--period", PERIOD, "--out", str(tmp_path),
                                 "--format", "html,xlsx", "--targets", str(inputs[0])])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report-883-2024-25-Q4.html", "report-883-2024-25-Q4.xlsx"]
    assert "report-883-2024-25-Q4.html" in result.output


@pytest.mark.parametrize("options, message", [
    (["--period", "2024-25:Q9"], "is not a period"),
    (["--period", PERIOD, "--format", "pptx"], "unknown format pptx"),
    (["--period", PERIOD, "--detail", "some"], "unknown detail some; choose from pack, full"),
    (["--period", PERIOD, "--la", "999", "--targets", "{bad}"], "targets.yml line 1"),
])
def test_problems_are_named(report_db, tmp_path, options, message):
    options = [str(tmp_path / "targets.yml") if o == "{bad}" else o for o in options]
    (tmp_path / "targets.yml").write_text("cin: {target: 3}\n")
    result = runner.invoke(app, ["report", "--db", str(report_db), "--out", str(tmp_path / "out"), *options])
    assert result.exit_code == 1 and message in result.output, result.output


def test_no_store(tmp_path):
    result = runner.invoke(app, ["report", "--db", str(tmp_path / "none.duckdb"), "--period", PERIOD])
    assert result.exit_code == 1 and "no store" in result.output
