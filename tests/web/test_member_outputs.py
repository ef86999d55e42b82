"""Every output a member is given (the dashboard's pages, their JSON twins, every chart's picture
and CSV, committee actions, and the committee report in every format) holds no child's ID, no
store table or column name, and no bare ONS area code."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pytest

from cscperf.store.schema import TABLES
from tests.web.dashboard import CHILD_ID, LA, PERIOD, QUERY, dashboard, report_db  # noqa: F401 - fixtures

STORE_NAMES = re.compile(r"\b(" + "|".join(sorted({t.name for t in TABLES} | {c.name for t in TABLES for c in t.columns
                                                                             if "_" in c.name}, key=len, reverse=True))
                         + r")\b")
ONS_CODE = re.compile(r"(?<![(\w])[EWSN]\d{8}\b")  # a code alone, not in brackets after a name


def text_of(name: str, content: bytes) -> str:
    """An output's words: HTML, JSON, CSV and SVG as text; Word and Excel from their XML; PDF
    through pdftotext."""
    if name.endswith((".docx", ".xlsx")):
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            xml = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        return re.sub(r"<[^>]+>", " ", xml)
    if name.endswith(".pdf"):
        return subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
    return content.decode("utf-8")


def member_outputs(site) -> dict[str, bytes]:
    client = site.client("member")
    found: dict[str, bytes] = {}

    def get(path: str) -> str:
        response = client.get(path)
        assert response.status_code == 200, path
        found[path] = response.content
        return response.text

    for path in ("/", "/.json", "/actions", "/actions.json", f"/scorecard?{QUERY}", "/report"):
        get(path)
    data = client.get(f"/scorecard.json?{QUERY}").json()
    found["/scorecard.json"] = client.get(f"/scorecard.json?{QUERY}").content
    for card in data["cards"]:
        id = card["definition"]["id"]
        page = get(f"/indicators/{id}?{QUERY}")
        get(f"/indicators/{id}.json?{QUERY}")
        for chart, kind in sorted(set(re.findall(rf"/indicators/{id}/charts/([\w-]+)\.(csv|svg)", page))):
            get(f"/indicators/{id}/charts/{chart}.{kind}?{QUERY}")
    for fmt in ("html", "pdf", "docx", "xlsx"):
        for detail in ("pack", "full"):
            response = client.post("/report", data={"csrf_token": client.form_token, "la": LA, "period": PERIOD,
                                                    "format": fmt, "detail": detail})
            assert response.status_code == 200, fmt
            found[f"report-{detail}.{fmt}"] = response.content
    return found


@pytest.fixture(scope="module")
def outputs(dashboard) -> dict[str, str]:
    return {name: text_of(name, content) for name, content in member_outputs(dashboard).items()}


def test_every_member_output_was_read(outputs):
    assert {f"report-{d}.{f}" for d in ("pack", "full") for f in ("pdf", "docx", "xlsx", "html")} <= set(outputs)
    assert sum(name.endswith(".csv") or ".csv?" in name for name in outputs) > 50
    assert sum(".json" in name for name in outputs) > 60


def test_no_child_id_in_any_member_output(outputs):
    found = {name: CHILD_ID.findall(text)[:3] for name, text in outputs.items() if CHILD_ID.search(text)}
    assert found == {}


def test_no_store_table_or_column_name_in_any_member_output(outputs):
    found = {name: sorted(set(STORE_NAMES.findall(text)))[:5] for name, text in outputs.items()
             if STORE_NAMES.search(text)}
    assert found == {}


def test_no_bare_ons_code_in_any_member_output(outputs):
    # This authority's children have no home postcodes, so no district codes: areas by name for
    # authorities that have them come with issue 11.
    found = {name: sorted(set(ONS_CODE.findall(text)))[:5] for name, text in outputs.items() if ONS_CODE.search(text)}
    assert found == {}
