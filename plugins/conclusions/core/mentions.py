"""Find where registry entries are mentioned, from the patterns written in `source/`.

Patterns are literal, case-sensitive and matched at word boundaries in the inline source,
so a pattern may hold markup (`CO<sub>2</sub>`) and match exactly where the text has it.
Within one registry the longest match at a place wins; two entries whose matches overlap
only in part claim the same words, which is an error the editor must resolve.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from .errors import SourceError
from .inline_source import tokenize
from .model import Entry
from .remembered import recent

E = TypeVar("E", bound=Entry)
E_co = TypeVar("E_co", bound=Entry, covariant=True)


@dataclass(frozen=True)
class Match(Generic[E_co]):
    """One mention of `entry` at `start:end` of an item's inline source (a mention of an
    instrument is a mention of an entry: `Match` is covariant)."""

    entry: E_co
    start: int
    end: int
    pattern: str


def _protected(source: str) -> list[tuple[int, int]]:
    """Spans a match may not cut into: footnote references and tags (in order, apart)."""
    return [(t.start, t.end) for t in tokenize(source) if t.kind != "text"]


def _cuts(protected: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether `start:end` cuts into one of the `protected` spans (whose starts are `starts`).

    The spans are apart, so only the one around `start` and the one around `end` can be cut:
    any other span that overlaps lies within `start:end`."""
    for i in {bisect.bisect_right(starts, start) - 1, bisect.bisect_left(starts, end) - 1}:
        if i >= 0:
            s, e = protected[i]
            if s < end and start < e and not (start <= s and e <= end):
                return True
    return False


def _at_boundary(source: str, start: int, end: int) -> bool:
    before = source[start - 1] if start > 0 else " "
    after = source[end] if end < len(source) else " "
    return not (before.isalnum() and source[start].isalnum()) and not (after.isalnum() and source[end - 1].isalnum())


def _occurrences(source: str, phrase: str) -> list[int]:
    """Where `phrase` starts in `source`, overlapping occurrences included, in order."""
    found = []
    start = source.find(phrase)
    while start != -1:
        found.append(start)
        start = source.find(phrase, start + 1)
    return found


def _excluded(match: Match[E], phrases: dict[str, list[int]], source: str) -> bool:
    """Whether the match lies inside one of its entry's `exclude` phrases ("the Council" in
    "the Council conclusions" is a document, not the actor). `phrases`: where each phrase
    occurs in `source`, found once per source."""
    for phrase in match.entry.exclude:
        if phrase not in phrases:
            phrases[phrase] = _occurrences(source, phrase)
        # Of the occurrences starting at or before the match, the last ends last (one length).
        i = bisect.bisect_right(phrases[phrase], match.start) - 1
        if i >= 0 and match.end <= phrases[phrase][i] + len(phrase):
            return True
    return False


_WORD = re.compile(r"[^\W_]+")
"""A run of letters and digits (what `str.isalnum` calls so): where a pattern may start."""


class Matcher(Generic[E]):
    """All patterns of one registry, compiled once.

    A `lenient` matcher (for the words the text itself gives, `automatic.py`) takes patterns
    and entries in pairs, and settles two claims on the same words by the longest and the
    first, where the registry's matcher stops the build: no one wrote those patterns."""

    def __init__(
        self, entries: Sequence[E], what: str, pairs: Sequence[tuple[str, E]] = (), lenient: bool = False
    ) -> None:
        self.what = what
        self.lenient = lenient
        owner: dict[str, tuple[E, int]] = {}
        for entry in entries:
            for pattern, line in zip(
                entry.patterns, entry.pattern_lines or [entry.line] * len(entry.patterns), strict=True
            ):
                if pattern in owner and owner[pattern][0] is not entry:
                    first = owner[pattern][0]
                    raise SourceError(
                        entry.path,
                        line,
                        f"pattern '{pattern}' of {what} '{entry.id}' is also claimed by '{first.id}' (line {first.line}); keep it in one entry",
                    )
                owner[pattern] = (entry, line)
        for pattern, entry in pairs:
            owner.setdefault(pattern, (entry, entry.line))
        self.owner = owner
        # A pattern that starts with a letter or digit starts where a run of them starts in the
        # text, and is that whole run up to its own first other character (or it would cut a
        # word): patterns are looked up by that first run, once per run of the text, so that the
        # cost of a text does not grow with the number of patterns. The few that start with
        # another character are searched for one by one.
        self.by_first_run: dict[str, list[str]] = {}
        self.searched: list[str] = []
        for pattern in owner:
            if run := _WORD.match(pattern):
                self.by_first_run.setdefault(run.group(), []).append(pattern)
            else:
                self.searched.append(pattern)

    def _starts(self, source: str) -> Iterator[tuple[int, str]]:
        """(where, pattern) for every place a pattern is written in `source`, boundaries aside."""
        for run in _WORD.finditer(source):
            for pattern in self.by_first_run.get(run.group(), ()):
                if source.startswith(pattern, run.start()):
                    yield run.start(), pattern
        for pattern in self.searched:
            for start in _occurrences(source, pattern):
                yield start, pattern

    def _candidates(self, source: str) -> tuple[Match[E], ...]:
        """Every occurrence of every pattern at word edges that does not cut into markup."""
        once = _SEARCHED.get()
        key = (self, source)
        if once is not None and key in once:
            return cast("tuple[Match[E], ...]", once[key])
        found: tuple[Match[E], ...] = _candidates(self, source)
        if once is not None:
            once[key] = found
        return found

    def occurring(self, source: str) -> set[str]:
        """The patterns that occur in `source`, whether or not a longer one wins there."""
        return {m.pattern for m in self._candidates(source)}

    def find(self, source: str) -> list[Match[E]]:
        """Non-overlapping mentions in `source`, longest first at each place."""
        if not self.owner:
            return []
        candidates = sorted(self._candidates(source), key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[Match[E]] = []
        for match in candidates:
            if chosen and match.start < chosen[-1].end:
                last = chosen[-1]
                inside = match.end <= last.end
                if not inside and match.entry is not last.entry and not self.lenient:
                    raise SourceError(
                        match.entry.path,
                        self.owner[match.pattern][1],
                        f"{self.what} '{match.entry.id}' ('{match.pattern}') and '{last.entry.id}' ('{last.pattern}') "
                        f'claim the same words in "{source[last.start : match.end]}"; change one pattern',
                    )
                continue
            chosen.append(match)
        return chosen


_SEARCHED: ContextVar[dict[tuple[object, str], tuple[Match[Entry], ...]] | None] = ContextVar("searched", default=None)
"""Within `searching_once`: what each matcher found in each text (a matcher is hashed as the
very object)."""


@contextmanager
def searching_once() -> Iterator[None]:
    """Within, a matcher searches a text once: linking an edition reads each item with the same
    matchers to check the registries (every site pattern occurs, every verb is known) and then
    to link it. What was found is let go on leaving the outermost, and is each thread's own."""
    if _SEARCHED.get() is not None:
        yield
        return
    token = _SEARCHED.set({})
    try:
        yield
    finally:
        _SEARCHED.reset(token)


@recent
def _candidates(matcher: Matcher[E], source: str) -> tuple[Match[E], ...]:
    """`Matcher._candidates`: a pure function of the matcher (the very object) and the text,
    kept while serving (`remembered.recent`), so that the unchanged items of an edited text
    are not searched again."""
    candidates: list[Match[E]] = []
    protected = _protected(source)
    starts = [s for s, _ in protected]
    for start, pattern in matcher._starts(source):
        end = start + len(pattern)
        if _at_boundary(source, start, end) and not _cuts(protected, starts, start, end):
            candidates.append(Match(matcher.owner[pattern][0], start, end, pattern))
    phrases: dict[str, list[int]] = {}
    return tuple(m for m in candidates if not _excluded(m, phrases, source))
