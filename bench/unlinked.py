"""The plugin's generated Markdown reduced to its text without links: the second yardstick of
the build part ("a plain Material build of the same pages holding the same text without links").

What goes: every Markdown link becomes its text (its address, title and attribute list go),
HTML links (`<a>`) and abbreviations (`<abbr>`, a tooltip) become their text, a footnote
reference becomes its number, a plain superscript (`<sup>1</sup>`: no link, no id; the footnotes
themselves stay, as text), and the share buttons (copy a paragraph's link, cite it) go. What stays: the words,
headings and their ids, tables, the blocks and spans that hold the text (paragraphs, clauses,
their anchors), front matter. The pages keep their paths, so the nav is the same.

The reduction is by patterns of the Markdown the plugin writes; `without_links` refuses a page
in which a link is left, so a change of that Markdown cannot quietly make the yardstick wrong.
"""

from __future__ import annotations

import re

# [text](address "title"){ attributes }: the text may hold one level of brackets ("[1]").
MARKDOWN_LINK = re.compile(
    r"(?<!!)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
    r"\((?:<[^>\n]*>|[^()\s]+)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)"
    r"(?:\{[^}\n]*\})?"
)
HTML_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.S)
ABBREVIATION = re.compile(r"<abbr\b[^>]*>(.*?)</abbr>", re.S)
FOOTNOTE_REFERENCE = re.compile(r"<sup\b[^>]*\bclass=\"fnref\"[^>]*>(.*?)</sup>", re.S)
# The share tools: a toggle and a menu of two buttons, one span inside another.
SHARE_TOOLS = re.compile(r"<span class=\"share-tools\">.*?</span></span>\s?", re.S)
LEFT = re.compile(r"\]\(|<a\b|<abbr\b|class=\"fnref\"|share-tools")


def without_links(markdown: str, name: str = "page") -> str:
    """`markdown` with its links reduced to their text (see the module's docstring)."""
    text = SHARE_TOOLS.sub("", markdown)
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = HTML_LINK.sub(r"\1", text)
    text = ABBREVIATION.sub(r"\1", text)
    text = FOOTNOTE_REFERENCE.sub(r"<sup>\1</sup>", text)
    if m := LEFT.search(text):
        line = text.count("\n", 0, m.start()) + 1
        raise ValueError(
            f"{name}: line {line}: a link or tooltip is left ({m.group()!r}); teach bench/unlinked.py its form"
        )
    return text
