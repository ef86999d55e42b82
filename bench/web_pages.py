"""Page times of the web application under concurrent clients, on loopback.

    .venv/bin/python bench/web_pages.py [--db STORE] [--clients 20] [--requests 2000]
                                        [--visit 20] [--authorities 20]

Runs `cscperf serve` in its own process on a free loopback port over STORE, signs each client in
as an analyst through the sign-in form, and has the clients request the pages below in turn, for
the first VISIT authorities in the store, until REQUESTS have been made. Without --db it first
builds a store from the national synthetic pool: `cscperf synth --national` for the first
AUTHORITIES authorities (by DfE code; SSD extracts, five years to 31 March 2025, aimed at each
authority's published figures), each loaded as `cscperf load` does, beside the published
reference data (../shared/reference).

Two rounds: the first finds nothing computed (each scorecard and indicator page is computed on
first request, once however many ask, unless a load prepared the scorecard: bench/first_look.py
times that), the second is the steady state people see. It prints the
50th and 95th percentile time per page and overall for each. It asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from pathlib import Path

import httpx

from cscperf import appdb, store
from cscperf.appdb import users

ROOT = Path(__file__).resolve().parents[1]  # ../shared beside it holds the reference data
NAME, PASSWORD = "bench-analyst", "a password for the benchmark"
INDICATOR = "assessments_45wd_pct"
# (name, path): {la} is filled in per request
PAGES = [
    ("home", "/"), ("actions", "/actions"), ("data", "/data"),
    ("scorecard", "/scorecard?la={la}"), ("scorecard.json", "/scorecard.json?la={la}"),
    ("scorecard red", "/scorecard?la={la}&rag=red"), ("scorecard members", "/scorecard?la={la}&view=member"),
    ("indicator", f"/indicators/{INDICATOR}?la={{la}}"), ("indicator.json", f"/indicators/{INDICATOR}.json?la={{la}}"),
    ("chart svg", f"/indicators/{INDICATOR}/charts/chart-{INDICATOR}-quarters.svg?la={{la}}"),
    ("chart csv", f"/indicators/{INDICATOR}/charts/chart-{INDICATOR}-authorities.csv?la={{la}}"),
    ("indicator 2", "/indicators/cp_rate_per_10k?la={la}"),
]


def build(db: Path, authorities: int) -> None:
    from datetime import date

    from cscperf import sources
    from cscperf.reference.importer import import_reference
    from cscperf.synth import generate_national
    from cscperf.synth.authorities import authorities as every

    reference = ROOT.parent / "shared" / "reference"
    codes = sorted(every())[:authorities]
    with tempfile.TemporaryDirectory() as folder:
        generate_national(Path(folder), codes=codes, formats=("ssd",), end=date(2025, 3, 31), reference=reference)
        con = store.connect(db)
        import_reference(con, reference)
        for code in codes:
            store.load(con, sources.read_paths([Path(folder) / code / "ssd"], la=code))
        con.close()


def signed_in(base: str, name: str = NAME) -> dict:
    """Cookie header for a signed-in account (cookies are Secure, so they are carried by hand)."""
    page = httpx.get(f"{base}/sign-in")
    cookies = dict(page.cookies)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    answer = httpx.post(f"{base}/sign-in", headers={"cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
                        data={"csrf_token": token, "name": name, "password": PASSWORD, "next": "/"})
    assert answer.status_code == 303, answer.status_code
    cookies.update(answer.cookies)
    return {"cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}


def run(base: str, headers: list[dict], requests: list[tuple[str, str]]) -> dict[str, list[float]]:
    """The requests shared among the clients, each client taking the next; times by page name."""
    times: dict[str, list[float]] = {name: [] for name, _ in PAGES}
    queue = iter(requests)

    def client(index: int) -> None:
        with httpx.Client(base_url=base, headers=headers[index], timeout=120) as http:
            for name, path in queue:
                began = time.perf_counter()
                status = http.get(path).status_code
                assert status == 200, (path, status)
                times[name].append((time.perf_counter() - began) * 1000)

    with ThreadPoolExecutor(len(headers)) as pool:
        list(pool.map(client, range(len(headers))))
    return times


def report(title: str, times: dict[str, list[float]], elapsed: float) -> None:
    def line(name: str, values: list[float]) -> str:
        q = statistics.quantiles(values, n=20) if len(values) > 1 else values * 19
        return f"{name:<18} {len(values):>6} {statistics.median(values):>8.1f} {q[18]:>8.1f}"
    print(f"\n{title}: {sum(map(len, times.values()))} requests in {elapsed:.1f} s")
    print(f"{'page':<18} {'count':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for name, values in times.items():
        if values:
            print(line(name, values))
    print(line("all", [v for values in times.values() for v in values]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--visit", type=int, default=20, help="authorities the clients look at")
    parser.add_argument("--authorities", type=int, default=20, help="synthetic authorities in a built store")
    args = parser.parse_args()
    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp()) / "bench.duckdb"
        began = time.perf_counter()
        build(db, args.authorities)
        with store.connect(db, read_only=True) as con:
            children = con.execute("SELECT count(*) FROM ssd_person").fetchone()[0]
        print(f"built {db}: {args.authorities} synthetic authorities, {children:,} children "
              f"({db.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - began:.0f} s")
    with serving(db) as base:
        headers = [signed_in(base) for _ in range(args.clients)]
        las = _authorities(base, headers[0])[:args.visit]
        print(f"{args.clients} clients over {len(las)} authorities")
        every = [(name, path.format(la=la)) for la in las for name, path in PAGES]
        began = time.perf_counter()
        report("first round (nothing computed yet)", run(base, headers, every), time.perf_counter() - began)
        steady = list(itertools.islice(itertools.cycle(every), args.requests))
        began = time.perf_counter()
        report("steady state", run(base, headers, steady), time.perf_counter() - began)


def account(db: Path, name: str = NAME, role: users.Role = users.Role.ANALYST) -> None:
    with closing(appdb.connect(db)) as con:
        if users.get(con, name) is None:
            users.add(con, name, role, PASSWORD)


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """`cscperf serve` over `db` in its own process on a free loopback port, with the benchmark's
    analyst account: its base URL once it answers."""
    account(db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "cscperf.cli", "serve", "--db", str(db),
                               "--port", str(port)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(f"{base}/sign-in")
                break
            except httpx.TransportError:
                time.sleep(0.05)
        yield base
    finally:
        server.terminate()
        server.wait()


def _authorities(base: str, headers: dict) -> list[str]:
    page = httpx.get(f"{base}/scorecard", headers=headers, timeout=300).text
    return re.findall(r'<option value="(\d{3})"', page) or [re.search(r'name="la" value="(\d{3})"', page).group(1)]


if __name__ == "__main__":
    main()
