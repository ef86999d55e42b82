"""Front door: contacts and referrals, with hand-worked expectations."""


def test_contacts_count_both_ends_of_the_period_and_nothing_outside(authority):
    a = authority
    a.child("A")
    for day in ["2024-03-31", "2024-04-01", "2025-03-31", "2025-04-01"]:
        a.contact("A", day)
    assert a.figure("contacts", "2024-25") == (2, None, 2)
    assert a.figure("contacts", "2024-25:Q1") == (1, None, 1)
    assert a.figure("contacts", "2024-25:Q4") == (1, None, 1)
    assert a.figure("contacts", "2024-04") == (1, None, 1)


def test_contact_leads_to_a_referral_by_its_outcome_or_a_referral_within_5_working_days(authority):
    a = authority
    for child in "ABCDE":
        a.child(child)
    a.contact("A", "2024-06-03", new_referral="Y")  # outcome says so
    a.contact("B", "2024-06-03", new_referral="N")  # outcome says not, despite a referral next day
    a.referral("B", "2024-06-04")
    # no outcome recorded: Thursday 17 April 2025, then Easter; 24 April is 4 working days later
    a.contact("C", "2025-04-17")
    a.referral("C", "2025-04-24")
    a.contact("D", "2024-06-03")  # Monday; the next Tuesday is the 6th working day
    a.referral("D", "2024-06-11")
    a.contact("E", "2024-06-03")  # no referral at all
    assert a.figure("contacts_to_referral_pct", "2024-25") == (1, 4, 25.0)
    assert a.figure("contacts_to_referral_pct", "2025-26") == (1, 1, 100.0)
    assert a.children("contacts_to_referral_pct", "2024-25") == {
        "numerator": ["A"], "denominator": ["A", "B", "D", "E"]}


def test_referrals_count_every_referral_dated_in_the_period_nfa_or_not(authority):
    a = authority
    a.child("A")
    a.child("B")
    a.referral("A", "2024-03-31")  # the day before
    a.referral("A", "2024-04-01", nfa="Y")
    a.referral("B", "2024-09-30")
    a.referral("B", "2025-03-31")
    a.referral("B", "2025-04-01")  # the day after
    assert a.figure("referrals", "2024-25") == (3, None, 3)
    assert a.figure("referrals", "2024-25:Q2") == (1, None, 1)
    assert a.figure("referrals_nfa_pct", "2024-25") == (1, 3, 33.3)


def test_referrals_by_source(authority):
    a = authority
    a.child("A")
    a.referral("A", "2024-05-01", source="6")
    a.referral("A", "2024-06-01", source="2A")
    a.referral("A", "2024-07-01", source="6")
    assert a.by("referrals", "2024-25", "referral_source") == {"2A": (1, None, 1), "6": (2, None, 2)}


def test_rereferral_is_within_12_months_back_to_the_same_calendar_date(authority):
    a = authority
    for child in "ABCD":
        a.child(child)
    # A: previous referral exactly a year before, in the previous year's return: a re-referral
    a.referral("A", "2023-06-15")
    a.referral("A", "2024-06-15")
    # B: previous referral a year and a day before: not
    a.referral("B", "2023-06-14")
    a.referral("B", "2024-06-15")
    # C: two referrals in the same year: the second is a re-referral, the first is not
    a.referral("C", "2024-05-01")
    a.referral("C", "2024-11-01")
    # D: first ever referral
    a.referral("D", "2025-03-31")
    assert a.figure("rereferrals_12m_pct", "2024-25") == (2, 5, 40.0)
    assert a.children("rereferrals_12m_pct", "2024-25")["numerator"] == ["A", "C"]
    # the earlier year's return holds A's and B's first referrals, neither a re-referral
    assert a.figure("rereferrals_12m_pct", "2023-24") == (0, 2, 0.0)


def test_referral_rate_uses_the_12_months_to_the_period_end_and_that_mid_year_population(authority):
    a = authority
    a.child("A")
    a.referral("A", "2023-07-01")  # inside the 12 months to 30 June 2024
    a.referral("A", "2023-06-30")  # just outside
    a.referral("A", "2024-06-30")
    a.population(2023, 40_000)
    a.population(2024, 50_000)  # mid-2024 is 30 June 2024, on the period's last day
    result = a.result("referral_rate_per_10k", "2024-25:Q1")
    assert (result.start.isoformat(), result.end.isoformat()) == ("2023-07-01", "2024-06-30")
    assert a.figure("referral_rate_per_10k", "2024-25:Q1") == (2, 50_000, 0.4)
    # a month earlier: 1 June 2023 to 31 May 2024, and the latest estimate is mid-2023
    assert a.figure("referral_rate_per_10k", "2024-05") == (2, 40_000, 0.5)


def test_contacts_are_unavailable_where_none_are_recorded(authority):
    # as for an authority whose only source is the CIN census, which has no contacts
    a = authority
    a.child("A")
    a.referral("A", "2024-06-01")
    for id in ("contacts", "contacts_to_referral_pct"):
        result = a.result(id, "2024-25")
        assert (result.value, result.reason) == (None, "not recorded: this authority has no ssd_contacts data")
