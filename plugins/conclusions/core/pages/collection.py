"""The pages of a collection as a whole: its home, which lists the documents by date."""

from __future__ import annotations

from ..citation import long_date
from ..collection import Collection
from ..inline import lead
from ..markup import Md, element, heading, join, link, para, table
from ..urls import ACTORS, GLOSSARY, HOME, INSTRUMENTS, Linker
from .base import DESCRIPTION_LIMIT, Page


def collection_home(c: Collection) -> Page:
    """The collection's home: every document, newest first, with its subject codes and size.

    One row per document: the page grows with the number of documents, not of their pages.
    """
    to = Linker(HOME)
    rows = []
    for edition in c.editions:
        h = edition.document.header
        name = link(h.short_title or h.title, to.to(edition.urls.home))
        rows.append(
            (
                long_date(h.date) or "–",
                join([name, Md(f" ({h.document_id})") if h.document_id else Md("")]),
                ", ".join(h.subject_codes) or "–",
                len(edition.document.paragraphs),
            )
        )
    recalls = sum(1 for r in c.references if r.cited is not None)
    out = [
        heading(1, c.title),
        para(
            join(
                [
                    f"{len(c.editions)} Council texts, newest first, each with its own pages. Where one text "
                    "cites another, its words link to that text and, where it names one, to the paragraph "
                    f"({recalls} such references). Across the texts: the ",
                    link("instruments", to.to(INSTRUMENTS)),
                    " they recall, the ",
                    link("actors", to.to(ACTORS)),
                    " they ask to act, and the ",
                    link("glossary", to.to(GLOSSARY)),
                    ".",
                ]
            )
        ),
        heading(2, "Documents", id="documents"),
        *(
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
        table(
            ["Date", "Document", "Subject codes", "Paragraphs"],
            rows,
            align=["---", "---", "---", "---:"],
            classes=["documents"],
        ),
    ]
    return Page(
        HOME,
        c.title,
        join(out, "\n\n"),
        in_nav=True,
        meta={
            "description": lead(
                f"{c.title}: {len(c.editions)} documents, linked paragraph by paragraph.", DESCRIPTION_LIMIT
            )
        },
    )
