"""Drill-down: the children behind a figure or a group, with the events that put them there.
Analysts only; the only pages that show child IDs. Every look (page, JSON or CSV) is written to
the audit log: who, when, which indicator, group and period, and how many children."""

from __future__ import annotations

from datetime import date, datetime

from cscperf.indicators import engine
from cscperf.indicators.breakdowns import label
from cscperf.indicators.periods import Period
from cscperf.outputs.web import downloads
from cscperf.outputs.web.pages.scorecard import chosen_card, refusing
from cscperf.outputs.web.policy import ANALYSTS, Context, Pages
from cscperf.outputs.web.selection import Refused

pages = Pages()

SHOWN = 1000  # rows on the page; the CSV has them all
HEADINGS = {"person_id": "Child", "event_id": "Record", "event_date": "Date", "in_numerator": "Counted",
            "in_denominator": "In the denominator", "group": "Group"}


def _behind(ctx: Context) -> dict:
    """The children behind the figure asked for, and what to call it; the access audited."""
    selection, scorecard, card = chosen_card(ctx)
    d = card.definition
    if d.published_only:
        raise Refused(404, "This figure is worked out from published figures: no children are behind it.")
    breakdown, group = ctx.query.get("breakdown") or None, ctx.query.get("group")
    if breakdown is not None and breakdown not in d.breakdowns:
        raise Refused(400, "That indicator has no such breakdown. Go back to the indicator's page.")
    if group is not None and breakdown is None:
        raise Refused(400, "A group needs its breakdown. Go back to the indicator's page.")
    try:
        at = Period.parse(ctx.query.get("at") or card.current.period)
    except ValueError:
        raise Refused(400, "That is not a period the service knows. Go back to the indicator's page.") from None
    rows = engine.children(ctx.store, d.id, at, selection.la, breakdown, group)
    children = len({r["person_id"] for r in rows})
    what = d.id + (f" by {breakdown}" if breakdown else "") + (f" = {group}" if group is not None else "")
    ctx.record_access(what, f"{at} ({selection.la})", children)
    columns = list(rows[0]) if rows else [c for c in HEADINGS if c != "group" or breakdown]
    return {"selection": selection, "card": card, "at": at, "breakdown": breakdown, "group": group,
            "group_label": label(breakdown, group) if breakdown and group is not None else None,
            "rows": rows, "columns": columns, "children": children}


@pages.page("/indicators/{id}/children", access=ANALYSTS, twin=True)
@refusing
def children(ctx: Context):
    found = _behind(ctx)
    data = {"indicator": found["card"].definition.id, "la": found["selection"].la, "period": str(found["at"]),
            "breakdown": found["breakdown"], "group": found["group"], "children": found["children"],
            "records": found["rows"]}  # dates as ISO text by the twins' encoder
    headings = [HEADINGS.get(c, c.replace("_", " ").capitalize()) for c in found["columns"]]
    table = [[_shown(r[c]) for c in found["columns"]] for r in found["rows"][:SHOWN]]
    return ctx.show("dashboard/children.html", data, title=f"Children behind: {found['card'].definition.title}",
                    headings=headings, table_rows=table, shown=SHOWN, **found)


@pages.page("/indicators/{id}/children.csv", access=ANALYSTS)
@refusing
def children_table(ctx: Context):
    found = _behind(ctx)
    name = f"children-{found['card'].definition.id}-{found['selection'].la}-{found['at']}"
    if found["group"] is not None:
        name += f"-{found['breakdown']}-{found['group']}"
    return downloads.csv_file(name + ".csv", found["columns"],
                              ([_plain(r[c]) for c in found["columns"]] for r in found["rows"]))


def _plain(value):
    """A value for the CSV and the page: dates as ISO text."""
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(_plain(value))
