"""cin_census/working_days.yaml: England's working days, as indicators/working_days.py counts them."""

from tests.quality.rules.harness import cin, rule_tests

CASES = [
    # 2024-25 began on Easter Monday, 1 April 2024, after Good Friday (29 March): the last working
    # day before it was Thursday 28 March. A referral that day may be a no further action case.
    cin("8569Q", {"cin_details": [{"CINreferralDate": "2024-03-27", "ReferralNFA": "true"}]},
        {"cin_details": [{"CINreferralDate": "2024-03-28", "ReferralNFA": "true"}]}),
    # 45 working days to Monday 31 March 2025 are 28 January to 31 March: begun on Monday 27
    # January, 45 working days before; on Friday 24 January, 46.
    cin("8670Q", {"assessments": [{"AssessmentActualStartDate": "2025-01-24", "AssessmentAuthorisationDate": None}]},
        {"assessments": [{"AssessmentActualStartDate": "2025-01-27", "AssessmentAuthorisationDate": None}]}),
    # 15 working days: begun on Monday 10 March 2025 passes, on Friday 7 March does not.
    cin("8675Q", {"section47": [{"S47ActualStartDate": "2025-03-07", "DateOfInitialCPC": None}]},
        {"section47": [{"S47ActualStartDate": "2025-03-10", "DateOfInitialCPC": None}]}),
]

test_fires, test_does_not_fire = rule_tests(CASES)
