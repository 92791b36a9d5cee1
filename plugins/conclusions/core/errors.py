"""Errors that name the file, the line and what to do, in one line."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from .limits import SHOWN_LENGTH


def shown(value: object, limit: int = SHOWN_LENGTH) -> str:
    """`value` as an error message quotes it (its `repr`), cut at about `limit` characters.

    A long value, or a nested one that YAML aliases multiplied, is never written out whole,
    not even in memory: the pieces stop once `limit` characters are there.
    """
    if isinstance(value, str):
        return repr(value if len(value) <= limit else value[:limit] + "…")
    text = ""
    for piece in _repr_pieces(value, limit):
        text += piece
        if len(text) > limit:
            return text[:limit] + "…"
    return text


def _repr_pieces(value: object, limit: int) -> Iterator[str]:
    if isinstance(value, str):
        yield shown(value, limit)
    elif isinstance(value, bool) or not isinstance(value, int | dict | list | tuple):
        yield repr(value)[: limit + 1]
    elif isinstance(value, int):
        # repr() refuses integers of more than 4,300 digits.
        yield (
            repr(value)
            if value.bit_length() < 256
            else f"(a number of {int(value.bit_length() * 0.30103) + 1:,} digits)"
        )
    elif isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ", " if i else ""
            yield from _repr_pieces(key, limit)
            yield ": "
            yield from _repr_pieces(item, limit)
        yield "}"
    else:
        yield "["
        for i, item in enumerate(value):
            yield ", " if i else ""
            yield from _repr_pieces(item, limit)
        yield "]"


@dataclass
class SourceError(Exception):
    """A mistake in `source/` that stops the build."""

    path: Path | str
    """The file at fault."""
    line: int | None
    """1-based line, when the mistake has one."""
    message: str
    """What is wrong and what to do, as one sentence."""
    column: int | None = None
    """1-based column, where it applies."""

    def __str__(self) -> str:
        # A file's name may hold a line break or another control character: shown escaped.
        where = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(self.path))
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        # One line, whatever the message quotes from the source (a value may span lines).
        message = " ".join(self.message.split())
        if len(message) > MAX_MESSAGE:
            # A value quoted whole by mistake: its middle goes, what to do (at the end) stays.
            message = f"{message[: MAX_MESSAGE // 2]} … {message[-MAX_MESSAGE // 2 :]}"
        return f"{where}: {message}"


MAX_MESSAGE = 600
"""Characters of one message: values are quoted with `shown`, so only a mistake in the code reaches it."""


MAX_REPORTED = 50
"""Past this many mistakes the rest are counted, not listed: they are usually one mistake's echoes."""


class SourceErrors(SourceError):
    """Every mistake one build found, in the order of the files and lines; raised once, at the end."""

    def __init__(self, errors: list[SourceError], more: int = 0) -> None:
        # By file and line, as a person fixes them.
        errors = sorted(errors, key=lambda e: (str(e.path), e.line or 0, e.column or 0))
        first = errors[0]
        super().__init__(first.path, first.line, first.message, first.column)
        self.errors = errors
        self.more = more

    def lines(self) -> list[str]:
        """One line per mistake; a last line counts those past the cap."""
        tail = [f"... and {self.more} more mistakes; fix these and build again"] if self.more else []
        return [str(error) for error in self.errors] + tail

    def __str__(self) -> str:
        return "\n".join(self.lines())


class Problems:
    """Collects the mistakes of one run, so that a single build reports them all.

    Each check runs inside `collect()`: a mistake is recorded and the next check goes on.
    Checks whose result later checks need (a file that does not parse) stop their own part only.
    """

    def __init__(self) -> None:
        self.errors: list[SourceError] = []
        self.more = 0

    def add(self, error: SourceError) -> None:
        """Record `error` (each of the mistakes of `SourceErrors`), once; past `MAX_REPORTED`, count it."""
        found = error.errors if isinstance(error, SourceErrors) else [error]
        for one in found:
            if one in self.errors:
                continue
            if len(self.errors) < MAX_REPORTED:
                self.errors.append(one)
            else:
                self.more += 1
        if isinstance(error, SourceErrors):
            self.more += error.more

    def extend(self, other: Problems) -> None:
        """Record every mistake `other` holds (one document's, in a collection)."""
        for error in other.errors:
            self.add(error)
        self.more += other.more

    def collect(self) -> _Collect:
        """A context in which a `SourceError` is recorded here, and the code after it goes on."""
        return _Collect(self)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_any(self) -> None:
        """Raise every mistake recorded, at once, if there is any."""
        if self.errors:
            raise SourceErrors(self.errors, self.more)


class _Collect:
    """`Problems.collect()`: its `__exit__` says `bool`, so that type checkers know the code
    after the `with` runs after a mistake too."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> bool:
        if isinstance(error, SourceError):
            self.problems.add(error)
            return True
        return False
