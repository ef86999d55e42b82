"""The shared calc helpers and how the store is prepared for them."""

from datetime import date

from cscperf.indicators import calc


def test_episodes_of_care_leave_out_short_breaks_and_know_their_period_of_care(authority):
    a = authority
    a.child("A")
    a.episode("A", "2022-01-10", ceased="2022-05-01", reason="X1")
    a.episode("A", "2022-05-01", ceased="2022-08-01", new="P", reason="E13")  # period ends
    a.episode("A", "2023-02-01", ceased="2023-02-03", legal_status="V3", reason="E13")  # a short break
    a.episode("A", "2024-03-01", new="S")  # a new period of care
    a.save()
    calc.prepare(a.con)
    rows = a.con.execute("SELECT start_date, period_of_care_start FROM calc.cla_episodes ORDER BY 1").fetchall()
    assert rows == [(date(2022, 1, 10), date(2022, 1, 10)), (date(2022, 5, 1), date(2022, 1, 10)),
                    (date(2024, 3, 1), date(2024, 3, 1))]


def test_prepare_rebuilds_when_the_data_change_and_not_otherwise(authority):
    con = authority.con
    calc.prepare(con)
    before = con.execute("SELECT * FROM meta.indicator_helpers").fetchall()
    calc.prepare(con)
    assert con.execute("SELECT * FROM meta.indicator_helpers").fetchall() == before
    authority.child("A")
    authority.referral("A", "2024-05-01")
    authority.save()
    calc.prepare(con)
    assert con.execute("SELECT * FROM meta.indicator_helpers").fetchall() != before
    assert con.execute("SELECT count(*) FROM calc.referrals").fetchone() == (1,)


def test_every_helper_is_described():
    helpers = calc.helpers()
    created = calc.calc_sql().count("CREATE OR REPLACE")
    assert len(helpers) == created and all(description for _, _, description in helpers)


def test_age_on_a_date(con):
    calc.prepare(con)
    ages = con.execute("SELECT calc.age_on(DATE '2008-02-29', DATE '2025-02-28'), "
                       "calc.age_on(DATE '2008-02-29', DATE '2025-03-01'), "
                       "calc.age_band(DATE '2025-01-01', DATE '2024-12-31')").fetchone()
    assert ages == (16, 17, "Unborn")
