"""Where a point goes: under the paragraph or recital, or under the point above it.

Extractions carry no indentation, so the nesting comes from the markers: a kind of marker
seen before goes back to its level; a new kind goes one level deeper after a line ending with
":" (or with "," for numerals under a letter), else it stands beside the point above. Letters and Roman numerals share "i", "v", "x":
"i" after "h" is a letter, "ii" after "i" a numeral.

Bullets come as a PDF's text layer gives Word's lists: "•", "▪", "●", "◦", "➢", "►" ..., or a
character of the Symbol or Wingdings fonts in Unicode's private use area (U+F0B7 for "•"), which a
browser draws as a box. Each glyph is a kind of its own (Word gives each level of a list its own
glyph): a second glyph under a bullet opens an inner level. Word's second level is often a
Courier "o": read as a bullet only under a bullet, after a line that opens a list or beside
another "o" point, never as the word "o" of Portuguese or Italian prose (`is_sub_bullet`).
`document.md` writes "•" for every bullet (the nesting is in its indentation).
"""

from __future__ import annotations

import re

from .model import DraftParagraph, DraftPoint, DraftRecital

_ROMAN = {"i": 1, "v": 5, "x": 10}

# The private-use characters of the Symbol and Wingdings fonts that Word's bullets come as, and
# the Unicode character each draws.
LOOK_ALIKE = {
    "\uf0b7": "•",  # Symbol bullet
    "\uf0a7": "▪",  # Wingdings small square
    "\uf06e": "■",  # Wingdings black square
    "\uf0a8": "□",  # Wingdings white square
    "\uf071": "❑",  # Wingdings shadowed square
    "\uf0d8": "➢",  # Wingdings arrowhead
    "\uf0e8": "➔",  # Wingdings arrow
    "\uf076": "❖",  # Wingdings diamond of four
    "\uf0fc": "✓",  # Wingdings check mark
    "\uf06c": "●",  # Wingdings black circle
}
DROPPED_BULLETS = "\ue0b7\ue0a7\ue0d8"
"""The markers given to points whose glyphs the input lost, by level (no text holds them)."""
BULLETS = "•▪■□❑●◦○◆◇❖➢➤►▸▶➔→✓✔" + "".join(LOOK_ALIKE) + DROPPED_BULLETS
"""Every glyph read as a bullet (a point's marker) at a line's start."""
BULLET_CLASS = "[" + BULLETS + "]"
"""`BULLETS` as a regular expression's character class."""
WRITTEN_BULLET = "•"
"""What `document.md` writes for any bullet."""
SUB_BULLET = "o"
"""Word's second-level bullet, a Courier "o"."""
_READABLE = str.maketrans(LOOK_ALIKE)


def readable(text: str) -> str:
    """The text with each private-use bullet character of the Symbol and Wingdings fonts
    replaced by the Unicode character it draws (a browser draws the former as a box)."""
    return text.translate(_READABLE)


def is_bullet(marker: str) -> bool:
    """Whether a point's marker is a bullet (any glyph, or the Courier "o")."""
    return marker == SUB_BULLET or (len(marker) == 1 and marker in BULLETS)


def written_marker(marker: str) -> str:
    """A point's marker as `document.md` writes it: "•" for every bullet, else as written."""
    return WRITTEN_BULLET if is_bullet(marker) else marker


def is_sub_bullet(text: str, stack: list[tuple[str, DraftPoint]], above: str) -> bool:
    """Whether a line opens with Word's second-level bullet, a Courier "o": under a bullet point,
    after a line that opens a list (":"), or beside an "o" point above after a line that ended."""
    if not stack or not re.match(r"^o\s+\S", text):
        return False
    kinds = [k for k, _ in stack]
    end = above.rstrip()[-1:]
    if kinds[-1] == _bullet_kind(SUB_BULLET):
        return end in {";", ".", ","}
    return kinds[-1].startswith("bullet") and end == ":"


def _bullet_kind(marker: str) -> str:
    return "bullet" + LOOK_ALIKE.get(marker, marker)


def dash_after_bullet(marker: str, stack: list[tuple[str, DraftPoint]], above: str) -> bool:
    """Whether a dash point follows a bullet point with no line that opens a list (":") between
    them, and no dash is open yet: under the bullet or beside it, the markers alone do not say
    (Word puts dashes one level under bullets; the page's indentation says for sure)."""
    if marker not in "-–—" or not stack:
        return False
    kinds = [k for k, _ in stack]
    return kinds[-1].startswith("bullet") and "dash" not in kinds and not above.rstrip().endswith(":")


def place_point(
    item: DraftPoint,
    owner: DraftParagraph | DraftRecital,
    stack: list[tuple[str, DraftPoint]],
    above: str,
    inner: bool = False,
) -> None:
    """Put a point under its parent (`stack`: the open points, outermost first; `above`: the
    line before the point; `inner`: a new kind of point goes under the point above, as the
    page's indentation or the glyphs' levels say)."""
    kind = _point_kind(item.marker, stack)
    kinds = [k for k, _ in stack]
    if kind in kinds:
        del stack[kinds.index(kind) :]
    elif stack and not (inner or _opens_a_list(above, kind, kinds[-1]) or _inner_bullet(kind, kinds[-1])):
        stack.pop()
    (stack[-1][1].children if stack else owner.points).append(item)
    stack.append((kind, item))


def _opens_a_list(above: str, kind: str, above_kind: str) -> bool:
    """Whether the line above opens a list of points under it: it ends with ":", or, as German
    writes a request's points ("a. FORDERT die Mitgliedstaaten AUF," then "i. ..."), with "," when
    numerals follow a letter."""
    end = above.rstrip()
    return end.endswith(":") or (end.endswith(",") and kind.startswith("roman") and above_kind.startswith("letter"))


def _inner_bullet(kind: str, above_kind: str) -> bool:
    """Whether a bullet of another glyph stands under a bullet: Word's next level of the list."""
    return kind.startswith("bullet") and above_kind.startswith("bullet")


def _point_kind(marker: str, stack: list[tuple[str, DraftPoint]]) -> str:
    """The kind of a point marker: "dash", "bullet" with its glyph, or letter/roman with its brackets."""
    if marker in "-–—":
        return "dash"
    if is_bullet(marker):
        return _bullet_kind(marker)
    body = marker.strip("().")
    style = "(x)" if marker.startswith("(") else "x" + marker[-1]
    if re.fullmatch(r"[ivx]+", body):
        if len(body) > 1:
            return "roman" + style
        letters = [p for k, p in stack if k == "letter" + style]
        if letters and ord(letters[-1].marker.strip("().")[-1]) + 1 == ord(body):
            return "letter" + style
        romans = [p for k, p in stack if k == "roman" + style]
        if body == "i" or (romans and _roman(romans[-1].marker.strip("().")) + 1 == _ROMAN[body]):
            return "roman" + style
    return "letter" + style


def _roman(numeral: str) -> int:
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN.get(ch, 0)
        following = _ROMAN.get(numeral[i + 1], 0) if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total
