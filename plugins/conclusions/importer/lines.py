"""Clean text laid out in lines: a register PDF's text layer, or the same as plain text.

What such lines carry besides the text, and what is done with it here:

- page furniture (`conclusions.reader.furniture`, its forms data): footers, page heads,
  directorate and language lines, rules. Taken out, and listed in order for the report and
  `import.yml`. Without form feeds, a run of furniture lines is where one page ends and the next
  begins. A number alone on its line is a footnote's number when its marker stands above and
  its text follows; else, between the text's lines or at a given page's edge, a page number
  (furniture, and a page break); inside a given page whose foot was taken out, text.
- footnote texts at a page's bottom ("1 7371/22.", "¹ 7371/22.", "( 1 ) OJ C ..." in a text
  that brackets its markers): a page's footnote zone starts at the first line "N text" whose
  marker N stands in the page's text above it; from there to the page's end every line belongs
  to a footnote.
- footnote markers glued to the word or year they follow ("security1,", "of 12 May 20213,";
  from a PDF, raised digits "2021³", and then only raised digits are markers: "REV1" is text;
  "( 1 )" set apart by EUR-Lex): a candidate is read as footnote N when footnotes run in order
  (N above the last marker) and N's text is on the same page, or, when no text for N was found
  anywhere, when N is exactly the next number. Otherwise the digits are text ("EDF22");
  superscript digits become `<sup>N</sup>` ("km²").
- line-end hyphens, decided when the lines of a block are joined (`join_wrapped`).
- a text that gives a paragraph per line (EUR-Lex's pages copied): `Cleaned.one_per_line`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..reader.chars import notes as char_notes
from ..reader.furniture import is_rule, lone_number, normal, split_pages
from ..reader.lines import KIND_PDF, SourceLine, Where
from .model import Cleaned, Doubt, FootnoteText

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_AFTER_MARKER = r"(?=[\s,.;:)\]’'\"”]|$)"
# Marker candidates, in the order they are tried at one place in a line.
_CANDIDATE = re.compile(
    rf"(?P<sup>[{_SUPERSCRIPTS}]+)"
    rf"|(?<![\d/.,])(?P<year>(?:1[89]|20)\d\d)(?P<after_year>\d{{1,3}}){_AFTER_MARKER}"
    rf"|(?<=[^\W\d_’'\"”)])(?P<after_word>\d{{1,3}}){_AFTER_MARKER}"
    rf"|(?<=[’'\"”)])(?P<after_quote>\d{{1,3}}){_AFTER_MARKER}"
    # EUR-Lex sets a marker apart in brackets: "2019-2027 ( 1 ),"; the Journal's PDF raises it: "(¹)"
    rf"|(?<=\S)(?:\s\(\s(?P<bracketed>\d{{1,3}})\s\)|\s?\(\s?(?P<raised>[{_SUPERSCRIPTS}]{{1,3}})\s?\)){_AFTER_MARKER}"
)
# "1 7371/22." as text; "¹ 7371/22." or "¹7371/22." from a PDF that raises the number.
_FOOTNOTE_START = re.compile(
    rf"^(?:(?P<number>\d{{1,3}})\s+|(?P<sup>[{_SUPERSCRIPTS}]{{1,3}})\s*|\(\s?(?P<bracketed>\d{{1,3}})\s?\)\s+)(?P<text>\S.*)$"
)
# A bracketed number opens a footnote only in a text that sets its markers in brackets (EUR-Lex);
# elsewhere "(3)" at a line's start is a recital's or point's number.
_BRACKETED_MARKER = re.compile(r"\S\s\(\s\d{1,3}\s\)|\S\s?\(\s?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}\s?\)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HYPHENS = "-\u00ad"


@lru_cache(maxsize=1 << 14)
def _candidates(text: str) -> tuple[tuple[int, int, int, str], ...]:
    """(start, end, number, kind) of every footnote-marker candidate in a line. Kept for the
    lines of a text: the footnote zones, the check for raised markers and the markers' reading
    each go through every line."""
    return tuple(_each_candidate(text))


def _each_candidate(text: str) -> Iterable[tuple[int, int, int, str]]:
    for match in _CANDIDATE.finditer(text):
        if match.group("sup"):
            yield match.start(), match.end(), int(match.group("sup").translate(_FROM_SUPERSCRIPT)), "sup"
        elif match.group("year"):
            yield match.start("after_year"), match.end(), int(match.group("after_year")), "digits"
        elif match.group("bracketed") or match.group("raised"):
            number = (match.group("bracketed") or match.group("raised")).translate(_FROM_SUPERSCRIPT)
            yield match.start(), match.end(), int(number), "sup" if match.group("raised") else "digits"
        else:
            name = "after_word" if match.group("after_word") else "after_quote"
            yield match.start(name), match.end(), int(match.group(name)), "digits"


def _start_number(match: re.Match[str]) -> int:
    return int((match.group("number") or match.group("sup") or match.group("bracketed")).translate(_FROM_SUPERSCRIPT))


def _superscripts(text: str) -> str:
    return re.sub(f"[{_SUPERSCRIPTS}]+", lambda m: f"<sup>{m.group().translate(_FROM_SUPERSCRIPT)}</sup>", text)


def _footnote_start(text: str, bracketed: bool) -> re.Match[str] | None:
    match = _FOOTNOTE_START.match(text)
    return match if match is not None and (bracketed or not match.group("bracketed")) else None


def _footnote_zone(page: list[SourceLine], next_number: int, bracketed: bool, rules: list[Where]) -> tuple[int, bool]:
    """Index of the first line of the page's footnote texts (len(page) if none), and whether a
    footnote rule stands right above it. A line "N text" right below the rule drawn above a
    page's footnotes is footnote N's text even when its marker was not found in the text."""
    seen: set[int] = set()
    for i, line in enumerate(page):
        match = _footnote_start(line.text, bracketed)
        if match and i:
            number = _start_number(match)
            below_rule = _rule_between(rules, page[i - 1].where, line.where)
            if number >= next_number and (number in seen or below_rule):
                return i, below_rule
        seen.update(number for _, _, number, _ in _candidates(line.text))
    return len(page), False


def _rule_between(rules: list[Where], before: Where, after: Where) -> bool:
    """Whether a rule taken out as furniture stood between two lines of a page."""
    index = bisect_right(rules, before)
    return index < len(rules) and rules[index] < after


def _split_footnotes(
    zone: list[SourceLine], first: int, seen: set[int], bracketed: bool, below_rule: bool
) -> list[tuple[int, list[SourceLine]]]:
    """The footnotes of a page's footnote zone, each its number and lines. Below a footnote rule,
    the next number opens the next footnote even when its marker was not found above."""
    notes: list[tuple[int, list[SourceLine]]] = []
    for line in zone:
        if not line.text:
            continue
        match = _footnote_start(line.text, bracketed)
        if match:
            number = _start_number(match)
            if (not notes and number == first) or (
                notes and number == notes[-1][0] + 1 and (number in seen or below_rule)
            ):
                notes.append((number, [SourceLine(match.group("text"), line.where)]))
                continue
        notes[-1][1].append(line)
    return notes


def _resolve_markers(
    text: str, state: dict[str, int], on_page: set[int], anywhere: set[int], missing: list[str], raised: bool
) -> str:
    """The line with its footnote markers as `[^N]` and other superscript digits as `<sup>`
    (`raised`: only raised digits are markers)."""
    parts: list[str] = []
    position = 0
    for start, end, number, kind in _candidates(text):
        if raised and kind != "sup" and not _raised_in_brackets(text[start:end]):
            continue
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


# A number in the text, whole: not a part of "14285/23", "16.3.2026" or "1,5".
_NUMBER = re.compile(rf"(?<![\d/.,])\d+{_AFTER_MARKER}")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
UNPLACED_FOOTNOTE = "a footnote whose marker is not found in the text: put [^{number}] where it belongs in document.md"


def _glued(lines: list[SourceLine], number: int) -> tuple[int, int, str] | None:
    """Where footnote `number`'s marker is glued to a number of the text ("COP 281;" for
    footnote 1 after "COP 28"): (line index, position of the marker), when exactly one number of
    the lines ends with the footnote's digits after digits of its own (with that number). A number at a line's start
    (a paragraph's or point's number) or shaped like a year is left alone; two or more such
    numbers are no certainty, and None is returned."""
    digits = str(number)
    found: list[tuple[int, int, str]] = []
    for index, line in enumerate(lines):
        start_of_text = len(line.text) - len(line.text.lstrip())
        for match in _NUMBER.finditer(line.text):
            value = match.group()
            if match.start() == start_of_text or _YEAR.fullmatch(value):
                continue
            if len(value) > len(digits) and value.endswith(digits):
                found.append((index, match.end() - len(digits), value))
    return found[0] if len(found) == 1 else None


def _raised_in_brackets(candidate: str) -> bool:
    return any(ch in _SUPERSCRIPTS for ch in candidate)


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


_LONG = 150
"""A line longer than this is no wrapped line of a page: the text gives a paragraph per line."""
_FULL = 60
"""Lines this long are the ones a wrapped text breaks in the middle of a sentence."""


def _one_per_line(lines: list[str]) -> bool:
    """Whether the lines are paragraphs, not wrapped lines: many are longer than a page is wide,
    or hardly any longer line stops in the middle of a sentence, as a wrapped line does."""
    long_lines = sum(1 for text in lines if len(text) > _LONG)
    if long_lines >= 3 and long_lines * 10 >= len([text for text in lines if text]):
        return True
    full = [text for text in lines if len(text) >= _FULL]
    cut = sum(1 for text in full if text[-1].isalnum() or text[-1] in "-–")
    return len(full) >= 5 and cut * 100 < 15 * len(full)


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


def _lone_numbers(
    page: list[SourceLine], next_number: int, removed: list[SourceLine], paged: bool, footed: bool = False
) -> list[list[SourceLine]]:
    """A page with its lone numbers read: a number alone on its line is a footnote's number when
    its marker stands on the page above and a line of text follows (the two are read as one line,
    "N text"); else it is a page number, furniture (appended to `removed`), and where a page
    ends: the page comes back cut there. Where the input gives its pages (`paged`: a PDF, form
    feeds), a page number stands at a page's edge only; a lone number inside it is text (a
    table's cell)."""
    pages: list[list[SourceLine]] = [[]]
    seen: set[int] = set()
    i = 0
    while i < len(page):
        line = page[i]
        inside = footed or (paged and _EDGE <= i < len(page) - _EDGE)
        if not lone_number(line.text) or (inside and not _after_marker(line, page, i, seen, next_number)):
            seen.update(number for _, _, number, _ in _candidates(line.text))
            pages[-1].append(line)
            i += 1
            continue
        number = int(normal(line.text))
        k = next((j for j in range(i + 1, len(page)) if page[j].text), None)
        if k is not None and number >= next_number and number in seen and not lone_number(page[k].text):
            pages[-1].append(SourceLine(f"{number} {page[k].text}", line.where, line.left))
            next_number = number + 1
            i = k + 1
            continue
        removed.append(line)
        pages.append([])
        seen = set()
        i += 1
    return pages


_EDGE = 3
"""How many lines at each edge of a given page may hold its number."""


def _after_marker(line: SourceLine, page: list[SourceLine], i: int, seen: set[int], next_number: int) -> bool:
    """Whether a lone number is a footnote's number standing on its own line (its marker above)."""
    number = int(normal(line.text))
    return number >= next_number and number in seen and i + 1 < len(page)


def clean(pages: list[list[SourceLine]], kind: str, dropped: Counter[str]) -> Cleaned:
    """Furniture out, footnote texts apart, markers resolved, for `structure.build`."""
    removed: list[SourceLine] = []
    paged = len(pages) > 1
    pending = split_pages(pages, removed)
    rules = sorted(line.where for line in removed if is_rule(line.text))
    footed_pages = {line.where.page for line in removed if line.where.page}
    bracketed = any(_BRACKETED_MARKER.search(line.text) for page in pending for line in page)
    bodies: list[list[SourceLine]] = []
    found: list[tuple[int, list[SourceLine], int]] = []  # number, lines, page index
    glued: dict[Where, tuple[int, int]] = {}  # a line's place -> (marker position, number)
    unplaced: list[SourceLine] = []
    causes: dict[str, str] = {}
    guesses: list[Doubt] = []
    next_number = 1
    while pending:
        page = pending.pop(0)
        # A given page whose foot was taken out already has its number there: a lone number on
        # it is text (a table's cell) or a footnote's number.
        footed = paged and bool(page) and page[0].where.page in footed_pages
        cut = _lone_numbers(page, next_number, removed, paged, footed)
        pending[:0] = cut[1:]
        page = cut[0]
        index = len(bodies)
        zone, below_rule = _footnote_zone(page, next_number, bracketed, rules)
        bodies.append(page[:zone])
        if zone < len(page):
            seen = {n for line in page[:zone] for _, _, n, _ in _candidates(line.text)}
            start = _footnote_start(page[zone].text, bracketed)
            assert start is not None, "_footnote_zone starts the zone at a footnote's first line"
            first = _start_number(start)
            for number, lines in _split_footnotes(page[zone:], first, seen, bracketed, below_rule):
                next_number = number + 1
                if number not in seen:
                    # Its marker is nowhere on the page: glued to a number of the text, when only
                    # one can hold it; else the footnote waits for a person, never joined to the text.
                    place = _glued(page[:zone], number)
                    if place is None:
                        unplaced += lines
                        for line in lines:
                            causes[line.where.label()] = UNPLACED_FOOTNOTE.format(number=number)
                        continue
                    line = page[place[0]]
                    glued[line.where] = (place[1], number)
                    # The words check cannot see a marker in the wrong place: a person looks.
                    guesses.append(
                        Doubt(
                            line.where.label(),
                            line.text,
                            f"footnote {number}'s marker was read as the last digit(s) of '{place[2]}': "
                            f"if [^{number}] stands elsewhere, move it in document.md",
                        )
                    )
                found.append((number, lines, index))
    anywhere = {number for number, _, _ in found}
    state = {"last": 0}
    missing: list[str] = []
    body: list[SourceLine] = []
    breaks: list[int] = []
    # A PDF raises its markers: there, digits glued to a word are text ("REV1", "ADD1").
    raised = kind == KIND_PDF and any(
        k == "sup" for page in bodies for line in page for *_, k in _candidates(line.text)
    )
    for index, page in enumerate(bodies):
        on_page = {number for number, _, page_index in found if page_index == index}
        breaks.append(len(body))
        for line in page:
            if line.where in glued:
                position, number = glued[line.where]
                head = _resolve_markers(line.text[:position], state, on_page, anywhere, missing, raised)
                state["last"] = max(state["last"], number)
                tail = _resolve_markers(
                    line.text[position + len(str(number)) :], state, on_page, anywhere, missing, raised
                )
                text = f"{head}[^{number}]{tail}"
            else:
                text = _resolve_markers(line.text, state, on_page, anywhere, missing, raised)
            body.append(SourceLine(text, line.where, line.left))
    words = vocabulary([line.text for line in body] + [line.text for _, lines, _ in found for line in lines])
    footnotes = []
    for number, lines, _ in found:
        text = join_lines("", [line.text for line in lines], words)
        footnotes.append(FootnoteText(str(number), _superscripts(text), lines[0].where))
    notes = [f"footnote {number}: marker found, its text is not in the input" for number in missing]
    notes += char_notes(dropped)
    removed.sort(key=lambda line: line.where)
    texts = [line.text for line in body]
    cleaned = Cleaned(kind, body, footnotes, removed, True, words, _width(texts), notes, breaks)
    cleaned.one_per_line = _one_per_line(texts)
    cleaned.unplaced = unplaced
    cleaned.causes = causes
    cleaned.doubtful = guesses
    return cleaned
