"""Time computing every indicator for 20 quarters and 60 months.

    python bench/indicators.py                      # a generated authority of realistic size
    python bench/indicators.py --authorities 20     # twenty of them in one store
    python bench/indicators.py --db pool.duckdb     # an existing store (e.g. the national pool)

Prints the time to build the helper tables (once after each load), then rows, seconds and peak
memory for one authority's full table, for one authority's table by age band, and for every
authority's at once. The generated data are random but sized like
a large authority over five years (about 25,000 contacts and 4,500 referrals a year, and about
3,600 periods of care since 2017 with their placements, reviews, missing episodes and health).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cscperf import store  # noqa: E402
from cscperf.indicators import calc, engine, registry  # noqa: E402
from cscperf.indicators.periods import Period  # noqa: E402

LAST = Period.parse("2024-25:Q4")
PERIODS = LAST.quarters_back(20) + LAST.months_back(60)

# One authority's five years, as SQL over random numbers (seeded, so runs are comparable).
# $la is the authority; sizes are per five years.
GENERATE = """
INSERT INTO ssd_person (la, pers_person_id, pers_dob, pers_sex, pers_ethnicity)
SELECT $la, 'C' || i, DATE '2002-01-01' + CAST(random() * 8400 AS INTEGER),
    CASE WHEN random() < 0.5 THEN 'M' ELSE 'F' END,
    (['WBRI', 'WOTH', 'MWBC', 'AIND', 'APKN', 'BAFR', 'BCRB', 'OOTH', 'NOBT'])[1 + CAST(floor(random() * 9) AS INTEGER)]
FROM range(40000) t(i);

INSERT INTO ssd_disability (la, disa_person_id, disa_disability_code)
SELECT $la, 'C' || i, CASE WHEN random() < 0.2 THEN 'AUT' ELSE 'NONE' END FROM range(40000) t(i);

INSERT INTO ssd_contacts (la, cont_contact_id, cont_person_id, cont_contact_date, cont_contact_source_code)
SELECT $la, 'K' || i, 'C' || CAST(floor(random() * 40000) AS INTEGER),
    DATE '2020-04-01' + CAST(random() * 1825 AS INTEGER), (['2A', '3A', '6', '1A', '8'])[1 + CAST(floor(random() * 5) AS INTEGER)]
FROM range(125000) t(i);

CREATE OR REPLACE TEMP TABLE r AS
SELECT 'R' || i AS id, 'C' || CAST(floor(random() * 40000) AS INTEGER) AS child,
    DATE '2018-04-01' + CAST(random() * 2555 AS INTEGER) AS day, random() AS x
FROM range(31000) t(i);
INSERT INTO ssd_cin_episodes (la, cine_referral_id, cine_person_id, cine_referral_date, cine_referral_nfa,
    cine_referral_source_code, cine_cin_primary_need_code, cine_close_date, cine_referral_team)
SELECT $la, id, child, day, CASE WHEN x < 0.1 THEN 'Y' ELSE 'N' END, (['2A', '3A', '6', '1A', '8'])[1 + CAST(floor(x * 50) % 5 AS INTEGER)],
    'N' || CAST(floor(x * 9) AS INTEGER), CASE WHEN x < 0.93 THEN day + CAST(x * 400 AS INTEGER) END,
    'Team ' || CAST(floor(x * 7) AS INTEGER)
FROM r;

INSERT INTO ssd_cin_assessments (la, cina_assessment_id, cina_person_id, cina_referral_id,
    cina_assessment_start_date, cina_assessment_auth_date, cina_assessment_team)
SELECT $la, 'A' || id, child, id, day + 1, day + 1 + CAST(random() * 70 AS INTEGER), 'Team ' || CAST(floor(x * 7) AS INTEGER)
FROM r WHERE x >= 0.1;

INSERT INTO ssd_s47_enquiry (la, s47e_s47_enquiry_id, s47e_person_id, s47e_referral_id, s47e_s47_start_date)
SELECT $la, 'S' || id, child, id, day + 3 FROM r WHERE x BETWEEN 0.1 AND 0.35;

INSERT INTO ssd_initial_cp_conference (la, icpc_icpc_id, icpc_person_id, icpc_s47_enquiry_id, icpc_icpc_date)
SELECT $la, 'I' || id, child, 'S' || id, day + 3 + CAST(random() * 25 AS INTEGER) FROM r WHERE x BETWEEN 0.1 AND 0.2;

INSERT INTO ssd_cp_plans (la, cppl_cp_plan_id, cppl_person_id, cppl_cp_plan_start_date, cppl_cp_plan_end_date,
    cppl_cp_plan_initial_category, cppl_cp_plan_number_of_previous)
SELECT $la, 'P' || id, child, day + 20, CASE WHEN random() < 0.9 THEN day + 20 + CAST(random() * 800 AS INTEGER) END,
    (['NEG', 'EMO', 'PHY', 'SAB', 'MUL'])[1 + CAST(floor(random() * 5) AS INTEGER)], CASE WHEN random() < 0.2 THEN 1 ELSE 0 END
FROM r WHERE x BETWEEN 0.1 AND 0.19;

INSERT INTO ssd_cp_reviews (la, cppr_cp_review_id, cppr_person_id, cppr_cp_plan_id, cppr_cp_review_date)
SELECT $la, 'V' || cppl_cp_plan_id || '-' || n, cppl_person_id, cppl_cp_plan_id,
    cppl_cp_plan_start_date + 80 + CAST(n AS INTEGER) * 175 + CAST(random() * 20 AS INTEGER)
FROM ssd_cp_plans, range(5) s(n) WHERE la = $la;

INSERT INTO ssd_cp_visits (la, cppv_cp_visit_id, cppv_person_id, cppv_cp_plan_id, cppv_cp_visit_date)
SELECT $la, 'W' || cppl_cp_plan_id || '-' || n, cppl_person_id, cppl_cp_plan_id, cppl_cp_plan_start_date + CAST(n AS INTEGER) * 12
FROM ssd_cp_plans, range(60) s(n) WHERE la = $la;

INSERT INTO ssd_cin_plans (la, cinp_cin_plan_id, cinp_person_id, cinp_referral_id, cinp_cin_plan_start_date, cinp_cin_plan_end_date)
SELECT $la, 'N' || id, child, id, day + 40, day + 40 + CAST(random() * 300 AS INTEGER) FROM r WHERE x BETWEEN 0.3 AND 0.6;

CREATE OR REPLACE TEMP TABLE poc AS
SELECT 'LP' || i AS id, 'C' || CAST(floor(random() * 40000) AS INTEGER) AS child,
    DATE '2017-04-01' + CAST(random() * 2950 AS INTEGER) AS entered, random() AS x,
    1 + CAST(floor(random() * 4) AS INTEGER) AS episodes, 20 + CAST(random() * 500 AS INTEGER) AS days
FROM range(3600) t(i);
CREATE OR REPLACE TEMP TABLE eps AS
SELECT poc.*, k, entered + CAST(k * days AS INTEGER) AS start,
    CASE WHEN k = episodes - 1 AND x < 0.35 OR entered + CAST((k + 1) * days AS INTEGER) > DATE '2025-06-30' THEN NULL
         ELSE entered + CAST((k + 1) * days AS INTEGER) END AS ceased,
    CASE WHEN k = 0 THEN 'S' ELSE (['P', 'P', 'T', 'L', 'B'])[1 + CAST(floor(random() * 5) AS INTEGER)] END AS new
FROM poc, range(4) s(k) WHERE k < episodes AND entered + CAST(k * days AS INTEGER) <= DATE '2025-06-30';
INSERT INTO ssd_cla_episodes (la, clae_cla_episode_id, clae_person_id, clae_cla_episode_start_date,
    clae_cla_episode_start_reason, clae_cla_episode_ceased_date, clae_cla_episode_ceased_reason, clae_cla_id,
    clae_entered_care_date, clae_legal_status, clae_placement_type, clae_placement_provider, clae_cla_primary_need_code)
SELECT $la, id || '-' || k, child, start, new, ceased,
    CASE WHEN ceased IS NULL THEN NULL WHEN k < episodes - 1 THEN 'X1'
         ELSE (['E4A', 'E11', 'E45', 'E41', 'E17', 'E13'])[1 + CAST(floor(x * 60) % 6 AS INTEGER)] END,
    id, entered, CASE WHEN x > 0.96 THEN 'V3' WHEN x < 0.3 THEN 'V2' ELSE 'C2' END,
    (['U1', 'U4', 'K2', 'R1', 'A4'])[1 + CAST(floor(random() * 5) AS INTEGER)], 'PR1', 'N' || (1 + CAST(floor(x * 8) AS INTEGER))
FROM eps;
INSERT INTO ssd_cla_placement (la, clap_cla_placement_id, clap_person_id, clap_cla_id, clap_cla_placement_start_date,
    clap_cla_placement_end_date, clap_cla_placement_distance)
SELECT $la, id || '-' || k, child, id, start, ceased, round(random() * 40, 1) FROM eps WHERE new IN ('S', 'P', 'B');
INSERT INTO ssd_cla_reviews (la, clar_cla_review_id, clar_cla_id, clar_person_id, clar_cla_review_date,
    clar_cla_review_participation)
SELECT $la, id || '-' || j, id, child, entered + CAST(15 + j * 150 AS INTEGER) + CAST(random() * 40 AS INTEGER),
    'PN' || CAST(floor(random() * 8) AS INTEGER)
FROM poc, range(20) s(j) WHERE entered + CAST(15 + j * 150 AS INTEGER) <= least(entered + episodes * days, DATE '2025-06-30');
INSERT INTO ssd_missing (la, miss_table_id, miss_person_id, miss_missing_episode_start_date, miss_missing_episode_type,
    miss_missing_rhi_offered, miss_missing_rhi_accepted, miss_missing_episode_end_date)
SELECT $la, id, child, day, kind, 'Y', accepted, day + CAST(random() * 5 AS INTEGER)  -- back within 5 days
FROM (SELECT id || '-' || k || '-' || j AS id, child, start + CAST(random() * days AS INTEGER) AS day,
             CASE WHEN random() < 0.7 THEN 'M' ELSE 'A' END AS kind, CASE WHEN random() < 0.5 THEN 'Y' ELSE 'N' END AS accepted
      FROM eps, range(3) s(j) WHERE x < 0.25);
INSERT INTO ssd_cla_health (la, clah_health_check_id, clah_person_id, clah_health_check_type, clah_health_check_date,
    clah_health_check_status)
SELECT $la, id || t || y, child, t, make_date(CAST(y AS INTEGER), 3, 31), CASE WHEN random() < 0.85 THEN 'Completed' ELSE 'Not completed' END
FROM poc, range(2018, 2026) s(y), (VALUES ('HEALTH_ASSESSMENT'), ('DENTAL_CHECK')) v(t)
WHERE entered <= make_date(CAST(y AS INTEGER) - 1, 4, 1) AND entered + episodes * days > make_date(CAST(y AS INTEGER), 3, 31);
INSERT INTO ssd_cla_immunisations (la, clai_person_id, clai_immunisations_status_date, clai_immunisations_status)
SELECT DISTINCT $la, clah_person_id, clah_health_check_date, 'Y' FROM ssd_cla_health WHERE la = $la;
INSERT INTO ssd_sdq_scores (la, csdq_table_id, csdq_person_id, csdq_sdq_completed_date, csdq_sdq_score)
SELECT DISTINCT $la, clah_health_check_id, clah_person_id, clah_health_check_date, CAST(random() * 40 AS INTEGER)
FROM ssd_cla_health WHERE la = $la AND clah_health_check_type = 'DENTAL_CHECK';

INSERT INTO ssd_care_leavers (la, clea_person_id, clea_care_leaver_birthday, clea_care_leaver_in_touch,
    clea_care_leaver_activity, clea_care_leaver_accommodation, clea_care_leaver_personal_advisor,
    clea_pathway_plan_review_date)
SELECT $la, pers_person_id, CAST(pers_dob + to_years(age) AS DATE), (['YES', 'YES', 'YES', 'NO', 'REFU', 'DIED'])[1 + CAST(floor(random() * 6) AS INTEGER)],
    (['F1', 'F2', 'P2', 'F4', 'F5', 'G4', 'G5', 'G6', '0'])[1 + CAST(floor(random() * 9) AS INTEGER)],
    (['B1', 'D1', 'U1', 'U2', 'Z1', '0'])[1 + CAST(floor(random() * 6) AS INTEGER)], 'PA',
    CAST(pers_dob + to_years(age) AS DATE) + CAST(random() * 200 - 100 AS INTEGER)
FROM ssd_person, range(17, 22) a(age)
WHERE la = $la AND pers_dob + to_years(age) BETWEEN DATE '2020-04-01' AND DATE '2025-03-31' AND random() < 0.1;

CREATE OR REPLACE TEMP TABLE adopted AS
SELECT 'C' || i AS child, DATE '2019-04-01' + CAST(random() * 1500 AS INTEGER) AS entered, random() AS x
FROM range(400) t(i);
INSERT INTO ssd_cla_episodes (la, clae_person_id, clae_cla_episode_start_date, clae_cla_episode_ceased_date,
    clae_cla_episode_start_reason, clae_cla_episode_ceased_reason, clae_legal_status, clae_placement_type,
    clae_entered_care_date, clae_cla_placement_id)
SELECT $la, child, entered, entered + 300, 'S', 'X1', 'C2', 'U1', entered, child || 'F' FROM adopted
UNION ALL
SELECT $la, child, entered + 300, entered + 300 + CAST(x * 400 AS INTEGER), (['P', 'U'])[1 + CAST(x * 2 AS INTEGER)],
    CASE WHEN x < 0.7 THEN 'E11' ELSE 'E45' END, 'E1', CASE WHEN x < 0.7 THEN 'A4' ELSE 'U1' END, entered,
    child || CASE WHEN x < 0.35 THEN 'A' ELSE 'F' END FROM adopted;
INSERT INTO ssd_cla_placement (la, clap_cla_placement_id, clap_person_id, clap_cla_placement_start_date)
SELECT $la, child || 'F', child, entered FROM adopted UNION ALL SELECT $la, child || 'A', child, entered + 300 FROM adopted;
INSERT INTO ssd_permanence (la, perm_person_id, perm_adm_decision_date, perm_matched_date, perm_adopted_by_carer_flag)
SELECT $la, child, entered + 100, entered + 250, CASE WHEN x >= 0.35 THEN 'Y' END FROM adopted WHERE x < 0.7;

INSERT INTO ssd_professionals (la, prof_professional_id, prof_agency_worker_flag, prof_professional_department)
SELECT $la, 'W' || i, CASE WHEN random() < 0.15 THEN 'Y' ELSE 'N' END, 'Team ' || (i % 7) FROM range(250) t(i);
INSERT INTO ssd_involvements (la, invo_person_id, invo_professional_id, invo_involvement_start_date, invo_involvement_end_date)
SELECT $la, child, 'W' || CAST(floor(random() * 250) AS INTEGER), day, CASE WHEN x < 0.9 THEN day + CAST(x * 500 AS INTEGER) END
FROM r;

INSERT INTO ref.population VALUES
    ($la, DATE '2019-06-30', 100000, 'bench'), ($la, DATE '2020-06-30', 100500, 'bench'),
    ($la, DATE '2021-06-30', 101000, 'bench'), ($la, DATE '2022-06-30', 101500, 'bench'),
    ($la, DATE '2023-06-30', 102000, 'bench'), ($la, DATE '2024-06-30', 102500, 'bench');
"""


def build(path: str, authorities: int):
    con = store.connect(path)
    con.execute("SELECT setseed(0.25)")
    for n in range(authorities):
        for statement in GENERATE.split(";"):
            if statement.strip():
                con.execute(statement, {"la": str(800 + n)} if "$la" in statement else None)
    return con


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, run) -> None:
    # CPU seconds too: on a shared machine they vary less with others' load than the elapsed time
    started, cpu = time.perf_counter(), time.process_time()
    results = run()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{label}: {len(results):,} rows in {seconds:.2f} s (CPU {cpu:.2f} s); peak memory {peak_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="an existing store; otherwise one is generated in memory")
    parser.add_argument("--authorities", type=int, default=1, help="authorities to generate")
    args = parser.parse_args()
    started = time.perf_counter()
    con = store.connect(args.db) if args.db else build(":memory:", args.authorities)
    las = engine.authorities(con)
    print(f"store ready in {time.perf_counter() - started:.1f} s: {len(las)} authorities, "
          f"{con.execute('SELECT count(*) FROM ssd_cin_episodes').fetchone()[0]:,} referrals; "
          f"{len(registry.default())} indicators x {len(PERIODS)} periods")
    started = time.perf_counter()
    calc.prepare(con)  # once after each load; computing afterwards reuses the helpers
    print(f"helpers (calc tables, calendar) built in {time.perf_counter() - started:.2f} s")
    timed(f"one authority ({las[0]})", lambda: engine.compute(con, None, PERIODS, la=las[0]))
    timed("one authority again", lambda: engine.compute(con, None, PERIODS, la=las[0]))
    timed("one authority by age band", lambda: engine.compute(con, None, PERIODS, la=las[0], breakdown="age_band"))
    if len(las) > 1:
        timed(f"all {len(las)} authorities", lambda: engine.compute(con, None, PERIODS))


if __name__ == "__main__":
    main()
