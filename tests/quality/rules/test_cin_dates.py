"""cin_census/dates.yaml: census dates within the census year, in order, and not after death.
The 2024-25 census year runs from 1 April 2024 to 31 March 2025; child C1's referral is dated
1 May 2024 (tests/quality/rules/harness.py)."""

from tests.quality.rules.harness import cin, rule_tests


def one(table: str, bad: dict, good: dict, **options):
    return dict(fires={table: [bad]}, passes={table: [good]}, **options)


REFERRAL = {"cin_details": [{}]}
DIED = {"children": [{"PersonDeathDate": "2024-09-30"}]}

CASES = [
    cin("100", **one("census", {"ReferenceDate": "2025-03-30"}, {"ReferenceDate": "2025-03-31"})),
    cin("4010", **one("cin_plans", {"CINPlanStartDate": None}, {"CINPlanStartDate": "2023-06-01"})),
    cin("4013", **one("cin_plans", {"CINPlanEndDate": "2024-03-31"}, {"CINPlanEndDate": "2024-04-01"})),
    cin("8620", **one("cin_details", {"CINclosureDate": "2025-04-01"}, {"CINclosureDate": "2025-03-31"})),
    cin("8696", **one("assessments", {"AssessmentAuthorisationDate": "2024-03-31"},
                      {"AssessmentAuthorisationDate": "2024-04-01"})),
    cin("8715", **one("cin_details", {"DateOfInitialCPC": "2025-04-01"}, {"DateOfInitialCPC": "2024-05-20"})),
    cin("8720", **one("cp_plans", {"CPPstartDate": "2025-04-01"}, {"CPPstartDate": "2023-05-20"})),
    cin("8930", **one("cp_plans", {"CPPendDate": "2025-04-01"}, {"CPPendDate": "2025-03-31"})),
    # Not completed: started before the year, it should have been completed or closed.
    cin("8736", **one("assessments", {"AssessmentActualStartDate": "2024-03-31",
                                      "AssessmentAuthorisationDate": None},
                      {"AssessmentActualStartDate": "2024-03-31"})),
    cin("8740", **one("section47", {"S47ActualStartDate": "2024-03-31", "DateOfInitialCPC": None},
                      {"S47ActualStartDate": "2024-03-31", "DateOfInitialCPC": None,
                       "ICPCnotRequired": "true"})),
    cin("1103", **one("assessments", {"AssessmentActualStartDate": "2024-04-30"},
                      {"AssessmentActualStartDate": "2024-05-01"}), base=REFERRAL),
    cin("1104", **one("cin_details", {"DateOfInitialCPC": "2024-04-30"}, {"DateOfInitialCPC": "2024-05-01"})),
    cin("1105", **one("cp_plans", {"CPPstartDate": "2024-04-30"}, {"CPPstartDate": "2024-05-01"}),
        base=REFERRAL),
    cin("2889", **one("section47", {"S47ActualStartDate": "2024-04-30"}, {"S47ActualStartDate": "2024-05-01"}),
        base=REFERRAL),
    cin("4015", **one("cin_plans", {"CINPlanStartDate": "2024-04-30"}, {"CINPlanStartDate": "2024-05-01"}),
        base=REFERRAL),
    cin("4011", **one("cin_plans", {"CINPlanEndDate": "2024-06-10"}, {"CINPlanEndDate": "2024-06-12"})),
    cin("4012Q", **one("cin_plans", {"CINPlanEndDate": "2024-06-11"}, {"CINPlanEndDate": "2024-06-12"})),
    cin("8608", **one("assessments", {"AssessmentAuthorisationDate": "2024-05-01"},
                      {"AssessmentAuthorisationDate": "2024-05-02"})),
    cin("8615", **one("section47", {"S47ActualStartDate": None}, {"DateOfInitialCPC": "2024-05-03"})),
    cin("8630", **one("cin_details", {"CINclosureDate": "2024-04-30"}, {"CINclosureDate": "2024-05-01"})),
    cin("8840", **one("cp_plans", {"CPPendDate": "2024-05-20"}, {"CPPendDate": "2024-05-21"})),
    # Plan from 20 May 2024: a review that day is too early, the next day is not.
    cin("8841", **one("cp_reviews", {"CPPreviewDate": "2024-05-20"}, {"CPPreviewDate": "2024-05-21"}),
        base={"cp_plans": [{}]}),
    cin("8925", **one("cp_plans", {"CPPendDate": "2024-05-19"}, {"CPPendDate": "2024-05-21"})),
    cin("8525Q", **one("children", {"ExpectedPersonBirthDate": "2025-06-01"}, {})),
    cin("8530Q", **one("children", {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2026-01-01"},
                       {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2025-12-31", "Sex": "U"})),
    cin("8535Q", **one("children", {"PersonDeathDate": "2015-05-31"}, {"PersonDeathDate": "2015-06-01"})),
    # Referred 1 May 2024: 40 weeks (280 days) before is 26 July 2023.
    cin("8606", fires={"children": [{"PersonBirthDate": None, "ExpectedPersonBirthDate": "2025-02-06"}]},
        passes={"children": [{"PersonBirthDate": None, "ExpectedPersonBirthDate": "2025-02-05"}]},
        base=REFERRAL),
    cin("8750", **one("children", {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2025-06-01"},
                      {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2025-06-01", "Sex": "U"})),
    cin("8750", **one("children", {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2024-06-01"},
                      {"PersonBirthDate": None, "ExpectedPersonBirthDate": "2024-06-01",
                       "GenderCurrent": "0"}), year=2024),
    # At 31 March 2025: born 31 March 1999, 26 (over 25); born 1 April 1999, 25.
    cin("8775Q", **one("children", {"PersonBirthDate": "1999-03-31"}, {"PersonBirthDate": "1999-04-01"})),
    cin("8555Q", **one("children", {"PersonDeathDate": "2024-04-30"}, {"PersonDeathDate": "2024-05-01"}),
        base=REFERRAL),
    cin("8585Q", fires={"cin_details": [{"ReasonForClosure": "RC2", "CINclosureDate": "2024-09-30"}],
                        "children": [{}]},
        passes={"cin_details": [{"ReasonForClosure": "RC2", "CINclosureDate": "2024-09-30"}], **DIED}),
    cin("4008", **one("cin_plans", {"CINPlanStartDate": "2024-10-01"}, {"CINPlanStartDate": "2024-09-30"}),
        base=DIED),
    cin("4009Q", **one("cin_plans", {"CINPlanEndDate": "2024-10-01"}, {"CINPlanEndDate": "2024-09-30"}),
        base=DIED),
    cin("8915", **one("cp_plans", {"CPPstartDate": "2024-10-01"}, {"CPPstartDate": "2024-09-30"}),
        base=DIED),
    cin("8920", **one("cp_plans", {"CPPendDate": "2024-10-01"}, {"CPPendDate": "2024-09-30"}),
        base=DIED),
]

test_fires, test_does_not_fire = rule_tests(CASES)
