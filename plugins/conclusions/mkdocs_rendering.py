"""The MkDocs internals a build relies on to render the plugin's pages without Markdown.

`mkdocs_internals.py` holds those `mkdocs serve` relies on, and `mkdocs build` must not import
it (its serve machinery); these two are a build's, so they stand apart, checked the same way:
`check()` runs when a build starts (`on_config`) and watches MkDocs do each, with the site's
own configuration, so that a MkDocs release that changes one stops the build with its name.

- `_RelativePathTreeprocessor` (mkdocs/structure/pages.py): what `Page.render` runs over a
  Markdown page's tree to turn its links to source files into addresses, log each broken link
  and anchor at the level `validation` sets, and note the links to other pages' anchors
  (`links_to_anchors`). It is MkDocs' own rule, so it is used rather than written again: a
  link in a generated page is checked exactly as a link in a page of Markdown, under every
  `validation` setting and `use_directory_urls`. It is given a tree of the page's links alone.
- What `Page.render` sets besides `content` and `toc`: `_title_from_render`,
  `present_anchor_ids` (read by MkDocs' check of the anchors other pages link to, after the
  build) and `links_to_anchors` (set only when the log is above DEBUG, as MkDocs does).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from xml.etree import ElementTree as etree

from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, Files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import TableOfContents


class PageLinks:
    """The links of one page, turned into addresses and checked by MkDocs."""

    def __init__(self, file: File, files: Files, config: MkDocsConfig) -> None:
        self._processor = mkdocs_pages._RelativePathTreeprocessor(file, files, config)

    def convert(self, hrefs: list[str]) -> list[str]:
        """Each link's address, as MkDocs makes it (and logs each broken one)."""
        root = etree.Element("div")
        for href in hrefs:
            etree.SubElement(root, "a", {"href": href})
        self._processor.run(root)
        return [a.get("href", "") for a in root]

    @property
    def links_to_anchors(self) -> dict[File, dict[str, str]]:
        return self._processor.links_to_anchors


def page_links(page: Page, files: Files, config: MkDocsConfig) -> PageLinks:
    """The links of `page` (in this build's `files`)."""
    return PageLinks(page.file, files, config)


def set_rendering(
    page: Page, content: str, toc: TableOfContents, title: str | None, anchors: set[str], links: PageLinks
) -> None:
    """Set on `page` what `Page.render` sets."""
    page.content = content
    page.toc = toc
    page._title_from_render = title
    page.present_anchor_ids = anchors
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = links.links_to_anchors


def check(config: MkDocsConfig) -> list[str]:
    """What this MkDocs no longer does of what the module relies on (empty when all holds)."""
    gone: list[str] = []
    try:
        a = File.generated(config, "conclusions-check/a.md", content="")
        b = File.generated(config, "conclusions-check/b.md", content="")
        links = PageLinks(a, Files([a, b]), config)
        heard: list[logging.LogRecord] = []

        def hear(record: logging.LogRecord) -> bool:
            heard.append(record)
            return False  # not printed: the check's own broken link

        log, level = mkdocs_pages.log, mkdocs_pages.log.level
        log.addFilter(hear)
        log.setLevel(logging.INFO)  # heard even when the build is quiet (`-q`)
        try:
            converted = links.convert(["b.md#there", "gone.md"])
        finally:
            log.removeFilter(hear)
            log.setLevel(level)
        expected = "../b/#there" if config.use_directory_urls else "b.html#there"
        if converted[0] != expected:
            gone.append(f"_RelativePathTreeprocessor made {converted[0]!r} of 'b.md#there', not {expected!r}")
        if links.links_to_anchors.get(b) != {"there": "b.md#there"}:
            gone.append("_RelativePathTreeprocessor no longer notes the links to anchors")
        if not any("gone.md" in record.getMessage() for record in heard):
            gone.append("_RelativePathTreeprocessor no longer reports a broken link")
    except (AttributeError, TypeError) as err:
        gone.append(f"_RelativePathTreeprocessor: {err}")
    page = mkdocs_pages.Page(None, File.generated(config, "conclusions-check/c.md", content=""), config)
    gone += [
        f"Page.{name}"
        for name in ("present_anchor_ids", "links_to_anchors", "_title_from_render")
        if not hasattr(page, name)
    ]
    return gone
