"""Pages made once and kept with the results they show, until the data change.

A page's content is the same for everyone with the same role looking at the same thing, so it is
rendered once and kept (in `results.Results`); the signed-in person's parts (navigation, name,
form token) are added around it on each request by `kept.html`. A `.json` twin keeps its encoded
JSON the same way. Content can be made before anyone asks (`content`, `twin`): the scorecard is,
when a load finishes.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup
from starlette.responses import Response

from cscperf.appdb.users import Role
from cscperf.outputs.web.policy import Context, encode_json
from cscperf.outputs.web.results import Snapshot


def content(web, at: Snapshot, role: Role, key: tuple, template: str, context: Callable[[], dict]) -> Markup:
    """The page's content as people with `role` see it (`template` holds its content only),
    made once for `key`. `context()` gives what the template needs, besides `role`."""
    return at.get(("html", str(role), *key), lambda: Markup(
        web.templates.get_template(template).render(role=role, **context())))


def twin(at: Snapshot, key: tuple, context: Callable[[], dict]) -> bytes:
    """The page's `.json` twin, encoded once for `key`: `context()`'s `data`."""
    return at.get(("json", *key), lambda: encode_json(context()["data"]))


def page(ctx: Context, at: Snapshot, key: tuple, template: str, title: str,
         context: Callable[[], dict]) -> Response:
    """The page or its `.json` twin, made once for `key`."""
    if ctx.as_json:
        return Response(twin(at, key, context), media_type="application/json")
    return ctx.render("kept.html", title=title,
                      content=content(ctx.web, at, ctx.user.role, key, template, context))
