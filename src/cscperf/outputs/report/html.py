"""The report as one self-contained, accessible HTML file (WCAG 2.2 AA): styles inline, charts
embedded as SVG images with text alternatives and data tables, headings in order, table headers
with scope, and RAG ratings in words and symbols as well as colour. No script, no external file.
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

import jinja2

from cscperf.outputs.report.charts import Chart
from cscperf.outputs.report.context import ReportContext

TEMPLATES = Path(__file__).parent / "templates"

# GOV.UK colours; every text colour here has a contrast ratio of at least 4.5:1 on its background.
CSS = """
body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; background: #fff; margin: 0 auto;
       max-width: 1400px; padding: 0 1.5rem; line-height: 1.4; font-size: 16px; }
a { color: #1d70b8; } a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
.skip { position: absolute; left: -9999px; } .skip:focus { position: static; }
h1 { font-size: 2rem; margin: .5rem 0; } h2 { font-size: 1.5rem; margin-top: 2rem;
     border-top: 2px solid #0b0c0c; padding-top: .5rem; } h3 { font-size: 1.2rem; }
.lede { font-size: 1.1rem; }
.marking { padding: .4rem .8rem; margin: .5rem 0; border: 2px solid #0b0c0c; }
.marking.internal { background: #0b0c0c; color: #fff; font-size: 1.1rem; }
.marking.member { background: #f3f2f1; }
.note { border-left: 5px solid #1d70b8; padding-left: .8rem; }
.footnote { font-size: .9rem; }
table { border-collapse: collapse; margin: .8rem 0 1.2rem; font-size: .85rem; width: 100%; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: .3rem .4rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; }
table.counts { width: auto; }
.unit { display: block; font-weight: normal; color: #505a5f; font-size: .9em; }
nav li { line-height: 28px; }
.rag { display: inline-block; padding: .1rem .4rem; font-weight: bold; white-space: nowrap; }
.rag-green { background: #cce2d8; color: #005a30; }
.rag-amber { background: #fff7bf; color: #594d00; }
.rag-red { background: #f4cdc6; color: #942514; }
.spark { vertical-align: middle; } .spark-none { color: #505a5f; font-size: .9em; }
figure { margin: 1.5rem 0; page-break-inside: avoid; } figure img { max-width: 100%; height: auto; }
figcaption { font-weight: bold; }
details { margin: .5rem 0; } summary { cursor: pointer; color: #1d70b8; text-decoration: underline; }
dl.commentary dt { font-weight: bold; margin-top: .6rem; } dl.commentary dd { margin-left: 1rem; }
footer { margin: 2rem 0; }
.tiles { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem;
         grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); }
.tile { border: 1px solid #b1b4b6; padding: .3rem .5rem; break-inside: avoid; }
.tile h3 { font-size: 1rem; margin: 0; } .tile p { margin: .15rem 0; }
.tile-value { font-size: 1.2rem; font-weight: bold; } .tile-meaning { font-size: .85rem; }
.multiple { display: block; max-width: 100%; height: auto; }
.exception { border-left: 5px solid #b1b4b6; padding-left: .8rem; margin: 1rem 0; }
@page { size: A4 landscape; margin: 14mm 10mm; }
@media print {
  html { font-size: 11px; } body { font-size: 1rem; max-width: none; padding: 0; } table { font-size: 9px; }
  nav li { line-height: 1.4; } nav ol { columns: 3; } h2, h3, caption { break-after: avoid; }
  .skip { display: none; }
  .full section.journey { page-break-before: always; } tr { page-break-inside: avoid; }
  .pack .tiles { grid-template-columns: repeat(4, 1fr); } .pack .tile-meaning { font-size: .9rem; }
  .pack figure { display: inline-block; width: 49%; vertical-align: top; margin: .5rem 0; }
  .pack section.on-a-page { page-break-after: always; }
  footer { display: inline-block; width: 100%; }  /* its marking and notes stay together on a page */
  .rag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _svg(chart: Chart) -> str:
    return base64.b64encode(chart.svg().encode("utf-8")).decode("ascii")


def render(context: ReportContext) -> str:
    return _environment().get_template("report.html.j2").render(r=context, css=CSS, svg=_svg)


def write(context: ReportContext, path: Path) -> Path:
    path.write_text(render(context), encoding="utf-8")
    return path
