"""A Council text as numbered lines: a register PDF's text layer, its text, an act's HTML page
from EUR-Lex, or a Markdown-like extraction.

The input kind comes from its content, not its name: a PDF starts with `%PDF`; an HTML page
with its doctype or `<html>` (read by `html.py`: its lines numbered by where they stand in the
file); a zipped file (a Word document) is refused; a text with
`<sup>N</sup>`, `**`, `#` headings or `---` rules is the Markdown-like shape; any other text
is read as lines laid out like a PDF's text layer. Text must be UTF-8 (`\\r\\n` is read as
`\\n`); lines are numbered by `\\n` only, as an editor numbers them. Every line is tidied
(`chars.tidy`): what the importer wrote into `import.yml` and what the build reads again
are the same lines, with the same numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .chars import tidy
from .html import html_lines, looks_like_html

KIND_PDF = "PDF"
KIND_LINES = "plain text lines"
KIND_MARKDOWNISH = "Markdown-like text"
KIND_HTML = "HTML page (EUR-Lex)"

_SIGNS = re.compile(r"<sup>\d+</sup>|^\*\*|\*\*\s*$|^#{1,6}\s|^-{3,}\s*$", re.MULTILINE)


class Unreadable(ValueError):
    """The input cannot be read as a Council text; the message is one line that says what to do."""


@dataclass(frozen=True, order=True)
class Where:
    """A line of the input: its number counted by "\\n" (within its page for a PDF)."""

    page: int
    """1-based page for a PDF; 0 for a text file (lines are counted through the file)."""
    line: int

    def label(self) -> str:
        """'page 2, line 14', or 'line 14' for a text without pages."""
        return f"page {self.page}, line {self.line}" if self.page else f"line {self.line}"


@dataclass(frozen=True)
class SourceLine:
    """One input line, stripped of surrounding white space ("" for a blank line)."""

    text: str
    where: Where
    left: float | None = None
    """Where a PDF's line starts on its page (the left edge of its first glyph, in points);
    None for a text file, whose indentation says nothing reliable."""


@dataclass
class Original:
    """An input read as pages of tidied lines (a text without form feeds is one page)."""

    kind: str
    pages: list[list[SourceLine]]
    dropped: Counter[str] = field(default_factory=Counter)
    """Invisible characters taken out of the lines, counted (see chars.py)."""

    @property
    def lines(self) -> list[SourceLine]:
        """Every line, page after page."""
        return [line for page in self.pages for line in page]


def looks_markdownish(text: str) -> bool:
    """Whether the text has the markers of the Markdown-like shape."""
    return bool(_SIGNS.search(text))


def _tidy(text: str, dropped: Counter[str]) -> str:
    # A soft hyphen matters only at a line's end (see the importer's join_wrapped); elsewhere
    # it is invisible.
    text = tidy(text, dropped)
    return text[:-1].replace("\u00ad", "") + text[-1:] if text else text


def pages_from_text(text: str, dropped: Counter[str]) -> list[list[SourceLine]]:
    """Lines numbered by "\\n" only; a form feed starts a new page where it stands."""
    pages: list[list[SourceLine]] = [[]]
    for number, raw in enumerate(text.split("\n"), start=1):
        parts = raw.split("\f")
        for k, part in enumerate(parts):
            if k:
                pages.append([])
            if part.strip() or not k:
                pages[-1].append(SourceLine(_tidy(part, dropped), Where(0, number)))
    return pages


def pages_from_pdf(pages: list[list[tuple[str, float]]], dropped: Counter[str]) -> list[list[SourceLine]]:
    """A PDF's text layer, page by page and line by line (each with where it starts), tidied
    (what is taken out is counted in `dropped`)."""
    return [
        [SourceLine(_tidy(text, dropped), Where(page, line), left) for line, (text, left) in enumerate(lines, start=1)]
        for page, lines in enumerate(pages, start=1)
    ]


def _markdownish_lines(text: str, dropped: Counter[str]) -> list[SourceLine]:
    # No line of this shape is wrapped: a soft hyphen anywhere is invisible, a form feed nothing.
    return [
        SourceLine(tidy(raw.replace("\u00ad", "").replace("\f", ""), dropped), Where(0, number))
        for number, raw in enumerate(text.split("\n"), start=1)
    ]


def read_original(data: bytes, name: str) -> Original:
    """The input's lines; raises `Unreadable` for what is no Council text (not UTF-8, empty,
    a PDF without text layer)."""
    dropped: Counter[str] = Counter()
    if data.lstrip()[:4] == b"%PDF":
        from .pdf import read_pdf  # PDFium is loaded only for PDFs

        return Original(KIND_PDF, pages_from_pdf(read_pdf(data), dropped), dropped)
    if data[:4] == b"PK\x03\x04":
        raise Unreadable(
            f"{name} is a zipped file (a Word or OpenDocument file?): import the register's PDF, "
            "or save the text as a PDF or as UTF-8 text"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Unreadable(
            f"{name} is not UTF-8 text (byte {error.start}): save it as UTF-8, or import the PDF"
        ) from None
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise Unreadable(f"{name} is empty: give the text or the PDF of a Council document")
    if looks_like_html(text):
        lines = [SourceLine(_tidy(line, dropped), Where(0, number)) for number, line in html_lines(text)]
        if not lines:
            raise Unreadable(f"{name} is an HTML page with no text: save the act's page from EUR-Lex")
        return Original(KIND_HTML, [lines], dropped)
    if looks_markdownish(text):
        return Original(KIND_MARKDOWNISH, [_markdownish_lines(text, dropped)], dropped)
    return Original(KIND_LINES, pages_from_text(text, dropped), dropped)
