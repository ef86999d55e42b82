"""The first look at an authority's scorecard after a load, through the web application on loopback.

    .venv/bin/python bench/first_look.py [--like 883 --then 867] [--reference ../shared/reference]

Generates two synthetic authorities' SSD extracts (five years to 31 March 2025, aimed at the
published figures of the authorities named), then, over a store holding the reference data:

1. Data page: runs `cscperf serve`, uploads the first authority's extract through the Data page
   as an analyst, and times the upload, the scorecards' preparation after it (until the load
   page says they are ready), and the first look at the scorecard by a member and by the analyst
   (page, then its JSON twin). For comparison, it then times a first look at the quarter before,
   which nothing prepared, so it is computed on the request.
2. `cscperf load`: stops the server, loads the second authority with `cscperf load` (timed, with
   the preparation it now does), starts the server again, times how long after it answers it has
   made the kept scorecards into pages (until the load page says they are ready), then each
   role's first look at that authority's scorecard.

Prints the times; asserts nothing. Nothing else should be looking at the server meanwhile.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx
from web_pages import NAME, account, serving, signed_in

from cscperf import store
from cscperf.appdb import users
from cscperf.reference.importer import import_reference
from cscperf.synth import generate

ROOT = Path(__file__).resolve().parents[1]
MEMBER = "bench-member"
END = date(2025, 3, 31)


def timed(what: str, call):
    began = time.perf_counter()
    answer = call()
    print(f"{what:<66} {time.perf_counter() - began:8.2f} s")
    return answer


def first_looks(base: str, la: str, period: str = "") -> None:
    """Each role's first look at the authority's scorecard: the page, then its JSON twin."""
    query = f"la={la}" + (f"&period={period}" if period else "")
    for role, name in (("member", MEMBER), ("analyst", NAME)):
        with httpx.Client(base_url=base, headers=signed_in(base, name), timeout=600) as http:
            for page in ("/scorecard", "/scorecard.json"):
                response = timed(f"  first look, {role}: {page}?{query}", lambda: http.get(f"{page}?{query}"))
                assert response.status_code == 200, response.status_code


def upload(base: str, la: str, folder: Path) -> str:
    """The load page's address after uploading every file in `folder` through the Data page."""
    with httpx.Client(base_url=base, headers=signed_in(base), timeout=600) as http:
        token = http.get("/data/upload").text.split('name="csrf_token" value="')[1].split('"')[0]
        files = [("files", (p.name, p.read_bytes(), "text/csv")) for p in sorted(folder.glob("*.csv"))]
        answer = http.post("/data/upload", data={"csrf_token": token, "la": la}, files=files)
        assert answer.status_code == 303, answer.status_code
        return answer.headers["location"].replace("?uploaded", "")


def prepared(base: str, load: str) -> None:
    with httpx.Client(base_url=base, headers=signed_in(base), timeout=600) as http:
        while http.get(f"{load}.json").json()["scorecard_being_prepared"]:
            time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--like", default="883", help="the authority uploaded through the Data page")
    parser.add_argument("--then", default="867", help="the authority loaded with cscperf load")
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for la in (args.like, args.then):
            timed(f"synthetic authority like {la} (SSD extract)",
                  lambda: generate(folder / la, like=la, end=END, formats=("ssd",), reference=args.reference))
        db = folder / "bench.duckdb"
        with store.connect(db) as con:
            import_reference(con, args.reference)
        account(db, MEMBER, users.Role.MEMBER)

        print(f"\n1. An upload of {args.like} through the Data page")
        with serving(db) as base:
            load = timed("  upload (read and load)", lambda: upload(base, args.like, folder / args.like / "ssd"))
            timed("  scorecards prepared after it (members' and analysts')", lambda: prepared(base, load))
            first_looks(base, args.like)
            print("  for comparison, a quarter nothing prepared (computed on the request):")
            first_looks(base, args.like, "2024-25:Q3")

        print(f"\n2. cscperf load of {args.then}, then the server opened")
        timed("  cscperf load (read, load and prepare)", lambda: subprocess.run(
            [sys.executable, "-m", "cscperf.cli", "load", "--db", str(db), "--la", args.then,
             str(folder / args.then / "ssd")], check=True, capture_output=True))
        with serving(db) as base:
            timed("  kept scorecards made into pages after the server answers", lambda: prepared(base, "/data/loads/2"))
            first_looks(base, args.then)


if __name__ == "__main__":
    main()
