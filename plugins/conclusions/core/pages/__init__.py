"""Generate the Markdown of every page from the edition, or from each edition of a collection.

Each function returns one `Page`; `site.SiteMaker.pages` (and `site.all_pages`) yields them
all. Nothing here knows MkDocs: the adapter turns `Page` objects into MkDocs files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..edition import Edition
from .base import Page
from .text import full_text, home, paragraph, recital, section

__all__ = ["Page", "document_pages", "pages_among_many"]


def pages_among_many(edition: Edition) -> list[Page]:
    """The pages of one document of a collection, each title naming the document; those a
    one-document site lists in its navigation are listed under the document's own entry."""
    h = edition.document.header
    names = [n for n in (h.citation_title, h.title, h.short_title, h.document_id) if n]
    out = []
    for page in document_pages(edition):
        # Titles that do not name the document ("Full text") name it among many documents:
        # search results show them.
        named = any(n in page.title for n in names)
        title = page.title if named else f"{page.title} – {h.document_id or h.short_title}"
        out.append(replace(page, title=title))
    return out


def document_pages(edition: Edition) -> Iterator[Page]:
    """The pages of one document: its home, full text, sections, recitals and paragraphs."""
    doc = edition.document
    yield home(edition)
    yield full_text(edition)
    for s in doc.sections:
        yield section(edition, s)
    for x in doc.recitals:
        yield recital(edition, x)
    for p in doc.paragraphs:
        yield paragraph(edition, p)
