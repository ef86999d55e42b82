"""Store rows from one row of each Annex A list (see `annex_a` for what is and is not stored).

The columns come from the headings' declared store columns (`annex_a_lists`); what is built
here is what Annex A does not say directly: IDs, links between records, and the few columns
derived from several cells. Annex A does not number records, so IDs are built from the child and
dates (`record_id`), as for the CIN census: a referral is '<child>/<referral date>' from either.
"""

from __future__ import annotations

from datetime import date

from cscperf.sources.batch import record_id


def _person(book, row) -> str | None:
    person = row.table("ssd_person")
    child = person["pers_person_id"]
    book.add("ssd_person", row, (child,), **person)
    if row.table("ssd_immigration_status").get("immi_immigration_status") == "Y":
        book.add("ssd_immigration_status", row, (child, "UASC"), immi_person_id=child,
                 immi_immigration_status="UASC", immi_immigration_status_id=record_id(child, "UASC"))
    return child


def _key(day: date | None, row) -> date | str:
    """A record's date for its ID, or its row when the date is missing or unreadable."""
    return day if day is not None else f"row{row.number}"


def _text(row, heading: str) -> str | None:
    raw = row.raw.get(heading)
    return None if raw is None or not str(raw).strip() else str(raw).strip()


def contacts(book, row, as_at) -> None:
    child, contact = _person(book, row), row.table("ssd_contacts")
    day = contact["cont_contact_date"]
    book.add("ssd_contacts", row, (child, day), cont_contact_id=record_id(child, "contact", _key(day, row)),
             cont_person_id=child, cont_contact_source_desc=_text(row, "Contact Source"), **contact)


def early_help(book, row, as_at) -> None:
    child, episode = _person(book, row), row.table("ssd_early_help_episodes")
    start = episode["earl_episode_start_date"]
    book.add("ssd_early_help_episodes", row, (child, start), earl_person_id=child,
             earl_episode_id=record_id(child, "early-help", _key(start, row)), **episode)


def referrals(book, row, as_at) -> None:
    """Lists 3 (referrals) and 6 (children in need) describe the same episodes."""
    child, episode = _person(book, row), row.table("ssd_cin_episodes")
    if "cine_referral_source_code" in episode:
        episode["cine_referral_source_desc"] = _text(row, "Referral Source")
    day = episode["cine_referral_date"]
    book.add("ssd_cin_episodes", row, (child, day), cine_referral_id=record_id(child, _key(day, row)),
             cine_person_id=child, **episode)


def assessments(book, row, as_at) -> None:
    child, assessment = _person(book, row), row.table("ssd_cin_assessments")
    # Annex A asks whether the child was assessed as needing support: no further action if not.
    support = assessment.pop("cina_assessment_outcome_nfa", None)
    start = assessment["cina_assessment_start_date"]
    book.add("ssd_cin_assessments", row, (child, start), cina_person_id=child,
             cina_assessment_id=record_id(child, "assessment", _key(start, row)),
             cina_assessment_outcome_nfa={"Y": "N", "N": "Y"}.get(support), **assessment)


def section47s(book, row, as_at) -> None:
    child, enquiry = _person(book, row), row.table("ssd_s47_enquiry")
    start = enquiry["s47e_s47_start_date"]
    enquiry_id = record_id(child, "s47", _key(start, row))
    book.add("ssd_s47_enquiry", row, (child, start), s47e_s47_enquiry_id=enquiry_id,
             s47e_person_id=child, **enquiry)
    conference = row.table("ssd_initial_cp_conference")
    day = conference.get("icpc_icpc_date")
    if day is not None:
        book.add("ssd_initial_cp_conference", row, (child, day),
                 icpc_icpc_id=record_id(child, "icpc", day), icpc_s47_enquiry_id=enquiry_id,
                 icpc_person_id=child, icpc_icpc_team=enquiry.get("s47e_s47_completed_by_team"),
                 icpc_icpc_worker_id=enquiry.get("s47e_s47_completed_by_worker_id"), **conference)


def protection_plans(book, row, as_at) -> None:
    child, plan = _person(book, row), row.table("ssd_cp_plans")
    start = plan["cppl_cp_plan_start_date"]
    plan_id = record_id(child, "cp-plan", _key(start, row))
    book.add("ssd_cp_plans", row, (child, start), cppl_cp_plan_id=plan_id, cppl_person_id=child, **plan)
    _latest(book, row, "ssd_cp_visits", "cppv_cp_visit", child, (plan_id, "visit"),
            cppv_person_id=child, cppv_cp_plan_id=plan_id)
    _latest(book, row, "ssd_cp_reviews", "cppr_cp_review", child, (plan_id, "review"),
            cppr_person_id=child, cppr_cp_plan_id=plan_id)


def _latest(book, row, table: str, prefix: str, child: str | None, parent: tuple, **links) -> None:
    """A visit or review Annex A gives only as the latest one's date: a row when it is dated."""
    values = row.table(table)
    day = values.get(f"{prefix}_date")
    if day is not None:
        book.add(table, row, (child, day), **{f"{prefix}_id": record_id(*parent, day)}, **links,
                 **values)


def looked_after(book, row, as_at) -> None:
    """The current legal status and placement from their start dates, and the current episode
    from the latest of those and the date care started (any change starts a new episode)."""
    child, episode = _person(book, row), row.table("ssd_cla_episodes")
    status, placement = row.table("ssd_legal_status"), row.table("ssd_cla_placement")
    entered, ceased = episode["clae_entered_care_date"], episode.get("clae_cla_episode_ceased_date")
    period = record_id(child, "care", _key(entered, row))
    status_start = status.get("lega_legal_status_start_date")
    if status_start is not None:
        book.add("ssd_legal_status", row, (child, status_start), lega_person_id=child,
                 lega_legal_status_id=record_id(child, "legal-status", status_start),
                 lega_legal_status_end_date=ceased, **status)
    placement_start = placement.get("clap_cla_placement_start_date")
    placement_id = None if placement_start is None else record_id(child, "placement", placement_start)
    if placement_id:
        book.add("ssd_cla_placement", row, (child, placement_start), clap_cla_placement_id=placement_id,
                 clap_person_id=child, clap_cla_id=period, clap_cla_placement_end_date=ceased,
                 **placement)
    start = max((d for d in (entered, status_start, placement_start) if d is not None), default=None)
    book.add("ssd_cla_episodes", row, (child, start), clae_person_id=child,
             clae_cla_episode_id=record_id(child, "episode", _key(start, row)),
             clae_cla_episode_start_date=start, clae_cla_id=period, clae_cla_placement_id=placement_id,
             clae_legal_status=status.get("lega_legal_status"),
             clae_placement_type=placement.get("clap_cla_placement_type"),
             clae_placement_provider=placement.get("clap_cla_placement_provider"),
             clae_placement_postcode=placement.get("clap_cla_placement_postcode"),
             clae_placement_urn=placement.get("clap_cla_placement_urn"), **episode)
    _latest(book, row, "ssd_cla_reviews", "clar_cla_review", child, (child, "review"),
            clar_person_id=child, clar_cla_id=period)
    _latest(book, row, "ssd_cla_visits", "clav_cla_visit", child, (child, "visit"),
            clav_person_id=child, clav_cla_id=period)
    # Two headings give dates of the same column, one for each kind of check.
    for heading, check in (("Date of Last Health Assessment", "HEALTH_ASSESSMENT"),
                           ("Date of Last Dental Check", "DENTAL_CHECK")):
        day = row.values.get(heading)
        if day is not None:
            book.add("ssd_cla_health", row, (child, check, day),
                     clah_health_check_id=record_id(child, check.lower(), day), clah_person_id=child,
                     clah_health_check_type=check, clah_health_check_date=day,
                     clah_health_check_status="Completed")


def care_leavers(book, row, as_at) -> None:
    """Stored against the child's latest birthday on or before the workbook's as-at date, the
    birthday the store's care leaver rows are keyed by."""
    child, leaver = _person(book, row), row.table("ssd_care_leavers")
    birthday = _latest_birthday(row.values.get("Date of Birth"), as_at)
    suitable = leaver.get("clea_care_leaver_accom_suitable")
    if leaver.get("clea_care_leaver_accommodation") and suitable:  # as the SSDA903: B1, B2
        leaver["clea_care_leaver_accommodation"] += "1" if suitable == "Suitable" else "2"
    book.add("ssd_care_leavers", row, (child, birthday), clea_person_id=child,
             clea_table_id=record_id(child, "care-leaver", _key(birthday, row)),
             clea_care_leaver_birthday=birthday, **leaver)


def _latest_birthday(born: date | None, as_at: date | None) -> date | None:
    if born is None or as_at is None:
        return None
    day = 28 if (born.month, born.day) == (2, 29) else born.day
    birthday = date(as_at.year, born.month, day)
    return birthday if birthday <= as_at else birthday.replace(year=as_at.year - 1)


def adoptions(book, row, as_at) -> None:
    child, adoption = _person(book, row), row.table("ssd_permanence")
    decision = adoption["perm_adm_decision_date"]
    ordered = adoption.get("perm_permanence_order_date") is not None
    book.add("ssd_permanence", row, (child, decision), perm_person_id=child,
             perm_table_id=record_id(child, "adoption", _key(decision, row)),
             perm_permanence_order_type="Adoption" if ordered else None, **adoption)


BUILD = {1: contacts, 2: early_help, 3: referrals, 4: assessments, 5: section47s,
         6: referrals, 7: protection_plans, 8: looked_after, 9: care_leavers, 10: adoptions}
