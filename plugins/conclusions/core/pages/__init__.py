"""Generate the Markdown of every page from the edition, or from each edition of a collection.

Each function returns one `Page`; `all_pages` yields them all. Nothing here knows MkDocs:
the adapter turns `Page` objects into MkDocs files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from ..collection import Collection, single
from ..index import Edition
from ..reuse import Reuse, reused
from .base import Page
from .collection import collection_home
from .registers import (
    actor,
    actors_index,
    glossary,
    instrument,
    instruments_index,
    verbs,
)
from .text import about_urls, full_text, home, paragraph, recital, section

__all__ = ["Page", "all_pages", "document_pages"]


def all_pages(site: Collection | Edition, reuse: Reuse | None = None) -> Iterator[Page]:
    """Every page of the site, in the order of the navigation (an edition alone: a one-document site's).

    Args:
        site: the collection, or a one-document site's edition.
        reuse: the pages the last build made of each edition, taken again for the same edition.
    """
    c = site if isinstance(site, Collection) else single(site)
    if c.is_collection:
        yield collection_home(c)
        for edition in c.editions:
            # A collection's navigation holds its own pages only: a document's are reached from
            # the collection's home, so no page carries a list of every document's pages.
            yield from reused(reuse, ("pages", edition.urls.prefix), (edition,), partial(_among_many, edition))
    else:
        yield from reused(reuse, ("pages", ""), (c.editions[0],), partial(_list, document_pages(c.editions[0])))
    yield instruments_index(c)
    for i in c.registries.instruments:
        yield instrument(c, i, reuse)
    yield glossary(c, reuse)
    yield actors_index(c, reuse)
    for a in c.registries.actors:
        yield actor(c, a, reuse)
    yield verbs(c, reuse)
    yield about_urls(c.editions[0], collection=c.is_collection)


def _list(pages: Iterator[Page]) -> list[Page]:
    return list(pages)


def _among_many(edition: Edition) -> list[Page]:
    """The pages of one document of a collection: out of the navigation, each title naming the document."""
    h = edition.document.header
    names = [n for n in (h.citation_title, h.title, h.short_title, h.document_id) if n]
    out = []
    for page in document_pages(edition):
        # Titles that do not name the document ("Full text") name it among many documents:
        # search results show them.
        named = any(n in page.title for n in names)
        title = page.title if named else f"{page.title} – {h.document_id or h.short_title}"
        out.append(replace(page, in_nav=False, title=title))
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
