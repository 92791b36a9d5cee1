"""Write the recognised document as `source/document.md` (format v2, /tmp/spec-format.md).

The front matter lists only the fields found or given, in the format's order; the body
has blocks separated by blank lines: cover note blocks and "# ANNEX" when the conclusions
sit in an annex, preamble, recitals ("- " lines together, lettered ones a block each),
paragraphs with their points indented three spaces per level (an item's closing words after
its points: a blank line, then the words indented three spaces), "## L. TITLE" headings and
"### A. Title" under them (`levels.py`),
and the footnote texts at the end (`[^N]:` alone when the text was not found).
"""

from __future__ import annotations

import datetime

from .model import DraftClosing, DraftParagraph, DraftPoint, DraftSection, Parsed
from .points import readable, written_marker
from .yamltext import dump

# The front matter's fields in the format's order.
FIELD_ORDER = (
    "institution",
    "place_date",
    "language_note",
    "number",
    "document_id",
    "date",
    "subject_codes",
    "status",
    "from",
    "meeting_date",
    "to",
    "previous_document",
    "interinstitutional_file",
    "commission_document",
    "date_of_receipt",
    "subject",
    "cover_note",
    "cover_language",
    "eli",
    "title",
    "short_title",
    "citation_title",
    "language",
)
OCCASIONAL = frozenset(
    {"meeting_date", "interinstitutional_file", "commission_document", "date_of_receipt", "cover_language", "eli"}
)
"""Fields only some texts have: the report does not call them missing when a text lacks them."""
_INDENT = "   "


def front_matter(header: dict[str, object]) -> str:
    """document.md's YAML front matter from the header fields found, in `FIELD_ORDER`."""
    data: dict[str, object] = {}
    for name in FIELD_ORDER:
        if name not in header:
            continue
        value = header[name]
        if name == "date":
            # An ISO date unquoted, as written by hand ("date: 2023-11-13").
            value = datetime.date.fromisoformat(str(value))
        data[name] = value
    return "---\n" + dump(data) + "---\n"


def _points(points: list[DraftPoint], level: int) -> list[str]:
    lines = []
    for point in points:
        lines.append(f"{_INDENT * level}{written_marker(point.marker)} {point.text}")
        lines += _points(point.children, level + 1)
    return lines


def _with_points(first: str, points: list[DraftPoint], closing: DraftClosing | None) -> str:
    """An item and its points; its closing words after a blank line, indented like its text."""
    written = "\n".join([first, *_points(points, 1)])
    return f"{written}\n\n{_INDENT}{closing.text}" if closing is not None and points else written


def _section(section: DraftSection) -> list[str]:
    """A section's or sub-section's heading and the words under it before paragraph 1."""
    hashes = "###" if section.under else "##"
    heading = f"{hashes} {section.label}. {section.title}" if section.label else f"{hashes} {section.title}"
    return [heading, *section.opening_words]


def body(parsed: Parsed) -> str:
    """document.md's text after the front matter, in the source format."""
    blocks: list[str] = []
    if parsed.annex is not None:
        blocks += parsed.cover
        blocks.append(f"# {parsed.annex}")
    blocks += parsed.preamble
    # A first heading before the recitals, with the words under it (read only before any
    # recital), stands where the Council put it: before them.
    first = parsed.body[0] if parsed.body else None
    leading = (
        first
        if isinstance(first, DraftSection)
        and first.opening_words
        and parsed.recitals
        and first.where < parsed.recitals[0].where
        else None
    )
    if leading is not None:
        blocks += _section(leading)
    dashes: list[str] = []
    for recital in parsed.recitals:
        if recital.label == "-":
            dashes.append(_with_points(f"- {recital.text}", recital.points, recital.closing))
            continue
        if dashes:
            blocks.append("\n".join(dashes))
            dashes = []
        # "A." as "A. "; a letter in lower case as the text writes it: "(a) ", "a) ".
        marker = recital.label if recital.label.endswith(")") else f"{recital.label}."
        blocks.append(_with_points(f"{marker} {recital.text}", recital.points, recital.closing))
    if dashes:
        blocks.append("\n".join(dashes))
    blocks += parsed.lead_in
    for item in parsed.body:
        if isinstance(item, DraftParagraph):
            number = item.written or f"{item.number}."  # "2.1" as the text numbers it in parts
            blocks.append(_with_points(f"{number} {item.text}", item.points, item.closing))
        elif isinstance(item, DraftSection) and item is not leading:
            blocks += _section(item)
    if parsed.appendix_heading:
        blocks.append(f"# {parsed.appendix_heading}")
        blocks += parsed.appendix
    if parsed.footnotes:
        blocks.append(
            "\n".join(
                f"[^{note.number}]: {note.text}" if note.text else f"[^{note.number}]:" for note in parsed.footnotes
            )
        )
    return "\n\n".join(blocks) + "\n"


def document_md(header: dict[str, object], parsed: Parsed) -> str:
    """The whole of document.md: front matter and body, each bullet character of the Symbol and
    Wingdings fonts as the Unicode character it draws (`points.readable`)."""
    return readable(front_matter(header) + "\n" + body(parsed))
