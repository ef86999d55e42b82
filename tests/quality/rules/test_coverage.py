"""Every rule in the DfE's lists has a declaration with its two tests, or a line in
docs/validation.md saying why not; each declaration's message and years match the lists."""

import csv
import importlib
import re
from pathlib import Path

import pytest
from cogapp import Cog

from cscperf.quality.rules import registry
from cscperf.quality.rules.declare import LIST_YEARS
from tests.conftest import ROOT, SHARED

RULES = SHARED / "spec"
pytestmark = pytest.mark.skipif(not RULES.is_dir(), reason="needs the DfE rule lists in ../shared/spec")

# The lists every rule of which must be covered: 903 2024-25 to 2026-27, CIN 2024-25.
REQUIRED = {"ssda903": (2025, 2026, 2027), "cin_census": (2025,)}
DOC = ROOT / "docs" / "validation.md"


def rule_list(format: str, year: int) -> dict[str, str]:
    """{code: message} of a year's list."""
    name = f"{year - 1}_{year % 100:02d}_rule_info.csv"
    if format == "ssda903":
        rows = csv.DictReader(open(RULES / "ssda903" / "validation-rules" / f"903_{name}", encoding="utf-8"))
        return {r["Rule code"]: r["Rule message"] for r in rows}
    rows = csv.DictReader(open(RULES / "cin-census" / "validation-rules" / f"cin_{name}", encoding="utf-8"))
    return {r["code"]: r["message"] for r in rows}


def words(text: str) -> str:
    return " ".join(text.split())


def still_to_write() -> set[str]:
    section = DOC.read_text().split("## Still to write", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"`([^`\s]+)`", section))


def cases() -> dict[str, set[str]]:
    """{format: codes with a Case} across every rule test module."""
    found: dict[str, set[str]] = {format: set() for format in LIST_YEARS}
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        module = importlib.import_module(f"tests.quality.rules.{path.stem}")
        for case in getattr(module, "CASES", []):
            found[case.format].add(case.code)
    return found


@pytest.mark.parametrize("format", REQUIRED)
def test_every_rule_is_declared_or_listed_as_still_to_write(format):
    required = {code for year in REQUIRED[format] for code in rule_list(format, year)}
    missing = required - set(registry()[format]) - still_to_write()
    assert not missing, f"declare these {format} rules, or list them in docs/validation.md: {sorted(missing)}"


def test_a_code_still_to_write_is_not_declared():
    declared = {code for rules in registry().values() for code in rules}
    assert not still_to_write() & declared, "remove them from 'Still to write' in docs/validation.md"


@pytest.mark.parametrize("format", REQUIRED)
def test_every_declared_rule_has_its_two_tests(format):
    checked = {code for code, rule in registry()[format].items() if rule.shape != "cannot"}
    untested = checked - cases()[format]
    assert not untested, f"write a Case for each: {sorted(untested)}"


@pytest.mark.parametrize("format", LIST_YEARS)
def test_messages_and_years_are_the_lists(format):
    lists = {year: rule_list(format, year) for year in LIST_YEARS[format]}
    for code, rule in registry()[format].items():
        in_lists = {year for year, rules in lists.items() if code in rules}
        assert rule.years == in_lists, f"{code}: years {sorted(rule.years)}, lists {sorted(in_lists)}"
        for year in in_lists:
            assert words(rule.message(year)) == words(lists[year][code]), f"{code} in {year}"


def test_the_doc_is_current():
    status = Cog().main(["cog", "--check", str(DOC)])
    assert status == 0, "docs/validation.md is out of date: run `cog -r docs/validation.md`"
