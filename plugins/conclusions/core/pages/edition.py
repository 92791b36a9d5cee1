"""The "About this edition" page: who publishes it, that it is unofficial, where the official
text is, the reuse notice, and what is editorial. From the document's header and the site's
configuration (`EditionInfo`); a part neither gives is left out."""

from __future__ import annotations

from ..collection import Collection
from ..identity import EditionInfo, document_line, official_text
from ..index import Edition
from ..markup import Md, external_link, heading, join, link, para
from ..urls import ABOUT, ABOUT_EDITION, ACTORS, GLOSSARY, HOME, Linker
from .base import Page


def about_edition(c: Collection, info: EditionInfo) -> Page:
    """The About page of the site: of its one document, or of a collection."""
    return about_collection(c, info) if c.is_collection else _about_document(c.editions[0], info)


def about_collection(c: Collection, info: EditionInfo) -> Page:
    to = Linker(ABOUT_EDITION)
    publisher = _publisher(info)
    out: list[str] = [
        heading(1, "About this edition"),
        para(
            join(
                [
                    f"This is an unofficial, hyperlinked edition of {len(c.editions)} texts of the Council of the "
                    "European Union (",
                    link(c.title, to.to(HOME)),
                    *((", published by ", publisher) if publisher else ()),
                    "). It is not the official text, and the Council has not published or endorsed it. Each "
                    "document's pages link to its official text in the Council's public register.",
                ]
            )
        ),
        heading(2, "What is editorial"),
        para(
            join(
                [
                    "The words of the texts are the Council's. The ",
                    link("glossary", to.to(GLOSSARY)),
                    ", the descriptions of the ",
                    link("actors", to.to(ACTORS)),
                    ", the links between documents, paragraphs, instruments and actors, the division into "
                    "clauses and the link-preview cards are this edition's own work, not the Council's. A link "
                    "from one document to another is made where the text names it by date and title, by "
                    "number, or in a footnote.",
                ]
            )
        ),
    ]
    if info.reuse:
        out += [heading(2, "Reuse"), para(info.reuse)]
    out.append(para(join(["Every paragraph has a stable address: see ", link("About these URLs", to.to(ABOUT)), "."])))
    return Page(
        ABOUT_EDITION,
        "About this edition",
        join(out, "\n\n"),
        in_nav=False,
        meta={"description": f"Who publishes this edition of {c.title}, and where the official texts are."},
    )


def _publisher(info: EditionInfo) -> Md | str:
    if not info.publisher:
        return ""
    return external_link(info.publisher, info.publisher_url) if info.publisher_url else info.publisher


def _about_document(edition: Edition, info: EditionInfo) -> Page:
    h = edition.document.header
    to = Linker(ABOUT_EDITION)
    name = h.citation_title or h.title
    official = official_text(h)
    publisher: Md | str = (
        (external_link(info.publisher, info.publisher_url) if info.publisher_url else info.publisher)
        if info.publisher
        else ""
    )
    out: list[str] = [
        heading(1, "About this edition"),
        para(join(document_line(h, info, edition.interface), " · ")),
        para(
            join(
                [
                    "This is an unofficial, hyperlinked edition of the ",
                    name,
                    *((" (", h.document_id, ")") if h.document_id else ()),
                    *((", published by ", publisher) if publisher else ()),
                    ". It is not the official text, and the Council of the European Union has not "
                    "published or endorsed it.",
                ]
            )
        ),
    ]
    if official.journal:
        out.append(
            para(
                join(
                    [
                        "The official text is published in the Official Journal of the European Union: ",
                        external_link(f"{h.document_id or h.title} (ELI)", official.url),
                        ".",
                    ]
                )
            )
        )
    elif official.url:
        out.append(
            para(
                join(
                    [
                        "The official text is the Council's, in its public register: ",
                        external_link(f"{h.document_id} ({h.language}, PDF)", official.url),
                        ".",
                    ]
                )
            )
        )
    out.append(heading(2, "What is editorial"))
    out.append(
        para(
            join(
                [
                    "The words of the conclusions are the Council's. The ",
                    link("glossary", to.to(GLOSSARY)),
                    ", the descriptions of the ",
                    link("actors", to.to(ACTORS)),
                    ", the links between paragraphs, instruments and actors, the division into "
                    "clauses and the link-preview cards are this edition's own work, not the Council's.",
                ]
            )
        )
    )
    if info.reuse:
        out += [heading(2, "Reuse"), para(info.reuse)]
    out.append(para(join(["Every paragraph has a stable address: see ", link("About these URLs", to.to(ABOUT)), "."])))
    return Page(
        ABOUT_EDITION,
        "About this edition",
        join(out, "\n\n"),
        # Linked from every page's footer and document line; not in the navigation, whose
        # length on a desktop is the viewport's (a longer one scrolls under Material's sticky title).
        in_nav=False,
        meta={"description": f"Who publishes this edition of the {name}, and where the official text is."},
    )
