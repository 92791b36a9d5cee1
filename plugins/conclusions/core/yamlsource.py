"""YAML loading that remembers where every value came from, for errors that name the line."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .errors import SourceError, shown
from .limits import MAX_ALIAS_VALUES, MAX_YAML_DEPTH, MAX_YAML_INTEGER_DIGITS


class Located(dict[Any, Any]):
    """A mapping from YAML that knows the line of each of its keys (text: the loader refuses others)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of `key`, or the mapping's own when it lacks the key."""
        return self.key_lines.get(key, self.line)


class LocatedList(list[Any]):
    """A sequence from YAML that knows the line of each item."""

    line: int = 0
    item_lines: list[int]


class _LineConstructors(yaml.constructor.SafeConstructor):
    """The safe constructors (no tags that run code), recording line numbers; the base of both
    loaders."""

    name: str
    line_offset: int
    aliased: bool = True
    """Whether the text may hold aliases (a '*'): then they are counted before anything is built."""
    depth: int = 0

    def _deeper(self, node: yaml.Node) -> None:
        # PyYAML's constructors recurse once per level: counted here, refused well before Python's limit.
        self.depth += 1
        if self.depth > MAX_YAML_DEPTH:
            mark = node.start_mark
            raise SourceError(self.name, mark.line + 1 + self.line_offset, _TOO_DEEP, mark.column + 1)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Located:
        self._deeper(node)
        try:
            return self._mapping(node)
        finally:
            self.depth -= 1

    def _mapping(self, node: yaml.MappingNode) -> Located:
        result = Located()
        result.line = node.start_mark.line + 1 + self.line_offset
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1 + self.line_offset
            if not isinstance(key, str):
                raise SourceError(self.name, line, f"key {shown(key)} must be text")
            if key in result:
                raise SourceError(
                    self.name, line, f"key {shown(key)} appears twice (first on line {result.key_lines[key]}); keep one"
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
        self._deeper(node)
        try:
            result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        finally:
            self.depth -= 1
        result.line = node.start_mark.line + 1 + self.line_offset
        result.item_lines = [child.start_mark.line + 1 + self.line_offset for child in node.value]
        return result

    def construct_document(self, node: yaml.Node) -> Any:
        # Checked on the composed nodes, before anything is built from them: PyYAML builds
        # what aliases repeat as often as they repeat it.
        if self.aliased:
            _check_aliases(node, self.name, self.line_offset)
        return super().construct_document(node)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = sum(ch.isdigit() for ch in node.value)
        if digits > MAX_YAML_INTEGER_DIGITS:
            mark = node.start_mark
            raise SourceError(
                self.name,
                mark.line + 1 + self.line_offset,
                f"a number of {digits:,} digits, more than {MAX_YAML_INTEGER_DIGITS}; put it in quotes if it is text",
                mark.column + 1,
            )
        value: int = super().construct_yaml_int(node)
        return value

    def construct_scalar(self, node: yaml.ScalarNode | yaml.MappingNode) -> str:
        # Escapes in double quotes ("\r", "\0", "\u202E") make characters the file itself may
        # not hold: the value is checked as the file was (see `text_problem`).
        value = yaml.constructor.SafeConstructor.construct_scalar(self, node)
        if isinstance(value, str) and (problem := text_problem(value, in_file=False)):
            mark = node.start_mark
            raise SourceError(self.name, mark.line + 1 + self.line_offset, problem[1], mark.column + 1)
        return value


class _Loader(_LineConstructors, yaml.SafeLoader):
    """The pure-Python loader, whose syntax errors `_explain` turns into advice."""

    def __init__(self, stream: str, line_offset: int) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self.line_offset = line_offset


if hasattr(yaml, "CSafeLoader"):

    class _FastLoader(_LineConstructors, yaml.CSafeLoader):
        """The same constructors over libyaml's parser, several times faster on the registries.

        Its syntax errors are worded differently, so a file it refuses is read again by the
        pure-Python loader, whose errors `_explain` turns into advice.
        """

        def __init__(self, stream: str, line_offset: int) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            self.line_offset = line_offset

else:  # PyYAML built without libyaml
    _FastLoader = _Loader  # type: ignore[misc,assignment]


_C = TypeVar("_C", bound=_LineConstructors)
_TOO_DEEP = (
    f"lists and mappings are nested more than {MAX_YAML_DEPTH} levels deep here; "
    "the files of a site need a few levels: flatten the YAML"
)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_aliases(root: yaml.Node, name: str, line_offset: int) -> None:
    """Refuse a YAML document whose aliases repeat their anchored values into more than
    `MAX_ALIAS_VALUES` values, or name a value they are in.

    An alias is the anchored node itself, met again: each node's size (as values, aliases
    expanded) is counted once, walking the nodes without recursion.
    """
    size: dict[int, int] = {}
    met: dict[int, int] = {}
    """How often each node is reached from its parents: an anchored node that aliases repeat, more than once."""
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        kids = _children(node)
        if done:
            size[key] = 1 + sum(size[id(k)] for k in kids)
            open_nodes.discard(key)
            continue
        met[key] = met.get(key, 0) + 1
        if key in size:
            continue
        if key in open_nodes:
            mark = node.start_mark
            raise SourceError(
                name,
                mark.line + 1 + line_offset,
                "an alias (*name) inside the value it names; write the value out",
                mark.column + 1,
            )
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((kid, False) for kid in reversed(kids))
    added = size[id(root)] - len(size)
    if added > MAX_ALIAS_VALUES:
        repeated = [node for node in _all_nodes(root) if met[id(node)] > 1 and _children(node)]
        mark = min(repeated, key=lambda n: (n.start_mark.line, n.start_mark.column)).start_mark
        raise SourceError(
            name,
            mark.line + 1 + line_offset,
            f"aliases (*name) repeat the value anchored here into {added:,} more values, more than "
            f"{MAX_ALIAS_VALUES:,}; write the values out instead",
            mark.column + 1,
        )


def _all_nodes(root: yaml.Node) -> list[yaml.Node]:
    """Every node once, without recursion."""
    seen: dict[int, yaml.Node] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen[id(node)] = node
            stack.extend(_children(node))
    return list(seen.values())


def _mapping(loader: _C, node: yaml.Node) -> Located:
    assert isinstance(node, yaml.MappingNode)
    return loader.construct_mapping(node)


def _sequence(loader: _C, node: yaml.Node) -> LocatedList:
    assert isinstance(node, yaml.SequenceNode)
    return loader.construct_sequence(node)


def _text(loader: _C, node: yaml.Node) -> str:
    # Dates stay text: the site prints them as written and JSON needs no conversion.
    assert isinstance(node, yaml.ScalarNode)
    return loader.construct_scalar(node)


def _integer(loader: _C, node: yaml.Node) -> int:
    assert isinstance(node, yaml.ScalarNode)
    return loader.construct_yaml_int(node)


for _tag, _constructor in (
    ("tag:yaml.org,2002:int", _integer),
    ("tag:yaml.org,2002:map", _mapping),
    ("tag:yaml.org,2002:seq", _sequence),
    ("tag:yaml.org,2002:timestamp", _text),
):
    _Loader.add_constructor(_tag, _constructor)
    _FastLoader.add_constructor(_tag, _constructor)


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
        text = data.decode("utf-8-sig")
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
    # Windows line ends are line ends; from here on a line ends at "\n" and nowhere else.
    text = text.replace("\r\n", "\n")
    if problem := text_problem(text):
        offset, message = problem
        line_start = text.rfind("\n", 0, offset) + 1
        raise SourceError(display, text.count("\n", 0, offset) + 1, message, offset - line_start + 1)
    return text


# Characters the text may not hold: control characters other than newline and tab (NUL, a
# carriage return not followed by a newline, form feed, NEL, ...), and the line and paragraph
# separators. Python's str.splitlines() and YAML break lines at some of them where editors show
# none, so line numbers would go wrong; Markdown reads "\r" as a line break; none of them is
# visible text. Tab stays: YAML reports a tab where it cannot be, and elsewhere it is a space.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_NAMES = {
    "\x00": "NUL",
    "\x08": "backspace",
    "\r": "carriage return",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x1b": "escape",
    "\x7f": "delete",
    "\x85": "next line, NEL",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}
# Bidirectional embeddings and overrides (closed by PDF) and isolates (closed by PDI): one
# left open reorders the text after it on screen ("Trojan Source"), so each must be closed,
# in order, on the line that opens it.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# The other format characters (Unicode's category Cf): zero-width spaces and joiners, the word
# joiner, a byte-order mark inside the text, soft hyphens, directional marks, tags. None is
# seen, yet each inside a word changes what is matched: "INVI\u200dTES" is no operative verb,
# "Commis\u200bsion" no actor. Refused rather than dropped, so that the text on the site is the
# file's. `site_tests/unit/test_invisible.py` holds this list against Python's own Unicode data.
INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2060-\u2064"
    "\u206a-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_PDF, _PDI = "\u202c", "\u2069"


def _char(ch: str) -> str:
    return f"U+{ord(ch):04X} ({_NAMES.get(ch) or unicodedata.name(ch, 'control character')})"


def line_problem(value: str) -> str | None:
    """What keeps `value`, one line of text given elsewhere than in a source file (an option of
    the command or of the plugin), from being text a page may carry; None if nothing."""
    if "\n" in value or "\r" in value:
        return "it holds a line break; give it on one line"
    problem = text_problem(value, in_file=False, here="")
    return problem[1] if problem else None


def text_problem(text: str, in_file: bool = True, here: str | None = None) -> tuple[int, str] | None:
    """The offset of the first character the text may not hold, and what to do about it; None if clean.

    `in_file`: `text` is a whole file (with its line ends), not one value read from it.
    `here`: how the message names where the text is, after the character (default: nothing for
    a file, "in this value (written with an escape)" for a value).
    """
    if here is None:
        here = "" if in_file else " in this value (written with an escape)"
    if found := _FORBIDDEN.search(text):
        ch = found.group()
        if ch == "\r" and in_file:
            message = (
                "a carriage return (U+000D) without a line feed after it; end lines with LF or CRLF "
                "(save the file again with one of them)"
            )
        elif ch in "\u2028\u2029":
            message = (
                f"the character {_char(ch)}{here} breaks lines that editors show unbroken; replace it with a space"
            )
        else:
            message = f"the control character {_char(ch)}{here} is not text; remove it"
        return found.start(), message
    if found := INVISIBLE.search(text):
        return found.start(), (
            f"the invisible character {_char(found.group())}{here} hides inside the text and changes what "
            "it matches (an operative verb, a name); remove it"
        )
    if not _BIDI.search(text):
        return None
    line_start = 0
    for line in text.split("\n"):
        opened: list[tuple[int, str]] = []
        for found in _BIDI.finditer(line):
            ch, at = found.group(), line_start + found.start()
            if ch in (_PDF, _PDI):
                wanted = _PDF if opened and opened[-1][1] < "\u2066" else _PDI
                if not opened or ch != wanted:
                    return at, f"the bidirectional control {_char(ch)}{here} closes nothing on its line; remove it"
                opened.pop()
            else:
                opened.append((at, ch))
        if opened:
            at, ch = opened[0]
            closer = _char(_PDF if ch < "\u2066" else _PDI)
            return at, (
                f"the bidirectional control {_char(ch)}{here} is not closed on its line, so it would reorder "
                f"the text after it; close it with {closer} or remove it"
            )
        line_start += len(line) + 1
    return None


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
        lines = text.split("\n")
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
    elif problem.startswith("expected") and mark is not None and _after_closing_quote(text, mark):
        explanation = "text after the closing quote of a value; put the whole value inside the quotes"
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


def _after_closing_quote(text: str, mark: yaml.Mark) -> bool:
    lines = text.split("\n")
    before = lines[mark.line][: mark.column].rstrip() if mark.line < len(lines) else ""
    return before.endswith(('"', "'")) and mark.column > len(before)


_PackageLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_package_yaml(text: str) -> Any:
    """A data file the package ships (its words, its verbs), as `yaml.safe_load` reads it, with
    libyaml's parser when PyYAML has it: several times faster, and every build and every import
    reads these files. A site's own files go through `load_yaml`, which places its mistakes."""
    return yaml.load(text, Loader=_PackageLoader)


def load_yaml(text: str, display: str, line_offset: int = 0) -> Any:
    """Parse YAML text; syntax errors become one-line errors with line and column."""
    fast = _FastLoader(text, line_offset)
    fast.name = display
    fast.aliased = "*" in text
    try:
        return fast.get_single_data()
    except yaml.MarkedYAMLError as err:
        # libyaml stops at 1,000 levels; the pure-Python loader would recurse past Python's limit.
        if "maximum nesting depth" in str(err.problem) and err.problem_mark is not None:
            raise SourceError(
                display,
                err.problem_mark.line + 1 + line_offset,
                _TOO_DEEP,
                err.problem_mark.column + 1,
            ) from None
    except yaml.YAMLError:
        pass  # worded below by the pure-Python loader
    finally:
        fast.dispose()
    loader = _Loader(text, line_offset)
    loader.name = display
    loader.aliased = "*" in text
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        line0, column0, explanation = _explain(err, text)
        line = line0 + 1 + line_offset if line0 is not None else None
        column = column0 + 1 if column0 is not None else None
        raise SourceError(display, line, f"YAML syntax error: {explanation}", column) from None
    except yaml.YAMLError as err:
        raise SourceError(
            display, None, f"YAML error: {shown(' '.join(str(err).split()))}; fix the YAML syntax"
        ) from None
    except RecursionError:
        # PyYAML's pure-Python composer recurses once per level (libyaml refused the file first).
        raise SourceError(
            display,
            None,
            f"lists and mappings are nested more than {MAX_YAML_DEPTH} levels deep; "
            "the files of a site need a few levels: flatten the YAML",
        ) from None
    finally:
        loader.dispose()
