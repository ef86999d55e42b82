"""Time disclosure control: every figure shown for an authority and period, computed once by the
indicator engine, then cut as analysts see it (no disclosure control) and as members do (one
release through the engine).

    python bench/disclosure.py --db demo/cscperf.duckdb --period 2025-26:Q4
    python bench/disclosure.py --db store.duckdb --la 883 --period 2024-25:Q4 --repeat 3

Prints, for each run, the seconds (on the clock, and of this process's processor time, which a
busy machine changes less) to compute the results, to cut the analysts' figures and the members'
(the difference is the disclosure engine's work), how many counts the release holds, how many
figures have a part withheld, and how many linear programs were solved.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cscperf import store  # noqa: E402
from cscperf.compare import disclosure, release  # noqa: E402
from cscperf.compare.shown import Computed  # noqa: E402
from cscperf.indicators import engine  # noqa: E402


def timed(work):
    """The work's answer, with its seconds on the clock and of processor time."""
    clock, processor = time.perf_counter(), time.process_time()
    answer = work()
    return answer, f"{time.perf_counter() - clock:.1f} s ({time.process_time() - processor:.1f} s CPU)"


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
            computed, results = timed(lambda: Computed.of(con, args.period, la))
            _, internal = timed(lambda: computed.shown(internal=True))
            solved[0] = 0
            shown, members = timed(lambda: computed.shown(internal=False))
            withheld = sum(bool(f.suppressed) for f in shown.figures.values())
            print(f"run {run + 1}: {la} {args.period}: results {results}; figures: internal {internal}, "
                  f"members {members}; {seen['counts']} counts, {withheld} of {len(shown.figures)} "
                  f"figures with a part withheld, {solved[0]} linear programs")


if __name__ == "__main__":
    main()
