"""The inline text of paragraphs, recitals and footnotes.

Source text is plain text with two kinds of deliberate markup: footnote references
`[^8]` and a handful of HTML tags that carry meaning (CO<sub>2</sub>). Everything else,
including any other `<tag>`, is text and reaches the page escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ALLOWED_TAGS = ("sup", "sub", "em", "strong", "i", "b")
_TOKEN = re.compile(r"\[\^(?P<fn>[A-Za-z0-9]+)\]|<(?P<close>/?)(?P<tag>" + "|".join(ALLOWED_TAGS) + r")>")
_SUPERSCRIPT = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")


@dataclass(frozen=True)
class Token:
    """A run of the inline source: `text`, `tag` (open or close) or `fn` (footnote reference)."""

    kind: str
    value: str
    start: int
    end: int


def tokenize(source: str) -> list[Token]:
    """Split inline source into text, allowed tags and footnote references."""
    tokens: list[Token] = []
    pos = 0
    for match in _TOKEN.finditer(source):
        if match.start() > pos:
            tokens.append(Token("text", source[pos : match.start()], pos, match.start()))
        if match.group("fn"):
            tokens.append(Token("fn", match.group("fn"), match.start(), match.end()))
        else:
            tokens.append(Token("tag", match.group(0), match.start(), match.end()))
        pos = match.end()
    if pos < len(source):
        tokens.append(Token("text", source[pos:], pos, len(source)))
    return tokens


def footnote_refs(source: str) -> list[str]:
    """The numbers of the footnotes `source` references, in order."""
    return [t.value for t in tokenize(source) if t.kind == "fn"]


def plain_text(source: str, footnotes: bool = False) -> str:
    """Readable plain text: tags dropped, superscript digits kept as ², references dropped."""
    out: list[str] = []
    sup = 0
    for token in tokenize(source):
        if token.kind == "tag":
            if token.value == "<sup>":
                sup += 1
            elif token.value == "</sup>":
                sup -= 1
        elif token.kind == "fn":
            if footnotes:
                out.append(f"[{token.value}]")
        else:
            out.append(token.value.translate(_SUPERSCRIPT) if sup else token.value)
    return "".join(out)


def lead(text: str, limit: int) -> str:
    """The start of `text`, cut at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;:") + "…"
