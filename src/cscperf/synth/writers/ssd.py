"""Standard Safeguarding Dataset extract: one CSV per `ssd_*` table, taken on the last day.

Columns are exactly the store's (`cscperf.store.schema`), without its provenance columns. Dates
are ISO, flags Y/N, postcodes without spaces. Records covered by the returns come from the same
views as the 903 and CIN census over the whole period, so loading this extract gives the same
store contents as loading those returns; the tables the returns lack (contacts, early help,
visits, addresses, professionals) are the SSD's own.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from itertools import groupby
from pathlib import Path

from cscperf.store.schema import TABLES
from cscperf.synth import collection
from cscperf.synth.codes import disabilities_recorded
from cscperf.synth.dates import fmt_iso, year_end
from cscperf.synth.geography import miles
from cscperf.synth.model import Child, Episode
from cscperf.synth.workforce import Workforce
from cscperf.synth.writers import CsvTable, Written


def _flag(value: bool | None) -> str | None:
    return None if value is None else ("Y" if value else "N")


def _at(day: date | None, time_of_day: time | None) -> datetime | None:
    """A date with its time of day, where both are known."""
    return datetime.combine(day, time_of_day) if day and time_of_day else None


def _postcode(postcode: tuple) -> str:
    return postcode[0].replace(" ", "")


def _json(**flags: bool) -> str:
    return json.dumps({name: "Y" if value else "N" for name, value in flags.items()})


class SsdWriter:
    def __init__(self, out: Path, root: Path, first: date, last: date, workforce: Workforce):
        self.first, self.last, self.workforce = first, last, workforce
        self.tables = {t.name: CsvTable(out / f"{t.name}.csv", t.column_names, root, t.name, lineterminator="\n")
                       for t in TABLES}
        self.columns = {t.name: t.column_names for t in TABLES}

    def _row(self, table: str, **values: object) -> None:
        columns = self.columns[table]
        unknown = values.keys() - set(columns)
        if unknown:
            raise KeyError(f"{table} has no column(s) {sorted(unknown)}")
        self.tables[table].write([fmt_iso(v) if isinstance(v, date) else v for v in map(values.get, columns)])

    def child(self, child: Child) -> None:
        first, last = self.first, self.last
        in_903 = bool(collection.episodes(child, first, last) or collection.care_leavers(child, first, last))
        referrals = collection.referrals(child, first, last)
        mother = None
        if child.sex == "F" and in_903:
            mother = "Y" if child.baby_born else "N"
        self._row("ssd_person", pers_person_id=child.id, pers_sex=child.sex, pers_ethnicity=child.ethnicity,
                  pers_dob=child.dob, pers_upn_unknown=child.upn_unknown, pers_is_mother=mother, pers_upn=child.upn)
        if child.baby_born:
            self._row("ssd_mother", moth_table_id=f"{child.id}M1", moth_person_id=child.id,
                      moth_childs_dob=child.baby_born)
        if referrals:
            for code in disabilities_recorded(child.disabilities):
                self._row("ssd_disability", disa_table_id=f"{child.id}D{code}", disa_person_id=child.id,
                          disa_disability_code=code)
        is_uasc, ceased = collection.uasc(child, last)
        if is_uasc and in_903:
            self._row("ssd_immigration_status", immi_immigration_status_id=f"{child.id}U1", immi_person_id=child.id,
                      immi_immigration_status="UASC", immi_immigration_status_start_date=child.uasc_arrived,
                      immi_immigration_status_end_date=ceased)
        self._row("ssd_address", addr_table_id=f"{child.id}H1", addr_person_id=child.id, addr_address_type="HOME",
                  addr_address_start_date=child.dob, addr_address_postcode=_postcode(child.home),
                  addr_address_json=json.dumps({"POSTCODE": child.home[0]}))
        self._front_door(child)
        for r in referrals:
            self._referral(child, r)
        self._looked_after(child)

    def _front_door(self, child: Child) -> None:
        for c in child.contacts:
            if self.first <= c.date <= self.last:
                self._row("ssd_contacts", cont_contact_id=c.id, cont_person_id=child.id, cont_contact_date=c.date,
                          cont_contact_source_code=c.source, cont_contact_outcome_json=_json(
                              NEW_REFERRAL_FLAG=c.outcome == "REFERRAL", NFA_FLAG=c.outcome == "NFA",
                              ADVICE_FLAG=c.outcome == "ADVICE", OTHER_OUTCOMES_EXIST_FLAG=c.outcome == "EARLY_HELP"))
        for e in child.early_help:
            if e.start <= self.last and (e.end is None or e.end >= self.first):
                self._row("ssd_early_help_episodes", earl_episode_id=e.id, earl_person_id=child.id,
                          earl_episode_start_date=e.start, earl_episode_end_date=e.end,
                          earl_episode_reason="Contact", earl_episode_worker_id=e.worker)

    def _referral(self, child: Child, r) -> None:
        self._row("ssd_cin_episodes", cine_referral_id=r.id, cine_person_id=child.id, cine_referral_date=r.date,
                  cine_cin_primary_need_code=r.need, cine_referral_source_code=r.source,
                  cine_referral_outcome_json=_json(SINGLE_ASSESSMENT_FLAG=bool(r.assessments), NFA_FLAG=r.nfa),
                  cine_referral_nfa=_flag(r.nfa), cine_close_reason=r.closure_reason, cine_close_date=r.closed,
                  cine_referral_team=r.team, cine_referral_worker_id=r.worker,
                  cine_initial_cpc_date=collection.first_icpc(r))
        if not r.nfa:
            # the referral's social worker holds the case until it closes or the child comes into
            # care, when a children in care worker takes it (the period of care's involvements)
            cared = [p.start for p in child.periods if not p.short_breaks and r.date <= p.start
                     and (r.closed is None or p.start <= r.closed)]
            until = min(cared, default=r.closed)
            self._row("ssd_involvements", invo_involvements_id=f"{r.id}W", invo_professional_id=r.worker,
                      invo_professional_team=r.team, invo_involvement_start_date=r.date,
                      invo_involvement_end_date=until, invo_person_id=child.id, invo_referral_id=r.id)
            self.workforce.holds(r.worker, r.date, until, self.last)
        for a in r.assessments:
            self._row("ssd_cin_assessments", cina_assessment_id=a.id, cina_person_id=child.id, cina_referral_id=r.id,
                      cina_assessment_start_date=a.start, cina_assessment_child_seen=_flag(a.child_seen),
                      cina_assessment_auth_date=a.authorised,
                      cina_assessment_outcome_json=_json(NFA_FLAG=not a.in_need) if a.authorised else None,
                      cina_assessment_outcome_nfa=_flag(not a.in_need) if a.authorised else None,
                      cina_assessment_team=r.team, cina_assessment_worker_id=r.worker)
            if a.authorised:
                self._row("ssd_assessment_factors", cinf_table_id=f"{a.id}F", cinf_assessment_id=a.id,
                          cinf_assessment_factors_json=json.dumps(list(a.factors)), cinf_person_id=child.id)
        for c in r.cin_plans:
            self._row("ssd_cin_plans", cinp_cin_plan_id=c.id, cinp_referral_id=r.id, cinp_person_id=child.id,
                      cinp_cin_plan_start_date=c.start, cinp_cin_plan_end_date=c.end, cinp_cin_plan_team=r.team,
                      cinp_cin_plan_worker_id=r.worker)
        for s in r.section47s:
            self._row("ssd_s47_enquiry", s47e_s47_enquiry_id=s.id, s47e_referral_id=r.id, s47e_person_id=child.id,
                      s47e_s47_start_date=s.start, s47e_s47_end_date=s.end,
                      s47e_s47_completed_by_team=r.team, s47e_s47_completed_by_worker_id=r.worker,
                      s47e_icpc_not_required=_flag(s.icpc_not_required))
            if s.icpc_date:
                self._row("ssd_initial_cp_conference", icpc_icpc_id=s.icpc_id, icpc_s47_enquiry_id=s.id,
                          icpc_person_id=child.id, icpc_cp_plan_id=s.plan_id, icpc_referral_id=r.id,
                          icpc_icpc_target_date=s.icpc_target, icpc_icpc_date=s.icpc_date,
                          icpc_icpc_outcome_cp_flag=_flag(s.plan_id is not None), icpc_icpc_team=r.team,
                          icpc_icpc_worker_id=r.worker)
        for p in r.cp_plans:
            self._row("ssd_cp_plans", cppl_cp_plan_id=p.id, cppl_referral_id=r.id, cppl_person_id=child.id,
                      cppl_cp_plan_start_date=p.start, cppl_cp_plan_end_date=p.end, cppl_cp_plan_ola="N",
                      cppl_cp_plan_initial_category=p.initial_category, cppl_cp_plan_latest_category=p.latest_category,
                      cppl_cp_plan_number_of_previous=p.previous_plans)
            for n, day in enumerate(p.reviews, 1):
                self._row("ssd_cp_reviews", cppr_cp_review_id=f"{p.id}R{n}", cppr_person_id=child.id,
                          cppr_cp_plan_id=p.id, cppr_cp_review_date=day)
            for n, day in enumerate(p.visits, 1):
                self._row("ssd_cp_visits", cppv_cp_visit_id=f"{p.id}V{n}", cppv_person_id=child.id,
                          cppv_cp_plan_id=p.id, cppv_cp_visit_date=day, cppv_cp_visit_seen="Y")

    def _looked_after(self, child: Child) -> None:
        first, last = self.first, self.last
        episodes = collection.episodes(child, first, last)
        for _, group in groupby(episodes, key=lambda pe: pe[0].id):
            group = list(group)
            period, shown = group[0][0], [e for _, e in group]
            records = self._placement_records(shown)
            record_of = {id(e): record for record, run in records for e in run}
            for n, e in enumerate(shown, 1):
                self._row("ssd_cla_episodes", clae_cla_episode_id=f"{period.id}.{n}", clae_person_id=child.id,
                          clae_cla_episode_start_date=e.start, clae_cla_episode_start_reason=e.rne,
                          clae_cla_primary_need_code=e.need, clae_cla_episode_ceased_date=e.end,
                          clae_cla_episode_ceased_reason=e.reason_ceased, clae_cla_id=period.id,
                          clae_cla_placement_id=record_of[id(e)], clae_entered_care_date=period.start,
                          clae_legal_status=e.legal_status, clae_placement_type=e.placement,
                          clae_placement_provider=e.provider, clae_placement_change_reason=e.placement_change_reason,
                          clae_home_postcode=e.home and _postcode(e.home), clae_placement_postcode=_postcode(e.place),
                          clae_placement_urn=e.urn)
            self._placements(child, period, records)
            self._legal_statuses(child, period, shown)
            for day in period.visits:
                if first <= day <= last:
                    self._row("ssd_cla_visits", clav_cla_visit_id=f"{period.id}V{day:%Y%m%d}", clav_cla_id=period.id,
                              clav_person_id=child.id, clav_cla_visit_date=day, clav_cla_visit_seen="Y")
        for period, day, code in collection.reviews(child, first, last):
            self._row("ssd_cla_reviews", clar_cla_review_id=f"{period.id}R{day:%Y%m%d}", clar_cla_id=period.id,
                      clar_cla_review_date=day, clar_cla_review_cancelled="N", clar_cla_review_participation=code,
                      clar_person_id=child.id)
        for h in collection.checks(child, first, last):
            self._health(child, h)
        for m in collection.missing(child, first, last) + collection.missing_from_home(child, first, last):
            self._row("ssd_missing", miss_table_id=f"{child.id}M{m.start:%Y%m%d}{m.kind}", miss_person_id=child.id,
                      miss_missing_episode_start_date=m.start, miss_missing_episode_type=m.kind,
                      miss_missing_episode_end_date=m.end, miss_missing_rhi_offered=_flag(m.rhi_offered),
                      miss_missing_rhi_accepted=_flag(m.rhi_accepted),
                      miss_missing_episode_start_time=_at(m.start, m.gone_at),
                      miss_missing_episode_end_time=_at(m.end, m.back_at))
        for c in collection.care_leavers(child, first, last):
            self._row("ssd_care_leavers", clea_table_id=f"{child.id}L{c.birthday.year}", clea_person_id=child.id,
                      clea_care_leaver_in_touch=c.in_touch, clea_care_leaver_latest_contact=c.latest_contact,
                      clea_care_leaver_accommodation=c.accommodation, clea_care_leaver_activity=c.activity,
                      clea_care_leaver_accom_suitable={"1": "Suitable", "2": "Unsuitable"}.get(c.accommodation[-1:]),
                      clea_pathway_plan_review_date=c.pathway_review, clea_care_leaver_personal_advisor=c.adviser,
                      clea_care_leaver_allocated_team=c.team, clea_care_leaver_worker_id=c.worker,
                      clea_care_leaver_birthday=c.birthday)
        self._permanence(child)
        for s in collection.social_workers(child, first, last):
            self._row("ssd_involvements", invo_involvements_id=f"{child.id}W{s.start:%Y%m%d}", invo_professional_id=s.worker,
                      invo_involvement_start_date=s.start, invo_involvement_end_date=s.end,
                      invo_worker_change_reason=s.reason, invo_person_id=child.id)

    @staticmethod
    def _placement_records(shown: list[Episode]) -> list[tuple[str, list[Episode]]]:
        """Placement records as case management systems keep them, with their IDs: a new carer
        (S, P, B) or a new placement type with the same carer (T, U) starts a new record."""
        records: list[tuple[str, list[Episode]]] = []
        for e in shown:
            if records and e.rne == "L":
                records[-1][1].append(e)
            else:
                same_carer = sum(run[0].placement_id == e.placement_id for _, run in records)
                records.append((e.placement_id + (f"T{same_carer}" if same_carer else ""), [e]))
        return records

    def _placements(self, child: Child, period, records: list[tuple[str, list[Episode]]]) -> None:
        for record, run in records:
            head, tail = run[0], run[-1]
            self._row("ssd_cla_placement", clap_cla_placement_id=record, clap_person_id=child.id, clap_cla_id=period.id,
                      clap_cla_placement_start_date=head.start, clap_cla_placement_end_date=tail.end,
                      clap_cla_placement_type=head.placement, clap_cla_placement_provider=head.provider,
                      clap_cla_placement_postcode=_postcode(head.place), clap_cla_placement_urn=head.urn,
                      clap_cla_placement_distance=head.home and miles(head.home, head.place),
                      clap_cla_placement_change_reason=tail.placement_change_reason if tail.end else None)

    def _legal_statuses(self, child: Child, period, shown: list[Episode]) -> None:
        for n, (status, run) in enumerate(groupby(shown, key=lambda e: e.legal_status), 1):
            run = list(run)
            self._row("ssd_legal_status", lega_legal_status_id=f"{period.id}S{n}", lega_person_id=child.id,
                      lega_legal_status=status, lega_legal_status_start_date=run[0].start,
                      lega_legal_status_end_date=run[-1].end)

    def _health(self, child: Child, h) -> None:
        day = year_end(h.year)  # outcomes over the year (convictions, substance misuse) are as at 31 March
        checks = (("HEALTH_ASSESSMENT", h.health_assessment, h.health_day), ("DENTAL_CHECK", h.teeth_check, h.teeth_day),
                  ("HEALTH_CHECK", h.health_check, h.health_day))
        for kind, done, when in checks:
            if done is not None and when is not None:
                self._row("ssd_cla_health", clah_health_check_id=f"{child.id}{kind[:2]}{h.year}", clah_person_id=child.id,
                          clah_health_check_type=kind, clah_health_check_date=when,
                          clah_health_check_status="Completed" if done else "Not completed")
        if h.health_day is not None:  # immunisations are checked at the health assessment
            self._row("ssd_cla_immunisations", clai_person_id=child.id, clai_immunisations_status=_flag(h.immunisations),
                      clai_immunisations_status_date=h.health_day)
        if not h.in_cohort:
            return  # not looked after for the whole year: no SDQ or outcomes recorded for it
        if h.sdq_score is not None or h.sdq_reason is not None:  # neither for a child under 4
            self._row("ssd_sdq_scores", csdq_table_id=f"{child.id}Q{h.year}", csdq_person_id=child.id,
                      csdq_sdq_completed_date=h.sdq_day, csdq_sdq_reason=h.sdq_reason, csdq_sdq_score=h.sdq_score)
        if h.convicted is not None:
            self._row("ssd_cla_convictions", clac_cla_conviction_id=f"{child.id}X{h.year}", clac_person_id=child.id,
                      clac_cla_conviction_date=day, clac_convicted=_flag(h.convicted))
        self._row("ssd_cla_substance_misuse", clas_substance_misuse_id=f"{child.id}Z{h.year}", clas_person_id=child.id,
                  clas_substance_misuse_date=day, clas_substance_misused=_flag(h.substance_misuse),
                  clas_intervention_received=_flag(h.intervention_received),
                  clas_intervention_offered=_flag(h.intervention_offered))

    def _permanence(self, child: Child) -> None:
        first, last = self.first, self.last
        seen = {}
        for period, a in collection.placed_for_adoption(child, first, last) + collection.adopted(child, first, last):
            seen[(period.id, a.decision)] = (period, a)
        for n, (period, a) in enumerate(seen.values(), 1):
            adopted = a.adopted if a.adopted and a.adopted <= last else None
            # The match and the adopters are recorded with the adoption (as the 903's AD1 has them).
            adopters = dict(perm_matched_date=a.matched, perm_adopted_by_carer_flag=_flag(a.by_foster_carer),
                            perm_adopter_sex=a.adopters_sex, perm_adopter_legal_status=a.adopters_legal_status,
                            perm_number_of_adopters=a.adopters) if adopted else {}
            self._row("ssd_permanence", perm_table_id=f"{period.id}A{n}", perm_person_id=child.id, perm_cla_id=period.id,
                      perm_adm_decision_date=a.decision, perm_placement_order_date=a.placement_order,
                      perm_placed_for_adoption_date=a.placed,
                      perm_decision_reversed_date=a.reversed, perm_decision_reversed_reason=a.reversed_reason,
                      perm_permanence_order_date=adopted, perm_permanence_order_type="Adoption" if adopted else None,
                      **adopters)
        latest = collection.previous_permanence(child, first, last)
        if latest:
            period, p = latest[-1]
            self._row("ssd_cla_previous_permanence", lapp_table_id=f"{period.id}PP", lapp_person_id=child.id,
                      lapp_previous_permanence_order_date=p.order_date or None,
                      lapp_previous_permanence_option=p.option, lapp_previous_permanence_la=p.la or None)

    def close(self) -> list[Written]:
        for w in self.workforce.workers:
            self._row("ssd_professionals", prof_professional_id=w.id, prof_staff_id=w.id,
                      prof_professional_name=f"Social Worker {w.id}", prof_professional_job_title="Social Worker",
                      prof_professional_caseload=self.workforce.caseload[w.id], prof_professional_department=w.team,
                      prof_full_time_equivalency=w.fte, prof_agency_worker_flag=_flag(w.agency))
        return [table.close() for table in self.tables.values()]
