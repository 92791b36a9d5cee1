"""YAML loading that remembers where every value came from, for errors that name the line."""

from __future__ import annotations

import re
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
                raise SourceError(
                    self.name, line, f"key '{key}' appears twice (first on line {result.key_lines[key]}); keep one"
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
        result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1 + self.line_offset
        result.item_lines = [child.start_mark.line + 1 + self.line_offset for child in node.value]
        return result


if hasattr(yaml, "CSafeLoader"):

    class _FastLoader(yaml.CSafeLoader):
        """The same constructors over libyaml's parser, several times faster on the registries.

        Its syntax errors are worded differently, so a file it refuses is read again by the
        pure-Python loader, whose errors `_explain` turns into advice.
        """

        def __init__(self, stream: str, line_offset: int) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            self.line_offset = line_offset

        construct_mapping = _Loader.construct_mapping
        construct_sequence = _Loader.construct_sequence
else:
    _FastLoader = _Loader

for _cls in {_Loader, _FastLoader}:
    _cls.add_constructor("tag:yaml.org,2002:map", _cls.construct_mapping)
    _cls.add_constructor("tag:yaml.org,2002:seq", _cls.construct_sequence)
    # Dates stay text: the site prints them as written and JSON needs no conversion.
    _cls.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 source file (a byte-order mark is allowed), or say which byte is not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(
            display, None, "the file is missing; create it (see README, 'How to add a document')"
        ) from None
    except IsADirectoryError:
        raise SourceError(display, None, "is a folder, not a file; replace it with the file") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        line = data[: err.start].count(b"\n") + 1
        column = len(data[line_start : err.start].decode("utf-8-sig", errors="replace")) + 1
        raise SourceError(
            display,
            line,
            f"byte 0x{data[err.start]:02X} is not UTF-8 text; save the file with the UTF-8 encoding",
            column,
        ) from None


def _explain(err: yaml.MarkedYAMLError, text: str) -> tuple[int | None, int | None, str]:
    """The place (0-based line and column) and a plain-words reading of a PyYAML error, with the fix."""
    problem = (err.problem or "").strip()
    context = (err.context or "").strip()
    mark = err.problem_mark or err.context_mark
    if "quoted scalar" in context and err.context_mark is not None:
        mark, explanation = err.context_mark, "quoted text is not closed; add the closing quote"
    elif context.startswith("while parsing a flow sequence") and err.context_mark is not None:
        mark = err.context_mark
        explanation = "list opened with '[' is not closed; add ']' (put text containing ',' or ':' in quotes)"
    elif context.startswith("while parsing a flow mapping") and err.context_mark is not None:
        mark = err.context_mark
        explanation = "mapping opened with '{' is not closed; add '}' (put text containing ',' or ':' in quotes)"
    elif problem == "mapping values are not allowed here" and mark is not None:
        lines = text.splitlines()
        before = lines[mark.line][: mark.column] if mark.line < len(lines) else ""
        if re.fullmatch(r"\s+-?\s*[\w-]+", before):
            # 'key:' alone on a line indented deeper than the key above it: YAML reads it as
            # the continuation of the value above, and then trips on the colon.
            key = before.strip(" -")
            return (
                mark.line,
                len(before) - len(key),
                (f"key '{key}' is indented deeper than the lines above; align it with its siblings"),
            )
        explanation = "a ': ' inside a value; put the whole value in quotes"
    elif "'\\t'" in problem or "'\t'" in problem:
        explanation = "a tab character; indent with spaces"
    elif problem.startswith("could not determine a constructor for the tag"):
        tag = problem.rsplit(" ", 1)[-1]
        explanation = f"the tag {tag} is not allowed; remove it, or put the value in quotes"
    elif problem.startswith(("expected <block end>", "expected <block mapping start>")):
        explanation = "this line's indentation does not fit the lines above; align it with its siblings"
    elif problem.startswith("found character") and "cannot start any token" in problem:
        explanation = f"{problem.removeprefix('found ')}; put the value in quotes"
    else:
        explanation = f"{problem or context or 'invalid YAML'}; fix the YAML syntax"
    return (mark.line, mark.column, explanation) if mark else (None, None, explanation)


def load_yaml(text: str, display: str, line_offset: int = 0) -> Any:
    """Parse YAML text; syntax errors become one-line errors with line and column."""
    fast = _FastLoader(text, line_offset)
    fast.name = display
    try:
        return fast.get_single_data()
    except yaml.YAMLError:
        pass  # worded below by the pure-Python loader
    finally:
        fast.dispose()
    loader = _Loader(text, line_offset)
    loader.name = display
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        line0, column0, explanation = _explain(err, text)
        line = line0 + 1 + line_offset if line0 is not None else None
        column = column0 + 1 if column0 is not None else None
        raise SourceError(display, line, f"YAML syntax error: {explanation}", column) from None
    except yaml.YAMLError as err:
        raise SourceError(display, None, f"YAML error: {' '.join(str(err).split())}; fix the YAML syntax") from None
    finally:
        loader.dispose()
