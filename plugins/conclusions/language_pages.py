"""What MkDocs and Material show around the pages of a text in several languages.

A page under `/fr/` speaks French in every word around its text, not only in it: Material's
interface words (search, "Skip to content", the footer) and the page's `lang` follow the page's
own language (theme/partials/language.html reads `page_language`), the navigation lists the
French pages under French titles, and the header names the French text. MkDocs has one
navigation and Material one language a site; this module gives each language its own, which
`plugin.py` puts in the context of that language's pages.

A version of a one-document site has its own register and About pages, in its language and
under its prefix (`urls.language_version`): its navigation lists them as its own pages. A
collection's registers and About pages are the site's, one each, in its first language: a
version's navigation links them under its own words. A reader who follows a link from one
language to another gets a full page load (theme/partials/early-scripts.html), never
Material's instant navigation, which keeps the header and `lang` of the page it comes from.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from .core.collection import Collection
from .core.interface import ENGLISH, Interface
from .core.languages import Alternate
from .core.urls import ABOUT, ABOUT_EDITION, ACTORS, GLOSSARY, INSTRUMENTS, VERBS

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
            link = Link(words(key) if key else str(item.title or ""), item.url)
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


PALETTE_WORDS = ("nav.to_dark_mode", "nav.to_light_mode")
"""The interface words of Material's palette toggles."""


def palette_in(palette: object, words: Interface) -> list[object] | None:
    """Material's palette options (`theme.palette`) with each toggle the site named with the
    English words (`PALETTE_WORDS`) named in `words`' language instead; None when that changes
    nothing. A name of the site's own is its choice, and stays."""
    if not isinstance(palette, list):
        return None
    changed = False
    options: list[object] = []
    for option in palette:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        name = toggle.get("name") if isinstance(toggle, dict) else None
        key = next((k for k in PALETTE_WORDS if ENGLISH(k) == name), None)
        if isinstance(option, dict) and isinstance(toggle, dict) and key and words(key) != name:
            option = {**option, "toggle": {**toggle, "name": words(key)}}
            changed = True
        options.append(option)
    return options if changed else None


class _Overridden:
    """An object as templates read it (by attribute or by key), with some values replaced."""

    def __init__(self, original: object, **values: object) -> None:
        self._original = original
        self._values = values

    def __getattr__(self, name: str) -> object:
        values = self.__dict__.get("_values", {})
        return values[name] if name in values else getattr(self.__dict__["_original"], name)

    def __getitem__(self, key: str) -> object:
        return self._values[key] if key in self._values else self._original[key]  # type: ignore[index]

    def __contains__(self, key: object) -> bool:
        return key in self._values or key in self._original  # type: ignore[operator]

    def get(self, key: str, default: object = None) -> object:
        return self._values[key] if key in self._values else self._original.get(key, default)  # type: ignore[attr-defined]


def config_in(config: MkDocsConfig, site_name: str | None, words: Interface) -> object:
    """MkDocs' configuration as the templates of one page read it: Material prints
    `config.site_name` in its header and navigation, and the palette toggles' names, as they
    are; a page in another language than the site's gets its text's name (`site_name`, when
    not None) and the toggles' names in its language (`palette_in`). `config` itself when
    nothing changes."""
    palette = palette_in(config.theme.get("palette"), words)
    if site_name is None and palette is None:
        return config
    values: dict[str, object] = {}
    if site_name is not None:
        values["site_name"] = site_name
    if palette is not None:
        values["theme"] = _Overridden(config.theme, palette=palette)
    return _Overridden(config, **values)
