"""docs/indicators.md is generated from the registry by cog and must be current."""

from cogapp import Cog

from tests.conftest import ROOT


def test_indicator_doc_is_current():
    status = Cog().main(["cog", "--check", str(ROOT / "docs" / "indicators.md")])
    assert status == 0, "docs/indicators.md is out of date: run `cog -r docs/indicators.md`"
