"""Data: upload files (the same readers and loader as `cscperf load`), the load history and
the findings each load recorded. Analysts only: findings can quote a cell's value."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from cscperf import sources, store
from cscperf.appdb import audit
from cscperf.outputs.web import kept
from cscperf.outputs.web.policy import ANALYSTS, Context, Pages
from cscperf.quality.findings import LoadError
from cscperf.store import inventory

pages = Pages()

FINDINGS_SHOWN = 500
MAX_NAME_BYTES = 200  # a file name the upload folder can hold, with room for a prefix


@pages.page("/data", access=ANALYSTS, nav="Data", twin=True)
def loads(ctx: Context):
    def context() -> dict:
        history = inventory.loads(ctx.store)
        return dict(data={"loads": history}, loads=history)
    # made once until the next load: it counts every load's files and findings
    return kept.page(ctx, ctx.web.results.at(ctx.store), ("data",), "data/loads.html", "Data loads", context)


@pages.page("/data/loads/{load_id:id}", access=ANALYSTS, twin=True)
def load(ctx: Context):
    load_id = ctx.params["load_id"]
    found = inventory.loads(ctx.store, load_id)
    if not found:
        return ctx.error(404)
    header, rows = inventory.findings(ctx.store, load_id=load_id, limit=FINDINGS_SHOWN)
    files, counts = inventory.load_files(ctx.store, load_id), inventory.finding_counts(ctx.store, load_id)
    preparing = found[0]["la"] is not None and ctx.web.preparing.busy(found[0]["la"])
    data = {"load": found[0], "files": files, "scorecard_being_prepared": preparing,
            "finding_counts": [dict(zip(("severity", "rule", "findings", "children", "message"), c))
                               for c in counts],
            "findings": [dict(zip(header, r)) for r in rows], "findings_shown_at_most": FINDINGS_SHOWN}
    return ctx.show("data/load.html", data, title=f"Load {load_id}", load=found[0], files=files,
                    counts=counts, findings=rows, shown=FINDINGS_SHOWN, uploaded="uploaded" in ctx.query,
                    preparing=preparing)


@pages.page("/data/loads/{load_id:id}/rules/{rule}", access=ANALYSTS, twin=True)
def rule(ctx: Context):
    """The children behind one rule's findings in a load; each look is in the audit log."""
    load_id, code = ctx.params["load_id"], ctx.params["rule"]
    rows = inventory.rule_findings(ctx.store, load_id, code)
    if not rows:
        return ctx.error(404)
    children = len({r[0] for r in rows if r[0] is not None})
    audit.record_event(ctx.db, ctx.user.name, "rule-children", f"load {load_id}, rule {code}: "
                       f"{children} children")
    data = {"load_id": load_id, "rule": code,
            "findings": [dict(zip(inventory.RULE_COLUMNS, r)) for r in rows]}
    return ctx.show("data/rule.html", data, title=f"Rule {code} in load {load_id}", load_id=load_id,
                    rule=code, rows=rows, children=children)


def _upload_form(ctx: Context, status: int = 200, errors: dict | None = None, values: dict | None = None):
    return ctx.render("data/upload.html", status=status, title="Upload files",
                      errors=errors or {}, values=values or {})


def _safe_name(name: str) -> str:
    """The file's own name, without any folder the browser sent, safe to write to disk."""
    base = re.split(r"[\\/]", name or "")[-1].strip()
    return re.sub(r"[^\w.\- ()]", "_", base).lstrip(".") or "upload"


@pages.page("/data/upload", access=ANALYSTS, methods=("GET", "POST"))
def upload(ctx: Context):
    if ctx.form is None:
        return _upload_form(ctx)
    files = [f for f in ctx.form.getlist("files") if hasattr(f, "filename") and f.filename]
    la = str(ctx.form.get("la", "")).strip()
    year = str(ctx.form.get("year", "")).strip()
    values, errors = {"la": la, "year": year}, {}
    if not files:
        errors["files"] = "Select one or more files to upload"
    elif any(len(_safe_name(f.filename).encode()) > MAX_NAME_BYTES for f in files):
        errors["files"] = (f"A file's name is longer than {MAX_NAME_BYTES} characters: give it a "
                           "shorter name and upload it again")
    if la and not re.fullmatch(r"\d{3}", la):
        errors["la"] = "Enter the authority's DfE code as 3 digits, like 883"
    if year and not (year.isdigit() and 2000 <= int(year) <= 2100):
        errors["year"] = "Enter the collection year as 4 digits, like 2025 for 2024 to 2025"
    if errors:
        return _upload_form(ctx, 400, errors, values)
    with tempfile.TemporaryDirectory(prefix="cscperf-upload-") as folder:
        for file in files:
            target = Path(folder) / _safe_name(file.filename)
            while target.exists():
                target = target.with_name("_" + target.name)
            with open(target, "wb") as out:
                shutil.copyfileobj(file.file, out)
        try:
            with ctx.web.upload_lock:
                batches = sources.read_paths([Path(folder)], la=la or None, year=int(year) if year else None)
                summary = store.load(ctx.store, batches)
        except LoadError as error:
            audit.record_event(ctx.db, ctx.user.name, "upload-failed", f"{len(files)} file(s)")
            return _upload_form(ctx, 400, {"files": str(error).rstrip(".") + ". Nothing was loaded."},
                                 values)
    audit.record_event(ctx.db, ctx.user.name, "upload",
                       f"{len(files)} file(s); load(s) {', '.join(map(str, summary.load_ids))}")
    ctx.web.preparing.after_load(batch.la for batch in batches)
    if len(summary.load_ids) == 1:
        return ctx.redirect(f"/data/loads/{summary.load_ids[0]}?uploaded")
    return ctx.redirect("/data")
