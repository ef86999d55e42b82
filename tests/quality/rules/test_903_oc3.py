"""ssda903/oc3.yaml: care leavers, aged 17 to 21 at 31 March.

The default oc3 row (harness.DEFAULTS) is child C1, born 1 June 2006, so 18 on 1 June 2024,
in touch, in full-time education (F2) and suitably housed (S2); C1's default episode began on
1 May 2024 and is open.
"""

from tests.quality.rules.harness import Case, rule_tests

NO_INFORMATION = {"IN_TOUCH": "", "ACTIV": "", "ACCOM": ""}
NO_EPISODES = {"episodes": [{"CHILD": "C2"}]}  # the return's episodes: none of C1's
NONE_LAST_YEAR = {"episodes": [{"CHILD": "C9"}]}
# The tables rule 1012 reads, given with no rows.
LOOKED_AFTER_TABLES = {name: [] for name in ("oc2", "ad1", "placed_for_adoption", "previous_permanence",
                                             "missing", "reviews")}


def oc3(code: str, bad: dict, good: dict, **options) -> Case:
    return Case(code, fires={"oc3": [bad]}, passes={"oc3": [good]}, **options)


def episodes(code: str, bad: dict, good: dict, **options) -> Case:
    return Case(code, fires={"episodes": [bad]}, passes={"episodes": [good]}, base={"oc3": [{}]}, **options)


CASES = [
    oc3("344", {"IN_TOUCH": "DIED"}, {"IN_TOUCH": "DIED", "ACTIV": "0", "ACCOM": "0"}),
    oc3("345", {"ACTIV": "0"}, {}),
    # Born 1 April 2007: 17 at 31 March 2025 (18 the next day); born 31 March 2007: 18 that day.
    oc3("347", {"DOB": "01/04/2007", "ACCOM": "T1"}, {"DOB": "31/03/2007", "ACCOM": "T1"}),
    oc3("348", {}, {"IN_TOUCH": "DIED", "ACTIV": "0", "ACCOM": "0"}, year=2026,
        previous={"oc3": [{"IN_TOUCH": "DIED", "ACTIV": "0", "ACCOM": "0"}]}),
    # Born 1 April 2008: 16 at 31 March 2025; born 31 March 2003: 22 that day.
    oc3("391", {"DOB": "01/04/2008"}, {"DOB": "31/03/2008"}),
    oc3("391", {"DOB": "31/03/2003"}, {"DOB": "01/04/2003"}),
    oc3("391", {"DOB": "01/04/2008"}, {"DOB": "01/04/2008", **NO_INFORMATION}),
    oc3("3001", {"DOB": "01/06/2007", "ACCOM": "Z1"}, {"DOB": "01/06/2006", "ACCOM": "Z1"}),
    Case("628", fires={"header": [{"MOTHER": "0"}]}, passes={"header": [{"MOTHER": ""}]},
         base={"oc3": [{}], **NO_EPISODES}),
    Case("134", fires={"oc3": [{}]}, passes={"oc3": [NO_INFORMATION]}, base={"ad1": [{}]}),
    Case("1014", fires=NO_EPISODES, passes={"episodes": [{}]}, base={"oc3": [{}], "uasc": [{}]}),
    Case("1012", fires={"reviews": [{}], **NO_EPISODES}, passes={"reviews": [{}], "episodes": [{}]},
         base=LOOKED_AFTER_TABLES, at=[2]),
    Case("1012", fires={"previous_permanence": [{}], "oc2": [{"CHILD": "C2"}, {}], **NO_EPISODES},
         passes={"oc2": [{"CHILD": "C2"}], **NO_EPISODES}, base=LOOKED_AFTER_TABLES, at=[2, 3]),
    # E2: died, this year or last.
    episodes("1000", {"DEC": "01/06/2024", "REC": "E2"}, {"DEC": "01/06/2024", "REC": "E13"},
             previous=NONE_LAST_YEAR),
    Case("1000", fires={"oc3": [{}]}, passes={"oc3": [NO_INFORMATION]},
         base=NO_EPISODES, previous={"episodes": [{"DECOM": "01/05/2023", "DEC": "01/06/2023", "REC": "E2"}]}),
    Case("1002", fires=NO_EPISODES, passes={"episodes": [{}]}, base={"oc3": [{"DOB": "01/06/2007"}]},
         previous=NONE_LAST_YEAR),
    # Born 1 April 2007: 17 at 31 March 2025, 16 on 1 April 2023, the first day of last year's
    # return, so any care after 16 is in the two returns. Born 31 March 2007: 18, and 16 on 31 March
    # 2023: care that ended that year is in neither (the clean synthetic return's six 18- and
    # 19-year-olds who left care at 16 or 17, which Data to Insight's validator flags too).
    Case("1002", fires={"oc3": [{"DOB": "01/04/2007"}]}, passes={"oc3": [{"DOB": "31/03/2007"}]},
         base=NO_EPISODES, previous=NONE_LAST_YEAR),
    # 13 weeks (91 days) in care since the 14th birthday: 1 May 2024 to 31 July 2024 is 91.
    episodes("1001", {"DEC": "30/07/2024", "REC": "E13"}, {"DEC": "31/07/2024", "REC": "E13"},
             previous=NONE_LAST_YEAR),
    episodes("1001", {"DEC": "31/12/2024", "REC": "E11"}, {"DEC": "31/12/2024", "REC": "E13"},
             previous=NONE_LAST_YEAR),
    # Born 1 June 2007: care from 1 January 2023 ended on the 16th birthday (1 June 2023), not after it.
    Case("1001", fires={"oc3": [{"DOB": "01/06/2007"}]}, passes={"oc3": [{"DOB": "31/05/2007"}]},
         base=NO_EPISODES, previous={"episodes": [{"DECOM": "01/01/2023", "DEC": "01/06/2023", "REC": "E13"}]}),
    # 18 on 1 June 2024: in care that day (the episode from 1 May 2024 still open, or ceasing later).
    episodes("1007", {}, {"DEC": "01/06/2024", "REC": "E13"}),
    episodes("1007", {"DEC": "02/06/2024", "REC": "E13"}, {"DEC": "31/05/2024", "REC": "E13"}),
    episodes("1016", {"DEC": "01/06/2024", "REC": "E13"}, {"DEC": "31/05/2024", "REC": "E13"}),
    episodes("1011", {"DEC": "01/06/2024", "REC": "E3"}, {"DEC": "01/06/2024", "REC": "E13"}),
]

test_fires, test_does_not_fire = rule_tests(CASES)
