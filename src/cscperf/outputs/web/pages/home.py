"""The home page: what the store holds."""

from __future__ import annotations

from cscperf.appdb.users import Role
from cscperf.outputs.web import kept
from cscperf.outputs.web.policy import SIGNED_IN, Context, Pages
from cscperf.store.inventory import inventory

pages = Pages()


@pages.page("/", access=SIGNED_IN, nav="Home", twin=True)
def home(ctx: Context):
    # Row counts are for managing the data; members see which authorities and years are held.
    show_counts = ctx.user.role is not Role.MEMBER

    def context() -> dict:
        authorities: dict[str, dict] = {}
        for la, table, years, rows in inventory(ctx.store):
            entry = authorities.setdefault(la, {"years": set(), "tables": []})
            entry["years"].update(years.split(", ") if years else [])
            entry["tables"].append((table, years, rows))
        data = {"authorities": [
            {"la": la, "collection_years": sorted(entry["years"]),
             **({"tables": [{"table": t, "collection_years": y, "rows": r} for t, y, r in entry["tables"]]}
                if show_counts else {})}
            for la, entry in sorted(authorities.items())]}
        return dict(data=data, authorities=authorities, show_counts=show_counts)
    # made once per kind of viewer until the next load: the inventory counts every table's rows
    return kept.page(ctx, ctx.web.results.at(ctx.store), ("home", show_counts), "home.html", "Home", context)
