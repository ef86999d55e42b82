"""An authority's first scorecard after a load is the one worked out when the load finished: after
an upload through the Data page (in the server, in a thread of its own) and after `cscperf load`
into a store a server opens later (kept in the store). How quickly it is served is measured in
bench/web_pages.py, not here."""

from __future__ import annotations

from contextlib import closing

from typer.testing import CliRunner

from cscperf import appdb
from cscperf.appdb import users
from cscperf.cli import app
from cscperf.compare import prepared
from cscperf.outputs.web.results import choices
from tests.web.conftest import NAMES, PASSWORD, Site, running
from tests.web.test_data import upload

EXTRACT = {  # an SSD extract of two children, taken at the end of March 2025
    "ssd_person.csv": b"pers_person_id,pers_sex,pers_dob\nA1,F,2015-01-01\nB2,M,2016-02-02\n",
    "ssd_contacts.csv": b"cont_contact_id,cont_person_id,cont_contact_date\n1,A1,2023-04-03\n2,B2,2025-03-28\n",
}


def served_and_kept(site: Site, la: str) -> list[tuple[dict, object]]:
    """Each view's scorecard as the dashboard serves it, beside the one kept in the store."""
    web = site.app.state.web
    found = []
    for role, internal in (("member", False), ("analyst", True)):
        served = site.client(role).get(f"/scorecard.json?la={la}").json()
        with closing(web.store.cursor()) as con:
            period = choices(web.results.at(con)).default_period(la)
            found.append((served, prepared.kept(con, site.store_path, la, period, internal)))
    return found


def test_an_upload_through_the_data_page_prepares_the_scorecards(site):
    response = upload(site.client("analyst"), list(EXTRACT.items()), la="850")
    assert response.status_code == 303
    web = site.app.state.web
    web.preparing.wait(300)
    load = site.client("analyst").get(response.headers["location"].replace("?uploaded", ".json")).json()
    assert load["load"]["la"] == "850" and load["scorecard_being_prepared"] is False
    for served, kept in served_and_kept(site, "850"):
        assert kept is not None and served["period"] == "2024-25:Q4"
        assert served["generated_at"] == kept.generated_at  # made when the load finished, not on request


def test_a_server_opens_the_scorecards_cscperf_load_prepared(tmp_path):
    files = tmp_path / "extract"
    files.mkdir()
    for name, content in EXTRACT.items():
        (files / name).write_bytes(content)
    db = tmp_path / "cscperf.duckdb"
    result = CliRunner().invoke(app, ["load", "--db", str(db), "--la", "883", str(files)])
    assert result.exit_code == 0, result.output
    assert "The dashboard's scorecards are ready: 883 (Quarter 4 2024-25)." in result.output
    with closing(appdb.connect(db)) as con:
        for role, name in NAMES.items():
            users.add(con, name, role, PASSWORD)
    with running(db) as (url, application):
        web = application.state.web
        web.preparing.wait(120)  # the server makes the kept scorecards into pages when it starts
        for role in ("member", "admin", "analyst"):  # each role's page, before anyone asks
            page = ("html", role, "scorecard", "883", "2024-25:Q4", role == "analyst", False, None, None)
            assert page in web.results._found
        for served, kept in served_and_kept(Site(db, application), "883"):
            assert kept is not None and served["generated_at"] == kept.generated_at
