"""ssda903/dates.yaml: dates are dates, within the collection year where they must be, and in
order within their row. The collection year 2024-25 runs from 1 April 2024 to 31 March 2025."""

from tests.quality.rules.harness import Case, rule_tests


def date(table: str, column: str, bad: str, good: str, **options) -> dict:
    return dict(fires={table: [{column: bad}]}, passes={table: [{column: good}]}, **options)


CASES = [
    Case("102", **date("header", "DOB", "31/02/2010", "2010-02-28")),  # ISO dates are dates
    Case("102", **date("header", "DOB", "", "29/02/2012")),  # required; a leap day is a date
    Case("104", **date("uasc", "DUC", "01/13/2024", "")),  # DUC may be blank
    Case("112", **date("ad1", "DATE_INT", "1/6/24", "1/6/2024")),  # two-digit years are not dates
    Case("113", **date("ad1", "DATE_MATCH", "45444", "01/07/2024")),  # nor are Excel serials
    Case("115", **date("placed_for_adoption", "DATE_PLACED", "01.06.2024", "01/06/2024")),
    Case("116", **date("placed_for_adoption", "DATE_PLACED_CEASED", "none", "")),
    Case("141", **date("episodes", "DECOM", "", "01/05/2024")),
    Case("147", **date("episodes", "DEC", "2024-13-01", "")),
    Case("166", **date("reviews", "REVIEW", "", "01/06/2024")),
    Case("171", **date("header", "MC_DOB", "32/01/2024", "")),
    Case("1004", **date("missing", "MIS_START", "", "01/08/2024")),
    Case("1005", **date("missing", "MIS_END", "03/08/24", "")),
    Case("SW04STG1", **date("social_worker", "SW_DECOM", "", "01/05/2024")),
    Case("SW05STG1", **date("social_worker", "SW_DEC", "31/04/2024", "")),
    Case("700", **date("dolo", "DOLO_START", "", "01/06/2026", year=2027)),
    Case("701", **date("dolo", "DOLO_END", "1 July 2026", "", year=2027)),
    Case("632", **date("previous_permanence", "DATE_PERM", "zz/13/2015", "ZZ/ZZ/2015")),
    Case("632", **date("previous_permanence", "DATE_PERM", "2015", "zz/05/2015")),
    # Before care began (the first episode, 1 May 2024): zz/05/2024 is 1 May or later, so not;
    # zz/zz/2024 may be (the bench's large return: Data to Insight's reads its latest day).
    Case("632", **date("previous_permanence", "DATE_PERM", "01/05/2024", "30/04/2024", base={"episodes": [{}]})),
    Case("632", **date("previous_permanence", "DATE_PERM", "zz/05/2024", "zz/zz/2024", base={"episodes": [{}]})),
    Case("301", **date("header", "DOB", "01/04/2025", "31/03/2025")),
    Case("354", **date("episodes", "DECOM", "01/04/2025", "31/03/2025")),
    Case("385", fires={"episodes": [{"DEC": "01/04/2025", "REC": "E11"}]},
         passes={"episodes": [{"DEC": "31/03/2025", "REC": "E11"}]}),
    Case("353", **date("episodes", "DECOM", "13/10/1991", "14/10/1991")),
    Case("570", **date("missing", "MIS_START", "01/04/2025", "31/03/2025")),
    Case("571", **date("missing", "MIS_END", "31/03/2024", "01/04/2024")),
    Case("571", **date("missing", "MIS_END", "01/04/2025", "")),
    Case("703", **date("dolo", "DOLO_START", "01/04/2027", "31/03/2027", year=2027)),
    Case("704", **date("dolo", "DOLO_END", "31/03/2026", "01/04/2026", year=2027)),
    Case("355", fires={"episodes": [{"DECOM": "01/05/2024", "DEC": "01/05/2024", "REC": "E11"}]},
         passes={"episodes": [{"DECOM": "01/05/2024", "DEC": "02/05/2024", "REC": "E11"}]}),
    Case("356", fires={"episodes": [{"DECOM": "01/05/2024", "DEC": "30/04/2024", "REC": "E11"}]},
         passes={"episodes": [{"DECOM": "01/05/2024", "DEC": "01/05/2024", "REC": "E11"}]}),
    Case("567", **date("missing", "MIS_END", "31/07/2024", "01/08/2024")),  # began 1 August
    Case("586", **date("missing", "MIS_START", "31/05/2010", "01/06/2010")),  # born 1 June 2010
    Case("702", **date("dolo", "DOLO_END", "31/05/2026", "01/06/2026", year=2027)),
    Case("708", **date("dolo", "DOLO_START", "31/05/2010", "01/06/2010", year=2027)),
    Case("333", **date("ad1", "DATE_MATCH", "31/05/2024", "01/06/2024")),  # should be placed 1 June
    Case("522", **date("placed_for_adoption", "DATE_PLACED_CEASED", "31/05/2024", "01/06/2024")),
    Case("184", **date("placed_for_adoption", "DATE_PLACED", "31/05/2020", "01/06/2020")),
    # Born 29 February 2008: 18 on 1 March 2026 (not 28 February), so UASC may cease that day.
    Case("304", fires={"uasc": [{"DOB": "29/02/2008", "DUC": "02/03/2026"}]},
         passes={"uasc": [{"DOB": "29/02/2008", "DUC": "01/03/2026"}]}),
    Case("621", fires={"header": [{"DOB": "01/06/2008", "MOTHER": "1", "MC_DOB": "31/05/2008"}]},
         passes={"header": [{"DOB": "01/06/2008", "MOTHER": "1", "MC_DOB": "01/06/2024"}]}),
    Case("SW09STG2", fires={"social_worker": [{"SW_DEC": "01/05/2024"}]},
         passes={"social_worker": [{"SW_DEC": "02/05/2024"}]}),
    Case("SW18STG2", fires={"social_worker": [{"SW_DEC": "30/04/2024"}]},
         passes={"social_worker": [{"SW_DEC": "02/05/2024"}]}, year=2026),
]

test_fires, test_does_not_fire = rule_tests(CASES)
