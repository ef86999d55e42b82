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
    a = authority
    _postcodes(a)
    _placed(a)
    assert a.figure("cla_placed_20miles_pct", "2024-25") == (1, 4, 25.0)
    assert a.children("cla_placed_20miles_pct", "2024-25") == {"numerator": ["B"], "denominator": ["A", "B", "C", "E"]}
    assert a.figure("cla_placed_20miles_pct", "2024-25:Q1") == (2, 4, 50.0)  # E was further away then


def test_placed_outside_the_authority_needs_its_districts(authority):
    a = authority
    _postcodes(a)
    _placed(a)
    reason = "not recorded: this authority has no calc.authority_districts data"
    assert a.result("cla_placed_outside_la_pct", "2024-25").reason == reason
    a.districts("E07000001", "E07000002")
    assert a.figure("cla_placed_outside_la_pct", "2024-25") == (1, 4, 25.0)
    assert a.by("cla_placed_outside_la_pct", "2024-25", "district") == {"District E07000001": (1, 4, 25.0)}


def test_three_or_more_placements_in_twelve_months(authority):
    a = authority
    for child in "ABCDEF":
        a.child(child)
    # the first episode open in the year counts as one placement, S, P and B episodes as more
    a.episode("A", "2023-01-01", ceased="2024-06-01", reason="X1")
    a.episode("A", "2024-06-01", ceased="2024-12-01", new="P", reason="X1")
    a.episode("A", "2024-12-01", new="P")  # 3
    # an episode ceasing on 1 April is not open in the year; T continues a placement
    a.episode("B", "2023-01-01", ceased="2024-04-01", reason="X1")
    a.episode("B", "2024-04-01", ceased="2024-08-01", new="P", reason="X1")
    a.episode("B", "2024-08-01", ceased="2025-01-01", new="T", reason="X1")
    a.episode("B", "2025-01-01", new="B")  # 2
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
    assert a.figure("cla_3plus_placements_pct", "2024-25") == (2, 6, 33.3)
    assert a.children("cla_3plus_placements_pct", "2024-25")["numerator"] == ["A", "C"]
    # in the 12 months from 1 March 2024, B's first episode is open too; C has 2 by 28 February
    assert a.children("cla_3plus_placements_pct", "12m:2025-02")["numerator"] == ["A", "B"]
    result = a.result("cla_3plus_placements_pct", "2024-25:Q4")
    assert (result.value, result.reason) == (None, "needs a period of at least 12 months")


def test_long_term_stability(authority):
    a = authority
    for child, dob in [("A", "2012-01-01"), ("B", "2012-01-01"), ("C", "2012-01-01"), ("D", "2012-01-01"),
                       ("E", "2012-01-01"), ("F", "2009-03-31")]:
        a.child(child, dob=dob)
    # on 31 March 2025: under 16 and looked after since 30 September 2022 or before
    a.episode("A", "2022-09-30")  # looked after exactly 2.5 years, in one placement
    a.episode("B", "2022-10-01")  # a day short of 2.5 years: not counted
    a.episode("C", "2020-01-01", ceased="2023-04-01", reason="X1")
    a.episode("C", "2023-04-01", ceased="2024-01-01", new="P", reason="X1")  # a day short of 2 years
    a.episode("C", "2024-01-01", new="L", legal_status="C1")  # a change of legal status is not a move
    a.episode("D", "2020-01-01", ceased="2023-03-31", reason="X1")
    a.episode("D", "2023-03-31", ceased="2024-06-01", new="P", reason="X1")  # exactly 2 years
    a.episode("D", "2024-06-01", new="T")  # a temporary change continues the placement
    a.episode("E", "2020-01-01", ceased="2022-01-01", reason="X1")
    a.episode("E", "2022-01-01", ceased="2024-06-01", new="P", reason="X1")
    a.episode("E", "2024-06-01", new="P", placement="A4", legal_status="E1")  # placed for adoption
    a.episode("F", "2020-01-01")  # 16 on the day: not counted
    assert a.figure("cla_long_term_stability_pct", "2024-25") == (3, 4, 75.0)
    assert a.children("cla_long_term_stability_pct", "2024-25") == {"numerator": ["A", "D", "E"],
                                                                    "denominator": ["A", "C", "D", "E"]}
