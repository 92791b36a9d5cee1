"""Find where registry entries are mentioned, from the patterns written in `source/`.

Patterns are literal, case-sensitive and matched at word boundaries in the inline source,
so a pattern may hold markup (`CO<sub>2</sub>`) and match exactly where the text has it.
Within one registry the longest match at a place wins; two entries whose matches overlap
only in part claim the same words, which is an error the editor must resolve.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .errors import SourceError
from .inline import tokenize
from .model import Entry

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
    """Spans a match may not cut into: footnote references and tags."""
    return [(t.start, t.end) for t in tokenize(source) if t.kind != "text"]


def _at_boundary(source: str, start: int, end: int) -> bool:
    before = source[start - 1] if start > 0 else " "
    after = source[end] if end < len(source) else " "
    return not (before.isalnum() and source[start].isalnum()) and not (after.isalnum() and source[end - 1].isalnum())


def _excluded(match: Match[E], source: str) -> bool:
    """Whether the match lies inside one of its entry's `exclude` phrases ("the Council" in
    "the Council conclusions" is a document, not the actor)."""
    for phrase in match.entry.exclude:
        start = source.find(phrase)
        while start != -1 and start <= match.start:
            if match.end <= start + len(phrase):
                return True
            start = source.find(phrase, start + 1)
    return False


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
        ordered = sorted(owner, key=len, reverse=True)
        self.regex = re.compile("|".join(re.escape(p) for p in ordered)) if ordered else None

    def _candidates(self, source: str) -> list[Match[E]]:
        """Every occurrence of every pattern at word edges that does not cut into markup."""
        candidates: list[Match[E]] = []
        protected = _protected(source)
        for pattern in self.owner:
            start = source.find(pattern)
            while start != -1:
                end = start + len(pattern)
                cuts = any(s < end and start < e and not (start <= s and e <= end) for s, e in protected)
                if _at_boundary(source, start, end) and not cuts:
                    candidates.append(Match(self.owner[pattern][0], start, end, pattern))
                start = source.find(pattern, start + 1)
        return [m for m in candidates if not _excluded(m, source)]

    def occurring(self, source: str) -> set[str]:
        """The patterns that occur in `source`, whether or not a longer one wins there."""
        return {m.pattern for m in self._candidates(source)}

    def find(self, source: str) -> list[Match[E]]:
        """Non-overlapping mentions in `source`, longest first at each place."""
        if self.regex is None:
            return []
        candidates = self._candidates(source)
        candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
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
