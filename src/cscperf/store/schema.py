"""The canonical child-level model: Standard Safeguarding Dataset (SSD) tables in DuckDB.

Table and column names are the SSD's (`../shared/spec/ssd/tables/*.yml`). Where a statutory
field from the SSDA903 return, the CIN census or Annex A has no SSD column, an extra column is
added in the SSD's naming style and marked `added`, with the field it holds; `docs/store.md` is
generated from this module.

Every table also carries provenance: the local authority (`la`, the DfE 3-digit code), the load
it came from, the source file and row, and the collection year of the return. Each table has a
natural key; a row loaded later with the same key replaces the earlier one when its
(collection year, load) is at least as recent, so several years of returns stack into one history.
Columns the later row's source does not carry keep the earlier row's values (another format's, say).

Values follow the SSD's conventions: dates are DATE, yes/no flags are 'Y'/'N', sex is 'M'/'F'/'U',
codes are upper case as published (legal status 'C2', placement 'U4', ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from cscperf.store import returns

class ColumnType(str):
    """A column's SQL type, which also says what kind of value it holds (`kind`: id, text,
    code, date, int, float, flag or json), so readers of SSD-shaped files know how to parse it."""

    kind: str

    def __new__(cls, sql: str, kind: str) -> ColumnType:
        column_type = super().__new__(cls, sql)
        column_type.kind = kind
        return column_type


ID, TEXT, CODE, DATE, DATETIME, INT, FLOAT, FLAG, JSON = (
    ColumnType(sql, kind) for sql, kind in (
        ("VARCHAR", "id"), ("VARCHAR", "text"), ("VARCHAR", "code"), ("DATE", "date"),
        ("TIMESTAMP", "datetime"), ("INTEGER", "int"), ("DOUBLE", "float"), ("VARCHAR", "flag"),
        ("VARCHAR", "json"))
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    added: bool = False  # not an SSD column: added in the SSD's style for a statutory field


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    key: tuple[str, ...]  # natural key within an authority, used to stack returns
    columns: tuple[Column, ...]
    person: str | None = None  # the column holding the child's ID, if any

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name}")


def ssd(name: str, type_: str, description: str) -> Column:
    return Column(name, type_, description)


def added(name: str, type_: str, description: str) -> Column:
    return Column(name, type_, description, added=True)


# Added columns recording what cscperf itself did to the store (repairs, derived rows): never read
# from a file nor carried over from an earlier row, or the rebuilds after loading would undo or
# delete rows they did not make.
SET_BY_CSCPERF = frozenset({"clae_repair_reason", "clap_derived", "lega_derived"})

PROVENANCE = (
    Column("la", CODE, "Local authority: DfE 3-digit code, e.g. 883"),
    Column("load_id", INT, "The load this row came from (meta.loads)"),
    Column("source_file_id", INT, "The file this row came from (meta.load_files)"),
    Column("source_row", INT, "Row in the source file as Excel numbers it (header is 1), or XML line"),
    Column("collection_year", INT, "Year the return ends (2025 for 2024-25); for extracts, the "
           "year ending on the 31 March on or after the extract date"),
)


def table(name: str, description: str, key: tuple[str, ...], *columns: Column,
          person: str | None = None) -> Table:
    return Table(name, description, key, tuple(columns), person)


TABLES: tuple[Table, ...] = (
    table(
        "ssd_person", "Children and young people.", ("pers_person_id",),
        ssd("pers_person_id", ID, "Child's ID in the case management system (903 CHILD, CIN LAchildID)"),
        ssd("pers_sex", CODE, "Sex: M, F or U (903 SEX 1/2 before 2025 and CIN GenderCurrent are mapped)"),
        ssd("pers_gender", CODE, "Gender as recorded, where different from sex"),
        ssd("pers_ethnicity", CODE, "Ethnicity code (WBRI, MWBC, ...)"),
        ssd("pers_dob", DATE, "Date of birth"),
        ssd("pers_expected_dob", DATE, "Expected date of birth, for unborn children"),
        ssd("pers_death_date", DATE, "Date of death"),
        ssd("pers_upn_unknown", CODE, "Reason the UPN is unknown (UN1-UN10)"),
        ssd("pers_send_flag", FLAG, "Special educational needs flag"),
        ssd("pers_is_mother", FLAG, "Is the young person a mother (903 MOTHER)"),
        ssd("pers_nationality", TEXT, "Nationality"),
        added("pers_upn", ID, "Unique pupil number (903 UPN, CIN UPN)"),
        added("pers_former_upn", ID, "Former unique pupil number (CIN FormerUPN)"),
        added("pers_disabled", FLAG, "Has a disability, Y or N, where only that is known (Annex A "
              "'Does the Child have a Disability'); the disabilities themselves are in ssd_disability"),
        person="pers_person_id",
    ),
    table(
        "ssd_mother", "Children born to looked-after young people.", ("moth_person_id", "moth_childs_dob"),
        ssd("moth_table_id", ID, "Row ID"),
        ssd("moth_person_id", ID, "The mother's person ID"),
        ssd("moth_childs_person_id", ID, "The child's person ID, where known"),
        ssd("moth_childs_dob", DATE, "The child's date of birth (903 MC_DOB)"),
        person="moth_person_id",
    ),
    table(
        "ssd_disability", "Disabilities recorded for a child.", ("disa_person_id", "disa_disability_code"),
        ssd("disa_table_id", ID, "Row ID"),
        ssd("disa_person_id", ID, "Child's ID"),
        ssd("disa_disability_code", CODE, "Disability code (MOB, HAND, ..., NONE)"),
        person="disa_person_id",
    ),
    table(
        "ssd_immigration_status", "Immigration status, including unaccompanied asylum-seeking children.",
        ("immi_person_id", "immi_immigration_status"),
        ssd("immi_immigration_status_id", ID, "Row ID"),
        ssd("immi_person_id", ID, "Child's ID"),
        ssd("immi_immigration_status", CODE, "Status; 'UASC' for an unaccompanied asylum-seeking child"),
        ssd("immi_immigration_status_start_date", DATE, "Start of the status, where known"),
        ssd("immi_immigration_status_end_date", DATE, "End of the status (903 DUC: date UASC status ceased)"),
        person="immi_person_id",
    ),
    table(
        "ssd_address", "Addresses, with dates.", ("addr_person_id", "addr_address_type", "addr_address_start_date"),
        ssd("addr_table_id", ID, "Row ID"),
        ssd("addr_person_id", ID, "Child's ID"),
        ssd("addr_address_type", CODE, "Type of address (HOME, PLACEMENT, ...)"),
        ssd("addr_address_start_date", DATE, "Date the person started living there"),
        ssd("addr_address_end_date", DATE, "Date the person left"),
        ssd("addr_address_postcode", TEXT, "Postcode, without spaces"),
        ssd("addr_address_json", JSON, "The full address as SSD JSON"),
        person="addr_person_id",
    ),
    table(
        "ssd_contacts", "Contacts received by children's social care.", ("cont_person_id", "cont_contact_date"),
        ssd("cont_contact_id", ID, "Contact ID"),
        ssd("cont_person_id", ID, "Child's ID"),
        ssd("cont_contact_date", DATE, "Date the contact was received (Annex A list 1)"),
        ssd("cont_contact_source_code", CODE, "Source of the contact (referral source codes 1A-10)"),
        ssd("cont_contact_source_desc", TEXT, "Source as described by the system"),
        ssd("cont_contact_outcome_json", JSON, "Outcome flags as SSD JSON (NEW_REFERRAL_FLAG, NFA_FLAG, ...)"),
        person="cont_person_id",
    ),
    table(
        "ssd_early_help_episodes", "Early help episodes.", ("earl_person_id", "earl_episode_start_date"),
        ssd("earl_episode_id", ID, "Episode ID"),
        ssd("earl_person_id", ID, "Child's ID"),
        ssd("earl_episode_start_date", DATE, "Start date"),
        ssd("earl_episode_end_date", DATE, "End date"),
        ssd("earl_episode_reason", TEXT, "Reason for the episode"),
        ssd("earl_episode_end_reason", TEXT, "Reason the episode ended"),
        ssd("earl_episode_organisation", TEXT, "Organisation providing early help"),
        ssd("earl_episode_worker_id", ID, "Worker ID"),
        person="earl_person_id",
    ),
    table(
        "ssd_cin_episodes", "Referrals: episodes of need (CIN census CINdetails, Annex A list 3).",
        ("cine_person_id", "cine_referral_date"),
        ssd("cine_referral_id", ID, "Referral ID"),
        ssd("cine_person_id", ID, "Child's ID"),
        ssd("cine_referral_date", DATE, "Referral date (CINreferralDate)"),
        ssd("cine_cin_primary_need_code", CODE, "Primary need N0-N9 (PrimaryNeedCode)"),
        ssd("cine_referral_source_code", CODE, "Referral source 1A-10 (ReferralSource)"),
        ssd("cine_referral_source_desc", TEXT, "Referral source as described by the system"),
        ssd("cine_referral_outcome_json", JSON, "Referral outcome as SSD JSON"),
        ssd("cine_referral_nfa", FLAG, "Referral led to no further action (ReferralNFA)"),
        ssd("cine_close_reason", CODE, "Reason for closure RC1-RC8 (ReasonForClosure)"),
        ssd("cine_close_date", DATE, "Closure date (CINclosureDate)"),
        ssd("cine_referral_team", TEXT, "Team"),
        ssd("cine_referral_worker_id", ID, "Worker ID"),
        added("cine_initial_cpc_date", DATE, "Date of initial CP conference at episode level (CIN DateOfInitialCPC)"),
        person="cine_person_id",
    ),
    table(
        "ssd_cin_assessments", "Children and family assessments (CIN census Assessments, Annex A list 4).",
        ("cina_person_id", "cina_assessment_start_date"),
        ssd("cina_assessment_id", ID, "Assessment ID"),
        ssd("cina_person_id", ID, "Child's ID"),
        ssd("cina_referral_id", ID, "The referral it belongs to"),
        ssd("cina_assessment_start_date", DATE, "Actual start date (AssessmentActualStartDate)"),
        ssd("cina_assessment_child_seen", FLAG, "Child seen during the assessment"),
        ssd("cina_assessment_auth_date", DATE, "Authorisation date (AssessmentAuthorisationDate)"),
        ssd("cina_assessment_outcome_json", JSON, "Outcome as SSD JSON"),
        ssd("cina_assessment_outcome_nfa", FLAG, "Assessment led to no further action"),
        ssd("cina_assessment_team", TEXT, "Team"),
        ssd("cina_assessment_worker_id", ID, "Worker ID"),
        added("cina_assessment_internal_review_date", DATE, "Internal review date (AssessmentInternalReviewDate)"),
        person="cina_person_id",
    ),
    table(
        "ssd_assessment_factors", "Factors identified at the end of assessment.", ("cinf_assessment_id",),
        ssd("cinf_table_id", ID, "Row ID"),
        ssd("cinf_assessment_id", ID, "The assessment"),
        ssd("cinf_assessment_factors_json", JSON, "Factor codes as a JSON list, e.g. [\"2A\", \"3B\"]"),
        added("cinf_person_id", ID, "Child's ID"),
        person="cinf_person_id",
    ),
    table(
        "ssd_cin_plans", "Child in need plans (CIN census CINPlanDates).", ("cinp_person_id", "cinp_cin_plan_start_date"),
        ssd("cinp_cin_plan_id", ID, "Plan ID"),
        ssd("cinp_referral_id", ID, "The referral it belongs to"),
        ssd("cinp_person_id", ID, "Child's ID"),
        ssd("cinp_cin_plan_start_date", DATE, "Start date (CINPlanStartDate)"),
        ssd("cinp_cin_plan_end_date", DATE, "End date (CINPlanEndDate)"),
        ssd("cinp_cin_plan_team", TEXT, "Team"),
        ssd("cinp_cin_plan_worker_id", ID, "Worker ID"),
        person="cinp_person_id",
    ),
    table(
        "ssd_s47_enquiry", "Section 47 enquiries (CIN census Section47, Annex A list 5).",
        ("s47e_person_id", "s47e_s47_start_date"),
        ssd("s47e_s47_enquiry_id", ID, "Enquiry ID"),
        ssd("s47e_referral_id", ID, "The referral it belongs to"),
        ssd("s47e_person_id", ID, "Child's ID"),
        ssd("s47e_s47_start_date", DATE, "Start date (S47ActualStartDate)"),
        ssd("s47e_s47_end_date", DATE, "End date"),
        ssd("s47e_s47_nfa", FLAG, "Enquiry led to no further action"),
        ssd("s47e_s47_outcome_json", JSON, "Outcome as SSD JSON"),
        ssd("s47e_s47_completed_by_team", TEXT, "Team"),
        ssd("s47e_s47_completed_by_worker_id", ID, "Worker ID"),
        added("s47e_icpc_not_required", FLAG, "An initial CP conference was judged unnecessary (ICPCnotRequired)"),
        person="s47e_person_id",
    ),
    table(
        "ssd_initial_cp_conference", "Initial child protection conferences.", ("icpc_person_id", "icpc_icpc_date"),
        ssd("icpc_icpc_id", ID, "Conference ID"),
        ssd("icpc_icpc_meeting_id", ID, "Meeting ID"),
        ssd("icpc_s47_enquiry_id", ID, "The section 47 enquiry it followed"),
        ssd("icpc_person_id", ID, "Child's ID"),
        ssd("icpc_cp_plan_id", ID, "The plan it led to"),
        ssd("icpc_referral_id", ID, "The referral it belongs to"),
        ssd("icpc_icpc_transfer_in", FLAG, "Transfer-in conference"),
        ssd("icpc_icpc_target_date", DATE, "Target date (InitialCPCtarget)"),
        ssd("icpc_icpc_date", DATE, "Date of the conference (DateOfInitialCPC)"),
        ssd("icpc_icpc_outcome_cp_flag", FLAG, "The conference led to a CP plan"),
        ssd("icpc_icpc_outcome_json", JSON, "Outcome as SSD JSON"),
        ssd("icpc_icpc_team", TEXT, "Team"),
        ssd("icpc_icpc_worker_id", ID, "Worker ID"),
        person="icpc_person_id",
    ),
    table(
        "ssd_cp_plans", "Child protection plans (CIN census ChildProtectionPlans, Annex A list 7).",
        ("cppl_person_id", "cppl_cp_plan_start_date"),
        ssd("cppl_cp_plan_id", ID, "Plan ID"),
        ssd("cppl_referral_id", ID, "The referral it belongs to"),
        ssd("cppl_icpc_id", ID, "The conference that made it"),
        ssd("cppl_person_id", ID, "Child's ID"),
        ssd("cppl_cp_plan_start_date", DATE, "Start date (CPPstartDate)"),
        ssd("cppl_cp_plan_end_date", DATE, "End date (CPPendDate)"),
        ssd("cppl_cp_plan_ola", FLAG, "Plan held by another local authority"),
        ssd("cppl_cp_plan_initial_category", CODE, "Initial category of abuse NEG, PHY, SAB, EMO, MUL"),
        ssd("cppl_cp_plan_latest_category", CODE, "Latest category of abuse"),
        added("cppl_cp_plan_number_of_previous", INT, "Number of previous CP plans (NumberOfPreviousCPP)"),
        person="cppl_person_id",
    ),
    table(
        "ssd_cp_reviews", "Child protection review conferences.", ("cppr_person_id", "cppr_cp_review_date"),
        ssd("cppr_cp_review_id", ID, "Review ID"),
        ssd("cppr_person_id", ID, "Child's ID"),
        ssd("cppr_cp_plan_id", ID, "The plan reviewed"),
        ssd("cppr_cp_review_due", DATE, "Due date"),
        ssd("cppr_cp_review_date", DATE, "Date held (CPPreviewDate)"),
        ssd("cppr_cp_review_meeting_id", ID, "Meeting ID"),
        ssd("cppr_cp_review_outcome_continue_cp", FLAG, "The plan was continued"),
        ssd("cppr_cp_review_quorate", FLAG, "The conference was quorate"),
        ssd("cppr_cp_review_participation", CODE, "Child's participation"),
        person="cppr_person_id",
    ),
    table(
        "ssd_cp_visits", "Statutory visits to children on a child protection plan.", ("cppv_person_id", "cppv_cp_visit_date"),
        ssd("cppv_cp_visit_id", ID, "Visit ID"),
        ssd("cppv_person_id", ID, "Child's ID"),
        ssd("cppv_cp_plan_id", ID, "The plan"),
        ssd("cppv_cp_visit_date", DATE, "Date of the visit"),
        ssd("cppv_cp_visit_seen", FLAG, "Child seen"),
        ssd("cppv_cp_visit_seen_alone", FLAG, "Child seen alone"),
        ssd("cppv_cp_visit_bedroom", FLAG, "Child's bedroom seen"),
        person="cppv_person_id",
    ),
    table(
        "ssd_cla_episodes", "Episodes of care (903 episodes table). One row per 903 episode; the "
        "episode's legal status and placement fields are kept on it as submitted.",
        ("clae_person_id", "clae_cla_episode_start_date"),
        ssd("clae_cla_episode_id", ID, "Episode ID"),
        ssd("clae_person_id", ID, "Child's ID"),
        ssd("clae_cla_episode_start_date", DATE, "Date episode commenced (DECOM)"),
        ssd("clae_cla_episode_start_reason", CODE, "Reason for new episode S, L, P, T, B, U (RNE)"),
        ssd("clae_cla_primary_need_code", CODE, "Category of need N1-N8 (CIN)"),
        ssd("clae_cla_episode_ceased_date", DATE, "Date episode ceased (DEC); may be set by a repair"),
        ssd("clae_cla_episode_ceased_reason", CODE, "Reason episode ceased X1, E11, ... (REC)"),
        ssd("clae_cla_id", ID, "Period of care this episode belongs to"),
        ssd("clae_referral_id", ID, "Linked referral"),
        ssd("clae_cla_placement_id", ID, "The placement this episode is part of"),
        ssd("clae_entered_care_date", DATE, "Start of the current period of care"),
        ssd("clae_cla_last_iro_contact_date", DATE, "Date of last IRO visit or contact (Annex A list 8)"),
        added("clae_legal_status", CODE, "Legal status C1, C2, ..., V2, V3, V4 (LS)"),
        added("clae_placement_type", CODE, "Placement type A3, ..., U1, ..., Z1 (PLACE)"),
        added("clae_placement_provider", CODE, "Placement provider PR0-PR5 (PLACE_PROVIDER)"),
        added("clae_placement_change_reason", CODE, "Reason for placement change (REASON_PLACE_CHANGE)"),
        added("clae_home_postcode", TEXT, "Postcode of the child's home (HOME_POST)"),
        added("clae_placement_postcode", TEXT, "Postcode of the placement (PL_POST)"),
        added("clae_placement_urn", ID, "Ofsted URN of the placement (URN)"),
        added("clae_repair_reason", TEXT, "Why cscperf changed the ceased date, when it did "
              "(an open episode closed by a later return)"),
        person="clae_person_id",
    ),
    table(
        "ssd_cla_placement", "Placements: a spell with the same carer. A new placement starts with "
        "903 reason for new episode S, P or B; T and U continue it.",
        ("clap_person_id", "clap_cla_placement_start_date"),
        ssd("clap_cla_placement_id", ID, "Placement ID"),
        ssd("clap_person_id", ID, "Child's ID"),
        ssd("clap_cla_id", ID, "Period of care"),
        ssd("clap_cla_placement_start_date", DATE, "Start date"),
        ssd("clap_cla_placement_end_date", DATE, "End date"),
        ssd("clap_cla_placement_type", CODE, "Placement type at the start (PLACE)"),
        ssd("clap_cla_placement_provider", CODE, "Provider PR0-PR5 (PLACE_PROVIDER)"),
        ssd("clap_cla_placement_postcode", TEXT, "Placement postcode (PL_POST)"),
        ssd("clap_cla_placement_urn", ID, "Ofsted URN (URN)"),
        ssd("clap_cla_placement_distance", FLOAT, "Miles from home, DfE formula, one decimal place"),
        ssd("clap_cla_placement_change_reason", CODE, "Reason the placement ended (REASON_PLACE_CHANGE)"),
        added("clap_derived", FLAG, "Y when cscperf derived this placement from 903 episodes"),
        person="clap_person_id",
    ),
    table(
        "ssd_legal_status", "Legal status spells.", ("lega_person_id", "lega_legal_status_start_date"),
        ssd("lega_legal_status_id", ID, "Row ID"),
        ssd("lega_person_id", ID, "Child's ID"),
        ssd("lega_legal_status", CODE, "Legal status (LS)"),
        ssd("lega_legal_status_start_date", DATE, "Start date"),
        ssd("lega_legal_status_end_date", DATE, "End date"),
        added("lega_derived", FLAG, "Y when cscperf derived this spell from 903 episodes"),
        person="lega_person_id",
    ),
    table(
        "ssd_cla_reviews", "Looked-after child reviews (903 reviews).", ("clar_person_id", "clar_cla_review_date"),
        ssd("clar_cla_review_id", ID, "Review ID"),
        ssd("clar_cla_id", ID, "Period of care"),
        ssd("clar_cla_review_due_date", DATE, "Due date"),
        ssd("clar_cla_review_date", DATE, "Date held (REVIEW)"),
        ssd("clar_cla_review_cancelled", FLAG, "Cancelled"),
        ssd("clar_cla_review_participation", CODE, "Participation PN0-PN7 (REVIEW_CODE)"),
        added("clar_person_id", ID, "Child's ID"),
        person="clar_person_id",
    ),
    table(
        "ssd_cla_visits", "Statutory visits to looked-after children.", ("clav_person_id", "clav_cla_visit_date"),
        ssd("clav_cla_visit_id", ID, "Visit ID"),
        ssd("clav_cla_id", ID, "Period of care"),
        ssd("clav_person_id", ID, "Child's ID"),
        ssd("clav_cla_visit_date", DATE, "Date of the visit"),
        ssd("clav_cla_visit_seen", FLAG, "Child seen"),
        ssd("clav_cla_visit_seen_alone", FLAG, "Child seen alone"),
        person="clav_person_id",
    ),
    table(
        "ssd_cla_health", "Health assessments and dental checks. From the 903 OC2 table a row "
        "records the year's status: type HEALTH_ASSESSMENT, DENTAL_CHECK or HEALTH_CHECK, dated the "
        "31 March of the return, status Completed or Not completed.",
        ("clah_person_id", "clah_health_check_type", "clah_health_check_date"),
        ssd("clah_health_check_id", ID, "Row ID"),
        ssd("clah_person_id", ID, "Child's ID"),
        ssd("clah_health_check_type", CODE, "HEALTH_ASSESSMENT, DENTAL_CHECK, HEALTH_CHECK or INITIAL_HEALTH_ASSESSMENT"),
        ssd("clah_health_check_date", DATE, "Date of the check"),
        ssd("clah_health_check_status", CODE, "Completed, Not completed, Planned, Refused or Cancelled"),
        person="clah_person_id",
    ),
    table(
        "ssd_cla_immunisations", "Immunisation status (903 OC2 IMMUNISATIONS).", ("clai_person_id", "clai_immunisations_status_date"),
        ssd("clai_person_id", ID, "Child's ID"),
        ssd("clai_immunisations_status", FLAG, "Immunisations up to date"),
        ssd("clai_immunisations_status_date", DATE, "Date the status applies to"),
        person="clai_person_id",
    ),
    table(
        "ssd_sdq_scores", "Strengths and Difficulties Questionnaire scores (903 OC2).", ("csdq_person_id", "csdq_sdq_completed_date"),
        ssd("csdq_table_id", ID, "Row ID"),
        ssd("csdq_person_id", ID, "Child's ID"),
        ssd("csdq_sdq_completed_date", DATE, "Date completed (for 903, the 31 March of the return)"),
        ssd("csdq_sdq_reason", CODE, "Reason no score was returned SDQ1-SDQ5"),
        ssd("csdq_sdq_score", INT, "Total difficulties score 0-40"),
        person="csdq_person_id",
    ),
    table(
        "ssd_cla_convictions", "Convictions of looked-after children (903 OC2 CONVICTED).", ("clac_person_id", "clac_cla_conviction_date"),
        ssd("clac_cla_conviction_id", ID, "Row ID"),
        ssd("clac_person_id", ID, "Child's ID"),
        ssd("clac_cla_conviction_date", DATE, "Date (for 903, the 31 March of the return)"),
        ssd("clac_cla_conviction_offence", TEXT, "Offence"),
        added("clac_convicted", FLAG, "Convicted or given a youth caution or reprimand during the "
              "year: Y or N (903 OC2 CONVICTED); the 903 gives no offence or date"),
        person="clac_person_id",
    ),
    table(
        "ssd_cla_substance_misuse", "Substance misuse (903 OC2).", ("clas_person_id", "clas_substance_misuse_date"),
        ssd("clas_substance_misuse_id", ID, "Row ID"),
        ssd("clas_person_id", ID, "Child's ID"),
        ssd("clas_substance_misuse_date", DATE, "Date (for 903, the 31 March of the return)"),
        ssd("clas_substance_misused", FLAG, "Substance misuse identified (SUBSTANCE_MISUSE)"),
        ssd("clas_intervention_received", FLAG, "Intervention received (INTERVENTION_RECEIVED)"),
        added("clas_intervention_offered", FLAG, "Intervention offered (INTERVENTION_OFFERED)"),
        person="clas_person_id",
    ),
    table(
        "ssd_missing", "Episodes missing or away from placement without authorisation (903 missing).",
        ("miss_person_id", "miss_missing_episode_start_date", "miss_missing_episode_type"),
        ssd("miss_table_id", ID, "Row ID"),
        ssd("miss_person_id", ID, "Child's ID"),
        ssd("miss_missing_episode_start_date", DATE, "Start (MIS_START)"),
        ssd("miss_missing_episode_type", CODE, "M missing, A away without authorisation (MISSING)"),
        ssd("miss_missing_episode_end_date", DATE, "End (MIS_END)"),
        ssd("miss_missing_rhi_offered", FLAG, "Return home interview offered"),
        ssd("miss_missing_rhi_accepted", FLAG, "Return home interview accepted"),
        added("miss_missing_episode_start_time", DATETIME, "Start date and time, where the SSD's "
              "start (a datetime) has a time of day; the 903 gives dates only"),
        added("miss_missing_episode_end_time", DATETIME, "End date and time, where the SSD's end has a time of day"),
        person="miss_person_id",
    ),
    table(
        "ssd_care_leavers", "Care leavers: in touch, activity and accommodation around a birthday (903 OC3).",
        ("clea_person_id", "clea_care_leaver_birthday"),
        ssd("clea_table_id", ID, "Row ID"),
        ssd("clea_person_id", ID, "Young person's ID"),
        ssd("clea_care_leaver_eligibility", CODE, "Eligibility: Relevant, Former Relevant, Eligible, Qualifying"),
        ssd("clea_care_leaver_in_touch", CODE, "In touch YES, NO, DIED, REFU, NREQ, RHOM (IN_TOUCH)"),
        ssd("clea_care_leaver_latest_contact", DATE, "Latest contact date"),
        ssd("clea_care_leaver_accommodation", CODE, "Accommodation B1-Z2 (ACCOM; 1 suitable, 2 not)"),
        ssd("clea_care_leaver_accom_suitable", CODE, "Accommodation suitable: Suitable or Unsuitable"),
        ssd("clea_care_leaver_activity", CODE, "Activity F1-G6 (ACTIV)"),
        ssd("clea_pathway_plan_review_date", DATE, "Latest pathway plan review"),
        ssd("clea_care_leaver_personal_advisor", TEXT, "Personal adviser"),
        ssd("clea_care_leaver_allocated_team", TEXT, "Team"),
        ssd("clea_care_leaver_worker_id", ID, "Worker ID"),
        added("clea_care_leaver_birthday", DATE, "The birthday the information is about (for 903 OC3, the "
              "17th-21st birthday in the return's year)"),
        person="clea_person_id",
    ),
    table(
        "ssd_permanence", "Adoption and other permanence (903 AD1, placed_for_adoption; Annex A list 10).",
        ("perm_person_id", "perm_adm_decision_date"),
        ssd("perm_table_id", ID, "Row ID"),
        ssd("perm_person_id", ID, "Child's ID"),
        ssd("perm_cla_id", ID, "Period of care"),
        ssd("perm_adm_decision_date", DATE, "Decision that the child should be placed for adoption (DATE_PLACED, DATE_INT)"),
        ssd("perm_ffa_cp_decision_date", DATE, "Decision to place in fostering for adoption or concurrent planning"),
        ssd("perm_placement_order_date", DATE, "Placement order"),
        ssd("perm_placed_for_adoption_date", DATE, "Placed for adoption"),
        ssd("perm_matched_date", DATE, "Matched with prospective adopters (DATE_MATCH)"),
        ssd("perm_adopted_by_carer_flag", FLAG, "Adopted by foster carer (FOSTER_CARE)"),
        ssd("perm_placed_ffa_cp_date", DATE, "Placed in fostering for adoption or concurrent planning"),
        ssd("perm_decision_reversed_date", DATE, "Decision no longer to place for adoption (DATE_PLACED_CEASED)"),
        ssd("perm_placed_foster_carer_date", DATE, "Placed with foster carer"),
        ssd("perm_part_of_sibling_group", FLAG, "Part of a sibling group"),
        ssd("perm_siblings_placed_together", INT, "Siblings placed together"),
        ssd("perm_siblings_placed_apart", INT, "Siblings placed apart"),
        ssd("perm_placement_provider_urn", ID, "Adoption agency URN"),
        ssd("perm_decision_reversed_reason", CODE, "Reason RD1-RD4 (REASON_PLACED_CEASED)"),
        ssd("perm_permanence_order_date", DATE, "Adoption or special guardianship order date"),
        ssd("perm_permanence_order_type", CODE, "Order type"),
        ssd("perm_adoption_worker_id", ID, "Worker ID"),
        ssd("perm_adopter_sex", CODE, "Sex of adopters M1, F1, MM, FF, MF (SEX_ADOPTR)"),
        ssd("perm_adopter_legal_status", CODE, "Legal status of adopters L0-L4 (LS_ADOPTR)"),
        ssd("perm_number_of_adopters", INT, "Number of adopters (NB_ADOPTR)"),
        person="perm_person_id",
    ),
    table(
        "ssd_cla_previous_permanence", "Permanence before this period of care (903 previous_permanence).",
        ("lapp_person_id",),
        ssd("lapp_table_id", ID, "Row ID"),
        ssd("lapp_person_id", ID, "Child's ID"),
        ssd("lapp_previous_permanence_order_date", TEXT, "Order date as given; may be partial (zz/zz/2015)"),
        ssd("lapp_previous_permanence_option", CODE, "P1-P4 or Z1 (PREV_PERM)"),
        ssd("lapp_previous_permanence_la", TEXT, "LA that made the order (LA_PERM)"),
        person="lapp_person_id",
    ),
    table(
        "ssd_professionals", "Social workers and other professionals.", ("prof_professional_id",),
        ssd("prof_professional_id", ID, "Professional ID (903 SW_ID)"),
        ssd("prof_staff_id", ID, "Staff ID"),
        ssd("prof_professional_name", TEXT, "Name"),
        ssd("prof_social_worker_registration_no", ID, "Social Work England number"),
        ssd("prof_professional_job_title", TEXT, "Job title"),
        ssd("prof_professional_caseload", INT, "Caseload"),
        ssd("prof_professional_department", TEXT, "Team or organisation"),
        ssd("prof_full_time_equivalency", FLOAT, "FTE"),
        ssd("prof_agency_worker_flag", FLAG, "Agency worker"),
    ),
    table(
        "ssd_involvements", "Which professional worked with which child, when (903 social_worker).",
        ("invo_person_id", "invo_professional_id", "invo_involvement_start_date"),
        ssd("invo_involvements_id", ID, "Row ID"),
        ssd("invo_professional_id", ID, "Professional (SW_ID)"),
        ssd("invo_professional_role_id", CODE, "Role"),
        ssd("invo_professional_team", TEXT, "Team"),
        ssd("invo_involvement_start_date", DATE, "Start (SW_DECOM)"),
        ssd("invo_involvement_end_date", DATE, "End (SW_DEC)"),
        ssd("invo_worker_change_reason", CODE, "Reason for change of worker (SW_REASON)"),
        ssd("invo_person_id", ID, "Child's ID"),
        ssd("invo_referral_id", ID, "Referral"),
        person="invo_person_id",
    ),
    table(
        "ssd_deprivation_of_liberty", "Deprivation of Liberty Orders made for looked-after children "
        "(903 DoLo, from the 2026-27 return). Not an SSD table: added in its style.",
        ("dolo_person_id", "dolo_start_date"),
        added("dolo_person_id", ID, "Child's ID (CHILD)"),
        added("dolo_start_date", DATE, "The order's start (DOLO_START)"),
        added("dolo_end_date", DATE, "Its end, blank while it is in force (DOLO_END)"),
        person="dolo_person_id",
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


# Provenance and findings live in their own schema, apart from the SSD tables.
META_DDL = """
CREATE SCHEMA IF NOT EXISTS meta;
CREATE SEQUENCE IF NOT EXISTS meta.load_ids START 1;
CREATE SEQUENCE IF NOT EXISTS meta.file_ids START 1;
CREATE TABLE IF NOT EXISTS meta.loads (
    load_id INTEGER PRIMARY KEY,
    la VARCHAR,
    format VARCHAR NOT NULL,
    collection_year INTEGER,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    rows_read INTEGER,
    rows_loaded INTEGER,
    row_counts JSON,
    cscperf_version VARCHAR
);
CREATE TABLE IF NOT EXISTS meta.load_files (
    file_id INTEGER PRIMARY KEY,
    load_id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    size BIGINT NOT NULL,
    sha256 VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    part VARCHAR,
    collection_year INTEGER,
    rows_read INTEGER
);
CREATE TABLE IF NOT EXISTS meta.findings (
    load_id INTEGER NOT NULL,
    la VARCHAR,
    file VARCHAR NOT NULL,
    "table" VARCHAR,
    "row" INTEGER,
    "column" VARCHAR,
    value VARCHAR,
    rule VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    message VARCHAR NOT NULL
);
-- The child a finding is about, where a DfE rule names one (stores made before had no column).
ALTER TABLE meta.findings ADD COLUMN IF NOT EXISTS child VARCHAR;
CREATE TABLE IF NOT EXISTS meta.schema_version (version INTEGER);

-- Scorecards worked out when a load finished (compare/prepared.py): each authority's latest
-- period as members and as analysts see it (the scorecard's JSON), with the version of
-- everything it was made from; a kept one is used only while its version holds.
CREATE TABLE IF NOT EXISTS meta.prepared (
    la VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    internal BOOLEAN NOT NULL,
    version VARCHAR NOT NULL,
    prepared_at TIMESTAMP NOT NULL,
    scorecard VARCHAR NOT NULL
);

-- Coordinates of the postcodes in the store (ONS postcode directory), for placement distances.
CREATE TABLE IF NOT EXISTS meta.postcodes (
    postcode VARCHAR PRIMARY KEY, -- no spaces, upper case
    easting DOUBLE,
    northing DOUBLE,
    district VARCHAR -- ONS local authority district (LTLA) code, e.g. E07000026
);
"""


def table_ddl(t: Table) -> str:
    columns = [f"    {c.name} {c.type}" for c in t.columns + PROVENANCE]
    return f"CREATE TABLE IF NOT EXISTS {t.name} (\n" + ",\n".join(columns) + "\n);"


def ddl() -> str:
    """The whole store's DDL: SSD tables in `main`, provenance in `meta`."""
    return "\n".join([META_DDL, returns.DDL, *(table_ddl(t) for t in TABLES)])


def add_columns_ddl(existing: set[tuple[str, str]]) -> str:
    """Add to existing tables the columns added since they were made; `existing` holds the
    (table, column) pairs the store has."""
    return "\n".join(f"ALTER TABLE {t.name} ADD COLUMN {c.name} {c.type};"
                     for t in TABLES for c in t.columns + PROVENANCE if (t.name, c.name) not in existing)
