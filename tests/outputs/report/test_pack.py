"""The member pack as members receive it: performance on a page first, every indicator either in
depth or in its section's compact table, words rather than codes, and a PDF a screen reader can
use (PDF/UA-1's machine-checkable part, by `pdfua`)."""

import re
import subprocess

import docx
import lxml.html
import pikepdf
from openpyxl import load_workbook
from pdfua import Severity, validate

from cscperf import store
from cscperf.compare import pack
from cscperf.indicators.registry import default
from cscperf.store.schema import TABLES


def visible_text(rendered) -> dict[str, str]:
    """Everything a member can read in each member-facing file, text alternatives included."""
    page = lxml.html.fromstring(rendered["html"].read_bytes())
    html = " ".join([page.body.text_content(), *page.xpath("//@alt | //@aria-label")])
    document = docx.Document(rendered["docx"])
    word = " ".join([*(p.text for p in document.paragraphs),
                     *(c.text for t in document.tables for r in t.rows for c in r.cells),
                     *(s._inline.docPr.get("descr", "") for s in document.inline_shapes)])
    excel = " ".join(str(c) for sheet in load_workbook(rendered["xlsx"]) for row in sheet.iter_rows(values_only=True)
                     for c in row if c is not None)
    pdf = subprocess.run(["pdftotext", str(rendered["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    return {"html": html, "docx": word, "xlsx": excel, "pdf": pdf}


def test_the_pack_opens_with_performance_on_a_page(rendered, member):
    page = lxml.html.fromstring(rendered["html"].read_bytes())
    assert [h.text_content() for h in page.xpath("//main//h2")][:2] == ["Performance on a page", "Summary"]
    tiles = page.xpath("//li[@class='tile']")
    assert [t.xpath("h3")[0].text_content() for t in tiles] == [h.title for h in pack.build(member).headlines]
    for tile in tiles:
        assert tile.xpath(".//svg[@role='img']/@aria-label") or "No quarter" in tile.text_content()
        assert tile.xpath(".//p[@class='tile-meaning']")[0].text_content().strip()


def test_every_pack_indicator_is_in_depth_or_in_the_compact_table_and_full_detail_has_every_row(rendered, member):
    pack_page, full_page = rendered["html"].read_text(), rendered["full_html"].read_text()
    for card in member.cards:
        id = card.definition.id
        assert pack_page.count(f'id="row-{id}"') == int(card.definition.member_pack), id
        assert f'<tr id="row-{id}">' in full_page, id
    assert "D. 12-month trends" in full_page and "D. 12-month trends" not in pack_page


def test_the_compact_tables_compare_with_similar_councils_the_region_and_england(rendered):
    benchmarks = ["Similar councils", "Region", "England"]
    page = lxml.html.fromstring(rendered["html"].read_bytes())
    tables = page.xpath("//table[contains(@class, 'compact')]")
    assert tables
    for table in tables:
        assert [th.text_content() for th in table.xpath("thead//th")][5:8] == benchmarks
    regions = [row.xpath("td")[5].text_content() for t in tables for row in t.xpath("tbody/tr")]
    assert any(value != "-" for value in regions)  # the region's published figures are shown
    words = [t for t in docx.Document(rendered["docx"]).tables if t.rows[0].cells[-1].text == "What it means"]
    assert words and all([c.text for c in t.rows[0].cells][5:8] == benchmarks for t in words)


def test_member_outputs_name_no_id_store_column_sql_or_child(rendered, report_db):
    with store.connect(report_db, read_only=True) as con:
        children = {r[0] for r in con.execute("SELECT DISTINCT pers_person_id FROM ssd_person WHERE la = '883'").fetchall()}
    columns = {c.name for t in TABLES for c in t.columns if "_" in c.name} | {t.name for t in TABLES}
    ids = {i.id for i in default() if "_" in i.id}
    for kind, text in visible_text(rendered).items():
        words = set(re.findall(r"[A-Za-z0-9_]+", text))
        assert not words & columns, (kind, words & columns)
        assert not words & ids, (kind, words & ids)
        assert not words & children, kind
        assert not re.search(r"\bSELECT\b|\bWHERE\b", text), kind
        assert not re.search(r"\bE(0[6-9]|10)\d{6}\b", text), kind  # a bare ONS area code
        assert "Re-referral" in text and "Statistical neighbours" not in text, kind  # the glossary; one name


def test_the_pdf_passes_pdfuas_machine_checks(rendered):
    report = validate(str(rendered["pdf"]))
    problems = [(f.rule_id, f.message) for f in report.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    assert problems == []
    with pikepdf.open(rendered["pdf"]) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked and str(root.Lang) == "en-GB"
        assert root.ViewerPreferences.DisplayDocTitle and "performance report" in str(pdf.docinfo.Title)
        titles = []

        def outline(item):
            while item is not None:
                titles.append(str(item.Title))
                if "/First" in item:
                    outline(item.First)
                item = item.get("/Next")
        outline(root.Outlines.First)
        assert {"Performance on a page", "Summary", "Front door", "Appendices"} <= set(titles)
        kinds: dict[str, list] = {}

        def walk(element):
            if isinstance(element, pikepdf.Dictionary) and "/S" in element:
                kinds.setdefault(str(element.S), []).append(element)
                kids = element.get("/K")
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
                    walk(kid)
        walk(root.StructTreeRoot.K)
        assert kinds["/Figure"] and all(len(str(f.get("/Alt", ""))) > 20 for f in kinds["/Figure"])
        assert kinds["/Table"] and kinds["/TH"] and kinds["/H2"]


def test_age_bands_in_age_order(internal):
    from cscperf.indicators import breakdowns

    [split] = [b for b in internal.card("cp_plans").breakdowns if b.id == "age_band"]
    groups = [g.group for g in split.groups]
    assert groups == sorted(groups, key=lambda g: breakdowns.order("age_band", g))
    assert [g for g in groups if g in ("Under 1", "1-4", "5-9", "10-15", "16+")] == \
        [g for g in ("Under 1", "1-4", "5-9", "10-15", "16+") if g in groups]
