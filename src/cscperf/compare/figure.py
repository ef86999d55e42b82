"""One computed figure as every output shows it: an indicator's value for a period (and group),
with its numerator and denominator, after small-number suppression.

A withheld part is None and named in `suppressed`, so no output can show what was withheld.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import re
import types
import typing
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

MARK = "[c]"  # the Government Statistical Service symbol for a figure withheld to protect confidentiality


def help_text(text: str) -> dict:
    """Field metadata: the help text the contract's docs and tests read."""
    return {"help": text}


def contract_fields(cls, nested: tuple[type, ...], prefix: str = "") -> list[tuple[str, str]]:
    """(field path, help) for every field of dataclass `cls`, and of the `nested` dataclasses its
    fields hold: what docs list and tests check."""
    found = []
    for f in dataclasses.fields(cls):
        found.append((prefix + f.name, f.metadata.get("help", "")))
        for inner in nested:
            if inner is not cls and re.search(rf"\b{inner.__name__}\b", str(f.type)):
                found += contract_fields(inner, nested, f"{prefix}{f.name}.")
    return found


def revive(kind, value):
    """A contract's value back from its plain form (the JSON `to_dict` gives): dataclasses from
    dicts, tuples from lists and enums from their values, by the fields' declared types."""
    if value is None:
        return None
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in args if a is not type(None)]
        return revive(kinds[0], value) if len(kinds) == 1 else value  # int | float: as it is
    if origin is tuple:
        return tuple(revive(args[0], v) for v in value)
    if dataclasses.is_dataclass(kind):
        return kind(**{name: revive(hint, value[name]) for name, hint in _fields(kind)})
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    return value


@functools.cache
def _fields(kind: type) -> tuple[tuple[str, object], ...]:
    """A dataclass's fields with their declared types (worked out once: it reads the annotations)."""
    hints = typing.get_type_hints(kind)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(kind))


def number(value, decimals: int | None = None) -> int | float | None:
    """An exact engine number (int or Decimal) as JSON-friendly int or float, rounded half up to
    `decimals` places when given."""
    if value is None:
        return None
    exact = Decimal(str(value))
    if decimals is not None:
        exact = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return int(exact) if exact == exact.to_integral_value() and (decimals or 0) == 0 else float(exact)


def written(value, decimals: int, suffix: str = "") -> str:
    """A plain number (a target, a published figure) as text, '-' when there is none."""
    return "-" if value is None else f"{value:,.{decimals}f}{suffix}"


PARTS = ("value", "numerator", "denominator")


@dataclass(frozen=True)
class Figure:
    """An indicator's figure for one period (and one group, when broken down)."""

    period: str = field(metadata=help_text("The period as written: 2024-25:Q4, 2025-03, 12m:2025-03, 2024-25"))
    label: str = field(metadata=help_text("The period in words: 'Quarter 4 2024-25 (January to March 2025)'"))
    start: str = field(metadata=help_text("First day counted (ISO date)"))
    end: str = field(metadata=help_text("Last day counted; snapshot figures are taken on it (ISO date)"))
    value: int | float | None = field(metadata=help_text(
        "The value as shown (rounded); None when withheld or not computable"))
    numerator: int | float | None = field(default=None, metadata=help_text(
        "Children or events counted (for an average, the total averaged); None when withheld"))
    denominator: int | None = field(default=None, metadata=help_text(
        "Children or events the percentage or average is of; for a rate, the child population"))
    reason: str | None = field(default=None, metadata=help_text("Why there is no value, when not withheld"))
    suppressed: tuple[str, ...] = field(default=(), metadata=help_text(
        "Parts withheld as small numbers (value, numerator, denominator); shown as [c]"))
    group: str | None = field(default=None, metadata=help_text("The breakdown group, when broken down"))
    note: str | None = field(default=None, metadata=help_text(
        "For a published figure (not counted from the authority's data), the year it was published for"))
    history: str | None = field(default=None, metadata=help_text(
        "Set when the figure needs records from before the store's history begins: why. It is shown "
        "beside the figure, and the figure is not rated or narrated"))

    def withhold(self, *parts: str) -> Figure:
        new = tuple(p for p in PARTS if p in parts and p not in self.suppressed)
        if not new:
            return self
        return replace(self, suppressed=tuple(p for p in PARTS if p in self.suppressed or p in new),
                       **{p: None for p in new})

    def withheld(self, part: str = "value") -> bool:
        return part in self.suppressed

    def shown(self, part: str, decimals: int = 0, suffix: str = "") -> str:
        """The part as text: the number with thousands separators, [c] when withheld, and '-'
        (with the reason kept elsewhere) when not computable."""
        if part in self.suppressed:
            return MARK
        value = getattr(self, part)
        if value is None:
            return "-"
        places = decimals if part == "value" else (0 if float(value).is_integer() else decimals)
        return f"{value:,.{places}f}{suffix}"
