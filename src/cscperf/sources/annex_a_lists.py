"""The columns of Annex A's lists 1 to 11: how each heading is recognised, how its cells are
read, and which store column it fills (`FIELDS`, from which docs/store.md is generated).

Headings are compared simplified (lower case, punctuation dropped): a heading matches its own
words exactly, or our pattern for the other wordings authorities use. Columns marked `None`
have no place in the store; `NOT_STORED` says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cscperf.sources import annex_a_values as answers
from cscperf.sources.annex_a_values import Choice


@dataclass(frozen=True)
class Heading:
    name: str  # as Annex A words it
    store: str | None  # "table.column", or None when the store has no place for it
    read: str | Choice = "text"  # a RowCells method, or how the column's answers are read
    rule: str | None = None  # our pattern for other wordings, searched in the simplified heading
    required: bool = False  # the list cannot be read without this column

    def named(self, heading: object) -> bool:
        """The heading is this column's own words (case, spacing and punctuation aside)."""
        return simplify(heading) == simplify(self.name)

    def matches(self, heading: object) -> bool:
        return self.named(heading) or bool(self.rule and re.search(self.rule, simplify(heading)))


def simplify(heading: object) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(heading).lower()).strip()


def _person(*more: Heading) -> tuple[Heading, ...]:
    return (
        Heading("Child Unique ID", "ssd_person.pers_person_id", "id",
                r"\bchild\b.*\b(id|identifier|ref|number)\b|\b(id|identifier)\b.*\bchild\b|"
                r"^(person|client) id$", required=True),
        Heading("Gender", "ssd_person.pers_sex", answers.SEX, r"^(gender|sex)\b"),
        Heading("Ethnicity", "ssd_person.pers_ethnicity", answers.ETHNICITY, r"ethnic"),
        Heading("Date of Birth", "ssd_person.pers_dob", "date", r"birth|\bdob\b"),
        Heading("Age of Child (Years)", None, "int", r"^age\b"),
        *more,
    )


def _disability() -> Heading:
    return Heading("Does the Child have a Disability", "ssd_person.pers_disabled",
                   answers.DISABILITY, r"disab")


def _uasc(name: str) -> Heading:
    return Heading(name, "ssd_immigration_status.immi_immigration_status", answers.UASC,
                   r"unaccompanied|\buasc\b")


def _allocated(team: str | None, worker: str | None) -> tuple[Heading, Heading]:
    return (Heading("Allocated Team", team, "text", r"team"),
            Heading("Allocated Worker", worker, "text", r"worker"))


LISTS: dict[int, tuple[Heading, ...]] = {
    1: _person(
        Heading("Date of Contact", "ssd_contacts.cont_contact_date", "date", r"date.*contact",
                required=True),
        Heading("Contact Source", "ssd_contacts.cont_contact_source_code", answers.REFERRAL_SOURCE,
                r"contact.*source|source.*contact"),
    ),
    2: _person(
        Heading("Assessment start date", "ssd_early_help_episodes.earl_episode_start_date", "date",
                r"(assessment|episode).*start", required=True),
        Heading("Assessment completion date", "ssd_early_help_episodes.earl_episode_end_date", "date",
                r"(assessment|episode).*(completion|complete|end)"),
        Heading("Organisation completing assessment",
                "ssd_early_help_episodes.earl_episode_organisation", "text", r"organisation"),
    ),
    3: _person(
        Heading("Date of referral", "ssd_cin_episodes.cine_referral_date", "date",
                r"date of.*referral|referral date", required=True),
        Heading("Referral Source", "ssd_cin_episodes.cine_referral_source_code",
                answers.REFERRAL_SOURCE, r"referral.*source"),
        Heading("Referral NFA?", "ssd_cin_episodes.cine_referral_nfa", answers.REFERRAL_NFA, r"\bnfa\b"),
        Heading("Number of Referrals in Last 12 Months", None, "int", r"number of referrals"),
        *_allocated("ssd_cin_episodes.cine_referral_team", "ssd_cin_episodes.cine_referral_worker_id"),
    ),
    4: _person(
        _disability(),
        Heading("Continuous Assessment Start Date", "ssd_cin_assessments.cina_assessment_start_date",
                "date", r"assessment start date", required=True),
        Heading("Child Seen During Continuous Assessment", "ssd_cin_assessments.cina_assessment_child_seen",
                answers.CHILD_SEEN, r"child seen"),
        Heading("Continuous Assessment Date of Authorisation", "ssd_cin_assessments.cina_assessment_auth_date",
                "date", r"authoris"),
        Heading("Was the child assessed as requiring LA children's social care support?",
                "ssd_cin_assessments.cina_assessment_outcome_nfa", answers.YES_NO,
                r"assessed.*social care support"),
        *_allocated("ssd_cin_assessments.cina_assessment_team",
                    "ssd_cin_assessments.cina_assessment_worker_id"),
    ),
    5: _person(
        _disability(),
        Heading("Strategy discussion initiating Section 47 Enquiry Start Date",
                "ssd_s47_enquiry.s47e_s47_start_date", "date", r"section 47.*start|s47.*start",
                required=True),
        Heading("Was an Initial Child Protection Conference deemed unnecessary?",
                "ssd_s47_enquiry.s47e_icpc_not_required", answers.YES_NO, r"unnecessary"),
        Heading("Date of Initial Child Protection Conference",
                "ssd_initial_cp_conference.icpc_icpc_date", "date", r"date of initial"),
        Heading("Did the Initial Child Protection Conference Result in a Child Protection Plan",
                "ssd_initial_cp_conference.icpc_icpc_outcome_cp_flag", answers.YES_NO_UNKNOWN,
                r"result in a child protection plan"),
        Heading("Number of Section 47 Enquiries in the last 12 months", None, "int",
                r"number of (section 47|s47)"),
        Heading("Number of ICPCs in the last 12 months", None, "int", r"number of icpc"),
        *_allocated("ssd_s47_enquiry.s47e_s47_completed_by_team",
                    "ssd_s47_enquiry.s47e_s47_completed_by_worker_id"),
    ),
    6: _person(
        _disability(),
        Heading("CIN Start Date", "ssd_cin_episodes.cine_referral_date", "date",
                r"cin start|start date", required=True),
        Heading("Primary Need Code", "ssd_cin_episodes.cine_cin_primary_need_code",
                answers.PRIMARY_NEED, r"primary need|need code"),
        Heading("Date Child Was Last Seen", None, "date", r"last seen"),
        Heading("CIN Closure Date", "ssd_cin_episodes.cine_close_date", "date", r"closure date"),
        Heading("Reason for Closure", "ssd_cin_episodes.cine_close_reason", answers.CLOSURE_REASON,
                r"reason for closure"),
        Heading("Case Status", None, "text", r"case status"),
        *_allocated(None, None),
    ),
    7: _person(
        _disability(),
        Heading("Child Protection Plan Start Date", "ssd_cp_plans.cppl_cp_plan_start_date", "date",
                r"plan start date", required=True),
        Heading("Initial Category of Abuse", "ssd_cp_plans.cppl_cp_plan_initial_category",
                answers.ABUSE_CATEGORY, r"initial category"),
        Heading("Latest Category of Abuse", "ssd_cp_plans.cppl_cp_plan_latest_category",
                answers.ABUSE_CATEGORY, r"latest category"),
        Heading("Date of the Last Statutory Visit", "ssd_cp_visits.cppv_cp_visit_date", "date",
                r"statutory visit"),
        Heading("Was the Child Seen Alone?", "ssd_cp_visits.cppv_cp_visit_seen_alone",
                answers.CHILD_SEEN, r"seen alone"),
        Heading("Date of latest review conference", "ssd_cp_reviews.cppr_cp_review_date", "date",
                r"review conference"),
        Heading("Child Protection Plan End Date", "ssd_cp_plans.cppl_cp_plan_end_date", "date",
                r"plan end date"),
        Heading("Subject to Emergency Protection Order or Protected Under Police Powers in Last "
                "Six Months (Y/N)", None, answers.YES_NO, r"emergency protection order"),
        Heading("Number of Previous Child Protection Plans",
                "ssd_cp_plans.cppl_cp_plan_number_of_previous", "int", r"number of previous"),
        *_allocated(None, None),
    ),
    8: _person(
        _uasc("Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"),
        _disability(),
        Heading("Date Started to be Looked After", "ssd_cla_episodes.clae_entered_care_date", "date",
                r"started to be looked after", required=True),
        Heading("Child's Category of Need", "ssd_cla_episodes.clae_cla_primary_need_code",
                answers.PRIMARY_NEED, r"category of need"),
        Heading("Is this a second or subsequent period of being a Looked After Child within the "
                "last 12 months (Y/N)", None, answers.YES_NO, r"second or subsequent"),
        Heading("Start date of current legal status", "ssd_legal_status.lega_legal_status_start_date",
                "date", r"start date of (current )?legal status"),
        Heading("Child's Legal Status", "ssd_legal_status.lega_legal_status", answers.LEGAL_STATUS,
                r"child.*legal status$"),
        Heading("Date of Latest Statutory Review", "ssd_cla_reviews.clar_cla_review_date", "date",
                r"statutory review"),
        Heading("Date of Last Social Work Visit", "ssd_cla_visits.clav_cla_visit_date", "date",
                r"social work(er)? visit"),
        Heading("What is the permanence plan for this child?", None, "text", r"permanence plan"),
        Heading("Date of Last IRO Visit / Contact to the Child",
                "ssd_cla_episodes.clae_cla_last_iro_contact_date", "date", r"\biro\b"),
        Heading("Date of Last Health Assessment", "ssd_cla_health.clah_health_check_date", "date",
                r"health assessment"),
        Heading("Date of Last Dental Check", "ssd_cla_health.clah_health_check_date", "date", r"dental"),
        Heading("Number of Placements in the Last 12 months", None, "int", r"number of placements"),
        Heading("Date Ceased to be Looked After", "ssd_cla_episodes.clae_cla_episode_ceased_date",
                "date", r"date ceased"),
        Heading("Reason Ceased to be Looked After", "ssd_cla_episodes.clae_cla_episode_ceased_reason",
                answers.REASON_CEASED, r"reason ceased"),
        Heading("Start Date of Most Recent Placement", "ssd_cla_placement.clap_cla_placement_start_date",
                "date", r"start date of (most recent|current) placement"),
        Heading("Placement Type", "ssd_cla_placement.clap_cla_placement_type", answers.PLACEMENT_TYPE,
                r"^placement type$"),
        Heading("Placement Provider", "ssd_cla_placement.clap_cla_placement_provider",
                answers.PLACEMENT_PROVIDER, r"placement provider"),
        Heading("Placement postcode", "ssd_cla_placement.clap_cla_placement_postcode", "postcode",
                r"postcode"),
        Heading("URN of Placement", "ssd_cla_placement.clap_cla_placement_urn", "id", r"\burn\b"),
        Heading("Placement Location", None, "text", r"placement location"),
        Heading("LA of Placement", None, "text", r"^la of placement"),
        Heading("Number of Episodes the Child has been 'Missing' from their Placement in the last "
                "12 months", None, "int", r"been missing"),
        Heading("Number of Episodes the Child has been 'Absent' from their Placement in the last "
                "12 months", None, "int", r"been absent"),
        Heading("Was the child offered a Return Interview after their last missing episode (Y/N)?",
                None, answers.RETURN_INTERVIEW, r"offered a return"),
        Heading("Did the child accept a Return Interview after their last missing episode (Y/N)?",
                None, answers.RETURN_INTERVIEW, r"accept a return"),
        *_allocated(None, None),
    ),
    9: _person(
        _uasc("Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)"),
        _disability(),
        *_allocated("ssd_care_leavers.clea_care_leaver_allocated_team",
                    "ssd_care_leavers.clea_care_leaver_worker_id"),
        Heading("Allocated Personal Advisor", "ssd_care_leavers.clea_care_leaver_personal_advisor",
                "text", r"personal advis"),
        Heading("Eligibility Category", "ssd_care_leavers.clea_care_leaver_eligibility",
                answers.CARE_LEAVER_ELIGIBILITY, r"eligibility"),
        Heading("Latest Pathway Plan Review Date", "ssd_care_leavers.clea_pathway_plan_review_date",
                "date", r"pathway plan"),
        Heading("LA in Touch", "ssd_care_leavers.clea_care_leaver_in_touch", answers.IN_TOUCH,
                r"in touch"),
        Heading("Latest Date of Contact", "ssd_care_leavers.clea_care_leaver_latest_contact", "date",
                r"date of (latest )?contact"),
        Heading("Type of Accommodation", "ssd_care_leavers.clea_care_leaver_accommodation",
                answers.ACCOMMODATION, r"type of accommodation"),
        Heading("Suitability of Accommodation", "ssd_care_leavers.clea_care_leaver_accom_suitable",
                answers.SUITABILITY, r"suitab"),
        Heading("Activity Status", "ssd_care_leavers.clea_care_leaver_activity", answers.ACTIVITY,
                r"activity"),
    ),
    10: _person(
        Heading("Family identifier", None, "text", r"family"),
        _disability(),
        Heading("Date the Child Entered Care", None, "date", r"entered care"),
        Heading("Date of Decision that Child Should be Placed for Adoption",
                "ssd_permanence.perm_adm_decision_date", "date", r"decision.*should be placed",
                required=True),
        Heading("Date of Placement Order", "ssd_permanence.perm_placement_order_date", "date",
                r"placement order"),
        Heading("Date of Matching Child and Prospective Adopters", "ssd_permanence.perm_matched_date",
                "date", r"matching"),
        Heading("Date Placed for Adoption", "ssd_permanence.perm_placed_for_adoption_date", "date",
                r"^date placed for adoption"),
        Heading("Date of Adoption Order", "ssd_permanence.perm_permanence_order_date", "date",
                r"adoption order"),
        Heading("Date of Decision that Child Should No Longer be Placed for Adoption",
                "ssd_permanence.perm_decision_reversed_date", "date", r"no longer be placed"),
        Heading("Reason Why Child No Longer Placed for Adoption",
                "ssd_permanence.perm_decision_reversed_reason", answers.ADOPTION_REVERSED_REASON,
                r"reason why"),
        Heading("Date the child was placed for fostering in FFA or concurrent planning placement",
                "ssd_permanence.perm_placed_ffa_cp_date", "date", r"\bffa\b|concurrent"),
    ),
    # Adopters, not children: recognised so the sheet is reported, never read into the store.
    11: (Heading("Individual adopter identifier", None, "text", r"adopter (id|identifier)",
                 required=True),),
}

# Annex A column -> store column; docs/store.md is generated from this.
FIELDS: dict[tuple[str, str], str] = {
    (f"list_{number}", heading.name): heading.store
    for number, headings in LISTS.items() for heading in headings if heading.store}

# Columns read but not stored, and why.
NOT_STORED = {
    "Age of Child (Years)": "derived from the date of birth",
    "Number of Referrals in Last 12 Months": "counted from the referrals themselves",
    "Number of Section 47 Enquiries in the last 12 months": "counted from the enquiries",
    "Number of ICPCs in the last 12 months": "counted from the conferences",
    "Date Child Was Last Seen": "the store has no visits to children in need (ssd_cin_visits)",
    "Case Status": "a summary of the child's other records",
    "Allocated Team": "lists 6 to 8: the SSD holds teams on referrals, assessments, enquiries "
                      "and care leavers only",
    "Allocated Worker": "as Allocated Team",
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)":
        "no SSD column; legal statuses L1-L3 hold it for looked-after children",
    "Is this a second or subsequent period of being a Looked After Child within the last 12 "
    "months (Y/N)": "counted from the episodes",
    "What is the permanence plan for this child?": "the store has no care plans (ssd_cla_care_plan)",
    "Number of Placements in the Last 12 months": "Annex A gives only the latest placement",
    "Placement Location": "derived from the placement postcode",
    "LA of Placement": "derived from the placement postcode",
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months":
        "the store holds missing episodes with their dates, which Annex A does not give",
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months":
        "as the missing count",
    "Was the child offered a Return Interview after their last missing episode (Y/N)?":
        "belongs to a missing episode, whose dates Annex A does not give",
    "Did the child accept a Return Interview after their last missing episode (Y/N)?":
        "as the return interview offered",
    "Family identifier": "the store has no families (ssd_family)",
    "Date the Child Entered Care": "list 8 gives it for children looked after",
    "Individual adopter identifier": "list 11 is about adopters, not children",
}
