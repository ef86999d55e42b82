"""Templates: our pages, built on the GOV.UK Frontend macros (govuk-frontend-jinja)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import jinja2
from markupsafe import Markup, escape

SERVICE_NAME = "Children's social care performance"
UK = ZoneInfo("Europe/London")


def when(stamp: str | None) -> str:
    """A recorded UTC time as people in England read it: 3 March 2025 at 14:05."""
    if not stamp:
        return ""
    moment = datetime.fromisoformat(stamp).astimezone(UK)
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M}"


def day(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def lines(text: str) -> Markup:
    """Text as typed, its line breaks kept, everything else escaped."""
    return Markup("<br>").join(escape(line) for line in text.splitlines())


def number(value) -> str:
    return "" if value is None else f"{value:,}"


def error_list(errors: dict, ids: dict | None = None) -> list[dict]:
    """For the error summary: each message linking to its field, in the order found."""
    return [{"text": message, "href": "#" + (ids or {}).get(name, name)} for name, message in errors.items()]


def error_message(errors: dict, name: str) -> dict | None:
    """For a field's errorMessage parameter."""
    return {"text": errors[name]} if errors and name in errors else None


def link(href: str, text: str, hidden: str = "") -> Markup:
    """A GOV.UK link; `hidden` adds words only screen readers hear (e.g. which row's "Remove")."""
    extra = Markup('<span class="govuk-visually-hidden"> {}</span>').format(hidden) if hidden else ""
    return Markup('<a class="govuk-link" href="{}">{}{}</a>').format(href, text, extra)


def table(caption: str, headings: list[str], rows: list[list], numeric: tuple | list = (),
          size: str = "m", first_is_header: bool = True) -> dict:
    """Parameters for `govukTable`: `rows` are lists of cells (text, numbers, None or Markup);
    columns named in `numeric` are right-aligned, with thousands separated."""
    right = [h in numeric for h in headings]

    def cell(value, is_numeric: bool) -> dict:
        found = {"html": value} if isinstance(value, Markup) else {
            "text": number(value) if is_numeric else "" if value is None else str(value)}
        return {**found, "format": "numeric"} if is_numeric else found
    return {
        "caption": caption, "captionClasses": f"govuk-table__caption--{size}",
        "firstCellIsHeader": first_is_header,
        "head": [{"text": h, "format": "numeric"} if r else {"text": h} for h, r in zip(headings, right)],
        "rows": [[cell(v, r) for v, r in zip(row, right)] for row in rows],
    }


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.PackageLoader("cscperf.outputs.web", "templates"),
            jinja2.PrefixLoader({"govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja")}),
        ]),
        autoescape=True,
        auto_reload=False,  # templates are part of the installed package; no file checks per render
        extensions=["jinja2.ext.do"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(when=when, day=day, number=number, lines=lines)
    env.globals.update(serviceName=SERVICE_NAME, error_list=error_list, error_message=error_message,
                       link=link, table=table)
    return env
