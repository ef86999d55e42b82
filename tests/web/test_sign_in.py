"""Signing in and out, session cookies, throttling, form tokens and response headers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from cscperf.outputs.web import security
from tests.web.conftest import PASSWORD, form_token, make_site, sign_in


def test_sign_in_sets_a_secure_http_only_same_site_cookie_and_follows_next(site):
    client = site.client()
    response = sign_in(client, "analyst1", next_path="/data")
    assert (response.status_code, response.headers["location"]) == (303, "/data")
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(security.SESSION_COOKIE))
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite", "path"} <= attributes
    assert "samesite=lax" in cookie.lower() and "path=/" in cookie.lower()
    assert client.get("/data").status_code == 200


def test_after_sign_in_only_local_paths_are_followed(site):
    for next_path in ["//evil.example/", "https://evil.example/", "/\\evil.example"]:
        assert sign_in(site.client(), "member1", next_path=next_path).headers["location"] == "/"


def test_wrong_password_and_unknown_name_get_the_same_answer(site):
    wrong = sign_in(site.client(), "member1", "not the password at all")
    unknown = sign_in(site.client(), "nobody", "not the password at all")
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert "Enter a correct user name and password" in response.text
        assert security.SESSION_COOKIE not in response.headers.get("set-cookie", "")


def test_an_account_is_locked_after_repeated_failures_even_for_the_right_password(tmp_path):
    site = make_site(tmp_path, sign_in_attempts=3, lockout_minutes=15)
    for _ in range(3):
        assert sign_in(site.client(), "member1", "wrong password here").status_code == 401
    locked = sign_in(site.client(), "member1", PASSWORD)
    assert locked.status_code == 429
    assert "Try again in 15 minutes" in locked.text
    # Another account from the same address is not locked by this one's failures.
    assert sign_in(site.client(), "analyst1").status_code == 303
    # When the window has passed, the account can sign in again.
    with site.appdb() as con:
        earlier = (datetime.now(timezone.utc) - timedelta(minutes=16)).isoformat(timespec="seconds")
        con.execute("UPDATE sign_in_failures SET at = ?", [earlier])
    assert sign_in(site.client(), "member1").status_code == 303


def test_an_address_is_locked_after_failures_across_accounts(tmp_path):
    site = make_site(tmp_path, sign_in_attempts=10, sign_in_attempts_per_address=4)
    for name in ["a", "b", "c", "d"]:
        sign_in(site.client(), name, "wrong password here")
    assert sign_in(site.client(), "admin1").status_code == 429


def test_a_correct_sign_in_clears_the_accounts_failures(tmp_path):
    site = make_site(tmp_path, sign_in_attempts=3)
    for _ in range(2):
        sign_in(site.client(), "member1", "wrong password here")
    assert sign_in(site.client(), "member1").status_code == 303
    for _ in range(2):
        sign_in(site.client(), "member1", "wrong password here")
    assert sign_in(site.client(), "member1").status_code == 303


def test_forms_without_a_valid_token_are_refused_and_change_nothing(site):
    client = site.client("analyst")
    form = {"committee": "Scrutiny", "meeting_date-day": "1", "meeting_date-month": "4",
            "meeting_date-year": "2025", "asked": "Why?", "owner": "Me", "status": "open"}
    other = site.client("analyst").form_token  # a token made for another session
    for token in [None, "", "forged", other]:
        data = form if token is None else {**form, "csrf_token": token}
        response = client.post("/actions/new", data=data)
        assert response.status_code == 403, token
        assert "The form had expired" in response.text
    with site.appdb() as con:
        assert con.execute("SELECT count(*) FROM committee_actions").fetchone()[0] == 1
    # The sign-in form needs its token too.
    anonymous = site.client()
    assert anonymous.post("/sign-in", data={"name": "member1", "password": PASSWORD}).status_code == 403
    # With the page's own token the same form is accepted.
    token = form_token(client, "/actions/new")
    assert client.post("/actions/new", data={**form, "csrf_token": token}).status_code == 303


def test_the_form_token_cookie_is_http_only_and_strict(site):
    client = site.client()
    client.cookies.clear()  # a first visit
    cookie = next(c for c in client.get("/sign-in").headers.get_list("set-cookie")
                  if c.startswith(security.CSRF_COOKIE))
    assert all(a in cookie.lower() for a in ("httponly", "secure", "samesite=strict", "path=/"))


def test_signing_out_ends_the_session_on_the_server(site):
    client = site.client()
    sign_in(client, "member1")
    stolen = client.cookies.get(security.SESSION_COOKIE)
    assert client.post("/sign-out", data={"csrf_token": form_token(client, "/")}).status_code == 303
    replay = site.client()
    replay.cookies.set(security.SESSION_COOKIE, stolen)
    assert replay.get("/").headers["location"].startswith("/sign-in")


@pytest.mark.parametrize("column", ["last_seen_at", "created_at"])
def test_idle_and_old_sessions_end(site, column):
    client = site.client("member")
    assert client.get("/").status_code == 200
    with site.appdb() as con:
        long_ago = (datetime.now(timezone.utc) - timedelta(hours=9)).isoformat(timespec="seconds")
        con.execute(f"UPDATE sessions SET {column} = ?", [long_ago])
    assert client.get("/").headers["location"].startswith("/sign-in")


def test_pages_carry_protective_headers(shared_site):
    response = shared_site.client("member").get("/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_removing_a_user_ends_their_sessions(site):
    member = site.client("member")
    assert member.get("/").status_code == 200
    admin = site.client("admin")
    admin.post("/admin/users/member1/remove", data={"csrf_token": admin.form_token})
    assert member.get("/").status_code == 303
