"""The published measures: the file is valid, every id resolves to published figures, polarity
agrees with the LAIT dictionary, and ids are the indicators' ids."""

import pytest

from cscperf.reference.figures import ENGLAND, year_figures, years
from cscperf.reference.measures import MeasureError, OfstedSource, catalogue, load_catalogue

# The indicator ids named in the brief; a published measure matching one takes its id.
INDICATOR_IDS = set("""
contacts contacts_to_referral_pct referrals referral_rate_per_10k rereferrals_12m_pct referrals_nfa_pct
assessments_completed assessments_45wd_pct assessment_avg_working_days s47_started s47_rate_per_10k
icpc_15wd_pct cp_plans cp_rate_per_10k cp_plans_started cp_second_or_subsequent_pct cp_ceased_2y_plus_pct
cp_open_2y_plus_pct cp_reviews_on_time_pct cp_visited_10wd_pct cin cin_rate_per_10k cin_plans cla
cla_rate_per_10k cla_started cla_ceased uasc_cla uasc_pct_child_population cla_s20_pct cla_repeat_s20
cla_started_under1 cla_started_under5 cla_placed_20miles_pct cla_placed_20miles_outside_la_pct cla_placed_outside_la_pct
cla_3plus_placements_pct cla_long_term_stability_pct cla_reviews_on_time_pct cla_review_participation_pct
cla_missing_children cla_missing_pct cla_missing_episodes cla_away_children cla_away_pct cla_away_episodes
cla_rhi_offered_pct cla_rhi_accepted_pct cla_health_assessment_pct cla_dental_check_pct cla_immunisations_pct
cla_initial_health_assessment_20wd_pct cla_sdq_average cla_disabled_pct care_leavers_17_18_in_touch_pct
care_leavers_19_21_in_touch_pct care_leavers_17_18_eet_pct care_leavers_19_21_eet_pct
care_leavers_19_21_higher_education_pct care_leavers_17_18_neet_pct care_leavers_19_21_neet_pct
care_leavers_17_18_suitable_accommodation_pct care_leavers_19_21_suitable_accommodation_pct
care_leavers_pathway_plan_pct adoptions sgos adoption_a1_avg_days adoption_a2_avg_days
adoption_a1_3y_avg_days adoption_a2_3y_avg_days workforce_avg_caseload workforce_agency_pct
""".split()) | set("""
referrals_not_in_need_pct cp_plans_started_rate_per_10k icpcs icpc_rate_per_10k cla_started_rate_per_10k
cla_ceased_rate_per_10k cla_ceased_adopted_pct cla_ceased_sgo_pct cla_3plus_social_workers_pct cla_convicted_pct
cla_substance_misuse_pct cla_placed_20miles_outside_la_pct cla_foster_pct cla_residential_pct
cla_placed_with_parents_pct cla_independent_supported_pct cla_missing_pct care_leavers_not_in_touch_pct
care_leavers_staying_put_pct care_proceedings_rate_per_10k foster_places foster_households
foster_households_approved workforce_turnover_pct workforce_vacancy_pct cla_ks2_rwm_pct cla_ks4_attainment8
cla_absence_pct cla_persistent_absence_pct cla_suspension_pct
""".split())  # and those of the members' questions (issue 11)

MEASURES = list(catalogue().values())
# Ofsted's fostering data is not in ../shared/reference: tests/indicators/test_published.py reads
# a file in its layout instead.
SHARED = [m for m in MEASURES if not any(isinstance(s, OfstedSource) for s in m.sources)]


def test_ids_are_indicator_ids():
    assert {m.id for m in MEASURES} <= INDICATOR_IDS
    assert {"cla_rate_per_10k", "cp_rate_per_10k", "cin_rate_per_10k", "referrals", "rereferrals_12m_pct",
            "assessments_45wd_pct", "cp_second_or_subsequent_pct", "cla_3plus_placements_pct",
            "cla_long_term_stability_pct", "care_leavers_19_21_eet_pct"} <= {m.id for m in MEASURES}


@pytest.mark.parametrize("published", SHARED, ids=lambda m: m.id)
def test_every_source_resolves_for_england_and_essex(reference_con, published):
    """Each source on its own gives one figure per area, including England and Essex (881)."""
    for source in published.sources:
        alone = published.model_copy(update={"sources": [source]})
        latest = years(reference_con, alone)[-1]
        figures = year_figures(reference_con, alone, latest)
        assert figures[ENGLAND].value is not None, source.describe()
        assert "881" in figures and figures["881"].level == "la", source.describe()
        assert sum(f.level == "la" for f in figures.values()) >= 150, source.describe()


@pytest.mark.parametrize("published", [m for m in MEASURES if m.lait], ids=lambda m: m.id)
def test_polarity_is_the_lait_dictionarys(reference_con, published):
    polarities = {row[0] for row in reference_con.execute(
        "SELECT polarity FROM ref.lait_dictionary WHERE measure = ?", [published.lait]).fetchall()}
    assert polarities == {published.polarity.value}


def test_the_file_is_checked(tmp_path):
    def check(text: str, message: str):
        path = tmp_path / "measures.yml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(MeasureError, match=message):
            load_catalogue(path)

    entry = ("  - id: cla\n    title: t\n    unit: count\n    polarity: neither\n"
             "    sources: [{lait: LACnum}]\n")
    load_catalogue_ok = tmp_path / "ok.yml"
    load_catalogue_ok.write_text("measures:\n" + entry, encoding="utf-8")
    assert load_catalogue(load_catalogue_ok).measures[0].id == "cla"
    check("measures:\n" + entry + entry, "defined twice")
    check("measures:\n" + entry.replace("unit: count", "unit: people"), "unit")
    check("measures:\n" + entry + "    colour: red\n", "colour")
    check("measures:\n" + entry.replace("[{lait: LACnum}]", "[]"), "sources")
    check("measures:\n" + entry.replace("{lait: LACnum}", "{ees: b1, colum: x}"), "sources")
