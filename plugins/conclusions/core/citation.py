"""The formal citation of one paragraph or recital, as "Cite" copies it and print shows it.

Kept apart from `sharing` so that `pages` (which writes the citation into the paragraph
markup) and `sharing` (which needs the page paths of `pages`) do not import each other.
"""

from __future__ import annotations

import datetime

from .model import Header, Paragraph, Recital

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(iso: str) -> str:
    """'2023-11-13' -> '13 November 2023' (no locale: builds must not depend on the machine)."""
    if not iso:
        return ""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def pinpoint(item: Paragraph | Recital) -> str:
    """How a citation points into the document: 'para. 21', 'recital 3'."""
    return f"para. {item.number}" if isinstance(item, Paragraph) else f"recital {item.letter or item.number}"


def citation_prefix(header: Header, item: Paragraph | Recital) -> str:
    """The citation up to, not including, the URL: the page adds the address it is published at.

    Built from what the source gives: a field the document lacks is left out, never filled in.
    """
    parts = (header.institution, header.citation_title, header.document_id, long_date(header.date), pinpoint(item))
    return ", ".join(part for part in parts if part)


def citation(header: Header, item: Paragraph | Recital, url: str) -> str:
    """The formal citation of `item` of the document of `header`, ending with `url`, its address."""
    return f"{citation_prefix(header, item)}, {url}."


def point_pinpoint(anchor: str) -> str:
    """How a citation points to a point: 'b-iii' -> 'point (b)(iii)'; dashes by position:
    'b-2' -> 'point (b), indent 2'; '3' -> 'indent 3'."""
    named = [part for part in anchor.split("-") if not part.isdigit()]
    text = "point " + "".join(f"({part})" for part in named) if named else ""
    for part in anchor.split("-"):
        if part.isdigit():
            text = f"{text}, indent {part}" if text else f"indent {part}"
    return text
