"""The importer's data, from the cleaned input lines to the recognised document.

Every piece of text keeps where it came from (`Where`), so that the report can name the
line (or the page and line of a PDF) of anything it could not place. The parts found
(`DraftParagraph`, `DraftRecital`, `DraftPoint`, `DraftSection`) are drafts, mutable while
the importer reads on; the core's model (`core/model.py`) has the published ones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..reader.lines import SourceLine, Where

if TYPE_CHECKING:  # the report is made of this module's data
    from .report import Report

__all__ = ["SourceLine", "Where"]  # the reader's, which the importer's data keep


class ImportFailure(Exception):
    """The input cannot be imported; the message is one line that says what to fix. `report`,
    when the input was read, says what was found (printed before the refusal)."""

    def __init__(self, message: str, report: Report | None = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class FootnoteText:
    """The text of footnote `number` as found (at a page's bottom, or after a `---` rule)."""

    number: str
    text: str
    where: Where


@dataclass
class Cleaned:
    """Input lines with page furniture and footnote texts taken out, markers as `[^N]`.

    `wrapped` is true for text laid out in lines (plain text, PDF): a block then runs over
    several lines, which the structure step joins. A Markdown-like text has a block per line.
    """

    kind: str
    """What the input was: "PDF", "Markdown-like text" or "plain text lines"."""
    lines: list[SourceLine]
    footnotes: list[FootnoteText]
    removed: list[SourceLine]
    wrapped: bool
    vocabulary: Counter[str] = field(default_factory=Counter)
    """Lower-case words of the text, for deciding line-end hyphens."""
    width: int = 0
    """About how many characters a full line holds (wrapped inputs only)."""
    notes: list[str] = field(default_factory=list)
    """Findings for the report (markers without a footnote text, ...)."""
    breaks: list[int] = field(default_factory=list)
    """Indexes in `lines` where a new page starts."""
    one_per_line: bool = False
    """Lines are not wrapped: each line is a block of its own (text copied from EUR-Lex's pages,
    where a paragraph is one long line)."""
    unplaced: list[SourceLine] = field(default_factory=list)
    """Lines the cleaning could not place (a footnote's text whose marker is not in the text)."""
    causes: dict[str, str] = field(default_factory=dict)
    """The likely cause of each of those, by its place ('line 38')."""
    doubtful: list[Doubt] = field(default_factory=list)
    """Lines placed on a guess (a footnote marker read off the end of a number)."""


@dataclass
class DraftPoint:
    """A point inside a paragraph or recital: its marker as written, text and sub-points."""

    marker: str
    text: str
    where: Where
    children: list[DraftPoint] = field(default_factory=list)


@dataclass
class DraftClosing:
    """The words after an item's points that close the item, not its last point ("in order to
    widen access for all.")."""

    text: str
    where: Where


@dataclass
class DraftRecital:
    """A recital: a dash (label "-"), a letter ("A"), or a lower-case letter as written ("(a)", "a)")."""

    label: str
    text: str
    where: Where
    points: list[DraftPoint] = field(default_factory=list)
    marked: bool = True
    """False when the text gave it no dash or letter (a line opened by "RECALLING ..."): the
    edition writes it with a dash."""
    closing: DraftClosing | None = None


@dataclass
class DraftParagraph:
    """A numbered paragraph as the importer found it."""

    number: int
    text: str
    where: Where
    points: list[DraftPoint] = field(default_factory=list)
    closing: DraftClosing | None = None
    written: str = ""
    """Its number as the text writes it when it numbers its paragraphs in parts ("2.1"); the
    edition numbers it `number` in the run 1, 2, 3, ..."""


@dataclass
class DraftSection:
    """A section heading as the importer found it."""

    label: str
    """"I", "A", "3" or "" for a heading without a number."""
    title: str
    where: Where
    under: bool = False
    """A lettered heading under the Roman-numbered one before it (`levels.py`): a sub-section."""
    opening_words: list[str] = field(default_factory=list)
    """The words that open the text under the first heading, before paragraph 1 ("THE COUNCIL
    OF THE EUROPEAN UNION," under "I. INTRODUCTION")."""


@dataclass(frozen=True)
class Doubt:
    """A part the import placed but cannot vouch for: where (a line, or a header field), its
    text, and the likely cause."""

    where: str
    text: str
    why: str


@dataclass
class Parsed:
    """The document as recognised, before it is written as `document.md`."""

    header: dict[str, object] = field(default_factory=dict)
    number_suffix: str = ""
    """"REV 1", "COR 1", "ADD 1" after the number, for the document id."""
    series: str = ""
    """The register's series before the number ("EUCO"; "" for ST), or "act" for an act of the
    Official Journal, whose number is its id ("C/2024/1234")."""
    label_languages: list[str] = field(default_factory=list)
    """The languages of the header labels found (the cover note's language)."""
    language: str = ""
    """The language the title is written in, when the words of one language match it."""
    cover: list[str] = field(default_factory=list)
    """Blocks of a cover note's body, when the conclusions sit in an annex."""
    annex: str | None = None
    """The annex heading as written ("ANNEX")."""
    appendix_heading: str = ""
    """The heading of an annex after the paragraphs ("ANNEX")."""
    appendix: list[str] = field(default_factory=list)
    """That annex's blocks of text."""
    preamble: list[str] = field(default_factory=list)
    recitals: list[DraftRecital] = field(default_factory=list)
    lead_in: list[str] = field(default_factory=list)
    """Lines between the recitals and paragraph 1 ("HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:")."""
    body: list[DraftParagraph | DraftSection] = field(default_factory=list)
    footnotes: list[FootnoteText] = field(default_factory=list)
    unplaced: list[SourceLine] = field(default_factory=list)
    causes: dict[str, str] = field(default_factory=dict)
    """The likely cause of an unplaced line, by its place ('line 38')."""
    doubtful: list[Doubt] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[DraftParagraph]:
        """The paragraphs of the body, in order."""
        return [item for item in self.body if isinstance(item, DraftParagraph)]

    @property
    def sections(self) -> list[DraftSection]:
        """The section headings of the body, in order."""
        return [item for item in self.body if isinstance(item, DraftSection)]


def count_points(points: list[DraftPoint]) -> int:
    """All points, sub-points included."""
    return sum(1 + count_points(point.children) for point in points)
