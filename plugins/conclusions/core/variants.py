"""Other words for a known name, where the text leaves no doubt which name they stand for.

- A spelling variant: "European Environmental Agency" for the registry's "European
  Environment Agency", "Center" for "Centre". Words are compared in one spelling (the
  language's `spellings` and `endings` in `registry/names.yml`); the names of every entry are
  indexed by their words in that spelling, and each run of capitalised words of the text is
  looked up there: a lookup per run, never a comparison of every name with every other.
- A short form: "the Green Deal" where the text names "the European Green Deal". A name
  whose leading words are qualifiers ("European", "EU") gives its shorter forms; each counts
  only after an article ("the"), only for an entry the text names in full, and only when no
  other entry the text names gives the same short form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import Entry
from .names import NameWords
from .remembered import recent

_RUN = re.compile(r"\S+")
_MARKUP = re.compile(r"[<\[]")


@dataclass(frozen=True)
class Extra:
    """Words for an entry (the registry's, or one found in the text) that its patterns lack."""

    entry: Entry
    words: str
    how: str
    after_article: bool = False


def _key(words: Iterable[str], names: NameWords) -> tuple[str, ...]:
    return tuple(names.normalised(w.strip("'‘’\"“”,.")) for w in words)


class Spellings:
    """The names of some entries, indexed by their words in one spelling."""

    def __init__(self, entries: Sequence[Entry], names: NameWords) -> None:
        self.names = names
        self.index: dict[tuple[str, ...], dict[str, Entry]] = {}
        for entry in entries:
            for pattern in entry.patterns:
                words = pattern.split()
                if len(words) >= 2 and not _MARKUP.search(pattern):
                    self.index.setdefault(_key(words, names), {})[entry.id] = entry
        self.sizes = sorted({len(k) for k in self.index})

    def entry(self, words: str) -> Entry | None:
        """The one entry whose name `words` spells another way, if one does."""
        owners = self.index.get(_key(words.split(), self.names), {})
        return next(iter(owners.values())) if len(owners) == 1 else None

    def variants(self, texts: Sequence[str], taken: set[str]) -> list[Extra]:
        """The runs of capitalised words in `texts` that spell an entry's name another way
        (and are no pattern of any entry: `taken`)."""
        out: dict[str, Extra] = {}
        for text in texts:
            for words, entry in _spelled(self, text):
                if words not in taken and words not in out:
                    out[words] = Extra(entry, words, f"another spelling of '{entry.patterns[0]}'")
        return list(out.values())


@recent
def _spelled(spellings: Spellings, text: str) -> tuple[tuple[str, Entry], ...]:
    """Each run of capitalised words of `text` that spells an entry's name another way, with
    the entry, in order; kept while serving (`remembered.recent`), for the same `spellings`."""
    out: list[tuple[str, Entry]] = []
    for run in _runs(text, spellings.names):
        for size in spellings.sizes:
            for start in range(0, len(run) - size + 1):
                part = run[start : start + size]
                if not part[0][0].isupper() or not part[-1][0].isupper():
                    continue
                words = " ".join(part)
                entry = spellings.entry(words)
                if entry is not None and words not in entry.patterns:
                    out.append((words, entry))
    return tuple(out)


def _runs(text: str, names: NameWords) -> list[list[str]]:
    """Runs of capitalised words, with the language's connectors between them, as written."""
    runs: list[list[str]] = []
    current: list[str] = []
    for match in _RUN.finditer(text):
        word = match.group()
        core = word.strip("'‘’\"“”,.;:()")
        ends = word != word.rstrip(",.;:)")
        if (core and core[0].isupper() and not _MARKUP.search(core)) or (core in names.connectors and current):
            current.append(core)
        else:
            if current:
                runs.append(_trimmed(current, names))
            current = []
            continue
        if ends:
            runs.append(_trimmed(current, names))
            current = []
    if current:
        runs.append(_trimmed(current, names))
    return [r for r in runs if len(r) >= 2]


def _trimmed(run: list[str], names: NameWords) -> list[str]:
    while run and run[-1] in names.connectors:
        run = run[:-1]
    return run


def short_forms(used: Sequence[Entry], taken: set[str], names: NameWords) -> list[Extra]:
    """The short forms of the names of `used` (the entries the text names in full) that only
    one of them gives, and that are no pattern of any entry (`taken`)."""
    qualifiers = set(names.qualifiers)
    if not qualifiers or not names.short_form_after:
        return []
    givers: dict[str, list[Entry]] = {}
    for entry in used:
        for pattern in entry.patterns:
            words = pattern.split()
            dropped = 0
            while dropped < len(words) - 2 and words[dropped] in qualifiers:
                dropped += 1
                short = " ".join(words[dropped:])
                if short[0].isupper() and not _MARKUP.search(short):
                    givers.setdefault(short, [])
                    if entry not in givers[short]:
                        givers[short].append(entry)
    return [
        Extra(entries[0], short, f"short form of '{_full(entries[0], short)}'", after_article=True)
        for short, entries in givers.items()
        if len(entries) == 1 and short not in taken
    ]


def _full(entry: Entry, short: str) -> str:
    return next((p for p in entry.patterns if p.endswith(short) and p != short), entry.name)


# Every text of a collection, every build and every rebuild under `mkdocs serve` indexes the
# same registry entries in the same words (with, for each text, the few it found of itself):
# made once for equal entries and words. Safe to share: both are frozen and hashed by value,
# and an index is never changed once made. Bounded: a few per language and state of the
# registries, and one per text with entries of its own, each a few hundred kilobytes at most.
@lru_cache(maxsize=256)
def spellings_of(entries: tuple[Entry, ...], names: NameWords) -> Spellings:
    """`Spellings(entries, names)`: the same object for equal entries and words, under which
    what each text spells is kept while serving (`_spelled`)."""
    return Spellings(entries, names)
