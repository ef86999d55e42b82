"""Reading a YAML file an analyst edits (targets, commentary), so that every problem names the
file and line: the shape is checked by a pydantic model, and each error is traced back to the
line of the key it is about.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)
Lines = dict[tuple, int]  # key path ('cla', 'target') -> line number (1-based)


class FileError(ValueError):
    """A problem in an analyst's file; the message names the file and line of each problem."""

    def __init__(self, path: Path, problems: list[tuple[int | None, str]]):
        self.path = Path(path)
        self.problems = problems
        super().__init__("\n".join(where(path, line) + f": {message}" for line, message in problems))


def where(path: Path, line: int | None) -> str:
    return f"{Path(path).name} line {line}" if line else Path(path).name


def _lines(node: yaml.Node, path: tuple, found: Lines) -> None:
    found[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*path, key.value)
            _lines(value, child, found)
            found[child] = key.start_mark.line + 1  # a key's problems are reported at the key
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*path, index), found)


def line_of(lines: Lines, location: tuple) -> int | None:
    """The line of the longest known prefix of `location`."""
    for end in range(len(location), -1, -1):
        if tuple(location[:end]) in lines:
            return lines[tuple(location[:end])]
    return None


def read(path: Path, model: type[Model], text: str | None = None) -> tuple[Model, Lines]:
    """The file checked against `model`, and the line of every key in it; `text`, when given,
    is checked as the file's new content (an edit not yet saved), its problems named by `path`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8") if text is None else text
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except OSError as error:
        raise FileError(path, [(None, f"cannot be read: {error.strerror}")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        context = getattr(error, "context_mark", None)
        started = f" ({error.context} on line {context.line + 1})" if context and error.context else ""
        raise FileError(path, [(mark.line + 1 if mark else None,
                                f"is not valid YAML: {getattr(error, 'problem', error)}{started}")]) from None
    lines: Lines = {}
    if node is not None:
        _lines(node, (), lines)
    try:
        return model.model_validate(data if data is not None else {}), lines
    except ValidationError as error:
        problems = []
        for e in error.errors():
            # RootModel locations start with 'root'-less keys; drop pydantic's own markers
            location = tuple(part for part in e["loc"] if part not in ("root", "__root__"))
            key = ".".join(str(p) for p in location)
            problems.append((line_of(lines, location), f"{key + ': ' if key else ''}{e['msg']}"))
        raise FileError(path, problems) from None


def write(path: Path, text: str) -> None:
    """Replace the file with `text` atomically: written beside it, flushed to disk, then renamed
    over it, so a reader sees the old file or the new, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
