"""YAML loading that remembers where every value came from, for errors that name the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError


class Located(dict):
    """A mapping from YAML that knows the line of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    """A sequence from YAML that knows the line of each item."""

    line: int = 0
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    """Safe loader (no tags that run code) that records line numbers."""

    def __init__(self, stream: str, line_offset: int) -> None:
        super().__init__(stream)
        self.line_offset = line_offset

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Located:
        result = Located()
        result.line = node.start_mark.line + 1 + self.line_offset
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1 + self.line_offset
            if not isinstance(key, str):
                raise SourceError(self.name, line, f"key {key!r} must be text")
            if key in result:
                raise SourceError(self.name, line, f"key '{key}' appears twice; keep one")
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
        result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1 + self.line_offset
        result.item_lines = [child.start_mark.line + 1 + self.line_offset for child in node.value]
        return result


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)
# Dates stay text: the site prints them as written and JSON needs no conversion.
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 source file, or say which byte is not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(display, None, "file is missing; create it (see README, 'How to add a document')") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise SourceError(display, line, "is not UTF-8 text; save the file as UTF-8", column) from None


def load_yaml(text: str, display: str, line_offset: int = 0) -> Any:
    """Parse YAML text; syntax errors become one-line errors with line and column."""
    loader = _Loader(text, line_offset)
    loader.name = display
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = (err.problem or err.context or "invalid YAML").strip()
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        raise SourceError(display, line, f"YAML syntax error: {problem}; fix the syntax", column) from None
    except yaml.YAMLError as err:
        raise SourceError(display, None, f"YAML error: {err}") from None
    finally:
        loader.dispose()
