"""Clean a Markdown-like extraction of a Council text (the shape of the files in ../shared/documents/).

That shape has a block per line: bold `**` around header fields and headings, `#` in
front of some headings, `---` rules between header fields and above footnote texts,
footnote markers as `<sup>N</sup>`, footnote texts as lines `<sup>N</sup> text` after a
rule, and header fields or title lines broken by two trailing spaces. The markup carries
no text of its own, so it is taken away; rules are listed as removed lines.

A `<sup>N</sup>` is footnote N when a text for N exists and the markers run in order
(N above the last marker); without any text for N, when N is exactly the next number.
Otherwise it stays a superscript ("km<sup>2</sup>" after footnote 2 was used).
"""

from __future__ import annotations

import re
from collections import Counter

from .chars import notes as char_notes
from .chars import tidy
from .lines import RULE
from .model import Cleaned, FootnoteText, SourceLine, Where

_HEADING_MARKS = re.compile(r"^#{1,6}\s+")
_FOOTNOTE_LINE = re.compile(r"^<sup>(\d{1,3})</sup>\s*(.*)$")
_MARKER = re.compile(r"<sup>(\d{1,3})</sup>")
_SIGNS = re.compile(r"<sup>\d+</sup>|^\*\*|\*\*\s*$|^#{1,6}\s|^-{3,}\s*$", re.MULTILINE)


def looks_markdownish(text: str) -> bool:
    """Whether the text has the markers of the Markdown-like shape."""
    return bool(_SIGNS.search(text))


def clean(text: str) -> Cleaned:
    """The lines of the register's Markdown-like extraction, without its page furniture."""
    removed: list[SourceLine] = []
    body: list[SourceLine] = []
    footnotes: list[FootnoteText] = []
    dropped: Counter[str] = Counter()
    for number, raw in enumerate(text.split("\n"), start=1):
        where = Where(0, number)
        # A soft hyphen inside a line of this shape is invisible: no line is wrapped here.
        stripped = tidy(raw.replace("\u00ad", "").replace("\f", ""), dropped)
        if RULE.match(stripped):
            removed.append(SourceLine(stripped, where))
            continue
        line = _HEADING_MARKS.sub("", stripped).replace("**", "").strip()
        footnote = _FOOTNOTE_LINE.match(line)
        if footnote:
            footnotes.append(FootnoteText(footnote.group(1), footnote.group(2).strip(), where))
            continue
        body.append(SourceLine(line, where))
    defined = {int(note.number) for note in footnotes}
    last = 0
    missing: list[str] = []

    def marker(match: re.Match[str]) -> str:
        nonlocal last
        number = int(match.group(1))
        if number > last and (number in defined or number == last + 1):
            if number not in defined:
                missing.append(str(number))
            last = number
            return f"[^{number}]"
        return match.group()

    body = [SourceLine(_MARKER.sub(marker, line.text), line.where) for line in body]
    notes = [f"footnote {number}: marker found, its text is not in the input" for number in missing]
    notes += char_notes(dropped)
    return Cleaned("Markdown-like text", body, footnotes, removed, False, notes=notes)
