"""ssda903/episodes.yaml and ages.yaml: episodes follow on from each other; ages fit the legal
status, placement and reason for ceasing. Child C1 was born on 1 June 2010."""

from tests.quality.rules.harness import Case, rule_tests

FIRST = {"DECOM": "01/05/2024", "DEC": "01/07/2024", "REC": "X1"}  # ends as the next begins
NEXT = {"DECOM": "01/07/2024", "RNE": "P", "PLACE": "U2"}
HEADER = {"header": [{}]}


def ended(**items) -> dict:
    return {"DECOM": "01/05/2024", "DEC": "01/07/2024", **items}


def aged(code: str, bad: dict, good: dict, **options) -> Case:
    return Case(code, fires={"episodes": [bad]}, passes={"episodes": [good]}, base=HEADER, **options)


CASES = [
    Case("142", fires={"episodes": [{"DECOM": "01/05/2024"}, NEXT]},
         passes={"episodes": [FIRST, NEXT]}),
    Case("148", fires={"episodes": [{"DEC": "01/07/2024"}]}, passes={"episodes": [FIRST]}),
    # A first episode begun in the year starts a period of care; one begun before may continue one.
    Case("357", fires={"episodes": [{"RNE": "P"}]}, passes={"episodes": [{"DECOM": "31/03/2024", "RNE": "P"}]}),
    Case("388", fires={"episodes": [FIRST, {**NEXT, "DECOM": "02/07/2024"}]}, passes={"episodes": [FIRST, NEXT]}),
    Case("431", fires={"episodes": [{**FIRST, "REC": "E13"}, {**NEXT, "RNE": "S"}]},
         passes={"episodes": [{**FIRST, "REC": "E13"}, {**NEXT, "RNE": "S", "DECOM": "02/07/2024"}]}),
    # An end written 20240701, or a reason X19, is its own breach (147, 149), compared with nothing.
    Case("388", fires={"episodes": [FIRST]}, passes={"episodes": [{**FIRST, "DEC": "20240701"}, NEXT]}),
    Case("432", fires={"episodes": [{**FIRST, "REC": "E13"}, NEXT]}, passes={"episodes": [FIRST, NEXT]}),
    Case("432", fires={"episodes": [{**FIRST, "REC": "E13"}, NEXT]}, passes={"episodes": [{**FIRST, "REC": "X19"}, NEXT]}),
    Case("433", fires={"episodes": [FIRST, {**NEXT, "DECOM": "02/07/2024"}]}, passes={"episodes": [FIRST, NEXT]}),
    Case("437", fires={"episodes": [{**FIRST, "REC": "E15"}, NEXT]},
         passes={"episodes": [FIRST, {**NEXT, "DEC": "01/08/2024", "REC": "E2"}]}),
    Case("501", fires={"episodes": [FIRST, {**NEXT, "DECOM": "30/06/2024"}]}, passes={"episodes": [FIRST, NEXT]}),
    # The category of need stays N1 throughout the period of care begun on 1 May 2024.
    Case("504", fires={"episodes": [FIRST, {**NEXT, "CIN": "N2"}]},
         passes={"episodes": [{**FIRST, "REC": "E13"}, {**NEXT, "RNE": "S", "DECOM": "02/07/2024", "CIN": "N2"}]}),
    # A category N19 (not a code: 145's breach) is neither the period's category nor a change from it.
    Case("504", fires={"episodes": [FIRST, {**NEXT, "CIN": "N2"}]},
         passes={"episodes": [{**FIRST, "CIN": "N19"}, NEXT]}),
    # Ages: born 1 June 2010, 14 on 1 June 2024.
    # On 1 April 2024: born 1 April 1998, 26 that day (over 25); born 2 April 1998, 25.
    Case("351", fires={"header": [{"DOB": "01/04/1998"}]}, passes={"header": [{"DOB": "02/04/1998"}]}),
    aged("352", {"DECOM": "01/06/2028"}, {"DECOM": "31/05/2028"}, year=2029),
    aged("358", {"LS": "J1", "DECOM": "31/05/2020"}, {"LS": "J1", "DECOM": "01/06/2020"}, year=2021),
    aged("371", {"PLACE": "K3", "DECOM": "31/05/2026"}, {"PLACE": "K3", "DECOM": "01/06/2026"}, year=2027),
    aged("371", {"PLACE": "H5", "DECOM": "31/05/2024"}, {"PLACE": "H5", "DECOM": "01/06/2024"}, year=2023),
    aged("372", {"PLACE": "R5", "DECOM": "31/05/2020"}, {"PLACE": "R5", "DECOM": "01/06/2020"}, year=2021),
    aged("373", {"PLACE": "S1", "DECOM": "31/05/2014"}, {"PLACE": "S1", "DECOM": "01/06/2014"}, year=2023),
    aged("374", {"PLACE": "P3", "DECOM": "31/05/2024"}, {"PLACE": "P3", "DECOM": "01/06/2024"}),
    aged("386", ended(REC="E11", DEC="01/06/2028"), ended(REC="E11", DEC="31/05/2028"), year=2029),
    aged("387", ended(REC="E5", DEC="31/05/2024"), ended(REC="E5", DEC="01/06/2024")),
    aged("389", ended(REC="E7", DEC="31/05/2026"), ended(REC="E7", DEC="01/06/2026"), year=2027),
    aged("407", ended(REC="E45", DEC="01/06/2028"), ended(REC="E45", DEC="31/05/2028"), year=2029),
    aged("460", ended(REC="E17", DEC="31/05/2028"), ended(REC="E17", DEC="01/06/2028"), year=2029),
    aged("234", ended(REASON_PLACE_CHANGE="CUSTOD", DEC="31/05/2020"),
         ended(REASON_PLACE_CHANGE="CUSTOD", DEC="01/06/2020"), year=2026),
    # Mother under 11 on 1 April 2024: born after 1 April 2013.
    Case("620", fires={"header": [{"MOTHER": "1", "DOB": "02/04/2013"}]},
         passes={"header": [{"MOTHER": "1", "DOB": "01/04/2013"}]}),
    # What changed from the episode before (legal status C2, placement U1 in RM16 2XX): L the legal
    # status, P and T the placement, B and U both.
    Case("434", fires={"episodes": [FIRST, {"DECOM": "01/07/2024", "RNE": "L"}]},
         passes={"episodes": [FIRST, {"DECOM": "01/07/2024", "RNE": "L", "LS": "C1"}]}),
    Case("435", fires={"episodes": [FIRST, {"DECOM": "01/07/2024", "RNE": "P"}]},
         passes={"episodes": [FIRST, NEXT]}),
    Case("436", fires={"episodes": [FIRST, {**NEXT, "RNE": "B"}]},
         passes={"episodes": [FIRST, {**NEXT, "RNE": "B", "LS": "C1"}]}),
    Case("446", fires={"episodes": [{"LS": "E1", "DECOM": "30/11/2005"}]},
         passes={"episodes": [{"LS": "E1", "DECOM": "01/12/2005"}]}),
]

test_fires, test_does_not_fire = rule_tests(CASES)
