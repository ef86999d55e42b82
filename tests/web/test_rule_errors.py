"""The dashboard says, beside a figure, how many of its children have data the DfE would reject,
to analysts only: on the indicator page and in the scorecard's table of every indicator."""

from __future__ import annotations

from contextlib import closing

import pytest

from cscperf import appdb
from cscperf.appdb import users
from cscperf.outputs.web import create_app
from tests.compare.test_rule_errors import LA, NOTE, PERIOD, breached_store
from tests.web.conftest import NAMES, PASSWORD, Site

QUERY = f"la={LA}&period={PERIOD}"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    """The three children of tests/compare/test_rule_errors.py, one with two error-level breaches."""
    path = breached_store(tmp_path_factory.mktemp("rule-errors"))
    with closing(appdb.connect(path)) as db:
        for role, name in NAMES.items():
            users.add(db, name, role, PASSWORD)
    return Site(path, create_app(path))


def test_an_analyst_sees_it_beside_the_figure(site):
    client = site.client("analyst")
    assert NOTE in client.get(f"/indicators/cla?{QUERY}").text
    assert NOTE in client.get(f"/scorecard?{QUERY}").text
    assert "would reject" not in client.get(f"/indicators/uasc_cla?{QUERY}").text  # its child's breach is a query
    card = client.get(f"/indicators/cla.json?{QUERY}").json()["card"]
    assert card["rule_errors"] == {"children": 1, "rules": [{"rule": "143", "children": 1},
                                                            {"rule": "357", "children": 1}]}


def test_the_children_behind_the_figure_name_the_rules_each_breaks(site):
    records = site.client("analyst").get(f"/indicators/cla/children.json?{QUERY}").json()["records"]
    assert {r["person_id"]: r["dfe_rule_errors"] for r in records} == {
        "P9001": None, "P9002": "143, 357", "P9003": None}
    page = site.client("analyst").get(f"/indicators/cla/children?{QUERY}").text
    assert "DfE rule errors" in page and "143, 357" in page


@pytest.mark.parametrize("role, view", [("member", ""), ("analyst", "&view=member")])
def test_members_and_the_members_view_never_see_it(site, role, view):
    client = site.client(role)
    for path in (f"/indicators/cla?{QUERY}{view}", f"/scorecard?{QUERY}{view}"):
        assert "would reject" not in client.get(path).text, path
    assert client.get(f"/indicators/cla.json?{QUERY}{view}").json()["card"]["rule_errors"] is None
