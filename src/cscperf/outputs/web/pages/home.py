"""The home page: what the store holds."""

from __future__ import annotations

from cscperf.appdb.users import Role
from cscperf.outputs.web.policy import SIGNED_IN, Context, Pages
from cscperf.store.inventory import inventory

pages = Pages()


@pages.page("/", access=SIGNED_IN, nav="Home")
def home(ctx: Context):
    authorities: dict[str, dict] = {}
    for la, table, years, rows in inventory(ctx.store):
        entry = authorities.setdefault(la, {"years": set(), "tables": []})
        entry["years"].update(years.split(", ") if years else [])
        entry["tables"].append((table, years, rows))
    # Row counts are for managing the data; members see which authorities and years are held.
    return ctx.render("home.html", title="Home", authorities=authorities,
                      show_counts=ctx.user.role is not Role.MEMBER)
