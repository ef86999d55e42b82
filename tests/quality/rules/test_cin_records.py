"""cin_census/records.yaml and overlaps.yaml: a child's records hang together and do not overlap.
Child C1's referral (cin_no 1) is dated 1 May 2024 (tests/quality/rules/harness.py)."""

from tests.quality.rules.harness import cin, rule_tests

NFA = {"ReferralNFA": "true"}
CLOSED = {"CINclosureDate": "2024-09-30", "ReasonForClosure": "RC1"}
SECOND = {"child_no": 1, "cin_no": 2}  # another referral of the same child
FACTORS = {"assessments": [{}]}


def factors(*codes: str) -> list[dict]:
    return [{"AssessmentFactors": code} for code in codes]


CASES = [
    cin("8510", {"children": [{}, {"child_no": 2}]}, {"children": [{}, {"child_no": 2, "LAchildID": "C2"}]}),
    cin("1520", {"children": [{}, {"child_no": 2, "LAchildID": "C2"}]},
        {"children": [{}, {"child_no": 2, "LAchildID": "C2", "UPN": None}]}),
    cin("8590", {"children": [{}], "cin_details": []}, {"children": [{}], "cin_details": [{}]}),
    cin("8790", {"disabilities": [{"Disability": "NONE"}, {"Disability": "MOB"}]},
        {"disabilities": [{"Disability": "HAND"}, {"Disability": "MOB"}]}),
    cin("8794", {"disabilities": [{"Disability": "MOB"}, {"Disability": "MOB"}]},
        {"disabilities": [{"Disability": "HAND"}, {"Disability": "MOB"}]}),
    cin("8772", {"children": [{"UPN": None, "UPNunknown": "UN7"}], "cin_details": [{}]},
        {"children": [{"UPN": None, "UPNunknown": "UN7"}], "cin_details": [NFA]}),
    cin("8805", {"cin_details": [{"CINclosureDate": "2024-09-30"}]}, {"cin_details": [CLOSED]}),
    cin("8810", {"cin_details": [{"ReasonForClosure": "RC1"}]}, {"cin_details": [CLOSED]}),
    cin("8867", {"cin_details": [CLOSED], "assessments": [{"AssessmentAuthorisationDate": None}]},
        {"cin_details": [CLOSED], "assessments": [{}]}),
    cin("8868", {"cin_details": [CLOSED], "section47": [{"DateOfInitialCPC": None}]},
        {"cin_details": [CLOSED], "section47": [{"DateOfInitialCPC": None, "ICPCnotRequired": "true"}]}),
    # Closed 30 September 2024: an assessment authorised the next day is activity after closure.
    cin("8565", {"cin_details": [CLOSED], "assessments": [{"AssessmentAuthorisationDate": "2024-10-01"}]},
        {"cin_details": [CLOSED], "assessments": [{"AssessmentAuthorisationDate": "2024-09-30"}]}),
    # ... as is an enquiry started the next day, or a conference held then (the DfE's rule names
    # S47ActualStartDate; Data to Insight's validator checks the enquiry's conference too).
    cin("8565", {"cin_details": [CLOSED], "section47": [{"S47ActualStartDate": "2024-10-01",
                                                         "DateOfInitialCPC": "2024-10-02"}]},
        {"cin_details": [CLOSED], "section47": [{"S47ActualStartDate": "2024-09-30",
                                                 "DateOfInitialCPC": "2024-09-30"}]}),
    cin("8565", {"cin_details": [CLOSED], "section47": [{"DateOfInitialCPC": "2024-10-01"}]},
        {"cin_details": [CLOSED], "section47": [{"DateOfInitialCPC": "2024-09-30"}]}),
    cin("4000", {"cin_details": [NFA], "cin_plans": [{}]}, {"cin_details": [{}], "cin_plans": [{}]}),
    cin("8831", {"cin_details": [NFA], "assessments": [{}]}, {"cin_details": [NFA], "assessments": []}),
    cin("8832", {"cin_details": [NFA], "cp_plans": [{}]}, {"cin_details": [{}], "cp_plans": [{}]}),
    cin("8610", {"cin_details": [{"PrimaryNeedCode": None}]},
        {"cin_details": [{"PrimaryNeedCode": None, **NFA}]}),
    cin("2990", {"cin_details": [{"ReasonForClosure": "RC8", "CINclosureDate": "2024-06-30"}],
                 "cin_plans": [{}]},
        {"cin_details": [{"ReasonForClosure": "RC8", "CINclosureDate": "2024-06-30"}], "cin_plans": []}),
    cin("8825Q", {"cin_details": [{"ReasonForClosure": "RC9"}], "assessments": []},
        {"cin_details": [{"ReasonForClosure": "RC9"}], "assessments": [{}]}),
    cin("8873Q", {"cin_details": [CLOSED], "assessments": [{}], "assessment_factors": factors("21")},
        {"cin_details": [{**CLOSED, "ReasonForClosure": "RC8"}], "assessments": [{}],
         "assessment_factors": factors("21")}),
    cin("2991Q", {"cin_details": [{}], "section47": [{}], "assessments": []},
        {"cin_details": [{}], "section47": [{}], "assessments": [{}]}),
    cin("8614", {"assessments": [{"AssessmentAuthorisationDate": None}], "assessment_factors": factors("1A")},
        {"assessments": [{}], "assessment_factors": factors("1A")}),
    cin("8897Q", {"assessments": [{}], "assessment_factors": []},
        {"assessments": [{}], "assessment_factors": factors("2B")}),
    cin("8869", {"assessment_factors": factors("21", "1A")}, {"assessment_factors": factors("21")}),
    cin("8898", {"assessment_factors": factors("1A", "1A")}, {"assessment_factors": factors("1A", "1B")}),
    cin("8945Q", {"assessment_factors": factors("18A")}, {"assessment_factors": factors("18B")}),
    cin("8950Q", {"assessment_factors": factors("19A")}, {"assessment_factors": factors("19C")}),
    cin("2884", {"cin_details": [{"DateOfInitialCPC": "2024-05-20"}], "section47": [{}]},
        {"cin_details": [{}], "section47": [{}]}),
    # Two plans started in the year after one conference (held at the S47 level).
    cin("2883", {"cin_details": [{}], "section47": [{}], "cp_plans": [{}, {"cpp_no": 2}]},
        {"cin_details": [{}], "section47": [{}], "cp_plans": [{}]}),
    cin("2885", {"section47": [{}], "cp_plans": [{"CPPstartDate": "2024-05-21"}]},
        {"section47": [{}], "cp_plans": [{}]}),
    # 18 May 2024 was a Saturday; 20 May 2024 a Monday.
    cin("8875", {"section47": [{"DateOfInitialCPC": "2024-05-18"}]}, {"section47": [{}]}),
    cin("8875", {"cin_details": [{"DateOfInitialCPC": "2024-05-19"}]}, {"cin_details": [{}]}),
    cin("8870Q", {"section47": [{"InitialCPCtarget": "2024-05-18"}]},
        {"section47": [{"InitialCPCtarget": "2024-05-20"}]}),
    # Overlaps.
    cin("8815", {"cin_details": [{}, {**SECOND, "CINreferralDate": "2024-07-01"}]},
        {"cin_details": [{}, {**SECOND, "CINreferralDate": "2024-07-01", **NFA}]}),
    cin("8816", {"cin_details": [{}, {**SECOND, "CINreferralDate": "2024-07-01", **CLOSED}]},
        {"cin_details": [CLOSED, {**SECOND, "CINreferralDate": "2024-10-01"}]}),
    # The first referral closed on 30 September 2024: the next may begin that day, not before.
    cin("8820", {"cin_details": [CLOSED, {**SECOND, "CINreferralDate": "2024-09-29"}]},
        {"cin_details": [CLOSED, {**SECOND, "CINreferralDate": "2024-09-30"}]}),
    cin("4004", {"cin_plans": [{}, {"CINPlanStartDate": "2024-07-01"}]},
        {"cin_plans": [{"CINPlanEndDate": "2024-06-30"}, {"CINPlanStartDate": "2024-07-01"}]}),
    cin("4014", {"cin_plans": [{"CINPlanEndDate": "2024-07-01"}, {"CINPlanStartDate": "2024-06-30"}]},
        {"cin_plans": [{"CINPlanEndDate": "2024-07-01"}, {"CINPlanStartDate": "2024-07-01"}]}),
    cin("8935", {"cp_plans": [{}, {"cpp_no": 2, "CPPstartDate": "2024-07-01"}]},
        {"cp_plans": [{"CPPendDate": "2024-06-30"}, {"cpp_no": 2, "CPPstartDate": "2024-07-01"}]}),
    cin("8940", {"cp_plans": [{"CPPendDate": "2024-07-01"}, {"cpp_no": 2, "CPPstartDate": "2024-06-30"}]},
        {"cp_plans": [{"CPPendDate": "2024-07-01"}, {"cpp_no": 2, "CPPstartDate": "2024-07-01"}]}),
    cin("8896", {"assessments": [{"AssessmentAuthorisationDate": None},
                                 {"assessment_no": 2, "AssessmentAuthorisationDate": None}]},
        {"assessments": [{}, {"assessment_no": 2, "AssessmentAuthorisationDate": None}]}),
    # The first assessment ran from 2 May to 10 June 2024.
    cin("8863Q", {"assessments": [{}, {"assessment_no": 2, "AssessmentActualStartDate": "2024-06-09"}]},
        {"assessments": [{}, {"assessment_no": 2, "AssessmentActualStartDate": "2024-06-10"}]}),
    cin("8839", {"section47": [{"DateOfInitialCPC": None}, {"DateOfInitialCPC": None}]},
        {"section47": [{"DateOfInitialCPC": None}, {"DateOfInitialCPC": None, "ICPCnotRequired": "1"}]}),
    # The first enquiry began 3 May 2024 and ran to its conference on 20 May.
    cin("8890", {"section47": [{}, {"S47ActualStartDate": "2024-05-19"}]},
        {"section47": [{}, {"S47ActualStartDate": "2024-05-20"}]}),
    cin("4001", {"cin_plans": [{}], "cp_plans": [{}]},
        {"cin_plans": [{"CINPlanEndDate": "2024-05-20"}], "cp_plans": [{}]}),
    # CP plan from 20 May 2024 to 1 July 2024: a CIN plan may begin on 1 July, not before.
    cin("4016", {"cp_plans": [{"CPPendDate": "2024-07-01"}], "cin_plans": [{"CINPlanStartDate": "2024-06-30"}]},
        {"cp_plans": [{"CPPendDate": "2024-07-01"}], "cin_plans": [{"CINPlanStartDate": "2024-07-01"}]}),
    cin("4017", {"cin_plans": [{"CINPlanStartDate": "2024-05-01"}], "cp_plans": [{}]},
        {"cin_plans": [{"CINPlanStartDate": "2024-05-01", "CINPlanEndDate": "2024-05-20"}], "cp_plans": [{}]}),
    cin("4003", {"cin_plans": [{"CINPlanStartDate": "2024-08-01"}], "cp_reviews": [{}]},
        {"cin_plans": [{"CINPlanStartDate": "2024-08-21"}], "cp_reviews": [{}]}),
]

test_fires, test_does_not_fire = rule_tests(CASES)
