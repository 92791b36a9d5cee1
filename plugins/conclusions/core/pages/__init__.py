"""Generate the Markdown of every page from the edition.

Each function returns one `Page`; `all_pages` yields them all. Nothing here knows MkDocs:
the adapter turns `Page` objects into MkDocs files.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..index import Edition
from .base import Page
from .registers import (
    actor,
    actors_index,
    glossary,
    instrument,
    instruments_index,
    verbs,
)
from .text import about_urls, full_text, home, paragraph, recital, section

__all__ = ["Page", "all_pages"]


def all_pages(edition: Edition) -> Iterator[Page]:
    """Every page of the edition, in the order of the navigation."""
    doc = edition.document
    yield home(edition)
    yield full_text(edition)
    for s in doc.sections:
        yield section(edition, s)
    for x in doc.recitals:
        yield recital(edition, x)
    for p in doc.paragraphs:
        yield paragraph(edition, p)
    yield instruments_index(edition)
    for i in edition.registries.instruments:
        yield instrument(edition, i)
    yield glossary(edition)
    yield actors_index(edition)
    for a in edition.registries.actors:
        yield actor(edition, a)
    yield verbs(edition)
    yield about_urls(edition)
