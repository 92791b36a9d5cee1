"""The formal citation of one paragraph or recital, as "Cite" copies it and print shows it,
in the words of the document's language (`interface.Interface`).

Kept apart from `sharing` so that `pages` (which writes the citation into the paragraph
markup) and `sharing` (which needs the page paths of `pages`) do not import each other.
"""

from __future__ import annotations

from .interface import ENGLISH, Interface
from .model import Header, Paragraph, Recital


def long_date(iso: str, words: Interface = ENGLISH) -> str:
    """'2023-11-13' -> '13 November 2023', in the language of `words`."""
    return words.date(iso)


def pinpoint(item: Paragraph | Recital, words: Interface = ENGLISH) -> str:
    """How a citation points into the document: 'para. 21', 'recital 3'."""
    if isinstance(item, Paragraph):
        return words("cite.paragraph", number=item.shown)
    return words("cite.recital", key=item.shown)


def citation_prefix(header: Header, item: Paragraph | Recital, words: Interface = ENGLISH) -> str:
    """The citation up to, not including, the URL: the page adds the address it is published at.

    Built from what the source gives: a field the document lacks is left out, never filled in.
    """
    parts = (
        header.institution,
        header.citation_title,
        header.document_id,
        words.date(header.date),
        pinpoint(item, words),
    )
    return ", ".join(part for part in parts if part)


def citation(header: Header, item: Paragraph | Recital, url: str, words: Interface = ENGLISH) -> str:
    """The formal citation of `item` of the document of `header`, ending with `url`, its address."""
    return f"{citation_prefix(header, item, words)}, {url}."


def point_pinpoint(anchor: str, words: Interface = ENGLISH, numbered: str = "") -> str:
    """How a citation points to a point: 'b-iii' -> 'point (b)(iii)'; dashes by position:
    'b-2' -> 'point (b), indent 2'; '3' -> 'indent 3'. A point numbered after its paragraph
    (`numbered`: '2.1', the marker of the outermost point of `anchor`) by its number: '1-a' ->
    'point 2.1(a)'."""
    parts = anchor.split("-")
    if numbered:
        inner = [part for part in parts[1:] if not part.isdigit()]
        text = words("cite.point", markers=numbered + "".join(f"({part})" for part in inner))
        parts = [part for part in parts[1:] if part.isdigit()]
    else:
        named = [part for part in parts if not part.isdigit()]
        text = words("cite.point", markers="".join(f"({part})" for part in named)) if named else ""
    for part in parts:
        if part.isdigit():
            text = words("cite.point_indent", point=text, number=part) if text else words("cite.indent", number=part)
    return text
