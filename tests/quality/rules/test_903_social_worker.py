"""ssda903/social_worker.yaml: social worker episodes. Child C1 is looked after from 1 May 2024
(still at 31 March 2025) and has had social worker SW1 since then."""

from tests.quality.rules.harness import Case, rule_tests

FIRST = {"SW_ID": "SW1", "SW_DECOM": "01/05/2024", "SW_DEC": "01/09/2024", "SW_REASON": "FCONTA"}
ENDED = {"DEC": "01/07/2024", "REC": "E13"}  # care ended on 1 July 2024


def worker(code: str, bad: list, good: list, **options) -> Case:
    return Case(code, fires={"social_worker": bad}, passes={"social_worker": good}, **options)


def following(code: str, bad: dict, good: dict, **options) -> Case:
    """A second episode after FIRST, which ended on 1 September 2024."""
    return worker(code, [FIRST, {"SW_ID": "SW2", **bad}], [FIRST, {"SW_ID": "SW2", **good}], **options)


CASES = [
    # Begun before 1 April 2023: no reason needed; on or after it, one is.
    worker("SW01aSTG1", [{"SW_DECOM": "31/03/2023", "SW_ID": ""}], [{"SW_DECOM": "31/03/2023"}]),
    worker("SW01bSTG1", [{"SW_DECOM": "01/04/2023"}], [{"SW_DECOM": "31/03/2023"}]),
    worker("SW02STG1", [{"SW_ID": "AB12"}], [{"SW_ID": "XX12"}]),
    worker("SW06STG2", [{"SW_DECOM": "01/04/2025"}], [{"SW_DECOM": "31/03/2025"}]),
    # The reporting period for 2024-25 runs from 1 April 2023.
    worker("SW07STG2", [{"SW_DECOM": "01/01/2023", "SW_DEC": "31/03/2023"}],
           [{"SW_DECOM": "01/01/2023", "SW_DEC": "01/04/2023"}]),
    worker("SW08STG2", [{**FIRST, "SW_DEC": ""}, {"SW_ID": "SW2", "SW_DECOM": "01/09/2024"}],
           [FIRST, {"SW_ID": "SW2", "SW_DECOM": "01/09/2024"}]),
    # Seven days either side of 1 September 2024.
    following("SW10STG2", {"SW_DECOM": "24/08/2024", "SW_REASON": "CHCHAN"},
              {"SW_DECOM": "25/08/2024", "SW_REASON": "CHCHAN"}),
    following("SW10aSTG2", {"SW_DECOM": "09/09/2024", "SW_REASON": "CHCHAN"},
              {"SW_DECOM": "08/09/2024", "SW_REASON": "CHCHAN"}, year=2026),
    following("SW10bSTG2", {"SW_DECOM": "01/09/2024", "SW_REASON": "FCONTA"},
              {"SW_DECOM": "02/09/2024", "SW_REASON": "FCONTA"}, year=2026),
    # Looked after at 31 March with the social worker episode ended: no longer so once care ended.
    Case("SW11bSTG2", fires={"social_worker": [FIRST], "episodes": [{}]},
         passes={"social_worker": [FIRST], "episodes": [{**ENDED, "DEC": "01/09/2024"}]}),
    # A next episode whose start is written 2/9/24 (not a date) is SW04's breach, not a missing one.
    Case("SW11bSTG2", fires={"social_worker": [FIRST], "episodes": [{}]},
         passes={"social_worker": [FIRST, {"SW_ID": "SW2", "SW_DECOM": "2/9/24"}], "episodes": [{}]}),
    Case("SW17STG2", fires={"social_worker": [{**FIRST, "SW_DEC": "31/03/2025"}], "episodes": [{}]},
         passes={"social_worker": [{**FIRST, "SW_DEC": ""}], "episodes": [{}]}, year=2026),
    # In care from 1 May 2024: a social worker from then on (or before) covers the year.
    Case("SW12STG2", fires={"social_worker": [{"SW_DECOM": "02/05/2024"}], "episodes": [{}]},
         passes={"social_worker": [{"SW_DECOM": "01/05/2024"}], "episodes": [{}]}),
    Case("SW12STG2", fires={"social_worker": [], "episodes": [{}]},
         passes={"social_worker": [], "episodes": [ENDED]}),
    worker("SW19STG2", [FIRST, {**FIRST, "SW_ID": "SW2"}], [FIRST, {**FIRST, "SW_ID": "SW2", "SW_DECOM": "02/05/2024"}],
           year=2026),
]

test_fires, test_does_not_fire = rule_tests(CASES)
