"""Editing the targets and commentary files: the same files `cscperf report` reads, checked as the
report checks them (every problem named by its line) and written atomically. Analysts only. A
save is refused when someone else has saved the file since the page was opened."""

from __future__ import annotations

import hashlib

from cscperf.appdb import audit
from cscperf.compare import analyst_files
from cscperf.compare.yamlfile import FileError
from cscperf.outputs.web.policy import ANALYSTS, Context, Pages

pages = Pages()

STARTERS = {
    "targets": "# Targets: one entry per indicator id (see docs/report.md)\n"
               "# assessments_45wd_pct:\n#   target: 85\n#   tolerance: 5\n",
    "commentary": "# Commentary: by period, then indicator id (see docs/report.md)\n"
                  "# \"2024-25:Q4\":\n#   rereferrals_12m_pct:\n#     cause: ...\n#     action: ...\n",
}


def _version(text: str | None) -> str:
    return hashlib.sha256(text.encode()).hexdigest() if text is not None else ""


def _edit(ctx: Context, kind: analyst_files.Kind):
    path = kind.path(ctx.web.store_path)
    current = path.read_text(encoding="utf-8") if path.exists() else None
    errors: list[str] = []
    text = current if current is not None else STARTERS[kind.name]
    if ctx.form is not None:
        text = str(ctx.form.get("text", "")).replace("\r\n", "\n")
        if ctx.form.get("version", "") != _version(current):
            errors.append("Someone else has saved this file since you opened it. Copy your changes, "
                          "reload the page and make them again.")
        else:
            try:
                kind.save(path, text)
            except FileError as error:
                errors += [f"Line {line}: {message}" if line else message for line, message in error.problems]
            else:
                audit.record_event(ctx.db, ctx.user.name, f"{kind.name}-saved", path.name)
                return ctx.redirect(f"/{kind.name}?saved")
    return ctx.render("dashboard/analyst_file.html", status=400 if errors else 200, title=kind.title,
                      kind=kind, path=path, text=text, version=_version(current), problems=errors,
                      errors={"text": errors[0]} if errors else {}, saved="saved" in ctx.query)


@pages.page("/targets", access=ANALYSTS, methods=("GET", "POST"), nav="Targets and commentary")
def targets(ctx: Context):
    return _edit(ctx, analyst_files.TARGETS)


@pages.page("/commentary", access=ANALYSTS, methods=("GET", "POST"))
def commentary(ctx: Context):
    return _edit(ctx, analyst_files.COMMENTARY)
