"""One text in several languages: a document's language versions, aligned item by item.

The Council publishes a text in every official language with the same recitals, paragraphs,
points and footnotes, numbered and lettered alike. A site may hold other language versions
of a document beside it (`layout.LANGUAGES`); each is read and linked as a document of its
own, published under its document's prefix and its language code (`urls.language_version`),
and checked against its document here: the same structure, or the build (and the import)
stops at the first difference. Aligned, every page of one version has its counterpart in
each other version: `alternates` pairs them, for the `hreflang` links and the language switch.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from .errors import Problems, SourceError, shown
from .interface import interface
from .model import Actor, Document, Entry, Instrument, Kind, Paragraph, Point, Recital, Registries, Term
from .urls import Site, request_anchor, site_path

if TYPE_CHECKING:
    # Named in signatures only: the linking (`edition.py`) reads the registries in its text's language here.
    from .collection import Collection
    from .edition import Edition

E = TypeVar("E", bound=Entry)

LANGUAGE_NAMES = {
    "bg": "български",
    "cs": "čeština",
    "da": "dansk",
    "de": "Deutsch",
    "el": "ελληνικά",
    "en": "English",
    "es": "español",
    "et": "eesti",
    "fi": "suomi",
    "fr": "français",
    "ga": "Gaeilge",
    "hr": "hrvatski",
    "hu": "magyar",
    "it": "italiano",
    "lt": "lietuvių",
    "lv": "latviešu",
    "mt": "Malti",
    "nl": "Nederlands",
    "pl": "polski",
    "pt": "português",
    "ro": "română",
    "sk": "slovenčina",
    "sl": "slovenščina",
    "sv": "svenska",
}
"""Each official language by its own name (how EUR-Lex's language menu names it): a reader
looks for their language in its own words, whatever the page's language."""


def language_name(code: str) -> str:
    """A language by its own name ('fr' -> 'français'); the code itself when unknown."""
    return LANGUAGE_NAMES.get(code, code)


def switch_label(language: str) -> str:
    """The accessible name of the language switch, in the page's language (the package's
    interface words, `lang/*.yml`)."""
    return interface(language)("nav.language_versions")


# -- the registries in a version's language ------------------------------------------------------

_EUR_LEX = re.compile(r"^(https://eur-lex\.europa\.eu/legal-content/)[A-Z]{2}(/)")
_EUR_LEX_ELI = re.compile(r"^https://eur-lex\.europa\.eu/eli/([^?#]+)(?:\?locale=[a-z]{2})?$")
_ELI = re.compile(r"^https?://data\.europa\.eu/eli/([^?#]+?)/?$")
_REGISTER = re.compile(r"^(https://data\.consilium\.europa\.eu/doc/document/[^/]+/)[a-z]{2}(/pdf)$")
_COUNCIL = re.compile(r"^(https://www\.consilium\.europa\.eu/)[a-z]{2}(/)")
_UN = re.compile(r"^(https://undocs\.org/)[a-z]{2}(/)")
UN_LANGUAGES = frozenset({"ar", "en", "es", "fr", "ru", "zh"})
"""The United Nations' official languages: its documents exist in these."""


def address_in(url: str, language: str) -> str:
    """An official address in `language`, for the forms that take one: EUR-Lex pages
    (`legal-content/FR/`), an ELI (EUR-Lex's page of it, `?locale=fr`), the Council's register
    (`/fr/pdf`) and website, UN documents in the UN's languages; any other address as it is."""
    if language not in LANGUAGE_NAMES:
        return url
    if m := _EUR_LEX.match(url):
        return f"{m.group(1)}{language.upper()}{m.group(2)}{url[m.end() :]}"
    if (m := _EUR_LEX_ELI.match(url)) or (m := _ELI.match(url)):
        return f"https://eur-lex.europa.eu/eli/{m.group(1)}?locale={language}"
    if (m := _REGISTER.match(url)) or (m := _COUNCIL.match(url)):
        return f"{m.group(1)}{language}{m.group(2)}{url[m.end() :]}"
    if (m := _UN.match(url)) and language in UN_LANGUAGES:
        return f"{m.group(1)}{language}{m.group(2)}{url[m.end() :]}"
    return url


def _in(entry: E, language: str) -> E:
    own = next((x for x in entry.languages if x.language == language), None)
    url = getattr(entry, "url", "")
    if url:
        entry = replace(entry, url=own.url if own and own.url else address_in(url, language))  # type: ignore[call-arg]
    if own is not None and own.name:
        entry = replace(entry, name=own.name, registry_name=entry.registry_name or entry.name)
    if own is not None and own.patterns:
        entry = replace(entry, patterns=own.patterns, pattern_lines=own.pattern_lines, exclude=())
    return entry


def registries_in(registries: Registries, language: str) -> Registries:
    """`registries` as a version in `language` reads them: each entry's name, patterns and address
    in that language where the registry gives them (its `languages:`), and its official
    address in that language where the address's form takes one (`address_in`)."""
    return replace(
        registries,
        instruments=tuple(_in(e, language) for e in registries.instruments),
        terms=tuple(_in(e, language) for e in registries.terms),
        actors=tuple(_in(e, language) for e in registries.actors),
    )


def in_language(c: Collection, version: Edition) -> Collection:
    """The site as the register pages of `version` show it: its one document in that language,
    each entry the site publishes named, patterned and addressed in that language where the
    registry gives it (`registries_in`). Every version lists the same entries, so each register
    page has its counterpart in every language."""
    return replace(
        c,
        editions=(version,),
        registries=verbs_of(
            registries_in(_as_found_in(c.registries, version), version.document.header.language), version
        ),
        versions=(),
    )


def _as_found_in(registries: Registries, version: Edition) -> Registries:
    """`registries` with each entry a text gave of itself (`Entry.automatic`) as `version` gave
    it, in its words, where it did: the site lists the first text's."""

    def own(entries: tuple[E, ...], found: tuple[E, ...]) -> tuple[E, ...]:
        mine = {e.id: e for e in found if e.automatic}
        return tuple(mine.get(e.id, e) if e.automatic else e for e in entries)

    r = version.registries
    return replace(
        registries,
        instruments=own(registries.instruments, r.instruments),
        terms=own(registries.terms, r.terms),
        actors=own(registries.actors, r.actors),
    )


def verbs_of(registries: Registries, edition: Edition) -> Registries:
    """`registries` with the operative verbs `edition` uses only: a site with versions in
    several languages lists every language's verbs (the first language's page keeps them all:
    their anchors are published), and a version's page lists its own."""
    return replace(registries, verbs=tuple(v for v in registries.verbs if edition.verb_clauses.get(v.id)))


# -- the shared registry's own words in a page's language ---------------------------------------
# -- the shared registry's own words in a page's language ---------------------------------------

REGISTRY_LANGUAGE = "en"
"""The language the shared registry is written in: its kinds' labels and its entries'
descriptions, where a `languages:` item gives none in another."""


@dataclass(frozen=True)
class Worded:
    """Words of a registry, with the language they are in when it is not the page's."""

    text: str
    language: str = ""
    """The language of `text` when it is not the page's ('en' for the shared registry's English on
    a French page): the page marks it, so that a screen reader reads it in its language."""


def _worded(own: str, shared: bool, translated: str, language: str) -> Worded:
    """A site's own words are in its language; the shared registry's in `language` where it gives
    them (`translated`), else in English, said to be English."""
    if not shared or language == REGISTRY_LANGUAGE:
        return Worded(own)
    return Worded(translated) if translated else Worded(own, REGISTRY_LANGUAGE)


def kind_label(kind: Kind, language: str) -> Worded:
    """A kind's label on a page in `language`."""
    return _worded(kind.label, kind.shared, dict(kind.labels).get(language, ""), language)


def name_in(entry: Entry, language: str) -> Worded:
    """An entry's name on a page in `language`: the registry's name in that language where it
    gives one (`registries_in` has put it in `name`), else its own, said to be in English when
    it is the shared registry's."""
    own = any(x.language == language and x.name for x in entry.languages)
    return _worded(entry.name, entry.shared, entry.name if own else "", language)


def term_words_in(term: Term, language: str) -> tuple[Worded, Worded]:
    """A glossary term's expansion and definition on a page in `language`: the shared registry
    gives them in English only, and says so."""
    return (_worded(term.expansion, term.shared, "", language), _worded(term.definition, term.shared, "", language))


def description_in(entry: Actor | Instrument, language: str) -> Worded:
    """An actor's or instrument's description on a page in `language`."""
    own = next((x.description for x in entry.languages if x.language == language and x.description), "")
    return _worded(entry.description, entry.shared, own, language)


# -- alignment -------------------------------------------------------------------------------


def _points(points: Sequence[Point]) -> list[str]:
    return [p.anchor for q in points for p in q.walk()]


def _listed(keys: Sequence[str]) -> str:
    shown = ", ".join(keys[:8])
    return f"{shown}, ..." if len(keys) > 8 else shown or "none"


def mismatch(first: Document, other: Document) -> str | None:
    """The first difference of structure between a document (`first`) and another language
    version of it (`other`), as what differs; None when they align: the same recitals (by
    number or letter), paragraphs (by number) and their points (by letter and position) and
    closing words (whether an item has them), sections and their sub-sections (by the
    paragraphs they hold) and footnotes (by the Council's numbers)."""
    mine = first.path
    keys = [r.key for r in first.recitals], [r.key for r in other.recitals]
    if keys[0] != keys[1]:
        return f"recitals {_listed(keys[1])} here, but {_listed(keys[0])} in {mine}"
    numbers = [p.number for p in first.paragraphs], [p.number for p in other.paragraphs]
    if numbers[0] != numbers[1]:
        return f"{len(numbers[1])} paragraphs here, but {len(numbers[0])} in {mine}"
    pairs: list[tuple[str, Paragraph | Recital, Paragraph | Recital]] = [
        *((f"recital {a.letter or a.number}", a, b) for a, b in zip(first.recitals, other.recitals, strict=True)),
        *((f"paragraph {a.number}", a, b) for a, b in zip(first.paragraphs, other.paragraphs, strict=True)),
    ]
    for name, ours, theirs in pairs:
        pa, pb = _points(ours.points), _points(theirs.points)
        if pa != pb:
            return f"{name} has points {_listed(pb)} here, but {_listed(pa)} in {mine}"
        if bool(ours.closing) != bool(theirs.closing):
            has, lacks = ("here", f"not in {mine}") if theirs.closing else (f"in {mine}", "not here")
            return f"{name} has words that close it after its points {has}, but {lacks}"
    sections = [[p.number for p in s.paragraphs] for s in first.sections]
    other_sections = [[p.number for p in s.paragraphs] for s in other.sections]
    if sections != other_sections:
        at = next((i for i, (a, b) in enumerate(zip(sections, other_sections, strict=False)) if a != b), None)
        if at is None:
            return f"{len(other_sections)} parts under headings here, but {len(sections)} in {mine}"
        here, there = sections[at], other_sections[at]
        return (
            f"part {at + 1} (under its heading) holds paragraphs {_listed([str(n) for n in there])} here, "
            f"but {_listed([str(n) for n in here])} in {mine}"
        )
    for number, (section, other_section) in enumerate(zip(first.sections, other.sections, strict=True), start=1):
        groups = [[p.number for p in sub.paragraphs] for sub in section.subsections]
        other_groups = [[p.number for p in sub.paragraphs] for sub in other_section.subsections]
        if groups != other_groups:
            return (
                f"part {number} has sub-headings over paragraphs {_groups(other_groups)} here, "
                f"but {_groups(groups)} in {mine}"
            )
    notes = list(first.footnotes), list(other.footnotes)
    if notes[0] != notes[1]:
        return f"footnotes {_listed(notes[1])} here, but {_listed(notes[0])} in {mine}"
    return None


def _groups(groups: list[list[int]]) -> str:
    """Sub-sections by their paragraphs: '3-4, 5', or 'none'."""
    return ", ".join(f"{g[0]}-{g[-1]}" if len(g) > 1 else str(g[0]) for g in groups) or "none"


def check_version(edition: Edition, version: Edition, code: str, problems: Problems) -> bool:
    """Whether `version` is a language version of `edition` in the language `code`, aligned
    with it; each reason it is not added to `problems`, one line each."""
    h, vh = edition.document.header, version.document.header
    path = version.document.path
    ok = True
    if vh.language != code:
        problems.add(
            SourceError(
                path,
                None,
                f"its language is {shown(vh.language)}, but its folder is {code}; set 'language: {code}' in its "
                "front matter, or move it to the folder of its language",
            )
        )
        ok = False
    elif code == h.language:
        problems.add(
            SourceError(
                path,
                None,
                f"is in {code}, the language of {edition.document.path} itself; a language version is in another "
                "language: remove it, or correct its language",
            )
        )
        ok = False
    if vh.document_id != h.document_id:
        problems.add(
            SourceError(
                path,
                None,
                f"is {shown(vh.document_id) if vh.document_id else 'without document id'}, but {edition.document.path} "
                f"is {shown(h.document_id) if h.document_id else 'without one'}; a language version has its "
                "document's id: correct the id, or import the text as a document of its own",
            )
        )
        ok = False
    if (difference := mismatch(edition.document, version.document)) is not None:
        problems.add(SourceError(path, None, f"not aligned with its document: {difference}; {MISMATCH_REMEDY}"))
        ok = False
    return ok


MISMATCH_REMEDY = (
    "a language version has the same recitals, paragraphs, points and footnotes as its document: "
    "correct the one that differs from the text the Council published"
)


# -- counterparts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alternate:
    """One language version of a page: its language and the source path of its page."""

    language: str
    src: str
    anchors: tuple[tuple[str, str], ...] = ()
    """The anchors of the page that differ from language to language, each with its place:
    a clause is named by its verb ('invites' here, 'invite' in French), so the switch pairs
    them by their place (clause 2 of paragraph 21: '21.2')."""


def _clause_anchors(edition: Edition, number: int, full_text: bool) -> list[tuple[str, str]]:
    """The anchors of paragraph `number`'s clauses, each with its place ('21.2'), on the
    paragraph's page or (`full_text`) on the full text."""
    return [(f"{number}.{c.index}", c.text_anchor if full_text else c.anchor) for c in edition.clauses.get(number, ())]


def _page_sources(edition: Edition) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """The pages of one version in an order every aligned version shares: home, full text,
    each section, recital and paragraph in turn (a section's address may be made of its
    title, which differs from language to language: it is paired by its place); each with
    its anchors that differ from language to language (`Alternate.anchors`)."""
    doc, u = edition.document, edition.urls
    return [
        (u.home, ()),
        (u.text, tuple(a for p in doc.paragraphs for a in _clause_anchors(edition, p.number, full_text=True))),
        *((u.section_page(s.slug), ()) for s in doc.sections),
        *((u.recital_page(x.key), ()) for x in doc.recitals),
        *((u.paragraph_page(p.number), tuple(_clause_anchors(edition, p.number, False))) for p in doc.paragraphs),
    ]


def _register_sources(edition: Edition, registries: Registries) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """The register and About pages of one version, in an order every version shares (each
    lists the same entries, `in_language`); an actor's page with the anchors of the requests
    to it, each paired by its clause's place ('21.2')."""
    u = edition.urls
    requests = edition.actor_requests
    return [
        (u.instruments, ()),
        *((u.instrument_page(i.id), ()) for i in registries.instruments),
        (u.glossary, ()),
        (u.actors, ()),
        *(
            (
                u.actor_page(a.id),
                tuple(
                    (f"{r.paragraph.number}.{r.index}", request_anchor(r.paragraph.number, r.anchor, u.key))
                    for r in requests.get(a.id, ())
                ),
            )
            for a in registries.actors
        ),
        (u.verbs, ()),
        (u.about_edition, ()),
        (u.about, ()),
    ]


def alternates(
    groups: Sequence[Sequence[Edition]], registries: Registries | None = None
) -> dict[str, tuple[Alternate, ...]]:
    """For every page of each group of aligned versions (a document first, then its language
    versions), the versions of that page, the page itself included, in the group's order; and,
    where each version has register pages of its own (`DocumentUrls.registers`), the versions of
    each register and About page, of the entries of `registries`."""
    found: dict[str, tuple[Alternate, ...]] = {}
    for group in groups:
        if len(group) < 2:
            continue
        own = registries is not None and len({e.urls.registers for e in group}) == len(group)
        columns = [
            _page_sources(e) + (_register_sources(e, registries) if own and registries is not None else [])
            for e in group
        ]
        languages = [e.document.header.language for e in group]
        for row in zip(*columns, strict=True):
            versions = tuple(
                Alternate(language, src, anchors) for language, (src, anchors) in zip(languages, row, strict=True)
            )
            for src, _anchors in row:
                found[src] = versions
    return found


def site_alternates(c: Collection) -> dict[str, tuple[Alternate, ...]]:
    """`alternates` of every document of `c` with its language versions; empty without any."""
    if not c.versions:
        return {}
    return alternates([(e, *c.versions_of(e)) for e in c.editions], c.registries)


@dataclass(frozen=True)
class LanguageLink:
    """One entry of a page's language switch and of its `hreflang` links."""

    language: str
    name: str
    """The language by its own name ('français')."""
    url: str
    """The version's absolute address (`hreflang` links want it absolute)."""
    href: str
    """The version's address relative to the page (the switch works on any host and under `mkdocs serve`)."""
    current: bool
    anchors: str = ""
    """This page's anchors that have another name in the version, each with that name, as a
    JSON object ('{"invites": "invite"}'); empty when none has (the switch keeps the anchor)."""


@dataclass(frozen=True)
class LanguageSwitch:
    """What a page of a multi-language site shows of its versions (theme/main.html)."""

    language: str
    """The page's own language."""
    label: str
    links: tuple[LanguageLink, ...]


def language_switch(versions: Sequence[Alternate], src: str, site: Site) -> LanguageSwitch:
    """The language switch and `hreflang` links of the page `src`, one of `versions`."""
    here = site_path(src).rstrip("/") or "."
    mine = dict(next((v.anchors for v in versions if v.src == src), ()))
    links = []
    language = ""
    for v in versions:
        target = site_path(v.src).rstrip("/") or "."
        href = posixpath.relpath(target, here)
        theirs = dict(v.anchors)
        renamed = {mine[place]: theirs[place] for place in mine if place in theirs and theirs[place] != mine[place]}
        anchors = json.dumps(renamed, ensure_ascii=False, sort_keys=True) if renamed else ""
        links.append(
            LanguageLink(v.language, language_name(v.language), site.page(v.src), f"{href}/", v.src == src, anchors)
        )
        if v.src == src:
            language = v.language
    return LanguageSwitch(language, switch_label(language), tuple(links))
