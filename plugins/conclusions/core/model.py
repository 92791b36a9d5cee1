"""The typed model of one Council conclusions document and of the registries that link it.

`document_source` reads the document into it, `registry_source` the registries; `edition`
links the two (the relations live there, in `Edition`, not in these objects).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

from . import urls
from .remembered import hashed_once


@dataclass(frozen=True)
class Header:
    """The register data printed on the document's cover."""

    title: str
    short_title: str
    citation_title: str
    institution: str = ""
    place_date: str = ""
    number: str = ""
    document_id: str = ""
    date: str = ""
    """ISO date (checked), or empty when the source gives none."""
    subject: str = ""
    language: str = "en"
    language_note: str = ""
    subject_codes: tuple[str, ...] = ()
    status: str = ""
    sender: str = ""
    meeting_date: str = ""
    """"On:": the date of the meeting whose outcome the text records (an outcome of proceedings').
    The register prints it between "From:" and "To:"."""
    recipient: str = ""
    previous_document: str = ""
    interinstitutional_file: str = ""
    """The procedure's number, for a text on a legislative file ("2021/0223(COD)")."""
    commission_document: str = ""
    """"No. Cion doc.": the Commission's document the text is about ("COM(2021) 559 final")."""
    date_of_receipt: str = ""
    """When the Council received a document another institution sent (a cover note's)."""
    cover_note: str = ""
    cover_language: str = ""
    """The language of the cover note and register data when it is not the text's (a French
    note over English conclusions); empty when it is the same."""
    eli: str = ""
    """The act's European Legislation Identifier, for a text the Official Journal publishes:
    its official address (`http://data.europa.eu/eli/C/2024/1234/oj`)."""


@dataclass(frozen=True)
class Footnote:
    """A footnote, keeping the Council's own number."""

    number: str
    text: str
    """Inline source text (may hold `<sup>` markup); empty when the source has the marker only."""
    line: int

    @property
    def anchor(self) -> str:
        """Its id where the footnotes are listed: 'fn:8'."""
        return urls.footnote_anchor(self.number)

    @property
    def available(self) -> bool:
        """False for a marker whose text the source does not give (an extraction without page bottoms)."""
        return bool(self.text)


NUMBERED_POINT = re.compile(r"\d{1,3}\.\d{1,3}")
"""A point's marker when the text numbers its points after their paragraph ("2.1", "2.2" under
"2. As regards ..., the Council:")."""


@dataclass(frozen=True)
class Point:
    """A point inside a paragraph or recital (a., (ii), a dash), possibly holding points of its own.

    Its own words are `text[start:end]` of the item that holds it: an item's text is its
    opening words, then every point's words in reading order, then its closing words if it
    has any, joined by newlines, so that mentions and clauses are found in one string and
    never run from one point into the next.
    """

    marker: str
    """As the Council wrote it: 'b.', '(iii)', '–'."""
    anchor: str
    """Unique within the item: 'b', 'b-iii', 'b-2' (dashes count by position)."""
    start: int
    end: int
    line: int
    points: tuple[Point, ...] = ()

    def walk(self) -> Iterator[Point]:
        """This point, then the points it holds, in reading order."""
        yield self
        for point in self.points:
            yield from point.walk()


def all_points(points: tuple[Point, ...]) -> Iterator[Point]:
    """Every point of `points` and of the points they hold, in reading order."""
    for point in points:
        yield from point.walk()


@dataclass(frozen=True)
class Recital:
    """One item of the citations that open the conclusions (RECALLING: ...)."""

    number: int
    """Position among the recitals, from 1."""
    text: str
    line: int
    footnotes: tuple[str, ...] = ()
    """The numbers of the footnotes its text references, in order."""
    letter: str = ""
    """The Council's letter ('A') for lettered recitals; empty for dash recitals, which are numbered."""
    points: tuple[Point, ...] = ()
    closing: int = 0
    """Where its closing words begin in `text` (see `Paragraph.closing`); 0 when it has none."""
    closing_line: int = 0
    written: str = ""
    """Its marker as the text writes it when the letter is in lower case ('(a)', 'a)'); empty
    for 'A.' and for dash recitals."""

    @property
    def closing_words(self) -> str:
        """The words after its points that close it; empty when it has none."""
        return self.text[self.closing :] if self.closing else ""

    @property
    def key(self) -> str:
        """What names the recital in its URL and anchor: its letter (lower case) or its number."""
        return self.letter.lower() or str(self.number)

    @property
    def anchor(self) -> str:
        """Its id on the full text and on its own page: 'r3', 'ra'."""
        return urls.recital_anchor(self.key)

    @property
    def shown(self) -> str:
        """What names it to a reader: its letter or number ('A', '3'), or its marker as the text
        writes it ('(a)'); its address keeps its key ('a')."""
        return self.written or self.letter or str(self.number)

    @property
    def label(self) -> str:
        """How the text names it: 'Recital 3', 'Recital A', 'Recital (a)'."""
        return f"Recital {self.shown}"

    @property
    def marker(self) -> str:
        """Its marker as the full text shows it: '(3)', 'A.', or as the text writes it: '(a)'."""
        if self.written:
            return self.written
        return f"{self.letter}." if self.letter else f"({self.number})"


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph of the conclusions."""

    number: int
    text: str
    """Inline source text: plain text, `[^n]` footnote references, a few HTML tags."""
    line: int
    footnotes: tuple[str, ...] = ()
    """The numbers of the footnotes its text references, in order."""
    points: tuple[Point, ...] = ()
    closing: int = 0
    """Where its closing words begin in `text`: the words after its points that belong to the
    paragraph, not to its last point ("..., in order to widen access for all."). They follow
    the last point's words after a newline, as points do, so that mentions and clauses are
    found in the one string and end with the last point; 0 when it has none."""
    closing_line: int = 0
    """The source line its closing words begin on (0 when it has none)."""
    written: str = ""
    """Its number as the text writes it when the text numbers its paragraphs in parts ("2.1");
    empty when `number` is the text's own."""

    @property
    def closing_words(self) -> str:
        """The words after its points that close it; empty when it has none."""
        return self.text[self.closing :] if self.closing else ""

    @property
    def anchor(self) -> str:
        """Its id on the full text and on its own page: 'p21'."""
        return urls.paragraph_anchor(self.number)

    @property
    def shown(self) -> str:
        """Its number as a reader sees it: the text's ("21", "2.1")."""
        return self.written or str(self.number)

    @property
    def label(self) -> str:
        """How the text names it: 'Paragraph 21'."""
        return f"Paragraph {self.shown}"


def _range_label(paragraphs: tuple[Paragraph, ...]) -> str:
    first, last = paragraphs[0].shown, paragraphs[-1].shown
    return f"{first}" if first == last else f"{first}–{last}"


@dataclass(frozen=True)
class Subsection:
    """A heading one level under a section's ("A. Planning" under "II. FINDINGS") and the
    paragraphs under it. It has no page of its own: it stands on its section's page and on
    the full text, under an anchor of its section's."""

    label: str
    """The heading's own letter, e.g. 'A'; empty for a heading without one."""
    title: str
    slug: str
    """What names it within its section ('a'): its anchor is its section's slug and this."""
    section: str
    """Its section's slug ('ii')."""
    line: int
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def heading(self) -> str:
        """The heading as written: 'A. Planning'."""
        return f"{self.label}. {self.title}" if self.label else self.title

    @property
    def anchor(self) -> str:
        """Its id on the full text and on its section's page: 's-ii-a'."""
        return urls.subsection_anchor(self.section, self.slug)

    @property
    def range_label(self) -> str:
        """The numbers of its paragraphs: '3–4', or '5' for one."""
        return _range_label(self.paragraphs)


@dataclass(frozen=True)
class Section:
    """A numbered heading and the paragraphs under it, its sub-sections' included."""

    label: str
    """The heading's own number, e.g. 'III'; empty for the untitled opening part."""
    title: str
    slug: str
    line: int
    paragraphs: tuple[Paragraph, ...] = ()
    """Every paragraph under the heading, in order: its own, then its sub-sections'."""
    implicit: bool = False
    """The untitled part before the first heading (`line` is its first paragraph's)."""
    subsections: tuple[Subsection, ...] = ()
    """The headings one level under it, in order; each holds the paragraphs after it up to the
    next. The section's own paragraphs, if any, stand before the first."""
    opening_words: tuple[str, ...] = ()
    """Text between its heading and paragraph 1, block by block (inline source): the words that
    open the text when a heading comes first ("I. INTRODUCTION", then "THE COUNCIL OF THE
    EUROPEAN UNION,")."""

    @property
    def heading(self) -> str:
        """The heading as written: 'III. RESPONDING TO SPACE THREATS'."""
        return f"{self.label}. {self.title}" if self.label else self.title

    @property
    def range_label(self) -> str:
        """The numbers of its paragraphs, its sub-sections' included: '12–20', or '4' for one."""
        return _range_label(self.paragraphs)

    @property
    def own_paragraphs(self) -> tuple[Paragraph, ...]:
        """The paragraphs before its first sub-section (all of them when it has none)."""
        if not self.subsections:
            return self.paragraphs
        first = self.subsections[0].paragraphs[0].number
        return tuple(p for p in self.paragraphs if p.number < first)

    def parts(self) -> Iterator[tuple[Subsection | None, tuple[Paragraph, ...]]]:
        """Its paragraphs in reading order, in groups: its own (None) when it has any, then
        each sub-section's."""
        if own := self.own_paragraphs:
            yield None, own
        for subsection in self.subsections:
            yield subsection, subsection.paragraphs


@dataclass(frozen=True)
class Document:
    """One Council conclusions document."""

    header: Header
    preamble: tuple[str, ...]
    recitals: tuple[Recital, ...]
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    """The parts of the text in order; the first is the untitled opening part if it has paragraphs."""
    footnotes: Mapping[str, Footnote]
    """By the Council's number, in the order the source lists them."""
    path: str = "source/document.md"
    annex: str = ""
    """The heading under which the conclusions stand ('ANNEX'), when a cover note comes first."""
    cover: tuple[str, ...] = ()
    """The cover note's own text before the annex, block by block (inline source)."""
    lead_in: tuple[str, ...] = ()
    """Text between the recitals and paragraph 1 ("HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:")."""
    appendix_heading: str = ""
    """The heading of an annex after the paragraphs ('ANNEX'), when the text has one."""
    appendix: tuple[str, ...] = ()
    """That annex's text, block by block (inline source; its headings and numbers kept as text)."""

    @property
    def leading_section(self) -> Section | None:
        """The first section when its heading stands before the recitals ("I. INTRODUCTION",
        "THE COUNCIL OF THE EUROPEAN UNION,", "RECALLING ...", "HEREBY ADOPTS ...:", then
        paragraph 1): its heading and opening words are read there, before the recitals, and
        its paragraphs after the lead-in. None when the text opens otherwise."""
        first = self.sections[0] if self.sections else None
        if first is None or first.implicit or not self.recitals or first.line > self.recitals[0].line:
            return None
        return first

    def paragraph(self, number: int) -> Paragraph:
        """Paragraph `number` (numbers run 1, 2, 3, ...)."""
        return self.paragraphs[number - 1]

    def section_of(self, paragraph: Paragraph) -> Section:
        """The section `paragraph` stands in."""
        return self._sections_by_paragraph[paragraph.number]

    def subsection_of(self, paragraph: Paragraph) -> Subsection | None:
        """The sub-section `paragraph` stands in; None when it stands in none."""
        return self._subsections_by_paragraph.get(paragraph.number)

    @cached_property
    def _sections_by_paragraph(self) -> dict[int, Section]:
        return {p.number: s for s in self.sections for p in s.paragraphs}

    @cached_property
    def _subsections_by_paragraph(self) -> dict[int, Subsection]:
        return {p.number: sub for s in self.sections for sub in s.subsections for p in sub.paragraphs}


# -- the registries: instruments, glossary terms, actors, operative verbs --------------------


@dataclass(frozen=True)
class InLanguage:
    """What a registry entry is called, written and found at in one language (its `languages:`
    item): each left empty is the entry's own (`languages.registries_in`)."""

    language: str
    name: str = ""
    patterns: tuple[str, ...] = ()
    pattern_lines: tuple[int, ...] = ()
    url: str = ""
    description: str = ""
    """An actor's or instrument's description in that language."""


@hashed_once
@dataclass(frozen=True)
class Entry:
    """What every registry entry has: an id, a display name, patterns and where it was written."""

    id: str
    name: str
    patterns: tuple[str, ...]
    """Literal, case-sensitive strings that mention the entry (core/mentions.py)."""
    path: str
    line: int
    pattern_lines: tuple[int, ...] = ()
    """The line of each pattern (empty: all on `line`)."""
    shared: bool = False
    """From the shared registry: published only where the text mentions it."""
    exclude: tuple[str, ...] = ()
    """Phrases inside which the patterns do not count ("the Council conclusions" for "the Council")."""
    automatic: bool = False
    """Found in the text itself (`automatic.py`), not written in a registry: published only
    where the text mentions it; `path` and `line` are where the text first gives it."""
    languages: tuple[InLanguage, ...] = ()
    """Its name, patterns and address in other languages, where the registry gives them."""
    registry_name: str = ""
    """Its name in the registry's own language when `name` is another's (`languages.registries_in`):
    its page keeps the anchor that name gave its heading where a site published it."""

    def line_of(self, pattern: str) -> int:
        """The line of one of its patterns."""
        return self.pattern_lines[self.patterns.index(pattern)] if self.pattern_lines else self.line

    def located_patterns(self) -> list[tuple[str, int]]:
        """Each pattern with its line."""
        return list(zip(self.patterns, self.pattern_lines or (self.line,) * len(self.patterns), strict=True))


@dataclass(frozen=True)
class Kind:
    """A kind of instrument or actor: the groups of their index pages, in this order."""

    id: str
    label: str
    labels: tuple[tuple[str, str], ...] = ()
    """Its label in other languages, each with its language ('fr', 'Traités')."""
    shared: bool = False
    """From the shared registry, whose labels are in English (`languages.kind_label`)."""


@hashed_once
@dataclass(frozen=True)
class Instrument(Entry):
    """A text the conclusions recall (a Treaty, a regulation, earlier conclusions)."""

    kind: str = ""
    description: str = ""
    url: str = ""
    reference: str = ""
    celex: str = ""
    eli: str = ""
    date: str = ""


@hashed_once
@dataclass(frozen=True)
class Term(Entry):
    """A glossary entry: an abbreviation or term of art, with its expansion and definition."""

    expansion: str = ""
    definition: str = ""
    url: str = ""


@hashed_once
@dataclass(frozen=True)
class Actor(Entry):
    """An institution, body, state or organisation the conclusions ask to act or mention."""

    kind: str = ""
    description: str = ""
    url: str = ""


@hashed_once
@dataclass(frozen=True)
class Verb(Entry):
    """An operative verb; `patterns` are the forms as written (e.g. 'CALLS upon')."""

    request: bool = False
    """Whether the verb asks someone to act (its clauses have addressees)."""
    passive: bool = False
    """A request in the passive ("the Agency is invited to"): whom it asks is its subject,
    named before the verb, not after it."""


@dataclass(frozen=True)
class Suppressed:
    """An automatic finding a site does not want: an entry's id, or words, of one kind."""

    kind: str
    """'instrument', 'term' or 'actor'."""
    value: str
    path: str
    line: int


@dataclass(frozen=True)
class Registries:
    """Every registry entry a text may mention: the site's own and the shared registry's."""

    instrument_kinds: tuple[Kind, ...]
    instruments: tuple[Instrument, ...]
    terms: tuple[Term, ...]
    actor_kinds: tuple[Kind, ...]
    actors: tuple[Actor, ...]
    verbs: tuple[Verb, ...]
    not_addressees_after: tuple[str, ...]
    """Phrases after which a named actor is a partner, not an addressee ("together with")."""
    not_addressees_lines: tuple[int, ...] = ()
    """The line of each phrase of `not_addressees_after` in `verbs.yml` (0 for shared ones)."""
    verbs_path: str = "verbs.yml"
    before_addressees: tuple[str, ...] = ()
    """Words that may stand between a verb and the first actor it asks ("the", "all", "to")."""
    suppressed: tuple[Suppressed, ...] = ()
    """What the site's registry files list under `suppress:`: entries found in the text (by id)
    or words found for an entry, not to be linked."""
    shadowed: frozenset[str] = frozenset()
    """The patterns of the shared entries a site's entry of the same id replaces: names the
    registry knows, so the text's own reading makes no new entry of them."""
