"""The cross-reference index: every mention, clause and backlink of one document.

`build_edition` follows the data: load (the document and the registries, each mistake
collected), check (what links them: every pattern of the site's own occurs, every verb that
opens a clause is known), match (each item's mentions, each paragraph's clauses) and link
(every entry's backlinks, and which shared entries the text uses). The relations live here,
in `Edition`, keyed by ids and item anchors: the model's objects are never changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from . import automatic as reading
from .automatic import NOTHING, NOTHING_HELD, Automatic, Finding, RegistryMentions, Words
from .clauses import Clause, split_clauses
from .document_source import read_document
from .errors import Problems, SourceError
from .interface import ENGLISH, Interface, interface, read_site_words
from .languages import REGISTRY_LANGUAGE, registries_in
from .layout import language_folders
from .mentions import Match, Matcher, searching_once
from .model import Actor, Document, Entry, Footnote, Instrument, Paragraph, Recital, Registries, Term, Verb, all_points
from .operative import opening_runs, preamble_speaks, speakers
from .references import Held, Reference
from .registry_source import read_registries
from .remembered import recent
from .urls import AT_ROOT, DocumentUrls

Item = Paragraph | Recital | Footnote
"""What the text is made of: each has an `anchor`, unique in its document."""
E = TypeVar("E", bound=Entry)
E_co = TypeVar("E_co", bound=Entry, covariant=True)


@dataclass(frozen=True)
class Backlink(Generic[E_co]):
    """A mention of an entry in one item, with the clause (or whole text) around it."""

    item: Item
    match: Match[E_co]
    clause: Clause | None = None

    @property
    def context(self) -> tuple[int, int]:
        """Where the words around the mention start and end in the item's text."""
        if self.clause is not None:
            return self.clause.start, self.clause.end
        return 0, len(self.item.text)


@dataclass(frozen=True)
class ItemMentions:
    """What one item mentions, in reading order."""

    instruments: tuple[Match[Instrument], ...] = ()
    terms: tuple[Match[Term], ...] = ()
    actors: tuple[Match[Actor], ...] = ()


@dataclass(frozen=True)
class Edition:
    """The document, its registries and everything that links them."""

    document: Document
    registries: Registries
    """The entries the text uses: the site's own, and the shared ones it mentions."""
    mentions: Mapping[str, ItemMentions]
    """Mentions per item, keyed by the item's anchor ('p21', 'r3', 'fn:8')."""
    clauses: Mapping[int, tuple[Clause, ...]]
    """Clauses per paragraph number."""
    instrument_links: Mapping[str, tuple[Backlink[Instrument], ...]]
    term_links: Mapping[str, tuple[Backlink[Term], ...]]
    actor_mentions: Mapping[str, tuple[Backlink[Actor], ...]]
    """Mentions of each actor other than the requests to it, by entry id (so are the others)."""
    actor_requests: Mapping[str, tuple[Clause, ...]]
    verb_clauses: Mapping[str, tuple[Clause, ...]]
    header_terms: Mapping[str, tuple[Match[Term], ...]]
    """Glossary mentions in the header's subject codes, keyed by code."""
    unused_shared: int = 0
    """Shared registry entries this text does not mention (not published)."""
    urls: DocumentUrls = AT_ROOT
    """Where the document's pages and files are: the site root, or its prefix in a collection."""
    references: Mapping[str, tuple[Reference, ...]] = field(default_factory=dict)
    """What each item names of the other documents of the collection, by item anchor (in a
    collection; resolved or not)."""
    recalled_in: tuple[Reference, ...] = ()
    """Where the other documents of the collection name this one."""
    automatic: tuple[Finding, ...] = ()
    """What the text gave of itself (`automatic.py`): each entry found, and the words found for
    registry entries, with where they stand; for the build log and the import report."""
    suppressions_used: frozenset[tuple[str, str]] = frozenset()
    """The (kind, value) of the site's `suppress:` items that held something back here."""
    interface: Interface = ENGLISH
    """The words of the interface in the document's language."""

    def references_of(self, item: Item) -> tuple[Reference, ...]:
        """The references to other documents in `item`'s words."""
        return self.references.get(item.anchor, ())

    def of(self, item: Item) -> ItemMentions:
        """What `item` mentions."""
        return self.mentions[item.anchor]


def build_edition(source_dir: Path) -> Edition:
    """Read the document and the registries in `source_dir` and link them.

    Raises `SourceErrors` with every mistake found: the document and the registries are
    checked independently, then, if both read, everything that links them.

    Args:
        source_dir: the site's `docs_dir` (`source/`): `document.md` and the registry files.
    """
    problems = Problems()
    registries = read_registries(source_dir, problems)
    words = reading.read_words(source_dir, problems)
    # Beside language versions, the site's own entries may be used by a version alone (`site.py` checks).
    alone = not language_folders(source_dir)
    site_words = read_site_words(source_dir, problems)
    edition = link_document(source_dir, registries, problems, check_used=alone, words=words, site_words=site_words)
    problems.raise_any()
    assert edition is not None
    return edition


def link_document(
    document_dir: Path,
    registries: Registries,
    problems: Problems,
    urls: DocumentUrls = AT_ROOT,
    check_used: bool = True,
    shown_as: str = "",
    words: Mapping[str, Words] | None = None,
    held: Held = NOTHING_HELD,
    site_words: Mapping[str, Mapping[str, object]] | None = None,
) -> Edition | None:
    """The edition of the document in `document_dir`, with `registries` (read by the caller,
    once for every document of a collection); None when it has a mistake, each added to `problems`.

    Args:
        document_dir: the folder of `document.md`.
        registries: the site's registries over the shared ones; mistakes in them are in
            `problems` already.
        problems: where every mistake goes.
        urls: where the document's pages go.
        check_used: whether every pattern of the site's own registries must occur in this
            document; in a collection it must occur in one of them (`check_used_across`).
        shown_as: how errors name the document's folder ('source/documents/st-9876-2024').
        words: what the automatic reading looks for, by language (`automatic.read_words`);
            None: the text gives nothing of itself.
        held: in a collection, the texts it holds: words that name one of them link to it.
        site_words: the interface words the site replaces, by language (`interface.read_site_words`).
    """
    mine = Problems()
    document = read_document(document_dir, mine, shown_as=shown_as)
    # A pattern that "matches nothing" in a text with mistakes is mostly their echo.
    read_whole = not mine
    if document is None:
        problems.extend(mine)
        return None
    if document.header.language != REGISTRY_LANGUAGE:
        # A text is read in its own language: the entries' names, patterns and addresses in it,
        # where the registry gives them ('le Conseil' is the Council), as a language version's are.
        registries = registries_in(registries, document.header.language)
    try:
        matchers = _matchers(registries, mine)
    except SourceError:
        problems.extend(mine)
        return None
    with searching_once():
        _check(document, registries, matchers, read_whole and check_used, mine)
        if mine:
            problems.extend(mine)
            return None
        found = _match(
            document, registries, matchers, reading.words_for(words, document.header.language) if words else None, held
        )
    if check_used:
        _check_suppressions_used(registries, found.suppressions_used, mine)
        if mine:
            problems.extend(mine)
            return None
    words_of_interface = interface(document.header.language, site_words)
    return replace(_link(document, registries, found, matchers.terms), urls=urls, interface=words_of_interface)


# -- load ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Matchers:
    instruments: Matcher[Instrument]
    terms: Matcher[Term]
    actors: Matcher[Actor]
    verbs: Matcher[Verb]


def _matchers(registries: Registries, problems: Problems) -> _Matchers:
    try:
        return _compiled(registries)
    except SourceError as error:
        # Two entries claim one pattern: nothing can be matched until that is settled.
        problems.add(error)
        problems.raise_any()
        raise


def _compiled(registries: Registries) -> _Matchers:
    """The registries' matchers: the same objects for equal entries (`_matcher`), under which
    what each item's text matched is kept while serving (`mentions._candidates`)."""
    return _Matchers(
        _matcher(registries.instruments, "instrument"),
        _matcher(registries.terms, "term"),
        _matcher(registries.actors, "actor"),
        _matcher(registries.verbs, "verb"),
    )


# Every text of a collection, every build and every rebuild under `mkdocs serve` reads the
# same registries (one set per language and per state of their files): a kind's matcher is
# made once for equal entries. Safe to share: the entries are frozen and hashed by value, and
# a matcher is never changed once made. Bounded: a site's languages times the states of its
# registry files that a process sees, each a few hundred kilobytes at most; a matcher whose
# entries claim one pattern twice raises, and is not kept.
@lru_cache(maxsize=64)
def _matcher(entries: tuple[E, ...], what: str) -> Matcher[E]:
    return Matcher(entries, what)


def _items(document: Document) -> list[Item]:
    return [*document.recitals, *document.paragraphs, *document.footnotes.values()]


# -- check -----------------------------------------------------------------------------------


def occurring(document: Document, registries: Registries) -> Occurring:
    """The patterns of `registries` and the phrases that occur in `document` (in a collection,
    every pattern of the site's own registries must occur in one of its documents)."""
    return _occurring([document], registries, _matchers(registries, Problems()))


def report_unused_across(found: Sequence[Occurring], registries: Registries, problems: Problems) -> None:
    """Add to `problems` each pattern of the site's own registries that occurs in none of the
    documents, given what `occurring` found in each."""
    _report_unused(Occurring.union(found), registries, problems)


def _check(
    document: Document, registries: Registries, matchers: _Matchers, check_used: bool, problems: Problems
) -> None:
    """Add to `problems` every mistake in what links the document and the registries."""
    if check_used:
        _check_all_used([document], registries, matchers, problems)
    with problems.collect():
        _check_verbs_known(document, matchers.verbs, registries.verbs_path)


@dataclass(frozen=True)
class Occurring:
    """The patterns of each kind, and the phrases, that occur in some texts."""

    instruments: frozenset[str]
    terms: frozenset[str]
    actors: frozenset[str]
    verbs: frozenset[str]
    phrases: frozenset[str]

    @staticmethod
    def union(found: Sequence[Occurring]) -> Occurring:
        return Occurring(
            *(
                frozenset().union(*(getattr(f, kind) for f in found))
                for kind in ("instruments", "terms", "actors", "verbs", "phrases")
            )
        )


def _check_all_used(
    documents: Sequence[Document], registries: Registries, matchers: _Matchers, problems: Problems
) -> None:
    _report_unused(_occurring(documents, registries, matchers), registries, problems)


def _occurring(documents: Sequence[Document], registries: Registries, matchers: _Matchers) -> Occurring:
    texts = [item.text for document in documents for item in _items(document)]
    paragraphs = [p.text for document in documents for p in document.paragraphs]
    codes = [code for document in documents for code in document.header.subject_codes]
    paragraphs_text = "\n".join(paragraphs)
    return Occurring(
        _occurring_in(matchers.instruments, texts),
        _occurring_in(matchers.terms, [*texts, *codes]),
        _occurring_in(matchers.actors, texts),
        _occurring_in(matchers.verbs, paragraphs),
        frozenset(phrase for phrase in registries.not_addressees_after if phrase in paragraphs_text),
    )


def _occurring_in(matcher: Matcher[E], texts: Sequence[str]) -> frozenset[str]:
    # Text by text: a match may not cut into markup, which is checked against every tag of
    # the text searched; one text made of all of them would make that quadratic.
    occurring: set[str] = set()
    for text in texts:
        occurring |= matcher.occurring(text)
    return frozenset(occurring)


def _report_unused(occurring: Occurring, registries: Registries, problems: Problems) -> None:
    _check_used(registries.instruments, occurring.instruments, "instrument", problems)
    _check_used(registries.terms, occurring.terms, "term", problems)
    _check_used(registries.actors, occurring.actors, "actor", problems)
    _check_used(registries.verbs, occurring.verbs, "verb", problems)
    _check_phrases_used(registries, occurring.phrases, problems)


def _check_used(entries: Sequence[E], occurring: frozenset[str], what: str, problems: Problems) -> None:
    """Every pattern of the site's own entries must occur somewhere: one that matches nothing
    is a typo or stale. The shared registry's entries may match nothing."""
    for entry in entries:
        if entry.shared:
            continue
        for pattern, line in entry.located_patterns():
            if pattern in occurring:
                continue
            if isinstance(entry, Verb):
                message = (
                    f"form '{pattern}' of verb '{entry.name}' occurs in no numbered paragraph; correct or remove it"
                )
            else:
                message = (
                    f"pattern '{pattern}' of {what} '{entry.id}' matches nothing in the text; correct or remove it"
                )
            problems.add(SourceError(entry.path, line, message))


def _check_phrases_used(registries: Registries, occurring: frozenset[str], problems: Problems) -> None:
    """Every phrase of the site's own `not_addressees_after` must occur in a paragraph."""
    for phrase, line in zip(registries.not_addressees_after, registries.not_addressees_lines, strict=True):
        if line and phrase not in occurring:
            problems.add(
                SourceError(
                    registries.verbs_path,
                    line,
                    f"phrase '{phrase}' under 'not_addressees_after' occurs in no numbered paragraph; "
                    "correct or remove it",
                )
            )


def _check_verbs_known(document: Document, verbs: Matcher[Verb], verbs_path: str) -> None:
    """An upper-case run that opens a clause is an operative verb: one that verbs.yml lacks
    would silently cost its clause, so it stops the build and names the entry to add."""
    unknown = [
        (paragraph, start, words)
        for paragraph in document.paragraphs
        for start, words in _unknown_runs(verbs, paragraph.text)
    ]
    if not unknown:
        return
    paragraph, offset, words = unknown[0]
    line = next(
        (p.line for p in all_points(paragraph.points) if p.start <= offset < p.end),
        paragraph.closing_line if 0 < paragraph.closing <= offset else paragraph.line,
    )
    others = sorted({w for _, _, w in unknown[1:]} - {words})
    more = f" (also unknown: {', '.join(others)})" if others else ""
    verb = next((v for v, _ in verbs.owner.values() if v.name.casefold() == words.casefold()), None)
    if verb is not None:
        # A site's own entry may list fewer spellings than another text of a collection uses.
        raise SourceError(
            verb.path,
            verb.line,
            f"'{words}' opens a clause of paragraph {paragraph.number} of {document.path}, but verb '{verb.name}' "
            f"lists only the forms {', '.join(verb.patterns)}; add '{words}' to its forms{more}",
        )
    raise SourceError(
        document.path,
        line,
        f"'{words}' opens a clause of paragraph {paragraph.number} but is not an operative verb in {verbs_path}; "
        f"add '- verb: {words}' with 'forms: [{words}]' and 'request: true' if it asks someone to act, "
        f"else 'request: false'{more}",
    )


@recent
def _unknown_runs(verbs: Matcher[Verb], text: str) -> tuple[tuple[int, str], ...]:
    """Where a clause of `text` opens with upper-case words no verb has, and those words; kept
    while serving (`remembered.recent`)."""
    known = {m.start for m in verbs.find(text)}
    return tuple((run.start, run.words) for run in opening_runs(text) if run.start not in known)


# -- match -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """What each item mentions, and each paragraph's clauses."""

    mentions: dict[str, ItemMentions]
    clauses: dict[int, tuple[Clause, ...]]
    automatic: Automatic = NOTHING
    suppressions_used: frozenset[tuple[str, str]] = frozenset()


def _match(
    document: Document,
    registries: Registries,
    matchers: _Matchers,
    words: Words | None = None,
    held: Held = NOTHING_HELD,
) -> _Found:
    """Each item's mentions and each paragraph's clauses: the registry's, then what the text
    gives of itself (`automatic.py`) on the words the registry leaves."""
    items = _items(document)
    registry: dict[str, RegistryMentions] = {}
    for item in items:
        # In this order: each may stop the build with the first claim it finds on the same words.
        instruments = matchers.instruments.find(item.text)
        terms = matchers.terms.find(item.text)
        actors = matchers.actors.find(item.text)
        registry[item.anchor] = RegistryMentions(instruments, terms, actors)
    speaking = speakers(document.header.title)
    sentence_case = preamble_speaks(document.preamble, speaking)
    by_registry = {
        p.number: _clauses(p, matchers, registries, registry[p.anchor].actors, speaking, sentence_case)
        for p in document.paragraphs
    }
    found = reading.read(document, registries, registry, by_registry, words, held) if words is not None else NOTHING
    mentions: dict[str, ItemMentions] = {}
    clauses: dict[int, tuple[Clause, ...]] = {}
    for item in items:
        own = registry[item.anchor]
        instruments = found.instruments_in(item.text, own.instruments, own.terms)
        terms = found.terms_in(item.text, own.terms, instruments)
        actors = found.actors_in(item.text, own.actors)
        item_mentions = ItemMentions(tuple(_outside_longer_terms(instruments, terms)), tuple(terms), tuple(actors))
        _check_crossing(item_mentions, item.text)
        mentions[item.anchor] = item_mentions
        if isinstance(item, Paragraph):
            same = len(actors) == len(own.actors)
            clauses[item.number] = (
                by_registry[item.number]
                if same
                else _clauses(item, matchers, registries, actors, speaking, sentence_case)
            )
    return _Found(mentions, clauses, found, found.suppressions_used)


def _clauses(
    paragraph: Paragraph,
    matchers: _Matchers,
    registries: Registries,
    actors: Sequence[Match[Actor]],
    speaking: tuple[str, ...],
    sentence_case: bool,
) -> tuple[Clause, ...]:
    return _split(
        paragraph,
        matchers.verbs,
        tuple(actors),
        registries.not_addressees_after,
        registries.before_addressees,
        speaking,
        sentence_case,
    )


@recent
def _split(
    paragraph: Paragraph,
    verbs: Matcher[Verb],
    actors: tuple[Match[Actor], ...],
    not_after: tuple[str, ...],
    before: tuple[str, ...],
    speaking: tuple[str, ...],
    sentence_case: bool,
) -> tuple[Clause, ...]:
    """`split_clauses`, kept while serving (`remembered.recent`): an unchanged paragraph's
    clauses are found again."""
    return tuple(split_clauses(paragraph, verbs, actors, not_after, before, speaking, sentence_case))


def _check_suppressions_used(registries: Registries, used: frozenset[tuple[str, str]], problems: Problems) -> None:
    """Every `suppress:` item of the site's files must hold something back: one that does not is a typo or stale."""
    for s in registries.suppressed:
        if (s.kind, s.value) not in used:
            problems.add(
                SourceError(
                    s.path,
                    s.line,
                    f"suppress '{s.value}' names no {s.kind} found in the text, nor words found for one; "
                    "correct or remove it (the build log lists what was found)",
                )
            )


def _outside_longer_terms(
    instruments: Sequence[Match[Instrument]], terms: Sequence[Match[Term]]
) -> list[Match[Instrument]]:
    """A longer term is the more specific reading: 'EU Space Programme Agency' is not the programme."""
    return [
        m
        for m in instruments
        if not any(t.start <= m.start and m.end <= t.end and t.end - t.start > m.end - m.start for t in terms)
    ]


def _check_crossing(found: ItemMentions, text: str) -> None:
    """An instrument and a term may share words, or one may hold the other, but not cut across."""
    for a in found.instruments:
        for b in found.terms:
            if a.start < b.end and b.start < a.end:
                nested = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
                if not nested:
                    raise SourceError(
                        b.entry.path,
                        b.entry.line_of(b.pattern),
                        f"term '{b.entry.id}' ('{b.pattern}') cuts across instrument '{a.entry.id}' ('{a.pattern}') "
                        f'in "{text[min(a.start, b.start) : max(a.end, b.end)]}"; align the patterns',
                    )


# -- link ------------------------------------------------------------------------------------


def _link(document: Document, registries: Registries, found: _Found, terms: Matcher[Term]) -> Edition:
    """The backlinks of every entry, and the edition of what the text uses."""
    auto = found.automatic
    registries = replace(
        registries,
        instruments=(*registries.instruments, *auto.instruments),
        terms=(*registries.terms, *auto.terms),
        actors=(*registries.actors, *auto.actors),
    )
    instrument_links: dict[str, list[Backlink[Instrument]]] = {e.id: [] for e in registries.instruments}
    term_links: dict[str, list[Backlink[Term]]] = {e.id: [] for e in registries.terms}
    actor_mentions: dict[str, list[Backlink[Actor]]] = {e.id: [] for e in registries.actors}
    actor_requests: dict[str, list[Clause]] = {e.id: [] for e in registries.actors}
    verb_clauses: dict[str, list[Clause]] = {e.id: [] for e in registries.verbs}
    for item in _items(document):
        mentions = found.mentions[item.anchor]
        clauses = found.clauses.get(item.number, ()) if isinstance(item, Paragraph) else ()
        for clause in clauses:
            verb_clauses[clause.verb.id].append(clause)
            for addressee in clause.addressees:
                actor_requests[addressee.id].append(clause)
        for instrument in mentions.instruments:
            instrument_links[instrument.entry.id].append(
                Backlink(item, instrument, _clause_at(clauses, instrument.start))
            )
        for term in mentions.terms:
            term_links[term.entry.id].append(Backlink(item, term, _clause_at(clauses, term.start)))
        for actor in mentions.actors:
            around = _clause_at(clauses, actor.start)
            if around is None or actor.entry not in around.addressees:
                actor_mentions[actor.entry.id].append(Backlink(item, actor, around))
    header_terms = {code: tuple(terms.find(code)) for code in document.header.subject_codes}
    in_header = {m.entry.id for matches in header_terms.values() for m in matches}
    published = replace(
        registries,
        instruments=_used(registries.instruments, lambda i: bool(instrument_links[i])),
        terms=_used(registries.terms, lambda i: bool(term_links[i]) or i in in_header),
        actors=_used(registries.actors, lambda i: bool(actor_mentions[i] or actor_requests[i])),
        verbs=_used(registries.verbs, lambda i: bool(verb_clauses[i])),
    )
    everything = (registries.instruments, registries.terms, registries.actors, registries.verbs)
    kept = (published.instruments, published.terms, published.actors, published.verbs)
    automatic_found = reading.findings([(item, found.mentions[item.anchor]) for item in _items(document)], auto)
    return Edition(
        document,
        published,
        found.mentions,
        found.clauses,
        _frozen(instrument_links),
        _frozen(term_links),
        _frozen(actor_mentions),
        _frozen(actor_requests),
        _frozen(verb_clauses),
        header_terms,
        unused_shared=sum(
            sum(1 for e in a if not e.automatic) - sum(1 for e in b if not e.automatic)
            for a, b in zip(everything, kept, strict=True)
        ),
        automatic=automatic_found,
        suppressions_used=found.suppressions_used,
    )


def check_suppressions_across(editions: Sequence[Edition], registries: Registries, problems: Problems) -> None:
    """In a collection: every `suppress:` item of the site's files holds something back in one of the texts."""
    used = frozenset().union(*(e.suppressions_used for e in editions))
    _check_suppressions_used(registries, used, problems)


T = TypeVar("T")


def _frozen(links: dict[str, list[T]]) -> dict[str, tuple[T, ...]]:
    return {key: tuple(values) for key, values in links.items()}


def _used(entries: tuple[E, ...], mentioned: Callable[[str], bool]) -> tuple[E, ...]:
    """What this text uses: a shared entry, or one found in the text, that it never mentions
    gets no page and no list entry."""
    return tuple(e for e in entries if not (e.shared or e.automatic) or mentioned(e.id))


def _clause_at(clauses: Sequence[Clause], position: int) -> Clause | None:
    for clause in clauses:
        if clause.start <= position < clause.end:
            return clause
    return None
