"""Drill-down: the children behind a figure or a group, for analysts only, each look audited."""

from __future__ import annotations

import csv
import io

from cscperf.appdb import audit
from cscperf.indicators import engine
from tests.web.dashboard import CHILD_ID, LA, PERIOD, QUERY, dashboard, report_db  # noqa: F401 - fixtures

INDICATOR = "assessments_45wd_pct"


def drill_urls(indicator: str = INDICATOR) -> list[str]:
    base = f"/indicators/{indicator}/children"
    return [f"{base}?{QUERY}", f"{base}.json?{QUERY}", f"{base}.csv?{QUERY}",
            f"{base}?{QUERY}&breakdown=age_band&group=10-15", f"{base}/?{QUERY}", f"{base.upper()}?{QUERY}",
            f"{base}.json?{QUERY}&view=analyst", f"/indicators/{indicator}//children?{QUERY}"]


def test_an_analyst_sees_the_children_behind_a_figure_and_each_look_is_audited(dashboard):
    client = dashboard.client("analyst")
    with dashboard.app.state.web.store.cursor() as con:
        [total] = engine.compute(con, [INDICATOR], PERIOD, LA)
        units = engine.children(con, INDICATOR, PERIOD, LA)
    data = client.get(f"/indicators/{INDICATOR}/children.json?{QUERY}").json()
    records = data["records"]
    assert sum(r["in_numerator"] for r in records) == total.numerator
    assert sum(r["in_denominator"] for r in records) == total.denominator
    assert data["children"] == len({u["person_id"] for u in units})
    page = client.get(f"/indicators/{INDICATOR}/children?{QUERY}").text
    assert set(CHILD_ID.findall(page)) == {u["person_id"] for u in units}
    table = list(csv.reader(io.StringIO(client.get(f"/indicators/{INDICATOR}/children.csv?{QUERY}").content.decode("utf-8-sig"))))
    assert table[0][:3] == ["person_id", "event_id", "event_date"] and len(table) == len(units) + 1
    with dashboard.appdb() as db:
        looks = [e for e in audit.recent(db, 10, "drill-down") if e.indicator == INDICATOR]
    assert len(looks) >= 3 and all(e.user_name == "analyst1" and e.n_children == data["children"]
                                   and e.period == f"{PERIOD} ({LA})" for e in looks[:3])


def test_a_group_and_any_figure_in_a_series(dashboard):
    client = dashboard.client("analyst")
    with dashboard.app.state.web.store.cursor() as con:
        groups = {r.group: r for r in engine.compute(con, ["cp_plans"], PERIOD, LA, "age_band")}
        month = {r.period: r for r in engine.compute(con, ["cp_plans"], "2024-06", LA)}
    group, figure = next(iter(groups.items()))
    data = client.get(f"/indicators/cp_plans/children.json?{QUERY}&breakdown=age_band&group={group}").json()
    assert data["children"] == figure.numerator and {r["group"] for r in data["records"]} == {group}
    data = client.get(f"/indicators/cp_plans/children.json?{QUERY}&at=2024-06").json()
    assert data["period"] == "2024-06" and data["children"] == month["2024-06"].numerator
    with dashboard.appdb() as db:
        latest = audit.recent(db, 1, "drill-down")[0]
    assert (latest.indicator, latest.period, latest.n_children) == ("cp_plans", f"2024-06 ({LA})",
                                                                    month["2024-06"].numerator)


def test_nobody_else_reaches_drill_down_by_any_url(dashboard):
    for role in ("member", "admin"):
        client = dashboard.client(role)
        for url in drill_urls():
            response = client.get(url, follow_redirects=True)
            assert response.status_code in (403, 404), (role, url)
            assert not CHILD_ID.search(response.text), (role, url)
    # and no page they can open links to it
    page = dashboard.client("member").get(f"/indicators/{INDICATOR}?{QUERY}").text
    assert "/children" not in page


def test_bad_drill_down_requests_are_refused_without_echoing(dashboard):
    client = dashboard.client("analyst")
    for query, status in [("&breakdown=SECRET", 400), ("&group=SECRET", 400), ("&at=SECRET", 400)]:
        response = client.get(f"/indicators/{INDICATOR}/children?{QUERY}{query}")
        assert response.status_code == status and "SECRET" not in response.text
