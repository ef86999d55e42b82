"""Page times of the web application under concurrent clients, on loopback.

    .venv/bin/python bench/web_pages.py [--db STORE] [--clients 20] [--requests 2000]

Runs `cscperf serve` in its own process on a free loopback port over STORE (a fresh small store
when none is given), signs each client in as an analyst through the sign-in form, has the
clients request the pages below in turn until REQUESTS have been made, and prints the 50th and 95th
percentile time per page and overall. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import httpx

from cscperf import appdb, store
from cscperf.appdb import users

PAGES = ["/", "/actions", "/data", "/data/loads/1", "/actions/new"]
NAME, PASSWORD = "bench-analyst", "a password for the benchmark"


def signed_in(base: str) -> dict:
    """Cookie header for a signed-in analyst (cookies are Secure, so they are carried by hand)."""
    page = httpx.get(f"{base}/sign-in")
    cookies = dict(page.cookies)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    answer = httpx.post(f"{base}/sign-in", cookies=cookies,
                        data={"csrf_token": token, "name": NAME, "password": PASSWORD, "next": "/"})
    assert answer.status_code == 303, answer.status_code
    cookies.update(answer.cookies)
    return {"cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "bench.duckdb"
    store.connect(db).close()
    with closing(appdb.connect(db)) as con:
        if users.get(con, NAME) is None:
            users.add(con, NAME, users.Role.ANALYST, PASSWORD)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "cscperf.cli", "serve", "--db", str(db),
                               "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(f"{base}/sign-in")
            break
        except httpx.TransportError:
            time.sleep(0.05)
    headers = [signed_in(base) for _ in range(args.clients)]
    times: dict[str, list[float]] = {page: [] for page in PAGES}
    per_client = args.requests // args.clients

    def client(index: int) -> None:
        with httpx.Client(base_url=base, headers=headers[index], timeout=30) as http:
            for n in range(per_client):
                page = PAGES[(index + n) % len(PAGES)]
                began = time.perf_counter()
                assert http.get(page).status_code in (200, 404)
                times[page].append((time.perf_counter() - began) * 1000)

    began = time.perf_counter()
    try:
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(client, range(args.clients)))
    finally:
        server.terminate()
        server.wait()
    elapsed = time.perf_counter() - began

    def line(name: str, values: list[float]) -> str:
        q = statistics.quantiles(values, n=20)
        return f"{name:<16} {len(values):>6} {statistics.median(values):>8.1f} {q[18]:>8.1f}"
    print(f"{args.clients} clients, {sum(map(len, times.values()))} requests in {elapsed:.1f} s")
    print(f"{'page':<16} {'count':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for page, values in times.items():
        print(line(page, values))
    print(line("all", [v for values in times.values() for v in values]))


if __name__ == "__main__":
    main()
