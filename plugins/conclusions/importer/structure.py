"""From cleaned lines to the document: header, cover note, title, preamble, recitals,
paragraphs, sections, points and footnotes.

The same steps read every input shape: the header (`header.py`), the cover note before an
annex, the text (`body.py`), each a classifier that gives a line one kind and a small handler
per kind; then the footnotes. A Markdown-like text has a block per line (blank lines between
blocks); text laid out in lines (`Cleaned.wrapped`) runs a block over several lines, which the
handlers join (`join_wrapped` decides line-end hyphens).
"""

from __future__ import annotations

import datetime
import re

from ..core.fidelity import MAX_FIELD, swallowed
from ..core.limits import MAX_NUMBER_DIGITS
from ..reader.furniture import always, is_annex, is_annex_to_annex
from .body import Body, read_body
from .header import PARAGRAPH, ROMAN_HEADING, State, is_caps, place_date, read_header
from .levels import mark_subsections
from .lines import join_lines, join_wrapped
from .model import Cleaned, Doubt, DraftParagraph, DraftPoint, DraftRecital, FootnoteText, Parsed, SourceLine, Where
from .points import BULLET_CLASS, BULLETS
from .words import language_of_title, words

# A line ended its block when the next line's first word would have fitted on it this
# easily: wrapped lines are filled up to about the width, so a line that stops well short
# of it, after ".", ";" or ":", ended there.
_SHORT = 0.8
_WIDE = 0.88
_POINT = re.compile(
    rf"^(?:\((?:[a-z]{{1,2}}|[ivx]+)\)|(?:[a-z]|[ivx]+)[.)]|[-–—]|{BULLET_CLASS})\s*(?<=[\s{BULLETS}])\S"
)
# A line holding only a number or a Roman numeral and a dot, or a bullet's glyph: the number of
# the paragraph or heading, or the bullet, whose text the extraction put on the next line.
_LABEL_ALONE = re.compile(rf"^(?:(?:\d{{1,{MAX_NUMBER_DIGITS}}}|[IVXL]{{1,6}})\.|{BULLET_CLASS})$")


def iso_date(text: str) -> str | None:
    """The ISO date of "Brussels, 13 November 2023" (English, French, German, ...) or of the
    Official Journal's "14.6.2024", if any."""
    if dotted := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        day, month, year = (int(x) for x in dotted.groups())
    else:
        match = place_date(text)
        if not match or match.group("month").lower() not in words().months:
            return None
        day, month, year = int(match.group("day")), words().months[match.group("month").lower()], int(match["year"])
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def short_title(title: str) -> str:
    """The title without its "Council conclusions on (the)" start."""
    short = words().title_prefixes.sub("", title, count=1)
    # A name that now opens a page title and the header: "digital skills" -> "Digital skills".
    return short[:1].upper() + short[1:] if short else title


def as_in_subject(title: str, subject: str) -> str:
    """A title printed in capitals ("COUNCIL CONCLUSIONS ON SCHOOL LIBRARIES") as the cover page's
    subject writes the same words ("Draft Council conclusions on school libraries - Approval"),
    for the short title and the citation, which name the text as the register does; else the
    title. The title itself stays as printed."""
    if not is_caps(title) or is_caps(subject):
        return title
    wanted = [w.lower() for w in title.split()]
    given = subject.split()
    for start in range(len(given) - len(wanted) + 1):
        if [w.lower() for w in given[start : start + len(wanted)]] == wanted:
            return " ".join(given[start : start + len(wanted)])
    return title


def citation_title(title: str) -> str:
    """The title with "Conclusions" lowered after its first word, as it is cited."""
    return re.sub(r"(?<=\S )Conclusions\b", "conclusions", title)


class _Reading:
    """What the steps share: the cleaned input, the document as found, and how lines join."""

    def __init__(self, cleaned: Cleaned) -> None:
        self.cleaned = cleaned
        self.parsed = Parsed(notes=list(cleaned.notes))
        self.wrapped = cleaned.wrapped

    def join(self, left: str, right: str) -> str:
        if self.wrapped:
            return join_wrapped(left, right, self.cleaned.vocabulary)
        return f"{left} {right}" if left else right

    def join_all(self, first: str, more: list[str]) -> str:
        """`first` with the lines of `more` joined on, as `join` would one by one, in linear time."""
        if self.wrapped:
            return join_lines(first, more, self.cleaned.vocabulary)
        return " ".join(part for part in [first, *more] if part)

    def item_may_follow(self, previous: str) -> bool:
        """Whether a dash or point marker may open an item after this line."""
        if not self.wrapped or not previous:
            return True
        end = previous.rstrip("”’\"')")
        last = end.split()
        return end[-1:] in {":", ";", ",", ".", "!", "?", "]"} or (bool(last) and last[-1] in words().conjunctions)

    def ended(self, previous: str, following: str) -> bool:
        """Whether a wrapped line ended its block (see _SHORT); a line of a text that gives a
        paragraph per line always does."""
        if self.cleaned.one_per_line and previous:
            return True
        if not self.wrapped or not previous or previous[-1:] not in {".", ";", ":"}:
            return False
        first_word = following.split()[0] if following.split() else ""
        return len(previous) + 1 + len(first_word) <= _SHORT * self.cleaned.width

    def header(self) -> int:
        state = State(self.wrapped, self.ended, self.join, self.wide, frozenset(self.cleaned.breaks))
        start = read_header(self.cleaned.lines, state)
        self.parsed.header.update(state.header)
        self.parsed.unplaced += state.unplaced
        self.parsed.causes.update(state.causes)
        self.parsed.number_suffix = state.number_suffix
        self.parsed.series = state.series
        self.parsed.label_languages = state.label_languages
        return start

    def cover(self, lines: list[SourceLine]) -> None:
        """The cover note's blocks: its headings and numbered paragraphs each a block of its own."""
        self.text_blocks(lines, self.parsed.cover, appendix=False)

    def text_blocks(self, lines: list[SourceLine], blocks: list[str], appendix: bool) -> None:
        """Blocks of text kept with their numbers as text: a cover note, an annex after the
        paragraphs. A block opens at a blank line, a number, a heading, a point; in an annex also
        after a line that ended or stopped short (its headings: "Article 1", "Subject matter")."""
        previous = ""
        after_blank = True
        for line in lines:
            text = line.text
            if not text:
                after_blank = True
                continue
            opens = (
                after_blank
                or bool(PARAGRAPH.match(text))
                or bool(ROMAN_HEADING.match(text))
                or bool(ROMAN_HEADING.match(previous))
                or (bool(_POINT.match(text)) and self.item_may_follow(previous))
                or (
                    appendix and (self.ended(previous, text) or not self.full_line(previous) or self.heading_like(text))
                )
            )
            if opens or not blocks:
                blocks.append(text)
            else:
                blocks[-1] = self.join(blocks[-1], text)
            previous = text
            after_blank = False

    def body(self, lines: list[SourceLine]) -> None:
        prose = any(
            words().prose.search(str(self.parsed.header.get(key, ""))) for key in ("institution", "number", "subject")
        )
        body = Body(
            self.parsed, self.join, self.join_all, self.item_may_follow, self.ended, self.wrapped, prose, self.full_line
        )
        body.one_per_line = self.cleaned.one_per_line
        read_body(lines, body)
        # The act's ELI stands at the foot of its pages: page furniture, and its official address.
        eli = next((line.text for line in self.cleaned.removed if always(line.text) == "eli"), "")
        if eli:
            self.parsed.header["eli"] = eli.split(":", 1)[1].split()[0]

    def wide(self, text: str) -> bool:
        """Whether a line is about as wide as the text's full lines."""
        return self.wrapped and len(text) >= _WIDE * self.cleaned.width

    def heading_like(self, text: str) -> bool:
        """A short line that does not end as a sentence does: a heading ("Article 3")."""
        return len(text) < 0.5 * max(self.cleaned.width, 1) and text[-1:] not in {".", ";", ":", ","}

    def full_line(self, text: str) -> bool:
        """Whether a wrapped line was filled up to about the width (it goes on on the next line)."""
        return not self.wrapped or len(text) >= _SHORT * self.cleaned.width

    def footnotes(self) -> None:
        """The footnote texts found, plus an empty one for each marker whose text is missing."""
        placed: list[tuple[str, Where]] = []
        items: list[DraftRecital | DraftParagraph] = [*self.parsed.recitals, *self.parsed.paragraphs]
        for item in items:
            placed += [(item.text, item.where), *_point_texts(item.points)]
            if item.closing is not None:
                placed.append((item.closing.text, item.closing.where))
        # Markers stand in the cover note, the preamble and the lead-in too ("of 14 February 20241,").
        first = placed[0][1] if placed else Where(0, 0)
        placed += [(text, first) for text in [*self.parsed.cover, *self.parsed.preamble, *self.parsed.lead_in]]
        referenced: dict[int, Where] = {}
        for text, where in placed:
            for number in re.findall(r"\[\^(\d+)\]", text):
                referenced.setdefault(int(number), where)
        defined = {int(note.number): note for note in self.cleaned.footnotes}
        notes = list(defined.values())
        for number in sorted(referenced.keys() - defined.keys()):
            notes.append(FootnoteText(str(number), "", referenced[number]))
        for number in sorted(defined.keys() - referenced.keys()):
            self.parsed.notes.append(f"footnote {number}: its text has no marker in the text")
        self.parsed.footnotes = sorted(notes, key=lambda note: int(note.number))

    def faults(self) -> None:
        """A header field that took in text of the body is a fault to decide, never a success."""
        for name, value in self.parsed.header.items():
            if isinstance(value, str) and swallowed(value):
                self.parsed.doubtful.append(
                    Doubt(
                        name,
                        value[:80],
                        f"the {name.replace('_', ' ')} is {len(value)} characters long (over {MAX_FIELD}, or more "
                        "than two sentences): it has taken in text of the body",
                    )
                )
        title = str(self.parsed.header.get("title", ""))
        if title and (language := language_of_title(title)):
            self.parsed.language = language


def _point_texts(points: list[DraftPoint]) -> list[tuple[str, Where]]:
    return [pair for point in points for pair in ((point.text, point.where), *_point_texts(point.children))]


def _labels_alone(lines: list[SourceLine]) -> list[SourceLine]:
    """A paragraph's or heading's number alone on its line ("2." or "II.", as some extractions
    give it) read with the text of the next line ("II. Recommendations")."""
    result: list[SourceLine] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        following = next((k for k in range(i + 1, len(lines)) if lines[k].text), None)
        if _LABEL_ALONE.match(line.text) and following is not None and not _LABEL_ALONE.match(lines[following].text):
            result.append(SourceLine(f"{line.text} {lines[following].text}", line.where, line.left))
            i = following + 1
            continue
        result.append(line)
        i += 1
    return result


def _text_before(lines: list[SourceLine]) -> bool:
    """Whether the text (its title or preamble) starts before these lines end: an annex after
    them is then the text's own annex, not the one a cover note carries."""
    w = words()
    return any(w.preamble.match(line.text) or w.titles.match(line.text) for line in lines)


def build(cleaned: Cleaned) -> Parsed:
    """Recognise the document in cleaned lines; what fits nowhere is listed as unplaced."""
    reading = _Reading(cleaned)
    start = reading.header()
    lines = _labels_alone(cleaned.lines[start:])
    annex = next((i for i, line in enumerate(lines) if is_annex(line.text)), None)
    if annex is not None and not _text_before(lines[:annex]):
        reading.cover(lines[:annex])
        reading.parsed.annex = lines[annex].text
        lines = lines[annex + 1 :]
        annex = None
    # An annex after the text: "ANNEX" in a text without a cover note, "ANNEX TO THE ANNEX" in one.
    annex = next((i for i, line in enumerate(lines) if is_annex(line.text) or is_annex_to_annex(line.text)), None)
    if annex is not None:
        # An annex after the text (a resolution's framework): text blocks of its own.
        reading.parsed.appendix_heading = lines[annex].text
        reading.text_blocks(lines[annex + 1 :], reading.parsed.appendix, appendix=True)
        lines = lines[:annex]
    reading.body(lines)
    mark_subsections(reading.parsed.sections)
    reading.footnotes()
    reading.faults()
    reading.parsed.doubtful += cleaned.doubtful
    if cleaned.unplaced:
        reading.parsed.unplaced = sorted([*reading.parsed.unplaced, *cleaned.unplaced], key=lambda line: line.where)
        reading.parsed.causes.update(cleaned.causes)
    return reading.parsed
