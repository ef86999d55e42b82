"""Which DfE rules take the time: each rule's CPU seconds on the validators bench's returns.
Prints its figures; asserts nothing.

    .venv/bin/python bench/rules_profile.py [--size large|small] [--year 2025] [--defects 0.01]
                                            [--top 15] [--counts FILE]

The returns are those `bench/validators.py` stacks under ~/.cache/cscperf/bench (generated once
when absent). Each is checked as `cscperf validate` checks it (`quality.rules.files.check_files`:
the 903 with last year's return, then the census), and the process's CPU time is read around each
rule (its query and its breaches) and around the steps that prepare a check: reading the files into
the in-memory store, copying the return's tables, making the lookups, and the shared views and
tables of `views.sql`. Printed: the total, the preparing steps and the slowest rules. `--counts
FILE` writes the breaches per rule as JSON, so that a change meant only to make rules faster can be
shown to find the same.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from time import process_time

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validators import SIZES, returns  # noqa: E402  (the bench's returns, stacked and cached)

from cscperf.quality.rules.files import check_files  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=list(SIZES), default="large")
    parser.add_argument("--year", type=int, default=2025, help="the collection year's end (2025: 2024-25)")
    parser.add_argument("--defects", type=float, default=0.01, help="chance each 903 row has a fault")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "cscperf" / "bench")
    parser.add_argument("--top", type=int, default=15, help="how many of the slowest rules to print")
    parser.add_argument("--counts", type=Path, help="write the breaches per rule here (JSON)")
    args = parser.parse_args()
    stacked = returns(args.cache, args.size, args.year, args.defects)
    counts = {}
    for kind, paths, previous in (("903", [stacked.this_year], [stacked.last_year]),
                                  ("cin", [stacked.census], [])):
        cpu: dict[str, float] = {}
        started = process_time()
        checked = check_files(paths, previous=previous, cpu=cpu)
        total = process_time() - started
        rules = {code: s for code, s in cpu.items() if not code.startswith("(")}
        print(f"\n=== {kind} ({args.size}): {total:.2f} s CPU in all (reading the files included); "
              f"{len(rules)} rules {sum(rules.values()):.2f} s")
        for step in ("(reading)", "(tables)", "(lookups)", "(views)"):
            print(f"  {step:<10} {cpu.get(step, 0):6.2f} s")
        for code, seconds in sorted(rules.items(), key=lambda item: -item[1])[:args.top]:
            print(f"  {code:<10} {seconds:6.2f} s")
        counts[kind] = {code: n for outcome in checked.outcomes for code, n in sorted(outcome.breached().items())}
    if args.counts:
        args.counts.write_text(json.dumps(counts, indent=1, sort_keys=True), encoding="utf-8")
        print(f"\nWrote the breaches per rule to {args.counts}")


if __name__ == "__main__":
    main()
