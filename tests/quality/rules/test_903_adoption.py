"""ssda903/adoption.yaml: decisions that a child should be placed for adoption, placements for
adoption, and adoptions with their details.

The defaults (harness.DEFAULTS): C1 in care from 1 May 2024 (reason S) in foster care (U1); one
decision that C1 should be placed for adoption, on 1 June 2024; adoption details (ad1) with the
decision on 1 June 2024, matched on 1 July 2024, not by the foster carers (0), a couple (2, MF)
in a civil partnership (L2). `ADOPTED`: fostered from 1 May 2024, placed for adoption (A4) under a
placement order (E1) on 1 August 2024 and adopted (E11) on 1 February 2025.
"""

from tests.quality.rules.harness import Case, rule_tests

FOSTERED = {"DECOM": "01/05/2024", "DEC": "01/08/2024", "REC": "X1"}
PLACED = {"DECOM": "01/08/2024", "RNE": "P", "LS": "E1", "PLACE": "A4", "DEC": "01/02/2025", "REC": "E11"}
ADOPTED = {"episodes": [FOSTERED, PLACED]}
# The same placement, its legal status changed on 1 October 2024 (reason L): placed on 1 August.
ADOPTED_AFTER_A_CHANGE = {"episodes": [FOSTERED, {**PLACED, "DEC": "01/10/2024", "REC": "X1"},
                                       {**PLACED, "DECOM": "01/10/2024", "RNE": "L"}]}
# The foster carers, from 1 May 2024, become the adopters on 1 August 2024 (reason T, A3): placed
# for adoption on 1 August, not 1 May.
ADOPTED_BY_FOSTER_CARERS = {"episodes": [FOSTERED, {**PLACED, "RNE": "T", "PLACE": "A3"}]}
REVERSED = {"DATE_PLACED_CEASED": "01/09/2024", "REASON_PLACED_CEASED": "RD1"}
EARLIER_REVERSED = {"DATE_PLACED": "01/01/2024", "DATE_PLACED_CEASED": "01/02/2024", "REASON_PLACED_CEASED": "RD1"}
LEFT_CARE = {"DEC": "01/09/2024", "REC": "E13"}


def ad1(code: str, bad: dict, good: dict, **options) -> Case:
    return Case(code, fires={"ad1": [bad]}, passes={"ad1": [good]}, **options)


def decisions(code: str, bad: list[dict], good: list[dict], **options) -> Case:
    return Case(code, fires={"placed_for_adoption": bad}, passes={"placed_for_adoption": good}, **options)


CASES = [
    ad1("511", {"SEX_ADOPTR": "F1"}, {"SEX_ADOPTR": "FF"}),
    ad1("514", {"LS_ADOPTR": "L0"}, {"LS_ADOPTR": "L0", "NB_ADOPTR": "1", "SEX_ADOPTR": "F1"}),
    ad1("517", {"LS_ADOPTR": "L3", "SEX_ADOPTR": "FF"}, {"LS_ADOPTR": "L3"}),
    ad1("518", {"LS_ADOPTR": "L4"}, {"LS_ADOPTR": "L4", "SEX_ADOPTR": "MM"}),
    ad1("519", {"SEX_ADOPTR": "M1"}, {"SEX_ADOPTR": "FF"}),
    ad1("520", {"LS_ADOPTR": "L11", "SEX_ADOPTR": "FF"}, {"LS_ADOPTR": "L11"}),
    ad1("524", {"LS_ADOPTR": "L12"}, {"LS_ADOPTR": "L12", "SEX_ADOPTR": "FF"}),
    ad1("601", {"LS_ADOPTR": ""}, {}, base=ADOPTED),
    # No ad1 row at all: the adoption episode (row 3) is flagged.
    Case("601", fires={"ad1": []}, passes={"ad1": [{}]}, base=ADOPTED, at=[3]),
    Case("602", fires={"episodes": [{}]}, passes=ADOPTED, base={"ad1": [{}]}),
    # Adopted on 1 February 2025 from a placement whose start is written 1/8/24 (141's breach).
    Case("602", fires={"episodes": [FOSTERED, {**PLACED, "REC": "E4A"}]},
         passes={"episodes": [FOSTERED, {**PLACED, "DECOM": "1/8/24"}]}, base={"ad1": [{}]}),
    # Placed for adoption on 1 August 2024 (the placement's start, also when adopted from a later
    # episode of it).
    ad1("331", {"DATE_MATCH": "02/08/2024"}, {"DATE_MATCH": "01/08/2024"}, base=ADOPTED),
    ad1("331", {"DATE_MATCH": "02/08/2024"}, {"DATE_MATCH": "01/08/2024"}, base=ADOPTED_AFTER_A_CHANGE),
    ad1("331", {"DATE_MATCH": "02/08/2024"}, {"DATE_MATCH": "01/08/2024"}, base=ADOPTED_BY_FOSTER_CARERS),
    ad1("521", {"DATE_INT": "02/08/2024"}, {"DATE_INT": "01/08/2024"}, base=ADOPTED_AFTER_A_CHANGE),
    ad1("582", {"DATE_MATCH": "01/02/2025"}, {"DATE_MATCH": "31/01/2025"}, base=ADOPTED),
    ad1("334", {"DATE_INT": "30/04/2024"}, {"DATE_INT": "01/05/2024"}, base={"episodes": [{}]}),
    ad1("335", {"FOSTER_CARE": "1"}, {"FOSTER_CARE": "0"}, base=ADOPTED),
    Case("335", fires={"ad1": [{"FOSTER_CARE": "0"}]}, passes={"ad1": [{"FOSTER_CARE": "1"}]},
         base={"episodes": [FOSTERED, {**PLACED, "PLACE": "A5"}]}),
    ad1("523", {"DATE_INT": "02/06/2024"}, {"DATE_INT": "01/06/2024"}, base={"placed_for_adoption": [{}]}),
    # Against the latest decision: the earlier one was reversed.
    ad1("523", {"DATE_INT": "01/01/2024"}, {"DATE_INT": "01/06/2024"},
        base={"placed_for_adoption": [EARLIER_REVERSED, {}]}),
    decisions("525", [REVERSED], [EARLIER_REVERSED, {}], base={"ad1": [{}]}),
    decisions("558", [{"DATE_PLACED_CEASED": "01/01/2025", "REASON_PLACED_CEASED": "RD1"}],
              [EARLIER_REVERSED, {}], base=ADOPTED),
    decisions("117", [{"DATE_PLACED_CEASED": "01/04/2025", "REASON_PLACED_CEASED": "RD1"}],
              [{"DATE_PLACED_CEASED": "31/03/2025", "REASON_PLACED_CEASED": "RD1"}], base={"episodes": [{}]}),
    decisions("117", [{"DATE_PLACED": "02/09/2024"}], [{"DATE_PLACED": "01/09/2024"}],
              base={"episodes": [LEFT_CARE]}),
    # Ceased before the year (1 April 2024), or before care began (1 May 2024).
    decisions("118", [{"DATE_PLACED": "01/01/2024", "DATE_PLACED_CEASED": "31/03/2024"}],
              [{"DATE_PLACED": "01/01/2024", "DATE_PLACED_CEASED": "01/05/2024"}], base={"episodes": [{}]}),
    decisions("118", [{"DATE_PLACED_CEASED": "30/04/2024"}], [{"DATE_PLACED_CEASED": "01/05/2024"}],
              base={"episodes": [{}]}),
    decisions("1003", [{"DATE_PLACED": "30/04/2024"}], [{"DATE_PLACED": "01/05/2024"}], base={"episodes": [{}]}),
    decisions("551", [], [{}], base={"episodes": [{"LS": "E1", "PLACE": "A4"}]}),
    decisions("553", [{"DATE_PLACED": ""}], [{}], base={"episodes": [{"LS": "E1"}]}),
    decisions("552", [{"DATE_PLACED": "02/05/2024"}], [{"DATE_PLACED": "01/05/2024"}],
              base={"episodes": [{"PLACE": "A4"}]}),
    # Placed on a day written 20240519: 141's breach, not a placement before the decision.
    Case("552", fires={"episodes": [{"PLACE": "A4"}]}, passes={"episodes": [{"PLACE": "A4", "DECOM": "20240519"}]},
         base={"placed_for_adoption": [{"DATE_PLACED": "02/05/2024"}]}),
    decisions("554", [{"DATE_PLACED": "02/05/2024"}], [{"DATE_PLACED": "01/05/2024"}],
              base={"episodes": [{"LS": "E1"}]}),
    # Only the first episode under the placement order in a period of care is flagged.
    decisions("554", [{"DATE_PLACED": "02/07/2024"}], [{"DATE_PLACED": "01/05/2024"}],
              base={"episodes": [{"LS": "E1", "DEC": "01/07/2024", "REC": "X1"},
                                 {"DECOM": "01/07/2024", "RNE": "L", "LS": "E1"}]}, at=[2]),
    decisions("557", [{}], [REVERSED], base={"episodes": [LEFT_CARE]}),
    decisions("557", [EARLIER_REVERSED, {"REASON_PLACED_CEASED": "RD1"}], [EARLIER_REVERSED, REVERSED],
              base={"episodes": [LEFT_CARE]}, at=[3]),
    # A decision on 1 June 2024 while the one of 1 January 2024 was open, or ceased after it.
    decisions("579", [{"DATE_PLACED": "01/01/2024"}, {}], [{**EARLIER_REVERSED, "DATE_PLACED_CEASED": "01/06/2024"}, {}],
              at=[3]),
    decisions("579", [{**EARLIER_REVERSED, "DATE_PLACED_CEASED": "02/06/2024"}, {}], [EARLIER_REVERSED, {}]),
    decisions("583", [{"DATE_PLACED": "01/01/2024"}, {}], [EARLIER_REVERSED, {}], at=[2]),
    # Last year's decision of 1 January 2024 was reversed: this year's is a new, later one.
    decisions("584", [{"DATE_PLACED": "01/01/2024"}], [{"DATE_PLACED": "02/01/2024"}],
              previous={"placed_for_adoption": [EARLIER_REVERSED]}),
]

test_fires, test_does_not_fire = rule_tests(CASES)
