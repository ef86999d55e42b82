"""Words members understand: why a figure is missing, in a plain sentence, and the glossary every
member output ends with. No store table, column or SQL reaches a member this way."""

from __future__ import annotations

import re

from cscperf.store.schema import TABLES

_DESCRIPTIONS = {t.name: t.description.split(".")[0].split(" (")[0].lower() for t in TABLES}


def reason(text: str | None) -> str | None:
    """The engine's reason for a missing figure, as a sentence a member can read.

    'not recorded: this authority has no ssd_cla_health (clah_health_check_type = ...) data' ->
    'Not recorded: no health assessments and dental checks have been loaded for this authority, and
    this figure is counted from them.'
    """
    if not text:
        return text
    if text.startswith("not recorded"):
        tables = [t for t in re.findall(r"\b(ssd_\w+|calc\.\w+)", text)]
        named = [_DESCRIPTIONS[t] for t in dict.fromkeys(t.split(".")[0] for t in tables) if t in _DESCRIPTIONS]
        if "calc.authority_districts" in tables:
            named.append("the authority's districts (its postcodes)")
        what = " or ".join(named) or "the records it is counted from"
        return (f"Not recorded: the data loaded for this authority holds no {what}, "
                "which this figure is counted from.")
    if text.startswith("needs a period of at least"):
        return f"Only worked out over {text.removeprefix('needs a period of at least ')} or more."
    if text.startswith("no population estimate"):
        return ("No child population estimate has been imported for this period, so the rate per "
                "10,000 children cannot be worked out.")
    if text.startswith("not imported: get "):
        where = text.removeprefix("not imported: get ").split(" (`cscperf")[0]
        return f"Not available: this figure is taken from {where}, which has not been imported."
    if text.startswith("denominator is 0"):
        return "None this period: there was no one to count it over."
    return text[0].upper() + text[1:]


def ids_named(text: str, titles: dict[str, str]) -> str:
    """A definition's mentions of other indicators by id ('as cp_plans') by their titles instead."""
    return re.sub(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b",
                  lambda m: f"'{titles[m.group(0)].lower()}'" if m.group(0) in titles else m.group(0), text)


# A short glossary for the back of every member output, in alphabetical order.
GLOSSARY = (
    ("95% interval", "The range the true figure very probably lies in, allowing for chance with small "
                     "numbers. Where England's or similar councils' figure lies outside it, we say "
                     "'significantly' better or worse."),
    ("Child in need", "A child whose health or development needs services from the council "
                      "(Children Act 1989, section 17)."),
    ("Child protection plan", "A plan for a child judged at a conference to be at risk of significant harm."),
    ("Control limits", "The range a quarter's figure normally falls in, worked out from the quarters "
                       "before it. Inside them, a change is within normal variation."),
    ("Looked-after child", "A child in the council's care, under a court order or by agreement with "
                           "the parents (section 20)."),
    ("Per 10,000 children", "A rate that compares councils of different sizes: the number for every "
                            "10,000 children aged under 18 living in the area."),
    ("Percentage point", "The difference between two percentages: from 80% to 85% is 5 percentage points."),
    ("Quartile", "A quarter of all councils in England, ranked by their published figure. Quartile A is "
                 "the best quarter, D the worst."),
    ("RAG rating", "Red, amber or green against the council's own target: green meets it, amber is "
                   "close, red does not meet it."),
    ("Re-referral", "A referral within 12 months of a previous referral for the same child."),
    ("Section 20", "Care agreed with the parents, without a court order (Children Act 1989, section 20)."),
    ("Section 47 enquiry", "An investigation when there is reason to suspect a child is suffering, or "
                           "likely to suffer, significant harm (Children Act 1989, section 47)."),
    ("Similar councils (statistical neighbours)", "The ten councils the Department for Education judges "
                                                  "most like this one; we compare with the average of "
                                                  "their published figures."),
    ("Suppressed", "A small number, or a figure a small number could be worked out from, not "
                       "shown so that no child can be identified."),
    ("UASC", "Unaccompanied asylum-seeking children: children seeking asylum in the UK without a "
             "parent or carer."),
    ("Within normal variation", "A change no bigger than chance alone would often give with numbers "
                                "this size."),
)
