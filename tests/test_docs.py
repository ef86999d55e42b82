"""docs/cli.md and docs/settings.md are generated from the code by cog and must be current."""

import pytest
from cogapp import Cog

from tests.conftest import ROOT

REGENERATE = "run `cog -r docs/cli.md docs/settings.md`"


@pytest.mark.parametrize("doc", ["cli.md", "settings.md"])
def test_doc_is_current(doc):
    status = Cog().main(["cog", "--check", str(ROOT / "docs" / doc)])
    assert status == 0, f"docs/{doc} is out of date: {REGENERATE}"


def test_every_command_is_in_the_cli_doc():
    from cscperf.docs import commands

    text = (ROOT / "docs" / "cli.md").read_text()
    found = commands()
    assert {("load",), ("indicators", "list"), ("users", "add"), ("reference", "download")} <= set(found)
    for path in found:
        assert f"## cscperf {' '.join(path)}\n" in text, path
        assert f"Usage: cscperf {' '.join(path)} " in text, path


def test_every_setting_is_in_the_settings_doc():
    from cscperf.settings import SETTINGS

    text = (ROOT / "docs" / "settings.md").read_text()
    for setting in SETTINGS:
        assert f"| `{setting.name}` | `{setting.env}` |" in text, setting.name
    assert "| `db` | `CSCPERF_DB` | `cscperf.duckdb` | Path of the DuckDB store file |" in text
    assert "| `reference_mirror` | `CSCPERF_REFERENCE_MIRROR` | (empty) |" in text


def test_help_shows_defaults_and_brackets_as_written():
    from cscperf.docs import help_text

    # Rich markup would swallow both bracketed parts.
    assert "DuckDB store file [default: $CSCPERF_DB or" in help_text(("load",))
    assert "are shown as [c]." in help_text(("report",))
