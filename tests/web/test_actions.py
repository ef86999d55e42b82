"""Committee actions through the web pages."""

from __future__ import annotations

import re

from cscperf.appdb import actions

FORM = {"committee": "Corporate Parenting Board", "meeting_date-day": "27", "meeting_date-month": "3",
        "meeting_date-year": "2025", "asked": "Why are more children placed over 20 miles away?",
        "asked_by": "Cllr Smith", "indicator": "cla_placed_20miles_pct", "owner": "Head of placements",
        "due_date-day": "30", "due_date-month": "6", "due_date-year": "2025", "status": "open"}


def test_an_analyst_records_then_answers_an_action(site):
    client = site.client("analyst")
    created = client.post("/actions/new", data={**FORM, "csrf_token": client.form_token})
    assert created.status_code == 303
    url = created.headers["location"]
    action_id = int(url.rsplit("/", 1)[1])
    shown = client.get(url).text
    assert "Why are more children placed over 20 miles away?" in shown and "27 March 2025" in shown

    answer = {**FORM, "status": "answered", "response": "Sufficiency: no local beds for teenagers."}
    assert client.post(f"{url}/edit", data={**answer, "csrf_token": client.form_token}).status_code == 303
    with site.appdb() as con:
        action = actions.get(con, action_id)
        assert (action.status, action.updated_by) == (actions.Status.ANSWERED, "analyst1")
        assert [a.action_id for a in actions.answered(con)] == [action_id]

    listing = site.client("member").get("/actions").text
    assert re.search(r"Answered \(1\)", listing) and re.search(r"Outstanding \(1\)", listing)
    assert "Record an action" not in listing
    data = site.client("member").get("/actions.json").json()
    [answered] = data["answered"]
    assert (answered["action_id"], answered["status"], answered["meeting_date"], answered["overdue"]) == (
        action_id, "answered", "2025-03-27", False)
    assert site.client("member").get(f"/actions/{action_id}.json").json() == answered


def test_action_form_errors_are_shown_against_their_fields(shared_site):
    client = shared_site.client("analyst")
    bad = {**FORM, "committee": "", "meeting_date-day": "31", "meeting_date-month": "2", "status": "answered"}
    response = client.post("/actions/new", data={**bad, "csrf_token": client.form_token})
    assert response.status_code == 400
    text = response.text
    assert "Enter the committee&#39;s name" in text
    assert "The meeting date must be a real date" in text and 'href="#meeting_date-day"' in text
    assert "Enter the response given" in text
    assert 'value="Why are more children placed over 20 miles away?"' not in text  # textarea, not input
    assert "Why are more children placed over 20 miles away?" in text  # kept for the person to fix


def test_an_unknown_action_is_not_found(shared_site):
    assert shared_site.client("member").get("/actions/999").status_code == 404
    analyst = shared_site.client("analyst")
    assert analyst.post("/actions/999/edit", data={**FORM, "csrf_token": analyst.form_token}).status_code == 404
