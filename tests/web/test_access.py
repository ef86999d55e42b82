"""Every route, every role: the declared access is what the server enforces, and each route's
access is also written down here, so a new route needs a conscious decision in two places."""

from __future__ import annotations

import re

import pytest
from starlette.routing import Mount

from cscperf.outputs.web.policy import GuardedRoute
from tests.web.conftest import ANONYMOUS, ROLES

EVERYONE = {ANONYMOUS, "admin", "analyst", "member"}
SIGNED_IN = {"admin", "analyst", "member"}
ANALYSTS = {"analyst"}
ADMINS = {"admin"}

# (method, path) -> who may use it. A route missing here fails test_every_route_is_listed.
EXPECTED = {
    ("GET", "/"): SIGNED_IN,
    ("GET", "/.json"): SIGNED_IN,
    ("GET", "/scorecard"): SIGNED_IN,
    ("GET", "/scorecard.json"): SIGNED_IN,
    ("GET", "/indicators/{id}"): SIGNED_IN,
    ("GET", "/indicators/{id}.json"): SIGNED_IN,
    ("GET", "/indicators/{id}/charts/{chart}.svg"): SIGNED_IN,
    ("GET", "/indicators/{id}/charts/{chart}.csv"): SIGNED_IN,
    ("GET", "/indicators/{id}/children"): ANALYSTS,
    ("GET", "/indicators/{id}/children.json"): ANALYSTS,
    ("GET", "/indicators/{id}/children.csv"): ANALYSTS,
    ("GET", "/targets"): ANALYSTS,
    ("POST", "/targets"): ANALYSTS,
    ("GET", "/commentary"): ANALYSTS,
    ("POST", "/commentary"): ANALYSTS,
    ("GET", "/report"): SIGNED_IN,
    ("POST", "/report"): SIGNED_IN,
    ("GET", "/data"): ANALYSTS,
    ("GET", "/data.json"): ANALYSTS,
    ("GET", "/data/loads/{load_id:id}"): ANALYSTS,
    ("GET", "/data/loads/{load_id:id}.json"): ANALYSTS,
    ("GET", "/data/loads/{load_id:id}/rules/{rule}"): ANALYSTS,
    ("GET", "/data/loads/{load_id:id}/rules/{rule}.json"): ANALYSTS,
    ("GET", "/data/upload"): ANALYSTS,
    ("POST", "/data/upload"): ANALYSTS,
    ("GET", "/actions"): SIGNED_IN,
    ("GET", "/actions.json"): SIGNED_IN,
    ("GET", "/actions/{action_id:id}"): SIGNED_IN,
    ("GET", "/actions/{action_id:id}.json"): SIGNED_IN,
    ("GET", "/actions/new"): ANALYSTS,
    ("POST", "/actions/new"): ANALYSTS,
    ("GET", "/actions/{action_id:id}/edit"): ANALYSTS,
    ("POST", "/actions/{action_id:id}/edit"): ANALYSTS,
    ("GET", "/admin/users"): ADMINS,
    ("POST", "/admin/users"): ADMINS,
    ("GET", "/admin/users/{name}/remove"): ADMINS,
    ("POST", "/admin/users/{name}/remove"): ADMINS,
    ("GET", "/admin/audit"): ADMINS,
    ("GET", "/admin/settings"): ADMINS,
    ("GET", "/sign-in"): EVERYONE,
    ("POST", "/sign-in"): EVERYONE,
    ("POST", "/sign-out"): SIGNED_IN,
    ("GET", "/sign-in/oidc"): EVERYONE,
    ("GET", "/sign-in/oidc/callback"): EVERYONE,
}
# Values for path parameters: objects that exist in the test site (`leaver` is removed by the
# admin's POST, so that case runs last for that route).
EXAMPLES = {"load_id": "1", "action_id": "1", "name": "leaver", "id": "referrals",
            "chart": "chart-referrals-quarters", "rule": "143"}


def endpoints(app) -> list[tuple[str, str, GuardedRoute]]:
    found = []
    for route in app.routes:
        if isinstance(route, Mount):
            continue
        assert isinstance(route, GuardedRoute), f"{route.path} is not declared through Pages.page"
        found.extend((method, route.path, route) for method in sorted(route.methods) if method != "HEAD")
    return found


def concrete(path: str) -> str:
    def example(match):
        name = match.group(1).split(":")[0]
        assert name in EXAMPLES, f"add an example value for path parameter {name!r} to EXAMPLES"
        return EXAMPLES[name]
    return re.sub(r"{([^}]+)}", example, path)


def test_only_assets_are_mounted(shared_site):
    mounts = {route.path for route in shared_site.app.routes if isinstance(route, Mount)}
    assert mounts == {"/assets", "/static"}


def test_every_route_is_listed(shared_site):
    found = {(method, path) for method, path, _ in endpoints(shared_site.app)}
    assert found == set(EXPECTED), (f"not listed here: {sorted(found - set(EXPECTED))}; "
                                    f"listed but gone: {sorted(set(EXPECTED) - found)}")


def test_declared_access_matches_the_list(shared_site):
    for method, path, route in endpoints(shared_site.app):
        declared = {ANONYMOUS, *map(str, ROLES)} if route.access.public else set(map(str, route.access.roles))
        assert declared == EXPECTED[method, path], f"{method} {path}"


@pytest.mark.parametrize("role", [ANONYMOUS, *map(str, ROLES)])
def test_every_route_allows_or_refuses_each_role(site, role):
    """Each role requests every route (forms with a valid token); refused means 403, or for
    anonymous people a redirect to sign in; allowed means anything else."""
    for method, path, _ in sorted(endpoints(site.app), key=lambda e: ("remove" in e[1], e[1], e[0])):
        client = site.client(role)  # fresh each time: sign-out and removals end sessions
        url = concrete(path)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": client.form_token})
        refused = (response.status_code == 303 and response.headers["location"].startswith("/sign-in?next=")
                   if role == ANONYMOUS else response.status_code == 403)
        allowed = role in EXPECTED[method, path]
        assert refused != allowed, f"{role} {method} {url}: {response.status_code}"
        assert response.status_code < 500, f"{role} {method} {url}: {response.status_code}"


def test_a_member_cannot_reach_uploads_or_administration_by_any_url(shared_site):
    client = shared_site.client("member")
    for url in ["/data", "/data/upload", "/data/loads/1", "/data/upload/", "/DATA/UPLOAD",
                "/data//upload", "/data/./upload", "/admin/users", "/admin/audit", "/admin/settings"]:
        response = client.get(url, follow_redirects=True)  # e.g. a trailing slash is redirected
        assert response.status_code in (403, 404), url
        assert "Upload files" not in response.text
    response = client.post("/data/upload", data={"csrf_token": client.form_token},
                           files={"files": ("x.csv", b"a,b\n1,2\n")})
    assert response.status_code == 403


def test_navigation_shows_only_pages_the_role_may_open(shared_site):
    links = {
        "member": ["/", "/scorecard", "/actions", "/report"],
        "analyst": ["/", "/scorecard", "/data", "/actions", "/targets", "/report"],
        "admin": ["/", "/scorecard", "/actions", "/report", "/admin/users", "/admin/audit", "/admin/settings"],
    }
    for role, expected in links.items():
        html = shared_site.client(role).get("/actions").text
        menu = html[html.index('<ul class="govuk-service-navigation__list"'):]
        menu = menu[:menu.index("</ul>")]
        assert re.findall(r'<a class="govuk-service-navigation__link" href="([^"]+)"', menu) == expected, role
