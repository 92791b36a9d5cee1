"""The invisible characters the source may not hold (core/yamlsource.py's INVISIBLE) are
Unicode's format characters, read from Python's own Unicode data, less the bidirectional
controls (refused only when left open, see `text_problem`)."""

from __future__ import annotations

import sys
import unicodedata

from conclusions.core.yamlsource import INVISIBLE, text_problem

BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
EVERY = "".join(map(chr, range(sys.maxunicode + 1)))
# Categories looked up by `map`, not a call per character written in Python: a third of the time.
FORMAT = {ch for ch, category in zip(EVERY, map(unicodedata.category, EVERY), strict=True) if category == "Cf"}
LISTED = set(INVISIBLE.findall(EVERY))


def test_every_format_character_but_the_bidirectional_controls_is_refused() -> None:
    unlisted = sorted(f"U+{ord(ch):04X}" for ch in FORMAT - BIDI - LISTED)
    assert not unlisted, f"format characters INVISIBLE lacks (Unicode {unicodedata.unidata_version}): {unlisted}"


def test_nothing_visible_is_refused() -> None:
    # Unassigned in this Python's Unicode data: a later version assigns them as format characters.
    assert all(unicodedata.category(ch) in ("Cf", "Cn") for ch in LISTED)
    assert not BIDI & LISTED


def test_each_is_named_with_its_line_and_column() -> None:
    found = text_problem("1. INVITES\n2. INVI\u200dTES")
    assert found is not None
    offset, message = found
    assert offset == 18
    assert message.startswith("the invisible character U+200D (ZERO WIDTH JOINER) hides inside the text")
