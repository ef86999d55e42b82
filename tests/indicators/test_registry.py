"""The registry: the library is valid, and bad definitions are reported with file:line."""

import pytest

from cscperf.indicators import registry
from cscperf.indicators.schema import Section, Unit

BRIEF_IDS = {
    Section.front_door: "contacts contacts_to_referral_pct referrals referral_rate_per_10k rereferrals_12m_pct "
                        "referrals_nfa_pct",
    Section.assessment: "assessments_completed assessments_45wd_pct assessment_avg_working_days",
    Section.child_protection: "s47_started s47_rate_per_10k icpc_15wd_pct cp_plans cp_rate_per_10k cp_plans_started "
                              "cp_second_or_subsequent_pct cp_ceased_2y_plus_pct cp_open_2y_plus_pct "
                              "cp_reviews_on_time_pct cp_visited_10wd_pct",
    Section.children_in_need: "cin cin_rate_per_10k cin_plans",
    Section.care_leavers: "care_leavers_17_18_in_touch_pct care_leavers_19_21_in_touch_pct "
                          "care_leavers_17_18_eet_pct "
                          "care_leavers_19_21_eet_pct care_leavers_19_21_higher_education_pct "
                          "care_leavers_17_18_neet_pct care_leavers_19_21_neet_pct "
                          "care_leavers_17_18_suitable_accommodation_pct "
                          "care_leavers_19_21_suitable_accommodation_pct care_leavers_pathway_plan_pct",
    Section.adoption: "adoptions sgos adoption_a1_avg_days adoption_a2_avg_days adoption_a1_3y_avg_days "
                      "adoption_a2_3y_avg_days",
    Section.workforce: "workforce_avg_caseload",
    Section.looked_after: "cla cla_rate_per_10k cla_started cla_ceased uasc_cla uasc_pct_child_population "
                          "cla_s20_pct cla_repeat_s20 cla_started_under1 cla_started_under5 cla_reviews_on_time_pct "
                          "cla_review_participation_pct cla_disabled_pct",
    Section.placements: "cla_placed_20miles_pct cla_placed_20miles_outside_la_pct cla_placed_outside_la_pct "
                        "cla_3plus_placements_pct "
                        "cla_long_term_stability_pct",
    Section.missing: "cla_missing_children cla_missing_pct cla_missing_episodes cla_away_children cla_away_pct "
                     "cla_away_episodes "
                     "cla_rhi_offered_pct cla_rhi_accepted_pct",
    Section.health: "cla_health_assessment_pct cla_dental_check_pct cla_immunisations_pct "
                    "cla_initial_health_assessment_20wd_pct cla_sdq_average",
}
# The ids of issue 11 (the questions members keep asking), which scripts rely on.
MEMBERS_QUESTIONS = {
    Section.front_door: "referrals_not_in_need_pct early_help_episodes early_help_step_up_pct",
    Section.assessment: "assessment_factor_children assessment_factor_rate_per_10k exploitation_children",
    Section.child_protection: "cp_plans_started_rate_per_10k icpcs icpc_rate_per_10k",
    Section.children_in_need: "cin_2y_plus_pct",
    Section.looked_after: "cla_started_rate_per_10k cla_ceased_rate_per_10k cla_ceased_adopted_pct cla_ceased_sgo_pct "
                          "cla_ceased_returned_home_pct uasc_started uasc_rate_per_10k uasc_nts_threshold "
                          "uasc_transferred_out care_proceedings_started care_proceedings_rate_per_10k "
                          "cla_3plus_social_workers_pct cla_convicted_pct",
    Section.placements: "cla_placed_20miles_outside_la_pct cla_foster_pct cla_residential_pct "
                        "cla_placed_with_parents_pct cla_independent_supported_pct foster_households "
                        "foster_households_approved foster_places",
    Section.missing: "cla_missing_pct missing_children_all missing_incidents_all missing_hours_median",
    Section.health: "cla_substance_misuse_pct",
    Section.education: "cla_ks2_rwm_pct cla_ks4_attainment8 cla_absence_pct cla_persistent_absence_pct "
                       "cla_suspension_pct",
    Section.care_leavers: "care_leavers_supported care_leavers_not_in_touch_pct care_leavers_staying_put_pct",
    Section.workforce: "workforce_turnover_pct workforce_vacancy_pct workforce_agency_rate_pct workforce_caseload_fte",
}


def test_the_library_is_valid_and_has_every_agreed_id():
    library = registry.load()
    assert [str(i) for i in registry.check(library)] == []
    for section in Section:
        ids = BRIEF_IDS.get(section, "").split() + MEMBERS_QUESTIONS.get(section, "").split()
        assert {i.id for i in library if i.section is section} == set(ids)
    for indicator in library:
        assert indicator.unit is not Unit.rate_per_10k or indicator.denominator


GOOD = """\
referrals:
  title: Referrals
  definition: Referrals in the period.
  numerator: Referrals
  good: Neither.
  unit: count
  polarity: neutral
  grain: in_period
  decimals: 0
"""
SQL = """\
SELECT p.la, p.period, r.person_id, r.referral_id AS event_id, r.referral_date AS event_date, r.nfa
FROM period_months p JOIN calc.referrals r ON r.la = p.la AND p.month = calc.month_of(r.referral_date)
"""


def problems(tmp_path, yaml_text, sql=None, name="front_door", sql_name="referrals"):
    defs = tmp_path / "defs"
    (defs / name).mkdir(parents=True, exist_ok=True)
    (defs / f"{name}.yaml").write_text(yaml_text)
    if sql is not None:
        (defs / name / f"{sql_name}.sql").write_text(sql)
    return [str(i) for i in registry.check(registry.load(defs))]


def test_a_good_definition_has_no_issues(tmp_path):
    assert problems(tmp_path, GOOD, SQL) == []


@pytest.mark.parametrize("change, expected", [
    (("  decimals: 0\n", "  decimals: 0\n  colour: blue\n"), "front_door.yaml:10: error: referrals: colour: Extra inputs"),
    (("  unit: count\n", "  unit: counts\n"), "front_door.yaml:6: error: referrals: unit: Input should be"),
    (("  decimals: 0\n", "  decimals: 0\n  id: other\n"), "front_door.yaml:10: error: referrals: id is set by the registry"),
    (("  unit: count\n", "  unit: percent\n"), "front_door.yaml:1: error: referrals: Value error, a percent needs its "
                                               "denominator in words"),
    (("  decimals: 0\n", "  decimals: 0\n  breakdowns: [team]\n"), "front_door.yaml:1: error: referrals: breakdown "
                                                                   "team: front_door/referrals.sql has no column team"),
    (("  decimals: 0\n", "  decimals: 0\n  breakdowns: [colour]\n"), "front_door.yaml:10: error: referrals: breakdowns"),
    (("  decimals: 0\n", "  decimals: 0\n  numerator_flag: missing\n"), "numerator_flag: front_door/referrals.sql "
                                                                        "has no BOOLEAN column missing"),
    (("  decimals: 0\n", "  decimals: 0\n  recorded_in: [ssd_nothing]\n"), "recorded_in: no store table ssd_nothing"),
    (("  decimals: 0\n", "  decimals: 0\n  recorded_in: [ssd_contacts.cont_colour]\n"),
     "recorded_in: ssd_contacts has no column cont_colour"),
    (("  decimals: 0\n", "  decimals: 0\n  recorded_in: [ssd_contacts WHERE cont_colour = 'blue']\n"),
     "recorded_in: Binder Error"),
    (("  decimals: 0\n", "  decimals: 0\n  recorded_in: [calc.nothing]\n"), "recorded_in: no store table calc.nothing"),
    (("  decimals: 0\n", "  decimals: 0\n  units: elsewhere\n"), "front_door.yaml:10: error: referrals: no SQL file "
                                                                 "front_door/elsewhere.sql"),
    (("  decimals: 0\n", "  decimals: 0\n  per_population: true\n"), "front_door.yaml:1: error: referrals: Value "
                                                                   "error, per_population applies to percents"),
    (("  decimals: 0\n", "  decimals: 2\n"), "front_door.yaml:1: error: referrals: Value error, a count has no decimal places"),
    (("  decimals: 0\n", "  decimals: 0\n  benchmark: no_such_measure\n"),
     "front_door.yaml:10: error: referrals: benchmark: no_such_measure is not a measure in reference/measures.yml"),
    (("  decimals: 0\n", "  decimals: 0\n  benchmark: cp_rate_per_10k\n"),
     "front_door.yaml:10: error: referrals: benchmark: cp_rate_per_10k is published as a rate_per_10k, not a count"),
    (("  polarity: neutral\n", "  polarity: lower_better\n  benchmark: referrals\n"),
     "front_door.yaml:8: error: referrals: benchmark: referrals is published as neither, not lower_better"),
])
def test_bad_definitions_are_reported_where_they_are(tmp_path, change, expected):
    found = problems(tmp_path, GOOD.replace(*change), SQL)
    assert any(p.startswith(expected) or expected in p for p in found), found


def test_ids_must_be_unique_within_and_across_files(tmp_path):
    found = problems(tmp_path, GOOD + GOOD, SQL)
    assert "front_door.yaml:10: error: referrals is defined twice in this file" in found
    (tmp_path / "defs" / "assessment.yaml").write_text(GOOD)
    found = [str(i) for i in registry.load(tmp_path / "defs").issues]
    assert "assessment.yaml:1: error: referrals is already defined at front_door.yaml:1" in found


def test_sql_errors_point_at_the_line_of_the_sql_file(tmp_path):
    found = problems(tmp_path, GOOD, SQL.replace("r.nfa", "r.nfa,\n    r.no_such_column"))
    assert len(found) == 1 and found[0].startswith("front_door/referrals.sql:2: error: SQL does not run")


def test_sql_must_return_the_contract_columns(tmp_path):
    found = problems(tmp_path, GOOD, SQL.replace("r.referral_date AS event_date", "r.referral_date"))
    assert found == ["front_door.yaml:1: error: referrals: its SQL (front_door/referrals.sql) must return a "
                     "column event_date"]


def test_files_must_be_named_after_a_section_and_sql_files_must_be_used(tmp_path):
    assert ("elsewhere.yaml:1: error: elsewhere is not a section; name the file after one of "
            + ", ".join(s.value for s in Section)) in problems(tmp_path, GOOD, SQL, name="elsewhere")
    found = problems(tmp_path / "b", GOOD, SQL, sql_name="unused")
    assert "front_door/unused.sql:1: warning: no indicator uses this SQL file" in found


def test_invalid_yaml_is_reported(tmp_path):
    assert problems(tmp_path, "referrals: [\n", SQL)[0].startswith("front_door.yaml:2: error: not valid YAML")


def test_every_dfe_measure_named_is_in_the_lait_data_dictionary_and_agrees_with_its_benchmark(shared):
    import csv
    import re

    from cscperf.reference import measures

    path = shared / "reference" / "indicator-registries" / "lait_data_dictionary.csv"
    if not path.is_file():
        pytest.skip("the LAIT data dictionary is not beside the clone")
    with open(path, encoding="utf-8", errors="replace") as f:
        rows = list(csv.DictReader(f))
    codes = {r["Measure_code"].strip() for r in rows}
    code_of = {r["Measure_short"].strip(): r["Measure_code"].strip() for r in rows}
    for indicator in registry.load():
        named = re.match(r"LAIT (\w+):", indicator.dfe_measure or "")
        if named:
            assert named[1] in codes, indicator.id
        published = measures.catalogue().get(indicator.benchmark or "")
        if named and published and published.lait in code_of:
            assert code_of[published.lait] == named[1], indicator.id
