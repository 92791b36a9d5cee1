"""A collection's navigation, as each page draws it: its own text whole, every other text as one entry.

Material draws the whole navigation into every page. In a collection of a hundred texts of
fifty pages each, that is five thousand entries in each of five thousand pages: a page's size
and the time to render it grow with the number of texts, the site's with its square. The
plugin's copy of Material's `partials/nav.html` draws a text other than the page's own as
Material's `navigation.prune` feature draws an entry it prunes, a link to its first page (the
text's home); it asks `collapsed_text` (a Jinja test) which entries those are. Material's
feature itself prunes every section not open, the page's own text's list of sections and the
About pages too, and a one-text site's with them: hence a test of its own, true of texts only.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

from .core.collection import Collection
from .core.urls import site_path


class CollapsedText:
    """The Jinja test of the plugin's `partials/nav.html` (`test`): whether a navigation entry
    is a text of the collection (its first entry is the text's home) that is not the page's
    own. The page is given (`nav_item is collapsed_text(page)`): a page outside the navigation
    (a paragraph's) holds no entry open, yet its text is drawn whole. False on a one-text site."""

    def __init__(self, c: Collection) -> None:
        self._collection = c
        every = (*c.editions, *c.versions) if c.is_collection else ()
        self._homes = frozenset(site_path(e.urls.home) for e in every)
        """Each text's home, by its address (the form of `Page.url` and `Link.url`)."""
        self._own: dict[str, str | None] = {}
        """The home of each page's text, by the page's source path; None for the collection's own pages."""

    def test(self, item: Any, page: Any = None) -> bool:
        if not self._homes or not isinstance(item, Section) or item.active or not item.children:
            return False
        # A page of a language version draws the texts that have no version in its language
        # by links (`language_pages.py`): a text's first entry is its home, a page or a link.
        first = item.children[0]
        if not isinstance(first, (Page, Link)) or first.url not in self._homes:
            return False
        # The 404 page has no page: every text is drawn as one entry.
        return not isinstance(page, Page) or first.url != self._home_of(page.file.src_uri)

    def _home_of(self, src: str) -> str | None:
        if src not in self._own:
            edition = self._collection.edition_of(src)
            self._own[src] = site_path(edition.urls.home) if edition is not None else None
        return self._own[src]
