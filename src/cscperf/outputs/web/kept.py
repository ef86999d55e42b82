"""Pages made once and kept with the results they show, until the data change.

A page's content is the same for everyone with the same role looking at the same thing, so it is
rendered once and kept (in `results.Results`); the signed-in person's parts (navigation, name,
form token) are added around it on each request by `kept.html`. A `.json` twin keeps its encoded
JSON the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup
from starlette.responses import Response

from cscperf.outputs.web.policy import Context, encode_json
from cscperf.outputs.web.results import Snapshot


def page(ctx: Context, at: Snapshot, key: tuple, template: str, title: str,
         context: Callable[[], dict]) -> Response:
    """The page (`template` holds its content only) or its `.json` twin, made once for `key`.
    `context()` gives what the template needs; its `data`, if any, is the JSON."""
    if ctx.as_json:
        body = at.get(("json", *key), lambda: encode_json(context()["data"]))
        return Response(body, media_type="application/json")
    content = at.get(("html", str(ctx.user.role), *key), lambda: Markup(
        ctx.web.templates.get_template(template).render(user=ctx.user, **context())))
    return ctx.render("kept.html", title=title, content=content)
