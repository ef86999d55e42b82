"""Time disclosure control: every figure shown for an authority and period, computed as analysts
see it (no disclosure control) and as members do (one release through the engine).

    python bench/disclosure.py --db demo/cscperf.duckdb --period 2025-26:Q4
    python bench/disclosure.py --db store.duckdb --la 883 --period 2024-25:Q4 --repeat 3

Prints, for each run, the seconds for the internal figures and for the members' (the difference
is the engine's work), how many counts the release holds, how many are withheld, and how many
linear programs were solved.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cscperf import store  # noqa: E402
from cscperf.compare import disclosure, release  # noqa: E402
from cscperf.compare.shown import Shown  # noqa: E402
from cscperf.indicators import engine  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--la", help="the authority (the store's only one when not given)")
    parser.add_argument("--period", required=True)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    solved = [0]
    solve = disclosure.linprog

    def counted(*a, **k):
        solved[0] += 1
        return solve(*a, **k)
    disclosure.linprog = counted
    seen: dict = {}
    decide = release.hidden

    def recorded(r, below):
        seen["counts"] = len(r.counts)
        return decide(r, below)
    release.hidden = recorded

    with store.connect(args.db) as con:
        la = args.la or engine.authorities(con)[0]
        for run in range(args.repeat):
            started = time.perf_counter()
            Shown.compute(con, args.period, la, internal=True)
            internal = time.perf_counter() - started
            solved[0] = 0
            started = time.perf_counter()
            shown = Shown.compute(con, args.period, la)
            members = time.perf_counter() - started
            withheld = sum(bool(f.suppressed) for f in shown.figures.values())
            print(f"run {run + 1}: {la} {args.period}: internal {internal:.1f} s, members {members:.1f} s; "
                  f"{seen['counts']} counts, {withheld} of {len(shown.figures)} figures with a part "
                  f"withheld, {solved[0]} linear programs")


if __name__ == "__main__":
    main()
