"""Reading GOV.UK-style form fields, with the error messages the Design System recommends."""

from __future__ import annotations

from datetime import date


def text(form, name: str) -> str:
    return str(form.get(name, "")).strip()


def date_field(form, name: str, label: str, errors: dict, required: bool = True) -> date | None:
    """A date from the three boxes of a GOV.UK date input (NAME-day, NAME-month, NAME-year)."""
    parts = [text(form, f"{name}-{part}") for part in ("day", "month", "year")]
    if not any(parts):
        if required:
            errors[name] = f"Enter the {label}"
        return None
    try:
        day, month, year = (int(p) for p in parts)
        if year < 1000:
            raise ValueError
        return date(year, month, day)
    except ValueError:
        errors[name] = f"The {label} must be a real date, like 27 3 2025"
        return None


def date_parts(form, name: str, value: date | None = None) -> dict:
    """The three boxes' contents to show again: what was typed, else the stored date."""
    if form is not None:
        return {part: text(form, f"{name}-{part}") for part in ("day", "month", "year")}
    if value is None:
        return {"day": "", "month": "", "year": ""}
    return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
