"""Requests a service on a council network gets: out-of-range ids, over-long file names, too many
files, uploads from people not signed in, forwarded addresses. Each gets a clear 4xx, never a 500,
and nobody the page refuses can make the server read an upload."""

import socket
from contextlib import closing
from urllib.parse import urlsplit

import httpx
import pytest

from cscperf.appdb import sessions
from cscperf.outputs.web import security
from cscperf.outputs.web.config import WebConfig
from tests.sources.test_workbooks import bomb
from tests.web.conftest import NAMES, TOKEN_FIELD, running
from tests.web.dashboard import QUERY, dashboard, report_db  # noqa: F401 - fixtures used below
from tests.web.test_data import store_rows, upload

HUGE = "99999999999999999999"


@pytest.mark.parametrize("role, path", [
    ("member", f"/actions/{HUGE}"), ("member", f"/actions/{HUGE}.json"),
    ("analyst", f"/actions/{HUGE}/edit"), ("analyst", f"/data/loads/{HUGE}"),
    ("analyst", f"/data/loads/{HUGE}.json"), ("analyst", "/data/loads/-1"),
])
def test_ids_out_of_range_are_not_found(shared_site, role, path):
    response = shared_site.client(role).get(path)
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_a_file_name_too_long_is_refused_with_a_reason(site):
    before = store_rows(site)
    response = upload(site.client("analyst"), [("a" * 296 + ".csv", b"CHILD,SEX\r\n")], la="883")
    assert response.status_code == 400
    assert "longer than 200 characters: give it a shorter name" in response.text
    assert store_rows(site) == before


def test_too_many_files_are_refused_with_a_reason(site):
    response = upload(site.client("analyst"), [(f"f{n}.csv", b"x\r\n") for n in range(201)], la="883")
    assert response.status_code == 400
    assert "Too many files. Maximum number of files is 200." in response.text


def test_a_zip_bomb_upload_is_refused_with_its_reason(site, tmp_path):
    path = bomb(tmp_path / "annex_a.xlsx")
    response = upload(site.client("analyst"), [(path.name, path.read_bytes())], la="883")
    assert response.status_code == 400
    assert "would expand" in response.text and "Nothing was loaded." in response.text


def _post_headers_only(url: str, cookie: str | None) -> bytes:
    """Send an upload's headers, announcing 50 MB, and a few bytes of its body; return the answer
    the server gives without waiting for the rest."""
    host, port = urlsplit(url).hostname, urlsplit(url).port
    head = (f"POST /data/upload HTTP/1.1\r\nHost: {host}\r\nContent-Length: {50 << 20}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            + (f"Cookie: {cookie}\r\n" if cookie else "") + "\r\n--x\r\n")
    with closing(socket.create_connection((host, port), timeout=20)) as connection:
        connection.sendall(head.encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += connection.recv(4096)
        return answer


def test_uploads_are_refused_before_their_body_is_read(live_site):
    url, site = live_site
    answer = _post_headers_only(url, None)
    assert answer.startswith(b"HTTP/1.1 303") and b"location: /sign-in?next=/data/upload" in answer.lower()
    with site.appdb() as con:
        token = sessions.start(con, NAMES["member"], "password")
    answer = _post_headers_only(url, f"__Host-cscperf-session={token}")
    assert answer.startswith(b"HTTP/1.1 403")


def test_adoption_three_year_pages_open_for_every_role(dashboard):  # noqa: F811
    for role in ("analyst", "member", "admin"):
        client = dashboard.client(role)
        for indicator in ("adoption_a1_3y_avg_days", "adoption_a2_3y_avg_days"):
            page = client.get(f"/indicators/{indicator}?{QUERY}")
            assert page.status_code == 200 and "In the 36 months to the end of the period" in page.text
            assert client.get(f"/indicators/{indicator}.json?{QUERY}").status_code == 200


@pytest.mark.parametrize("period", ["0000-01", "9999-00", "12m:0001-01"])
def test_periods_beyond_the_calendar_are_refused(dashboard, period):  # noqa: F811
    # Year 0 has no dates, and the indicators look back years from a period: a 500 before.
    for role, path in [("member", "/scorecard"), ("member", "/indicators/cla_rate_per_10k"),
                       ("analyst", "/indicators/cla_rate_per_10k/children")]:
        page = dashboard.client(role).get(f"{path}?la=883&period={period}")
        assert page.status_code == 400 and "not a period" in page.text, path


def _failed_sign_in_address(site, url: str, forwarded: str | None) -> str:
    """Where the service says a failed sign-in came from (its audit log)."""
    form = httpx.get(f"{url}/sign-in")
    token = TOKEN_FIELD.search(form.text).group(1)
    # The form-token cookie is Secure: a browser sends it to 127.0.0.1 over http, httpx does not.
    headers = {"Cookie": f"{security.CSRF_COOKIE}={form.cookies[security.CSRF_COOKIE]}",
               **({"X-Forwarded-For": forwarded} if forwarded else {})}
    answer = httpx.post(f"{url}/sign-in", headers=headers,
                        data={"csrf_token": token, "name": "nobody", "password": "wrong"})
    assert answer.status_code == 401
    with site.appdb() as con:
        return con.execute("SELECT detail FROM audit WHERE event = 'sign-in-failed' "
                           "ORDER BY audit_id DESC LIMIT 1").fetchone()[0]


def test_forwarded_addresses_are_believed_only_from_trusted_proxies(site):
    site.app.state.web.close()
    chain = "203.0.113.7, 198.51.100.9, 10.0.0.5"  # client, then proxies, each appending
    with running(site.store_path) as (url, _):  # no trusted proxies: the header is ignored
        assert _failed_sign_in_address(site, url, chain) == "from 127.0.0.1"
    with running(site.store_path, trusted_proxies="127.0.0.1, 10.0.0.0/8") as (url, _):
        # the right-most address that is not a trusted proxy: 198.51.100.9 could have written the rest
        assert _failed_sign_in_address(site, url, chain) == "from 198.51.100.9"
        assert _failed_sign_in_address(site, url, None) == "from 127.0.0.1"


def test_trusted_proxies_must_be_addresses():
    with pytest.raises(ValueError, match=r"trusted_proxies: '\*' is not an IP address or network"):
        WebConfig.from_settings(trusted_proxies="10.0.0.1, *")
    assert WebConfig.from_settings(trusted_proxies="10.0.0.1, 192.168.0.0/16").trusted_proxies == (
        "10.0.0.1", "192.168.0.0/16")
