"""The adversary (tests/adversary.py) against everything a member gets from the real server for a
period: the scorecard's and every indicator page's JSON twin, every chart's CSV, and the committee
report in every format. The JSON twins carry every figure the pages, CSVs and report show (the
tests below check that they add nothing), so the adversary works on them, with the true figures
from an analyst's internal view of the same pages."""

from __future__ import annotations

import csv
import html
import io
import re

import httpx
import openpyxl
import pytest

from cscperf.appdb import sessions
from cscperf.appdb.users import Role
from cscperf.compare import scorecard
from cscperf.compare.figure import MARK
from cscperf.indicators.registry import default
from cscperf.outputs.report.context import row
from cscperf.outputs.web import security
from tests.adversary import Seen, read_outputs, recovered
from tests.web.conftest import NAMES
from tests.web.dashboard import LA, PERIOD, QUERY, live_dashboard, report_db  # noqa: F401 - fixtures
from tests.web.test_member_outputs import text_of

pytestmark = pytest.mark.slow


def client(url: str, site, role: Role) -> httpx.Client:
    """A client of the real server signed in as the role's account (cookies set by hand: the
    server's cookies are Secure and this is plain HTTP on loopback)."""
    with site.appdb() as db:
        token = sessions.start(db, NAMES[role], "password")
    nonce = security.new_csrf_nonce()
    http = httpx.Client(base_url=url, timeout=120, headers={
        "cookie": f"{security.SESSION_COOKIE}={token}; {security.CSRF_COOKIE}={nonce}"})
    http.form_token = security.csrf_token(site.app.state.web.secret, nonce, sessions.token_id(token))
    return http


@pytest.fixture(scope="module")
def views(live_dashboard):
    """(member, analyst) views: the scorecard JSON and every indicator page's JSON, by id."""
    url, site = live_dashboard
    found = []
    for role in (Role.MEMBER, Role.ANALYST):
        http = client(url, site, role)
        cards = http.get(f"/scorecard.json?{QUERY}").json()
        pages = {c["definition"]["id"]: http.get(f"/indicators/{c['definition']['id']}.json?{QUERY}").json()
                 for c in cards["cards"]}
        found.append((cards, pages))
    assert not found[0][0]["internal"] and found[1][0]["internal"]
    return found


def test_no_withheld_count_is_worked_out_of_what_a_member_gets(views):
    (cards, pages), (true_cards, true_pages) = views
    seen = read_outputs(Seen({i.id: i for i in default()}), cards, pages, true_cards, true_pages)
    assert len(seen.withheld) > 100
    assert recovered(seen) == {}


def _number(text: str):
    text = text.removeprefix("'")  # the CSV's guard against a cell read as a formula
    if text in ("-", "[c]"):
        return text
    return float(text.replace(",", "").rstrip("%"))


def _expected(figure: dict, part: str):
    if part in figure["suppressed"]:
        return "[c]"
    return "-" if figure[part] is None else float(figure[part])


def test_chart_csvs_show_only_what_the_json_twins_do(live_dashboard, views):
    url, site = live_dashboard
    http = client(url, site, Role.MEMBER)
    (cards, pages), _ = views
    checked = 0
    for id, page in pages.items():
        for name in ("months", "quarters", "years"):
            table = list(csv.reader(io.StringIO(http.get(f"/indicators/{id}/charts/chart-{id}-{name}.csv?{QUERY}")
                                                .content.decode("utf-8-sig"))))[1:]
            for cells, figure in zip(table, page[name], strict=True):
                for text, part in zip(cells[1:], ("value", "numerator", "denominator")):
                    assert _number(text) == _expected(figure, part), (id, name, cells, figure)
                    checked += 1
        for split in page["breakdowns"]:
            table = list(csv.reader(io.StringIO(http.get(f"/indicators/{id}/charts/chart-{id}-{split['id']}.csv?"
                                                         f"{QUERY}").content.decode("utf-8-sig"))))[1:]
            for cells, figure in zip(table, split["groups"], strict=True):
                assert _number(cells[1]) == _expected(figure, "value"), (id, split["id"], cells)
                checked += 1
    assert checked > 1000


def test_the_report_in_every_format_shows_the_scorecards_figures(live_dashboard):
    url, site = live_dashboard
    http = client(url, site, Role.MEMBER)
    with site.app.state.web.store.cursor() as con:
        member = scorecard.build(con, PERIOD, LA)
    rows = [row(c) for c in member.cards]
    for fmt in ("html", "pdf", "docx", "xlsx"):
        response = http.post("/report", data={"csrf_token": http.form_token, "la": LA, "period": PERIOD,
                                              "format": fmt, "detail": "full"})
        assert response.status_code == 200, fmt
        if fmt == "xlsx":
            _workbook_shows(response.content, member.cards)
            continue
        text = re.sub(r"\s+", " ", html.unescape(text_of(f"report.{fmt}", response.content)))
        for r in rows:
            assert r.value in text, (fmt, r.id, r.value)


def _workbook_shows(content: bytes, cards) -> None:
    """The workbook's figures are cells: each card's value a number, [c] where a part of it is
    withheld (an average's total always is), else the reason there is none."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    cells = {v for sheet in book.worksheets for line in sheet.iter_rows(values_only=True) for v in line}
    numbers = {round(v, 6) for v in cells if isinstance(v, int | float)}
    for card in cards:
        now = card.current
        if now.suppressed:
            assert MARK in cells, card.definition.id
        if now.value is not None:
            assert round(now.value, 6) in numbers, (card.definition.id, now.value)
        elif not now.suppressed:
            assert now.reason in cells, (card.definition.id, now.reason)
