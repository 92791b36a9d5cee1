"""Entries the text itself gives: what it recalls, which abbreviations it defines, whom it asks.

A registry (the shared one, a site's own) is written by hand; a text also says much by its
own form, and this module reads it:

- instruments: references by number and form (`citations.py`: EU acts, JOIN and COM
  documents, General Assembly resolutions, Treaty articles), Council documents by number and
  conclusions by date and title (`references.py`; a footnote that gives the number of what
  the words before its marker name makes them one instrument), and documents named by title
  before such a footnote ("the Joint Communication on 'X'[^7]");
- terms: abbreviations defined in brackets (`abbreviations.py`);
- actors: the bodies a request asks to act (`names.py`), and bodies introduced with an
  abbreviation in brackets ("European Environment Agency (EEA)");
- words for entries already known: spelling variants ("European Environmental Agency") and
  short forms ("the Green Deal" where the text names "the European Green Deal") of a name,
  where the text leaves no doubt (`variants.py`).

Each found entry gets an id made from what it is (its number, its abbreviation, its name), so
the same text always gives the same ids and a page keeps its address when a site confirms the
entry in its registry. A registry entry wins: one with the same id, or naming the same act,
document or resolution (its `reference`, `celex`, `eli` or `url`), takes the words found; a
registry match on the same words takes them too; and a site suppresses an entry by id, or
words, under `suppress:` in its registry file (`Registries.suppressed`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from .abbreviations import Definition, definitions
from .citations import DATA_FILE as CITATIONS_FILE
from .citations import JOURNAL, KINDS, Citation, Forms, one_sentence, place_of_act, read_forms
from .errors import Problems
from .identity import register_url
from .inline_source import plain_text, tokenize
from .interface import Interface, interface
from .layout import SHARED_REGISTRY
from .mentions import Match, Matcher
from .model import Actor, Document, Entry, Footnote, Instrument, Paragraph, Recital, Registries, Term
from .names import DATA_FILE as NAMES_FILE
from .names import NO_WORDS, Name, NameWords, addressee_names, read_name_words
from .references import (
    DATE_TITLE,
    RULES_FILE,
    Held,
    Reference,
    Rules,
    identities,
    number_key,
    read_rules,
    references_of,
)
from .remembered import Remembered, Same, contents, recent
from .urls import AT_ROOT
from .variants import Extra, Spellings, short_forms, spellings_of

if TYPE_CHECKING:
    from .clauses import Clause

E = TypeVar("E", bound=Entry)
Item = Paragraph | Recital | Footnote

INSTRUMENT = "instrument"
TERM = "term"
ACTOR = "actor"

ACTOR_KIND = "other"
"""The shared registry's kind for an actor found in the text: nothing says which kind it is."""


@dataclass(frozen=True)
class Words:
    """What the automatic reading looks for in a text of one language (all data)."""

    forms: Forms | None = None
    names: NameWords = NO_WORDS
    rules: Rules | None = None


NOTHING_HELD = Held()


@dataclass(frozen=True)
class Finding:
    """An entry found in the text, or words found for an entry: what the import report and
    the build log list for a person to confirm, correct or suppress."""

    kind: str
    """INSTRUMENT, TERM or ACTOR."""
    id: str
    name: str
    how: str
    """How it was found: "number", "date and title", "defined in brackets", "asked to act", ..."""
    words: tuple[str, ...]
    """The words that link to it, as the text has them."""
    places: tuple[str, ...]
    """Where: 'paragraph 3', 'recital 2', 'footnote 8'."""
    address: str
    new: bool
    """A new entry (True), or words linked to a registry entry (False)."""

    def line(self) -> str:
        """One line of the report."""
        words = ", ".join(f"'{w}'" for w in self.words)
        where = ", ".join(self.places)
        target = f"{self.kind} '{self.id}'" if self.new else f"words for {self.kind} '{self.id}'"
        address = f" -> {self.address}" if self.address else ""
        return f"{target}: {words} ({self.how}; {where}){address}"


_WORD_FILES = (CITATIONS_FILE, NAMES_FILE, RULES_FILE)
_WORDS: Remembered[Mapping[str, Words]] = Remembered(size=16)


def read_words(source_dir: Path | None, problems: Problems) -> dict[str, Words]:
    """What the automatic reading looks for, by language: the shared data files' words, each
    language replaced by the site's own files' (`citations.yml`, `names.yml`, `references.yml`)."""
    # Read once for each state of the files (`remembered`): every build reads the shared ones.
    folders = [SHARED_REGISTRY] if source_dir is None else [SHARED_REGISTRY, source_dir]
    found = contents(f / name for f in folders for name in _WORD_FILES)
    # The folder's name is in what its files' mistakes say; a site without files of its own
    # reads the shared ones alone, the same for every site.
    own = source_dir is not None and any(c is not None for c in found[len(_WORD_FILES) :])
    key = (source_dir.name if own and source_dir else None, found)
    return dict(_WORDS.get(key, partial(_read_words, source_dir), problems))


def _read_words(source_dir: Path | None, problems: Problems) -> Mapping[str, Words]:
    forms = read_forms(source_dir, problems)
    names = read_name_words(source_dir, problems)
    rules = read_rules(source_dir, problems)
    return MappingProxyType(
        {
            language: Words(forms.get(language), names.get(language, NO_WORDS), rules.get(language))
            for language in sorted({*forms, *names, *rules})
        }
    )


def words_for(words: Mapping[str, Words], language: str) -> Words:
    """The words of a text in `language` ('en', 'en-GB'); none for a language without data."""
    return words.get(language) or words.get(language.split("-")[0].lower()) or Words()


def slug(words: str) -> str:
    """An id from words: 'EU OceanCen' -> 'eu-oceancen', 'Ocean Data Forum' -> 'ocean-data-forum'."""
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_words.lower()))


def place(item: Item) -> str:
    """How the report names where an item stands: 'paragraph 3', 'recital 2', 'footnote 8'."""
    if isinstance(item, Paragraph):
        return f"paragraph {item.shown}"
    if isinstance(item, Recital):
        return f"recital {item.shown}"
    return f"footnote {item.number}"


@dataclass
class _Found(Generic[E]):
    """An entry being gathered: its fields, its words, and how it was found."""

    entry: E
    how: str
    patterns: list[str] = field(default_factory=list)

    def add(self, pattern: str) -> None:
        if pattern and pattern not in self.patterns:
            self.patterns.append(pattern)


@dataclass(frozen=True)
class Automatic:
    """What one text gives of itself, ready to be matched in each of its items."""

    instruments: tuple[Instrument, ...]
    terms: tuple[Term, ...]
    actors: tuple[Actor, ...]
    matchers: tuple[Matcher[Instrument], Matcher[Term], Matcher[Actor]]
    after_article: frozenset[str]
    """Patterns that count only after an article (a short form: "the Green Deal")."""
    articles: frozenset[str]
    how: Mapping[tuple[str, str, str], str]
    """(kind, entry id, pattern) -> how those words were found, for the words given to registry entries."""
    how_found: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(kind, id) -> how each entry found here was found."""
    suppressions_used: frozenset[tuple[str, str]] = frozenset()
    """The site's `suppress:` items that held something back."""

    def instruments_in(
        self, text: str, found: Sequence[Match[Instrument]], terms: Sequence[Match[Term]]
    ) -> list[Match[Instrument]]:
        """The instruments of `text`: the registry's (`found`), and those found here on other
        words, none cutting across a registry term's words. Words found here that hold a
        registry instrument's name after their start name something else ("conclusions of 16
        December 2019 on the European Green Deal" are conclusions): they win over it."""
        candidates = [m for m in self.matchers[0].find(text) if not _crosses_any(m, terms)]
        inside: set[int] = set()
        for m in candidates:
            held = [i for i, r in enumerate(found) if m.start < r.start and r.end <= m.end]
            if held and not any(m.start < r.end and r.start < m.end for i, r in enumerate(found) if i not in held):
                inside.update(held)
        kept = [r for i, r in enumerate(found) if i not in inside]
        extra = self._kept(candidates, kept, text)
        return sorted([*kept, *extra], key=lambda m: m.start)

    def terms_in(
        self, text: str, found: Sequence[Match[Term]], instruments: Sequence[Match[Instrument]]
    ) -> list[Match[Term]]:
        extra = [m for m in self._kept(self.matchers[1].find(text), found, text) if not _crosses_any(m, instruments)]
        return sorted([*found, *extra], key=lambda m: m.start)

    def actors_in(self, text: str, found: Sequence[Match[Actor]]) -> list[Match[Actor]]:
        return sorted([*found, *self._kept(self.matchers[2].find(text), found, text)], key=lambda m: m.start)

    def _kept(self, matches: Sequence[Match[E]], registry: Sequence[Match[E]], text: str) -> list[Match[E]]:
        """`matches` on words no registry match touches (and a short form only after an article)."""
        out = []
        for m in matches:
            if any(m.start < r.end and r.start < m.end for r in registry):
                continue
            if m.pattern in self.after_article and _word_before(text, m.start) not in self.articles:
                continue
            out.append(m)
        return out


NOTHING = Automatic(
    (), (), (), (Matcher([], INSTRUMENT), Matcher([], TERM), Matcher([], ACTOR)), frozenset(), frozenset(), {}
)
"""A text read for nothing of its own (no words for its language)."""


def _after_article(words: str, articles: frozenset[str]) -> str:
    """The words after a leading article ("THE MEMBER STATES", "GLI STATI MEMBRI": an addressee in
    capitals, whose name the registry writes without its article), or "" when there is none."""
    first, _, rest = words.partition(" ")
    return rest if rest and first.casefold() in {a.casefold() for a in articles} else ""


def _word_before(text: str, start: int) -> str:
    found = re.search(r"(\S+)\s+$", text[max(0, start - 40) : start])
    return found.group(1) if found else ""


def _crosses_any(m: Match[Entry], others: Sequence[Match[Entry]]) -> bool:
    """Whether `m` and one of `others` share words without one holding the other."""
    for o in others:
        if m.start < o.end and o.start < m.end:
            nested = (m.start <= o.start and o.end <= m.end) or (o.start <= m.start and m.end <= o.end)
            if not nested:
                return True
    return False


def _items(document: Document) -> list[Item]:
    return [*document.recitals, *document.paragraphs, *document.footnotes.values()]


@dataclass(frozen=True)
class RegistryMentions:
    """What the registry's patterns found in one item, before anything is added."""

    instruments: Sequence[Match[Instrument]]
    terms: Sequence[Match[Term]]
    actors: Sequence[Match[Actor]]


def read(
    document: Document,
    registries: Registries,
    found: Mapping[str, RegistryMentions],
    clauses: Mapping[int, Sequence[Clause]],
    words: Words,
    held: Held = NOTHING_HELD,
) -> Automatic:
    """What `document` gives of itself beyond what `registries` name.

    Args:
        document: the text.
        registries: the shared and the site's entries, and what the site suppresses.
        found: the registry's matches in each item, by the item's anchor.
        clauses: each paragraph's clauses, with the registry's actors as addressees.
        words: the words of the text's language.
        held: in a collection, the texts it holds.
    """
    reader = _Reader(document, registries, found, words, held)
    reader.instruments()
    reader.terms()
    reader.actors(clauses)
    return reader.result()


@recent
def _addressees(
    text: str, clause: Clause, before: frozenset[str], not_after: tuple[str, ...], names: Same[NameWords]
) -> tuple[Name, ...]:
    """`addressee_names`, kept while serving (`remembered.recent`): an unchanged request's are found again."""
    return tuple(addressee_names(text, clause, before, not_after, names.value))


@dataclass(frozen=True)
class _Known:
    """What the reader looks up in the registries, with the words of the text's language:
    never changed once made."""

    keys: Mapping[str, Instrument]
    spellings: Spellings
    patterns: Mapping[str, frozenset[str]]
    terms_by_name: Mapping[str, Term]
    actors_by_name: Mapping[str, Actor]


@recent
def _known(registries: Same[Registries], words: Same[Words]) -> _Known:
    """`_Known` of the registries and the words; while serving, made once for the same objects
    (`remembered.recent`): both are read once for each state of their files."""
    r, w = registries.value, words.value
    return _Known(
        _registry_keys(r.instruments, w.forms),
        spellings_of((*r.instruments, *r.actors), w.names),
        {
            INSTRUMENT: frozenset(p for e in r.instruments for p in e.patterns),
            TERM: frozenset(p for e in r.terms for p in e.patterns),
            ACTOR: frozenset(p for e in r.actors for p in e.patterns),
        },
        _by_name(r.terms),
        _by_name(r.actors),
    )


class _Reader:
    def __init__(
        self,
        document: Document,
        registries: Registries,
        found: Mapping[str, RegistryMentions],
        words: Words,
        held: Held = NOTHING_HELD,
    ) -> None:
        self.held = held
        self.document = document
        self._words = interface(document.header.language)
        self.registries = registries
        self.found = found
        self.words = words
        self.language = document.header.language or "en"
        self.items = _items(document)
        self.new_instruments: dict[str, _Found[Instrument]] = {}
        self.new_terms: dict[str, _Found[Term]] = {}
        self.new_actors: dict[str, _Found[Actor]] = {}
        self.extras: list[Extra] = []
        self.suppressions = {(s.kind, s.value) for s in registries.suppressed}
        self.used_suppressions: set[tuple[str, str]] = set()
        self.definitions: dict[str, tuple[Item, Definition]] = {}
        known = _known(Same(registries), Same(words))
        self.keys = known.keys
        self.spellings = known.spellings
        self.registry_patterns = known.patterns
        # What a site's entry took over from the shared one it replaces: known, so never made anew.
        self.shadowed = registries.shadowed
        # Looked up by pattern or id, once each: no name is compared with every entry.
        self.terms_by_name = known.terms_by_name
        self.actors_by_name = known.actors_by_name
        self.cited: dict[str, list[tuple[int, int]]] = {}
        """Where each item's references by form stand (a bracket inside one defines nothing)."""

    def _suppressed(self, kind: str, *values: str) -> bool:
        """Whether the site suppresses one of `values` (an id, or words) of `kind`; noted, so
        that a `suppress:` item that holds nothing back can be reported."""
        hit = [(kind, v) for v in values if (kind, v) in self.suppressions]
        self.used_suppressions.update(hit)
        return bool(hit)

    # -- instruments -----------------------------------------------------------------------------

    def instruments(self) -> None:
        """Every reference by number or form, with what the footnotes say of the words before their markers."""
        forms = self.words.forms
        cited_in: dict[str, list[tuple[Item, Citation]]] = {}
        for item in self.items:
            for citation in forms.find(item.text) if forms else ():
                cited_in.setdefault(citation.id, []).append((item, citation))
                self.cited.setdefault(item.anchor, []).append((citation.start, citation.end))
        numbers = self._footnote_numbers()
        self._leave_out_places_of_acts(cited_in, numbers)
        references = self._references()
        # A date with a number somewhere in the text: its other references by date are the same document.
        by_date: dict[tuple[str, bool], tuple[str, str, str, str]] = {}
        for item, ref in references:
            if ref.form == DATE_TITLE and ref.date:
                number = self._number_after(item, ref.end, numbers)
                if number:
                    by_date.setdefault((ref.date, ref.european_council), number)
        dated: set[tuple[str, int]] = set()
        for item, ref in references:
            self._reference(item, ref, numbers, by_date)
            if ref.form == DATE_TITLE:
                marker = re.match(r"['’\"”»]?\s*(?=\[\^)", item.text[ref.end : ref.end + 4])
                if marker:
                    dated.add((item.anchor, ref.end + marker.end()))
        for places in cited_in.values():
            for item, citation in places:
                self._citation(item, citation)
        if forms is not None:
            self._named_documents(forms, numbers, cited_in, dated)

    def _leave_out_places_of_acts(
        self, cited_in: dict[str, list[tuple[Item, Citation]]], numbers: dict[str, tuple[str, str, str, str]]
    ) -> None:
        """A footnote that gives only a place in the Official Journal's L series, marked in the
        sentence of an EU act's number ("Regulation (EU) 2021/696 ... establishing the Union Space Programme[^4]"
        with "[^4]: OJ L 170, 12.5.2021, p. 69."), says where that act was published: the place is
        no instrument of its own (`Forms.find` leaves out such a place in the act's own sentence)."""
        journal = {
            n for n, (entry_id, *_) in numbers.items() if any(place_of_act(c) for _, c in cited_in.get(entry_id, ()))
        }
        if not journal:
            return
        acts: dict[str, list[int]] = {}
        for places in cited_in.values():
            for item, c in places:
                if c.form != JOURNAL:
                    acts.setdefault(item.anchor, []).append(c.end)
        for item in self.items:
            ends = sorted(acts.get(item.anchor, ()))
            for token in tokenize(item.text) if ends else ():
                if token.kind != "fn" or token.value not in journal:
                    continue
                at = bisect_right(ends, token.start)
                if not at or not one_sentence(item.text, ends[at - 1], token.start):
                    continue
                note = self.document.footnotes[token.value]
                entry_id = numbers.pop(token.value)[0]
                journal.discard(token.value)
                kept = [(i, c) for i, c in cited_in.get(entry_id, []) if not (i is note and place_of_act(c))]
                if kept:
                    cited_in[entry_id] = kept
                else:
                    cited_in.pop(entry_id, None)

    def _footnote_numbers(self) -> dict[str, tuple[str, str, str, str]]:
        """The footnotes whose text is a reference alone ("7315/23.", "JOIN(2023) 9 final."):
        by footnote number, (id, reference, address, kind)."""
        out: dict[str, tuple[str, str, str, str]] = {}
        forms = self.words.forms
        for note in self.document.footnotes.values():
            text = note.text.strip().rstrip(".").strip()
            if not text:
                continue
            key = _register_key(text, whole=True)
            if key is not None:
                if not self._held(text):
                    out[note.number] = (*self._register(key), "council-document")
                continue
            citations = forms.find(text) if forms else []
            if len(citations) == 1 and citations[0].start == 0 and citations[0].end == len(text):
                c = citations[0]
                out[note.number] = (c.id, c.reference, c.url, c.kind)
        return out

    def _register(self, key: tuple[str, str, str]) -> tuple[str, str, str]:
        """(id, reference, address) of a Council document by its number."""
        number, year, version = key
        full = ("19" if int(year) >= 90 else "20") + year
        reference = f"ST {number}/{year}" + (f" {version}" if version else "")
        entry_id = f"st-{number}-{full}" + (f"-{slug(version)}" if version else "")
        return entry_id, reference, register_url(reference, self.language)

    def _number_after(
        self, item: Item, end: int, numbers: Mapping[str, tuple[str, str, str, str]]
    ) -> tuple[str, str, str, str] | None:
        """The reference of the footnote whose marker follows the words ending at `end`."""
        after = re.match(r"['’\"”»]?\s*\[\^(\w+)\]", item.text[end : end + 12])
        return numbers.get(after.group(1)) if after else None

    def _references(self) -> list[tuple[Item, Reference]]:
        """Council documents by number and conclusions by date, as `references.py` reads them."""
        by_anchor = {item.anchor: item for item in self.items}
        return [
            (by_anchor[r.item], r)
            for r in references_of(self.document, AT_ROOT, self.words.rules, identities([(self.document, AT_ROOT)]))
            if not self._held(r.words, r.date if r.form == DATE_TITLE else "")
        ]

    def _held(self, words: str, date: str = "") -> bool:
        """Whether the words name a text of the collection (they link to it, not to an instrument)."""
        if date:
            return date in self.held.dates
        key = number_key(words)
        return key is not None and key in self.held.numbers

    def _reference(
        self,
        item: Item,
        ref: Reference,
        numbers: Mapping[str, tuple[str, str, str, str]],
        by_date: Mapping[tuple[str, bool], tuple[str, str, str, str]],
    ) -> None:
        words = item.text[ref.start : ref.end]
        if ref.form != DATE_TITLE:
            key = _register_key(words)
            if key is None:
                return
            entry_id, reference, url = self._register(key)
            label = self.words.forms.council_document if self.words.forms else "Council document"
            name = f"{label} {reference}"
            self._instrument(entry_id, name, "council-document", url, item, words, "number", reference=reference)
            return
        body = "European Council" if ref.european_council else "Council"
        number = self._number_after(item, ref.end, numbers) or by_date.get((ref.date, ref.european_council))
        if number is not None:
            entry_id, reference, url, _kind = number
        else:
            entry_id = slug(f"{body} conclusions {ref.date}")
            reference = ""
            url = self.words.forms.register_search(ref.title or f"{body} conclusions") if self.words.forms else ""
        name = " ".join(words.split())
        self._instrument(
            entry_id, name, "council-document", url, item, words, "date and title", reference=reference, date=ref.date
        )

    def _citation(self, item: Item, c: Citation) -> None:
        words = item.text[c.start : c.end]
        date = ""
        if self.words.rules is not None:
            date = _date_after(item.text, c.end, self.words.rules)
        self._instrument(c.id, c.name, c.kind, c.url, item, words, "number", c.reference, c.celex, c.eli, date)

    def _named_documents(
        self,
        forms: Forms,
        numbers: Mapping[str, tuple[str, str, str, str]],
        cited: Mapping[str, list[tuple[Item, Citation]]],
        dated: set[tuple[str, int]],
    ) -> None:
        """Words that name a document by its kind and title, then give its number: in a
        footnote ("the Joint Communication on an 'X'[^7]" with "[^7]: 7315/23.") or in brackets
        ("the Joint Communication on 'X' (JOIN(2023) 9 final)"). `dated`: the places where a
        reference by date ends, whose footnote is that reference's."""
        places: list[tuple[Item, int, tuple[str, str, str, str]]] = []
        for item in self.items:
            if isinstance(item, Footnote):
                continue
            for token in tokenize(item.text):
                if token.kind == "fn" and token.value in numbers and (item.anchor, token.start) not in dated:
                    places.append((item, token.start, numbers[token.value]))
        for found in cited.values():
            for item, c in found:
                if (
                    isinstance(item, Footnote)
                    or item.text[c.start - 1 : c.start] != "("
                    or item.text[c.end : c.end + 1] != ")"
                ):
                    continue
                places.append((item, c.start - 1, (c.id, c.reference, c.url, c.kind)))
        for item, marker, (entry_id, reference, url, _kind) in places:
            end = marker
            while end > 0 and item.text[end - 1] == " ":
                end -= 1
            named = forms.named_at(item.text, end)
            if named is None:
                continue
            start, kind, title = named
            words = item.text[start:end]
            self._instrument(
                entry_id, " ".join(words.split()), kind.kind, url, item, words, "title and number", reference=reference
            )
            if title and len(title.split()) >= 2:
                self._add_title(entry_id, title)

    def _instrument(
        self,
        entry_id: str,
        name: str,
        kind: str,
        url: str,
        item: Item,
        words: str,
        how: str,
        reference: str = "",
        celex: str = "",
        eli: str = "",
        date: str = "",
    ) -> None:
        if not url or self._suppressed(INSTRUMENT, entry_id, words):
            return
        registry = self.keys.get(entry_id)
        if registry is not None:
            self.extras.append(Extra(registry, words, how=f"the same {_what(entry_id)} ({how})"))
            return
        if words in self.registry_patterns[INSTRUMENT] or words in self.shadowed:
            return
        found = self.new_instruments.get(entry_id)
        if found is None:
            description = _instrument_description(name, reference, self._words, item, how)
            entry = Instrument(
                id=entry_id,
                name=name,
                patterns=(),
                path=self.document.path,
                line=item.line,
                automatic=True,
                kind=kind,
                description=description,
                url=url,
                reference=reference,
                celex=celex,
                eli=eli,
                date=date,
            )
            found = self.new_instruments[entry_id] = _Found(entry, how)
        elif _better_name(found, how):
            # A name from a title says more than a number alone ("Council document ST 9675/23").
            found.entry = _renamed(found.entry, name, how, item, self._words)
            if found.entry.kind == KINDS[JOURNAL]:
                # The words before a place in the Journal say what the text there is.
                found.entry = replace(found.entry, kind=kind)
            found.how = how
        found.add(words)

    def _add_title(self, entry_id: str, title: str) -> None:
        """A document's title as more words for the instrument found here ("EU Ocean Strategy
        for Coastal Resilience", which a later paragraph may name again)."""
        if entry_id in self.new_instruments and title not in self.registry_patterns[INSTRUMENT]:
            self.new_instruments[entry_id].add(title)

    # -- terms -------------------------------------------------------------------------------------

    def terms(self) -> None:
        """Every abbreviation defined in brackets that neither registry knows; one defined twice
        with different words is left alone (the text does not settle it)."""
        seen: dict[str, tuple[Item, Definition]] = {}
        ambiguous: set[str] = set()
        for item in self.items:
            taken = [(m.start, m.end) for m in self.found[item.anchor].instruments] + self.cited.get(item.anchor, [])
            for d in definitions(item.text):
                if any(start <= d.short_start < end for start, end in taken):
                    continue  # "(CFSP)" in "Council Decision (CFSP) 2021/698"
                if d.short in seen and _fold(seen[d.short][1].long) != _fold(d.long):
                    ambiguous.add(d.short)
                seen.setdefault(d.short, (item, d))
        self.definitions = {short: found for short, found in seen.items() if short not in ambiguous}
        for short, (item, d) in self.definitions.items():
            entry_id = slug(short)
            if short in self.shadowed:
                continue
            known = self.terms_by_name.get(short) or self.terms_by_name.get(entry_id)
            if known is not None:
                # "the EU Ocean Programme Agency (EUOPA)": the registry's EUOPA takes its long
                # form too, which then no shorter name inside it takes ("EU Ocean Programme").
                if known.shared and d.long not in self.registry_patterns[TERM] and not self._suppressed(TERM, d.long):
                    self.extras.append(Extra(known, d.long, "the long form the text gives in brackets"))
                continue
            if not entry_id:
                continue
            if self._suppressed(TERM, entry_id, short):
                continue
            definition = self._words(
                "automatic.term_defined", where=_where(item, self._words), name=f"{_plain(d.long)} ({_plain(short)})"
            )
            entry = Term(
                id=entry_id,
                name=_plain(short),
                patterns=(),
                path=self.document.path,
                line=item.line,
                automatic=True,
                expansion=_plain(d.long),
                definition=definition,
            )
            found = self.new_terms[entry_id] = _Found(entry, "defined in brackets")
            found.add(short)
            # "ASAT (Anti-satellite)" and later "anti-satellite": capitalised only where it is defined.
            lower = d.long[:1].lower() + d.long[1:] if d.long[1:] == d.long[1:].lower() else ""
            for long in (d.long, lower):
                if long and not self._suppressed(TERM, long) and long not in self.registry_patterns[TERM]:
                    found.add(long)

    # -- actors ------------------------------------------------------------------------------------

    def actors(self, clauses: Mapping[int, Sequence[Clause]]) -> None:
        """The bodies requests ask to act, and those the text introduces with an abbreviation."""
        before = frozenset(self.registries.before_addressees)
        names = self.words.names
        for paragraph in self.document.paragraphs:
            registry = self.found[paragraph.anchor].actors
            for clause in clauses.get(paragraph.number, ()):
                if not clause.verb.request:
                    continue
                for name in _addressees(
                    paragraph.text, clause, before, self.registries.not_addressees_after, Same(names)
                ):
                    if any(name.start < m.end and m.start < name.end for m in registry):
                        continue
                    self._actor(paragraph, name, "asked to act")
        for short, (item, d) in self.definitions.items():
            if names.is_organisation(_plain(d.long)):
                self._actor(
                    item, Name(d.long_start, d.long_end, d.long, short, d.short_start), "named with its abbreviation"
                )

    def _actor(self, item: Item, name: Name, how: str) -> None:
        words = name.name
        if name.abbreviation in self.definitions:
            long = self.definitions[name.abbreviation][1].long
        elif words in self.definitions:
            # "INVITES ECMWF to": the text spelled the abbreviation out elsewhere.
            long = self.definitions[words][1].long
            name = Name(name.start, name.end, words, words, name.start)
        else:
            long = words
        abbreviation = name.abbreviation
        entry_id = slug(abbreviation or words)
        if not entry_id or self._suppressed(ACTOR, entry_id, words) or {words, long, abbreviation} & self.shadowed:
            return
        known = [w for w in (words, long, abbreviation) if w and w in self.registry_patterns[ACTOR]]
        spelled = (
            self.spellings.entry(long)
            or self.spellings.entry(words)
            or self.spellings.entry(_after_article(words, self.words.names.articles))
        )
        if not known and isinstance(spelled, Actor) and spelled.shared:
            # "the European Environmental Agency": the registry's European Environment Agency.
            self.extras.append(Extra(spelled, words, f"another spelling of '{spelled.patterns[0]}' ({how})"))
            return
        if known:
            owner = self.actors_by_name[known[0]]
            for w in (words, long, abbreviation):
                if w and w not in self.registry_patterns[ACTOR] and owner.shared:
                    self.extras.append(Extra(owner, w, how=f"the same actor ({how})"))
            return
        registry = self.actors_by_name.get(entry_id)
        if registry is not None and registry.id == entry_id:
            self.extras.append(Extra(registry, words, how=f"the same id ({how})"))
            return
        found = self.new_actors.get(entry_id)
        if found is None:
            display = _plain(long)
            display = display[:1].upper() + display[1:]
            where = _where(item, self._words)
            description = (
                self._words("automatic.actor_asked", where=where)
                if how == "asked to act"
                else self._words("automatic.actor_named", where=where, name=f"{display} ({_plain(abbreviation)})")
            )
            entry = Actor(
                id=entry_id,
                name=display,
                patterns=(),
                path=self.document.path,
                line=item.line,
                automatic=True,
                kind=ACTOR_KIND,
                description=description,
            )
            found = self.new_actors[entry_id] = _Found(entry, how)
        for w in (words, long if long != words else "", abbreviation):
            if w and not self._suppressed(ACTOR, w):
                found.add(w)

    # -- the result ----------------------------------------------------------------------------------

    def result(self) -> Automatic:
        instruments = _entries(self.new_instruments)
        terms = _entries(self.new_terms)
        actors = _entries(self.new_actors)
        names = self.words.names
        # Spellings and short forms, for the registry's entries and those found here.
        known_instruments = [*self.registries.instruments, *instruments]
        known_actors = [*self.registries.actors, *actors]
        texts = [item.text for item in self.items]
        taken = {p for kind in (INSTRUMENT, ACTOR) for p in self.registry_patterns[kind]}
        taken |= {p for e in (*instruments, *actors) for p in e.patterns}
        used = self._used_entries(known_instruments, known_actors, texts)
        spellings = spellings_of((*known_instruments, *known_actors), names)
        for extra in [*spellings.variants(texts, taken), *short_forms(used, taken, names)]:
            kind = INSTRUMENT if isinstance(extra.entry, Instrument) else ACTOR
            # A site's own entry says every word that names it: its patterns are a hand reading.
            mine = not (extra.entry.shared or extra.entry.automatic)
            if not mine and not self._suppressed(kind, extra.words):
                self.extras.append(extra)
        pairs: dict[str, list[tuple[str, Entry]]] = {INSTRUMENT: [], TERM: [], ACTOR: []}
        for kind, entries in ((INSTRUMENT, instruments), (TERM, terms), (ACTOR, actors)):
            pairs[kind] += [(p, e) for e in entries for p in e.patterns]
        how: dict[tuple[str, str, str], str] = {}
        after_article: set[str] = set()
        for extra in self.extras:
            kind = (
                INSTRUMENT if isinstance(extra.entry, Instrument) else TERM if isinstance(extra.entry, Term) else ACTOR
            )
            if extra.words in self.registry_patterns[kind]:
                continue
            pairs[kind].append((extra.words, extra.entry))
            how[(kind, extra.entry.id, extra.words)] = extra.how
            if extra.after_article:
                after_article.add(extra.words)
        return Automatic(
            instruments,
            terms,
            actors,
            (
                Matcher([], INSTRUMENT, _unique_pairs(pairs[INSTRUMENT]), lenient=True),  # type: ignore[arg-type]
                Matcher([], TERM, _unique_pairs(pairs[TERM]), lenient=True),  # type: ignore[arg-type]
                Matcher([], ACTOR, _unique_pairs(pairs[ACTOR]), lenient=True),  # type: ignore[arg-type]
            ),
            frozenset(after_article),
            names.short_form_after,
            how,
            {
                **{(INSTRUMENT, k): f.how for k, f in self.new_instruments.items()},
                **{(TERM, k): f.how for k, f in self.new_terms.items()},
                **{(ACTOR, k): f.how for k, f in self.new_actors.items()},
            },
            frozenset(self.used_suppressions),
        )

    def _used_entries(
        self, instruments: Sequence[Instrument], actors: Sequence[Actor], texts: Sequence[str]
    ) -> list[Entry]:
        """The entries whose full name the text writes: only those have short forms here."""
        used: dict[str, Entry] = {}
        for item in self.items:
            mentions = self.found[item.anchor]
            for m in [*mentions.instruments, *mentions.actors]:
                used.setdefault(m.entry.id, m.entry)
        for e in [*instruments, *actors]:
            if e.automatic:
                used.setdefault(e.id, e)
        return list(used.values())


class _Mentions(Protocol):
    """What an item mentions (`edition.ItemMentions`)."""

    @property
    def instruments(self) -> Sequence[Match[Instrument]]: ...

    @property
    def terms(self) -> Sequence[Match[Term]]: ...

    @property
    def actors(self) -> Sequence[Match[Actor]]: ...


def findings(items: Sequence[tuple[Item, _Mentions]], found: Automatic) -> tuple[Finding, ...]:
    """What the report lists: each entry found in the text and each set of words found for a
    registry entry, with the words that link to it and where they stand, in reading order."""
    gathered: dict[tuple[str, str], tuple[Entry, str, dict[str, None], dict[str, None]]] = {}
    for item, mentions in items:
        for kind, matches in ((INSTRUMENT, mentions.instruments), (TERM, mentions.terms), (ACTOR, mentions.actors)):
            for m in matches:
                how = found.how.get((kind, m.entry.id, m.pattern))
                if not m.entry.automatic and how is None:
                    continue
                key = (kind, m.entry.id) if m.entry.automatic else (kind, f"{m.entry.id}\n{m.pattern}")
                if key not in gathered:
                    gathered[key] = (m.entry, how or found.how_found.get((kind, m.entry.id), ""), {}, {})
                gathered[key][2].setdefault(" ".join(plain_text(m.pattern).split()), None)
                gathered[key][3].setdefault(place(item), None)
    out = []
    for (kind, _key), (entry, how, words, places) in gathered.items():
        address = getattr(entry, "url", "")
        out.append(Finding(kind, entry.id, entry.name, how, tuple(words), tuple(places), address, entry.automatic))
    return tuple(out)


def _by_name(entries: Sequence[E]) -> dict[str, E]:
    """Each entry by each of its patterns and by its id (the first entry that has it)."""
    out: dict[str, E] = {}
    for entry in entries:
        for name in (*entry.patterns, entry.id):
            out.setdefault(name, entry)
    return out


def _entries(found: Mapping[str, _Found[E]]) -> tuple[E, ...]:
    out = []
    for f in found.values():
        if f.patterns:
            out.append(_with_patterns(f.entry, tuple(f.patterns)))
    return tuple(out)


def _with_patterns(entry: E, patterns: tuple[str, ...]) -> E:
    return replace(entry, patterns=patterns)


def _unique_pairs(pairs: Iterable[tuple[str, Entry]]) -> list[tuple[str, Entry]]:
    """Each pattern once: words claimed by two entries link to neither (the text does not settle them)."""
    owners: dict[str, set[str]] = {}
    first: dict[str, Entry] = {}
    for pattern, entry in pairs:
        owners.setdefault(pattern, set()).add(entry.id)
        first.setdefault(pattern, entry)
    return [(p, first[p]) for p, ids in owners.items() if len(ids) == 1]


def _better_name(found: _Found[Instrument], how: str) -> bool:
    """A name from a title says more than one from a number alone ("Council document ST 9675/23")."""
    return found.how == "number" and how != "number"


def _renamed(entry: Instrument, name: str, how: str, item: Item, words: Interface) -> Instrument:
    return replace(entry, name=name, description=_instrument_description(name, entry.reference, words, item, how))


def _instrument_description(name: str, reference: str, words: Interface, item: Item, how: str) -> str:
    """What an instrument found in the text is, in the interface's words of the text's language."""
    cited = f"{name} ({reference})" if reference and reference not in name else name
    where = _where(item, words)
    if how == "date and title" and not reference:
        return words("automatic.description_search", cited=cited, where=where)
    return words("automatic.description", cited=cited, where=where)


def _where(item: Item, words: Interface) -> str:
    """Where an item stands, in the interface's words: 'paragraph 3', 'recital 2', 'footnote 8'."""
    if isinstance(item, Paragraph):
        return words("recalled.paragraph", number=item.shown)
    if isinstance(item, Recital):
        return words("recalled.recital", key=item.shown)
    return words("recalled.footnote", number=item.number)


def _what(entry_id: str) -> str:
    return "document" if entry_id.startswith("st-") else "act" if entry_id[:3] in ("reg", "dir", "dec") else "reference"


def _fold(words: str) -> str:
    return " ".join(words.replace("’", "'").split()).casefold()


def _plain(words: str) -> str:
    return " ".join(plain_text(words).split())


_REGISTER = re.compile(
    r"(?:(?:ST|doc\.|document)\s+)?(?P<number>\d{3,5})(?:/(?P<revision>\d{1,2}))?\s?/\s?(?P<year>\d{2})"
    r"(?:\s*\+?\s*(?P<version>REV|COR|ADD)\s?(?P<version_number>\d{1,2}))?"
)


def _register_key(text: str, whole: bool = False) -> tuple[str, str, str] | None:
    """(number, two-digit year, version) of a Council document's number in `text`."""
    m = _REGISTER.fullmatch(text.strip()) if whole else _REGISTER.search(text)
    if m is None:
        return None
    version = f"{m['version']} {m['version_number']}" if m["version"] else ""
    return m["number"], m["year"], version


def _date_after(text: str, end: int, rules: Rules) -> str:
    """The ISO date of an act cited "... 2021/698 of 30 April 2021"."""
    months = {name.lower(): i + 1 for i, name in enumerate(rules.months)}
    m = re.match(r"\s+\w+\s+(\d{1,2})\s+(\w+)\s+(\d{4})", text[end : end + 40])
    if not m or m.group(2).lower() not in months:
        return ""
    return f"{m.group(3)}-{months[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"


_ELI = re.compile(r"eli/(?P<type>[a-z_]+)/(?P<year>\d{4})/(?P<number>\d+)")
_CELEX_ACT = re.compile(r"3(?P<year>\d{4})(?P<letter>[RLD])0*(?P<number>\d+)")
_CELEX_JOIN = re.compile(r"5(?P<year>\d{4})JC0*(?P<number>\d+)")
_REGISTER_URL = re.compile(r"document/ST-(?P<number>\d+)-(?P<year>\d{4})-(?:INIT|(?P<version>REV|COR|ADD)-?(?P<n>\d+))")
_UN_SYMBOL = re.compile(r"A/RES/(?P<session>\d+)/(?P<number>\d+)")


def _registry_keys(instruments: Sequence[Instrument], forms: Forms | None) -> dict[str, Instrument]:
    """The ids a found reference would get, for each registry instrument that names the same
    text by its `reference`, `celex`, `eli` or `url` (and its own id)."""
    keys: dict[str, Instrument] = {}
    for entry in instruments:
        for key in _keys_of(entry, forms):
            keys.setdefault(key, entry)
    return keys


def _keys_of(entry: Instrument, forms: Forms | None) -> set[str]:
    keys = {entry.id}
    for text in (entry.reference, entry.eli, entry.url):
        if m := _ELI.search(text):
            keys.add(f"{m['type'].replace('_', '-')}-{m['year']}-{int(m['number'])}")
    if m := _CELEX_ACT.fullmatch(entry.celex):
        keys.add(f"{ {'R': 'reg', 'L': 'dir', 'D': 'dec'}[m['letter']] }-{m['year']}-{m['number']}")
    if m := _CELEX_JOIN.fullmatch(entry.celex):
        keys.add(f"join-{m['year']}-{m['number']}")
    if m := _REGISTER_URL.search(entry.url):
        version = f"-{m['version'].lower()}-{m['n']}" if m["version"] else ""
        keys.add(f"st-{m['number']}-{m['year']}{version}")
    for text in (entry.reference, entry.url):
        if m := _UN_SYMBOL.search(text):
            keys.add(f"a-res-{m['session']}-{m['number']}")
    if entry.reference:
        if forms is not None:
            keys.update(c.id for c in forms.find(entry.reference))
        # "ST 7371/22", "JOIN(2023) 9 final (Council document ST 7315/23)": a register number
        # said to be one ("ST", "document"), or the whole reference.
        for m in _REGISTER.finditer(entry.reference):
            said = m.group().startswith(("ST", "doc", "document"))
            if said or m.group() == entry.reference.strip():
                full = ("19" if int(m["year"]) >= 90 else "20") + m["year"]
                version = f"-{m['version'].lower()}-{m['version_number']}" if m["version"] else ""
                keys.add(f"st-{m['number']}-{full}{version}")
    return keys
