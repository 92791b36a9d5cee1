"""The plugin's pages go out as the HTML the core writes, without passing through Markdown.

Python-Markdown read the generated pages only to turn them back into the HTML they describe,
and its inline processing was most of a build's time (its link handling grows with the square
of a paragraph's links). What MkDocs' rendering of a Markdown page adds besides the HTML is
added here, each by MkDocs' or Python-Markdown's own code where it has one:

- the links between pages (written as source paths, `../glossary.md#co2`) become addresses,
  and are checked, by MkDocs' own processor of a page's links (`mkdocs_rendering.page_links`):
  its messages, its `validation` levels, its `use_directory_urls`, and the anchors it notes
  for the check of every anchor after the build;
- every id of the page is an anchor other pages may link to (`present_anchor_ids`);
- a heading without an id gets one from the site's `toc` settings (its `slugify`, `separator`),
  unique on the page, and a permalink when `toc: permalink` asks for one; the headings make
  the page's table of contents, as Python-Markdown's `toc` makes it (its functions do).

The HTML is read with regular expressions, not parsed: it is the core's own, written by
`core/markup.py`, which escapes `<`, `>` and `"` in every text and attribute value, so a tag
starts only where the code wrote one.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markdown.extensions.toc import TocExtension, nest_toc_tokens, strip_tags, unique
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import mkdocs_rendering
from .core.markup import ANCHOR_OF

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

_TAG_ID = re.compile(r'<[a-z][^>]*?\sid="([^"]*)"')
_LINK = re.compile(r'(<a\s(?:[^>]*?\s)?href=")([^"]*)(")')
_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL)
_HEADING_ID = re.compile(r'\sid="([^"]*)"')
_ANCHOR_OF = re.compile(rf'\s{ANCHOR_OF}="([^"]*)"')
_FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*"[^>]*>.*?</sup>', re.DOTALL)
_AMP = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def _attribute(value: str) -> str:
    escaped = _AMP.sub("&amp;", value)
    return escaped.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@dataclass(frozen=True)
class Headings:
    """The site's `toc` settings that shape headings: how an id is made, the permalink."""

    slugify: Callable[[str, str], str]
    separator: str
    permalink: bool | str
    permalink_class: str
    permalink_title: str
    permalink_leading: bool
    top: int
    bottom: int

    @classmethod
    def of(cls, config: MkDocsConfig) -> Headings:
        """The settings of `mkdocs.yml`'s `toc` (Python-Markdown's defaults where it sets none)."""
        options: dict[str, Any] = {}
        for name in config.markdown_extensions:
            if str(name).rsplit(".", 1)[-1] == "toc":
                options = dict((config.mdx_configs or {}).get(str(name), {}))
        toc = TocExtension(**options)
        # Python-Markdown's own reading of the setting ("2-4", 3).
        processor = toc.TreeProcessorClass(None, toc.getConfigs())  # type: ignore[arg-type]
        permalink = toc.getConfig("permalink")
        return cls(
            slugify=toc.getConfig("slugify"),
            separator=toc.getConfig("separator"),
            permalink=False if permalink in (False, None, "", "0", "False", "false") else permalink,
            permalink_class=toc.getConfig("permalink_class"),
            permalink_title=toc.getConfig("permalink_title"),
            permalink_leading=bool(toc.getConfig("permalink_leading")),
            top=processor.toc_top,
            bottom=processor.toc_bottom,
        )

    def apply(self, body: str) -> tuple[str, list[Any]]:
        """`body` with an id (and a permalink, if asked) on every heading, and the tokens of
        its table of contents, nested (Python-Markdown's `toc_tokens`)."""
        used = {html.unescape(i) for i in _TAG_ID.findall(body)}
        counters: dict[str, int] = {}
        tokens: list[Any] = []

        def heading(m: re.Match[str]) -> str:
            level, attrs, inner = int(m[1]), m[2], m[3]
            name = strip_tags(_FOOTNOTE_REF.sub("", inner))
            former = _ANCHOR_OF.search(attrs)
            if former:
                attrs = attrs[: former.start()] + attrs[former.end() :]
            found = _HEADING_ID.search(attrs)
            if found is None:
                anchor = unique(self.slugify(html.unescape(name), self.separator), used, counters)
                attrs = f' id="{_attribute(anchor)}"{attrs}'
            else:
                anchor = html.unescape(found[1])
            # The anchor the heading gave the page when it read other words: kept, on an empty element.
            kept = ""
            if former and (also := self.slugify(html.unescape(former[1]), self.separator)) not in used:
                used.add(also)
                kept = f'<span id="{_attribute(also)}"></span>'
            if self.top <= level <= self.bottom:
                tokens.append({"level": level, "id": anchor, "name": name, "html": inner, "data-toc-label": ""})
            if self.permalink is not False:
                mark = "&para;" if self.permalink is True else html.escape(str(self.permalink), quote=False)
                title = f' title="{_attribute(self.permalink_title)}"' if self.permalink_title else ""
                link = f'<a class="{_attribute(self.permalink_class)}" href="#{_attribute(anchor)}"{title}>{mark}</a>'
                inner = link + inner if self.permalink_leading else inner + link
            return f"{kept}<h{level}{attrs}>{inner}</h{level}>"

        return _HEADING.sub(heading, body), list(nest_toc_tokens(tokens))


def render(page: Page, body: str, config: MkDocsConfig, files: Files, headings: Headings) -> None:
    """Set on `page` what MkDocs' rendering of a Markdown page sets: its content, table of
    contents and title, its anchors and its links to anchors of other pages, checked."""
    content, tokens = headings.apply(body)
    links = mkdocs_rendering.page_links(page, files, config)
    hrefs = [html.unescape(m[2]) for m in _LINK.finditer(content)]
    converted = iter(zip(hrefs, links.convert(hrefs), strict=True))

    def address(m: re.Match[str]) -> str:
        was, now = next(converted)
        # An address MkDocs leaves as it is (an external one) stays as the core wrote it.
        return m[0] if now == was else f"{m[1]}{_attribute(now)}{m[3]}"

    content = _LINK.sub(address, content)
    title = strip_tags(tokens[0]["html"]) if content.startswith("<h1") and tokens else None
    anchors = {html.unescape(i) for i in _TAG_ID.findall(content)}
    mkdocs_rendering.set_rendering(page, content, get_toc(tokens), title, anchors, links)


_HEADINGS: dict[int, tuple[MkDocsConfig, Headings]] = {}


def headings_of(config: MkDocsConfig) -> Headings:
    """The `Headings` of the build's configuration (read once per configuration)."""
    kept = _HEADINGS.get(id(config))
    if kept is None or kept[0] is not config:
        _HEADINGS.clear()
        kept = _HEADINGS[id(config)] = (config, Headings.of(config))
    return kept[1]


class GeneratedPage(Page):
    """A page the plugin generates: MkDocs reads its front matter, then renders its body,
    which is HTML (`render` above), not Markdown."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        render(self, (self.markdown or "").strip(), config, files, headings_of(config))
