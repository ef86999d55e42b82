"""Sign-in through an identity provider: the authorization code flow with PKCE, against a small
real OpenID Connect provider (oidc-provider-mock) running on loopback for the test. That provider
checks the client, code, redirect address and signs real ID tokens, but does not itself enforce
PKCE, so here PKCE is checked only as far as what cscperf sends."""

from __future__ import annotations

import warnings
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from cscperf.appdb import users
from cscperf.appdb.users import Role
from cscperf.outputs.web import security
from tests.web.conftest import make_site

PERSON = "carol@council.example"
# The provider is built on Authlib, which warns about its own deprecated parts.
pytestmark = pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")


@pytest.fixture(scope="module")
def provider():
    from authlib.deprecate import AuthlibDeprecationWarning  # importing it turns these warnings on

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AuthlibDeprecationWarning)
        from oidc_provider_mock import run_server_in_thread
    with run_server_in_thread(port=0) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def oidc_site(tmp_path, provider):
    site = make_site(tmp_path, oidc_issuer=provider, oidc_client_id="cscperf", oidc_client_secret="s3cret",
                     oidc_username_claim="email", oidc_provider_name="Council account")
    with site.appdb() as con:
        users.add(con, PERSON, Role.MEMBER, None)
    return site


def at_provider(client, start: str, person: str) -> str:
    """Follow our redirect to the provider, sign in there as `person`; returns our callback URL."""
    leaving = client.get(start)
    assert leaving.status_code == 303
    authorize = leaving.headers["location"]
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
    assert query["client_id"] == ["cscperf"] and query["state"] and query["nonce"]
    answer = httpx.post(authorize, data={"sub": person})
    assert answer.status_code == 302
    return answer.headers["location"]


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_a_person_with_an_account_signs_in_through_the_provider(oidc_site):
    client = oidc_site.client()
    assert "Sign in with Council account" in client.get("/sign-in").text
    callback = at_provider(client, "/sign-in/oidc?next=/actions", PERSON)
    assert callback.startswith("https://testserver/sign-in/oidc/callback?")
    back = client.get(path_of(callback))
    assert (back.status_code, back.headers["location"]) == (303, "/actions")
    page = client.get("/actions")
    assert page.status_code == 200 and f"Signed in as <strong>{PERSON}</strong> (member)" in page.text
    with oidc_site.appdb() as con:
        assert [tuple(r) for r in con.execute("SELECT user_name, method FROM sessions")] == [(PERSON, "oidc")]


def test_a_person_without_an_account_is_refused(oidc_site):
    client = oidc_site.client()
    back = client.get(path_of(at_provider(client, "/sign-in/oidc", "stranger@elsewhere.example")))
    assert back.status_code == 403
    assert "stranger@elsewhere.example does not have an account for this service" in back.text
    assert security.SESSION_COOKIE not in back.headers.get("set-cookie", "")


def test_an_answer_that_does_not_match_the_request_is_refused(oidc_site):
    client = oidc_site.client()
    callback = at_provider(client, "/sign-in/oidc", PERSON)
    query = parse_qs(urlsplit(callback).query)
    forged = client.get(f"/sign-in/oidc/callback?code={query['code'][0]}&state=forged")
    assert forged.status_code == 400 and "did not match the request" in forged.text
    # Started in another browser: no signed record of the request.
    elsewhere = oidc_site.client()
    assert elsewhere.get(path_of(callback)).status_code == 400


def test_without_configuration_the_provider_routes_do_not_exist(shared_site):
    client = shared_site.client()
    assert client.get("/sign-in/oidc").status_code == 404
    assert "Sign in with" not in client.get("/sign-in").text
