"""Health of looked-after children: the OC2 cohort's checks, SDQ scores, initial health assessments."""


def test_annual_checks_of_children_looked_after_for_12_months(authority):
    a = authority
    for child, dob in [("A", "2014-06-01"), ("B", "2014-06-01"), ("C", "2020-06-01"), ("D", "2008-06-01"),
                       ("E", "2014-06-01")]:
        a.child(child, dob=dob)
    # LAIT 3 (OC2): children looked after at 31 March who had been looked after continuously for at
    # least 12 months; counting both ends, as 903 rules 190 and 191 do, on 31 March 2025 the cohort
    # entered care on or before 1 April 2024 (the same rule as long-term stability's 2.5 years)
    a.episode("A", "2024-04-01")
    a.episode("B", "2024-04-02")  # looked after a day less than the 12 months: not counted
    a.episode("C", "2020-07-01")
    a.episode("D", "2021-01-01")
    a.episode("E", "2020-07-01", legal_status="V4")  # short breaks: not counted
    a.health_check("A", "2025-03-31")  # as a 903 return dates the year's status
    a.health_check("A", "2024-04-01", type="DENTAL_CHECK")
    a.immunisations("A", "2025-03-31")
    a.sdq("A", "2025-03-31", 12)
    a.health_check("B", "2025-03-31")
    a.health_check("C", "2024-03-31")  # a year and a day before: out of date
    a.health_check("C", "2025-01-01", status="Not completed")
    a.immunisations("C", "2024-06-01", up_to_date="N")
    a.immunisations("C", "2025-02-01")  # the latest status counts
    a.sdq("C", "2025-02-01", 30)  # aged 4: no SDQ average
    a.health_check("D", "2024-12-01", status=None)  # dated, with no status: done
    a.sdq("D", "2024-06-01", 25)
    a.sdq("D", "2025-02-01", 17)  # aged 16: the latest score counts
    assert a.figure("cla_health_assessment_pct", "2024-25") == (2, 3, 66.7)
    assert a.children("cla_health_assessment_pct", "2024-25") == {"numerator": ["A", "D"],
                                                                  "denominator": ["A", "C", "D"]}
    assert a.figure("cla_dental_check_pct", "2024-25") == (1, 3, 33.3)
    assert a.figure("cla_immunisations_pct", "2024-25") == (2, 3, 66.7)
    assert a.figure("cla_sdq_average", "2024-25") == (29, 2, 14.5)


def test_annual_checks_only_where_recorded(authority):
    a = authority
    a.child("A")
    a.episode("A", "2020-07-01")
    a.sdq("A", "2025-03-31", 12)
    for id, table in [("cla_health_assessment_pct", "ssd_cla_health"), ("cla_dental_check_pct", "ssd_cla_health"),
                      ("cla_immunisations_pct", "ssd_cla_immunisations")]:
        assert a.result(id, "2024-25").reason == f"not recorded: this authority has no {table} data"
    assert a.figure("cla_sdq_average", "2024-25") == (12, 1, 12.0)


def test_annual_checks_from_903_returns_only_for_periods_ending_on_31_march(authority):
    # The 903's OC2 says only whether each year's checks were done by 31 March (the reader dates
    # them then): on 30 September, whether a child's checks were in the 12 months to it is not
    # known (a child who joined the cohort in the summer has no OC2 row yet), so from 903 returns a
    # figure is given only for periods ending on 31 March. An SSD extract dates each check.
    a = authority
    a.child("A")
    a.episode("A", "2020-07-01")
    for year in (2024, 2025):
        a.health_check("A", f"{year}-03-31")
        a.health_check("A", f"{year}-03-31", type="DENTAL_CHECK")
        a.immunisations("A", f"{year}-03-31")
        a.sdq("A", f"{year}-03-31", 12)
    a.loaded("ssda903", 2024, 2025)
    ids = ["cla_health_assessment_pct", "cla_dental_check_pct", "cla_immunisations_pct", "cla_sdq_average"]
    for period in ("2024-25", "2024-25:Q4", "2025-03", "12m:2024-03"):
        assert [a.result(id, period).value for id in ids] == [100, 100, 100, 12], period
    for period in ("2024-25:Q2", "2024-09", "12m:2024-12"):
        for id in ids:
            result = a.result(id, period)
            assert result.value is None and result.reason == (
                "only for periods ending on 31 March: this authority's health checks come from 903 returns, "
                "which give each year's checks as at 31 March, not the days they were done"), (id, period)
    a.health_check("A", "2024-08-01")  # from an SSD extract: dated as done
    a.loaded("ssd")
    assert a.figure("cla_health_assessment_pct", "2024-25:Q2") == (1, 1, 100.0)


def test_initial_health_assessments_within_20_working_days_over_easter(authority):
    a = authority
    for child in "ABCD":
        a.child(child)
        a.episode(child, "2025-04-17")  # Thursday 17 April 2025: the 20th working day after is 20 May
    assert a.result("cla_initial_health_assessment_20wd_pct", "2025-26:Q1").reason == (
        "not recorded: this authority has no ssd_cla_health (clah_health_check_type = 'INITIAL_HEALTH_ASSESSMENT') data")
    a.health_check("A", "2025-05-20", type="INITIAL_HEALTH_ASSESSMENT")
    a.health_check("B", "2025-05-21", type="INITIAL_HEALTH_ASSESSMENT")
    a.health_check("C", "2025-04-30", type="INITIAL_HEALTH_ASSESSMENT", status="Cancelled")
    a.health_check("D", "2025-04-16", type="INITIAL_HEALTH_ASSESSMENT")  # before care began: not this one
    assert a.figure("cla_initial_health_assessment_20wd_pct", "2025-26:Q1") == (1, 4, 25.0)
    assert a.children("cla_initial_health_assessment_20wd_pct", "2025-26:Q1")["numerator"] == ["A"]


def test_children_whose_20_working_days_have_not_passed_are_not_yet_counted(authority):
    # Statutory guidance (Promoting the health and well-being of looked-after children) expects the
    # initial health assessment within 20 working days of entering care; a child whose 20 working
    # days run past the period's end is not yet judged. At 30 June 2025 (Monday), 20 working days
    # back is 2 June: a child starting then has had them, one starting 3 June has not.
    a = authority
    for child in "ABC":
        a.child(child)
    a.episode("A", "2025-06-02")
    a.episode("B", "2025-06-03")
    a.episode("C", "2025-06-20")
    a.health_check("A", "2025-06-30", type="INITIAL_HEALTH_ASSESSMENT")
    a.health_check("C", "2025-06-25", type="INITIAL_HEALTH_ASSESSMENT")  # done, but its time is not up
    assert a.figure("cla_initial_health_assessment_20wd_pct", "2025-26:Q1") == (1, 1, 100.0)
    assert a.figure("cla_initial_health_assessment_20wd_pct", "2025-26:Q2") == (0, 0, None)  # none started
    assert a.figure("cla_initial_health_assessment_20wd_pct", "2025-26") == (2, 3, 66.7)  # all due by March
