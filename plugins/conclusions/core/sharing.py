"""What a page says about itself when it is shared: titles, descriptions, cards, citations.

Link-preview fetchers (Slack, Teams, LinkedIn, X, mail clients) never run JavaScript, so
everything here ends up in the static `<head>`; the theme override only prints it. The
values come from the model, never from this module: it knows page kinds, not the document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from .citation import citation
from .collection import Collection
from .edition import Edition
from .identity import EditionInfo, document_line, edition_name, official_text
from .inline_source import lead, plain_text
from .interface import Interface
from .jsondata import JsonData
from .languages import site_alternates
from .markup import json_data
from .model import Header, Paragraph, Recital
from .pages.base import DESCRIPTION_LIMIT
from .urls import (
    ABOUT_EDITION,
    COLLECTION_JSON,
    HOME,
    SITE_CARD,
    DocumentUrls,
    Site,
    site_path,
)

CARD_SIZE = (1200, 630)

# og:locale wants language_TERRITORY; the territory of each official EU language.
_LOCALES = {
    "bg": "bg_BG",
    "cs": "cs_CZ",
    "da": "da_DK",
    "de": "de_DE",
    "el": "el_GR",
    "en": "en_GB",
    "es": "es_ES",
    "et": "et_EE",
    "fi": "fi_FI",
    "fr": "fr_FR",
    "ga": "ga_IE",
    "hr": "hr_HR",
    "hu": "hu_HU",
    "it": "it_IT",
    "lt": "lt_LT",
    "lv": "lv_LV",
    "mt": "mt_MT",
    "nl": "nl_NL",
    "pl": "pl_PL",
    "pt": "pt_PT",
    "ro": "ro_RO",
    "sk": "sk_SK",
    "sl": "sl_SI",
    "sv": "sv_SE",
}


def locale(language: str) -> str:
    """og:locale of a language: 'en' -> 'en_GB', 'pt-BR' -> 'pt_BR'."""
    language = language.replace("-", "_")
    return language if "_" in language else _LOCALES.get(language, language)


def card_path(item: Paragraph | Recital, urls: DocumentUrls) -> str:
    """Where the link-preview card of a paragraph or recital is published."""
    return urls.paragraph_card(item.number) if isinstance(item, Paragraph) else urls.recital_card(item.key)


def _identity(h: Header, sep: str, words: Interface) -> str:
    """'ST 9876/24 · 21 May 2024', from the parts the source gives."""
    return sep.join(x for x in (h.document_id, words.date(h.date)) if x)


@dataclass(frozen=True)
class Card:
    """What one preview card shows; `path` is where it is published under the site root."""

    path: str
    heading: str
    """The document's title, at the top."""
    label: str
    """'Paragraph 21', or the site name on the site-wide card."""
    text: str
    """The opening of the text, plain."""
    footer: str
    alt: str


@dataclass(frozen=True)
class Share:
    """Everything the `<head>` of one page needs for link previews and citation."""

    html_title: str
    title: str
    description: str
    type: str
    url: str
    site_name: str
    locale: str
    image: str
    image_alt: str
    json: str
    """Site-relative path of the page's JSON representation."""
    site_url: str
    citation: str = ""
    image_width: int = CARD_SIZE[0]
    image_height: int = CARD_SIZE[1]
    linked_data: Markup = field(default_factory=Markup)
    """A paragraph page's schema.org `Legislation`, as the text of a JSON-LD data block."""


class Sharing:
    """Link-preview data of every page of one edition, for one site URL."""

    def __init__(self, edition: Edition, site_url: str, site_name: str, info: EditionInfo | None = None) -> None:
        self.edition = edition
        self.urls = edition.urls
        self.info = info or EditionInfo()
        self.site = Site(site_url)
        self.site_url = self.site.root
        self.site_name = site_name
        doc = edition.document
        # One dict lookup per page keeps the cost linear in the number of pages.
        self._items: dict[str, Paragraph | Recital] = {
            **{self.urls.recital_page(x.key): x for x in doc.recitals},
            **{self.urls.paragraph_page(p.number): p for p in doc.paragraphs},
        }

    def absolute(self, path: str) -> str:
        """The address of the published file at `path`."""
        return self.site.file(path)

    def item_card(self, item: Paragraph | Recital) -> Card:
        h = self.edition.document.header
        words = self.edition.interface
        text = plain_text(item.text)
        return Card(
            path=card_path(item, self.urls),
            heading=h.citation_title or h.title,
            label=words.label(item),
            text=text,
            footer=" · ".join(x for x in (edition_name(self.info, words), _identity(h, " · ", words)) if x),
            alt=words("card.alt", label=words.label(item), title=h.title, lead=lead(text, 120)),
        )

    def site_card(self) -> Card:
        h = self.edition.document.header
        words = self.edition.interface
        return Card(
            path=self.urls.site_card,
            heading=edition_name(self.info, words),
            label=h.short_title,
            text=h.citation_title or h.title,
            footer=" · ".join(document_line(h, self.info, words)),
            alt=", ".join(x for x in (h.title, h.document_id, words.date(h.date)) if x),
        )

    def cards(self) -> list[Card]:
        doc = self.edition.document
        return [
            self.site_card(),
            *(self.item_card(x) for x in doc.recitals),
            *(self.item_card(p) for p in doc.paragraphs),
        ]

    def card_paths(self) -> list[str]:
        """Where `cards()` go, without making them."""
        doc = self.edition.document
        return [
            self.urls.site_card,
            *(card_path(x, self.urls) for x in doc.recitals),
            *(card_path(p, self.urls) for p in doc.paragraphs),
        ]

    def for_page(self, src: str, title: str, description: str, canonical: str | None) -> Share:
        """The share data of the page generated from `src` (its front matter title and description)."""
        h = self.edition.document.header
        item = self._items.get(src)
        url = canonical or self.site.page(src)
        # A paragraph's or recital's page is titled briefly (search weighs titles); its tab and
        # its link preview name the document by its full name, as the short title may also be
        # another document's. Other titles get the site name.
        if item is not None:
            words = self.edition.interface
            label = (
                words("item.paragraph_short", number=item.shown) if isinstance(item, Paragraph) else words.label(item)
            )
            html_title = f"{label} \u2013 {h.citation_title or h.title}"
        elif src == self.urls.home or title == self.site_name:
            html_title = title
        else:
            html_title = f"{title} \u2013 {self.site_name}"
        card = self.site_card() if item is None else self.item_card(item)
        return Share(
            html_title=html_title,
            title=html_title,
            description=description or lead(h.title, DESCRIPTION_LIMIT),
            type="website" if item is None else "article",
            url=url,
            site_name=self.site_name,
            locale=locale(h.language),
            image=self.absolute(card.path),
            image_alt=card.alt,
            json=self.urls.paragraph_json(item.number) if isinstance(item, Paragraph) else self.urls.document_json,
            site_url=self.site_url,
            citation="" if item is None else citation(h, item, url, self.edition.interface),
            linked_data=json_data(JsonData(self.edition, self.site_url).legislation(item))
            if isinstance(item, Paragraph)
            else Markup(""),
        )

    def site_context(self) -> dict[str, str | int]:
        """Values for templates that are not pages (the 404 page): the valid ranges."""
        doc = self.edition.document
        return {
            "first_paragraph": doc.paragraphs[0].number if doc.paragraphs else 0,
            "last_paragraph": doc.paragraphs[-1].number if doc.paragraphs else 0,
            "recitals": len(doc.recitals),
            "title": doc.header.title,
            "document_id": doc.header.document_id,
            "paragraph_path": self.urls.paragraph_path_prefix(),
            "text_path": site_path(self.urls.text),
            # In a collection, the line names one document among many: it links to its home.
            "home_path": site_path(self.urls.home) if self.urls.prefix else "",
            "home_title": doc.header.citation_title or doc.header.title,
            # Which text a page belongs to, by its short title, at the head of every page.
            "short_title": doc.header.short_title,
            # The document line and the footer of every page (theme/partials/identity.html).
            "line": " · ".join(document_line(doc.header, self.info, self.edition.interface)),
            "register_url": official_text(doc.header).url,
            # An act of the Official Journal: its official text is at its ELI, not in the register.
            "official_journal": bool(doc.header.eli),
            "edition_name": edition_name(self.info, self.edition.interface),
            "publisher": self.info.publisher,
            "publisher_url": self.info.publisher_url,
            "reuse_notice": self.info.reuse_notice,
            "about_path": site_path(self.urls.about_edition),
        }


class SiteSharing:
    """Link-preview data of every page of the site: each document's pages by their edition's
    `Sharing`, and, in a collection, the collection's own pages (home, registers) by its card."""

    def __init__(self, c: Collection, site_url: str, site_name: str, info: EditionInfo | None = None) -> None:
        self.collection = c
        self.info = info or EditionInfo()
        self.site = Site(site_url)
        self.site_name = site_name
        self.by_prefix = {e.urls.prefix: Sharing(e, site_url, site_name, info) for e in (*c.editions, *c.versions)}

    def of(self, src: str) -> Sharing | None:
        """The sharing of the document whose page or file `src` is; None for the collection's own."""
        edition = self.collection.edition_of(src)
        return None if edition is None else self.by_prefix[edition.urls.prefix]

    def collection_card(self) -> Card:
        c = self.collection
        words = self.interface()
        return Card(
            path=SITE_CARD,
            heading=edition_name(self.info, words),
            label=c.title,
            text=words("collection.card_text", count=len(c.editions)),
            footer=edition_name(self.info, words),
            alt=words("collection.card_alt", title=c.title, count=len(c.editions)),
        )

    def card_paths(self) -> list[str]:
        """Where the cards of every page go (`site.SiteMaker.cards`), without making them."""
        own = [SITE_CARD] if self.collection.is_collection else []
        return own + [path for sharing in self.by_prefix.values() for path in sharing.card_paths()]

    def for_page(self, src: str, title: str, description: str, canonical: str | None) -> Share:
        sharing = self.of(src)
        if sharing is not None:
            return sharing.for_page(src, title, description, canonical)
        card = self.collection_card()
        html_title = title if src == HOME or title == self.site_name else f"{title} \u2013 {self.site_name}"
        return Share(
            html_title=html_title,
            title=html_title,
            description=description or lead(self.collection.title, DESCRIPTION_LIMIT),
            type="website",
            url=canonical or self.site.page(src),
            site_name=self.site_name,
            locale=locale(self.collection.editions[0].document.header.language),
            image=self.site.file(card.path),
            image_alt=card.alt,
            json=COLLECTION_JSON,
            site_url=self.site.root,
        )

    def fingerprint(self) -> Callable[[str], str]:
        """What the share data and document line of a page depend on beyond its own Markdown,
        the site's name and URL and the `EditionInfo`, by the page's source path: its
        document's header (and the page's language versions); the collection's title and size
        for the collection's own pages."""
        c = self.collection
        own = repr((c.title, len(c.editions), c.editions[0].document.header.language))
        headers = {prefix: repr(sharing.edition.document.header) for prefix, sharing in self.by_prefix.items()}
        if c.versions:
            # A page of a text in several languages shows its versions (hreflang, the switch).
            versions = site_alternates(c)

            def of_page(src: str) -> str:
                by = c.edition_of(src)
                return (headers[by.urls.prefix] if by is not None else own) + repr(versions.get(src, ()))

            return of_page
        if not c.is_collection:
            return lambda _src: headers[""]
        return lambda src: headers.get(src.split("/", 1)[0] + "/", own)

    def interface(self, src: str | None = None) -> Interface:
        """The interface words of the page `src`: its document's language; the collection's own
        pages (and the 404 page when None) in the language of its newest document."""
        sharing = self.of(src) if src is not None else None
        return (sharing.edition if sharing is not None else self.collection.editions[0]).interface

    def site_context(self, src: str | None = None) -> dict[str, str | int]:
        """The values of the document line and footer of the page `src` (of the 404 page when None)."""
        sharing = self.of(src) if src is not None else (None if self.collection.is_collection else self.of(HOME))
        if sharing is not None:
            return sharing.site_context()
        c = self.collection
        return {
            "first_paragraph": 0,
            "last_paragraph": 0,
            "recitals": 0,
            "title": c.title,
            "document_id": "",
            "paragraph_path": "",
            "text_path": "",
            "home_path": "",
            "line": self.interface()("collection.line", title=c.title, count=len(c.editions)),
            "register_url": "",
            "official_journal": False,
            "edition_name": edition_name(self.info, self.interface()),
            "publisher": self.info.publisher,
            "publisher_url": self.info.publisher_url,
            "reuse_notice": self.info.reuse_notice,
            "about_path": site_path(ABOUT_EDITION),
        }
