"""The web application's settings, read once from `cscperf.settings` (tests pass overrides)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from cscperf import settings
from cscperf.appdb.throttle import Limits
from cscperf.outputs.web.oidc import Provider

GOVUK_FRONTEND = Path("node_modules/govuk-frontend/dist/govuk")


@dataclass(frozen=True)
class WebConfig:
    session_lifetime: timedelta
    session_idle: timedelta
    limits: Limits
    upload_max_bytes: int
    trusted_proxies: tuple[str, ...]
    results_kept: int
    assets: Path
    oidc: Provider | None

    values: dict  # every setting in force, by name, for the administrators' settings page

    @classmethod
    def from_settings(cls, **overrides) -> WebConfig:
        unknown = set(overrides) - {s.name for s in settings.SETTINGS}
        if unknown:
            raise KeyError(f"no such setting: {', '.join(sorted(unknown))}")
        values = {s.name: overrides.get(s.name, settings.get(s.name)) for s in settings.SETTINGS}
        value = values.__getitem__

        provider = None
        if value("oidc_issuer"):
            provider = Provider(value("oidc_issuer"), value("oidc_client_id"), value("oidc_client_secret"),
                                value("oidc_username_claim"), value("oidc_provider_name"))
        return cls(
            session_lifetime=timedelta(hours=value("session_hours")),
            session_idle=timedelta(minutes=value("session_idle_minutes")),
            limits=Limits(value("sign_in_attempts"), value("sign_in_attempts_per_address"),
                          timedelta(minutes=value("lockout_minutes"))),
            upload_max_bytes=value("upload_max_mb") * 1024 * 1024,
            trusted_proxies=trusted_proxies(value("trusted_proxies")),
            results_kept=value("results_kept"),
            assets=find_assets(value("assets")),
            oidc=provider,
            values=values,
        )


def trusted_proxies(configured: str) -> tuple[str, ...]:
    """The reverse proxies' addresses or networks; each must be one ('*' would let any client say
    where it is, and so slip past the sign-in limits per address)."""
    found = tuple(part.strip() for part in configured.split(",") if part.strip())
    for entry in found:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ValueError(f"trusted_proxies: {entry!r} is not an IP address or network "
                             "(like 10.0.0.5 or 10.0.0.0/8)") from None
    return found


def find_assets(configured: str) -> Path:
    """GOV.UK Frontend's built files: as configured, else node_modules in the working folder or
    beside the source tree (installed by `npm ci`, which ./dev runs)."""
    candidates = [Path(configured)] if configured else [
        base / GOVUK_FRONTEND for base in (Path.cwd(), *Path(__file__).resolve().parents)]
    for candidate in candidates:
        if (candidate / "govuk-frontend.min.css").is_file():
            return candidate
    raise FileNotFoundError("GOV.UK Frontend is not installed: run `npm ci` in the cscperf folder "
                            "(./dev does), or set CSCPERF_ASSETS to its dist/govuk folder")
