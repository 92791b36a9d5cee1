"""The "About this edition" page: who publishes it, that it is unofficial, where the official
text is, the reuse notice, and what is editorial. From the document's header and the site's
configuration (`EditionInfo`); a part neither gives is left out."""

from __future__ import annotations

from dataclasses import replace

from ..collection import Collection
from ..edition import Edition
from ..identity import EditionInfo, document_line, official_text
from ..interface import ENGLISH, Interface
from ..markup import Md, element, external_link, heading, join, link, para, worded
from ..urls import ABOUT_EDITION, AT_ROOT, HOME, DocumentUrls, Linker
from . import templates
from .base import Page, kept_anchor


def about_edition(c: Collection, info: EditionInfo) -> Page:
    """The About page of the site: of its one document, or of a collection."""
    return about_collection(c, info) if c.is_collection else _about_document(c.editions[0], info)


def about_pages(c: Collection, info: EditionInfo) -> list[Page]:
    """The About page of the site, and of each language version that has register pages of its
    own (`DocumentUrls.registers`), in its language, reached from its own pages."""
    versions = () if c.is_collection else c.versions
    return [
        about_edition(c, info),
        *(
            replace(_about_document(v, info, c.editions[0].document.header.language), in_nav=False)
            for v in versions
            if v.urls.registers
        ),
    ]


def _heading(w: Interface, level: int, key: str) -> Md:
    """A heading of interface words, with the anchor its English words give in every language."""
    return heading(level, w(key), id=kept_anchor(w(key), ENGLISH(key)))


def _stable(w: Interface, to: Linker, u: DocumentUrls) -> Md:
    return para(worded(w.words["about.stable"], link=link(w("registers.about_urls"), to.to(u.about))))


def _editorial(w: Interface, key: str, to: Linker, u: DocumentUrls) -> Md:
    return para(
        worded(
            w.words[key],
            glossary=link(w("about.glossary"), to.to(u.glossary)),
            actors=link(w("about.actors"), to.to(u.actors)),
        )
    )


def _reuse_notice(w: Interface, info: EditionInfo, language: str = "") -> Md:
    """The site's reuse notice, written in the site's `language`: on a page in another, marked so."""
    if not info.reuse_notice:
        return Md("")
    notice = info.reuse_notice
    shown = element("span", notice, {"lang": language}) if language and language != w.language else notice
    return join([_heading(w, 2, "about.reuse"), para(shown)], "\n\n")


def _published(w: Interface, info: EditionInfo) -> Md:
    publisher = _publisher(info)
    return worded(w.words["about.published_by"], publisher=publisher) if publisher else Md("")


def about_collection(c: Collection, info: EditionInfo) -> Page:
    to = Linker(ABOUT_EDITION)
    w = c.editions[0].interface
    body = templates.current().render(
        "about",
        title=_heading(w, 1, "about.heading"),
        document_line="",
        lead=para(
            worded(
                w.words["about.collection_lead"],
                count=len(c.editions),
                title=link(c.title, to.to(HOME)),
                published=_published(w, info),
            )
        ),
        official="",
        editorial=join(
            [_heading(w, 2, "about.editorial"), _editorial(w, "about.collection_editorial", to, AT_ROOT)], "\n\n"
        ),
        reuse=_reuse_notice(w, info),
        addresses=_stable(w, to, AT_ROOT),
        words=w,
    )
    return Page(
        ABOUT_EDITION,
        w("about.heading"),
        body,
        in_nav=True,
        meta={"description": w("about.collection_description", title=c.title)},
    )


def _publisher(info: EditionInfo) -> Md | str:
    if not info.publisher:
        return ""
    return external_link(info.publisher, info.publisher_url) if info.publisher_url else info.publisher


def _about_document(edition: Edition, info: EditionInfo, site_language: str = "") -> Page:
    """The About page of one document, in its language; `site_language`: the language the
    site's own words (its reuse notice) are written in, when the document is a version."""
    h = edition.document.header
    w = edition.interface
    u = edition.urls
    to = Linker(u.about_edition)
    name = h.citation_title or h.title
    official = official_text(h)
    where = Md("")
    if official.journal:
        target = w("about.journal_link", id=h.document_id or h.title)
        where = para(worded(w.words["about.journal"], link=external_link(target, official.url)))
    elif official.url:
        target = w("about.register_link", id=h.document_id, language=h.language)
        where = para(worded(w.words["about.register"], link=external_link(target, official.url)))
    body = templates.current().render(
        "about",
        title=_heading(w, 1, "about.heading"),
        document_line=para(join(document_line(h, info, w), " · ")),
        lead=para(
            worded(
                w.words["about.document_lead"],
                name=name,
                id=worded(w.words["about.document_id"], id=h.document_id) if h.document_id else Md(""),
                published=_published(w, info),
            )
        ),
        official=where,
        editorial=join([_heading(w, 2, "about.editorial"), _editorial(w, "about.document_editorial", to, u)], "\n\n"),
        reuse=_reuse_notice(w, info, site_language),
        addresses=_stable(w, to, u),
        words=w,
    )
    return Page(
        u.about_edition,
        w("about.heading"),
        body,
        # In the navigation under one "About" entry with the URL policy (the plugin groups them),
        # as well as linked from every page's footer and document line.
        in_nav=True,
        meta={"description": w("about.document_description", name=name)},
    )
