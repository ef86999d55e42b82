"""Runs one of Data to Insight's validators on a return and writes what it flagged as JSON.

    python validators_anchor.py 903 YEAR OUT.json --la E06000034 --files F... [--previous F...]
    python validators_anchor.py cin YEAR OUT.json --files CENSUS.xml

Run by bench/validators.py with the Python of the validators' own environment (they pin
pandas<2), never with cscperf's: it imports their packages and nothing of ours. It calls them as
their own front end does (the 903's LacValidator with "This year" and "Prev year" files; the
CIN's XML conversion and CinValidator) and writes {"rules": every rule code in the year's list,
"failed": codes whose function raised, "flags": [[rule, table, row, child], ...]}: for the 903
`row` is the row's position in its file (0 for the first data row), for the CIN census it is the
row's position in the validator's own table, and None for a return-level rule.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import re


def run_903(year: int, la: str, files: list[str], previous: list[str]) -> dict:
    from lac_validator.lac_validator import LacValidator
    from lac_validator.rules.ruleset_utils import get_year_ruleset
    from lac_validator.utils import process_uploaded_files

    logging.getLogger().setLevel(logging.CRITICAL)  # their per-rule INFO lines and tracebacks
    registry = get_year_ruleset(str(year))
    uploaded = process_uploaded_files({"This year": files, "Prev year": previous})
    validator = LacValidator(metadata={"collectionYear": str(year), "localAuthority": la},
                             files=uploaded, registry=registry)
    flags = []
    for table, frame in validator.ds_results.items():
        if table == "metadata":
            continue
        for column in (c for c in frame.columns if c.startswith("ERR_")):
            flagged = frame[frame[column] == True]  # noqa: E712  (NaN where not flagged)
            flags += [[column[4:], table, int(row), child]
                      for row, child in zip(flagged.index, flagged["CHILD"])]
    return {"rules": [str(code) for code in registry], "failed": [str(c) for c in validator.fails],
            "flags": flags}


def run_cin(year: int, files: list[str]) -> dict:
    import xml.etree.ElementTree as ET

    from cin_validator import cin_validator
    from cin_validator.rules.ruleset_utils import get_year_ruleset

    registry = get_year_ruleset(str(year))
    tables = cin_validator.process_data(cin_validator.convert_data(ET.parse(files[0]).getroot()))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):  # a rule that raises is printed, not raised
        validator = cin_validator.CinValidator(tables, registry)
    issues = validator.full_issue_df
    flags = [[str(code), table, int(row), child] for code, table, row, child in zip(
        issues["rule_code"], issues["tables_affected"], issues["row_id"], issues["child_id"])]
    flags += [[str(code), None, None, None] for code in validator.la_rule_issues.get("rule_code", [])]
    failed = re.findall(r"^Error with rule (\S+):", printed.getvalue(), re.MULTILINE)
    return {"rules": [str(rule.code) for rule in registry.values()], "failed": failed, "flags": flags}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("format", choices=["903", "cin"])
    parser.add_argument("year", type=int, help="the collection year's end: 2025 for 2024-25")
    parser.add_argument("out")
    parser.add_argument("--la", default="", help="the authority's ONS code (the 903's placement checks)")
    parser.add_argument("--files", nargs="+", required=True)
    parser.add_argument("--previous", nargs="*", default=[])
    args = parser.parse_args()
    found = run_903(args.year, args.la, args.files, args.previous) if args.format == "903" \
        else run_cin(args.year, args.files)
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(found, out)


if __name__ == "__main__":
    main()
