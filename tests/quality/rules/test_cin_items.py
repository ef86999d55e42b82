"""cin_census/items.yaml: each census item given where needed, as a listed code or in its format."""

from tests.quality.rules.harness import cin, rule_tests

CASES = [
    cin("1560Q", {"children": [{"FormerUPN": "A12345678901"}]},  # 12 characters, not 13
        {"children": [{"FormerUPN": "A12345678901B"}]}),
    cin("1570", {"children": [{"LAchildID": "A" * 21}]}, {"children": [{"LAchildID": "A" * 20}]}),
    cin("1580", {"children": [{"LAchildID": "AB-12"}]}, {"children": [{"LAchildID": "AB12"}]}),
    cin("4180", {"children": [{"Sex": "1"}]}, {"children": [{"Sex": "U"}]}),
    cin("4180", {"children": [{"GenderCurrent": None}]}, {"children": [{"GenderCurrent": "9"}]},
        year=2024),
    cin("4220", {"children": [{"Ethnicity": None}]}, {"children": [{"Ethnicity": "NOBT"}]}),
    cin("8500", {"children": [{"LAchildID": " "}]}, {"children": [{}]}),
    # Born after 31 March 2025, the end of the 2024-25 census period.
    cin("8520", {"children": [{"PersonBirthDate": "2025-04-01"}]},
        {"children": [{"PersonBirthDate": "2025-03-31"}]}),
    # Referred on to further action with no disability recorded; NONE is a valid record.
    cin("8540", {"children": [{}], "cin_details": [{}], "disabilities": []},
        {"children": [{}], "cin_details": [{}], "disabilities": [{"Disability": "NONE"}]}),
    cin("8540", {"children": [{}], "cin_details": [{}], "disabilities": [{"Disability": "BLIND"}]},
        {"children": [{}], "cin_details": [{"ReferralNFA": "true"}], "disabilities": []}),
    cin("8545Q", {"children": [{"PersonDeathDate": "2024-03-31"}]},
        {"children": [{"PersonDeathDate": "2024-04-01"}]}),
    cin("8568", {"cin_details": [{"ReferralNFA": "no"}]}, {"cin_details": [{"ReferralNFA": "0"}]}),
    cin("8600", {"cin_details": [{"CINreferralDate": None}]},
        {"cin_details": [{"CINreferralDate": "2025-03-31"}]}),
    cin("8640", {"cin_details": [{"ReasonForClosure": "RC10"}]},
        {"cin_details": [{"ReasonForClosure": "RC9"}]}),
    cin("8650", {"cin_details": [{"PrimaryNeedCode": "N10"}]},
        {"cin_details": [{"PrimaryNeedCode": "N0"}]}),
    cin("8730", {"cp_plans": [{"NumberOfPreviousCPP": None}]}, {"cp_plans": [{}]}),
    # Referrals before 1 April 2013 did not record their source.
    cin("8866", {"cin_details": [{"ReferralSource": "1E"}]},
        {"cin_details": [{"CINreferralDate": "2013-03-31", "ReferralSource": None}]}),
    cin("8905", {"cp_plans": [{"InitialCategoryOfAbuse": None}]},
        {"cp_plans": [{"InitialCategoryOfAbuse": "MUL"}]}),
    cin("8910", {"cp_plans": [{"LatestCategoryOfAbuse": "SEX"}]},
        {"cp_plans": [{"LatestCategoryOfAbuse": "SAB"}]}),
]

test_fires, test_does_not_fire = rule_tests(CASES)
