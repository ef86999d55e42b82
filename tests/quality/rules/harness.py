"""One rule's two tests in a line or two: `Case(code, fires={...}, passes={...})`.

A case gives each table of the return as a list of rows, each row only the columns that matter;
every other column takes the value in `DEFAULTS` (one looked-after child, C1, in a valid return).
`rule_tests(CASES)` makes a test that the rule flags the `fires` return and one that it flags
nothing in the `passes` return, each checked through the same runner as `cscperf validate`. A
case's `previous` tables are last year's return, given to both.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field

import pytest

from cscperf.quality.rules.run import Breach, check
from cscperf.sources.returns import RawRows, Submitted, tables
from cscperf.store import returns as stored_returns

_AUTHORITIES = itertools.count(1)

# One child looked after in 2024-25: born 1 June 2010, in care from 1 May 2024, still in care.
DEFAULTS: dict[str, dict[str, str]] = {
    "header": {"CHILD": "C1", "SEX": "M", "DOB": "01/06/2010", "ETHNIC": "WBRI",
               "UPN": "A123456789012", "MOTHER": "", "MC_DOB": ""},
    "episodes": {"CHILD": "C1", "DECOM": "01/05/2024", "RNE": "S", "LS": "C2", "CIN": "N1",
                 "PLACE": "U1", "PLACE_PROVIDER": "PR1", "DEC": "", "REC": "",
                 "REASON_PLACE_CHANGE": "", "HOME_POST": "RM17 6SL", "PL_POST": "RM16 2XX",
                 "URN": "SC123456"},
    "reviews": {"CHILD": "C1", "DOB": "01/06/2010", "REVIEW": "01/06/2024", "REVIEW_CODE": "PN1"},
    "uasc": {"CHILD": "C1", "DOB": "01/06/2010", "SEX": "M", "DUC": ""},
    "oc2": {"CHILD": "C1", "DOB": "01/06/2010", "SDQ_SCORE": "10", "SDQ_REASON": "",
            "CONVICTED": "0", "HEALTH_CHECK": "", "IMMUNISATIONS": "1", "TEETH_CHECK": "1",
            "HEALTH_ASSESSMENT": "1", "SUBSTANCE_MISUSE": "0", "INTERVENTION_RECEIVED": "",
            "INTERVENTION_OFFERED": ""},
    "oc3": {"CHILD": "C1", "DOB": "01/06/2006", "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "S2"},
    "ad1": {"CHILD": "C1", "DOB": "01/06/2020", "DATE_INT": "01/06/2024", "DATE_MATCH": "01/07/2024",
            "FOSTER_CARE": "0", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L2"},
    "placed_for_adoption": {"CHILD": "C1", "DOB": "01/06/2020", "DATE_PLACED": "01/06/2024",
                            "DATE_PLACED_CEASED": "", "REASON_PLACED_CEASED": ""},
    "previous_permanence": {"CHILD": "C1", "DOB": "01/06/2010", "PREV_PERM": "Z1", "LA_PERM": "",
                            "DATE_PERM": ""},
    "missing": {"CHILD": "C1", "DOB": "01/06/2010", "MISSING": "M", "MIS_START": "01/08/2024",
                "MIS_END": "03/08/2024"},
    "social_worker": {"CHILD": "C1", "DOB": "01/06/2010", "SW_ID": "SW1", "SW_DECOM": "01/05/2024",
                      "SW_DEC": "", "SW_REASON": ""},
    "dolo": {"CHILD": "C1", "DOB": "01/06/2010", "DOLO_START": "01/06/2026", "DOLO_END": ""},
    # The CIN census 2024-25: child C1 (child_no 1), born 1 June 2015, referred on 1 May 2024
    # (cin_no 1) and assessed; every row of a child's groups links by child_no and cin_no.
    "census": {"Collection": "CIN", "Year": "2025", "ReferenceDate": "2025-03-31", "LEA": "883"},
    "children": {"child_no": 1, "LAchildID": "C1", "UPN": "A123456789012",
                 "PersonBirthDate": "2015-06-01", "Sex": "M", "Ethnicity": "WBRI"},
    "disabilities": {"child_no": 1, "LAchildID": "C1", "Disability": "NONE"},
    "cin_details": {"child_no": 1, "LAchildID": "C1", "cin_no": 1, "CINreferralDate": "2024-05-01",
                    "ReferralSource": "1A", "PrimaryNeedCode": "N1", "ReferralNFA": "false"},
    "assessments": {"child_no": 1, "LAchildID": "C1", "cin_no": 1, "assessment_no": 1,
                    "AssessmentActualStartDate": "2024-05-02",
                    "AssessmentAuthorisationDate": "2024-06-10"},
    "assessment_factors": {"child_no": 1, "LAchildID": "C1", "cin_no": 1, "assessment_no": 1,
                           "AssessmentFactors": "21"},
    "cin_plans": {"child_no": 1, "LAchildID": "C1", "cin_no": 1, "CINPlanStartDate": "2024-06-11"},
    "section47": {"child_no": 1, "LAchildID": "C1", "cin_no": 1, "S47ActualStartDate": "2024-05-03",
                  "ICPCnotRequired": "false", "DateOfInitialCPC": "2024-05-20"},
    "cp_plans": {"child_no": 1, "LAchildID": "C1", "cin_no": 1, "cpp_no": 1,
                 "CPPstartDate": "2024-05-20", "InitialCategoryOfAbuse": "NEG",
                 "LatestCategoryOfAbuse": "NEG", "NumberOfPreviousCPP": "0"},
    "cp_reviews": {"child_no": 1, "LAchildID": "C1", "cin_no": 1, "cpp_no": 1,
                   "CPPreviewDate": "2024-08-20"},
}

Tables = dict[str, list[dict[str, str]]]


@dataclass
class Case:
    code: str
    fires: Tables
    passes: Tables
    year: int = 2025
    previous: Tables | None = None  # last year's return, given to both
    format: str = "ssda903"
    at: list[int] | None = None  # the rows `fires` flags, when it matters which
    why: str = ""  # the worked answer, where it is not plain from the rows
    base: Tables = field(default_factory=dict)  # rows given to both, before the case's own
    la: str | None = None  # the authority's DfE code, for rules about its own area (own_la())

    @property
    def id(self) -> str:
        return self.code


def submitted(format: str, year: int, given: Tables) -> Submitted:
    """A return of `year` holding `given` (rows completed from DEFAULTS for the 903)."""
    result = Submitted(format)
    for name, rows in given.items():
        raw = RawRows(tables(format)[name])
        for offset, row in enumerate(rows):
            defaults = DEFAULTS[name]
            if year < 2025 and "SEX" in defaults:
                defaults = {**defaults, "SEX": "1"}
            if year < 2025 and "Sex" in defaults:
                defaults = {**defaults, "Sex": None, "GenderCurrent": "1"}
            raw.add(year, f"{name}.csv", offset + 2, {**defaults, **row})
        result.tables[name] = raw.to_arrow()
        result.files.append((name, year, f"{name}.csv"))
    if format == "cin_census":  # a census file gives every group, even with no rows
        result.files = [(name, year, "cin.xml") for name in tables(format)]
    return result


@functools.cache
def _connection():
    """One database for every case, each return under an authority code of its own."""
    return stored_returns.connect()


def breaches(case: Case, given: Tables) -> list[Breach]:
    # An authority's own code is given once: its returns are checked in a database of their own.
    con, la = (stored_returns.connect(), case.la) if case.la else (_connection(), f"T{next(_AUTHORITIES)}")
    tables_given = {**case.base, **given}
    for name, rows in case.base.items():
        if name in given:
            tables_given[name] = rows + given[name]
    stored_returns.save(con, la, 1, submitted(case.format, case.year, tables_given))
    if case.previous is not None:
        stored_returns.save(con, la, 1, submitted(case.format, case.year - 1, case.previous))
    outcome = check(con, case.format, case.year, la, codes=[case.code])
    assert case.code not in outcome.not_run, outcome.not_run.get(case.code)
    assert [r.code for r in outcome.run] == [case.code], f"rule {case.code} is not in force in {case.year}"
    return outcome.breaches


def rule_tests(cases: list[Case]):
    """The two tests of each case: the rule fires on one return and not on the other."""
    ids = [c.id for c in cases]

    @pytest.mark.parametrize("case", cases, ids=ids)
    def test_fires(case: Case):
        found = breaches(case, case.fires)
        assert found, f"rule {case.code} did not fire"
        assert {b.rule for b in found} == {case.code}
        if case.at is not None:
            assert sorted(b.row for b in found) == case.at

    @pytest.mark.parametrize("case", cases, ids=ids)
    def test_does_not_fire(case: Case):
        found = breaches(case, case.passes)
        assert not found, f"rule {case.code} fired: {found}"

    return test_fires, test_does_not_fire


def cin(code: str, fires: Tables, passes: Tables, **options) -> Case:
    return Case(code, fires, passes, format="cin_census", **options)
