"""Screenshots of the dashboard for the README, taken by Playwright in Debian's Chromium.

    .venv/bin/python docs/screenshots.py [--out docs]

Builds a small store (the tests' seeded random authority, 300 children over five years, beside
the published reference data in ../shared/reference, with a few targets), runs the application
on loopback, signs in as an analyst and saves docs/dashboard-scorecard.png and
docs/dashboard-indicator.png.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from contextlib import closing
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' fixtures build the store

from cscperf import appdb, store  # noqa: E402
from cscperf.appdb import users  # noqa: E402
from cscperf.compare import analyst_files  # noqa: E402
from cscperf.indicators import calc  # noqa: E402
from cscperf.outputs.web.server import config  # noqa: E402
from cscperf.reference.importer import import_reference  # noqa: E402
from tests.indicators import random_authority  # noqa: E402
from tests.indicators.authority import Authority  # noqa: E402
from tests.web.browser import ARGS, CHROMIUM  # noqa: E402

NAME, PASSWORD = "analyst", "a password for the screenshots"
INDICATOR = "assessments_45wd_pct"
TARGETS = """\
assessments_45wd_pct: {target: 85, tolerance: 5}
rereferrals_12m_pct: {target: 20, tolerance: 3}
cp_second_or_subsequent_pct: {target: 20, tolerance: 2}
cp_open_2y_plus_pct: {target: 10, ceiling: 15}
assessment_avg_working_days: {target: 30, tolerance: 5}
icpc_15wd_pct: {target: 80, tolerance: 5}
"""


def build(db: Path) -> None:
    con = store.connect(db)
    import_reference(con, ROOT.parent / "shared" / "reference")
    calc.prepare(con)
    random_authority.build(Authority(con, "883"), children=300)
    con.close()
    analyst_files.TARGETS.path(db).write_text(TARGETS)
    with closing(appdb.connect(db)) as app:
        users.add(app, NAME, users.Role.ANALYST, PASSWORD)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--db", type=Path, help="a store to use as it is (with an analyst NAME/PASSWORD)")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "cscperf.duckdb"
    if args.db is None:
        build(db)
    server = uvicorn.Server(config(db, "127.0.0.1", 0))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1100, "height": 1400})
            page.goto(base + "/sign-in?next=/scorecard")
            page.fill("#name", NAME)
            page.fill("#password", PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(base + "/scorecard")
            page.screenshot(path=args.out / "dashboard-scorecard.png")
            page.goto(base + f"/indicators/{INDICATOR}?la=883&period=2024-25:Q4")
            # from the heading to the comparison with the statistical neighbours
            top = page.locator("h1").bounding_box()["y"] - 60
            end = page.locator(f"#chart-{INDICATOR}-neighbours").bounding_box()
            page.screenshot(path=args.out / "dashboard-indicator.png", full_page=True,
                            clip={"x": 0, "y": top, "width": 1100, "height": end["y"] + end["height"] - top})
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)


if __name__ == "__main__":
    main()
