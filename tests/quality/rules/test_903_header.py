"""ssda903/header.yaml: UASC children, mothers and UPNs."""

from tests.quality.rules.harness import Case, rule_tests

GIRL = {"SEX": "F"}
ENDED = {"DEC": "01/07/2024", "REC": "E13"}  # care ended on 1 July 2024


def header(code: str, bad: dict, good: dict, **options) -> Case:
    return Case(code, fires={"header": [bad]}, passes={"header": [good]}, **options)


CASES = [
    # No longer UASC: last year's status ceased after 2023-24 (1 April 2023 to 31 March 2024).
    Case("205A", fires={"header": [{}], "uasc": []}, passes={"header": [{}], "uasc": [{}]},
         previous={"header": [{}], "uasc": [{"DUC": "01/04/2024"}]}, base={"episodes": [{}]}),
    # A care leaver not looked after this year gives no UASC row (1014).
    Case("205A", fires={"header": [{}], "uasc": [], "episodes": [{}]},
         passes={"header": [{}], "uasc": [], "episodes": [], "oc3": [{}]},
         previous={"header": [{}], "uasc": [{"DUC": "01/04/2024"}]}),
    # UASC both years: last year's date ceased is given again unchanged.
    Case("205B", fires={"uasc": [{"DUC": "02/06/2024"}]}, passes={"uasc": [{"DUC": "01/06/2024"}]},
         previous={"header": [{}], "uasc": [{"DUC": "01/06/2024"}]}),
    Case("205D", fires={"uasc": [{}]}, passes={"uasc": [{"CHILD": "C2"}]}, previous={"header": [{}], "uasc": []}),
    # Under 11 on 31 March 2025: born after 31 March 2014.
    Case("231", fires={"header": [{"DOB": "01/04/2014"}], "uasc": [{}]},
         passes={"header": [{"DOB": "31/03/2014"}], "uasc": [{}]}),
    # Aged 4 by 31 August 2023, so at school from September 2023.
    header("209", {"UPN": "UN1", "DOB": "31/08/2019"}, {"UPN": "UN1", "DOB": "01/09/2019"}),
    # In care since 23 March 2025 (more than a week at 31 March); since the 24th is a week.
    Case("210", fires={"header": [{"UPN": "UN4"}], "episodes": [{"DECOM": "23/03/2025"}]},
         passes={"header": [{"UPN": "UN4"}], "episodes": [{"DECOM": "24/03/2025"}]}),
    header("165", {"MOTHER": "1"}, {"MOTHER": ""}, base={"episodes": [{}]}),
    Case("165", fires={"header": [GIRL], "episodes": [{}]},
         passes={"header": [GIRL], "episodes": [{"LS": "V3", "DEC": "05/05/2024", "REC": "E8"}]}),
    Case("393", fires={"header": [GIRL], "episodes": [{}]},
         passes={"header": [{**GIRL, "MOTHER": "0"}], "episodes": [{}]}),
    Case("607", fires={"header": [GIRL], "episodes": [ENDED]},
         passes={"header": [GIRL], "episodes": [{**ENDED, "DEC": "31/03/2024", "DECOM": "01/05/2023"}]}),
    Case("399", fires={"header": [{}], "episodes": [{"LS": "V3"}], "reviews": [{}]},
         passes={"header": [{}], "episodes": [{"LS": "V3"}, {"LS": "C2", "DECOM": "01/06/2024"}],
                 "reviews": [{}]}),
    # Adopted on 1 July 2024, then looked after again.
    Case("199", fires={"episodes": [{"DEC": "01/07/2024", "REC": "E11", "PLACE": "A4"}, {"DECOM": "01/08/2024"}]},
         passes={"episodes": [{"DEC": "01/07/2024", "REC": "E11", "PLACE": "A4"}]}),
    # Adopted on 9 December 2023, in last year's return (the note: "current and previous year").
    Case("199", fires={"episodes": [{}]}, passes={"episodes": [{"CHILD": "C2"}]},
         previous={"episodes": [{"DECOM": "01/05/2023", "DEC": "09/12/2023", "REC": "E12", "PLACE": "A4"}]}),
]

test_fires, test_does_not_fire = rule_tests(CASES)
