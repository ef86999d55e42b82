"""The looked-after measures members ask for (issue 11): rates of starting and ceasing, reasons
for ceasing, where children live (LAIT 87 is in test_placements.py), social workers, UASC and
the National Transfer Scheme, care proceedings, and the OC2 outcomes (convictions, substance
misuse)."""


def test_rates_of_starting_and_ceasing_per_10000_children(authority):
    a = authority
    a.population(2024, 20000)  # the mid-2024 estimate serves the year to 31 March 2025
    for child in "ABC":
        a.child(child)
    a.episode("A", "2024-04-01")  # starts on the year's first day
    a.episode("B", "2025-03-31")  # and on its last
    a.episode("C", "2023-06-01", ceased="2024-06-01", reason="E4A")  # started the year before; ceased in it
    # DfE (LAIT 376, 392): children starting (ceasing) in the year x 10,000 / children aged 0-17:
    # 2 x 10,000 / 20,000 = 1.0 starting, 1 x 10,000 / 20,000 = 0.5 ceasing
    assert a.figure("cla_started_rate_per_10k", "2024-25") == (2, 20000, 1.0)
    assert a.figure("cla_ceased_rate_per_10k", "2024-25") == (1, 20000, 0.5)
    # a quarter shows the 12 months to its end, comparable with the published year
    assert a.figure("cla_started_rate_per_10k", "2024-25:Q4") == (2, 20000, 1.0)
    assert a.figure("cla_started_rate_per_10k", "2024-25:Q1") == (1, 20000, 0.5)  # July 2023 to June 2024: A


def test_children_ceasing_by_reason(authority):
    a = authority
    for child in "ABCDEFGH":
        a.child(child)
    a.uasc("F")
    a.episode("A", "2023-01-01", ceased="2024-07-01", reason="E11")  # adopted
    a.episode("B", "2023-01-01", ceased="2024-08-01", reason="E45")  # special guardianship
    a.episode("C", "2023-01-01", ceased="2024-09-01", reason="E4A")  # home, as planned
    a.episode("D", "2023-01-01", ceased="2024-10-01", reason="E4B")  # home, not as planned
    a.episode("E", "2023-01-01", ceased="2024-11-01", reason="X1")  # a new episode, still in care
    a.episode("E", "2024-11-01", new="P")
    a.episode("F", "2024-05-01", ceased="2024-12-01", reason="E3")  # UASC taken over by another authority
    a.episode("G", "2024-05-01", ceased="2024-12-01", reason="E3")  # not UASC
    # H went home, came back and was adopted: counted once, by the last reason (as cla_ceased)
    a.episode("H", "2023-01-01", ceased="2024-05-01", reason="E4A")
    a.episode("H", "2024-08-01", ceased="2025-01-10", reason="E11")
    # children ceasing: A B C D F G H = 7; adopted A H = 2/7 = 28.6%; SGO B = 1/7 = 14.3%;
    # returned home C D = 2/7 = 28.6% (H's return home is not its last reason)
    assert a.figure("cla_ceased_adopted_pct", "2024-25") == (2, 7, 28.6)
    assert a.figure("cla_ceased_sgo_pct", "2024-25") == (1, 7, 14.3)
    assert a.figure("cla_ceased_returned_home_pct", "2024-25") == (2, 7, 28.6)
    assert a.children("cla_ceased_returned_home_pct", "2024-25")["numerator"] == ["C", "D"]
    # National Transfer Scheme transfers out: UASC ceasing E3 (F only)
    assert a.figure("uasc_transferred_out", "2024-25") == (1, None, 1)
    assert a.figure("uasc_transferred_out", "2024-25:Q1") == (0, None, 0)


def test_where_children_live_on_the_day(authority):
    a = authority
    placed = {"A": "U1", "B": "U4", "C": "K2", "D": "K1", "E": "P1", "F": "H5", "G": "K3", "H": "R1", "I": "A4"}
    for child, placement in placed.items():
        a.child(child)
        a.episode(child, "2024-06-01", placement=placement)
    a.child("J")
    a.episode("J", "2024-06-01", placement="U1", legal_status="V3")  # short breaks: not looked after
    # of 9 children looked after (DfE's groups, LAIT 396-401): foster U1 U4 = 2/9 = 22.2%;
    # children's homes and secure homes K2 K1 = 2/9 = 22.2% (R1 is another residential setting);
    # placed with parents P1 = 1/9 = 11.1%; independent or supported H5 K3 = 2/9 = 22.2%
    assert a.figure("cla_foster_pct", "2024-25") == (2, 9, 22.2)
    assert a.figure("cla_residential_pct", "2024-25") == (2, 9, 22.2)
    assert a.figure("cla_placed_with_parents_pct", "2024-25") == (1, 9, 11.1)
    assert a.figure("cla_independent_supported_pct", "2024-25") == (2, 9, 22.2)
    assert a.children("cla_independent_supported_pct", "2024-25")["numerator"] == ["F", "G"]


def test_three_or_more_social_workers(authority):
    a = authority
    for child in "ABCD":
        a.child(child)
        a.episode(child, "2023-01-01")
    # A: X, Y, then X again: two different social workers
    a.involvement("A", "X", "2024-01-01", "2024-06-01")
    a.involvement("A", "Y", "2024-06-01", "2024-09-01")
    a.involvement("A", "X", "2024-09-01")
    # B: X until 1 April (counts: allocated on the year's first day), then Y, then Z
    a.involvement("B", "X", "2023-01-01", "2024-04-01")
    a.involvement("B", "Y", "2024-04-01", "2024-10-01")
    a.involvement("B", "Z", "2024-10-01")
    # C: X ended the day before the year; then Y and Z
    a.involvement("C", "X", "2023-01-01", "2024-03-31")
    a.involvement("C", "Y", "2024-03-31", "2024-10-01")
    a.involvement("C", "Z", "2024-10-01")
    # D: three social workers while out of care count too (DfE: time not looked after included)
    a.child("E")
    a.episode("E", "2024-12-01")
    for worker, start in (("X", "2024-04-10"), ("Y", "2024-06-10"), ("Z", "2024-08-10")):
        a.involvement("E", worker, start)
    # of 5 children looked after on 31 March 2025: B and E had 3 or more = 2/5 = 40.0%
    assert a.figure("cla_3plus_social_workers_pct", "2024-25") == (2, 5, 40.0)
    assert a.children("cla_3plus_social_workers_pct", "2024-25")["numerator"] == ["B", "E"]
    assert a.result("cla_3plus_social_workers_pct", "2024-25:Q4").reason == "needs a period of at least 12 months"


def test_social_workers_need_the_social_worker_data(authority):
    a = authority
    a.child("A")
    a.episode("A", "2023-01-01")
    assert a.result("cla_3plus_social_workers_pct", "2024-25").reason == (
        "not recorded: this authority has no ssd_involvements data")


def test_uasc_starting_and_the_transfer_threshold(authority):
    a = authority
    a.population(2024, 20000)
    a.population(2025, 35001)
    for child in "ABC":
        a.child(child)
    a.uasc("A", start="2024-05-01")
    a.uasc("B", start="2025-01-01")  # UASC from after care began
    a.episode("A", "2024-05-01")
    a.episode("B", "2024-06-01")
    a.episode("C", "2024-07-01")
    assert a.figure("uasc_started", "2024-25") == (1, None, 1)  # A; B was not UASC on the day
    # UASC looked after on 31 March 2025 (A, B) per 10,000: 2 x 10,000 / 20,000 = 1.0
    assert a.figure("uasc_rate_per_10k", "2024-25") == (2, 20000, 1.0)
    # the National Transfer Scheme's 0.1%: 20,000 / 1,000 = 20 exactly; 35,001 / 1,000 = 35.001,
    # rounded up to 36, so that 36 UASC is "at or above 0.1%" and 35 is not
    assert a.figure("uasc_nts_threshold", "2024-25") == (20, 20000, 20)
    assert a.figure("uasc_nts_threshold", "2025-26") == (36, 35001, 36)
    assert a.result("uasc_nts_threshold", "2022-23").reason == "no population estimate for 883 on or before 31 March 2023"


def test_care_proceedings_from_the_first_order_in_a_period_of_care(authority):
    a = authority
    a.population(2024, 20000)
    for child in "ABCDE":
        a.child(child)
    # A: section 20 first, then an interim care order in the year: proceedings from the order
    a.episode("A", "2024-04-15", ceased="2024-06-03", reason="X1", legal_status="V2")
    a.episode("A", "2024-06-03", ceased="2024-11-01", new="L", reason="X1", legal_status="C1")
    a.episode("A", "2024-11-01", new="L", legal_status="C2")  # the care order: the same proceedings
    # B: an interim care order the year before: not in this year
    a.episode("B", "2024-03-20", legal_status="C1")
    # C: police protection, then an interim care order on the year's last day
    a.episode("C", "2025-03-28", ceased="2025-03-31", reason="X1", legal_status="L1")
    a.episode("C", "2025-03-31", new="L", legal_status="C1")
    # D: a second period of care, with new proceedings
    a.episode("D", "2022-01-01", ceased="2023-01-01", reason="E4A", legal_status="C2")
    a.episode("D", "2024-09-01", legal_status="C1")
    # E: accommodated under section 20 only
    a.episode("E", "2024-05-01", legal_status="V2")
    # children whose first C1 or C2 in a period of care is in 2024-25: A (3 June), C, D = 3;
    # per 10,000 children: 3 x 10,000 / 20,000 = 1.5 (beside Cafcass applications, LAIT 275)
    assert a.figure("care_proceedings_started", "2024-25") == (3, None, 3)
    assert a.children("care_proceedings_started", "2024-25")["numerator"] == ["A", "C", "D"]
    assert a.figure("care_proceedings_started", "2024-25:Q1") == (1, None, 1)  # A
    assert a.figure("care_proceedings_rate_per_10k", "2024-25") == (3, 20000, 1.5)


def test_care_proceedings_before_the_first_return_are_not_counted(authority):
    a = authority
    a.child("A")
    # the first episode loaded continues a period of care (L: a new legal status) that began
    # before the first loaded return: its first order cannot be seen, so it is not counted
    a.episode("A", "2024-06-01", new="L", legal_status="C2")
    a.child("B")
    a.episode("B", "2024-06-01", new="S", legal_status="C2")  # care began with the order: counted
    assert a.children("care_proceedings_started", "2024-25")["numerator"] == ["B"]


def test_convictions_and_substance_misuse_of_the_oc2_cohort(authority):
    a = authority
    ages = {"A": "2010-01-01", "B": "2012-01-01", "C": "2016-01-01", "D": "2008-01-01", "E": "2012-01-01"}
    for child, dob in ages.items():
        a.child(child, dob=dob)
    for child in "ABCD":
        a.episode(child, "2023-01-01")  # looked after for the 12 months to 31 March 2025
    a.episode("E", "2024-06-01")  # not for 12 months: not in the cohort
    # on 31 March 2025 A is 15, B 13, C 9 (under 10), D 17, E 13
    a.conviction("A", "2025-03-31")  # the 903's OC2: convicted during the year
    a.conviction("B", "2025-03-31", convicted="N")
    a.conviction("D", "2024-03-31")  # the year before
    a.conviction("E", "2025-03-31")
    a.substance_misuse("A", "2025-03-31")
    a.substance_misuse("C", "2025-03-31")
    a.substance_misuse("B", "2025-03-31", misused="N")
    # DfE: convictions of children aged 10 to 17 looked after for 12 months: A, B, D; A convicted = 1/3
    assert a.figure("cla_convicted_pct", "2024-25") == (1, 3, 33.3)
    # substance misuse, all ages of the cohort (A to D): A and C = 2/4
    assert a.figure("cla_substance_misuse_pct", "2024-25") == (2, 4, 50.0)
