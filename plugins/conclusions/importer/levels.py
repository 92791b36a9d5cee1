"""Which headings stand one level down: the lettered ones under a Roman-numbered heading.

Council conclusions number their parts "I.", "II.", "III." and may letter the parts of one
part ("II. FINDINGS", then "A. Planning", "B. Monitoring", then "III. RECOMMENDATIONS"). A
text whose headings are all lettered ("A. Context", "B. Priorities") has them as its parts,
one level. Letters and Roman numerals share signs ("I.", "V.", "C."): a heading is read as
the next Roman number when it is that, else as the next letter under the Roman heading
above it, else as a part of its own.
"""

from __future__ import annotations

from .model import DraftSection

_NUMERALS = ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman_numeral(value: int) -> str:
    """`value` as a Roman numeral in capitals (14 -> 'XIV')."""
    out = ""
    for number, numeral in _NUMERALS:
        count, value = divmod(value, number)
        out += numeral * count
    return out


def mark_subsections(sections: list[DraftSection]) -> None:
    """Mark as `under` each lettered heading that follows a Roman one in letter order (A, B, ...)."""
    roman = 0
    letter = ""
    """The letter the next sub-section would have; empty when no Roman heading is open."""
    for section in sections:
        if section.label == roman_numeral(roman + 1):
            roman += 1
            letter = "A"
        elif letter and section.label == letter:
            section.under = True
            letter = chr(ord(letter) + 1) if letter < "Z" else ""
        else:
            # A heading that is neither closes the Roman part's letters: what follows it is its own.
            letter = ""
