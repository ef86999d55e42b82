"""Administration: accounts, the audit log and the settings in force. Administrators only."""

from __future__ import annotations

from cscperf import settings
from cscperf.appdb import audit, users
from cscperf.appdb.users import AccountError, Role
from cscperf.outputs.web import forms
from cscperf.outputs.web.policy import ADMINS, Context, Pages

pages = Pages()

AUDIT_SHOWN = 500


def _users_page(ctx: Context, status: int = 200, errors: dict | None = None, values: dict | None = None):
    return ctx.render("admin/users.html", status=status, title="Users", users=users.all_users(ctx.db),
                      roles=list(Role), errors=errors or {}, values=values or {"role": "member"},
                      added=ctx.query.get("added"), removed=ctx.query.get("removed"))


@pages.page("/admin/users", access=ADMINS, methods=("GET", "POST"), nav="Users")
def user_list(ctx: Context):
    if ctx.form is None:
        return _users_page(ctx)
    values = {name: forms.text(ctx.form, name) for name in ("name", "role")}
    password = str(ctx.form.get("password", ""))
    errors = {}
    if not values["name"]:
        errors["name"] = "Enter a user name"
    if values["role"] not in {str(r) for r in Role}:
        errors["role"] = "Select a role"
    if not password and ctx.web.config.oidc is None:
        errors["password"] = "Enter a password"
    if not errors:
        try:
            users.add(ctx.db, values["name"], Role(values["role"]), password or None)
        except AccountError as error:
            errors["password" if "password" in str(error) else "name"] = str(error)
    if errors:
        return _users_page(ctx, 400, errors, values)
    audit.record_event(ctx.db, ctx.user.name, "user-added", f"{values['name']} as {values['role']}")
    return ctx.redirect(f"/admin/users?added={values['name']}")


@pages.page("/admin/users/{name}/remove", access=ADMINS, methods=("GET", "POST"))
def user_remove(ctx: Context):
    user = users.get(ctx.db, ctx.params["name"])
    if user is None:
        return ctx.error(404)
    if user.name.lower() == ctx.user.name.lower():
        return ctx.error(400, "You cannot remove your own account. Ask another administrator.")
    if ctx.form is None:
        return ctx.render("admin/remove.html", title=f"Remove {user.name}", person=user)
    users.remove(ctx.db, user.name)
    audit.record_event(ctx.db, ctx.user.name, "user-removed", user.name)
    return ctx.redirect(f"/admin/users?removed={user.name}")


@pages.page("/admin/audit", access=ADMINS, nav="Audit log")
def audit_log(ctx: Context):
    event = ctx.query.get("event") or None
    return ctx.render("admin/audit.html", title="Audit log", event=event,
                      entries=audit.recent(ctx.db, AUDIT_SHOWN, event), shown=AUDIT_SHOWN)


@pages.page("/admin/settings", access=ADMINS, nav="Settings")
def settings_page(ctx: Context):
    values = ctx.web.config.values
    rows = [(s.name, s.env, "(set)" if "secret" in s.name and values[s.name] else values[s.name], s.help)
            for s in settings.SETTINGS]
    return ctx.render("admin/settings.html", title="Settings", rows=rows)
