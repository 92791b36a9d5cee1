"""Results read from files, kept for the life of the process under the files' bytes.

Every build reads the shared registry, and so does every rebuild under `mkdocs serve` and
every test that builds an edition: parsing and checking it is most of a small build. A result
kept here is found again by the bytes of every file it was read from (and by the labels its
errors name), so an edited file is read again, and a file whose bytes are back to an earlier
state finds its result again. Keys hold content, never a path or a time, which a copy of the
same folder elsewhere or a save within the clock's resolution would defeat.

A kept result is handed to every caller: it must be immutable (frozen dataclasses, tuples,
frozensets). The mistakes found while computing it are kept with it and reported again, in
the same order, to each caller's `Problems`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

from .errors import Problems, SourceError

T = TypeVar("T")


def contents(paths: Iterable[Path]) -> tuple[bytes | str | None, ...]:
    """The bytes of each file; None where there is nothing, the error's name where it cannot
    be read (a folder in its place, no permission), which its reader reports."""
    found: list[bytes | str | None] = []
    for path in paths:
        try:
            found.append(path.read_bytes())
        except FileNotFoundError:
            found.append(None)
        except OSError as error:
            found.append(type(error).__name__)
    return tuple(found)


class Remembered(Generic[T]):
    """The latest results of one computation, by key; the least recently used go past `size`."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, tuple[T, tuple[SourceError, ...], int]] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[Problems], T], problems: Problems) -> T:
        """The result kept under `key`, or `compute`'s, kept; its mistakes are added to `problems`."""
        kept = self._kept.get(key)
        if kept is None:
            own = Problems()
            kept = (compute(own), tuple(own.errors), own.more)
            self._kept[key] = kept
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(key)
        value, errors, more = kept
        for error in errors:
            problems.add(error)
        problems.more += more
        return value
