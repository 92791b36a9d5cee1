"""The typed model of one Council conclusions document."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Header:
    """The register data printed on the document's cover."""

    institution: str
    place_date: str
    number: str
    document_id: str
    date: str
    subject: str
    title: str
    short_title: str
    citation_title: str
    language: str = "en"
    language_note: str = ""
    subject_codes: tuple[str, ...] = ()
    status: str = ""
    sender: str = ""
    recipient: str = ""
    previous_document: str = ""
    cover_note: str = ""


@dataclass
class Footnote:
    """A footnote, keeping the Council's own number."""

    number: str
    text: str
    """Inline source text (may hold `<sup>` markup)."""
    line: int


@dataclass
class Recital:
    """One item of the citations that open the conclusions (RECALLING: ...)."""

    number: int
    text: str
    line: int
    footnotes: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"r{self.number}"

    @property
    def label(self) -> str:
        return f"Recital {self.number}"


@dataclass
class Section:
    """A numbered heading and the paragraphs under it."""

    label: str
    """The heading's own number, e.g. 'III'; empty for the untitled opening part."""
    title: str
    slug: str
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.label}. {self.title}" if self.label else self.title

    @property
    def range_label(self) -> str:
        first, last = self.paragraphs[0].number, self.paragraphs[-1].number
        return f"{first}" if first == last else f"{first}–{last}"


@dataclass
class Paragraph:
    """A numbered paragraph of the conclusions."""

    number: int
    text: str
    """Inline source text: plain text, `[^n]` footnote references, a few HTML tags."""
    line: int
    section: Section | None = None
    footnotes: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"p{self.number}"

    @property
    def label(self) -> str:
        return f"Paragraph {self.number}"


@dataclass
class Document:
    """One Council conclusions document."""

    header: Header
    preamble: list[str]
    recitals: list[Recital]
    paragraphs: list[Paragraph]
    sections: list[Section]
    """The parts of the text in order; the first is the untitled opening part if it has paragraphs."""
    footnotes: dict[str, Footnote]
    path: str = "source/document.md"

    @property
    def numbered_sections(self) -> list[Section]:
        return [s for s in self.sections if s.label]

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]
