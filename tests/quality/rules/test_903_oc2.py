"""ssda903/oc2.yaml: children looked after continuously for 12 months at 31 March (OC2).

The default oc2 row (harness.DEFAULTS) is a complete one for child C1, born 1 June 2010: an SDQ
score, conviction, immunisations, teeth check, health assessment and substance misuse given.
The default episode began on 1 May 2024, so C1 is not in the 2024-25 cohort; `COHORT` puts C1 in
care from 1 April 2024, the year's first day, which is 12 months to 31 March 2025.
"""

from cscperf.quality.rules import check
from cscperf.store import returns as stored_returns
from tests.quality.rules.harness import Case, breaches, rule_tests, submitted

COHORT = {"episodes": [{"DECOM": "01/04/2024", "RNE": "S"}]}
NOT_COHORT = {"episodes": [{}]}
ITEMS = ("CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
         "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")
NO_ITEMS = dict.fromkeys(ITEMS, "")
NO_SDQ = {"SDQ_SCORE": "", "SDQ_REASON": ""}


def oc2(code: str, bad: dict, good: dict, **options) -> Case:
    return Case(code, fires={"oc2": [bad]}, passes={"oc2": [good]}, **options)


def cohort(code: str, bad: dict, good: dict) -> Case:
    return oc2(code, bad, good, base=COHORT)


CASES = [
    oc2("181", {"TEETH_CHECK": "Y"}, {"TEETH_CHECK": "1"}),
    oc2("182", {"TEETH_CHECK": ""}, NO_ITEMS),
    oc2("182", {**NO_ITEMS, "IMMUNISATIONS": "1"}, {**NO_ITEMS, "SDQ_SCORE": "12"}),
    # In care from 1 May 2024 (the default), from 2 April 2024, or ceased on 31 March 2025: not
    # looked after for the 12 months to 31 March.
    oc2("190", {}, NO_ITEMS, base=NOT_COHORT),
    oc2("190", {}, NO_ITEMS, base={"episodes": [{"DECOM": "01/04/2024", "DEC": "31/03/2025", "REC": "E13"}]}),
    Case("190", fires={"oc2": [{}], "episodes": [{"DECOM": "02/04/2024"}]},
         passes={"oc2": [{}], "episodes": [{"DECOM": "01/04/2024"}]}),
    # Continuous across a change of placement (P) from before the year; a short break (V3) ends it.
    Case("190", fires={"oc2": [{}], "episodes": [{"DECOM": "01/01/2024", "LS": "V3", "DEC": "05/01/2024",
                                                  "REC": "E13"},
                                                 {"DECOM": "05/01/2024", "RNE": "P", "LS": "V4"}]},
         passes={"oc2": [{}], "episodes": [{"DECOM": "01/01/2024", "DEC": "01/07/2024", "REC": "X1"},
                                           {"DECOM": "01/07/2024", "RNE": "P", "PLACE": "U3"}]}),
    # A day's gap between episodes is a fault of its own (rule 388's), not a new period of care;
    # a new period of care (S) in the year is.
    Case("190", fires={"oc2": [{}], "episodes": [{"DECOM": "01/01/2024", "DEC": "01/07/2024", "REC": "X1"},
                                                 {"DECOM": "02/07/2024", "RNE": "S"}]},
         passes={"oc2": [{}], "episodes": [{"DECOM": "01/01/2024", "DEC": "01/07/2024", "REC": "X1"},
                                           {"DECOM": "02/07/2024", "RNE": "P"}]}),
    cohort("191", {"IMMUNISATIONS": ""}, {}),
    # In the cohort with no oc2 row: the child's latest episode (row 3) is flagged.
    Case("191", fires={"oc2": [], "episodes": [{"DECOM": "01/01/2024", "DEC": "01/07/2024", "REC": "X1"},
                                               {"DECOM": "01/07/2024", "RNE": "P"}]},
         passes={"oc2": [{}], "episodes": [{"DECOM": "01/01/2024"}]}, at=[3]),
    Case("187", fires={"oc3": [{}]}, passes={"oc3": [{"IN_TOUCH": "", "ACTIV": "", "ACCOM": ""}]},
         base={**COHORT, "ad1": [], "oc3": []}),
    Case("187", fires={"ad1": [{}], "episodes": [{"DECOM": "01/04/2024"}]},
         passes={"ad1": [{}], "episodes": [{"DECOM": "02/04/2024"}]}, base={"oc3": []}),
    # Care ended on 5 August 2024 (E3) in an episode whose start is written 1/4/24 (141's breach):
    # out of the cohort, by its end, as if the start were given.
    Case("187", fires={"oc3": [{}], "episodes": [{"DECOM": "01/03/2024", "DEC": "01/04/2024", "REC": "X1"},
                                                 {"DECOM": "01/04/2024", "RNE": "T"}]},
         passes={"oc3": [{}], "episodes": [{"DECOM": "01/03/2024", "DEC": "01/04/2024", "REC": "X1"},
                                           {"DECOM": "1/4/24", "RNE": "T", "DEC": "05/08/2024", "REC": "E3"}]},
         base={"ad1": []}),
    Case("215", fires={"oc2": [{}], "oc3": [{}]}, passes={"oc2": [NO_ITEMS], "oc3": [{}]}),
    oc2("158", {"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "1", "INTERVENTION_OFFERED": "0"},
        {"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "1"}),
    oc2("159", {"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "0"},
        {"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "0", "INTERVENTION_OFFERED": "1"}),
    oc2("192", {"SUBSTANCE_MISUSE": "1"}, {"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "1"}),
    oc2("193", {"INTERVENTION_OFFERED": "1"}, {"SUBSTANCE_MISUSE": "1", "INTERVENTION_RECEIVED": "1"}),
    oc2("193", {"SUBSTANCE_MISUSE": "", "INTERVENTION_RECEIVED": "0"}, {"SUBSTANCE_MISUSE": ""}),
    # Ages at 31 March 2025: born 31 March 2015 is 10 that day; born 1 April 2015 is 9.
    oc2("542", {"DOB": "01/04/2015"}, {"DOB": "31/03/2015"}),
    cohort("543", {"DOB": "31/03/2015", "CONVICTED": ""}, {"DOB": "01/04/2015", "CONVICTED": ""}),
    oc2("544", {"TEETH_CHECK": ""}, {"CONVICTED": "", "TEETH_CHECK": ""}),
    # Born 1 April 2020: 4 at 31 March 2025; born 31 March 2020: 5.
    cohort("545", {"DOB": "01/04/2020", "CONVICTED": "", "HEALTH_CHECK": ""},
           {"DOB": "31/03/2020", "CONVICTED": "", "HEALTH_CHECK": ""}),
    cohort("546", {"DOB": "31/03/2020", "CONVICTED": "", "HEALTH_CHECK": "1"},
           {"DOB": "01/04/2020", "CONVICTED": "", "HEALTH_CHECK": "1"}),
    oc2("547", {"HEALTH_CHECK": "1", "IMMUNISATIONS": ""}, {"HEALTH_CHECK": "1"}),
    oc2("185", {}, NO_SDQ, base=NOT_COHORT),
    Case("185", fires={"oc2": [{}], "episodes": [{}]}, passes={"oc2": [{}], "episodes": [{"DECOM": "31/03/2024"}]}),
    oc2("198", {"SDQ_SCORE": "", "SDQ_REASON": "SDQ2"}, NO_SDQ, base=NOT_COHORT),
    oc2("197a", {"SDQ_REASON": "SDQ2"}, {"SDQ_SCORE": "", "SDQ_REASON": "SDQ2"}),
    # Born 1 April 2020: 4 on the year's first day; born 2 April 2020: 3 then (rule 197B's).
    cohort("186", {"DOB": "01/04/2020", **NO_SDQ}, {"DOB": "02/04/2020", **NO_SDQ}),
    cohort("186", {**NO_SDQ}, {"SDQ_SCORE": "", "SDQ_REASON": "SDQ3"}),
    # Born 31 March 2008: 17 on 31 March 2025, so no longer 16 or under at the year's end.
    cohort("157", {"SDQ_SCORE": "", "SDQ_REASON": "SDQ1"}, {"DOB": "31/03/2008", "SDQ_SCORE": "", "SDQ_REASON": "SDQ1"}),
    cohort("197B", {"DOB": "31/03/2008", **NO_SDQ}, {"DOB": "01/04/2008", **NO_SDQ}),
    cohort("197B", {"DOB": "01/04/2020", **NO_SDQ}, {"DOB": "01/04/2020", "SDQ_SCORE": "3"}),
    oc2("188", {"DOB": "01/04/2021"}, {"DOB": "31/03/2021"}),
    # Born 1 April 2007: 17 on the year's first day.
    oc2("189", {"DOB": "01/04/2007"}, {"DOB": "02/04/2007"}),
]

test_fires, test_does_not_fire = rule_tests(CASES)


def test_a_rule_flagging_two_tables_names_each_rows_table_and_its_fields():
    case = Case("187", fires={"oc3": [{}], "ad1": [{}]}, passes={}, base=COHORT)
    found = {b.table: b.values for b in breaches(case, case.fires)}
    assert found == {"oc3": {"IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "S2"},
                     "ad1": {"DATE_INT": "01/06/2024", "DATE_MATCH": "01/07/2024", "FOSTER_CARE": "0",
                             "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L2"}}


def test_a_rule_reading_the_cohort_is_not_run_without_the_episodes():
    con = stored_returns.connect()
    stored_returns.save(con, "T", 1, submitted("ssda903", 2025, {"oc2": [{}]}))
    assert check(con, "ssda903", 2025, "T", codes=["185"]).not_run == {"185": "no episodes table was given"}
