"""Rows printed for a person at a terminal (`--format table`), readable at any width down to 80
columns: no value is ever cut short (an indicator id, a file name, a rule), and long text (a
reason, a message, a definition) goes on its own lines under its row.

When the short columns fit the width, they are a table, one row a line; when they do not, each row
is a small record: its first value on a line of its own, then each other value with its name.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterable, Sequence

GAP = "  "
INDENT = "    "


def width() -> int:
    """The terminal's width ($COLUMNS when set), at least 40."""
    return max(shutil.get_terminal_size((100, 24)).columns, 40)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _wrapped(label: str, text: str, columns: int) -> list[str]:
    return textwrap.wrap(text, columns, initial_indent=INDENT + label, subsequent_indent=INDENT,
                         break_long_words=False, break_on_hyphens=False) or [INDENT + label]


def lines(header: Sequence[str], rows: Iterable[Sequence[object]], long: Iterable[str] = (),
          title: str | None = None, columns: int | None = None) -> list[str]:
    """The rows as lines of at most `columns` characters (a value longer than the width, such as
    a long file name, is the only thing that may run past it). Three layouts, the first that fits:
    a table; the first column on a line of its own with the others as a table under it; records
    of `name: value` lines."""
    columns = columns or width()
    long = [h for h in header if h in set(long)]
    short = [h for h in header if h not in long]
    records = [dict(zip(header, (_text(v) for v in row))) for row in rows]
    sizes = {h: max([len(h), *(len(r[h]) for r in records)]) for h in short}

    def fits(names: Sequence[str], room: int) -> bool:
        return sum(sizes[h] for h in names) + len(GAP) * (len(names) - 1) <= room

    def line(record: dict, names: Sequence[str], indent: str = "") -> str:
        return (indent + GAP.join(record[h].ljust(sizes[h]) for h in names)).rstrip()

    if fits(short, columns):  # a table
        first, tabled = [], short
    elif fits(short[1:], columns - len(INDENT)):  # the first column above the others
        first, tabled = short[:1], short[1:]
    else:  # records
        first, tabled = short[:1], []
    labelled = [h for h in short if h not in first and h not in tabled]
    indent = INDENT if first else ""
    out = [*textwrap.wrap(title, columns), ""] if title else []
    if tabled:
        out += first + [line(dict(zip(tabled, tabled)), tabled, indent),
                        line({h: "-" * sizes[h] for h in tabled}, tabled, indent)]
    for record in records:
        out += [record[h] for h in first]
        if tabled:
            out.append(line(record, tabled, indent))
        out += [text for h in labelled if record[h] for text in _wrapped(f"{h}: ", record[h], columns)]
        unnamed = bool(tabled) and len(long) == 1  # under its row, a lone reason needs no name
        out += [text for h in long if record[h]
                for text in _wrapped("" if unnamed else f"{h}: ", record[h], columns)]
        if first:
            out.append("")
    if not records:
        out.append("(none)")
    return out


def paragraphs(texts: Iterable[str], columns: int | None = None) -> list[str]:
    """Lines of prose (a summary under a table) wrapped to the width, each one's continuation
    indented under its start, so a long message does not run past the edge."""
    columns = columns or width()
    out = []
    for text in texts:
        lead = text[:len(text) - len(text.lstrip())]
        out += textwrap.wrap(text, columns, subsequent_indent=lead + INDENT, break_long_words=False,
                             break_on_hyphens=False) or [""]
    return out
