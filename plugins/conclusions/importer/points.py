"""Where a point goes: under the paragraph or recital, or under the point above it.

Extractions carry no indentation, so the nesting comes from the markers: a kind of marker
seen before goes back to its level; a new kind goes one level deeper after a line ending with
":" (or with "," for numerals under a letter), else it stands beside the point above. Letters and Roman numerals share "i", "v", "x":
"i" after "h" is a letter, "ii" after "i" a numeral.
"""

from __future__ import annotations

import re

from .model import DraftParagraph, DraftPoint, DraftRecital

_ROMAN = {"i": 1, "v": 5, "x": 10}


def place_point(
    item: DraftPoint, owner: DraftParagraph | DraftRecital, stack: list[tuple[str, DraftPoint]], above: str
) -> None:
    """Put a point under its parent (`stack`: the open points, outermost first; `above`: the
    line before the point)."""
    kind = _point_kind(item.marker, stack)
    kinds = [k for k, _ in stack]
    if kind in kinds:
        del stack[kinds.index(kind) :]
    elif stack and not _opens_a_list(above, kind, kinds[-1]):
        stack.pop()
    (stack[-1][1].children if stack else owner.points).append(item)
    stack.append((kind, item))


def _opens_a_list(above: str, kind: str, above_kind: str) -> bool:
    """Whether the line above opens a list of points under it: it ends with ":", or, as German
    writes a request's points ("a. FORDERT die Mitgliedstaaten AUF," then "i. ..."), with "," when
    numerals follow a letter."""
    end = above.rstrip()
    return end.endswith(":") or (end.endswith(",") and kind.startswith("roman") and above_kind.startswith("letter"))


def _point_kind(marker: str, stack: list[tuple[str, DraftPoint]]) -> str:
    """The kind of a point marker: "dash", "bullet", or letter/roman with its brackets."""
    if marker in "-–—":
        return "dash"
    if marker == "•":
        return "bullet"
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
