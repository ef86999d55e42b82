"""Care leavers members ask about (issue 11): how many the authority supports, those it is not in
touch with (LAIT 317) and those staying put with their former foster carers (LAIT 354)."""


def _leavers(a):
    a.child("A", dob="2005-06-01")
    a.episode("A", "2020-01-01", ceased="2023-06-01", reason="E17", placement="U4")  # left foster care at 18
    a.care_leaver("A", "2024-06-01", accommodation="Z1")  # 19: with former foster carers
    a.child("B", dob="2005-07-01")
    a.episode("B", "2020-01-01", ceased="2023-07-01", reason="E5", placement="U1")  # left foster care at 18
    a.care_leaver("B", "2024-07-01", in_touch="NO", activity="0", accommodation="D1")  # 19: elsewhere
    a.child("C", dob="2004-08-01")
    a.episode("C", "2020-01-01", ceased="2022-08-01", reason="E5", placement="K2")  # left a children's home
    a.care_leaver("C", "2024-08-01", in_touch="REFU", accommodation="Z1")  # 20
    a.child("D", dob="2003-09-01")
    a.episode("D", "2020-01-01", ceased="2021-09-01", reason="E17", placement="U4")
    a.care_leaver("D", "2024-09-01", accommodation="Z1")  # 21: staying put counts 19 and 20 only
    a.child("E", dob="2005-10-01")
    a.episode("E", "2020-01-01", ceased="2023-09-30", reason="E5", placement="U4")  # the day before 18
    a.care_leaver("E", "2024-10-01", accommodation="Z1")  # 19
    a.child("F", dob="2001-11-01")
    a.care_leaver("F", "2024-11-01")  # 23: an older care leaver the SSD records
    a.child("G", dob="2007-12-01")
    a.care_leaver("G", "2024-12-01", in_touch="NREQ")  # 17, no longer requires services
    a.child("H", dob="2005-01-15")
    a.care_leaver("H", "2025-01-15", in_touch="DIED")


def test_care_leavers_supported(authority):
    a = authority
    _leavers(a)
    a.care_leaver("A", "2023-06-01")  # A's 18th birthday record too: still one young person
    # with a record in the 12 months to 31 March 2025, other than NREQ, DIED or RHOM: A B C D E F
    assert a.figure("care_leavers_supported", "2024-25") == (6, None, 6)
    # the quarter to 31 December 2024 counts the 12 months from January 2024: the same six
    assert a.figure("care_leavers_supported", "2024-25:Q3") == (6, None, 6)
    # the 12 months to 30 June 2024: A (1 June 2024; its 2023 record is before July 2023)
    assert a.figure("care_leavers_supported", "2024-25:Q1") == (1, None, 1)


def test_care_leavers_not_in_touch(authority):
    a = authority
    _leavers(a)
    # LAIT 317: of care leavers aged 19 to 21 (A B C D E), the authority not in touch (NO) with
    # nothing known of what they do (activity 0): B; C refused contact (REFU), which is not "not in
    # touch" = 1/5 = 20.0%
    assert a.figure("care_leavers_not_in_touch_pct", "2024-25") == (1, 5, 20.0)


def test_care_leavers_staying_put(authority):
    a = authority
    _leavers(a)
    # LAIT 354: care leavers aged 19 or 20 who left a foster placement on their 18th birthday
    # (A, B; C left a children's home, D is 21, E left the day before) and live with their former
    # foster carers (accommodation Z): A = 1/2 = 50.0%
    assert a.figure("care_leavers_staying_put_pct", "2024-25") == (1, 2, 50.0)
    assert a.children("care_leavers_staying_put_pct", "2024-25") == {"numerator": ["A"], "denominator": ["A", "B"]}
