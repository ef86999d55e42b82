"""The committee performance report: the scorecard for a period, laid out as HTML, PDF, Word and
Excel. `make` is what `cscperf report` (and the demo, and the web application) calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

FORMATS = ("html", "pdf", "docx", "xlsx")


class ReportError(ValueError):
    """Something the person asking for a report can fix: a bad option or input file."""


def file_stem(la: str, period: str, internal: bool, detail: str = "pack") -> str:
    return (f"report-{la}-{period.replace(':', '-')}" + ("-full" if detail == "full" else "")
            + ("-INTERNAL" if internal else ""))


def make(db: Path, period: str, out: Path, formats: Sequence[str] = FORMATS, la: str | None = None,
         targets: Path | None = None, commentary: Path | None = None, internal: bool = False,
         con=None, detail: str = "pack") -> list[Path]:
    """Write the report for `period` into folder `out` in each format; return the files written.
    Member-facing (small numbers suppressed) unless `internal`. `detail`: 'pack' (performance on a
    page, then the exceptions) or 'full' (every indicator in detail). Targets and commentary are the
    files given, else the store's own (`cscperf.compare.analyst_files`). `con`: the store already
    open (the web application's), else it is opened from `db`."""
    from contextlib import nullcontext

    from cscperf import store
    from cscperf.compare import analyst_files, scorecard
    from cscperf.compare import pack as packing
    from cscperf.indicators import engine
    from cscperf.indicators.periods import Period
    from cscperf.outputs.report import context, docx, html, pdf, xlsx

    if detail not in context.DETAILS:
        raise ReportError(f"unknown detail {detail}; choose from {', '.join(context.DETAILS)}")
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ReportError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    try:
        period = str(Period.parse(period))
    except ValueError as error:
        raise ReportError(str(error)) from None
    with nullcontext(con) if con is not None else store.connect(db) as con:
        if la is None:
            present = engine.authorities(con)
            if len(present) != 1:
                raise ReportError("give --la: the store holds " + (", ".join(present) or "no authority"))
            la = present[0]
        card = scorecard.build(
            con, period, la, internal=internal,
            targets=analyst_files.TARGETS.read(db, targets),
            commentary=analyst_files.COMMENTARY.read(db, commentary))
        try:
            pack = packing.build(card)
            report = context.build(card, con, db, detail, pack)
        except ValueError as error:  # the pack setting names an unknown indicator
            raise ReportError(str(error)) from None
    out.mkdir(parents=True, exist_ok=True)
    stem = out / file_stem(la, period, internal, detail)
    written = []
    if "html" in formats or "pdf" in formats:  # the PDF is the page printed
        page = html.write(report, stem.with_suffix(".html"))
        if "html" in formats:
            written.append(page)
        if "pdf" in formats:
            written.append(pdf.write(report, page, stem.with_suffix(".pdf")))
        if "html" not in formats:
            page.unlink()
    if "docx" in formats:
        written.append(docx.write(report, stem.with_suffix(".docx")))
    if "xlsx" in formats:
        written.append(xlsx.write(report, card, pack, stem.with_suffix(".xlsx")))
    return written
