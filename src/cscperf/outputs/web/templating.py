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


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.PackageLoader("cscperf.outputs.web", "templates"),
            jinja2.PrefixLoader({"govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja")}),
        ]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(when=when, day=day, number=number, lines=lines)
    env.globals.update(serviceName=SERVICE_NAME, error_list=error_list, error_message=error_message)
    return env
