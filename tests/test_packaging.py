"""Installing cscperf: the package builds without a warning and carries what it needs at run time
(the published figures it ships, the indicator definitions, the templates)."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_builds_without_warnings_and_carries_the_snapshot(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path),
                            str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    warnings = [line for line in built.stderr.splitlines()
                if "warning" in line.lower() and "Location 'file:" not in line]  # the machine's pip index
    assert warnings == []
    [wheel] = tmp_path.glob("cscperf-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    snapshot = ROOT / "src" / "cscperf" / "reference" / "snapshot"
    shipped = {f"cscperf/{p.relative_to(snapshot.parents[1]).as_posix()}" for p in snapshot.rglob("*") if p.is_file()}
    assert {"cscperf/reference/snapshot/SOURCES.md", "cscperf/reference/snapshot/lait/bds_long_0.parquet"} <= shipped
    assert shipped | {"cscperf/reference/measures.yml", "cscperf/indicators/defs/looked_after.yaml"} <= names
