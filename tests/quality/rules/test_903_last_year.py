"""ssda903/last_year.yaml: this year's return agrees with last year's for the same child."""

from tests.quality.rules.harness import Case, rule_tests

# Last year, child C1 was in care from 1 May 2023 and still in care at 31 March 2024.
OPEN = {"episodes": [{"DECOM": "01/05/2023"}]}


def header(last: dict, bad: dict, good: dict) -> Case:
    return dict(fires={"header": [bad]}, passes={"header": [good]}, previous={"header": [last]})


REVERSED = {"DATE_PLACED": "01/02/2024", "DATE_PLACED_CEASED": "01/03/2024", "REASON_PLACED_CEASED": "RD1"}

CASES = [
    # Sex 1 last year is M this year (the codes changed in 2024-25).
    Case("202", **header({"SEX": "1"}, {"SEX": "F"}, {"SEX": "M"})),
    Case("203", **header({"DOB": "01/06/2010"}, {"DOB": "02/06/2010"}, {"DOB": "2010-06-01"})),
    Case("204", **header({"ETHNIC": "WBRI"}, {"ETHNIC": "WIRI"}, {"ETHNIC": "WBRI"})),
    Case("207", **header({"MOTHER": "1"}, {"MOTHER": "0"}, {"MOTHER": "1"})),
    # A UPN once known stays; UN3 (not yet known) last year may become a UPN.
    Case("208", **header({"UPN": "A123456789012"}, {"UPN": "UN3"}, {"UPN": "A123456789012"})),
    Case("208", fires={"header": [{"UPN": "A123456789013"}]}, passes={"header": [{"UPN": "A123456789012"}]},
         previous={"header": [{"UPN": "A123456789012"}, {"CHILD": "C2", "UPN": "UN3"}]},
         base={"header": [{"CHILD": "C2", "UPN": "B123456789012"}]}),
    Case("624", **header({"MC_DOB": "01/01/2023"}, {"MC_DOB": "02/01/2023"}, {"MC_DOB": "01/01/2023"})),
    Case("626", **header({"MOTHER": "0"}, {"MOTHER": "1", "MC_DOB": "31/03/2024"},
                         {"MOTHER": "1", "MC_DOB": "01/04/2024"})),
    # Last year's open episode began 1 May 2023; this year's first episode must begin then too.
    Case("502", fires={"episodes": [{"DECOM": "02/05/2023"}]},
         passes={"episodes": [{"DECOM": "01/05/2023"}]}, previous=OPEN),
    *(Case(code, fires={"episodes": [{"DECOM": "01/05/2023", column: value}]},
           passes={"episodes": [{"DECOM": "01/05/2023"}]}, previous=OPEN)
      for code, column, value in (("503A", "RNE", "P"), ("503B", "LS", "C1"), ("503C", "CIN", "N2"),
                                  ("503D", "PLACE", "U2"), ("503E", "PLACE_PROVIDER", "PR2"),
                                  ("503F", "URN", "SC999999"))),
    # Began before 1 April 2024 with no episodes at all last year; one beginning in the year is fine.
    Case("NoE", fires={"episodes": [{"DECOM": "01/05/2023"}]},
         passes={"episodes": [{"DECOM": "01/04/2024"}]}, previous={"episodes": [{"CHILD": "C9"}]}),
    Case("562", fires={"episodes": [{"DECOM": "01/06/2023"}]},
         passes={"episodes": [{"DECOM": "01/05/2023"}]}, previous=OPEN),
    Case("576", fires={"missing": [{"MIS_START": "02/03/2024"}]},
         passes={"missing": [{"MIS_START": "01/03/2024", "MIS_END": "04/04/2024"}]},
         previous={"missing": [{"MIS_START": "01/03/2024", "MIS_END": ""}]}),
    Case("706", fires={"dolo": [{"DOLO_START": "01/06/2026"}]},
         passes={"dolo": [{"DOLO_START": "01/03/2026", "DOLO_END": "01/05/2026"}]},
         previous={"dolo": [{"DOLO_START": "01/03/2026"}]}, year=2027),
    Case("559", fires={"placed_for_adoption": [{"DATE_PLACED": "01/03/2024"}]},
         passes={"placed_for_adoption": [{"DATE_PLACED": "01/02/2024"}]},
         previous={"placed_for_adoption": [{"DATE_PLACED": "01/02/2024"}]}),
    Case("560", fires={"placed_for_adoption": [{"DATE_PLACED": "02/02/2024"}]},
         passes={"placed_for_adoption": [{"DATE_PLACED": "01/02/2024"}]},
         previous={"placed_for_adoption": [{"DATE_PLACED": "01/02/2024"}]}),
    # Reversed last year, and given again this year, open or (as Data to Insight's validator
    # found the generator doing) reversed again under the same dates.
    Case("561", fires={"placed_for_adoption": [{"DATE_PLACED": "01/02/2024"}]},
         passes={"placed_for_adoption": [{"DATE_PLACED": "01/05/2024"}]},
         previous={"placed_for_adoption": [{"DATE_PLACED": "01/02/2024",
                                            "DATE_PLACED_CEASED": "01/03/2024"}]}),
    Case("561", fires={"placed_for_adoption": [REVERSED]},
         passes={"placed_for_adoption": [{**REVERSED, "DATE_PLACED": "01/05/2024"}]},
         previous={"placed_for_adoption": [REVERSED]}),
    Case("1010", fires={"oc3": [{}], "episodes": []}, passes={"oc3": [{}], "episodes": [{}]},
         previous=OPEN),
]

test_fires, test_does_not_fire = rule_tests(CASES)
