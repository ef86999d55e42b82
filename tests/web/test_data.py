"""Data pages: uploads through the same readers and loader as `cscperf load`, load history and findings."""

from __future__ import annotations

import pytest

from tests.ssda903 import write
from tests.web.conftest import make_site


def store_rows(site) -> dict:
    web = site.app.state.web
    con = web.store.cursor()
    try:
        return {
            "loads": con.execute("SELECT count(*) FROM meta.loads").fetchone()[0],
            "files": con.execute("SELECT count(*) FROM meta.load_files").fetchone()[0],
            "findings": con.execute("SELECT count(*) FROM meta.findings").fetchone()[0],
            "people": con.execute("SELECT count(*) FROM ssd_person").fetchone()[0],
        }
    finally:
        con.close()


def upload(client, files: list[tuple[str, bytes]], **fields):
    return client.post("/data/upload", data={"csrf_token": client.form_token, **fields},
                       files=[("files", (name, content, "application/octet-stream")) for name, content in files])


def test_a_broken_upload_changes_nothing_and_says_why(site):
    before = store_rows(site)
    site.client("analyst").get("/data")  # the page is kept until the next load
    response = upload(site.client("analyst"), [("notes.txt", b"This is not a return.\n"),
                                                 ("..\\..\\evil.csv", b"\x00\x01\x02")], la="883")
    assert response.status_code == 400
    assert "not a file cscperf can read" in response.text
    assert "Nothing was loaded." in response.text
    assert store_rows(site) == before
    with site.appdb() as con:
        assert con.execute("SELECT event FROM audit ORDER BY audit_id DESC LIMIT 1").fetchone()[0] == "upload-failed"


@pytest.mark.parametrize("fields, message", [
    ({}, "Select one or more files to upload"),
    ({"la": "88"}, "Enter the authority"),
    ({"year": "25"}, "Enter the collection year as 4 digits"),
])
def test_upload_form_errors(shared_site, fields, message):
    client = shared_site.client("analyst")
    files = [] if not fields else [("x.csv", b"a\n")]
    response = upload(client, files, **fields)
    assert response.status_code == 400
    assert message in response.text
    assert "There is a problem" in response.text


def test_an_upload_loads_the_files_and_shows_the_load(site, tmp_path):
    header = write(tmp_path / "SSDA903_2018_header.csv", [{"CHILD": "N1", "SEX": "2", "DOB": "01/02/2014",
                                                           "ETHNIC": "WBRI", "UPN": "UN1"}])
    episodes = write(tmp_path / "SSDA903_2018_episodes.csv", [{"CHILD": "N1", "DECOM": "01/05/2017", "RNE": "S",
                                                               "LS": "C2", "CIN": "N1", "PLACE": "U1"}])
    files = [(p.name, p.read_bytes()) for p in (header, episodes)]
    before = store_rows(site)
    site.client("analyst").get("/data")  # the page is kept until the next load
    response = upload(site.client("analyst"), files, la="883")
    assert response.status_code == 303, response.text
    after = store_rows(site)
    assert after["loads"] == before["loads"] + 1 and after["files"] == before["files"] + len(files)
    page = site.client("analyst").get(response.headers["location"])
    assert "The files were loaded." in page.text and "SSDA903_2018_header.csv" in page.text
    load_id = int(response.headers["location"].split("/")[-1].split("?")[0])
    assert f'href="/data/loads/{load_id}"' in site.client("analyst").get("/data").text  # not an old copy


def test_load_history_and_one_load(shared_site):
    client = shared_site.client("analyst")
    history = client.get("/data")
    assert history.status_code == 200 and 'href="/data/loads/1"' in history.text
    load = client.get("/data/loads/1")
    assert load.status_code == 200
    assert "header_2025.csv" in load.text and "This load recorded no findings." in load.text
    assert client.get("/data/loads/999").status_code == 404


def test_a_loads_findings_are_listed(site):
    con = site.app.state.web.store.cursor()
    con.execute("INSERT INTO meta.findings VALUES (1, '883', 'header_2025.csv', 'ssd_person', 3, "
                "'pers_dob', '2099-01-01', 'date-in-future', 'warning', 'the date is in the future', NULL)")
    con.close()
    page = site.client("analyst").get("/data/loads/1").text
    assert "date-in-future" in page and "the date is in the future" in page


def test_the_children_behind_a_dfe_rule_are_listed_for_analysts_and_the_look_audited(site):
    con = site.app.state.web.store.cursor()
    for child, row in (("C1", 2), ("C2", 3), ("C2", 4)):
        con.execute("INSERT INTO meta.findings VALUES (1, '883', 'episodes.csv', 'episodes', ?, 'RNE', "
                    "'X', '143', 'error', 'The reason for new episode code is not a valid code.', ?)",
                    [row, child])
    con.close()
    analyst = site.client("analyst")
    page = analyst.get("/data/loads/1").text
    # By rule, worst first: the rule's message, 3 findings about 2 children, linked to them.
    assert "The reason for new episode code is not a valid code." in page
    assert 'href="/data/loads/1/rules/143">2<' in page
    children = analyst.get("/data/loads/1/rules/143.json").json()
    assert [(f["child"], f["row"]) for f in children["findings"]] == [("C1", 2), ("C2", 3), ("C2", 4)]
    assert "2 children; 3 findings" in analyst.get("/data/loads/1/rules/143").text
    with site.appdb() as db:
        audit = db.execute("SELECT detail FROM audit WHERE event = 'rule-children'").fetchall()
    assert [tuple(a) for a in audit] == [("load 1, rule 143: 2 children",)] * 2
    assert site.client("member").get("/data/loads/1/rules/143").status_code == 403
    assert analyst.get("/data/loads/1/rules/999").status_code == 404


def test_the_home_page_lists_the_store_and_hides_counts_from_members(shared_site):
    analyst = shared_site.client("analyst").get("/").text
    member = shared_site.client("member").get("/").text
    for page in (analyst, member):
        assert "Local authority 883" in page and "2025" in page
    assert "ssd_person" in analyst
    assert "ssd_person" not in member


def test_json_twins_of_the_home_and_data_pages(shared_site):
    analyst, member = shared_site.client("analyst"), shared_site.client("member")
    [held] = analyst.get("/.json").json()["authorities"]
    assert held["la"] == "883" and "2025" in held["collection_years"]
    assert held["tables"] == [{"table": "ssd_person", "collection_years": "2025", "rows": 3}]
    assert member.get("/.json").json() == {"authorities": [{"la": "883", "collection_years": held["collection_years"]}]}
    [load] = analyst.get("/data.json").json()["loads"]
    assert (load["load_id"], load["la"], load["files"]) == (1, "883", 1)
    one = analyst.get("/data/loads/1.json").json()
    assert one["load"] == load and one["files"][0]["name"] == "header_2025.csv" and one["findings"] == []
    assert member.get("/data.json").status_code == 403


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    site = make_site(tmp_path, upload_max_mb=1)
    before = store_rows(site)
    site.client("analyst").get("/data")  # the page is kept until the next load
    response = upload(site.client("analyst"), [("big.csv", b"x" * (2 * 1024 * 1024))])
    assert response.status_code == 413 and "The upload is too large" in response.text
    assert store_rows(site) == before
