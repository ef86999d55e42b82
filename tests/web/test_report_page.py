"""Producing the committee report from the browser: the same function as `cscperf report`,
members' version for everyone, the internal one for analysts who ask for it."""

from __future__ import annotations

from cscperf.appdb import audit
from tests.web.dashboard import LA, PERIOD, dashboard, report_db  # noqa: F401 - fixtures


def produce(client, fmt: str = "html", **extra):
    return client.post("/report", data={"csrf_token": client.form_token, "la": LA, "period": PERIOD,
                                        "format": fmt, **extra})


def test_each_role_downloads_the_members_report(dashboard):
    for role in ("member", "admin", "analyst"):
        client = dashboard.client(role)
        assert f'value="{PERIOD}" selected' in client.get("/report").text
        response = produce(client, internal="yes" if role == "member" else "")  # a member cannot ask
        assert response.status_code == 200, role
        assert response.headers["content-disposition"] == 'attachment; filename="report-883-2024-25-Q4.html"'
        assert "For members: small numbers are suppressed" in response.text and "INTERNAL" not in response.text
    with dashboard.appdb() as db:
        assert audit.recent(db, 1)[0].detail == f"{LA} {PERIOD} html pack"


def test_the_full_detail_can_be_asked_for(dashboard):
    client = dashboard.client("member")
    assert 'name="detail" type="radio" value="pack" checked' in client.get("/report").text
    response = produce(client, detail="full")
    assert response.headers["content-disposition"] == 'attachment; filename="report-883-2024-25-Q4-full.html"'
    assert "12-month trends" in response.text and "Performance on a page" not in response.text
    assert produce(client, detail="everything").status_code == 400


def test_an_analyst_may_ask_for_the_internal_report_in_any_format(dashboard):
    client = dashboard.client("analyst")
    response = produce(client, internal="yes")
    assert response.headers["content-disposition"].endswith('-INTERNAL.html"')
    assert "INTERNAL - NOT SUPPRESSED - NOT FOR PUBLICATION" in response.text
    sheet = produce(client, "xlsx")
    assert sheet.headers["content-type"].startswith("application/vnd.openxmlformats") and sheet.content[:2] == b"PK"


def test_a_bad_choice_is_an_error_on_the_form(dashboard):
    client = dashboard.client("member")
    response = client.post("/report", data={"csrf_token": client.form_token, "la": "999", "period": "SECRET",
                                            "format": "exe"})
    assert response.status_code == 400 and "There is a problem" in response.text
    assert "SECRET" not in response.text
    assert client.post("/report", data={"la": LA, "period": PERIOD, "format": "html"}).status_code == 403
