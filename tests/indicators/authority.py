"""Building an authority's data in the store, one short line per record, for indicator tests.

    a = Authority(con)
    a.child("A", dob="2015-06-01")
    a.referral("A", "2024-04-01", closed="2024-06-30")
    assert a.figure("referrals", "2024-25") == (1, None, 1)

Rows go straight into the store's SSD tables (no reader involved), with the provenance columns
set as a loader would. Dates are written as ISO strings. Saving new episodes of care derives from
them, as a load of a 903 return does (see `derive`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime

import pyarrow as pa

from cscperf.indicators import engine
from cscperf.store import open_episodes
from cscperf.store.derive import STEPS
from cscperf.store.schema import DATE, TABLES_BY_NAME


def collection_year(day: date) -> int:
    """The year of the 31 March on or after `day` (the return it belongs to)."""
    return day.year if day.month <= 3 else day.year + 1


class Authority:
    def __init__(self, con, la: str = "883"):
        self.con = con
        self.la = la
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.serial = 0

    # writing --------------------------------------------------------------------------------
    def add(self, table: str, **columns) -> str:
        """Add one row to an SSD table; ISO date strings become dates. Returns a fresh serial ID."""
        spec = TABLES_BY_NAME[table]
        row = {}
        for name, value in columns.items():
            if isinstance(value, str) and spec.column(name).type == DATE:
                value = date.fromisoformat(value)
            row[name] = value
        dates = [v for v in row.values() if isinstance(v, date) and not isinstance(v, datetime)]
        row.update(la=self.la, load_id=1, source_file_id=1, source_row=len(self.rows[table]) + 2,
                   collection_year=collection_year(min(dates)) if dates else 2025)
        self.rows[table].append(row)
        self.serial += 1
        return f"{table.removeprefix('ssd_')}-{self.serial}"

    def save(self) -> None:
        """Insert what has been added since the last save; derive from new episodes of care."""
        if self._insert():
            self._derive()

    def _insert(self) -> bool:
        """Insert what has been added since the last save; whether that had episodes of care."""
        episodes = bool(self.rows.get("ssd_cla_episodes"))
        for table, rows in self.rows.items():
            names = sorted({name for row in rows for name in row})
            data = pa.table({name: [row.get(name) for row in rows] for name in names})
            self.con.register("new_rows", data)
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM new_rows")
            self.con.unregister("new_rows")
        self.rows.clear()
        return episodes

    # records ----------------------------------------------------------------------------------
    def child(self, id, dob="2015-06-01", sex="M", ethnicity="WBRI"):
        self.add("ssd_person", pers_person_id=id, pers_dob=dob, pers_sex=sex, pers_ethnicity=ethnicity)

    def disability(self, child, code):
        self.add("ssd_disability", disa_person_id=child, disa_disability_code=code)

    def uasc(self, child, start=None, end=None):
        self.add("ssd_immigration_status", immi_person_id=child, immi_immigration_status="UASC",
                 immi_immigration_status_start_date=start, immi_immigration_status_end_date=end)

    def home(self, child, postcode, since=None, district=None):
        self.add("ssd_address", addr_person_id=child, addr_address_type="HOME",
                 addr_address_postcode=postcode, addr_address_start_date=since)
        if district:
            self.con.execute("INSERT INTO meta.postcodes VALUES (?, 0, 0, ?)", [postcode.replace(" ", "").upper(), district])

    def contact(self, child, day, source="2A", new_referral=None, id=None):
        outcome = json.dumps({"NEW_REFERRAL_FLAG": new_referral}) if new_referral is not None else None
        serial = self.add("ssd_contacts", cont_person_id=child, cont_contact_date=day,
                          cont_contact_source_code=source, cont_contact_outcome_json=outcome)
        self.rows["ssd_contacts"][-1]["cont_contact_id"] = id or serial

    def referral(self, child, day, closed=None, nfa="N", source="6", need="N1", team="Team A", id=None):
        serial = self.add("ssd_cin_episodes", cine_person_id=child, cine_referral_date=day, cine_close_date=closed,
                          cine_referral_nfa=nfa, cine_referral_source_code=source,
                          cine_cin_primary_need_code=need, cine_referral_team=team)
        self.rows["ssd_cin_episodes"][-1]["cine_referral_id"] = id or serial

    def assessment(self, child, start, authorised, team="Team A", id=None):
        serial = self.add("ssd_cin_assessments", cina_person_id=child, cina_assessment_start_date=start,
                          cina_assessment_auth_date=authorised, cina_assessment_team=team)
        self.rows["ssd_cin_assessments"][-1]["cina_assessment_id"] = id or serial

    def s47(self, child, start, id=None, team="Team A"):
        serial = self.add("ssd_s47_enquiry", s47e_person_id=child, s47e_s47_start_date=start,
                          s47e_s47_completed_by_team=team)
        self.rows["ssd_s47_enquiry"][-1]["s47e_s47_enquiry_id"] = id or serial
        return id or serial

    def icpc(self, child, day, s47=None, transfer_in="N", id=None):
        serial = self.add("ssd_initial_cp_conference", icpc_person_id=child, icpc_icpc_date=day,
                          icpc_s47_enquiry_id=s47, icpc_icpc_transfer_in=transfer_in)
        self.rows["ssd_initial_cp_conference"][-1]["icpc_icpc_id"] = id or serial

    def cp_plan(self, child, start, end=None, category="NEG", latest=None, previous=None, id=None):
        serial = self.add("ssd_cp_plans", cppl_person_id=child, cppl_cp_plan_start_date=start,
                          cppl_cp_plan_end_date=end, cppl_cp_plan_initial_category=category,
                          cppl_cp_plan_latest_category=latest, cppl_cp_plan_number_of_previous=previous)
        self.rows["ssd_cp_plans"][-1]["cppl_cp_plan_id"] = id or serial
        return id or serial

    def cp_review(self, child, day, plan=None):
        self.add("ssd_cp_reviews", cppr_person_id=child, cppr_cp_review_date=day, cppr_cp_plan_id=plan)

    def cp_visit(self, child, day, seen="Y"):
        self.add("ssd_cp_visits", cppv_person_id=child, cppv_cp_visit_date=day, cppv_cp_visit_seen=seen)

    def cin_plan(self, child, start, end=None, team="Team A"):
        self.add("ssd_cin_plans", cinp_person_id=child, cinp_cin_plan_start_date=start,
                 cinp_cin_plan_end_date=end, cinp_cin_plan_team=team)

    def episode(self, child, start, ceased=None, new="S", reason=None, legal_status="C2", placement="U1",
                home_postcode=None, placement_postcode=None, provider="PR1", need="N1", entered=None):
        self.add("ssd_cla_episodes", clae_person_id=child, clae_cla_episode_start_date=start, clae_entered_care_date=entered,
                 clae_cla_episode_ceased_date=ceased, clae_cla_episode_start_reason=new,
                 clae_cla_episode_ceased_reason=reason, clae_legal_status=legal_status,
                 clae_placement_type=placement, clae_home_postcode=home_postcode,
                 clae_placement_postcode=placement_postcode, clae_placement_provider=provider,
                 clae_cla_primary_need_code=need)

    def postcode(self, postcode, easting, northing, district=None):
        """A postcode's grid reference (metres) and district, as the postcode directory gives them."""
        self.con.execute("INSERT INTO meta.postcodes VALUES (?, ?, ?, ?)", [postcode, easting, northing, district])

    def districts(self, *ltla_codes, ons_code="E10000099"):
        """The authority's own districts, as `cscperf reference import` gives them."""
        self.con.execute("INSERT INTO ref.la_codes (release_id, la, ons_code, name) VALUES (1, ?, ?, 'Test')",
                         [self.la, ons_code])
        for ltla in ltla_codes:
            self.con.execute("INSERT INTO ref.ltla_utla (release_id, ltla_code, utla_code) VALUES (1, ?, ?)",
                             [ltla, ons_code])

    def cla_review(self, child, day, participation="PN1", cancelled=None):
        self.add("ssd_cla_reviews", clar_person_id=child, clar_cla_review_date=day,
                 clar_cla_review_participation=participation, clar_cla_review_cancelled=cancelled)

    def missing(self, child, start, type="M", end=None, rhi_offered=None, rhi_accepted=None):
        self.add("ssd_missing", miss_person_id=child, miss_missing_episode_start_date=start,
                 miss_missing_episode_type=type, miss_missing_episode_end_date=end,
                 miss_missing_rhi_offered=rhi_offered, miss_missing_rhi_accepted=rhi_accepted)

    def health_check(self, child, day, type="HEALTH_ASSESSMENT", status="Completed"):
        self.add("ssd_cla_health", clah_person_id=child, clah_health_check_date=day,
                 clah_health_check_type=type, clah_health_check_status=status)

    def immunisations(self, child, day, up_to_date="Y"):
        self.add("ssd_cla_immunisations", clai_person_id=child, clai_immunisations_status_date=day,
                 clai_immunisations_status=up_to_date)

    def sdq(self, child, day, score):
        self.add("ssd_sdq_scores", csdq_person_id=child, csdq_sdq_completed_date=day, csdq_sdq_score=score)

    def loaded(self, format: str, *collection_years: int):
        """Record a load of returns in `format` (ssda903, cin_census) for these collection years
        (2022 for 2021-22), or of an SSD extract: where the store's history begins (calc.history)."""
        load_id = self.con.execute("SELECT nextval('meta.load_ids')").fetchone()[0]
        self.con.execute("INSERT INTO meta.loads (load_id, la, format, started_at, finished_at) "
                         "VALUES (?, ?, ?, now(), now())", [load_id, self.la, format])
        for year in collection_years or (None,):
            self.con.execute("INSERT INTO meta.load_files (file_id, load_id, name, size, sha256, format, "
                             "collection_year) VALUES (nextval('meta.file_ids'), ?, 'file', 0, '', ?, ?)",
                             [load_id, format, year])
        for rows in self.rows.values():  # rows added since the last save came from this load
            for row in rows:
                row["load_id"] = load_id

    def population(self, mid_year: int, population: int, source="ONS"):
        self.con.execute("INSERT INTO ref.population VALUES (?, ?, ?, ?)",
                         [self.la, date(mid_year, 6, 30), population, source])

    # care leavers, adoption and workforce ----------------------------------------------------
    def derive(self):
        """Derive periods of care, placements and legal status spells from the episodes, as a load
        of a 903 return does (all but the repair of episodes left open, which needs several returns)."""
        self._insert()
        self._derive()

    def _derive(self):
        self.con.execute("INSERT OR IGNORE INTO meta.load_files VALUES (1, 1, 'episodes.csv', 0, '', 'ssda903', "
                         "'episodes', NULL, NULL)")
        for step in STEPS:
            if step is not open_episodes.repair:
                step(self.con, self.la)

    def care_leaver(self, child, birthday, in_touch="YES", activity="F2", accommodation="D1", suitable=None,
                    adviser=None, plan_reviewed=None, team=None):
        self.add("ssd_care_leavers", clea_person_id=child, clea_care_leaver_birthday=birthday,
                 clea_care_leaver_in_touch=in_touch, clea_care_leaver_activity=activity,
                 clea_care_leaver_accommodation=accommodation, clea_care_leaver_accom_suitable=suitable,
                 clea_care_leaver_personal_advisor=adviser, clea_pathway_plan_review_date=plan_reviewed,
                 clea_care_leaver_allocated_team=team)

    def permanence(self, child, decision=None, placement_order=None, matched=None, placed=None,
                   by_foster_carer=None, foster_placed=None):
        self.add("ssd_permanence", perm_person_id=child, perm_adm_decision_date=decision,
                 perm_placement_order_date=placement_order, perm_matched_date=matched,
                 perm_placed_for_adoption_date=placed, perm_adopted_by_carer_flag=by_foster_carer,
                 perm_placed_foster_carer_date=foster_placed)

    def professional(self, id, team=None, fte=None):
        self.add("ssd_professionals", prof_professional_id=id, prof_professional_department=team,
                 prof_full_time_equivalency=fte)

    def involvement(self, child, professional, start, end=None, team=None):
        self.add("ssd_involvements", invo_person_id=child, invo_professional_id=professional,
                 invo_involvement_start_date=start, invo_involvement_end_date=end, invo_professional_team=team)

    # the questions members ask (issue 11) ------------------------------------------------------
    def early_help(self, child, start, end=None):
        self.add("ssd_early_help_episodes", earl_person_id=child, earl_episode_start_date=start,
                 earl_episode_end_date=end)

    def factors(self, child, authorised, *codes, start=None):
        """An assessment authorised on `authorised` that identified these factors."""
        id = f"A{self.serial + 1}"
        self.assessment(child, start or authorised, authorised, id=id)
        self.add("ssd_assessment_factors", cinf_assessment_id=id, cinf_person_id=child,
                 cinf_assessment_factors_json=json.dumps(list(codes)))

    def conviction(self, child, day, convicted="Y"):
        self.add("ssd_cla_convictions", clac_person_id=child, clac_cla_conviction_date=day, clac_convicted=convicted)

    def substance_misuse(self, child, day, misused="Y"):
        self.add("ssd_cla_substance_misuse", clas_person_id=child, clas_substance_misuse_date=day,
                 clas_substance_misused=misused)

    def missing_at(self, child, start, end, type="M"):
        """A missing incident with times of day, as an SSD export gives them ('2024-05-01 18:30')."""
        self.add("ssd_missing", miss_person_id=child, miss_missing_episode_start_date=start[:10],
                 miss_missing_episode_type=type, miss_missing_episode_end_date=end[:10] if end else None,
                 miss_missing_episode_start_time=datetime.fromisoformat(start),
                 miss_missing_episode_end_time=datetime.fromisoformat(end) if end else None)

    def ward(self, postcode, code, name, district=None):
        """A postcode's ward, as `cscperf reference import` takes it from the ONS postcode directory."""
        self.con.execute("INSERT INTO ref.postcode_wards VALUES (1, ?, ?)", [postcode.replace(" ", "").upper(), code])
        self.con.execute("INSERT INTO ref.wards (release_id, ward_code, ward_name) VALUES (1, ?, ?)", [code, name])

    def locality(self, area, name):
        self.con.execute("INSERT INTO ref.localities VALUES (?, ?, 'test')", [area, name])

    # reading ----------------------------------------------------------------------------------
    def results(self, id, period, by=None) -> list[engine.Result]:
        self.save()
        return engine.compute(self.con, [id], period, la=self.la, breakdown=by)

    def result(self, id, period) -> engine.Result:
        [result] = self.results(id, period)
        return result

    def figure(self, id, period) -> tuple:
        """(numerator, denominator, value) with values as plain numbers, for one-line asserts."""
        r = self.result(id, period)
        return r.numerator, r.denominator, _plain(r.value)

    def by(self, id, period, breakdown) -> dict:
        """{group: (numerator, denominator, value)}."""
        return {r.group: (r.numerator, r.denominator, _plain(r.value)) for r in self.results(id, period, breakdown)}

    def units(self, id, period, **options) -> list[dict]:
        """The units behind a figure, as the drill-down lists them (`engine.children`)."""
        self.save()
        return engine.children(self.con, id, period, self.la, **options)

    def children(self, id, period, **options) -> dict[str, list[str]]:
        """{'numerator': [child IDs], 'denominator': [child IDs]}."""
        rows = self.units(id, period, **options)
        return {"numerator": [r["person_id"] for r in rows if r["in_numerator"]],
                "denominator": [r["person_id"] for r in rows if r["in_denominator"]]}


def _plain(value):
    return float(value) if value is not None and not isinstance(value, int) else value
