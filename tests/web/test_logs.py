"""Child-level data never reaches the server's log or its error pages, driven through the real
`cscperf serve` configuration in its own process, on loopback."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time

import httpx

from cscperf.appdb.users import Role
from tests.web.conftest import NAMES, PASSWORD, TOKEN_FIELD, make_site

SECRET = "CHILD-SECRET-4401"

# The real server configuration plus one route that fails with child-level data in its message.
SERVER = f"""
import sys, uvicorn
from cscperf.outputs.web.errors import logging_config
from cscperf.outputs.web.policy import PUBLIC, GuardedRoute
from cscperf.outputs.web.server import config

def failing(ctx):
    raise ValueError("child {SECRET} born 2015-01-01 at 1 High Street")

settings = config(sys.argv[1], "127.0.0.1", int(sys.argv[2]), logging_config())
settings.app.router.routes.insert(0, GuardedRoute("/failing", failing, access=PUBLIC, methods=("GET",)))
uvicorn.Server(settings).run()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_errors_and_query_strings_stay_out_of_logs_and_pages(tmp_path):
    site = make_site(tmp_path)
    site.app.state.web.close()  # the server process opens the store itself
    port = free_port()
    log = tmp_path / "server.log"
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(site.store_path), str(port)],
                                  stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90  # a new process imports everything: slow on a busy machine
        while True:
            try:
                httpx.get(f"{base}/sign-in", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, log.read_text()
                time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=120) as client:  # a first page is slow on a busy machine
            failed = client.get(f"/failing?child={SECRET}")
            missing = client.get(f"/no-such-page?upn={SECRET}")
            refused = client.get(f"/data?child={SECRET}")
            forged = client.post("/sign-in", data={"name": SECRET, "password": SECRET})
            wrong_method = client.delete(f"/sign-in?child={SECRET}")
            dashboard = dashboard_requests(client)
    finally:
        server.terminate()
        server.wait(10)
    assert failed.status_code == 500 and missing.status_code == 404 and forged.status_code == 403
    assert wrong_method.status_code == 405
    assert refused.status_code == 303 and SECRET not in refused.headers["location"]
    for response in (failed, missing, forged, wrong_method):
        assert SECRET not in response.text and "ValueError" not in response.text
    assert "Sorry, there is a problem with the service" in failed.text
    logged = log.read_text()
    assert SECRET not in logged and "High Street" not in logged and "2015-01-01" not in logged
    assert "unhandled ValueError in GET /failing" in logged  # what and where, for the maintainer
    assert '"GET /failing" 500' in logged and '"GET /no-such-page" 404' in logged
    for (method, path), response in dashboard.items():
        assert f'"{method} {path}" {response.status_code}' in logged
        if response.status_code >= 400:  # errors never repeat what was asked (a form keeps what was typed)
            assert SECRET not in re.sub(r"<textarea.*?</textarea>", "", response.text, flags=re.S), path


def dashboard_requests(client: httpx.Client) -> dict:
    """The dashboard's routes as an analyst, with child-level-looking values in the query or form."""
    page = client.get("/sign-in")
    cookies = dict(page.cookies)  # Secure cookies: carried by hand over plain-HTTP loopback

    def carried() -> dict:
        return {"cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    token = TOKEN_FIELD.search(page.text).group(1)
    signed_in = client.post("/sign-in", headers=carried(), data={
        "csrf_token": token, "name": NAMES[Role.ANALYST], "password": PASSWORD, "next": "/"})
    assert signed_in.status_code == 303
    cookies.update(signed_in.cookies)
    headers = carried()
    drill = "/indicators/referrals/children"
    found = {}
    for path, query in [("/scorecard", f"la={SECRET}"), ("/scorecard.json", f"period={SECRET}"),
                        ("/indicators/referrals", f"la=883&rag={SECRET}"),
                        (drill, f"la=883&breakdown=referral_source&group={SECRET}"),
                        (drill + ".csv", f"la=883&at={SECRET}"), (drill + ".json", f"la=883&breakdown={SECRET}")]:
        found["GET", path] = client.get(f"{path}?{query}", headers=headers)
    token = TOKEN_FIELD.search(client.get("/targets", headers=headers).text).group(1)
    found["POST", "/targets"] = client.post("/targets", headers=headers, data={
        "csrf_token": token, "version": "", "text": f"{SECRET}: [born 2015-01-01"})
    return found
