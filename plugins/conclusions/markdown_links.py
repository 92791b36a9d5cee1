"""A Markdown extension the plugin adds: the text of each link found in time linear in its length.

To find the `]` that closes a link's text, Python-Markdown 3.x computes where every bracket
of the paragraph's text closes, and computes it again after each link it replaces, since the
text changed (`LinkInlineProcessor.getText`). A paragraph of the full text holds dozens of
links in a few kilobytes of Markdown, so the work grows with its links times its length: it
was most of the time MkDocs spent on the plugin's pages, and most of a `mkdocs serve` rebuild.

Every page of the site is the plugin's, and in its Markdown every bracket is a link's:
`core/markup.py` writes each `[` and `]` of the source as a character reference. So the
closing bracket is found by scanning forward from the link's text, as Python-Markdown did
before its table, which gives the same answer; a bracket that does not close is left to
Python-Markdown's own way. The HTML is the same byte for byte.
"""

from __future__ import annotations

from functools import partial

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor


def link_text(processor: LinkInlineProcessor, data: str, index: int) -> tuple[str, int, bool]:
    """`LinkInlineProcessor.getText`: the text between the `[` before `index` and its `]`, the
    index past that `]`, and whether there is one."""
    depth, position = 1, index
    while True:
        close = data.find("]", position)
        if close < 0:
            return LinkInlineProcessor.getText(processor, data, index)
        opening = data.find("[", position, close)
        if opening >= 0:
            depth, position = depth + 1, opening + 1
            continue
        depth -= 1
        if depth == 0:
            return data[index:close], close + 1, True
        position = close + 1


class LinearLinks(Extension):
    """Links, images and references of Python-Markdown, their text found by `link_text`."""

    def extendMarkdown(self, md: Markdown) -> None:
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor):
                processor.getText = partial(link_text, processor)  # type: ignore[method-assign]


def makeExtension(**kwargs: object) -> LinearLinks:
    """The extension, by the name Python-Markdown looks for in a module named in `markdown_extensions`."""
    return LinearLinks(**kwargs)
