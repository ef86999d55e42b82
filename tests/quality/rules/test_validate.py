"""`cscperf validate` end to end: files, folders, every output format, the exit status, and the
files other validators choke on."""

import csv
import io

from openpyxl import load_workbook
from typer.testing import CliRunner

from cscperf.cli import app

runner = CliRunner()

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = ("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
            "PL_POST,URN\n")


def write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text)
    return path


def run(*args):
    return runner.invoke(app, ["validate", *(str(a) for a in args)])


def breaches(result) -> list[dict]:
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_an_invalid_code_is_reported_by_its_rule_and_the_run_exits_1(tmp_path):
    write(tmp_path, "SSDA903_2025_header.csv", HEADER + "C1,M,01/06/2010,WBRI,A123456789012,,\n")
    write(tmp_path, "SSDA903_2025_episodes.csv",
          EPISODES + "C1,01/05/2024,X,C2,N1,U1,PR1,,,,,,\n")
    result = run(tmp_path, "--format", "csv")
    assert result.exit_code == 1, result.output
    # The reason for new episode X is breach 143 with its value, not a blank.
    assert {"rule": "143", "severity": "error",
            "message": "The reason for new episode code is not a valid code.",
            "file": "SSDA903_2025_episodes.csv", "row": "2", "columns": "RNE", "child": "C1",
            "values": "RNE=X"} in breaches(result)
    assert "2024-25 903 return checked with the 2024-25 rules" in result.stderr


def test_a_return_before_2022_23_is_checked_with_the_2022_23_list_and_says_so(tmp_path):
    write(tmp_path, "SSDA903_2020_header.csv", HEADER + "C1,1,01/06/2010,WBRI,A123456789012,,\n")
    result = run(tmp_path / "SSDA903_2020_header.csv")
    assert result.exit_code == 0, result.output
    assert "2019-20 903 return checked with the 2022-23 rules, the nearest list cscperf has" in \
        " ".join(result.output.split())


def test_queries_alone_exit_0(tmp_path):
    # A former UPN of 12 characters: query 1560Q, not an error.
    census = ("<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year>"
              "<ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails><Source><LEA>883</LEA>"
              "</Source></Header><Children><Child><ChildIdentifiers><LAchildID>C1</LAchildID>"
              "<FormerUPN>A12345678901</FormerUPN><PersonBirthDate>2015-06-01</PersonBirthDate>"
              "<Sex>F</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity>"
              "<Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>"
              "<CINdetails><CINreferralDate>2024-05-01</CINreferralDate><ReferralSource>1A"
              "</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>true</ReferralNFA>"
              "</CINdetails></Child></Children></Message>")
    write(tmp_path, "cin_2025.xml", census)
    result = run(tmp_path, "--format", "csv")
    assert result.exit_code == 0, result.output
    found = breaches(result)
    assert ("1560Q", "query", "1", "C1") in [(b["rule"], b["severity"], b["row"], b["child"]) for b in found]
    # The queries about the return as a whole (2887Q: fewer than 8 disability codes) fire too.
    assert {b["severity"] for b in found} == {"query"}


def test_last_years_return_is_found_among_the_paths_or_given(tmp_path):
    this, last = tmp_path / "2025", tmp_path / "2024"
    this.mkdir(), last.mkdir()
    write(this, "SSDA903_2025_header.csv", HEADER + "C1,M,01/06/2010,WBRI,A123456789012,,\n")
    write(last, "SSDA903_2024_header.csv", HEADER + "C1,1,01/06/2011,WBRI,A123456789012,,\n")
    # Checked alone, this year's return cannot be compared with last year's: 203 is not run.
    alone = run(this)
    assert "needs last year's return" in alone.output
    for args in ((this, "--previous", last), (tmp_path,)):
        result = run(*args, "--format", "csv")
        found = {(b["rule"], b["file"]) for b in breaches(result)}
        assert ("203", "SSDA903_2025_header.csv") in found, result.output


def test_every_format_and_a_workbook_for_the_data_team(tmp_path):
    write(tmp_path, "SSDA903_2025_episodes.csv",
          EPISODES + "C1,01/05/2024,X,C2,N1,U1,PR1,,,,RM17 6SL,RM16 2XX,SC123456\n"
          "C2,01/05/2024,S,C9,N1,U1,PR1,,,,RM17 6SL,RM16 2XX,SC123456\n")
    table = run(tmp_path)
    assert table.exit_code == 1 and "143 (error, 1 rows)" in table.output
    out = tmp_path / "checks.csv"
    assert run(tmp_path, "--format", "csv", "--out", out).exit_code == 1
    # C1's first episode began in the year with a reason other than S: 357 too.
    assert [r["rule"] for r in csv.DictReader(open(out))] == ["143", "144", "357"]
    book_path = tmp_path / "checks.xlsx"
    assert run(tmp_path, "--format", "xlsx", "--out", book_path).exit_code == 1
    book = load_workbook(book_path)
    assert book.sheetnames == ["Summary", "Rule 143", "Rule 144", "Rule 357"]
    sheet = book["Rule 144"]
    assert [c.value for c in sheet[2]] == ["Child", "File", "Row", "LS"]
    assert [c.value for c in sheet[3]] == ["C2", "SSDA903_2025_episodes.csv", 3, "C9"]


def test_what_other_validators_choke_on_is_a_note_or_a_breach(tmp_path):
    # Lower-case headers and an extra column; an ISO date; a 29 February birthday; blank dates;
    # an empty file named as a table; a file that is not a return.
    write(tmp_path, "SSDA903_2025_header.csv", HEADER.lower().replace("\n", ",extra\n") +
          "C1,M,2010-06-01,WBRI,A123456789012,,,x\nC2,F,29/02/2012,WBRI,A123456789012,,,\n"
          "C3,F,,WBRI,A123456789012,,,\n")
    write(tmp_path, "SSDA903_2025_episodes.csv", "")
    write(tmp_path, "notes.txt", "not a return")
    result = run(tmp_path, "--format", "csv")
    assert result.exit_code == 0 or breaches(result), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    said = " ".join(result.stderr.split())
    assert "column extra: not a column of the 903 header table; not checked" in said
    assert "SSDA903_2025_episodes.csv: the file is empty" in said
    assert "notes.txt: not an SSDA903 table or CIN census file; not checked" in said
    # The ISO and leap-day dates are dates: only the blank date of birth breaks rule 102.
    assert [(b["rule"], b["row"]) for b in breaches(result) if b["rule"] == "102"] == [("102", "4")]
