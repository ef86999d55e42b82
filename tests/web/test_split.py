"""An indicator month by month split by a breakdown (issue 11): the page splits children looked
after by UASC unless told otherwise, or by the breakdown chosen, and draws it with its data table
and CSV, suppressed for members month by month; a published figure has no children behind it."""

from __future__ import annotations

import csv
import io

from tests.web.dashboard import QUERY, dashboard, report_db  # noqa: F401 - fixtures


def test_an_indicator_month_by_month_by_a_breakdown(dashboard):
    client = dashboard.client("analyst")
    # children looked after are split by UASC unless the page is told otherwise
    assert client.get(f"/indicators/cla.json?{QUERY}").json()["split"]["breakdown"] == "uasc"
    split = client.get(f"/indicators/referrals.json?{QUERY}&split=age_band").json()["split"]
    assert split["breakdown"] == "age_band" and len(split["months"]) == 24
    assert sum(len(m["groups"]) for m in split["months"]) > 24
    for month in split["months"]:  # the groups of a month add up to its total (analysts' view)
        assert sum(g["value"] for g in month["groups"]) == month["total"]["value"]
    page = client.get(f"/indicators/referrals?{QUERY}&split=age_band")
    assert 'id="chart-referrals-months-by-age_band"' in page.text
    chart = f"/indicators/referrals/charts/chart-referrals-months-by-age_band"
    table = client.get(f"{chart}.csv?{QUERY}&split=age_band")
    rows = list(csv.reader(io.StringIO(table.text.removeprefix("\ufeff"))))  # CSV for Excel: a BOM first
    assert rows[0][0] == "Month" and rows[0][-1] == "Total" and len(rows) == 25
    assert client.get(f"{chart}.svg?{QUERY}&split=age_band").status_code == 200


def test_another_breakdown_or_none(dashboard):
    client = dashboard.client("member")
    by_age = client.get(f"/indicators/referrals.json?{QUERY}&split=age_band").json()["split"]
    assert by_age["breakdown"] == "age_band"
    assert client.get(f"/indicators/cla.json?{QUERY}&split=").json()["split"] is None
    assert client.get(f"/indicators/cla?{QUERY}&split=colour").status_code == 400
    for month in by_age["months"]:  # members: no count from 1 to 4 in any month's group
        assert all(g["value"] is None or not 0 < g["value"] < 5 for g in month["groups"])


def test_a_published_figure_has_no_children_behind_it(dashboard):
    client = dashboard.client("analyst")
    page = client.get(f"/indicators/workforce_turnover_pct?{QUERY}")
    assert page.status_code == 200 and "See the children" not in page.text
    assert client.get(f"/indicators/workforce_turnover_pct/children?{QUERY}").status_code == 404
