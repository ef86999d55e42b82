"""Placements and stability: distance from home, outside the authority, moves, long-term stability."""


def _postcodes(a):
    a.postcode("HH11AA", 0, 0, "E07000001")  # home
    a.postcode("PA11AA", 32186.8, 0, "E07000001")  # 20.0 miles from home, inside the authority
    a.postcode("PB11AA", 32270, 0, "E08000001")  # 20.05 miles: 20.1 to one decimal place; outside
    a.postcode("PC11AA", 32251, 0, "E07000002")  # 20.04 miles: 20.0 to one decimal place; inside


def _placed(a):
    for child in "ABCDE":
        a.child(child)
    a.episode("A", "2024-05-01", home_postcode="HH11AA", placement_postcode="PA11AA")
    a.episode("B", "2024-05-01", home_postcode="HH11AA", placement_postcode="PB11AA")
    a.episode("C", "2024-05-01", home_postcode="HH11AA", placement_postcode="PC11AA")
    a.episode("D", "2024-05-01", home_postcode="HH11AA", placement_postcode="QQ11QQ")  # not a known postcode
    a.episode("E", "2024-05-01", ceased="2024-09-01", reason="X1", home_postcode="HH11AA", placement_postcode="PB11AA")
    a.episode("E", "2024-09-01", new="P", home_postcode="HH11AA", placement_postcode="PA11AA")  # moved nearer


def test_placed_more_than_20_miles_from_home(authority):
    # The DfE's tables of children looked after at 31 March by distance from home take every child
    # looked after (short breaks left out) and show those whose distance is not known as "not
    # known": D's placement postcode is not known, so D is in the denominator, not the numerator.
    a = authority
    _postcodes(a)
    _placed(a)
    a.child("F")
    a.episode("F", "2024-05-01", legal_status="V3", home_postcode="HH11AA", placement_postcode="PB11AA")  # short break
    assert a.figure("cla_placed_20miles_pct", "2024-25") == (1, 5, 20.0)
    assert a.children("cla_placed_20miles_pct", "2024-25") == {"numerator": ["B"],
                                                               "denominator": ["A", "B", "C", "D", "E"]}
    assert a.figure("cla_placed_20miles_pct", "2024-25:Q1") == (2, 5, 40.0)  # E was further away then
    assert a.by("cla_placed_20miles_pct", "2024-25", "distance_from_home") == {
        "20 miles or less": (0, 3, 0.0), "More than 20 miles": (1, 1, 100.0), "Not known": (0, 1, 0.0)}


def test_placed_outside_the_authority_needs_its_districts(authority):
    a = authority
    _postcodes(a)
    _placed(a)
    reason = "not recorded: this authority has no calc.authority_districts data"
    assert a.result("cla_placed_outside_la_pct", "2024-25").reason == reason
    a.districts("E07000001", "E07000002")
    # D's placement district is not known: in the denominator, shown as not known
    assert a.figure("cla_placed_outside_la_pct", "2024-25") == (1, 5, 20.0)
    assert a.by("cla_placed_outside_la_pct", "2024-25", "placement_area") == {
        "Inside the authority": (0, 3, 0.0), "Not known": (0, 1, 0.0), "Outside the authority": (1, 1, 100.0)}
    assert a.by("cla_placed_outside_la_pct", "2024-25", "district") == {"District E07000001": (1, 5, 20.0)}


def test_placed_more_than_20_miles_from_home_outside_the_authority(authority):
    # LAIT 87 (LACDistance): of all children looked after at 31 March (short breaks left out), those
    # placed more than 20 miles from home, outside the authority. B is both (20.1 miles, E08000001);
    # A is 20.0 miles inside; C 20.0 miles outside; D's postcode is not known (in the
    # denominator); E moved nearer in September. 1 of 5 = 20.0%; in Q1 E was both too: 2 of 5.
    a = authority
    _postcodes(a)
    _placed(a)
    a.districts("E07000001")
    assert a.figure("cla_placed_20miles_outside_la_pct", "2024-25") == (1, 5, 20.0)
    assert a.children("cla_placed_20miles_outside_la_pct", "2024-25")["numerator"] == ["B"]
    assert a.figure("cla_placed_20miles_outside_la_pct", "2024-25:Q1") == (2, 5, 40.0)


def test_three_or_more_placements_in_twelve_months(authority):
    a = authority
    for child in "ABCDEF":
        a.child(child)
    # the first episode open in the year counts as one placement, S, P and B episodes as more
    a.episode("A", "2023-01-01", ceased="2024-06-01", reason="X1")
    a.episode("A", "2024-06-01", ceased="2024-12-01", new="P", reason="X1")
    a.episode("A", "2024-12-01", new="P")  # 3
    # LAIT 372: "any placements that were already open on 1 April ... are included", so one ending
    # on 1 April (ceased X1) counts, then two new placements: 3. T continues a placement.
    a.episode("B", "2023-01-01", ceased="2024-04-01", reason="X1")
    a.episode("B", "2024-04-01", ceased="2024-08-01", new="P", reason="X1")
    a.episode("B", "2024-08-01", ceased="2025-01-01", new="T", reason="X1")
    a.episode("B", "2025-01-01", new="B")  # 3
    # L and U continue a placement; a move on the year's last day counts
    a.episode("C", "2024-05-01", ceased="2024-07-01", reason="X1")
    a.episode("C", "2024-07-01", ceased="2024-09-01", new="L", reason="X1", legal_status="C1")
    a.episode("C", "2024-09-01", ceased="2025-02-01", new="U", reason="X1", legal_status="C1")
    a.episode("C", "2025-02-01", ceased="2025-03-31", new="P", reason="X1", legal_status="C1")
    a.episode("C", "2025-03-31", new="B")  # 3
    # leaving care and returning: a new placement
    a.episode("D", "2023-01-01", ceased="2024-05-01", reason="E4A")
    a.episode("D", "2024-10-01")  # 2
    a.episode("E", "2024-06-01", legal_status="V3", ceased="2024-06-03", reason="E4A")  # short breaks are not placements
    a.episode("E", "2024-07-01", legal_status="V3", ceased="2024-07-03", reason="E4A")
    a.episode("E", "2024-08-01")  # 1
    a.episode("F", "2024-05-01", ceased="2025-04-01", reason="X1")
    a.episode("F", "2025-04-01", new="P")  # a move after the year: 1
    assert a.figure("cla_3plus_placements_pct", "2024-25") == (3, 6, 50.0)
    assert a.children("cla_3plus_placements_pct", "2024-25")["numerator"] == ["A", "B", "C"]
    # in the 12 months from 1 March 2024, B's first episode is open too; C has 2 by 28 February
    assert a.children("cla_3plus_placements_pct", "12m:2025-02")["numerator"] == ["A", "B"]
    result = a.result("cla_3plus_placements_pct", "2024-25:Q4")
    assert (result.value, result.reason) == (None, "needs a period of at least 12 months")


def test_temporary_placements_and_adoption_by_the_foster_carers_are_not_placement_changes(authority):
    # 903 placement codes T0-T4 are temporary placements (hospital, holidays, 7 days or less) and
    # 903 rule 383 says "a child in a temporary placement must subsequently return to his/her
    # normal placement": the normal placement continues, so neither the temporary placement nor
    # the return is a change (a return somewhere else is). LAIT 372: "where a child is
    # subsequently placed for adoption with their existing foster carers, then this is not
    # counted as a placement change" (A3, A5: placed for adoption with the current foster carers).
    a = authority
    for child in "ABCD":
        a.child(child)
    home, other = dict(placement="U1", placement_postcode="HH11AA"), dict(placement="U1", placement_postcode="OO11AA")
    # A: in hospital (T1) and back, then on holiday with other carers (T3) and back: 1 placement
    a.episode("A", "2023-01-01", ceased="2024-06-01", reason="X1", **home)
    a.episode("A", "2024-06-01", ceased="2024-06-10", new="P", reason="X1", placement="T1")
    a.episode("A", "2024-06-10", ceased="2024-08-01", new="P", reason="X1", **home)
    a.episode("A", "2024-08-01", ceased="2024-08-15", new="P", reason="X1", placement="T3")
    a.episode("A", "2024-08-15", new="P", **home)
    # B: two temporary placements in a row (T4 then T1), then back home: 1
    a.episode("B", "2023-01-01", ceased="2024-06-01", reason="X1", **home)
    a.episode("B", "2024-06-01", ceased="2024-06-05", new="P", reason="X1", placement="T4")
    a.episode("B", "2024-06-05", ceased="2024-06-20", new="P", reason="X1", placement="T1")
    a.episode("B", "2024-06-20", new="P", **home)
    # C: after a temporary placement, not back to the normal placement but to new carers: 2
    a.episode("C", "2023-01-01", ceased="2024-06-01", reason="X1", **home)
    a.episode("C", "2024-06-01", ceased="2024-06-05", new="P", reason="X1", placement="T4")
    a.episode("C", "2024-06-05", new="P", **other)
    # D: foster care, then placed for adoption with the same foster carers (A5, recorded as a
    # change of carer) and a new foster placement before it: 2
    a.episode("D", "2023-01-01", ceased="2024-05-01", reason="X1", placement="U3")
    a.episode("D", "2024-05-01", ceased="2024-11-01", new="P", reason="X1", placement="U4")
    a.episode("D", "2024-11-01", new="P", placement="A5", legal_status="E1")
    assert a.children("cla_3plus_placements_pct", "2024-25") == {"numerator": [],
                                                                 "denominator": ["A", "B", "C", "D"]}
    placements = {r["person_id"]: r["placements"] for r in a.units("cla_3plus_placements_pct", "2024-25")}
    assert placements == {"A": 1, "B": 1, "C": 2, "D": 2}


def test_long_term_stability(authority):
    # LAIT 393: children looked after on 31 March aged under 16 who had been looked after
    # continuously for at least 2.5 years; of them, those living in the same placement for at least
    # 2 years, or placed for adoption with the adoptive placement and the one before together
    # lasting 2 years. "At least" counts both the first day and 31 March, as the DfE counts "looked
    # after continuously for at least 12 months at 31 March" (903 rules 190, 191: since 1 April a
    # year before): on 31 March 2025, 2.5 years means since 1 October 2022, 2 years since 1 April
    # 2023. A change of placement with the same carer (T, U) or of legal status (L) is not a move.
    a = authority
    for child, dob in [("A", "2012-01-01"), ("B", "2012-01-01"), ("C", "2012-01-01"), ("D", "2012-01-01"),
                       ("E", "2012-01-01"), ("F", "2009-03-31"), ("G", "2012-01-01"), ("H", "2012-01-01")]:
        a.child(child, dob=dob)
    a.episode("A", "2022-09-30")  # a day more than 2.5 years, in one placement: stable
    a.episode("B", "2022-10-01")  # exactly 2.5 years counting both ends: in, and stable
    a.episode("G", "2022-10-02")  # a day short of 2.5 years: not counted
    a.episode("C", "2020-01-01", ceased="2023-04-02", reason="X1")
    a.episode("C", "2023-04-02", ceased="2024-01-01", new="P", reason="X1")  # a day short of 2 years
    a.episode("C", "2024-01-01", new="L", legal_status="C1")  # a change of legal status is not a move
    a.episode("D", "2020-01-01", ceased="2023-04-01", reason="X1")
    a.episode("D", "2023-04-01", ceased="2024-06-01", new="P", reason="X1")  # exactly 2 years
    a.episode("D", "2024-06-01", ceased="2024-09-01", new="T", reason="X1")  # same carer, new house
    a.episode("D", "2024-09-01", new="U", legal_status="C1")  # same carer, new legal status
    a.episode("E", "2020-01-01", ceased="2022-01-01", reason="X1")
    a.episode("E", "2022-01-01", ceased="2024-06-01", new="P", reason="X1")
    a.episode("E", "2024-06-01", new="P", placement="A4", legal_status="E1")  # placed for adoption
    a.episode("H", "2020-01-01", ceased="2024-06-01", reason="X1")
    a.episode("H", "2024-06-01", new="P", placement="U4")  # moved to new foster carers: not stable
    a.episode("F", "2020-01-01")  # 16 on the day: not counted
    assert a.figure("cla_long_term_stability_pct", "2024-25") == (4, 6, 66.7)
    assert a.children("cla_long_term_stability_pct", "2024-25") == {"numerator": ["A", "B", "D", "E"],
                                                                    "denominator": ["A", "B", "C", "D", "E", "H"]}


def test_short_breaks_are_not_when_care_began(authority):
    # The DfE's children looked after figures leave out children looked after under an agreed
    # series of short-term placements (V3, V4); a period of care is worked out from the other
    # episodes, so care that followed short breaks began when the short breaks stopped.
    a = authority
    for child in "AB":
        a.child(child, dob="2012-01-01")
    a.episode("A", "2022-01-01", ceased="2023-06-01", reason="X1", legal_status="V4")  # a short-break agreement
    a.episode("A", "2023-06-01", new="L", legal_status="C2")  # looked after full time from 1 June 2023
    a.episode("B", "2022-01-01", ceased="2022-01-03", reason="E4A", legal_status="V3")  # short breaks only
    a.episode("B", "2025-03-01", ceased="2025-03-03", reason="E4A", legal_status="V3")
    assert a.children("cla", "2024-25")["numerator"] == ["A"]
    [unit] = a.units("cla", "2024-25")
    assert (unit["entered_care_date"].isoformat(), unit["long_term"], unit["looked_after_12m"]) == (
        "2023-06-01", False, True)  # not 2.5 years in care, but 12 months (the health cohort)


def test_when_care_began_before_the_records(authority):
    # An SSD extract whose records begin with a review on 10 April 2024: A's and B's first episodes
    # are changes of placement (P) from 2023, so care began earlier. The extract says A entered care on 1 June 2022: A is in
    # the long-term cohort on 31 March 2025 (2.5 years from 1 October 2022). Nothing says when B's
    # care began, so whether B is counted depends on records the store does not hold: history
    # incomplete.
    a = authority
    for child in "AB":
        a.child(child, dob="2012-01-01")
        a.episode(child, "2023-06-01", new="P", entered="2022-06-01" if child == "A" else None)
    a.cla_review("A", "2024-04-10")
    a.loaded("ssd")
    result = a.result("cla_long_term_stability_pct", "2024-25")
    assert (result.numerator, result.denominator) == (0, 1)  # A, in the placement under 2 years
    assert result.history == ("history incomplete: the records of 1 child go back before the store's; this "
                              "authority's records of looked-after children begin on 10 April 2024")
    assert [u["entered_care_date"].isoformat() for u in a.units("cla", "2024-25")] == ["2022-06-01", "2023-06-01"]
