"""The home page: what the store holds."""

from __future__ import annotations

from cscperf.appdb.users import Role
from cscperf.outputs.web import kept
from cscperf.outputs.web.policy import SIGNED_IN, Context, Pages
from cscperf.store.inventory import inventory

pages = Pages()


@pages.page("/", access=SIGNED_IN, nav="Home")
def home(ctx: Context):
    def context() -> dict:
        authorities: dict[str, dict] = {}
        for la, table, years, rows in inventory(ctx.store):
            entry = authorities.setdefault(la, {"years": set(), "tables": []})
            entry["years"].update(years.split(", ") if years else [])
            entry["tables"].append((table, years, rows))
        # Row counts are for managing the data; members see which authorities and years are held.
        return dict(authorities=authorities, show_counts=ctx.user.role is not Role.MEMBER)
    # made once per role until the next load: the inventory counts every table's rows
    return kept.page(ctx, ctx.web.results.at(ctx.store), ("home",), "home.html", "Home", context)
