"""The cross-reference index: every mention, clause and backlink of one document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from .clauses import Clause, split_clauses
from .document_source import read_document
from .errors import Problems, SourceError
from .mentions import Match, Matcher
from .model import Actor, Document, Entry, Footnote, Instrument, Paragraph, Recital, Registries, Term, Verb, all_points
from .operative import opening_runs
from .registry_source import read_registries

Item = Paragraph | Recital | Footnote
E = TypeVar("E", bound=Entry)


@dataclass
class Backlink:
    """A mention of an entry in one item, with the clause (or whole text) around it."""

    item: Item
    match: Match
    clause: Clause | None = None

    @property
    def context(self) -> tuple[int, int]:
        if self.clause is not None:
            return self.clause.start, self.clause.end
        return 0, len(self.item.text)


@dataclass
class ItemMentions:
    instruments: list[Match[Instrument]] = field(default_factory=list)
    terms: list[Match[Term]] = field(default_factory=list)
    actors: list[Match[Actor]] = field(default_factory=list)


@dataclass
class Edition:
    """The document, its registries and everything that links them."""

    document: Document
    registries: Registries
    mentions: dict[int, ItemMentions]
    """Mentions per item, keyed by `id(item)`."""
    clauses: dict[int, list[Clause]]
    """Clauses per paragraph number."""
    instrument_links: dict[str, list[Backlink]]
    term_links: dict[str, list[Backlink]]
    actor_mentions: dict[str, list[Backlink]]
    actor_requests: dict[str, list[Clause]]
    verb_clauses: dict[str, list[Clause]]
    header_terms: dict[str, list[Match[Term]]]
    """Glossary mentions in the header's subject codes, keyed by code."""
    unused_shared: int = 0
    """Shared registry entries this text does not mention (not published)."""

    def of(self, item: Item) -> ItemMentions:
        return self.mentions[id(item)]

    def clause_at(self, paragraph: Paragraph, position: int) -> Clause | None:
        for clause in self.clauses.get(paragraph.number, []):
            if clause.start <= position < clause.end:
                return clause
        return None

    def items(self) -> list[Item]:
        return [*self.document.recitals, *self.document.paragraphs, *self.document.footnotes.values()]


def _check_used(matcher: Matcher, entries: list[Entry], texts: list[str], what: str, problems: Problems) -> None:
    """Every pattern of the site's own entries must occur somewhere: one that matches nothing
    is a typo or stale. The shared registry's entries may match nothing."""
    occurring = matcher.occurring("\n".join(texts))
    for entry in entries:
        if entry.shared:
            continue
        for pattern, line in zip(
            entry.patterns, entry.pattern_lines or [entry.line] * len(entry.patterns), strict=True
        ):
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


def build_edition(source_dir: Path) -> Edition:
    """Parse `source_dir` and link everything.

    Raises `SourceErrors` with every mistake found: the document and the registries are
    checked independently, then, if both read, everything that links them.
    """
    problems = Problems()
    document = read_document(source_dir, problems)
    # A pattern that "matches nothing" in a text with mistakes is mostly their echo.
    document_read_whole = not problems
    registries = read_registries(source_dir, problems)
    if document is None:
        problems.raise_any()
    assert document is not None
    try:
        instruments = Matcher(registries.instruments, "instrument")
        terms = Matcher(registries.terms, "term")
        actors = Matcher(registries.actors, "actor")
        verbs: Matcher[Verb] = Matcher(registries.verbs, "verb")
    except SourceError as error:
        # Two entries claim one pattern: nothing can be matched until that is settled.
        problems.add(error)
        problems.raise_any()

    items: list[Item] = [*document.recitals, *document.paragraphs, *document.footnotes.values()]
    texts = [item.text for item in items]
    if document_read_whole:
        _check_used(instruments, registries.instruments, texts, "instrument", problems)
        _check_used(terms, registries.terms, [*texts, *document.header.subject_codes], "term", problems)
        _check_used(actors, registries.actors, texts, "actor", problems)
        _check_used(verbs, registries.verbs, [p.text for p in document.paragraphs], "verb", problems)
    paragraphs_text = "\n".join(p.text for p in document.paragraphs)
    for phrase, line in zip(registries.not_addressees_after, registries.not_addressees_lines, strict=True):
        if document_read_whole and line and phrase not in paragraphs_text:
            problems.add(
                SourceError(
                    registries.verbs_path,
                    line,
                    f"phrase '{phrase}' under 'not_addressees_after' occurs in no numbered paragraph; "
                    "correct or remove it",
                )
            )
    with problems.collect():
        _check_verbs_known(document, verbs, registries.verbs_path)
    problems.raise_any()

    mentions: dict[int, ItemMentions] = {}
    clauses: dict[int, list[Clause]] = {}
    instrument_links: dict[str, list[Backlink]] = {e.id: [] for e in registries.instruments}
    term_links: dict[str, list[Backlink]] = {e.id: [] for e in registries.terms}
    actor_mentions: dict[str, list[Backlink]] = {e.id: [] for e in registries.actors}
    actor_requests: dict[str, list[Clause]] = {e.id: [] for e in registries.actors}
    verb_clauses: dict[str, list[Clause]] = {e.id: [] for e in registries.verbs}

    edition = Edition(
        document,
        registries,
        mentions,
        clauses,
        instrument_links,
        term_links,
        actor_mentions,
        actor_requests,
        verb_clauses,
        {},
    )
    for item in items:
        found = ItemMentions(instruments.find(item.text), terms.find(item.text), actors.find(item.text))
        found.instruments = _outside_longer_terms(found.instruments, found.terms)
        _check_crossing(found, item.text)
        mentions[id(item)] = found
        if isinstance(item, Paragraph):
            clauses[item.number] = split_clauses(
                item, verbs, found.actors, registries.not_addressees_after, registries.before_addressees
            )
            for clause in clauses[item.number]:
                verb_clauses[clause.verb.id].append(clause)
                for actor in clause.addressees:
                    actor_requests[actor.id].append(clause)
        for match in found.instruments:
            instrument_links[match.entry.id].append(_backlink(edition, item, match))
        for match in found.terms:
            term_links[match.entry.id].append(_backlink(edition, item, match))
        for match in found.actors:
            link = _backlink(edition, item, match)
            if link.clause is None or match.entry not in link.clause.addressees:
                actor_mentions[match.entry.id].append(link)
    for code in document.header.subject_codes:
        edition.header_terms[code] = terms.find(code)
    edition.registries, edition.unused_shared = _published(registries, edition)
    return edition


def _published(registries: Registries, edition: Edition) -> tuple[Registries, int]:
    """What this text uses: a shared entry it never mentions gets no page and no list entry."""
    in_header = {m.entry.id for matches in edition.header_terms.values() for m in matches}

    def used(entries: tuple[E, ...], mentioned: Callable[[str], bool]) -> tuple[E, ...]:
        return tuple(e for e in entries if not e.shared or mentioned(e.id))

    published = replace(
        registries,
        instruments=used(registries.instruments, lambda i: bool(edition.instrument_links[i])),
        terms=used(registries.terms, lambda i: bool(edition.term_links[i]) or i in in_header),
        actors=used(registries.actors, lambda i: bool(edition.actor_mentions[i] or edition.actor_requests[i])),
        verbs=used(registries.verbs, lambda i: bool(edition.verb_clauses[i])),
    )
    everything = (registries.instruments, registries.terms, registries.actors, registries.verbs)
    kept = (published.instruments, published.terms, published.actors, published.verbs)
    return published, sum(len(a) - len(b) for a, b in zip(everything, kept, strict=True))


def _check_verbs_known(document: Document, verbs: Matcher[Verb], verbs_path: str) -> None:
    """An upper-case run that opens a clause is an operative verb: one that verbs.yml lacks
    would silently cost its clause, so it stops the build and names the entry to add."""
    unknown: list[tuple[Paragraph, int, str]] = []
    for paragraph in document.paragraphs:
        known = {m.start for m in verbs.find(paragraph.text)}
        for run in opening_runs(paragraph.text):
            if run.start not in known:
                unknown.append((paragraph, run.start, run.words))
    if not unknown:
        return
    paragraph, offset, words = unknown[0]
    line = next((p.line for p in all_points(paragraph.points) if p.start <= offset < p.end), paragraph.line)
    others = sorted({w for _, _, w in unknown[1:]} - {words})
    more = f" (also unknown: {', '.join(others)})" if others else ""
    raise SourceError(
        document.path,
        line,
        f"'{words}' opens a clause of paragraph {paragraph.number} but is not an operative verb in {verbs_path}; "
        f"add '- verb: {words}' with 'forms: [{words}]' and 'request: true' if it asks someone to act, "
        f"else 'request: false'{more}",
    )


def _backlink(edition: Edition, item: Item, match: Match) -> Backlink:
    clause = edition.clause_at(item, match.start) if isinstance(item, Paragraph) else None
    return Backlink(item, match, clause)


def _outside_longer_terms(instruments: list[Match[Instrument]], terms: list[Match[Term]]) -> list[Match[Instrument]]:
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
                        b.entry.pattern_lines[b.entry.patterns.index(b.pattern)]
                        if b.entry.pattern_lines
                        else b.entry.line,
                        f"term '{b.entry.id}' ('{b.pattern}') cuts across instrument '{a.entry.id}' ('{a.pattern}') "
                        f'in "{text[min(a.start, b.start) : max(a.end, b.end)]}"; align the patterns',
                    )
