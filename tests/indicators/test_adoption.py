"""Adoption and permanence: adoptions, special guardianship orders and the adoption scorecard's
A1 and A2, from episodes (periods of care and placements derived as for a 903 load) and adoption
records. Days are counted by hand in the comments."""

from datetime import date

import pytest

from cscperf.indicators import engine


@pytest.fixture
def adopted(authority):
    a = authority
    for child in "ABCDEHI":
        a.child(child, dob="2020-01-15")
    # A: placed with new adopters (P, A4) under a placement order (E1 from 15 September 2022)
    a.episode("A", "2021-05-10", "2021-11-01", new="S", legal_status="C1", placement="U1", reason="X1")
    a.episode("A", "2021-11-01", "2022-09-15", new="L", legal_status="C2", placement="U1", reason="X1")
    a.episode("A", "2022-09-15", "2023-02-20", new="L", legal_status="E1", placement="U1", reason="X1")
    a.episode("A", "2023-02-20", "2024-06-30", new="P", legal_status="E1", placement="A4", reason="E11")
    a.permanence("A", decision="2022-06-01", matched="2023-01-16")
    # B: adopted by the foster carer they moved to on 1 March 2022 (U: same carer, now A5);
    # matched before the placement order
    a.episode("B", "2022-01-04", "2022-03-01", new="S", placement="U3", reason="X1")
    a.episode("B", "2022-03-01", "2023-05-02", new="P", placement="U4", reason="X1")
    a.episode("B", "2023-05-02", "2024-10-15", new="U", legal_status="E1", placement="A5", reason="E12")
    a.permanence("B", decision="2023-01-05", matched="2023-04-20", by_foster_carer="Y")
    # C and D: special guardianship (D on the period's last day, under an older code)
    a.episode("C", "2023-06-01", "2024-12-01", reason="E45")
    a.episode("D", "2023-06-01", "2025-03-31", reason="E44")
    # E: adopted the day before 2024-25; the adoption record's placement order date stands
    a.episode("E", "2022-07-01", "2023-03-01", new="S", placement="U1", reason="X1")
    a.episode("E", "2023-03-01", "2024-03-31", new="P", legal_status="E1", placement="A3", reason="E11")
    a.permanence("E", decision="2022-11-01", placement_order="2023-01-10", matched="2023-02-09", placed="2023-03-01")
    # H adopted the day before the 3 years to 31 March 2025 begin, I on their first day
    a.episode("H", "2021-01-01", "2022-03-31", legal_status="E1", placement="A3", reason="E11")
    a.permanence("H", decision="2020-12-01", matched="2021-03-01")
    a.episode("I", "2021-04-01", "2022-04-01", legal_status="E1", placement="A3", reason="E11")
    a.permanence("I", decision="2021-03-01", matched="2021-04-11")
    a.derive()
    return a


def test_adoptions_and_special_guardianship_orders(adopted):
    a = adopted
    assert a.figure("adoptions", "2024-25") == (2, None, 2)  # A, B; not E (31 March 2024)
    assert a.children("adoptions", "2024-25")["numerator"] == ["A", "B"]
    assert a.figure("adoptions", "2023-24:Q4") == (1, None, 1)  # E
    assert a.figure("sgos", "2024-25") == (2, None, 2)
    assert a.by("sgos", "2024-25", "reason_ceased") == {"E44": (1, None, 1), "E45": (1, None, 1)}


def test_an_adopted_childs_timeline(adopted):
    rows = engine.children(adopted.con, "adoption_a1_avg_days", "2024-25", adopted.la)
    assert [(r["person_id"], r["entered_care"], r["moved_in"], r["days_to_moving_in"], r["placement_order"],
             r["matched"], r["days_order_to_match"]) for r in rows] == [
        # A: 10 May 2021 to 20 February 2023 is 365 + 276 + 10 = 651 days; the order (E1) on
        # 15 September 2022 to the match on 16 January 2023 is 15 + 31 + 30 + 31 + 16 = 123
        ("A", date(2021, 5, 10), date(2023, 2, 20), 651, date(2022, 9, 15), date(2023, 1, 16), 123),
        # B: adopted by their foster carer, so to the foster placement: 27 + 28 + 1 = 56 days;
        # matched before the order: 0
        ("B", date(2022, 1, 4), date(2022, 3, 1), 56, date(2023, 5, 2), date(2023, 4, 20), 0),
    ]


def test_a1_and_a2_for_the_period(adopted):
    a = adopted
    assert a.figure("adoption_a1_avg_days", "2024-25") == (707, 2, 354)  # 353.5, rounded half up
    assert a.figure("adoption_a2_avg_days", "2024-25") == (123, 2, 62)  # 61.5
    assert a.figure("adoption_a1_avg_days", "2024-25:Q1") == (651, 1, 651)


def test_3_year_averages_over_a_boundary(adopted):
    a = adopted
    # 1 April 2022 to 31 March 2025: A 651, B 56, E 243 (1 July 2022 to 1 March 2023), I 0; not H
    assert a.figure("adoption_a1_3y_avg_days", "2024-25") == (950, 4, 238)  # 237.5
    # A 123, B 0, E 30 (the recorded order, 10 January to 9 February 2023), I 10
    assert a.figure("adoption_a2_3y_avg_days", "2024-25") == (163, 4, 41)  # 40.75
    assert a.children("adoption_a1_3y_avg_days", "2024-25")["denominator"] == ["A", "B", "E", "I"]
    # a quarter counts the same 36 months to its end; three months later I has dropped out
    assert a.figure("adoption_a1_3y_avg_days", "2024-25:Q4") == (950, 4, 238)
    assert a.figure("adoption_a1_3y_avg_days", "2025-26:Q1") == (950, 3, 317)  # 316.7


def test_a_child_is_counted_by_the_reason_of_their_last_ceasing_in_the_period(authority):
    # LAIT 390 (special guardianship orders) and the DfE's children ceasing to be looked after by
    # reason: "only the last occasion on which a child ceased to be looked after in the year has
    # been included". J's special guardianship order broke down and J came back into care, then
    # went home: one of the year's children ceasing, returned home, and not an SGO; K was adopted
    # after going home once. Adoptions, SGOs and cla_ceased by reason always agree.
    a = authority
    for child in "JKL":
        a.child(child)
    a.episode("J", "2023-06-01", ceased="2024-06-01", reason="E45")
    a.episode("J", "2024-09-01", ceased="2025-01-10", reason="E4A")
    a.episode("K", "2023-06-01", ceased="2024-05-01", reason="E4B")
    a.episode("K", "2024-06-01", ceased="2025-02-01", reason="E11", placement="A4", legal_status="E1")
    a.episode("L", "2023-06-01", ceased="2024-08-01", reason="E45", legal_status="V3")  # a short break
    assert a.figure("sgos", "2024-25") == (0, None, 0)
    assert a.figure("sgos", "2024-25:Q1") == (1, None, 1)  # J's first ceasing, the last in that quarter
    assert a.children("adoptions", "2024-25")["numerator"] == ["K"]
    assert a.by("cla_ceased", "2024-25", "reason_ceased") == {"Adoption": (1, None, 1), "Returned home": (1, None, 1)}
