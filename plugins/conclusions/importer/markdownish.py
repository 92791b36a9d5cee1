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

from ..reader.chars import notes as char_notes
from ..reader.furniture import is_rule
from ..reader.lines import KIND_MARKDOWNISH, Original, SourceLine
from .model import Cleaned, FootnoteText

_HEADING_MARKS = re.compile(r"^#{1,6}\s+")
_FOOTNOTE_LINE = re.compile(r"^<sup>(\d{1,3})</sup>\s*(.*)$")
_MARKER = re.compile(r"<sup>(\d{1,3})</sup>")


def clean(original: Original) -> Cleaned:
    """The lines of the register's Markdown-like extraction, without its rules and markup."""
    removed: list[SourceLine] = []
    body: list[SourceLine] = []
    footnotes: list[FootnoteText] = []
    for source in original.lines:
        if is_rule(source.text):
            removed.append(source)
            continue
        line = _HEADING_MARKS.sub("", source.text).replace("**", "").strip()
        footnote = _FOOTNOTE_LINE.match(line)
        if footnote:
            footnotes.append(FootnoteText(footnote.group(1), footnote.group(2).strip(), source.where))
            continue
        body.append(SourceLine(line, source.where))
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
    notes += char_notes(original.dropped)
    return Cleaned(KIND_MARKDOWNISH, body, footnotes, removed, False, notes=notes)
