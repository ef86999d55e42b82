"""Benchmarks against the published numbers, read by hand from ../shared/reference and written here
as literals (EES CSVs with grep; the LAIT parquet with a one-off query)."""

import pytest

from cscperf.compare.benchmarks import AVERAGE, benchmark
from cscperf.reference.measures import MeasureError

# Essex's statistical neighbours in the April 2021 model (stat-neighbours/sn_april_2021.csv).
ESSEX_2021_NEIGHBOURS = ["886", "885", "860", "938", "937", "803", "823", "855", "850", "802"]


def values(result):
    return {n.la: (n.figure.value if n.figure else None) for n in result.neighbours}


def test_essex_cla_rate_at_31_march_2023(reference_con):
    # ees/cla_number_and_rate_per_10k_children.csv, 2023, "Children looked after on 31 March each year"
    result = benchmark(reference_con, "cla_rate_per_10k", "881", 2023)
    assert result.la_name == "Essex" and result.year == 2023
    assert result.own.value == 37 and result.own.code is None and result.own.time_period == "2023"
    assert result.own.release.file_name == "cla_number_and_rate_per_10k_children.csv"
    assert len(result.own.release.sha256) == 64 and result.own.release.imported_at is not None
    assert result.england.value == 70
    assert (result.region.area_code, result.region.area_name, result.region.value) == (
        "E12000006", "East of England", 52)
    assert result.neighbour_model == 2021 and result.neighbour_note is None
    assert [n.la for n in result.neighbours] == ESSEX_2021_NEIGHBOURS
    assert values(result) == {"886": 56, "885": 84, "860": 81, "938": 50, "937": 63, "803": 43,
                              "823": 58, "855": 48, "850": 66, "802": 51}
    assert result.neighbours[0].name == "Kent" and result.neighbours[0].closeness == "Extremely Close"
    assert result.neighbour_average == pytest.approx(60.0) and result.neighbour_average_of == 10
    assert result.neighbour_average_method == AVERAGE and "mean" in AVERAGE
    # No better direction: ranked from the lowest, no quartile.
    assert result.measure.polarity.value == "neither" and result.quartile is None
    assert result.rank == 8 and "lowest" in result.rank_note


def test_essex_cp_rate_at_31_march_2023_from_lait(reference_con):
    # lait/bds_long_0.parquet, Short Desc CPP_rate, Years 2023
    result = benchmark(reference_con, "cp_rate_per_10k", "881", 2023)
    assert result.own.value == 21.4 and result.own.source == "LAIT CPP_rate"
    assert result.own.release.file_name == "bds_long_0.parquet"
    assert result.england.value == 42.7 and result.region.value == 26.8
    assert values(result) == {"886": 38.8, "885": 47.8, "860": 41.8, "938": 42.5, "937": 24.9,
                              "803": 52.6, "823": 32.1, "855": 35.9, "850": 36.9, "802": 24.9}
    assert result.neighbour_average == pytest.approx(37.82)


def test_suppressed_neighbour_is_kept_as_its_code_and_left_out_of_the_mean(reference_con):
    # ees/c1 2024 rereferral_percent: Hampshire (850) is published as 'u'; the mean is of the other 9.
    result = benchmark(reference_con, "rereferrals_12m_pct", "881", 2024)
    hampshire = next(n for n in result.neighbours if n.la == "850")
    assert hampshire.figure.value is None and hampshire.figure.code == "u"
    assert hampshire.figure.shown() == "u" and "low reliability" in hampshire.reason
    assert result.neighbour_average_of == 9
    assert result.neighbour_average == pytest.approx(173.6 / 9)
    assert result.own.value == 16.8 and result.england.value == 22.4 and result.region.value == 20.6
    # Lower is better: 30 authorities lower of 149 with a value; quartiles 17.7 / 20.6 / 23.6.
    assert (result.rank, result.ranked_out_of, result.quartile) == (31, 149, "A")


def test_lower_is_better_bottom_quartile(reference_con):
    result = benchmark(reference_con, "rereferrals_12m_pct", "383", 2024)  # Leeds 24.2 > Q3 23.6
    assert result.own.value == 24.2
    assert (result.rank, result.ranked_out_of, result.quartile) == (118, 149, "D")
    assert result.region.area_name == "Yorkshire and The Humber" and result.region.value == 21.7
    assert values(result)["344"] == 23.1


def test_higher_is_better_both_ends(reference_con):
    # LAIT Continue_Assess_Comp 2025: quartiles 78.55 / 85.35 / 91.4 over 152 authorities
    barnet = benchmark(reference_con, "assessments_45wd_pct", "302")  # latest year: 2025
    assert barnet.year == 2025 and barnet.own.value == 65.2
    assert (barnet.rank, barnet.ranked_out_of, barnet.quartile) == (149, 152, "D")
    assert barnet.england.value == 85.7
    assert (barnet.region.area_code, barnet.region.value) == ("E13000002", 87.2)  # Outer London
    assert barnet.neighbour_model == 2025
    assert values(barnet) == {"320": 99.3, "870": 53.6, "310": 96.8, "317": 84.1, "315": 98.5,
                              "306": 69.6, "209": 84.4, "312": 89.4, "309": 86, "307": 84.2}
    assert barnet.neighbour_average == pytest.approx(84.59)
    merton = benchmark(reference_con, "assessments_45wd_pct", "315", 2025)
    assert (merton.own.value, merton.rank, merton.quartile) == (98.5, 3, "A")
    assert "best" in merton.rank_note


def test_suppressed_own_figure_is_the_code_not_zero(reference_con):
    # ees/c1 2025: Isles of Scilly no_further_action_percent is 'c'; Cornwall's is 0.
    result = benchmark(reference_con, "referrals_nfa_pct", "420", 2025)
    assert result.own.value is None and result.own.code == "c"
    assert "confidential" in result.own_reason
    assert result.rank is None and result.quartile is None
    # Reported with Cornwall: Cornwall's figure is offered beside it, labelled.
    assert result.joint.area_code == "908" and result.joint.value == 0
    assert "Cornwall" in result.joint.label


def test_joint_return_not_applicable(reference_con):
    result = benchmark(reference_con, "cla_rate_per_10k", "420", 2023)
    assert result.own.code == "z" and result.own.value is None
    assert (result.joint.area_name, result.joint.value) == ("Cornwall", 54)
    city = benchmark(reference_con, "cla_rate_per_10k", "201", 2023)
    assert city.own.value == 91 and city.joint is None  # published on its own: no partner figure


def test_successor_before_it_existed_gets_its_predecessors_figure_labelled(reference_con):
    cumberland = benchmark(reference_con, "cla_rate_per_10k", "942", 2023)
    assert cumberland.own.area_code == "909" and cumberland.own.value == 82
    assert "predecessor" in cumberland.own.label and "Cumbria" in cumberland.own.label
    # Cumberland is not in the 2021 model: the 2025 model's neighbours are used, and it says so.
    assert cumberland.neighbour_model == 2025 and "2021" in cumberland.neighbour_note
    westmorland = next(n for n in cumberland.neighbours if n.la == "943")
    assert westmorland.figure.code == "z" and "Westmorland" in westmorland.reason
    north_northants = benchmark(reference_con, "cla_rate_per_10k", "940", 2021)
    assert north_northants.own.area_code == "928" and north_northants.own.value == 67
    assert benchmark(reference_con, "cla_rate_per_10k", "942", 2024).own.value == 93


def test_successor_with_several_predecessors_is_unavailable(reference_con):
    bcp = benchmark(reference_con, "cla_rate_per_10k", "839", 2019)  # before 2020: LAIT
    assert bcp.own is None and "Bournemouth, Poole and Christchurch" in bcp.own_reason
    assert bcp.england is not None


def test_abolished_authority_after_reorganisation_is_unavailable(reference_con):
    cumbria = benchmark(reference_con, "cla_rate_per_10k", "909", 2024)
    assert cumbria.own is None and "Cumberland" in cumbria.own_reason
    assert cumbria.rank is None


def test_same_code_predecessor_council_is_labelled(reference_con):
    # Buckinghamshire kept code 825 when the unitary council replaced the county council in 2020.
    result = benchmark(reference_con, "rereferrals_12m_pct", "825", 2019)
    assert result.own.value == 31.7
    assert "predecessor council" in result.own.label and "E10000002" in result.own.label
    assert benchmark(reference_con, "rereferrals_12m_pct", "825", 2024).own.label is None


def test_unavailable_rather_than_a_guess(reference_con, con):
    empty = benchmark(con, "cla_rate_per_10k", "881")  # a store with no reference data
    assert empty.own is None and "reference import" in empty.unavailable
    future = benchmark(reference_con, "cla_rate_per_10k", "881", 2040)
    assert future.unavailable == "no published figures for 2040"
    with pytest.raises(MeasureError, match="no published measure"):
        benchmark(reference_con, "not_a_measure", "881")


def test_neighbour_model_can_be_chosen(reference_con):
    result = benchmark(reference_con, "cla_rate_per_10k", "881", 2023, neighbour_model=2025)
    assert result.neighbour_model == 2025 and [n.la for n in result.neighbours][:3] == ["886", "938", "916"]


def test_the_precision_figures_are_published_to(reference_con):
    # ees/la_cla_placement_stability.csv prints its percentages as whole numbers (England's 2025
    # long-term stability: 69); c1_children_in_need_referrals_and_rereferrals to 1 place (22.6)
    assert benchmark(reference_con, "cla_long_term_stability_pct", "881", 2025).decimals == 0
    assert benchmark(reference_con, "rereferrals_12m_pct", "881", 2025).decimals == 1


@pytest.mark.parametrize("id, thurrock, england", [
    ("cla_missing_pct", 12, 11),  # Short Desc Children_missing, 2025
    ("cla_away_pct", 2, 3),  # Children_Away
    ("cla_placed_20miles_outside_la_pct", 20, 18),  # LACDistance
    ("care_leavers_not_in_touch_pct", None, 4),  # CareLeavers_LA_NotInTouch: Thurrock '-'
])
def test_the_lait_measure_an_indicator_matches_is_set_beside_it(reference_con, id, thurrock, england):
    # lait/bds_long_0.parquet, 'LA and Regions' Thurrock (883) and England, Years 2025
    result = benchmark(reference_con, id, "883", 2025)
    assert result.own.value == thurrock and result.england.value == england
    assert result.own.source == f"LAIT {result.measure.lait}" and result.decimals == 0
