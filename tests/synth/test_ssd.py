"""The SSD extract has one file per store table, with exactly the store's columns."""

import csv
import json
from collections import Counter, defaultdict
from datetime import date
from itertools import pairwise

from cscperf.store.schema import TABLES


def read(out, table):
    with (out / "ssd" / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_one_file_per_table_with_the_stores_columns(small):
    out, _ = small
    assert sorted(p.stem for p in (out / "ssd").glob("*.csv")) == sorted(t.name for t in TABLES)
    for table in TABLES:
        with (out / "ssd" / f"{table.name}.csv").open(newline="", encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == table.column_names


def test_values_follow_the_stores_conventions(small):
    out, _ = small
    people = read(out, "ssd_person")
    assert {p["pers_sex"] for p in people} <= {"M", "F"}
    assert all(len(p["pers_dob"]) == 10 and p["pers_dob"][4] == "-" for p in people)
    assert len({p["pers_person_id"] for p in people}) == len(people)
    episodes = read(out, "ssd_cla_episodes")
    assert all(" " not in e["clae_placement_postcode"] for e in episodes)
    assert {e["clae_cla_episode_start_reason"] for e in episodes} <= set("SLPTBU")
    factors = read(out, "ssd_assessment_factors")
    assert all(isinstance(json.loads(f["cinf_assessment_factors_json"]), list) for f in factors)
    placements = read(out, "ssd_cla_placement")
    assert all(float(p["clap_cla_placement_distance"]) >= 0 for p in placements)


def test_records_are_dated_like_a_real_authoritys(small):
    # Health checks are done through the year (around each anniversary of entering care), not all
    # on 31 March, so no monthly health series jumps at the year end.
    out, _ = small
    days = [r["clah_health_check_date"] for r in read(out, "ssd_cla_health")]
    assert len(days) > 100 and sum(d.endswith("-03-31") for d in days) < len(days) / 20
    assert len({d[5:7] for d in days}) == 12  # every month
    # Each child keeps a timetable from the day they entered care: each check a year after the one
    # before, in the same period of care, and only while looked after. So a child looked after for
    # 12 months has had each check (as far as it was done) in the 12 months to any day, and none is
    # missed or doubled at a year's end.
    care = defaultdict(list)
    for e in read(out, "ssd_cla_episodes"):
        care[e["clae_person_id"]].append((e["clae_cla_episode_start_date"], e["clae_cla_episode_ceased_date"] or "9",
                                          e["clae_cla_id"]))
    done = defaultdict(list)
    for r in read(out, "ssd_cla_health"):
        day = r["clah_health_check_date"]
        [period] = [cla for start, end, cla in care[r["clah_person_id"]] if start <= day < end]
        done[(period, r["clah_health_check_type"])].append(date.fromisoformat(day))
    gaps = Counter((b - a).days for days in done.values() for a, b in pairwise(sorted(days)))
    assert gaps[365] > 50 and set(gaps) <= {365, 366}
    # An interim care order (C1) lasts while care proceedings run (26 weeks is the target), then a
    # full care order (C2) or a placement order (E1) follows; none lasts years.
    statuses = read(out, "ssd_legal_status")
    interim = [s for s in statuses if s["lega_legal_status"] == "C1"]
    assert interim and all(s["lega_legal_status_start_date"] >= "2021-01-01" for s in interim)
    ended = [s for s in interim if s["lega_legal_status_end_date"]]
    assert ended and max(date.fromisoformat(s["lega_legal_status_end_date"])
                         - date.fromisoformat(s["lega_legal_status_start_date"]) for s in ended).days < 550


def test_caseloads_count_every_case(small):
    # Each referral's social worker holds the case until it closes or the child comes into care,
    # so involvements are every allocation, as the DfE's caseloads count them.
    out, _ = small
    involvements = read(out, "ssd_involvements")
    assert any(i["invo_referral_id"] for i in involvements) and any(not i["invo_referral_id"] for i in involvements)
