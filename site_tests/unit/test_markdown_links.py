"""The plugin's Markdown extension finds link texts without Python-Markdown's bracket table,
and makes the same HTML (plugins/conclusions/markdown_links.py)."""

from __future__ import annotations

import markdown
import pytest

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]

CASES = [
    # The plugin's own shapes: many links in one paragraph, attributes, titles, anchors.
    " ".join(f'[term {i}](glossary.md#t{i} "Term {i}"){{ .xref .term data-term="t{i}" }} and' for i in range(40)),
    '<div class="para" markdown>\n[3](paragraphs/3.md "Paragraph 3"){ .pnum } <span>NOTES [a](b.md) x</span>\n</div>',
    # Brackets Python-Markdown must still read its own way.
    "[outer [inner](a.md) text](b.md)",
    "[never closed [but this](c.md) is a link",
    "[a] [b](d.md) [c][ref]\n\n[ref]: e.md",
    "![image [alt]](f.png) and [link](g.md)",
    "[[double]](h.md) ]] [ [",
    "&#91;escaped&#93; [real](i.md)",
]


@pytest.mark.parametrize("text", CASES)
def test_the_html_is_python_markdowns_own(text: str) -> None:
    plain = markdown.markdown(text, extensions=EXTENSIONS)
    linear = markdown.markdown(text, extensions=[*EXTENSIONS, "conclusions.markdown_links"])
    assert linear == plain
    assert "<a " in linear or "<img " in linear


def test_every_link_like_pattern_uses_it() -> None:
    from conclusions.markdown_links import link_text
    from markdown.inlinepatterns import LinkInlineProcessor

    md = markdown.Markdown(extensions=[*EXTENSIONS, "conclusions.markdown_links"])
    linkish = [p for p in md.inlinePatterns if isinstance(p, LinkInlineProcessor)]
    assert len(linkish) >= 3  # links, images, references
    assert all(getattr(p.getText, "func", None) is link_text for p in linkish)
