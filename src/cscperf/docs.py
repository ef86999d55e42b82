"""docs/cli.md and docs/settings.md, written by cog from the code: every command's `--help` as a
user sees it, and the SETTINGS list. `cog -r docs/cli.md docs/settings.md` rewrites both; tests
fail when either is out of date, so a new command or setting is documented by rerunning it."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from cscperf.cli import app
from cscperf.settings import SETTINGS

# Help is laid out for the terminal (at most 80 columns); the doc must not depend on the one it
# was built in.
WIDTH = 80


def commands(group=None, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every visible command and command group, as the words after `cscperf`, in listing order."""
    group = group or typer.main.get_command(app)
    context = group.context_class(group)
    found = []
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None or command.hidden:
            continue
        found.append((*path, name))
        if hasattr(command, "list_commands"):  # a group (typer's own click, so no isinstance)
            found += commands(command, (*path, name))
    return found


def help_text(path: tuple[str, ...]) -> str:
    """`cscperf ... --help` as printed, without colour or trailing spaces."""
    result = CliRunner().invoke(app, [*path, "--help"], prog_name="cscperf",
                                env={"COLUMNS": str(WIDTH)})
    if result.exit_code != 0:
        raise RuntimeError(f"cscperf {' '.join(path)} --help failed: {result.output}")
    return "\n".join(line.rstrip() for line in result.output.splitlines()).strip("\n")


def cli_markdown() -> str:
    lines = []
    for path in [(), *commands()]:
        lines += [f"## cscperf {' '.join(path)}".rstrip(), "", "```text", help_text(path), "```", ""]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def settings_markdown() -> str:
    lines = ["| setting | environment variable | default | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        default = f"`{s.default}`" if s.default != "" else "(empty)"
        lines.append(f"| `{s.name}` | `{s.env}` | {_cell(default)} | {_cell(s.help)} |")
    return "\n".join(lines) + "\n"
