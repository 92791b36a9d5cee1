"""Clean text laid out in lines: a register PDF's text layer, or the same as plain text.

What such lines carry besides the text, and what is done with it here:

- page furniture on every page: "9876/24 JK/lm 3" (number, drafters' initials, page),
  a directorate line ("RELEX.5", "GIP.1 EN"), "EN", "LIMITE", and "ANNEX" repeated as a
  page header inside an annex. Removed, and listed in order for the report and the record.
  Without form feeds, a run of furniture lines is where one page ends and the next begins.
- footnote texts at a page's bottom ("1 7371/22."): a page's footnote zone starts at the
  first line "N text" whose marker N stands glued in the page's text above it; from
  there to the page's end every line belongs to a footnote.
- footnote markers glued to the word or year they follow ("security1,", "of 12 May
  20213,"; from a PDF, superscript digits "2021³"): a candidate is read as footnote N when
  footnotes run in order (N above the last marker) and N's text is on the same page, or,
  when no text for N was found anywhere, when N is exactly the next number. Otherwise the
  digits are text ("EDF22"); superscript digits become `<sup>N</sup>` ("km²").
- line-end hyphens, decided when the lines of a block are joined (`join_wrapped`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .chars import notes as char_notes
from .chars import tidy
from .model import Cleaned, FootnoteText, SourceLine, Where

_LANGUAGES = "BG|CS|DA|DE|EL|EN|ES|ET|FI|FR|GA|HR|HU|IT|LT|LV|MT|NL|PL|PT|RO|SK|SL|SV"
_MARKINGS = rf"(?:LIMITE|{_LANGUAGES})"
_DIRECTORATE = r"[A-Z]{2,8}(?:\.\d+[A-Z]?)(?:\.[0-9A-Z]+)*"
_ANNEX_WORD = r"(?:ANNEX|ANNEXE|ANLAGE)(?:\s+(?:[IVX]+|\d+))?"
_FURNITURE = [
    # "9876/24 JK/lm 3", "9876/24 REV 1 JK/lm 3 RELEX.5 EN", "9237/24 ANNEX JJ/mk/lr 12"
    re.compile(
        rf"^\d{{1,6}}/\d{{2}}(?:\s+(?:REV|COR|ADD)\s*\d+)*(?:\s+{_ANNEX_WORD})?\s+[A-Z]{{1,4}}(?:/[A-Za-z]{{1,4}})+"
        rf"\s+\d{{1,4}}(?:\s+(?:{_DIRECTORATE}|{_MARKINGS}|{_ANNEX_WORD}))*$"
    ),
    # "RELEX.5", "GIP.1 EN", "ANNEX COMPET.1 LIMITE EN"
    re.compile(rf"^(?:{_ANNEX_WORD}\s+)?{_DIRECTORATE}(?:\s+{_MARKINGS})*$"),
    # "EN", "LIMITE", "LIMITE EN"
    re.compile(rf"^{_MARKINGS}(?:\s+{_MARKINGS})*$"),
]
ANNEX = re.compile(rf"^{_ANNEX_WORD}$")
# Rules drawn between header fields or above footnotes carry no text.
RULE = re.compile(r"^(?:-{3,}|_{3,}|\*{3,}|(?:\*\s){2,}\*)$")

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_AFTER_MARKER = r"(?=[\s,.;:)\]’'\"”]|$)"
# Marker candidates, in the order they are tried at one place in a line.
_CANDIDATE = re.compile(
    rf"(?P<sup>[{_SUPERSCRIPTS}]+)"
    rf"|(?<![\d/.,])(?P<year>(?:1[89]|20)\d\d)(?P<after_year>\d{{1,3}}){_AFTER_MARKER}"
    rf"|(?<=[^\W\d_’'\"”)])(?P<after_word>\d{{1,3}}){_AFTER_MARKER}"
    rf"|(?<=[’'\"”)])(?P<after_quote>\d{{1,3}}){_AFTER_MARKER}"
)
# "1 7371/22." as text; "¹ 7371/22." or "¹7371/22." from a PDF that raises the number.
_FOOTNOTE_START = re.compile(rf"^(?:(?P<number>\d{{1,3}})\s+|(?P<sup>[{_SUPERSCRIPTS}]{{1,3}})\s*)(?P<text>\S.*)$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HYPHENS = "-\u00ad"


def is_furniture(text: str) -> bool:
    """Whether a line is page furniture or a rule (the ANNEX page header: see `clean`)."""
    text = " ".join(text.split())
    return any(pattern.match(text) for pattern in _FURNITURE) or bool(RULE.match(text))


def _tidy(text: str, dropped: Counter[str]) -> str:
    # A soft hyphen matters only at a line's end (see join_wrapped); elsewhere it is invisible.
    text = tidy(text, dropped)
    return text[:-1].replace("\u00ad", "") + text[-1:] if text else text


def pages_from_text(text: str, dropped: Counter[str]) -> list[list[SourceLine]]:
    """Lines numbered by "\\n" only; a form feed starts a new page where it stands."""
    pages: list[list[SourceLine]] = [[]]
    for number, raw in enumerate(text.split("\n"), start=1):
        parts = raw.split("\f")
        for k, part in enumerate(parts):
            if k:
                pages.append([])
            if part.strip() or not k:
                pages[-1].append(SourceLine(_tidy(part, dropped), Where(0, number)))
    return pages


def pages_from_pdf(pages: list[list[str]], dropped: Counter[str]) -> list[list[SourceLine]]:
    """A PDF's text layer, page by page and line by line, tidied (what is taken out is counted
    in `dropped`)."""
    return [
        [SourceLine(_tidy(text, dropped), Where(page, line)) for line, text in enumerate(lines, start=1)]
        for page, lines in enumerate(pages, start=1)
    ]


def _candidates(text: str) -> Iterable[tuple[int, int, int, str]]:
    """(start, end, number, kind) of every footnote-marker candidate in a line."""
    for match in _CANDIDATE.finditer(text):
        if match.group("sup"):
            yield match.start(), match.end(), int(match.group("sup").translate(_FROM_SUPERSCRIPT)), "sup"
        elif match.group("year"):
            yield match.start("after_year"), match.end(), int(match.group("after_year")), "digits"
        else:
            name = "after_word" if match.group("after_word") else "after_quote"
            yield match.start(name), match.end(), int(match.group(name)), "digits"


def _start_number(match: re.Match[str]) -> int:
    return int((match.group("number") or match.group("sup")).translate(_FROM_SUPERSCRIPT))


def _superscripts(text: str) -> str:
    return re.sub(f"[{_SUPERSCRIPTS}]+", lambda m: f"<sup>{m.group().translate(_FROM_SUPERSCRIPT)}</sup>", text)


def _split_pages(pages: list[list[SourceLine]], removed: list[SourceLine]) -> list[list[SourceLine]]:
    """Take out the furniture; without form feeds, cut pages where furniture stood."""
    one_text_page = len(pages) == 1
    annex_seen: str | None = None
    result: list[list[SourceLine]] = []
    for page in pages:
        current: list[SourceLine] = []
        in_furniture = False
        for line in page:
            text = " ".join(line.text.split())
            if RULE.match(text):
                # The rule above a page's footnotes: no text, and no page break either.
                removed.append(line)
                continue
            furniture = is_furniture(text)
            if ANNEX.match(text):
                # The first ANNEX line opens the annex; the same line again is a page header.
                furniture = annex_seen == text
                annex_seen = annex_seen or text
            if furniture:
                removed.append(line)
                in_furniture = True
                continue
            if in_furniture and one_text_page:
                result.append(current)
                current = []
            in_furniture = False
            current.append(line)
        result.append(current)
    return result


def _footnote_zone(page: list[SourceLine], next_number: int) -> int:
    """Index of the first line of the page's footnote texts (len(page) if none)."""
    seen: set[int] = set()
    for i, line in enumerate(page):
        match = _FOOTNOTE_START.match(line.text)
        if match and i:
            number = _start_number(match)
            if number >= next_number and number in seen:
                return i
        seen.update(number for _, _, number, _ in _candidates(line.text))
    return len(page)


def _split_footnotes(zone: list[SourceLine], first: int, seen: set[int]) -> list[tuple[int, list[SourceLine]]]:
    notes: list[tuple[int, list[SourceLine]]] = []
    for line in zone:
        if not line.text:
            continue
        match = _FOOTNOTE_START.match(line.text)
        if match:
            number = _start_number(match)
            if (not notes and number == first) or (notes and number == notes[-1][0] + 1 and number in seen):
                notes.append((number, [SourceLine(match.group("text"), line.where)]))
                continue
        notes[-1][1].append(line)
    return notes


def _resolve_markers(
    text: str, state: dict[str, int], on_page: set[int], anywhere: set[int], missing: list[str]
) -> str:
    """The line with its footnote markers as `[^N]` and other superscript digits as `<sup>`."""
    parts: list[str] = []
    position = 0
    for start, end, number, kind in _candidates(text):
        last = state["last"]
        if number > last and (number in on_page or (number not in anywhere and number == last + 1)):
            if number not in anywhere:
                missing.append(str(number))
            state["last"] = number
            parts.append(text[position:start] + f"[^{number}]")
        elif kind == "sup":
            parts.append(text[position:start] + f"<sup>{number}</sup>")
        else:
            continue
        position = end
    parts.append(text[position:])
    return "".join(parts)


def vocabulary(lines: list[str]) -> Counter[str]:
    """Lower-case words of the lines, leaving out the two halves of a line-end hyphenation."""
    counts: Counter[str] = Counter()
    split_before = False
    for text in lines:
        words = _WORD.findall(text)
        split_after = len(text) > 1 and text[-1] in _HYPHENS and text[-2].isalpha()
        if split_before and words:
            words = words[1:]
        if split_after and words:
            words = words[:-1]
        counts.update(word.lower() for word in words)
        split_before = split_after
    return counts


def join_wrapped(left: str, right: str, words: Counter[str]) -> str:
    """Join two wrapped lines of one block, deciding a hyphen at the end of the first.

    Council texts are full of real compounds ("know-how", "end-to-end", "cyber-attack"),
    so a line-end hyphen is kept unless the word joined without it occurs elsewhere in the
    text more often than the hyphenated form does ("inter-" + "connected" where the text
    also has "interconnected"). A soft hyphen (U+00AD) is always dropped.
    """
    if not left:
        return right
    if not right:
        return left
    if left[-1] == "\u00ad":
        return left[:-1] + right
    if left[-1] == "-" and len(left) > 1 and left[-2].isalpha() and right[0].isalpha():
        head = _WORD.findall(left)[-1]
        tail = _WORD.match(right)
        tail_word = tail.group() if tail else ""
        if words[(head + tail_word).lower()] > words[(head + "-" + tail_word).lower()]:
            return left[:-1] + right
        return left + right
    return left + " " + right


def join_lines(first: str, lines: list[str], words: Counter[str]) -> str:
    """`first` with each of `lines` joined on as `join_wrapped` joins two lines, in time
    linear in their length: the text so far is kept in pieces, and what decides a join (its
    last letter, its last word) is read from its end."""
    parts = [first] if first else []
    for right in lines:
        if not parts:
            parts = [right] if right else []
            continue
        if not right:
            continue
        left_end = parts[-1]
        if left_end[-1] == "\u00ad":
            parts[-1] = left_end[:-1]
            parts.append(right)
        elif left_end[-1] == "-" and _letter_before_end(parts) and right[0].isalpha():
            head = _last_word(parts)
            tail = _WORD.match(right)
            tail_word = tail.group() if tail else ""
            if words[(head + tail_word).lower()] > words[(head + "-" + tail_word).lower()]:
                parts[-1] = left_end[:-1]
            parts.append(right)
        else:
            parts += [" ", right]
        if not parts[-2]:
            del parts[-2]
    return "".join(parts)


def _is_letter(char: str) -> bool:
    """A character `_WORD`'s words are made of."""
    return bool(_LETTER.match(char))


_LETTER = re.compile(r"[^\W\d_]")


def _end(parts: list[str], size: int) -> str:
    """The last `size` characters of the text made of `parts` (or all of it)."""
    tail = ""
    for part in reversed(parts):
        tail = part + tail
        if len(tail) >= size:
            break
    return tail[-size:]


def _letter_before_end(parts: list[str]) -> bool:
    """`len(left) > 1 and left[-2].isalpha()` of the text made of `parts`."""
    end = _end(parts, 2)
    return len(end) > 1 and end[-2].isalpha()


def _last_word(parts: list[str]) -> str:
    """`_WORD.findall(left)[-1]` of the text made of `parts` (which ends with a letter and a
    hyphen), read from the end: letters, and hyphens between letters."""
    size = 64
    while True:
        tail = _end(parts, size)
        start = len(tail) - 1  # the final hyphen
        while start > 0 and (
            _is_letter(tail[start - 1]) or (tail[start - 1] == "-" and start > 1 and _is_letter(tail[start - 2]))
        ):
            start -= 1
        if start > 0 or len(tail) < size:
            return tail[start:-1]
        size *= 4


def _width(lines: list[str]) -> int:
    lengths = sorted(len(text) for text in lines if text)
    return lengths[int(len(lengths) * 0.95)] if lengths else 0


def clean(pages: list[list[SourceLine]], kind: str, dropped: Counter[str]) -> Cleaned:
    """Furniture out, footnote texts apart, markers resolved, for `structure.build`."""
    removed: list[SourceLine] = []
    pages = _split_pages(pages, removed)
    bodies: list[list[SourceLine]] = []
    found: list[tuple[int, list[SourceLine], int]] = []  # number, lines, page index
    next_number = 1
    for index, page in enumerate(pages):
        zone = _footnote_zone(page, next_number)
        bodies.append(page[:zone])
        if zone < len(page):
            seen = {n for line in page[:zone] for _, _, n, _ in _candidates(line.text)}
            start = _FOOTNOTE_START.match(page[zone].text)
            assert start is not None, "_footnote_zone starts the zone at a footnote's first line"
            first = _start_number(start)
            for number, lines in _split_footnotes(page[zone:], first, seen):
                found.append((number, lines, index))
                next_number = number + 1
    anywhere = {number for number, _, _ in found}
    state = {"last": 0}
    missing: list[str] = []
    body: list[SourceLine] = []
    for index, page in enumerate(bodies):
        on_page = {number for number, _, page_index in found if page_index == index}
        for line in page:
            body.append(SourceLine(_resolve_markers(line.text, state, on_page, anywhere, missing), line.where))
    words = vocabulary([line.text for line in body] + [line.text for _, lines, _ in found for line in lines])
    footnotes = []
    for number, lines, _ in found:
        text = join_lines("", [line.text for line in lines], words)
        footnotes.append(FootnoteText(str(number), _superscripts(text), lines[0].where))
    notes = [f"footnote {number}: marker found, its text is not in the input" for number in missing]
    notes += char_notes(dropped)
    return Cleaned(kind, body, footnotes, removed, True, words, _width([line.text for line in body]), notes)
