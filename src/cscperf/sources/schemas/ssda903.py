"""The SSDA903 return (children looked after): tables, columns and code lists, year by year.

`BASE` is the 2017 return; `CHANGES` lists what each later collection year changed, applied in
year order by `schema(year)`. A test checks every year from 2017 to 2026 against the DfE
specification (`../shared/spec/ssda903/`). `RULE_CODES` are the DfE validation rules a cell
problem is reported under when the problem is exactly that rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from types import MappingProxyType

from cscperf.sources.cells import code_key

FIRST_YEAR = 2017


@dataclass(frozen=True)
class Field:
    """One column of a 903 table; `kind` says how a cell is read (`sources/ssda903/cells.py`)."""

    kind: str  # id, upn, text, date, partial_date, code, int, postcode
    required: bool = True  # the specification's "canbeblank: no"
    codes: tuple[str, ...] = ()
    synonyms: Mapping[str, str] = field(default_factory=dict)  # other spellings (upper) -> code
    minimum: int | None = None
    maximum: int | None = None

    @cached_property
    def spellings(self) -> dict[str, str]:
        """Every accepted spelling, as `code_key` gives it, with the code it stands for."""
        return {**self.synonyms, **{code_key(c): c for c in self.codes}}


def code(codes: str, required: bool = True, synonyms: Mapping[str, str] | None = None) -> Field:
    return Field("code", required, tuple(codes.split()), MappingProxyType(dict(synonyms or {})))


CHILD, DATE, OPTIONAL_DATE = Field("id"), Field("date"), Field("date", required=False)
POSTCODE = Field("postcode", required=False)
# Yes/no items are 0/1; the words systems export instead are accepted too.
YES_NO_WORDS = {"N": "0", "NO": "0", "FALSE": "0", "Y": "1", "YES": "1", "TRUE": "1"}
YES_NO = code("0 1", required=False, synonyms=YES_NO_WORDS)

BASE: dict[str, dict[str, Field]] = {
    "header": {
        "CHILD": CHILD,
        "SEX": code("1 2", synonyms={"MALE": "1", "FEMALE": "2"}),
        "DOB": DATE,
        "ETHNIC": code("WBRI WIRI WOTH WIRT WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR "
                       "BOTH CHNE OOTH REFU NOBT"),
        "UPN": Field("upn"),
        "MOTHER": YES_NO,
        "MC_DOB": OPTIONAL_DATE,
    },
    "episodes": {
        "CHILD": CHILD,
        "DECOM": DATE,
        "RNE": code("S L P T B U"),
        "LS": code("C1 C2 D1 E1 V2 V3 V4 L1 L2 L3 J1 J2 J3"),
        "CIN": code("N1 N2 N3 N4 N5 N6 N7 N8"),
        "PLACE": code("A3 A4 A5 A6 H5 K1 K2 P1 P2 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 "
                      "U6 Z1"),
        "PLACE_PROVIDER": code("PR0 PR1 PR2 PR3 PR4 PR5", required=False),
        "DEC": OPTIONAL_DATE,
        "REC": code("X1 E11 E12 E2 E3 E4A E4B E13 E41 E43 E44 E5 E6 E7 E9 E14 E15 E16 E17 E8",
                    required=False),
        "REASON_PLACE_CHANGE": code("CARPL CLOSE ALLEG STAND APPRR CREQB CREQO CHILD LAREQ PLACE "
                                    "OTHER", required=False),
        "HOME_POST": POSTCODE,
        "PL_POST": POSTCODE,
        "URN": Field("id", required=False),
    },
    "reviews": {"CHILD": CHILD, "DOB": DATE, "REVIEW": DATE,
                "REVIEW_CODE": code("PN0 PN1 PN2 PN3 PN4 PN5 PN6 PN7")},
    "uasc": {"CHILD": CHILD, "DOB": DATE, "SEX": code("1 2", synonyms={"MALE": "1", "FEMALE": "2"}),
             "DUC": OPTIONAL_DATE},
    "oc2": {
        "CHILD": CHILD,
        "DOB": DATE,
        "SDQ_SCORE": Field("int", required=False, minimum=0, maximum=40),
        "SDQ_REASON": code("SDQ1 SDQ2 SDQ3 SDQ4 SDQ5", required=False),
        **{name: YES_NO for name in ("CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
                                     "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
                                     "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")},
    },
    "oc3": {
        "CHILD": CHILD,
        "DOB": DATE,
        "IN_TOUCH": code("YES NO DIED REFU NREQ RHOM"),
        "ACTIV": code("F1 P1 F2 P2 F3 P3 G4 G5 G6 0"),
        "ACCOM": code("B1 B2 C1 C2 D1 D2 E1 E2 G1 G2 H1 H2 K1 K2 R1 R2 S1 S2 T1 T2 U1 U2 V1 V2 "
                      "W1 W2 X1 X2 Y1 Y2 Z1 Z2 0"),
    },
    "ad1": {
        "CHILD": CHILD,
        "DOB": DATE,
        "DATE_INT": DATE,
        "DATE_MATCH": DATE,
        "FOSTER_CARE": replace(YES_NO, required=True),
        "NB_ADOPTR": Field("int"),
        "SEX_ADOPTR": code("M1 F1 MM FF MF"),
        "LS_ADOPTR": code("L0 L11 L12 L2 L3 L4"),
    },
    "placed_for_adoption": {"CHILD": CHILD, "DOB": DATE, "DATE_PLACED": DATE,
                            "DATE_PLACED_CEASED": OPTIONAL_DATE,
                            "REASON_PLACED_CEASED": code("RD1 RD2 RD3 RD4", required=False)},
    "previous_permanence": {"CHILD": CHILD, "DOB": DATE, "PREV_PERM": code("P1 P2 P3 P4 Z1"),
                            "LA_PERM": Field("text", required=False),
                            "DATE_PERM": Field("partial_date", required=False)},
    "missing": {"CHILD": CHILD, "DOB": DATE, "MISSING": code("M A"), "MIS_START": DATE,
                "MIS_END": OPTIONAL_DATE},
}


@dataclass(frozen=True)
class CodeChange:
    """A year's change to a code list: codes added and dropped, and new synonyms if given."""

    add: str = ""
    drop: str = ""
    synonyms: Mapping[str, str] | None = None

    def apply(self, old: Field) -> Field:
        dropped = set(self.drop.split())
        codes = tuple(c for c in old.codes if c not in dropped) + tuple(self.add.split())
        synonyms = old.synonyms if self.synonyms is None else MappingProxyType(dict(self.synonyms))
        return replace(old, codes=codes, synonyms=synonyms)


SEX_2025 = CodeChange(add="M F U", drop="1 2",
                      synonyms={"MALE": "M", "FEMALE": "F", "UNKNOWN": "U"})

# Keyed by collection year (the year the return ends). A (table, column) key changes a code list;
# a table name key adds a table.
CHANGES: dict[int, dict[tuple[str, str] | str, CodeChange | dict[str, Field]]] = {
    2019: {("episodes", "REC"): CodeChange(add="E45 E46 E47 E48", drop="E43 E44"),
           ("episodes", "REASON_PLACE_CHANGE"): CodeChange(add="CUSTOD")},
    2022: {("oc3", "ACTIV"): CodeChange(add="F4 P4 F5 P5", drop="F3 P3")},
    2024: {"social_worker": {
        "CHILD": CHILD, "DOB": DATE, "SW_ID": Field("id"), "SW_DECOM": DATE,
        "SW_DEC": OPTIONAL_DATE,
        "SW_REASON": code("MANAGE FCONTA LEFTRL ORGRST TSPROC ABSENC CHCHAN PCCHAN SWDIED OTHERS",
                          required=False)}},
    2025: {("header", "SEX"): SEX_2025,
           # The uasc table's specification still accepts the old 1/2 codes.
           ("uasc", "SEX"): replace(SEX_2025, synonyms={**SEX_2025.synonyms, "1": "M", "2": "F"}),
           ("episodes", "PLACE"): CodeChange(add="K3", drop="H5 P2")},
    2026: {("episodes", "PLACE"): CodeChange(add="Z11 Z12 Z13 Z14")},
    # Deprivation of Liberty Orders (rules 700-710); the DfE's 2026-27 list names its columns.
    2027: {"dolo": {"CHILD": CHILD, "DOB": DATE, "DOLO_START": DATE, "DOLO_END": OPTIONAL_DATE}},
}


@cache
def schema(year: int) -> dict[str, dict[str, Field]]:
    """The tables and columns of the return for `year`; years before 2017 read as 2017."""
    tables = {name: dict(columns) for name, columns in BASE.items()}
    for change_year in sorted(CHANGES):
        if change_year > year:
            break
        for key, change in CHANGES[change_year].items():
            if isinstance(key, str):
                tables[key] = dict(change)
            else:
                table, column = key
                tables[table][column] = change.apply(tables[table][column])
    return tables


def all_columns() -> dict[str, set[str]]:
    """Every column any year's version of each table has: what recognises a table's file."""
    columns: dict[str, set[str]] = {}
    for year in (FIRST_YEAR, *CHANGES):
        for table, fields in schema(year).items():
            columns.setdefault(table, set()).update(fields)
    return columns


def first_year(table: str) -> int:
    return next(year for year in (FIRST_YEAR, *sorted(CHANGES)) if table in schema(year))


# DfE validation rules (903_YYYY_YY_rule_info.csv) that are exactly a problem with one cell:
# a value that is not a valid code or date. A few also cover a blank cell ("invalid or blank").
RULE_CODES: dict[tuple[str, str], str] = {
    ("header", "SEX"): "101", ("header", "DOB"): "102", ("header", "ETHNIC"): "103",
    ("header", "UPN"): "168", ("header", "MC_DOB"): "171",
    ("episodes", "DECOM"): "141", ("episodes", "RNE"): "143", ("episodes", "LS"): "144",
    ("episodes", "CIN"): "145", ("episodes", "PLACE"): "146", ("episodes", "DEC"): "147",
    ("episodes", "REC"): "149", ("episodes", "PLACE_PROVIDER"): "178",
    ("episodes", "REASON_PLACE_CHANGE"): "1009", ("episodes", "HOME_POST"): "392c",
    ("episodes", "PL_POST"): "392c",
    ("reviews", "REVIEW"): "166", ("reviews", "REVIEW_CODE"): "167",
    ("uasc", "DUC"): "104",
    ("oc2", "SDQ_SCORE"): "180", ("oc2", "SDQ_REASON"): "196",
    ("oc3", "IN_TOUCH"): "131", ("oc3", "ACTIV"): "132", ("oc3", "ACCOM"): "133",
    ("oc3", "DOB"): "391",
    ("ad1", "DATE_INT"): "112", ("ad1", "DATE_MATCH"): "113", ("ad1", "FOSTER_CARE"): "114",
    ("ad1", "NB_ADOPTR"): "175", ("ad1", "SEX_ADOPTR"): "176", ("ad1", "LS_ADOPTR"): "177",
    ("placed_for_adoption", "DATE_PLACED"): "115",
    ("placed_for_adoption", "DATE_PLACED_CEASED"): "116",
    ("placed_for_adoption", "REASON_PLACED_CEASED"): "120",
    ("previous_permanence", "PREV_PERM"): "631", ("previous_permanence", "DATE_PERM"): "632",
    ("missing", "MIS_START"): "1004", ("missing", "MIS_END"): "1005",
    ("missing", "MISSING"): "1006",
    ("social_worker", "SW_DECOM"): "SW04STG1", ("social_worker", "SW_DEC"): "SW05STG1",
    ("social_worker", "SW_REASON"): "SW13STG1",
    ("dolo", "DOLO_START"): "700", ("dolo", "DOLO_END"): "701",
}
BLANK_IS_INVALID = {("header", "ETHNIC"), ("reviews", "REVIEW"), ("reviews", "REVIEW_CODE")}

# Dates that must not be after the end of the collection year (31 March), with the DfE rule.
WITHIN_YEAR_RULES: dict[tuple[str, str], str] = {
    ("episodes", "DECOM"): "354", ("episodes", "DEC"): "385", ("missing", "MIS_START"): "570",
    ("dolo", "DOLO_START"): "703",
}
