"""Figures taken from the published files (issue 11): social worker turnover, vacancies, agency
workers and caseload, foster carers, and the education of children looked after. Each shows the
authority's own published value for the latest year ending by the period's end, with that year;
a file not imported is told apart from a figure not published for this authority."""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from cscperf import store
from cscperf.indicators import engine
from cscperf.reference.importer import import_reference

FIXTURES = Path(__file__).parents[1] / "reference" / "fixtures"


def result(con, id, period, la="883"):
    [found] = engine.compute(con, [id], period, la)
    return found


def test_not_imported_says_where_to_get_the_file(con):
    found = result(con, "foster_households", "2024-25")
    assert found.value is None
    assert found.reason == (
        "not imported: get ofsted/fostering_in_england_la_level_data.csv from "
        "https://www.gov.uk/government/collections/fostering-in-england (`cscperf reference download` "
        "fetches what it can), then run `cscperf reference import` on the folder")
    assert result(con, "workforce_turnover_pct", "2024-25").reason.startswith(
        "not imported: get ees/csww_indicators_2017_to_2025.csv from the Explore Education Statistics "
        "publication 'children-s-social-work-workforce' or lait/bds_long_0.parquet")


def test_ofsted_fostering_figures_by_year(con, tmp_path):
    shutil.copytree(FIXTURES / "ofsted", tmp_path / "ofsted")
    import_reference(con, tmp_path)
    # the year to 31 March 2025 shows 2024-25's figures; a quarter ending 30 September 2024 the
    # latest year ended by then, 2023-24
    found = result(con, "foster_households", "2024-25")
    assert (found.value, found.note) == (94, "published figure for 2024-25")
    assert (found.start.isoformat(), found.end.isoformat()) == ("2024-04-01", "2025-03-31")
    assert result(con, "foster_households", "2024-25:Q2").value == 98
    assert result(con, "foster_households_approved", "2024-25").value == 8
    # Essex's 2023-24 recruitment was suppressed: not published for this authority, with the code
    assert result(con, "foster_households_approved", "2023-24", la="881").reason == (
        "not published for this authority for 2023-24: 'c' (confidential: suppressed to protect small numbers)")
    assert result(con, "foster_households", "2024-25", la="882").reason == (
        "not published for this authority for 2024-25")
    assert result(con, "foster_households", "2022-23").reason == "nothing published for a year ending by 31 March 2023"


def test_ofsted_file_in_another_layout_is_refused(con, tmp_path):
    from cscperf.quality.findings import LoadError

    (tmp_path / "ofsted").mkdir()
    (tmp_path / "ofsted" / "fostering.csv").write_text("Authority,Households\nThurrock,94\n")
    with pytest.raises(LoadError, match="fostering.csv: not in the layout of Ofsted's local authority level "
                                        "fostering data \\(no Year, LA code, Local authority column\\)"):
        import_reference(con, tmp_path)


@pytest.fixture
def published_store(reference_db, tmp_path):
    """A writable copy of the store holding ../shared/reference."""
    path = tmp_path / "reference.duckdb"
    shutil.copy(reference_db, path)
    connection = store.connect(path)
    yield connection
    connection.close()


def test_workforce_figures_at_30_september(published_store):
    con = published_store
    # DfE's Children's social work workforce, Thurrock: turnover 11.0% in the year to 30 September
    # 2025 and 16.0% in the year to 30 September 2024 (csww_indicators, turnover_rate_fte); in 2025
    # vacancies 22.9% (vacancy_rate_fte), agency 19.4% (agency_rate_fte), caseload 12.2 (caseload_fte)
    found = result(con, "workforce_turnover_pct", "2025-26")
    assert (found.value, found.note) == (Decimal("11.0"), "published figure for the year to 30 September 2025")
    assert result(con, "workforce_turnover_pct", "2025-26:Q2").value == Decimal("11.0")  # ends 30 September
    assert result(con, "workforce_turnover_pct", "2025-26:Q1").value == Decimal("16.0")  # ends 30 June
    assert result(con, "workforce_vacancy_pct", "2025-26").value == Decimal("22.9")
    assert result(con, "workforce_agency_rate_pct", "2025-26").value == Decimal("19.4")
    assert result(con, "workforce_caseload_fte", "2025-26").value == Decimal("12.2")


def test_education_figures_by_school_year(published_store):
    con = published_store
    found = result(con, "cla_ks4_attainment8", "2025-26")
    assert found.note == "published figure for the 2024/25 school year"
    assert found.value is not None
    # key stage 2 results of so few children are suppressed: not published for this authority
    assert result(con, "cla_ks2_rwm_pct", "2025-26").reason.startswith(
        "not published for this authority for the 2024/25 school year: 'c'")


def test_published_figures_have_no_children_behind_them(con):
    with pytest.raises(ValueError, match="worked out from published figures: no children are behind it"):
        engine.children(con, "workforce_turnover_pct", "2024-25", "883")


def test_a_published_figure_has_no_direction_within_its_year(published_store):
    from cscperf.compare import scorecard

    card = scorecard.build(published_store, "2025-26:Q4", "883", internal=True).card("workforce_turnover_pct")
    # Q3 and Q4 2025-26 both show the year to 30 September 2025: no travel between them; a year
    # earlier shows the year to 30 September 2024 (16.0% to 11.0%: down, which is better)
    assert card.previous.note == card.current.note and card.since_previous is None
    assert card.last_year.value == 16.0 and card.since_last_year.label.startswith("▼ Down")
