"""What MkDocs and Material show around the pages of a text in several languages.

A page under `/fr/` speaks French in every word around its text, not only in it: Material's
interface words (search, "Skip to content", the footer) and the page's `lang` follow the page's
own language (theme/partials/language.html reads `page_language`), the navigation lists the
French pages under French titles, and the header names the French text. MkDocs has one
navigation and Material one language a site; this module gives each language its own, which
`plugin.py` puts in the context of that language's pages.

The registers and the About pages are the site's, one each, in its first language (their
entries link the paragraphs of the first language): a version's navigation links them under
its own words. A reader who follows such a link, or any other from one language to another,
gets a full page load (theme/partials/early-scripts.html), never Material's instant
navigation, which keeps the header and `lang` of the page it comes from.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence

from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from .core.collection import Collection
from .core.interface import Interface
from .core.languages import Alternate
from .core.urls import ABOUT, ABOUT_EDITION, ACTORS, GLOSSARY, INSTRUMENTS, VERBS, site_path

SITE_PAGE_TITLES = {
    INSTRUMENTS: "registers.instruments",
    GLOSSARY: "registers.glossary",
    ACTORS: "registers.actors",
    VERBS: "registers.verbs",
    ABOUT_EDITION: "about.heading",
    ABOUT: "registers.about_urls",
}
"""The site's own pages a version's navigation links, by the interface word of their title."""


def material_has(language: str, theme_dirs: Sequence[str]) -> bool:
    """Whether Material (or a folder before it) ships its interface words in `language`."""
    name = os.path.join("partials", "languages", f"{language}.html")
    return any(os.path.isfile(os.path.join(d, name)) for d in theme_dirs)


def page_languages(c: Collection) -> str:
    """Which pages are in which language, for the script that keeps a reader from crossing
    languages by instant navigation: the site's first language, and the language of each
    folder of a text or version, as JSON ({"default": "en", "folders": {"fr/": "fr"}})."""
    first = c.editions[0].document.header.language
    # Every folder, so that the longest one holding a page always decides (a version in the
    # first language of a text in another).
    folders = {e.urls.prefix: e.document.header.language for e in (*c.editions, *c.versions) if e.urls.prefix}
    return json.dumps({"default": first, "folders": dict(sorted(folders.items()))}, ensure_ascii=False)


def navigation_in(
    nav: Navigation,
    language: str,
    alternates: Mapping[str, Sequence[Alternate]],
    files: Files,
    label: Callable[[Page], str],
    words: Interface,
    section_title: Callable[[Section, Interface], str],
) -> Navigation:
    """`nav` as a page in `language` shows it: each page that has a version in `language` is
    replaced by that version, titled by `label`; the site's own pages are linked under their
    title in `language`; sections are titled by `section_title`."""
    pages: list[Page] = []

    def counterpart(page: Page) -> Page | None:
        found = next((a.src for a in alternates.get(page.file.src_uri, ()) if a.language == language), None)
        file = files.get_file_from_path(found) if found else None
        return file.page if file is not None and isinstance(file.page, Page) else None

    def mapped(item: StructureItem, parent: Section | None) -> StructureItem:
        if isinstance(item, Section):
            section = Section(section_title(item, words), [])
            section.parent = parent
            section.children = [mapped(child, section) for child in item.children]
            return section
        if isinstance(item, Page):
            version = counterpart(item)
            if version is not None:
                version.title = label(version)
                version.parent = parent
                pages.append(version)
                return version
            key = SITE_PAGE_TITLES.get(item.file.src_uri)
            link = Link(words(key) if key else str(item.title or ""), _url(item.file.src_uri))
            link.parent = parent
            return link
        return item

    items = [mapped(item, None) for item in nav.items]
    home = counterpart(nav.homepage) if nav.homepage is not None else None
    for previous, page in zip([None, *pages], pages, strict=False):
        page.previous_page = previous
        if previous is not None:
            previous.next_page = page
    if pages:
        pages[-1].next_page = None
    navigation = Navigation(items, pages)
    # Material's header links the site's name to the home page: this language's.
    navigation.homepage = home
    return navigation


class ConfigIn:
    """MkDocs' configuration as the templates of a page in another language read it: the
    site's name, where it is its text's, is the text's name in that language (Material's header
    and navigation print `config.site_name`); every other value is the site's."""

    def __init__(self, config: object, site_name: str) -> None:
        self._config = config
        self.site_name = site_name

    def __getattr__(self, name: str) -> object:
        return getattr(self._config, name)

    def __getitem__(self, key: str) -> object:
        return self.site_name if key == "site_name" else self._config[key]  # type: ignore[index]

    def get(self, key: str, default: object = None) -> object:
        return self.site_name if key == "site_name" else self._config.get(key, default)  # type: ignore[attr-defined]


def _url(src: str) -> str:
    """The address of the page `src` relative to the site root, as MkDocs writes a page's `url`."""
    return site_path(src).lstrip("/")
