"""The DfE's validation rules for the SSDA903 and CIN census returns, by their own codes.

Each rule is declared in a YAML file of its group (`ssda903/*.yaml`, `cin_census/*.yaml`; the
shapes a declaration may take are in `declare.py`) and checked by `run.check` over the returns as
submitted. docs/validation.md lists every rule and how to add one.
"""

from cscperf.quality.rules.declare import Rule, list_year, registry
from cscperf.quality.rules.run import Breach, Outcome, check

__all__ = ["Breach", "Outcome", "Rule", "check", "list_year", "registry"]
