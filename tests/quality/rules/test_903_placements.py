"""ssda903/placements.yaml, missing.yaml and mother.yaml."""

from datetime import date, timedelta

from tests.quality.rules.harness import Case, rule_tests

FOSTER = {"DECOM": "01/05/2024", "DEC": "01/07/2024", "REC": "X1", "PLACE": "U4"}
ENDED = {"DEC": "01/07/2024", "REC": "E13"}  # care ended on 1 July 2024
DOLO = {"DOLO_START": "01/06/2026", "DOLO_END": "01/09/2026"}


def episode(code: str, bad: dict, good: dict, **options) -> Case:
    return Case(code, fires={"episodes": [bad]}, passes={"episodes": [good]}, **options)


def lasting(code: str, items: dict, days: int) -> Case:
    """Began 1 May 2024: lasting `days` days passes, a day more fires."""
    def ended(n: int) -> dict:
        return {**items, "DEC": (date(2024, 5, 1) + timedelta(days=n)).strftime("%d/%m/%Y"), "REC": "X1"}
    return episode(code, ended(days + 1), ended(days))


def sequence(code: str, bad: list, good: list) -> Case:
    return Case(code, fires={"episodes": bad}, passes={"episodes": good})


CASES = [
    episode("217", {"PLACE": "A3", "RNE": "P"}, {"PLACE": "A3", "RNE": "T"}),
    # Begun on 1 April 2015, checked; on 31 March 2015, or on a day written 11/10/23, not.
    episode("217", {"PLACE": "A5", "RNE": "P", "DECOM": "01/04/2015"}, {"PLACE": "A5", "RNE": "P", "DECOM": "31/03/2015"}),
    episode("217", {"PLACE": "A5", "RNE": "P"}, {"PLACE": "A5", "RNE": "P", "DECOM": "11/10/23"}),
    episode("226", {"PLACE": "T3", "REASON_PLACE_CHANGE": "CARPL"}, {"PLACE": "U4", "REASON_PLACE_CHANGE": "CARPL",
                                                                       "DEC": "01/07/2024", "REC": "X1"}),
    episode("233", {"REASON_PLACE_CHANGE": "CARPL"}, {"REASON_PLACE_CHANGE": "CARPL", "DEC": "01/07/2024",
                                                      "REC": "X1"}, year=2026),
    episode("378", {"PLACE": "P1", "LS": "V2"}, {"PLACE": "P1", "LS": "C2"}),
    episode("380", {"PLACE": "T4", "RNE": "S"}, {"PLACE": "T4", "RNE": "P"}),
    episode("381", {"PLACE": "T1", **ENDED}, {"PLACE": "T1", "DEC": "01/07/2024", "REC": "X1"}),
    episode("382", {"PLACE": "T2", "LS": "V3"}, {"PLACE": "U2", "LS": "V3"}),
    # After a foster carers' holiday (T3) the child goes back to the same placement.
    sequence("383", [FOSTER, {"DECOM": "01/07/2024", "DEC": "15/07/2024", "REC": "X1", "PLACE": "T3", "RNE": "P"},
                     {"DECOM": "15/07/2024", "PLACE": "U5", "RNE": "P"}],
             [FOSTER, {"DECOM": "01/07/2024", "DEC": "15/07/2024", "REC": "X1", "PLACE": "T3", "RNE": "P"},
              {"DECOM": "15/07/2024", "PLACE": "U4", "RNE": "P"}]),
    episode("384", {"LS": "V4", "PLACE": "U1"}, {"LS": "V4", "PLACE": "U2"}),
    episode("408", {"PLACE": "A5", "LS": "C2"}, {"PLACE": "A5", "LS": "E1"}),
    episode("390", {"PLACE": "U4", "DEC": "01/07/2024", "REC": "E11"}, {"PLACE": "A4", "DEC": "01/07/2024", "REC": "E11"}),
    episode("516", {"PLACE": "K2", "DEC": "01/07/2024", "REC": "E45"}, {"PLACE": "U3", "DEC": "01/07/2024", "REC": "E45"}),
    sequence("336", [{**FOSTER, "PLACE": "K2"}, {"DECOM": "01/07/2024", "PLACE": "A5", "RNE": "T"}],
             [FOSTER, {"DECOM": "01/07/2024", "PLACE": "A5", "RNE": "T"}]),
    episode("392d", {"HOME_POST": "RM17 6SL", "PL_POST": "rm176sl"}, {"PLACE": "P1", "HOME_POST": "RM17 6SL",
                                                                    "PL_POST": "RM17 6SL"}),
    episode("398", {"LS": "V3", "URN": "", "PL_POST": ""}, {"LS": "V3", "HOME_POST": "", "PL_POST": "", "URN": ""}),
    episode("214", {"LS": "V4", "HOME_POST": "", "PL_POST": ""}, {"LS": "V4", "HOME_POST": "", "PL_POST": "",
                                                                  "URN": ""}),
    episode("527", {"PLACE_PROVIDER": "PR1", "PLACE": "R2"}, {"PLACE_PROVIDER": "PR1", "PLACE": "R1"}),
    episode("528", {"PLACE_PROVIDER": "PR2", "PLACE": "R5"}, {"PLACE_PROVIDER": "PR2", "PLACE": "U1"}),
    episode("529", {"PLACE_PROVIDER": "PR3", "PLACE": "K2"}, {"PLACE_PROVIDER": "PR3", "PLACE": "R2"}),
    episode("530", {"PLACE_PROVIDER": "PR4", "PLACE": "P1"}, {"PLACE_PROVIDER": "PR4", "PLACE": "K2"}),
    episode("531", {"PLACE_PROVIDER": "PR5", "PLACE": "P1"}, {"PLACE_PROVIDER": "PR5", "PLACE": "K2"}),
    episode("550", {"PLACE_PROVIDER": "PR0", "PLACE": "U1"}, {"PLACE_PROVIDER": "PR0", "PLACE": "P1"}),
    lasting("361", {"LS": "L1"}, 3),  # 72 hours
    lasting("362", {"LS": "L2"}, 21),
    lasting("363", {"LS": "L3"}, 7),
    lasting("365", {"LS": "V3"}, 17),
    # Police protection from 1 May 2024 through a change of placement on the 3rd to the 6th: five
    # days, where each episode alone is three or less (the bench's large return: SYN383016179).
    sequence("361", [{"LS": "L1", "DEC": "03/05/2024", "REC": "X1"},
                     {"LS": "L1", "DECOM": "03/05/2024", "DEC": "06/05/2024", "REC": "X1", "RNE": "P"}],
             [{"LS": "L1", "DEC": "03/05/2024", "REC": "X1"}, {"LS": "C2", "DECOM": "03/05/2024", "RNE": "L"}]),
    # A break still open lasts to 31 March; one whose end is written 18/05/24 is not measured (147).
    episode("365", {"LS": "V3"}, {"LS": "V3", "DEC": "18/05/24", "REC": "E8"}),
    episode("366", {"LS": "V3", "RNE": "P"}, {"LS": "V3", "RNE": "S"}),
    lasting("375", {"PLACE": "T1"}, 42),  # six weeks
    lasting("376", {"PLACE": "T3"}, 21),  # three weeks
    lasting("379", {"PLACE": "T4"}, 7),
    sequence("377", [{"PLACE": "T3", "DECOM": d} for d in ("01/05/2024", "01/06/2024", "01/07/2024")],
             [{"PLACE": "T3", "DECOM": d} for d in ("01/05/2024", "01/06/2024")]),
    # Missing.
    Case("564", fires={"missing": [{"MIS_START": ""}]}, passes={"missing": [{}]}),
    Case("565", fires={"missing": [{"MISSING": ""}]}, passes={"missing": [{}]}),
    Case("566", fires={"missing": [{"MISSING": "", "MIS_START": ""}]}, passes={"missing": [{"MIS_START": ""}]}),
    # The first period ran from 1 to 3 August 2024: the next may begin on the 3rd, not before.
    Case("574", fires={"missing": [{}, {"MIS_START": "02/08/2024", "MIS_END": "04/08/2024"}]},
         passes={"missing": [{}, {"MIS_START": "03/08/2024", "MIS_END": "04/08/2024"}]}),
    Case("577", fires={"missing": [{"MIS_START": "01/06/2024", "MIS_END": ""}], "episodes": [ENDED]},
         passes={"missing": [{"MIS_START": "01/06/2024", "MIS_END": ""}], "episodes": [{}]}),
    Case("578", fires={"missing": [{"MIS_START": "02/07/2024"}], "episodes": [ENDED]},
         passes={"missing": [{"MIS_START": "01/07/2024"}], "episodes": [ENDED]}),
    Case("581", fires={"missing": [{"MIS_START": "30/04/2024"}], "episodes": [{}]},
         passes={"missing": [{"MIS_START": "01/05/2024"}], "episodes": [{}]}),
    Case("580", fires={"episodes": [ENDED], "missing": [{"MIS_START": "30/06/2024", "MIS_END": ""}]},
         passes={"episodes": [{**ENDED, "REC": "E8"}], "missing": [{"MIS_START": "30/06/2024", "MIS_END": ""}]}),
    # Missing until care ended on 1 July 2024, the 18th birthday of a child born on 1 July 2006;
    # for one born on 2 July 2006 the period ending that day is not "missing when care ceased".
    # An end written 20240701 is not a date, so not "still missing" (the bench's large return).
    Case("580", fires={"episodes": [ENDED], "missing": [{"DOB": "01/07/2006", "MIS_START": "30/06/2024",
                                                         "MIS_END": "01/07/2024"}]},
         passes={"episodes": [ENDED], "missing": [{"DOB": "02/07/2006", "MIS_START": "30/06/2024",
                                                   "MIS_END": "01/07/2024"}]}),
    Case("580", fires={"episodes": [ENDED], "missing": [{"MIS_START": "30/06/2024", "MIS_END": ""}]},
         passes={"episodes": [ENDED], "missing": [{"MIS_START": "30/06/2024", "MIS_END": "20240701"}]}),
    # Mothers.
    Case("174", fires={"header": [{"SEX": "M", "MC_DOB": "01/01/2024"}]},
         passes={"header": [{"SEX": "F", "MOTHER": "1", "MC_DOB": "01/01/2024"}]}),
    Case("611", fires={"header": [{"SEX": "F", "MOTHER": "1"}]},
         passes={"header": [{"SEX": "F", "MOTHER": "1", "MC_DOB": "01/01/2024"}]}),
    Case("612", fires={"header": [{"SEX": "F", "MOTHER": "0", "MC_DOB": "01/01/2024"}]},
         passes={"header": [{"SEX": "F", "MOTHER": "0"}]}),
    # Providers and URNs.
    episode("213", {"PLACE": "T1", "RNE": "P"}, {"PLACE": "T1", "RNE": "P", "PLACE_PROVIDER": ""}),
    # An other placement (Z1) has no provider, as a temporary one (T0-T4) has none.
    episode("526", {"PLACE_PROVIDER": ""}, {"PLACE": "Z1", "RNE": "P", "PLACE_PROVIDER": ""}),
    # No URN for a placement in Cardiff (CF10 1AA, in Wales): Ofsted does not register providers there.
    episode("218", {"URN": ""}, {"URN": "", "PL_POST": "CF10 1AA"}),
    # A short break in a children's home (K2, V4) gives no URN, as 214 says: a clean synthetic
    # return's short breaks, which Data to Insight's validator flags under 218.
    episode("218", {"URN": "", "PL_POST": ""}, {"URN": "", "PL_POST": "", "LS": "V4"}),
    episode("222", {"PLACE": "P1", "PLACE_PROVIDER": "PR0"}, {"PLACE": "P1", "PLACE_PROVIDER": "PR0", "URN": "XXXXXXX"}),
    sequence("225", [{**FOSTER, "REASON_PLACE_CHANGE": ""}, {"DECOM": "01/07/2024", "RNE": "P", "PLACE": "U5"}],
             [{**FOSTER, "REASON_PLACE_CHANGE": "CARPL"}, {"DECOM": "01/07/2024", "RNE": "P", "PLACE": "U5"}]),
    # 18 on 1 June 2024 and still looked after at 31 March 2025: section 20 (V2) in a children's home.
    Case("359", fires={"header": [{"DOB": "01/06/2006"}], "episodes": [{}]},
         passes={"header": [{"DOB": "01/06/2006"}], "episodes": [{"LS": "V2", "PLACE": "K2"}]}),
    lasting("364", {"LS": "J2"}, 21),
    # Two J2 episodes of 11 days, one beginning as the other ends, are one spell of 22 days.
    sequence("364", [{"LS": "J2", "DEC": "12/05/2024", "REC": "X1"},
                     {"LS": "J2", "DECOM": "12/05/2024", "DEC": "23/05/2024", "REC": "X1", "RNE": "P"}],
             [{"LS": "J2", "DEC": "12/05/2024", "REC": "X1"},
              {"LS": "J2", "DECOM": "13/05/2024", "DEC": "24/05/2024", "REC": "X1"}]),
    # Five short breaks of 16 days are 80 days in the year; four of 16 and one of 11 are 75.
    sequence("367", [{"LS": "V3", "DECOM": f"01/{m:02d}/2024", "DEC": f"17/{m:02d}/2024", "REC": "E8"}
                     for m in range(5, 10)],
             [{"LS": "V3", "DECOM": f"01/{m:02d}/2024", "DEC": f"{17 if m < 9 else 12}/{m:02d}/2024", "REC": "E8"}
              for m in range(5, 10)]),
    # The fifth break's end written 17/09/24 is not a date (147): 64 days measured, not 80.
    sequence("367", [{"LS": "V3", "DECOM": f"01/{m:02d}/2024", "DEC": f"17/{m:02d}/2024", "REC": "E8"}
                     for m in range(5, 10)],
             [{"LS": "V3", "DECOM": f"01/{m:02d}/2024", "DEC": f"17/{m:02d}/{2024 if m < 9 else 24}", "REC": "E8"}
              for m in range(5, 10)]),
    sequence("426", [{"LS": "V3", **ENDED}, {"LS": "V4", "DECOM": "01/08/2024"}],
             [{"LS": "V3", **ENDED}, {"LS": "V3", "DECOM": "01/08/2024"}]),
    Case("575", fires={"missing": [{"MIS_START": "01/06/2024", "MIS_END": ""}], "episodes": [ENDED]},
         passes={"missing": [{"MIS_START": "01/06/2024", "MIS_END": ""}], "episodes": [{}]}),
    # Deprivation of Liberty Orders: a DoLO from 1 June to 1 September 2026 during the episode.
    *(Case(code, fires={"dolo": [DOLO], "episodes": [{"DECOM": "01/05/2026", "PLACE": place}]},
           passes={"dolo": [DOLO], "episodes": [{"DECOM": "01/05/2026", "PLACE": "K2"}]}, year=2027)
      for code, place in (("709", "U1"), ("710", "K1"))),
]

test_fires, test_does_not_fire = rule_tests(CASES)
