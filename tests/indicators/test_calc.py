"""The shared calc helpers and how the store is prepared for them."""


from cscperf.indicators import calc


def test_district_is_that_of_the_latest_home_postcode_from_addresses_or_episodes(authority):
    a = authority
    a.child("A")
    a.child("B")
    a.home("A", "LS1 1AA", since="2020-01-01", district="E08000035")
    a.episode("A", "2023-05-01", home_postcode="BD1 1AA")  # a later home, from the 903
    a.con.execute("INSERT INTO meta.postcodes VALUES ('BD11AA', 0, 0, 'E08000032')")
    a.home("B", "LS1 1AA", since="2024-01-01")
    a.episode("B", "2023-05-01", home_postcode="BD1 1AA")  # an earlier home
    a.save()
    calc.prepare(a.con)
    assert a.con.execute("SELECT person_id, district FROM calc.children ORDER BY 1").fetchall() == [
        ("A", "E08000032"), ("B", "E08000035")]


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


def test_threads_computing_at_once_after_a_load_agree(authority):
    # as the web application does: one store, a cursor per request thread
    from concurrent.futures import ThreadPoolExecutor

    from cscperf.indicators import engine

    a = authority
    for child in "ABC":
        a.child(child)
        a.referral(child, "2024-06-01")
    a.save()  # the helpers are now out of date: the first thread in rebuilds them

    def referrals(_):
        cursor = a.con.cursor()
        return [r.value for r in engine.compute(cursor, ["referrals"], "2024-25", la="883")]

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(referrals, range(8))) == [[3]] * 8
