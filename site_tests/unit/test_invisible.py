"""The invisible characters the source may not hold (core/yamlsource.py's INVISIBLE) are
Unicode's format characters, read from Python's own Unicode data, less the bidirectional
controls (refused only when left open, see `text_problem`)."""

from __future__ import annotations

import functools
import sys
import unicodedata

from conclusions.core.yamlsource import INVISIBLE, text_problem

BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


@functools.cache
def _every() -> str:
    """Every code point, read once by the tests that need it (not at collection, which every
    worker process pays)."""
    return "".join(map(chr, range(sys.maxunicode + 1)))


@functools.cache
def _format() -> frozenset[str]:
    # Categories looked up by `map`, not a call per character written in Python: a third of the time.
    every = _every()
    return frozenset(
        ch for ch, category in zip(every, map(unicodedata.category, every), strict=True) if category == "Cf"
    )


@functools.cache
def _listed() -> frozenset[str]:
    return frozenset(INVISIBLE.findall(_every()))


def test_every_format_character_but_the_bidirectional_controls_is_refused() -> None:
    unlisted = sorted(f"U+{ord(ch):04X}" for ch in _format() - BIDI - _listed())
    assert not unlisted, f"format characters INVISIBLE lacks (Unicode {unicodedata.unidata_version}): {unlisted}"


def test_nothing_visible_is_refused() -> None:
    # Unassigned in this Python's Unicode data: a later version assigns them as format characters.
    assert all(unicodedata.category(ch) in ("Cf", "Cn") for ch in _listed())
    assert not BIDI & _listed()


def test_each_is_named_with_its_line_and_column() -> None:
    found = text_problem("1. INVITES\n2. INVI\u200dTES")
    assert found is not None
    offset, message = found
    assert offset == 18
    assert message.startswith("the invisible character U+200D (ZERO WIDTH JOINER) hides inside the text")
