"""Characters a site's source may not hold, taken out of each input line first.

The core refuses control characters, line and paragraph separators and unbalanced
bidirectional controls in `document.md` (they break lines where editors show none, or
reorder text on screen). An extraction may carry them, so they go here: tabs, lone
carriage returns and separators become spaces; other controls, bidirectional controls,
zero-width spaces and joiners, byte-order marks and the other format characters the build
refuses are dropped and counted for the report. Runs of
spaces and tabs become one space (a layout-preserving extraction pads columns with them);
no-break spaces are text and stay.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..core.yamlsource import INVISIBLE

_TO_SPACE = re.compile("[\t\r\x0b\x85\u2028\u2029]")
_DROP = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
_SPACES = re.compile(" {2,}")


def tidy(line: str, dropped: Counter[str]) -> str:
    """The line with the characters above replaced or dropped (counted in `dropped`)."""
    line = _TO_SPACE.sub(" ", line)
    for found in _DROP.findall(line):
        dropped[found] += 1
    line = _DROP.sub("", line)
    for found in _INVISIBLE.findall(line):
        dropped[found] += 1
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


# The other format characters the build refuses (`core.yamlsource.INVISIBLE`: zero-width
# joiners, word joiners, directional marks, tags); the soft hyphen is read by `lines.py`.
_INVISIBLE = re.compile(INVISIBLE.pattern.replace("\u00ad", ""))


def notes(dropped: Counter[str]) -> list[str]:
    """One report line per kind of character dropped."""
    return [
        f"removed {count}x the invisible character U+{ord(ch):04X} ({unicodedata.name(ch, 'control character')})"
        for ch, count in sorted(dropped.items())
    ]
