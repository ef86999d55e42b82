"""Every format rendered for the small authority, read back and checked: the marking on every
page and sheet, [c] in member-facing outputs and never in the internal ones, the commentary and
its absence, every chart with its data table, and PDF pages that are not blank."""

import re
import subprocess
import zipfile

import docx
from openpyxl import load_workbook

from cscperf.outputs.report.context import INTERNAL_MARKING, MEMBER_MARKING
from tests.outputs.report.conftest import FORMULA


def test_html_is_one_self_contained_file(rendered, member):
    page = rendered["html"].read_text()
    assert not re.search(r'(src|href)="(?!data:|#)', page), "nothing is fetched from elsewhere"
    assert "<script" not in page
    assert MEMBER_MARKING in page and "[c] Not shown" in page
    for heading in ("Summary", "Priorities", "Front door", "Child protection", "Committee actions", "Appendices"):
        assert f">{heading}</h2>" in page
    assert "Complete 85% of assessments within 45 working days by March 2026" in page
    assert "Members asked for re-referrals by district." in page
    assert "Several families returned after short-term support ended." in page


def test_every_chart_has_a_text_alternative_and_its_data_table(rendered):
    figures = [f for kind in ("html", "full_html")
               for f in re.findall(r"<figure id=\"(chart-[^\"]+)\" role=\"group\">(.*?)</figure>",
                                   rendered[kind].read_text(), re.S)]
    assert len(figures) >= 5
    for chart_id, body in figures:
        alt = re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"', body)
        assert alt and len(alt[1]) > 40, chart_id
        assert "<details>" in body and "<table>" in body and "<th scope=\"col\">" in body, chart_id


def test_member_html_withholds_and_internal_html_does_not(rendered, member, internal):
    member_page, internal_page = rendered["full_html"].read_text(), rendered["internal_html"].read_text()
    assert "[c]" in member_page and "[c]" not in internal_page
    assert INTERNAL_MARKING in internal_page and internal_page.count(INTERNAL_MARKING) >= 2
    # a percentage whose numerator is small: the member row shows [c], the internal one the number
    card = next(c for c in internal.cards if c.definition.unit == "percent" and c.current.numerator
                and 0 < c.current.numerator < member.suppress_below)
    row = re.compile(rf'id="row-{card.definition.id}"(.*?)</(tr|article)>', re.S)
    assert "[c]" in row.search(member_page)[1]
    assert f"({card.current.numerator} of {card.current.denominator})" in row.search(internal_page)[1]


def test_no_commentary_is_said_rather_than_invented(rendered, member):
    page = rendered["html"].read_text()
    red_without = [c for c in member.cards if c.rag in ("red", "amber") and c.cause is None]
    assert red_without and page.count("No commentary provided") >= len(red_without)


def read_docx(path):
    document = docx.Document(path)
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return document, text, cells


def test_word_document(rendered):
    document, text, cells = read_docx(rendered["docx"])
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings[:4] == ["Performance on a page", "Summary", "Priorities", "Front door"]
    assert "Appendices" in headings
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)  # A4 landscape
    assert section.header.paragraphs[0].text.startswith(MEMBER_MARKING)
    assert "PAGE" in section.footer._element.xml  # a page-number field
    assert "[c]" in " ".join(cells) and any("No commentary provided" in p for p in text.splitlines())
    pictures = document.inline_shapes
    assert len(pictures) >= 12
    assert all(len(p._inline.docPr.get("descr", "")) > 40 for p in pictures)
    assert all("w:tblHeader" in table.rows[0]._tr.xml for table in document.tables)
    _, internal_text, internal_cells = read_docx(rendered["internal_docx"])
    assert "[c]" not in internal_cells and INTERNAL_MARKING in internal_text


def figures_shown_with_a_part_withheld(book) -> list[dict]:
    sheet = book["All figures"]
    header = [c.value for c in sheet[4]]
    rows = [dict(zip(header, r)) for r in sheet.iter_rows(min_row=5, values_only=True)]
    return [r for r in rows if str(r["Shown"] or "").startswith("[c] ")]


def test_excel_workbook(rendered, member):
    book = load_workbook(rendered["xlsx"])
    sections = [c.definition.section_title for c in member.cards]
    assert book.sheetnames[0] == "Summary" and all(s in book.sheetnames for s in set(sections))
    assert {"All figures", "Similar councils", "Priorities", "Glossary", "Definitions", "Data sources"} <= set(book.sheetnames)
    assert all(sheet["A1"].value.startswith(MEMBER_MARKING) for sheet in book)
    front_door = book["Front door"]
    header = [c.value for c in front_door[4]]
    assert header[:8] == ["Indicator", "Unit", "Which way is better", "Period", "Value", "Numerator",
                          "Denominator", "Shown"]
    assert front_door.freeze_panes == "B5" and front_door.auto_filter.ref.startswith("A4:")
    # figures are numbers with a number format; a withheld one is an empty cell marked [c]
    rows = {r[0]: dict(zip(header, r)) for r in front_door.iter_rows(min_row=5, values_only=True)}
    card = member.card("rereferrals_12m_pct")
    row = rows[card.definition.title]
    assert row["Value"] == card.current.value and isinstance(row["Value"], float)
    assert (row["Numerator"], row["Denominator"]) == (card.current.numerator, card.current.denominator)
    assert front_door.cell(5 + list(rows).index(card.definition.title), 5).number_format == '0.0"%"'
    assert isinstance(row["95% interval, lower"], float) and row["95% interval, lower"] < row["Value"]
    withheld = [r for r in rows.values() if r["Shown"] == "[c]"]
    assert withheld and all(r["Value"] is None for r in withheld)
    # a figure shown with a part withheld (an average's total) names that part, not the figure
    shown = figures_shown_with_a_part_withheld(book)
    assert any(r["Value"] is not None for r in shown)
    for r in shown:
        withheld, *why_none = r["Shown"].split("; ")
        assert all(r[part.title()] is None for part in withheld.removeprefix("[c] ").split(" and ")), r
        assert (r["Value"] is None) == bool(why_none), r
    # a published figure's period names the year it was published for
    turnover = next(r for r in book["Workforce"].iter_rows(min_row=5, values_only=True)
                    if r[0] == member.card("workforce_turnover_pct").definition.title)
    assert turnover[3].endswith(": published figure for the year to 30 September 2024"), turnover[3]
    figures = book["All figures"]
    values = [r[8] for r in figures.iter_rows(min_row=5, values_only=True)]
    assert len(values) > 500 and all(v is None or isinstance(v, (int, float)) for v in values)
    internal_book = load_workbook(rendered["internal_xlsx"])
    assert all(sheet["A1"].value.startswith(INTERNAL_MARKING) for sheet in internal_book)
    assert not any("[c]" in str(c) for sheet in internal_book for row in sheet.iter_rows(min_row=3, values_only=True)
                   for c in row if c is not None)


def test_text_beginning_with_an_equals_sign_stays_text(rendered):
    with zipfile.ZipFile(rendered["xlsx"]) as book:
        sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
        strings = book.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in book.namelist() else ""
    assert not any("<f>" in sheet for sheet in sheets), "a cell holds a formula"
    assert "HYPERLINK" in strings or any("HYPERLINK" in sheet for sheet in sheets)
    cells = [c for c in load_workbook(rendered["xlsx"])["Actions outstanding"].iter_rows(values_only=True)
             for c in c if c]
    assert FORMULA in cells


def test_pdf_pages_are_marked_and_not_blank(rendered, tmp_path):
    pdf = rendered["pdf"]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) >= 4 and all(MEMBER_MARKING in page for page in pages)
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.pgm"))
    assert len(images) == len(pages)
    for image in images:
        data = image.read_bytes()
        pixels = data[data.index(b"255\n") + 4:]  # after the PGM header
        inked = sum(1 for p in pixels if p < 200)
        assert inked > len(pixels) * 0.005, f"{image.name} is blank"


def test_docx_and_xlsx_are_real_office_files(rendered):
    for kind in ("docx", "xlsx"):
        assert zipfile.is_zipfile(rendered[kind])


def test_a_withheld_figure_with_a_target_says_why_it_has_no_rating(rendered, member):
    card = member.card("cp_second_or_subsequent_pct")
    assert card.target is not None and card.current.withheld("value") and card.rag is None
    row = re.search(r'<tr id="row-cp_second_or_subsequent_pct">(.*?)</tr>', rendered["full_html"].read_text(), re.S)[1]
    assert "No rating: figure withheld [c]" in row


def test_breakdown_groups_are_in_words_with_their_codes(member):
    from cscperf.outputs.report.charts import breakdown_chart

    card = member.card("referrals")
    [split] = [b for b in card.breakdowns if b.id == "referral_source"]
    groups = [row[0] for row in breakdown_chart(card, split.id, split.groups).rows]
    assert "Police (6)" in groups
    assert all(g.endswith(")") or g == "Not recorded" for g in groups), groups


def test_word_charts_draw_their_text_with_a_font_the_machine_has(member):
    """The Word document's charts are pictures: their words must be drawn, whichever of the
    chart's fonts is installed (a server may have no Arial)."""
    from dataclasses import replace

    from cscperf.outputs.report.charts import series_chart

    chart = series_chart(member.card("referrals"))
    untitled = replace(chart, spec={**chart.spec, "title": " "})
    assert chart.png(scale=1) != untitled.png(scale=1)


def test_reference_lines_are_named_in_a_legend_not_over_each_other(member):
    from cscperf.outputs.report.charts import series_chart

    card = member.card("assessments_45wd_pct")
    spec = series_chart(card).spec
    [rule] = [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "rule"]
    assert rule["encoding"]["strokeDash"]["legend"]["orient"] == "bottom"
    assert not [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "text"]
