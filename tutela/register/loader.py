"""Reading register YAML files into the typed schema, keeping the line of every value.

Every problem is reported as ``file:line: message``, pointing at the line of the value at fault,
so the information-governance team can mend a register without reading a stack trace.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

# libyaml's C parser when PyYAML was built with it (the wheels are): several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"


@dataclass(frozen=True)
class Located:
    """Parsed YAML data with the line of each value, by its path from the root."""

    file: str
    data: Any
    lines: dict[Path_, int]

    def line(self, path: Path_) -> int:
        """The line of the value at ``path``, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def problem(self, path: Path_, message: str, severity: str = "error") -> Problem:
        return Problem(self.file, self.line(path), message, severity)


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _walk(value_node, (*path, str(key_node.value)), lines)
            lines[(*path, str(key_node.value))] = key_node.start_mark.line + 1
            if isinstance(value_node, yaml.SequenceNode | yaml.MappingNode):
                _walk_children(value_node, (*path, str(key_node.value)), lines)
    elif isinstance(node, yaml.SequenceNode):
        _walk_children(node, path, lines)


def _walk_children(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _walk(value_node, (*path, str(key_node.value)), lines)
            lines[(*path, str(key_node.value))] = key_node.start_mark.line + 1


def read_located(path: Path, display_name: str | None = None) -> tuple[Located | None, list[Problem]]:
    """Parse a YAML file; a syntax error is a Problem, not an exception."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        return None, [Problem(name, 1, f"cannot read the file: {error.strerror}")]
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 -- a safe loader, C or Python
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return None, [Problem(name, line, f"not valid YAML: {getattr(error, 'problem', error)}")]
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return Located(name, data, lines), []


def _message(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    if kind == "missing":
        return f"{where}: this field is required"
    if kind == "extra_forbidden":
        return f"{where}: unknown field (check its spelling against the schema)"
    return f"{where}: {error['msg'].removeprefix('Value error, ')}"


def validate_model(located: Located, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate parsed data against a schema model, placing each error on its line."""
    try:
        return model.model_validate(located.data), []
    except ValidationError as errors:
        return None, [located.problem(tuple(error["loc"]), _message(error)) for error in errors.errors()]
