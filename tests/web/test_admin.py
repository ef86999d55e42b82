"""Administration pages: accounts, the audit log and the settings in force."""

from __future__ import annotations

from cscperf.appdb import audit, users
from tests.web.conftest import make_site, sign_in


def test_an_admin_adds_a_user_who_can_then_sign_in(site):
    admin = site.client("admin")
    form = {"csrf_token": admin.form_token, "name": "dora", "role": "analyst",
            "password": "another long password"}
    response = admin.post("/admin/users", data=form)
    assert (response.status_code, response.headers["location"]) == (303, "/admin/users?added=dora")
    assert "dora was added." in admin.get(response.headers["location"]).text
    assert sign_in(site.client(), "dora", "another long password").status_code == 303
    again = admin.post("/admin/users", data=form)
    assert again.status_code == 400 and "There is already a user called dora" in again.text


def test_an_admin_cannot_remove_their_own_account(shared_site):
    admin = shared_site.client("admin")
    assert admin.get("/admin/users/admin1/remove").status_code == 400
    assert admin.post("/admin/users/admin1/remove", data={"csrf_token": admin.form_token}).status_code == 400
    with shared_site.appdb() as con:
        assert users.get(con, "admin1") is not None


def test_the_audit_log_shows_drill_down_access(site):
    with site.appdb() as con:
        audit.record_access(con, "analyst1", "cp_rate_per_10k", "2025-03", 27)
    admin = site.client("admin")
    page = admin.get("/admin/audit?event=drill-down").text
    assert "cp_rate_per_10k" in page and "2025-03" in page and ">27<" in page and "analyst1" in page
    assert "sign-in" not in admin.get("/admin/audit?event=drill-down").text


def test_settings_show_values_in_force_with_secrets_hidden(tmp_path):
    site = make_site(tmp_path, oidc_client_secret="very-secret-value", lockout_minutes=7)
    page = site.client("admin").get("/admin/settings").text
    assert "very-secret-value" not in page and "(set)" in page
    assert "CSCPERF_LOCKOUT_MINUTES" in page and ">7<" in page
