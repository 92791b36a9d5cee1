"""The old addresses of a document that was at the root of a site that became a collection.

Published addresses are a promise (README, "URL policy"). When a one-document site takes in
more documents, its document moves under its prefix ('/paragraphs/21/' to
'/st-9876-2024/paragraphs/21/'). GitHub Pages serves files only, with no server redirects,
so each old page address gets a small page that sends the reader on: a meta refresh (which
needs no script), a canonical link (so search engines move their entry), a visible link, and
a script that keeps the fragment (`#p21`), which a meta refresh drops. The old data files and
cards are published again at their old paths, unchanged in content.

The register pages (instruments, glossary, actors, verbs) and the About pages belong to the
site and keep their addresses; the old home is the collection's home. A language version of
the document had its own register and About pages under its code ('/fr/actors/commission/'):
each leads to the collection's page of the same entry, which lists every text.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator, Mapping, Sequence
from typing import TypeVar

from .edition import Edition
from .markup import Md, element, html_page, join, start_tag, text
from .urls import AT_ROOT, DocumentUrls, Site, language_version, site_path

KEEP_FRAGMENT = "location.replace(document.querySelector('link[rel=canonical]').href + location.hash)"
"""The one inline script of every redirect page (its hash is in the page's policy)."""

Published = TypeVar("Published")
"""What a published file is to the caller: its content, or where it is."""


def old_pages(edition: Edition, was: DocumentUrls = AT_ROOT) -> Iterator[tuple[str, str]]:
    """(old page source path, new page source path) of each page of `edition`, which stood at
    `was` (the root: every page but its home, which is the collection's now; a language version
    of the document at the root, under its code: its home too)."""
    doc = edition.document
    now = edition.urls
    if was != AT_ROOT:
        yield was.home, now.home
    yield was.text, now.text
    for s in doc.sections:
        yield was.section_page(s.slug), now.section_page(s.slug)
    for x in doc.recitals:
        yield was.recital_page(x.key), now.recital_page(x.key)
    for p in doc.paragraphs:
        yield was.paragraph_page(p.number), now.paragraph_page(p.number)


def old_registers(was: DocumentUrls, editions: Sequence[Edition]) -> Iterator[tuple[str, str]]:
    """(old page source path, new page source path) of each register and About page a
    language version had under `was` (`DocumentUrls.registers`), of the entries `editions`
    published: the collection's own page now."""
    now = AT_ROOT
    pairs = [
        (was.instruments, now.instruments),
        (was.glossary, now.glossary),
        (was.actors, now.actors),
        (was.verbs, now.verbs),
        (was.about_edition, now.about_edition),
        (was.about, now.about),
    ]
    yield from pairs
    instruments = dict.fromkeys(i.id for e in editions for i in e.registries.instruments)
    actors = dict.fromkeys(a.id for e in editions for a in e.registries.actors)
    for entry_id in instruments:
        yield was.instrument_page(entry_id), now.instrument_page(entry_id)
    for entry_id in actors:
        yield was.actor_page(entry_id), now.actor_page(entry_id)


def redirect_page(target: str, title: str) -> str:
    """The HTML of a page that sends the reader to the absolute address `target`."""
    digest = base64.b64encode(hashlib.sha256(KEEP_FRAGMENT.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; script-src 'sha256-{digest}'"
    head = [
        start_tag("meta", {"charset": "utf-8"}),
        start_tag("meta", {"http-equiv": "Content-Security-Policy", "content": policy}),
        element("title", text(title)),
        start_tag("link", {"rel": "canonical", "href": target}),
        start_tag("meta", {"name": "robots", "content": "noindex"}),
        start_tag("meta", {"http-equiv": "refresh", "content": f"0; url={target}"}),
        element("script", Md(KEEP_FRAGMENT)),
    ]
    body = element("p", join([text("This page has moved to "), element("a", text(target), {"href": target}), "."]))
    return html_page(head, body)


def moved(
    edition: Edition, published: Mapping[str, Published], site: Site, versions: Sequence[Edition] = ()
) -> dict[str, str | Published]:
    """Every old address of `edition`'s pages and files, and of its language `versions`: a
    redirect page (its HTML), or the file again (what `published` gives for it: its content, or
    the file it is copied from; a version's files stand under the document's prefix too).

    Args:
        edition: the document that was at the root.
        published: the files the site publishes (cards, data), by path.
        site: addresses under the site URL.
        versions: its language versions, which stood under their codes at the root.
    """
    out: dict[str, str | Published] = {}
    pairs = [*old_pages(edition)]
    for v in versions:
        was = language_version(AT_ROOT, v.document.header.language)
        pairs += old_pages(v, was)
        if was.registers:
            pairs += old_registers(was, (edition, *versions))
    for old, new in pairs:
        out[site_path(old) + "index.html"] = redirect_page(site.page(new), "Moved")
    prefix = edition.urls.prefix
    for path, content in published.items():
        old = path.removeprefix(prefix)
        # The old site-wide card and sitemaps are the collection's own now.
        if path.startswith(prefix) and old not in published and not path.endswith("sitemap.xml"):
            out[old] = content
    return out
