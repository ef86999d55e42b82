"""Committee actions: members' requests from meetings, their owners, due dates and responses.
Everyone signed in can read them; analysts record and update them."""

from __future__ import annotations

from dataclasses import asdict

from cscperf.appdb import actions
from cscperf.outputs.web import forms
from cscperf.outputs.web.policy import ANALYSTS, SIGNED_IN, Context, Pages

pages = Pages()

TEXT_FIELDS = ("committee", "asked", "asked_by", "indicator", "owner", "status", "response")


@pages.page("/actions", access=SIGNED_IN, nav="Committee actions", twin=True)
def action_list(ctx: Context):
    outstanding, answered = actions.outstanding(ctx.db), actions.answered(ctx.db)
    return ctx.show("actions/list.html", {"outstanding": [_data(a) for a in outstanding],
                                          "answered": [_data(a) for a in answered]},
                    title="Committee actions", outstanding=outstanding, answered=answered)


@pages.page("/actions/{action_id:id}", access=SIGNED_IN, twin=True)
def action_show(ctx: Context):
    action = actions.get(ctx.db, ctx.params["action_id"])
    if action is None:
        return ctx.error(404)
    return ctx.show("actions/show.html", _data(action), title="Committee action", action=action)


def _data(action: actions.Action) -> dict:
    return {**asdict(action), "overdue": action.overdue()}


def _read(ctx: Context) -> tuple[actions.Request | None, dict]:
    """The form's action, or the errors in the order the fields appear on the page."""
    form, errors = ctx.form, {}
    values = {name: forms.text(form, name) for name in TEXT_FIELDS}

    def required(name: str, message: str) -> None:
        if not values[name]:
            errors[name] = message
    required("committee", "Enter the committee's name")
    meeting = forms.date_field(form, "meeting_date", "meeting date", errors)
    required("asked", "Enter what the members asked for")
    required("owner", "Enter who owns the action")
    due = forms.date_field(form, "due_date", "due date", errors, required=False)
    if values["status"] not in {str(s) for s in actions.Status}:
        errors["status"] = "Select the action's status"
    if values["status"] == str(actions.Status.ANSWERED) and not values["response"]:
        errors["response"] = "Enter the response given, or choose another status"
    if errors:
        return None, errors
    return actions.Request(
        committee=values["committee"], meeting_date=meeting, asked=values["asked"],
        owner=values["owner"], asked_by=values["asked_by"] or None,
        indicator=values["indicator"] or None, due_date=due,
        status=actions.Status(values["status"]), response=values["response"] or None), errors


def _form(ctx: Context, action: actions.Action | None, errors: dict, status: int = 200):
    source = ctx.form

    def value(name):
        if source is not None:
            return forms.text(source, name)
        stored = getattr(action, name, None) if action else None
        return "" if stored is None else str(stored)
    values = {name: value(name) for name in TEXT_FIELDS}
    values["status"] = values["status"] or str(actions.Status.OPEN)
    dates = {name: forms.date_parts(source, name, getattr(action, name, None) if action else None)
             for name in ("meeting_date", "due_date")}
    return ctx.render("actions/form.html", status=status,
                      title="Edit a committee action" if action else "Record a committee action",
                      action=action, values=values, dates=dates, errors=errors,
                      status_items=[{"value": str(s), "text": s.label, "checked": str(s) == values["status"]}
                                    for s in actions.Status])


@pages.page("/actions/new", access=ANALYSTS, methods=("GET", "POST"))
def action_new(ctx: Context):
    if ctx.form is None:
        return _form(ctx, None, {})
    request, errors = _read(ctx)
    if errors:
        return _form(ctx, None, errors, 400)
    action = actions.add(ctx.db, request, ctx.user.name)
    return ctx.redirect(f"/actions/{action.action_id}")


@pages.page("/actions/{action_id:id}/edit", access=ANALYSTS, methods=("GET", "POST"))
def action_edit(ctx: Context):
    action = actions.get(ctx.db, ctx.params["action_id"])
    if action is None:
        return ctx.error(404)
    if ctx.form is None:
        return _form(ctx, action, {})
    request, errors = _read(ctx)
    if errors:
        return _form(ctx, action, errors, 400)
    actions.update(ctx.db, action.action_id, request, ctx.user.name)
    return ctx.redirect(f"/actions/{action.action_id}")
