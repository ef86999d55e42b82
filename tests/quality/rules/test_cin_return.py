"""cin_census/return.yaml: UPNs well formed; queries about the return as a whole."""

from tests.quality.rules.harness import cin, rule_tests


def upn(code: str, bad: str, good: str):
    return cin(code, {"children": [{"UPN": bad}]}, {"children": [{"UPN": good}]})


CHILDREN = [{"child_no": n, "LAchildID": f"C{n}"} for n in range(1, 11)]

CASES = [
    # Y821200101001: 2x8 + 3x2 + 4x1 + 5x2 + 6x0 + 7x0 + 8x1 + 9x0 + 10x1 + 11x0 + 12x0 + 13x1 = 67;
    # 67 mod 23 = 21, the 22nd letter of ABCDEFGHJKLMNPQRTUVWXYZ: Y.
    upn("1510", "X821200101001", "Y821200101001"),
    upn("1540", "Y8212001O1001", "Y821200101001"),  # an O for a 0
    upn("1550", "Y82120010100I", "Y82120010100A"),
    cin("8842Q", {"cp_reviews": [{"CPPreviewDate": None}]}, {"cp_reviews": [{}]}),
    # One child in ten with no sex recorded is more than 2%; an unborn child is left out.
    cin("2886Q", {"census": [{}], "children": [{**CHILDREN[0], "Sex": "U"}, *CHILDREN[1:]]},
        {"census": [{}], "children": [{**CHILDREN[0], "Sex": "U", "PersonBirthDate": None,
                                       "ExpectedPersonBirthDate": "2025-06-01"}, *CHILDREN[1:]]}),
    cin("2887Q", {"census": [{}], "disabilities": [{"Disability": "MOB"}]},
        {"census": [{}], "disabilities": [{"child_no": n, "Disability": code} for n, code in
                                          enumerate(("MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS"))]}),
    cin("2888Q", {"census": [{}], "disabilities": [{"Disability": "MOB"}, {"child_no": 2, "Disability": "LD"}]},
        {"census": [{}], "disabilities": [{"Disability": "MOB"}, {"Disability": "LD"}]}),
    # Characters 2-4: an authority's code. 999 is none; 909 (Cumbria until 2023) and 001 (a DfE
    # pseudo-LA code) are.
    upn("1530", "A999456789012", "A909456789012"),
    upn("1530", "A000456789012", "A001456789012"),
    # Nine years old with no UPN and no reason; UN2 gives a reason.
    cin("8770Q", {"children": [{"UPN": None}], "cin_details": [{}]},
        {"children": [{"UPN": None, "UPNunknown": "UN2"}], "cin_details": [{}]}),
    # In year 1 in 2024-25: born by 31 August 2019.
    cin("8770Q", {"children": [{"UPN": None, "UPNunknown": "UN1", "PersonBirthDate": "2019-08-31"}], "cin_details": [{}]},
        {"children": [{"UPN": None, "UPNunknown": "UN1", "PersonBirthDate": "2019-09-01"}], "cin_details": [{}]}),
]

test_fires, test_does_not_fire = rule_tests(CASES)
