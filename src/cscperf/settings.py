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
    Setting("reference_mirror", "", "Base URL of a copy of the reference folder to download from instead"),
    Setting("suppress_below", 5, "In member-facing outputs, counts from 1 to this minus one are suppressed"),
)


def get(name: str):
    for setting in SETTINGS:
        if setting.name == name:
            raw = os.environ.get(setting.env)
            if raw is None:
                return setting.default
            return type(setting.default)(raw) if setting.default is not None else raw
    raise KeyError(name)
