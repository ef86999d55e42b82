"""The CIN census reader: the shared sample, messy elements, broken XML, and a large streamed file."""

import resource
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cscperf import sources, store
from cscperf.quality.findings import LoadError
from cscperf.sources import cin_census
from cscperf.sources.years import collection_year

SAMPLE = "samples/cin-census/BAR_cin_2022.xml"


def census(children: str, year: int = 2025, la: str = "883") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n<Header><CollectionDetails>'
            f"<Collection>CIN</Collection><Year>{year}</Year><ReferenceDate>{year}-03-31"
            f"</ReferenceDate></CollectionDetails><Source><LEA>{la}</LEA></Source></Header>\n"
            f"<Children>\n{children}</Children>\n</Message>\n")


def child(child_id: str = "C1", sex: str = "<Sex>F</Sex>", details: str | None = None) -> str:
    if details is None:
        details = episode()
    return (f"<Child>\n<ChildIdentifiers><LAchildID>{child_id}</LAchildID>"
            f"<PersonBirthDate>2015-06-01</PersonBirthDate>{sex}</ChildIdentifiers>\n"
            f"<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>\n"
            f"{details}</Child>\n")


def episode(referral_date: str = "2024-05-01", source: str = "6", inner: str = "") -> str:
    return (f"<CINdetails>\n<CINreferralDate>{referral_date}</CINreferralDate>\n"
            f"<ReferralSource>{source}</ReferralSource>\n{inner}"
            f"<ReferralNFA>0</ReferralNFA>\n</CINdetails>\n")


def write(tmp_path: Path, text: str, name: str = "cin.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(con, *paths: Path, **options):
    return store.load(con, sources.read_paths(list(paths), **options))


def count(con, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_sample_file_loads_every_record(shared, con):
    summary = load(con, shared / SAMPLE)
    assert summary.rows_loaded == {
        "ssd_person": 1, "ssd_disability": 2, "ssd_cin_episodes": 1, "ssd_cin_assessments": 1,
        "ssd_assessment_factors": 1, "ssd_cin_plans": 1, "ssd_s47_enquiry": 1,
        "ssd_initial_cp_conference": 1, "ssd_cp_plans": 1, "ssd_cp_reviews": 1}
    assert con.execute("SELECT DISTINCT la, collection_year FROM ssd_person").fetchall() == [("201", 2022)]
    # GenderCurrent 1 (2024 and before) is stored as M; the mixed-case ID is normalised.
    assert con.execute("SELECT pers_person_id, pers_sex, pers_ethnicity, pers_upn_unknown, source_row "
                       "FROM ssd_person").fetchall() == [("DFEX0000001", "M", "WBRI", "UN3", 18)]
    [finding] = [f for f in summary.findings if f.rule == "id-normalised"]
    assert (finding.file, finding.row, finding.column, finding.value) == (
        "BAR_cin_2022.xml", 20, "LAchildID", "DfEX0000001")
    assert con.execute("SELECT cine_referral_id, cine_referral_nfa, cine_initial_cpc_date "
                       "FROM ssd_cin_episodes").fetchall() == [
        ("DFEX0000001/1970-10-06", "N", date(1970, 2, 6))]
    assert con.execute("SELECT cinf_assessment_factors_json FROM ssd_assessment_factors").fetchone() == (
        '["2A", "2B"]',)
    assert con.execute("SELECT icpc_icpc_target_date, icpc_icpc_date, icpc_s47_enquiry_id "
                       "FROM ssd_initial_cp_conference").fetchone() == (
        date(1970, 6, 23), date(1970, 2, 11), "DFEX0000001/1970-10-06/s47/1970-02-02")
    assert con.execute("SELECT cppl_cp_plan_number_of_previous, cppl_cp_plan_initial_category "
                       "FROM ssd_cp_plans").fetchone() == (10, "PHY")
    assert con.execute("SELECT cppr_cp_plan_id, cppr_cp_review_date FROM ssd_cp_reviews").fetchone() == (
        "DFEX0000001/1970-10-06/cp-plan/1970-02-17", date(1971, 2, 15))


def test_detected_by_content_not_name(tmp_path):
    path = write(tmp_path, census(child()), name="export.txt")
    [batch] = sources.read_paths([path])
    assert (batch.format, batch.la, batch.files[0].collection_year) == ("cin_census", "883", 2025)


def test_bad_elements_become_findings_and_rows_are_kept(tmp_path, con):
    details = episode(referral_date="31/13/2024", source="ZZ", inner=(
        "<Assessments>\n<AssessmentActualStartDate>2024-05-02</AssessmentActualStartDate>\n"
        "<FactorsIdentifiedAtAssessment><AssessmentFactors>2A</AssessmentFactors>\n"
        "<AssessmentFactors>99Q</AssessmentFactors></FactorsIdentifiedAtAssessment>\n"
        "</Assessments>\n<Section47><InitialCPCtarget>2024-06-01</InitialCPCtarget>\n"
        "<ICPCnotRequired>1</ICPCnotRequired></Section47>\n<Favourite>blue</Favourite>\n"))
    text = census(child(sex="<Sex>X</Sex>", details=details) + child("C2", sex="", details=episode()))
    summary = load(con, write(tmp_path, text))
    lines = text.splitlines()

    def line_of(fragment: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if fragment in line)

    found = {(f.rule, f.row, f.column, f.value) for f in summary.findings}
    assert ("code-not-in-list", line_of("<Sex>X"), "Sex", "X") in found
    assert ("date-malformed", line_of("31/13/2024"), "CINreferralDate", "31/13/2024") in found
    assert ("code-not-in-list", line_of(">ZZ<"), "ReferralSource", "ZZ") in found
    assert ("code-not-in-list", line_of("99Q"), "AssessmentFactors", "99Q") in found
    assert ("blank-mandatory", line_of("<Section47>"), "S47ActualStartDate", None) in found
    assert ("element-unknown", line_of("Favourite"), "Favourite", None) in found
    assert ("target-without-conference", line_of("<Section47>"), "InitialCPCtarget", None) in found
    assert ("blank-mandatory", line_of("<LAchildID>C2"), "Sex", None) in found
    # Cells are nulled, rows kept: both children and both referrals are in the store.
    assert con.execute("SELECT pers_person_id, pers_sex FROM ssd_person ORDER BY 1").fetchall() == [
        ("C1", None), ("C2", None)]
    assert con.execute("SELECT cine_referral_id, cine_referral_date, cine_referral_source_code FROM "
                       "ssd_cin_episodes ORDER BY 1").fetchall() == [
        (f"C1/line{line_of('<CINdetails>')}", None, None), ("C2/2024-05-01", date(2024, 5, 1), "6")]
    assert con.execute("SELECT cinf_assessment_factors_json FROM ssd_assessment_factors").fetchone() == (
        '["2A"]',)
    assert count(con, "ssd_initial_cp_conference") == 0


def test_gender_current_and_sex_both_map_to_m_f_u(tmp_path):
    text = census("".join(child(f"C{n}", sex=sex) for n, sex in enumerate(
        ["<GenderCurrent>1</GenderCurrent>", "<GenderCurrent>2</GenderCurrent>",
         "<GenderCurrent>9</GenderCurrent>", "<Sex>M</Sex>", "<Sex>U</Sex>"])), year=2024)
    [batch] = sources.read_paths([write(tmp_path, text)])
    assert batch.tables["ssd_person"].values["pers_sex"] == ["M", "F", "U", "M", "U"]


def test_no_disability_is_the_code_none_not_a_blank(tmp_path):
    # The census records a child with no disability as <Disability>NONE</Disability> (rule 8540):
    # a code in the list, although other exports write NONE for a missing value.
    text = census(child().replace("</Ethnicity>", "</Ethnicity><Disabilities><Disability>NONE"
                                  "</Disability></Disabilities>"))
    [batch] = sources.read_paths([write(tmp_path, text)])
    assert batch.tables["ssd_disability"].values["disa_disability_code"] == ["NONE"]
    assert not batch.findings.items


def test_namespaced_elements_are_read(tmp_path):
    text = census(child()).replace("<Message>", '<Message xmlns="http://www.dfe.gov.uk/CIN">')
    [batch] = sources.read_paths([write(tmp_path, text)])
    assert batch.tables["ssd_cin_episodes"].values["cine_referral_source_code"] == ["6"]
    assert not batch.findings.items


def test_not_well_formed_xml_fails_naming_file_and_line_and_changes_nothing(tmp_path, con, shared):
    load(con, shared / SAMPLE)
    before = con.execute("SELECT count(*) FROM meta.loads").fetchone()
    text = census(child() + child("C2")).replace("<LAchildID>C2</LAchildID>", "<LAchildID>C2</LAchild>")
    broken = write(tmp_path, text, name="broken.xml")
    with pytest.raises(LoadError, match=r"broken.xml: not well-formed XML at line \d+"):
        load(con, broken)
    assert con.execute("SELECT count(*) FROM meta.loads").fetchone() == before
    assert count(con, "ssd_person") == 1


def test_a_census_for_a_year_that_has_not_begun_stops_the_load(tmp_path, con):
    # A census is prepared during its own year (2026-27's by 31 March 2027); one saying a later
    # year is a typing error, refused before anything is stored.
    this_year = collection_year(date.today())
    with pytest.raises(LoadError, match=rf"which has not begun \(the latest that has ends 31 March {this_year}\)"):
        load(con, write(tmp_path, census(child(), year=2150)))
    assert count(con, "ssd_person") == 0
    load(con, write(tmp_path, census(child(), year=this_year)))
    assert count(con, "ssd_person") == 1


def test_a_file_that_is_not_a_census_message_is_refused(tmp_path):
    path = write(tmp_path, "<Message><CINdetails/></Message>".replace("Message", "Other"))
    assert cin_census.detect(path, path.read_bytes()) is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.text(alphabet="0123456789ABZ -/", max_size=4),
       referral=st.text(alphabet="0123456789-/", max_size=10),
       previous=st.text(alphabet="0123456789-.x", max_size=3))
def test_any_element_value_is_stored_or_reported(tmp_path, source, referral, previous):
    inner = ("<ChildProtectionPlans><CPPstartDate>2024-06-01</CPPstartDate>"
             "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG"
             f"</LatestCategoryOfAbuse><NumberOfPreviousCPP>{previous}</NumberOfPreviousCPP>"
             "</ChildProtectionPlans>\n")
    path = write(tmp_path, census(child(details=episode(referral, source, inner))))
    [batch] = sources.read_paths([path])
    reported = {f.column for f in batch.findings if f.rule != "id-normalised"}
    episodes, plans = batch.tables["ssd_cin_episodes"].values, batch.tables["ssd_cp_plans"].values
    assert len(episodes["cine_person_id"]) == len(plans["cppl_person_id"]) == 1
    for column, stored in (("ReferralSource", episodes["cine_referral_source_code"][0]),
                           ("CINreferralDate", episodes["cine_referral_date"][0]),
                           ("NumberOfPreviousCPP", plans["cppl_cp_plan_number_of_previous"][0])):
        assert (stored is None) == (column in reported)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=1, max_value=400))
def test_a_truncated_file_never_half_loads(tmp_path, cut):
    text = census(child() + child("C2"))
    path = write(tmp_path, text[:-cut], name="cut.xml")
    con = store.connect()
    load(con, write(tmp_path, census(child("C0")), name="first.xml"))
    try:
        load(con, path)
    except LoadError as error:
        assert "cut.xml" in str(error)
        assert count(con, "ssd_person") == 1
    else:  # the cut fell in the trailing whitespace after </Message>
        assert count(con, "ssd_person") == 3


def test_a_large_file_is_streamed(tmp_path):
    """20,000 children: read element by element, so neither Python objects nor the parser's tree
    grow with the file beyond the rows themselves. Loose bounds, as a sanity check."""
    path = tmp_path / "large.xml"
    with open(path, "w") as out:
        out.write(census("").split("<Children>")[0] + "<Children>\n")
        for n in range(20_000):
            out.write(child(f"C{n}", details=episode(source="6")))
        out.write("</Children>\n</Message>\n")
    size = path.stat().st_size
    sources.read_paths([write(tmp_path, census(child()))])  # imports every reader: not the file's cost
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    tracemalloc.start()
    [batch] = sources.read_paths([path])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - rss_before
    assert len(batch.tables["ssd_person"]) == len(batch.tables["ssd_cin_episodes"]) == 20_000
    assert not batch.findings.items
    # The rows themselves take memory; a whole tree would take several times the file's size.
    assert peak < 2 * size, (peak, size)
    assert rss_growth < 5 * size, (rss_growth, size)


def test_la_given_that_the_file_contradicts_stops_the_load(tmp_path, con):
    path = write(tmp_path, census(child(), la="301"))
    with pytest.raises(LoadError, match="local authority 301, not 883, the authority given"):
        load(con, path, la="883")
    assert count(con, "ssd_person") == 0
    load(con, path, la="301")
    assert count(con, "ssd_person") == 1
