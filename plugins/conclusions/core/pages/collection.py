"""The pages of a collection as a whole: its home, which lists the documents by date."""

from __future__ import annotations

from ..collection import Collection
from ..inline_source import lead
from ..markup import Md, element, heading, join, link, para, table, text, worded
from ..urls import ACTORS, GLOSSARY, HOME, INSTRUMENTS, Linker
from . import templates
from .base import DESCRIPTION_LIMIT, Page


def collection_home(c: Collection) -> Page:
    """The collection's home: every document, newest first, with its subject codes and size.

    One row per document: the page grows with the number of documents, not of their pages.
    """
    to = Linker(HOME)
    w = c.editions[0].interface
    rows = []
    for edition in c.editions:
        h = edition.document.header
        name = link(h.short_title or h.title, to.to(edition.urls.home))
        rows.append(
            (
                w.date(h.date) or "–",
                # The id is one unit: 'ST 6120/25' never breaks after 'ST'.
                join(
                    [name, Md(" ("), text(h.document_id.replace(" ", "\u00a0")), Md(")")] if h.document_id else [name]
                ),
                ", ".join(h.subject_codes) or "–",
                len(edition.document.paragraphs),
            )
        )
    recalls = sum(1 for r in c.references if r.cited is not None)
    body = templates.current().render(
        "collection_home",
        title=heading(1, c.title),
        lead=para(
            worded(
                w.words["collection_home.lead"],
                count=len(c.editions),
                recalls=recalls,
                instruments=link(w("collection_home.instruments"), to.to(INSTRUMENTS)),
                actors=link(w("collection_home.actors"), to.to(ACTORS)),
                glossary=link(w("collection_home.glossary"), to.to(GLOSSARY)),
            )
        ),
        documents_heading=heading(2, w("collection_home.documents"), id="documents"),
        moved=join(
            [
                element(
                    "div",
                    "",
                    {
                        "hidden": True,
                        "data-moved-anchors": to.to(c.formerly_at_root.urls.home).removesuffix("index.md"),
                    },
                )
            ]
            if c.formerly_at_root is not None
            else []
        ),
        documents=table(
            [
                w("collection_home.date"),
                w("collection_home.document"),
                w("collection_home.subject_codes"),
                w("collection_home.paragraphs"),
            ],
            rows,
            align=["---", "---", "---", "---:"],
            # On a phone the register's subject codes column is left out (CSS): the texts'
            # names take the width.
            classes=["documents"],
        ),
        collection=c,
        words=w,
    )
    return Page(
        HOME,
        c.title,
        body,
        in_nav=True,
        meta={
            "description": lead(
                w("collection_home.description", title=c.title, count=len(c.editions)), DESCRIPTION_LIMIT
            )
        },
    )
