"""Abbreviations a text defines in brackets at first use, by the Schwartz–Hearst algorithm.

"Public Regulated Service (PRS)", "‘Common Hub for Governmental Imagery’ (CoHGI)", "EU Space
Surveillance and Tracking (EU SST)", and the other way round, "ASAT (Anti-satellite)".
Schwartz and Hearst (2003) pair a short form in brackets with the shortest run of words
before it whose letters cover the short form's, right to left, its first letter at the start
of a word. Each bracket is read once, against a window of words before it: the cost grows
with the text, never with pairs of candidates.

Written here rather than taken from PyPI's `abbreviations` (which implements the same
paper): that package reads sentences of plain text, while these texts carry footnote
markers and tags whose places must be kept, and its last release dates from 2019.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_BRACKETS = re.compile(r"\((?P<inner>[^()\[\]<>;\n]{1,80})\)")
# Where a definition's long form cannot reach back past: the end of a clause, a bracket, markup.
_STOP = re.compile(r"[;:()\[\]<>\n]")
_QUOTES = "'‘’\"“”«»"
_ROMAN = re.compile(r"[IVXLC]+")
_MAX_SHORT = 12


@dataclass(frozen=True)
class Definition:
    """An abbreviation and the words it stands for, where the text defines it."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


def is_short_form(text: str) -> bool:
    """Whether `text` can be an abbreviation: short, at most two words, two capitals or more,
    not a number or a Roman numeral."""
    if not 2 <= len(text) <= _MAX_SHORT or len(text.split()) > 2:
        return False
    if not text[0].isalnum() or any(q in text for q in _QUOTES):
        return False
    capitals = sum(1 for ch in text if ch.isupper())
    return capitals >= 2 and not _ROMAN.fullmatch(text) and any(ch.isalpha() for ch in text)


def best_long_form(short: str, long: str) -> int:
    """Where in `long` the long form of `short` starts (Schwartz–Hearst), or -1.

    Every letter and digit of `short`, from the last, is found in `long` from its end
    leftwards (case apart); the first must begin a word. The long form runs from the start
    of the word where the first letter was found to the end of `long`.
    """
    s = len(short) - 1
    i = len(long) - 1
    while s >= 0:
        ch = short[s].lower()
        if not ch.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].lower() != ch or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return -1
        i -= 1
        s -= 1
    return long.rfind(" ", 0, i + 1) + 1


def initials_long_form(short: str, long: str) -> int:
    """Where in `long` the words whose initials spell the capitals of `short` start, or -1:
    "European External Action Service (EEAS)", where letter matching alone would settle for
    "External Action Service". Short lower-case words ("for", "and", "of") may stand between
    them ("Common Hub for Governmental Imagery (CoHGI)")."""
    capitals = [ch.lower() for ch in _expanded(short) if ch.isupper() or ch.isdigit()]
    words = list(re.finditer(r"[^\s]+", long))
    i = len(words) - 1
    for ch in reversed(capitals):
        while i >= 0 and _connector(words[i].group()) and words[i].group()[:1].lower() != ch:
            i -= 1
        if i < 0 or words[i].group().lstrip(_QUOTES)[:1].lower() != ch:
            return -1
        i -= 1
    if not capitals:
        return -1
    first = words[i + 1]
    return first.start() + len(first.group()) - len(first.group().lstrip(_QUOTES))


def _expanded(short: str) -> str:
    """A letter followed by a small number stands for that many words with that initial:
    "C3S" is "Copernicus Climate Change Service"."""
    return re.sub(r"([A-Z])([2-4])(?!\d)", lambda m: m.group(1) * int(m.group(2)), short)


def _connector(word: str) -> bool:
    return len(word) <= 3 and word.isalpha() and word.islower()


def _window(text: str, end: int, words: int) -> int:
    """Where the `words` words before `end` begin, not reaching past a clause's end or markup."""
    stop = max((m.end() for m in _STOP.finditer(text, max(0, end - 400), end)), default=max(0, end - 400))
    start = end
    for _ in range(words):
        space = text.rfind(" ", stop, start - 1)
        if space < stop:
            return stop
        start = space + 1
        if start <= stop:
            return stop
    return start


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """`start:end` without the spaces and quotes around it."""
    while start < end and (text[start].isspace() or text[start] in _QUOTES):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTES):
        end -= 1
    return start, end


def _restates(long: str, short: str) -> bool:
    """Whether the words before the bracket hold the short form itself, or a number ("2014/496/CFSP"):
    then they do not spell it out."""
    if re.search(r"\d/", long):
        return True
    return any(word.strip(_QUOTES + ",.") == short for word in long.split())


def definitions(text: str) -> Iterator[Definition]:
    """Every abbreviation defined in `text` (an item's inline source), in order."""
    for m in _BRACKETS.finditer(text):
        inner_start, inner_end = _trimmed(text, m.start("inner"), m.end("inner"))
        inner = text[inner_start:inner_end]
        if is_short_form(inner):
            before_end = _trimmed(text, 0, m.start())[1]
            letters = sum(1 for ch in inner if ch.isalnum())
            window = _window(text, before_end, min(letters + 5, 2 * letters))
            candidate = text[window:before_end]
            found = initials_long_form(inner, candidate)
            if found < 0:
                found = best_long_form(inner, candidate)
            if found < 0:
                continue
            long_start, long_end = _trimmed(text, window + found, before_end)
            long = text[long_start:long_end]
            if len(long) > len(inner) and " " in long and not _restates(long, inner):
                yield Definition(inner, long, inner_start, inner_end, long_start, long_end)
            continue
        # "ASAT (Anti-satellite)": the short form before the bracket, the long form inside it.
        word = re.search(r"(\S+)\s*$", text[: m.start()])
        if word is None:
            continue
        short = word.group(1).strip(_QUOTES + ",")
        if not is_short_form(short) or " " in short or len(inner) <= len(short):
            continue
        if best_long_form(short, inner) == 0:
            short_start = text.rfind(short, 0, m.start())
            yield Definition(short, inner, short_start, short_start + len(short), inner_start, inner_end)
