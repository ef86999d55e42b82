"""ssda903/items.yaml: UPN and sex; items given all or none; items of one row agreeing."""

from tests.quality.rules.harness import Case, rule_tests

ENDED = {"DEC": "01/07/2024", "REC": "E13"}  # care ended on 1 July 2024


def one(code: str, table: str, bad: dict, good: dict, **options) -> Case:
    return Case(code, fires={table: [bad]}, passes={table: [good]}, **options)


CASES = [
    one("168", "header", {"UPN": "UN6"}, {"UPN": "UN5"}),
    one("168", "header", {"UPN": "A12345678901"}, {"UPN": "A12345678901B"}),
    one("442", "header", {"UPN": ""}, {"UPN": "UN1"}, base={"episodes": [{}]}),
    # Only short breaks (V4), or no episode this year (a care leaver): no UPN needed (the bench's
    # large return; the DfE lists the episodes among the rule's tables).
    Case("442", fires={"header": [{"UPN": ""}], "episodes": [{"LS": "V4"}, {"LS": "C2", "DECOM": "01/06/2024"}]},
         passes={"header": [{"UPN": ""}], "episodes": [{"LS": "V4"}]}),
    Case("442", fires={"header": [{"UPN": ""}], "episodes": [{}]},
         passes={"header": [{"UPN": ""}, {"CHILD": "C2"}], "episodes": [{"CHILD": "C2"}]}),
    Case("444", fires={"header": [{}, {"CHILD": "C2"}]},
         passes={"header": [{"UPN": "UN1"}, {"CHILD": "C2", "UPN": "UN1"}]}, year=2026),
    one("232", "header", {"SEX": "U"}, {"SEX": "F"}),
    Case("302", fires={"episodes": [{"DECOM": "31/05/2010"}]}, passes={"episodes": [{"DECOM": "01/06/2010"}]},
         base={"header": [{}]}, year=2011),
    # Care ended on 1 July 2024: her child born after that is not in this return.
    Case("625", fires={"header": [{"MOTHER": "1", "MC_DOB": "02/07/2024"}], "episodes": [ENDED]},
         passes={"header": [{"MOTHER": "1", "MC_DOB": "01/07/2024"}], "episodes": [ENDED]}),
    Case("625", fires={"header": [{"MOTHER": "1", "MC_DOB": "01/04/2025"}]},
         passes={"header": [{"MOTHER": "1", "MC_DOB": "31/03/2025"}]}, base={"episodes": [{}]}),
    one("151", "ad1", {"NB_ADOPTR": ""}, {k: "" for k in ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR",
                                                           "SEX_ADOPTR", "LS_ADOPTR")}),
    one("153", "oc3", {"ACCOM": ""}, {"IN_TOUCH": "", "ACTIV": "", "ACCOM": ""}),
    one("119", "placed_for_adoption", {"DATE_PLACED_CEASED": "01/09/2024"},
        {"DATE_PLACED_CEASED": "01/09/2024", "REASON_PLACED_CEASED": "RD1"}),
    one("563", "placed_for_adoption", {"DATE_PLACED": "", "REASON_PLACED_CEASED": "RD1"}, {"DATE_PLACED": ""}),
    # Born 1 June 2010 in the defaults: a review on 1 June 2014 is of a 4-year-old.
    one("440", "reviews", {"REVIEW_CODE": "PN0", "REVIEW": "01/06/2014"},
        {"REVIEW_CODE": "PN0", "REVIEW": "31/05/2014"}, year=2015),
    one("441", "reviews", {"REVIEW_CODE": "PN1", "REVIEW": "31/05/2014"},
        {"REVIEW_CODE": "PN1", "REVIEW": "01/06/2014"}, year=2015),
    one("441", "reviews", {"REVIEW_CODE": "PN1", "REVIEW": "31/05/2014"},
        {"REVIEW_CODE": "PN09", "REVIEW": "31/05/2014"}, year=2015),  # 167's breach alone
    one("635", "previous_permanence", {"PREV_PERM": "Z1", "LA_PERM": "883"}, {"PREV_PERM": "P1", "LA_PERM": "883"}),
    # Started to be looked after on 1 May 2024 (the default episode), so previous permanence is asked.
    Case("630", fires={"previous_permanence": [{"CHILD": "C2"}]}, passes={"previous_permanence": [{}]},
         base={"episodes": [{}]}),
    # Started on the year's first day, or the day before it.
    Case("630", fires={"episodes": [{"DECOM": "01/04/2024"}]}, passes={"episodes": [{"DECOM": "31/03/2024"}]},
         base={"previous_permanence": []}),
    # 942 (Cumberland, from 2023) and 909 (Cumbria, before it) are both authorities' codes.
    one("633", "previous_permanence", {"PREV_PERM": "P2", "LA_PERM": "999"}, {"PREV_PERM": "P2", "LA_PERM": "942"}),
    one("633", "previous_permanence", {"PREV_PERM": "P2", "LA_PERM": "wal"}, {"PREV_PERM": "P2", "LA_PERM": "909"}),
    Case("634", fires={"episodes": [{"DECOM": "31/03/2016"}]}, passes={"episodes": [{"DECOM": "01/04/2016"}]},
         base={"previous_permanence": [{}]}),
    Case("705", fires={"dolo": [{}, {"DOLO_START": "01/07/2026"}]},
         passes={"dolo": [{"DOLO_END": "01/07/2026"}, {"DOLO_START": "01/07/2026"}]}, year=2027),
    Case("707", fires={"dolo": [{}], "episodes": [{"DECOM": "01/05/2026", "DEC": "01/09/2026", "REC": "E13"}]},
         passes={"dolo": [{}], "episodes": [{"DECOM": "01/05/2026"}]}, year=2027),
]

test_fires, test_does_not_fire = rule_tests(CASES)
