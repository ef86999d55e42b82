"""Agreement and speed against Data to Insight's validators, on the same synthetic returns.
Prints its figures; asserts nothing.

    .venv/bin/python bench/validators.py [--size small|large|both] [--year 2025] [--defects 0.01]
                                         [--cache ~/.cache/cscperf/bench] [--ours-only]

Their validators (`csc-validator-be-903`, `csc-validator-be-cin`, from PyPI) pin pandas<2, so on
first run they are installed into a virtual environment of their own under CACHE with Python
3.11, and run there by bench/validators_anchor.py; nothing of theirs is imported here or by
cscperf. cscperf runs as a user runs it: `cscperf validate THIS_YEAR/ --previous LAST_YEAR/`.

The returns are synthetic authorities (`cscperf synth --defects RATE`: the year's 903 with last
year's, and the year's CIN census), generated once under CACHE and stacked, largest authority
first, into one return: `small` is one authority (883, Thurrock: about 500 children in the 903,
3,400 in the census); `large` holds at least 50,000 children in the 903 and 20,000 in the census,
the sizes of issue 13's aims (903 with last year's return in under 10 s, census in under 3 s,
memory under 1 GB, on 2 cores).

Printed for each return: each tool's wall time, CPU time and peak memory (its process's maximum
resident set), the ratio, and each aim met or missed, on elapsed time and on CPU time; then, for
every rule code both tools run, the rows each flags and where they differ. 903 rows are matched by
table and Excel row (last year's tables as `<table>_last`); census rows are matched by child, as
the two number the census's records differently. The machine's load average is printed beside the
times: wall time on a shared machine is only as good as the load lets it be, CPU time is steadier.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree

from cscperf.quality.rules.declare import list_year, registry
from cscperf.synth import generate_national
from cscperf.synth.authorities import authorities
from cscperf.synth.writers.ssda903 import TABLES

HERE = Path(__file__).resolve().parent
PACKAGES = ["csc-validator-be-903", "csc-validator-be-cin"]
SIZES = {"small": (0, 0), "large": (50_000, 20_000)}  # children in the 903 and in the census
SMALL = "883"
# Their table names, as ours name the return's tables (sources/returns).
THEIR_903_TABLES = {"Header": "header", "Episodes": "episodes", "Reviews": "reviews", "UASC": "uasc",
                    "OC2": "oc2", "OC3": "oc3", "AD1": "ad1", "PlacedAdoption": "placed_for_adoption",
                    "PrevPerm": "previous_permanence", "Missing": "missing", "SWEpisodes": "social_worker",
                    "DoLo": "dolo"}
AIMS = {"903": 10.0, "cin": 3.0}  # seconds, on 2 cores
MEMORY_AIM_MB = 1024


@dataclass
class Run:
    """One tool's run: how long it took and what it flagged, per rule code, as keys that the
    other tool's flags can be matched with (and the child each belongs to)."""

    seconds: float
    cpu: float
    peak_mb: float
    load: float  # the machine's load average when it finished
    rules: set[str] = field(default_factory=set)  # codes it ran
    flags: dict[str, dict[tuple, str | None]] = field(default_factory=lambda: defaultdict(dict))
    not_run: dict[str, str] = field(default_factory=dict)  # code -> why


# A small process starts each tool and reports on it: a child's peak memory counts what its
# parent held when it forked, so the bench (holding cscperf) does not fork the tools itself.
LAUNCHER = """
import json, os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump([os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss], out)
"""


def measured(command: list[str], cache: Path) -> tuple[Run, str]:
    """Run `command`: its times and peak memory (the kernel's account of that process), and
    what it wrote to stderr."""
    report = cache / "measured.json"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(report), *command],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    status, cpu, peak_kb = json.loads(report.read_text())
    stderr = done.stderr.decode()
    if status not in (0, 1):  # cscperf validate exits 1 when an error-level rule is breached
        sys.exit(f"{command[1]} failed:\n{stderr[-3000:]}")
    return Run(seconds, cpu, peak_kb / 1024, os.getloadavg()[0]), stderr


# --- their validators, in an environment of their own ------------------------------------------

def their_python(cache: Path) -> Path:
    """The Python of the validators' environment, created and installed on first use."""
    home = cache / "validators"
    python = home / "bin" / "python"
    if not (home / "installed").exists():
        print(f"Installing {', '.join(PACKAGES)} into {home} (once)...", flush=True)
        subprocess.run(["python3.11", "-m", "venv", str(home)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PACKAGES], check=True)
        (home / "installed").write_text(" ".join(PACKAGES) + "\n")
    return python


def theirs(cache: Path, kind: str, year: int, files: list[Path], previous: list[Path], la: str) -> Run:
    out = cache / f"theirs-{kind}.json"
    command = [str(their_python(cache)), str(HERE / "validators_anchor.py"), kind, str(year), str(out),
               "--la", la, "--files", *map(str, files)]
    if previous:
        command += ["--previous", *map(str, previous)]
    run, _ = measured(command, cache)
    found = json.loads(out.read_text())
    run.rules = set(found["rules"]) - set(found["failed"])
    run.not_run = {code: "raised an exception (their validator: 'failed to run')" for code in found["failed"]}
    for code, table, row, child in found["flags"]:
        if kind == "903":
            name = THEIR_903_TABLES.get(table.removesuffix("_last"), table.removesuffix("_last")) + \
                ("_last" if table.endswith("_last") else "")
            run.flags[code][(name, row + 2)] = child  # their row 0 is the file's second line
        else:
            run.flags[code][(child,)] = child
    return run


# --- cscperf ------------------------------------------------------------------------------------

def ours(cache: Path, kind: str, year: int, paths: list[Path], previous: Path | None) -> Run:
    out = cache / f"ours-{kind}.csv"
    command = [str(Path(sys.executable).parent / "cscperf"), "validate", *map(str, paths),
               "--format", "csv", "--out", str(out)]
    if previous:
        command += ["--previous", str(previous)]
    run, stderr = measured(command, cache)
    format = "ssda903" if kind == "903" else "cin_census"
    listed = {r.code for r in registry()[format].values() if list_year(format, year) in r.years}
    # "  not run, WHY: CODE CODE ...", wrapped onto lines indented further.
    for entry in re.sub(r"\n {5,}", " ", stderr).splitlines():
        if entry.startswith("  not run, "):
            why, codes = entry.removeprefix("  not run, ").rsplit(": ", 1)
            run.not_run.update(dict.fromkeys(codes.split(), why))
    run.rules = listed - set(run.not_run)
    with out.open(newline="", encoding="utf-8") as handle:
        for breach in csv.DictReader(handle):
            if kind == "903" and breach["row"]:
                table_year, table = breach["file"].removesuffix(".csv").split("_", 2)[1:]
                key = (table + ("_last" if int(table_year) == year - 1 else ""), int(breach["row"]))
            else:
                key = (breach["child"] or None,)
            run.flags[breach["rule"]][key] = breach["child"] or None
    return run


# --- the synthetic returns ------------------------------------------------------------------------

@dataclass
class Returns:
    """One return of each kind, stacked from whole authorities."""

    folder: Path
    las: list[str]
    children_903: int
    children_cin: int

    @property
    def this_year(self) -> Path:
        return self.folder / "903"

    @property
    def last_year(self) -> Path:
        return self.folder / "903-last"

    @property
    def census(self) -> Path:
        return self.folder / "census.xml"


def generated(cache: Path, year: int, defects: float, codes: list[str]) -> Path:
    """The synthetic authorities `codes` (the year and the one before, 903 and CIN census),
    generated once each."""
    folder = cache / "synth" / f"{year}-defects{defects}"
    missing = [code for code in codes if not (folder / code / "manifest.json").exists()]
    if missing:
        print(f"Generating {len(missing)} synthetic authorities ({' '.join(missing)}) into {folder}...",
              flush=True)
        generate_national(folder, codes=missing, end=date(year, 3, 31), years=2, formats=("903", "cin"),
                          defects=defects, workers=2)
    return folder


def header_children(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        return sum(1 for _ in handle) - 1


def census_children(path: Path) -> int:
    return sum(line.strip() == "<Child>" for line in path.open(encoding="utf-8"))


def returns(cache: Path, size: str, year: int, defects: float) -> Returns:
    at_least_903, at_least_cin = SIZES[size]
    largest_first = sorted(authorities(), key=lambda code: -authorities()[code].population)
    chosen: list[str] = [] if size != "small" else [SMALL]
    counts = {}
    while True:
        folder = generated(cache, year, defects, chosen)
        for code in chosen:
            counts.setdefault(code, (
                header_children(folder / code / "ssda903" / f"SSDA903_{year}_header.csv"),
                census_children(folder / code / "cin_census" / f"CIN_Census_{code}_{year}.xml")))
        if size == "small" or sum(n for n, _ in counts.values()) >= at_least_903:
            break
        chosen += largest_first[len(chosen):len(chosen) + 2]
    in_census, children_cin = [], 0
    for code in chosen:  # the census from as many of them as it takes
        if children_cin < at_least_cin or not in_census:
            in_census.append(code)
            children_cin += counts[code][1]
    stacked = Returns(cache / "returns" / f"{size}-{year}-defects{defects}", chosen,
                      sum(n for n, _ in counts.values()), children_cin)
    if not stacked.census.exists():
        _stack_903(folder, chosen, year, stacked.this_year)
        _stack_903(folder, chosen, year - 1, stacked.last_year)
        _stack_census(folder, in_census, year, stacked.census)
    return stacked


def _stack_903(folder: Path, codes: list[str], year: int, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        parts = [folder / code / "ssda903" / f"SSDA903_{year}_{table}.csv" for code in codes]
        parts = [p for p in parts if p.exists()]
        if not parts:
            continue
        with (out / parts[0].name).open("w", encoding="utf-8", newline="") as handle:
            for n, part in enumerate(parts):
                lines = part.read_text(encoding="utf-8").splitlines(keepends=True)
                handle.writelines(lines if n == 0 else lines[1:])


def _stack_census(folder: Path, codes: list[str], year: int, out: Path) -> None:
    files = [folder / code / "cin_census" / f"CIN_Census_{code}_{year}.xml" for code in codes]
    tree = etree.parse(str(files[0]))
    children = tree.getroot().find("Children")
    for other in files[1:]:
        children.extend(etree.parse(str(other)).getroot().find("Children"))
    out.parent.mkdir(parents=True, exist_ok=True)
    tree.write(str(out), xml_declaration=True, encoding="utf-8")


# --- what is printed ------------------------------------------------------------------------------

def speed(kind: str, children: int, mine: Run, other: Run | None) -> None:
    name = "903 with last year's return" if kind == "903" else "CIN census"
    print(f"\n{name}, {children:,} children")
    for who, run in (("cscperf", mine), ("Data to Insight", other)):
        if run:
            print(f"  {who:16} {run.seconds:8.1f} s  CPU {run.cpu:8.1f} s  peak memory {run.peak_mb:7,.0f} MB"
                  f"  (load average {run.load:.1f})")
    if other:
        print(f"  ratio            {other.seconds / mine.seconds:8.1f}x   CPU {other.cpu / mine.cpu:6.1f}x"
              f"   memory {other.peak_mb / mine.peak_mb:5.1f}x")
    if children >= SIZES["large"][0 if kind == "903" else 1]:
        aim = AIMS[kind]
        print(f"  aim: under {aim:.0f} s on 2 cores: elapsed {mine.seconds:.1f} s {_met(mine.seconds < aim)}, "
              f"CPU {mine.cpu:.1f} s {_met(mine.cpu < aim)} (load average {mine.load:.1f}); "
              f"memory under 1 GB: {mine.peak_mb:,.0f} MB {_met(mine.peak_mb < MEMORY_AIM_MB)}")


def _met(met: bool) -> str:
    return "met" if met else "missed"


def agreement(kind: str, mine: Run, other: Run) -> None:
    both = sorted(mine.rules & other.rules, key=_order)
    unit = "rows" if kind == "903" else "children"
    print(f"\nAgreement per rule, {len(both)} rules both ran ({unit} flagged; ≠ where they differ):")
    print(f"  {'rule':10} {'cscperf':>8} {'theirs':>8} {'only ours':>10} {'only theirs':>12}")
    agree = silent = 0
    differing = []
    for code in both:
        a, b = mine.flags.get(code, {}), other.flags.get(code, {})
        if not a and not b:
            silent += 1
            continue
        only_ours, only_theirs = a.keys() - b.keys(), b.keys() - a.keys()
        mark = "" if not only_ours and not only_theirs else "≠"
        agree += not mark
        if mark:
            differing.append(code)
        print(f"  {code:10} {len(a):8,} {len(b):8,} {len(only_ours):10,} {len(only_theirs):12,} {mark}")
        for label, keys, flags in (("ours", only_ours, a), ("theirs", only_theirs, b)):
            for key in sorted(keys, key=str)[:2]:
                print(f"      e.g. only {label}: {_where(key)} (child {flags[key]})")
    print(f"  {agree} rules flag the same {unit}, {silent} flag nothing in either, "
          f"{len(differing)} differ: {' '.join(differing) or 'none'}")
    for who, run, other_run in (("cscperf", mine, other), ("Data to Insight", other, mine)):
        alone = sorted(run.rules - other_run.rules, key=_order)
        print(f"  run by {who} only ({len(alone)}): {' '.join(alone)}")
    for who, run in (("cscperf", mine), ("Data to Insight", other)):
        by_reason = defaultdict(list)
        for code, why in run.not_run.items():
            by_reason[why].append(code)
        for why, codes in by_reason.items():
            print(f"  not run by {who}, {why}: {' '.join(sorted(codes, key=_order))}")


def _where(key: tuple) -> str:
    return f"{key[0]} row {key[1]}" if len(key) == 2 else "the census" if key[0] else "the return"


def _order(code: str) -> tuple:
    digits = "".join(c for c in code if c.isdigit())
    return (not digits, int(digits) if digits else 0, code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=[*SIZES, "both"], default="both")
    parser.add_argument("--year", type=int, default=2025, help="the collection year's end (2025: 2024-25)")
    parser.add_argument("--defects", type=float, default=0.01, help="chance each 903 row has a fault")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "cscperf" / "bench")
    parser.add_argument("--ours-only", action="store_true", help="time cscperf alone (no agreement)")
    args = parser.parse_args()
    for size in SIZES if args.size == "both" else [args.size]:
        stacked = returns(args.cache, size, args.year, args.defects)
        print(f"\n=== {size}: {len(stacked.las)} synthetic authorities ({' '.join(stacked.las)}), "
              f"{args.year - 1}-{args.year % 100:02d}, --defects {args.defects}")
        ons = authorities()[stacked.las[0]].ons_code
        for kind, children in (("903", stacked.children_903), ("cin", stacked.children_cin)):
            if kind == "903":
                mine = ours(args.cache, kind, args.year, [stacked.this_year], stacked.last_year)
                files = sorted(stacked.this_year.glob("*.csv")), sorted(stacked.last_year.glob("*.csv"))
            else:
                mine = ours(args.cache, kind, args.year, [stacked.census], None)
                files = [stacked.census], []
            other = None if args.ours_only else theirs(args.cache, kind, args.year, *files, ons)
            speed(kind, children, mine, other)
            if other:
                agreement(kind, mine, other)


if __name__ == "__main__":
    main()
