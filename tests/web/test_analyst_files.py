"""Editing the targets and commentary files in the browser: the files the report reads, checked
as the report checks them, written atomically, refused when stale or without a form token."""

from __future__ import annotations

from cscperf.appdb import audit
from cscperf.compare import analyst_files
from tests.web.dashboard import QUERY, fresh_dashboard, report_db  # noqa: F401 - fixtures

TARGET = "assessments_45wd_pct:\n  target: 70\n  tolerance: 5\n"
COMMENTARY = '"2024-25:Q4":\n  assessments_45wd_pct:\n    cause: Two social workers left in January.\n    action: Agency cover until April.\n'


def save(client, kind: str, text: str, version: str | None = None, token: str | None = None):
    page = client.get(f"/{kind}").text
    if version is None:
        version = page.split('name="version" value="')[1].split('"')[0]
    return client.post(f"/{kind}", data={"csrf_token": token if token is not None else client.form_token,
                                         "version": version, "text": text})


def card(client, indicator: str = "assessments_45wd_pct") -> dict:
    return client.get(f"/indicators/{indicator}.json?{QUERY}").json()["card"]


def test_saved_targets_are_the_file_the_report_reads_and_the_scorecard_uses_them_at_once(fresh_dashboard):
    site, client = fresh_dashboard, fresh_dashboard.client("analyst")
    assert card(client)["target"] is None  # computed once and kept before the edit
    response = save(client, "targets", TARGET)
    assert response.status_code == 303 and response.headers["location"] == "/targets?saved"
    path = analyst_files.TARGETS.path(site.store_path)
    assert path == site.store_path.with_name("cscperf.targets.yml") and path.read_text() == TARGET
    assert card(client)["target"] == 70
    assert "Targets saved" in client.get("/targets?saved").text
    with site.appdb() as db:
        assert audit.recent(db, 1)[0].event == "targets-saved"
    assert save(client, "commentary", COMMENTARY).status_code == 303
    assert "Two social workers left in January." in client.get(f"/indicators/assessments_45wd_pct?{QUERY}").text


def test_a_file_the_report_would_refuse_is_not_saved_and_each_problem_names_its_line(fresh_dashboard):
    client = fresh_dashboard.client("analyst")
    path = analyst_files.TARGETS.path(fresh_dashboard.store_path)
    assert save(client, "targets", TARGET).status_code == 303
    cases = {
        "assessments_45wd_pct: {target: 70}\nno_such_thing: {target: 1}\n": "Line 2: no_such_thing: no such indicator",
        "cla: [\n": "Line ",
        "referrals: {target: 10}\n": "neither higher nor lower is better",
        "assessments_45wd_pct: {target: 70, ceiling: 80}\n": "give a floor (or tolerance), not a ceiling",
    }
    for text, message in cases.items():
        response = save(client, "targets", text)
        assert response.status_code == 400 and message in response.text, text
        assert "There is a problem" in response.text
        assert path.read_text() == TARGET  # unchanged
    response = save(client, "commentary", '"2024-25:Q9":\n  cla: {cause: a, action: b}\n')
    assert response.status_code == 400 and "Line 1" in response.text


def test_a_stale_page_or_a_missing_token_changes_nothing(fresh_dashboard):
    client = fresh_dashboard.client("analyst")
    path = analyst_files.TARGETS.path(fresh_dashboard.store_path)
    opened = client.get("/targets").text.split('name="version" value="')[1].split('"')[0]
    assert save(client, "targets", TARGET).status_code == 303
    response = save(client, "targets", "assessments_45wd_pct: {target: 1}\n", version=opened)
    assert response.status_code == 400 and "Someone else has saved this file" in response.text
    assert save(client, "targets", "", token="").status_code == 403
    assert save(client, "targets", "", token=client.form_token[:-2] + "xx").status_code == 403
    assert path.read_text() == TARGET
    assert not list(path.parent.glob(".cscperf.targets.yml.*"))  # no half-written file left


def test_only_analysts_edit_the_files(fresh_dashboard):
    for role in ("member", "admin"):
        client = fresh_dashboard.client(role)
        assert client.get("/targets").status_code == 403
        assert save_refused(client)
    assert not analyst_files.TARGETS.path(fresh_dashboard.store_path).exists()


def save_refused(client) -> bool:
    return client.post("/targets", data={"csrf_token": client.form_token, "version": "",
                                         "text": TARGET}).status_code == 403
