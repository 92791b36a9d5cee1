"""The inline text of paragraphs, recitals and footnotes.

Source text is plain text with two kinds of deliberate markup: footnote references
`[^8]` and a handful of HTML tags that carry meaning (CO<sub>2</sub>). Everything else,
including any other `<tag>`, is text and reaches the page escaped.
"""

from __future__ import annotations

import bisect
import functools
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


@dataclass(frozen=True)
class PlainSpan:
    """`plain_text(source[start:end])`, with where each source offset in the span lands in it:
    what the pages quote around each of many mentions in one long clause is cut from it,
    rather than made again from the source each time."""

    text: str
    starts: tuple[int, ...]
    """Where each token of the span starts in the source."""
    offsets: tuple[int, ...]
    """Where each token's text starts in `text`."""
    depths: tuple[int, ...]
    """How many `<sup>` are open before each token."""
    kinds: tuple[str, ...]
    end: int
    final_depth: int

    def _token(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def at(self, offset: int) -> int:
        """Where the source offset `offset` (not inside a tag or reference) lands in `text`."""
        i = self._token(offset)
        if i < 0:
            return 0
        if offset >= self.end:
            return len(self.text)
        return self.offsets[i] + (offset - self.starts[i] if self.kinds[i] == "text" else 0)

    def depth(self, offset: int) -> int:
        """How many `<sup>` are open at `offset` (not inside a tag or reference): where it is
        0, the plain text of a span starting there reads as this one's does from there."""
        i = self._token(offset)
        return 0 if i < 0 else self.final_depth if offset >= self.end else self.depths[i]


@functools.lru_cache(maxsize=256)
def plain_span(source: str, start: int, end: int) -> PlainSpan:
    """`PlainSpan` of `source[start:end]` (offsets in `source`)."""
    starts, offsets, depths, kinds = [], [], [], []
    out: list[str] = []
    length = sup = 0
    for token in tokenize(source[start:end]):
        starts.append(start + token.start)
        offsets.append(length)
        depths.append(sup)
        kinds.append(token.kind)
        if token.kind == "tag":
            sup += 1 if token.value == "<sup>" else -1 if token.value == "</sup>" else 0
        elif token.kind == "text":
            piece = token.value.translate(_SUPERSCRIPT) if sup else token.value
            out.append(piece)
            length += len(piece)
    return PlainSpan("".join(out), tuple(starts), tuple(offsets), tuple(depths), tuple(kinds), end, sup)


def lead_at(text: str, start: int, limit: int) -> str:
    """`lead(text[start:], limit)`, reading only as much of `text` as the lead can show."""
    size = 2 * limit + 2
    while start + size < len(text):
        piece = text[start : start + size]
        if len(" ".join(piece.split())) > limit:
            # What `lead` keeps (the first `limit` characters, normalised) is all in the piece.
            return lead(piece, limit)
        size *= 4
    return lead(text[start:], limit)


def lead(text: str, limit: int) -> str:
    """The start of `text`, cut at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;:") + "…"
