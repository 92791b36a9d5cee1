"""What the core keeps of its work for later: the one place it does.

Two kinds. Results read from files, kept for the life of the process under the files' bytes
(`Remembered`); and, under `mkdocs serve` only, the work of each item of a text, kept from
one build to the next (`Recent`, below).

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
from functools import partial, wraps
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from .errors import Problems, SourceError

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
F = TypeVar("F", bound=Callable[..., Any])


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


class Recent(Generic[K, V]):
    """The results of one pure computation in this build and the last, by key, while serving.

    Under `mkdocs serve` a save changes a few paragraphs of a text that is read again whole:
    the work of each unchanged paragraph is found again here, by what it is made of (its
    words, and the very objects it was matched against). A build keeps what it asks for, and
    the next finds it: nothing older (`next_build`), so what is kept stays one build's size.
    Off until the serve machinery turns it on (`keep_recent`): a build computes everything.
    """

    def __init__(self) -> None:
        self._now: dict[_Hashed[K], V] = {}
        self._last: dict[_Hashed[K], V] = {}
        _RECENT.append(self)

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The result kept under `key` in this build or the last, or `make()`'s, kept."""
        if not _keeping:
            return make()
        try:
            hashed = _Hashed(key)
        except TypeError:
            # A key that holds something Python cannot hash (a list where a tuple was meant):
            # made again each time, never an error of its own.
            return make()
        try:
            return self._now[hashed]
        except KeyError:
            pass
        value: V = self._last.pop(hashed, _MISSING)
        if value is _MISSING:
            value = make()
        self._now[hashed] = value
        return value

    def get_by(self, key: Callable[[], K], make: Callable[[], V]) -> V:
        """`get` under the key `key()` makes, made only while results are kept."""
        return self.get(key(), make) if _keeping else make()

    def _next(self) -> None:
        let_go_later(self._last)
        self._last, self._now = self._now, {}

    def _clear(self) -> None:
        self._last, self._now = {}, {}


class _Hashed(Generic[K]):
    """A key with its hash, worked out once: a key made of the model's frozen dataclasses
    (a paragraph, its mentions, their entries) is hashed anew, field by field, at each look-up,
    and a result is looked for in this build's results, then the last's, then kept."""

    __slots__ = ("_hash", "key")

    def __init__(self, key: K) -> None:
        self.key = key
        self._hash = hash(key)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Hashed) and bool(self.key == other.key)


_MISSING: Any = object()
_RECENT: list[Recent[Any, Any]] = []
_keeping = False
_LATER: list[list[object]] = []
"""What each build since the server was last idle no longer needs (`let_go_later`), oldest first."""
LET_GO_AFTER = 3
"""Builds after which what one build no longer needed is let go, if the server was never idle."""


def keep_recent(on: bool) -> None:
    """Keep (`on`), or no longer keep, what each build's computations made for the next
    (`Recent`): the serve machinery's switch; turned off, what was kept is let go."""
    global _keeping
    _keeping = on
    if not on:
        for recent in _RECENT:
            recent._clear()
        let_go()


def keeping() -> bool:
    """Whether results are kept for the next build (the serve machinery turned it on)."""
    return _keeping


def recent_kept() -> int:
    """How many results every `Recent` keeps, of this build and the last."""
    return sum(len(r._now) + len(r._last) for r in _RECENT)


def next_build() -> None:
    """A build starts: what the last one made is found again; what only older ones made is let go
    (`let_go_later`)."""
    later = _LATER  # `let_go` may run in another thread: it replaces the list, never changes it
    later.append([])
    while len(later) > LET_GO_AFTER:
        later.pop(0)
    for recent in _RECENT:
        recent._next()


def let_go_later(held: object) -> None:
    """Hold `held`, what a build no longer needs, until the server is idle (`let_go`).

    Letting go of the results of a build is freeing each of its objects, one by one: after the
    first rebuild of a large collection, every item of every text made by the first build (a
    hundredth of a second and more, in the thread that builds, before the page is served). The
    serve machinery lets go of it once the page is served and the server idle; if no idle
    moment comes between saves, what is held is let go a few builds later
    (`LET_GO_AFTER`), so it stays a few builds' size."""
    later = _LATER
    if later:
        later[-1].append(held)


def let_go() -> None:
    """Let go of what `let_go_later` holds (the serve machinery, once the server is idle, in
    a thread of its own: the list is replaced, not changed, so a build starting meanwhile
    holds what it lets go of in the new one)."""
    global _LATER
    _LATER = []


def recent(function: F) -> F:
    """`function`, its results kept in a `Recent` under its positional arguments, which must
    be hashable and say all it reads: immutable values, or objects compared by identity.
    Its results are handed to every caller: they must be immutable."""
    kept: Recent[tuple[Any, ...], Any] = Recent()

    @wraps(function)
    def made(*args: Any) -> Any:
        return kept.get(args, partial(function, *args))

    return cast(F, made)


class Same(Generic[T]):
    """A key that is one object itself, whatever its value: hashed and compared by identity,
    at the cost of a pointer (a large frozen value would be hashed whole). Holding the object,
    it keeps it alive, so that no other object takes its identity while the key is kept."""

    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.value is self.value


class ByValue(Generic[T]):
    """A key that is a value Python cannot hash (a frozen dataclass that holds a mapping):
    hashed by `part` of it, compared whole (the very object first, at the cost of a pointer)."""

    __slots__ = ("_hash", "value")

    def __init__(self, value: T, part: Hashable) -> None:
        self.value = value
        self._hash = hash(part)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ByValue) and (other.value is self.value or other.value == self.value)


C = TypeVar("C", bound=type)


def hashed_once(cls: C) -> C:
    """A frozen dataclass `cls` whose hash is worked out once per object, from its fields, and
    then found again: a registry entry stands in the keys of many results kept while serving
    (each mention of it), and its fields (patterns, names in other languages) are many. The
    hash is no part of its state: a copy (pickled, or by `dataclasses.replace`) works it out
    again, for a string's hash differs from one process to the next."""
    by_fields = cast(Callable[[object], int], cls.__dict__["__hash__"])

    def __hash__(self: object) -> int:
        try:
            found: int = self.__dict__[_HASH]
        except KeyError:
            found = by_fields(self)
            object.__setattr__(self, _HASH, found)
        return found

    def __getstate__(self: object) -> dict[str, Any]:
        return {name: value for name, value in self.__dict__.items() if name != _HASH}

    cls.__hash__ = __hash__  # type: ignore[assignment]
    cls.__getstate__ = __getstate__  # type: ignore[assignment]
    return cls


_HASH = "_hash_once"
