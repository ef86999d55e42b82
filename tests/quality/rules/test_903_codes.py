"""ssda903/codes.yaml: each coded item holds a code from its year's list."""

from tests.quality.rules.harness import Case, rule_tests


def bad(table: str, column: str, value: str, good: str, **options) -> Case:
    """A code rule: `value` is flagged, `good` is not."""
    return dict(fires={table: [{column: value}]}, passes={table: [{column: good}]}, **options)


CASES = [
    # SEX is M, F or U from 2024-25; 1 and 2 (the old codes, and uasc's) are not valid then.
    Case("101", **bad("header", "SEX", "1", "F")),
    Case("101", **bad("header", "SEX", "M", "2", year=2024)),
    # Blank is invalid: the message says "or has not been entered".
    Case("103", **bad("header", "ETHNIC", "", "WIRI")),
    Case("114", **bad("ad1", "FOSTER_CARE", "Y", "1")),
    Case("120", **bad("placed_for_adoption", "REASON_PLACED_CEASED", "RD5", "RD1")),
    Case("131", **bad("oc3", "IN_TOUCH", "yes", "YES")),  # codes are upper case, as listed
    Case("132", **bad("oc3", "ACTIV", "F3", "F4")),  # F3 and P3 left the list in 2021-22
    Case("133", **bad("oc3", "ACCOM", "Z3", "Z1")),
    # A blank reason for new episode is invalid: the specification says it cannot be blank.
    Case("143", **bad("episodes", "RNE", "", "L")),
    Case("144", **bad("episodes", "LS", "C3", "J1")),
    Case("145", **bad("episodes", "CIN", "N9", "N8")),
    # P2 left the placement list in 2024-25 and Z11 joined in 2025-26.
    Case("146", **bad("episodes", "PLACE", "P2", "K3")),
    Case("146", **bad("episodes", "PLACE", "Z11", "P2", year=2024)),
    Case("149", **bad("episodes", "REC", "E43", "E45")),  # E43 left the list in 2018-19
    Case("167", **bad("reviews", "REVIEW_CODE", "", "PN0")),
    Case("175", **bad("ad1", "NB_ADOPTR", "3", "1")),
    Case("176", **bad("ad1", "SEX_ADOPTR", "M", "M1")),
    Case("177", **bad("ad1", "LS_ADOPTR", "L1", "L11")),
    Case("178", **bad("episodes", "PLACE_PROVIDER", "PR6", "")),  # blank: not always required
    # No provider for a temporary (T0-T4) or other (Z1) placement.
    Case("178", fires={"episodes": [{"PLACE": "Z1", "PLACE_PROVIDER": "PR4"}]},
         passes={"episodes": [{"PLACE": "Z1", "PLACE_PROVIDER": ""}]}),
    Case("180", **bad("oc2", "SDQ_SCORE", "41", "40")),
    Case("180", **bad("oc2", "SDQ_SCORE", "12.5", "0")),
    Case("196", **bad("oc2", "SDQ_REASON", "SDQ6", "SDQ5")),
    Case("631", **bad("previous_permanence", "PREV_PERM", "P5", "P4")),
    Case("1006", **bad("missing", "MISSING", "X", "A")),
    Case("1009", **bad("episodes", "REASON_PLACE_CHANGE", "OTHERS", "CUSTOD")),
    Case("SW13STG1", **bad("social_worker", "SW_REASON", "OTHER", "OTHERS")),
]

test_fires, test_does_not_fire = rule_tests(CASES)
