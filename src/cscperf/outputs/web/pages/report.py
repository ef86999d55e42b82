"""The committee report for a period, produced by the same function as `cscperf report` and
handed over as a download. Members' (suppressed) for everyone; analysts may ask for the internal,
unsuppressed version, which is marked as such on every page."""

from __future__ import annotations

import tempfile
from pathlib import Path

from cscperf.appdb import audit
from cscperf.appdb.users import Role
from cscperf.compare.yamlfile import FileError
from cscperf.indicators.periods import Period
from cscperf.outputs.report import FORMATS, ReportError, make
from cscperf.outputs.web import downloads, forms, results
from cscperf.outputs.web.policy import SIGNED_IN, Context, Pages
from cscperf.outputs.web.selection import latest_only

pages = Pages()

FORMAT_NAMES = {"html": "Web page (HTML)", "pdf": "PDF", "docx": "Word", "xlsx": "Excel"}
DETAILS = {"pack": "Member pack: performance on a page, then the exceptions",
           "full": "Every indicator in detail (for analysts)"}
MEDIA_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _form(ctx: Context, choices: results.Choices, values: dict, errors: dict, status: int = 200):
    la = values.get("la") or (choices.authorities[0] if choices.authorities else "")
    return ctx.render("dashboard/report.html", status=status, title="Committee report", choices=choices,
                      values={"la": la, "format": "html", "detail": "pack", **values}, errors=errors,
                      periods=choices.periods(la, latest_only(ctx.user.role)),
                      formats=FORMAT_NAMES, details=DETAILS,
                      analyst=ctx.user.role is Role.ANALYST)


@pages.page("/report", access=SIGNED_IN, methods=("GET", "POST"), nav="Report")
def report(ctx: Context):
    choices = results.choices(ctx.web.results.at(ctx.store))
    if ctx.form is None:
        la = ctx.query.get("la") if ctx.query.get("la") in choices.covered else next(iter(choices.covered), "")
        default = choices.default_period(la)
        return _form(ctx, choices, {"la": la, "period": str(default) if default else ""}, {})
    values = {name: forms.text(ctx.form, name) for name in ("la", "period", "format", "detail")}
    values["detail"] = values["detail"] or "pack"
    internal = ctx.user.role is Role.ANALYST and ctx.form.get("internal") == "yes"
    errors = {}
    if values["la"] not in choices.covered:
        errors["la"] = "Select an authority"
    try:
        period = Period.parse(values["period"])
    except ValueError:
        errors["period"] = "Select a period"
    else:  # councillors: the latest period only (see outputs/web/selection.py)
        if not choices.offers(values["la"], period, latest_only(ctx.user.role)):
            errors["period"] = "Select the latest period: councillors' reports are for it only"
    if values["format"] not in FORMATS:
        errors["format"] = "Select a format"
    if values["detail"] not in DETAILS:
        errors["detail"] = "Select how much detail"
    if errors:
        return _form(ctx, choices, values, errors, 400)
    with tempfile.TemporaryDirectory(prefix="cscperf-report-") as folder:
        try:
            [written] = make(ctx.web.store_path, values["period"], Path(folder), [values["format"]],
                             la=values["la"], internal=internal, con=ctx.store, detail=values["detail"])
        except (ReportError, FileError) as error:
            return _form(ctx, choices, values, {"period": f"The report could not be produced: {error}"}, 400)
        content = written.read_bytes()
    audit.record_event(ctx.db, ctx.user.name, "report", f"{values['la']} {values['period']} {values['format']} "
                       f"{values['detail']}" + (" internal" if internal else ""))
    return downloads.attachment(content, MEDIA_TYPES[values["format"]], written.name)
