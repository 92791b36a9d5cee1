"""The text after the header, line by line: each line gets one kind, and that kind's handler places it.

The kinds (`KINDS`, tried in order, the first whose test holds) and what their handlers do:

- `heading`: "I. TITLE", "3. GENERAL REMARKS", "II. Recommendations" (a Roman numeral and a
  title in sentence case), "A. Strengthening resilience" (a letter and a short title in sentence
  case straight before the next paragraph) open a section;
- `paragraph`: "N. " with the next number N opens paragraph N;
- `numbered point`: "2.1 ", "2.2 " ... under paragraph 2 of a text numbered 1, 2, 3, the first
  right after the paragraph's words open a list (":"): points of paragraph 2, numbered as written;
- `part paragraph`: "1.1 ", "1.2 ", "2.1 " ..., in order, after a line that ended or a heading: a
  paragraph numbered in parts (under "1. CONTEXT"); the edition numbers it in the run 1, 2, 3, ...
  and keeps the number as written;
- `lettered recital`, `dash recital`: "A. " with the next letter ("(a) ", "a) " in lower case,
  after the preamble or the words under a first heading), or a dash, before the paragraphs
  (in a text whose recitals have no mark, a dash after a line ending with ":" is a point);
- `point`: "a.", "(ii)", "–" ... after a line that may end an item: a point of the paragraph or
  recital (nested by marker kind, see `points.py`; a dash after a bullet with no ":" between goes
  under it where a PDF indents it, and in a text, doubtful unless the bullet's line goes on);
- `unmarked recital`: after the preamble's first line (or straight after the title, when the text
  has no preamble line), in a text whose recitals have no dash or letter, a line that opens with a
  recital opener in capitals ("RECALLING its conclusions ...",
  `Words.recital_openers`): a recital; the lines that go on with it are its continuation;
- `item recital`: in a text that gives a paragraph per line, an unmarked line after
  "HAVING REGARD TO:" or another recital: a recital;
- `lead-in`: "HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:" between the recitals and paragraph 1;
- `opener`: "RECALLING THAT:" between two groups of recitals: the first words of the next recital;
- `unnumbered paragraph`: a line that opens with an operative verb ("ENCOURAGES the Member
  States ...") after a paragraph ended, in the operative part: a paragraph the text does not
  number; the edition numbers it, and the report says so;
- `front`: before the recitals and paragraphs, the title (a line or two) and the preamble;
- `opening words`: under the first heading before paragraph 1 and any recital, the preamble's
  words ("I. INTRODUCTION", then "THE COUNCIL OF THE EUROPEAN UNION,"); recitals and the lead-in
  may follow them, as they follow a preamble, and the heading stays before them; under a heading
  that stands after the recitals, the lead-in ("HEREBY ADOPTS ...:", or "THE COUNCIL ...," and
  "HEREBY:"), which stays under it;
- `heading more`: the second line of a heading;
- `unnumbered heading`: a short line in capitals that stands alone between paragraphs, or after
  the title, the preamble or the lead-in before the first paragraph ("INTRODUCTION", "THE WAY
  FORWARD");
- `sentence heading`: a short line of words in sentence case with no final stop between a
  paragraph that ended and the next numbered paragraph ("Strengthening resilience"): a heading,
  listed as doubtful in the report; a line of a heading's shape that goes on with the text above
  after a sentence that ended is listed as doubtful too;
- `closing`: after a point line that ends with "," and stops short of the width (it did not
  wrap), or in a text that gives a paragraph per line, a line that starts in lower case ("in
  order to widen access for all."): the words that close the paragraph or recital, not its last
  point. In a PDF whose points hang (their next lines start right of their marker, as the
  register's do), where the line starts decides: back at the marker's edge it closes the item,
  further right it goes on with the point. Elsewhere, after a full line, the text cannot tell
  them from the point's next line: they go on with the point, and, when no point follows, the
  report lists that line as doubtful;
- `continuation`: the next line of the block being read (a wrapped line);
- `sub-paragraph`: in a European Council text, a new paragraph of text inside a numbered one;
- `dropped bullet`: a line in lower case that opens nothing after a line that opens a list (":"),
  and the like lines after it: a bullet point whose glyph the extraction lost, listed as doubtful;
- `unplaced`: anything else, listed for the person who checks the import.

A text laid out in lines (`Cleaned.wrapped`) runs a block over several lines, so a line goes on
with the block above it unless it opens a new one: a paragraph opens at "N. " when N is the next
number and a capital follows, whatever ends the line above; a dash or point marker opens an item
only after a line that could end one (":", ";", ",", ".", a footnote reference, "and"/"or"); a
line after a short line ending with ".", ";" or ":" that opens nothing is not part of the block
above (it is unplaced, or a sub-paragraph in a European Council text).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from ..core.limits import MAX_NUMBER_DIGITS
from .header import ROMAN_HEADING, first_letter_upper, is_caps
from .model import Doubt, DraftClosing, DraftParagraph, DraftPoint, DraftRecital, DraftSection, Parsed, SourceLine
from .points import (
    BULLET_CLASS,
    BULLETS,
    DROPPED_BULLETS,
    LOOK_ALIKE,
    SUB_BULLET,
    WRITTEN_BULLET,
    dash_after_bullet,
    is_bullet,
    is_sub_bullet,
    place_point,
)
from .verbs import shared_verbs
from .words import words

_PARAGRAPH = re.compile(rf"^(?P<number>\d{{1,{MAX_NUMBER_DIGITS}}})\.\s+(?P<text>\S.*)$")
# A paragraph numbered in parts under a numbered heading: "1.1 NOTES ...", "2.3. CALLS ON ...".
_PART = re.compile(r"^(?P<number>\d{1,3}\.\d{1,3})\.?\s+(?P<text>\S.*)$")
_LETTERED = re.compile(r"^(?P<letter>[A-Z])\.\s+(?P<text>\S.*)$")
# Recitals lettered in lower case: "(a) Recalling ...", "a) Recognising ...".
_SMALL_LETTERED = re.compile(r"^(?P<marker>\((?P<letter>[a-z])\)|(?P<bare>[a-z])\))\s+(?P<text>\S.*)$")
_HEADING = re.compile(r"^(?P<label>[IVXLC]{1,6}|[A-Z]|\d{1,2})\.\s+(?P<title>\S.*)$")
# A bullet's glyph may stand glued to its text (a PDF's text layer gives no space after it): a
# space after every other marker, or the glyph just before the text.
_AFTER_MARKER = rf"\s*(?<=[\s{BULLETS}])"
_DASH = re.compile(rf"^(?P<marker>[-–—]|{BULLET_CLASS}){_AFTER_MARKER}(?P<text>\S.*)$")
_POINT = re.compile(
    rf"^(?P<marker>\((?:[a-z]{{1,2}}|[ivx]+)\)|(?:[a-z]|[ivx]+)[.)]|[-–—]|{BULLET_CLASS}){_AFTER_MARKER}(?P<text>\S.*)$"
)
_SUB_BULLET = re.compile(r"^(?P<marker>o)\s+(?P<text>\S.*)$")
# The act's number in brackets under an Official Journal title: "(C/2024/1234)".
_ACT_IN_BRACKETS = re.compile(r"^\(C/\d{4}/\d{1,6}\)$")
_ENDS = frozenset(".;:")
_TITLE_LINES = 3
"""A title runs over a few lines at most; a longer run of lines is body text."""
_HEADING_WORDS = 12
"""A heading without a number is a few words; a longer line is text."""
_HEADING_MARKS = frozenset(" -‐–,'’&")
"""What a heading in capitals holds besides letters: spaces, hyphens, commas, apostrophes."""
_TRAILING = re.compile(r"(?:\[\^\d+\]|[”’\"')\]])+$")
"""What may stand after the stop that ends a sentence: footnote references, closing quotes and brackets."""


@dataclass
class Block:
    """A block being read: where its text goes (`target.text`, or a list slot)."""

    target: object
    last_line: str
    more: list[str] = field(default_factory=list)
    """The lines that go on with `target.text`, joined on once the block ends (`Body.close`):
    joined one at a time, a block of megabytes was copied once per line."""


@dataclass
class Body:
    """The text while it is read, and what the handlers need to decide."""

    parsed: Parsed
    join: Callable[[str, str], str]
    join_all: Callable[[str, list[str]], str]
    """`join` over many lines at once, in linear time."""
    item_may_follow: Callable[[str], bool]
    ended: Callable[[str, str], bool]
    wrapped: bool
    prose: bool
    """A European Council text: prose paragraphs, text inside a numbered paragraph may start anew."""
    full_line: Callable[[str], bool]
    """Whether a line was filled up to the width (a wrapped line goes on on the next)."""
    zone: str = "front"
    """"front" (title, preamble), "recitals", "paragraphs"."""
    title: list[str] = field(default_factory=list)
    title_open: bool = True
    expected: int = 1
    letter: str = "A"
    block: Block | None = None
    stack: list[tuple[str, DraftPoint]] = field(default_factory=list)
    """The open points, outermost first."""
    owner: DraftParagraph | DraftRecital | None = None
    """What points go under."""
    previous: str = ""
    after_blank: bool = False
    one_per_line: bool = False
    """The text gives a paragraph per line (`Cleaned.one_per_line`)."""
    following: str = ""
    """The next non-blank line, for the kinds that look ahead (a lead-in before a paragraph)."""
    last_kind: str = ""
    openers: list[str] = field(default_factory=list)
    """Lines waiting to open the next recital ("RECALLING THAT:")."""
    marked: bool = False
    """A recital with a dash or a letter was read: the text marks its recitals, and a line that
    opens with a recital opener without a mark opens none."""
    unmarked: int = 0
    """How many recitals the text marks with no dash or letter."""
    kept: list[tuple[SourceLine, str]] = field(default_factory=list)
    """The lines put in the preamble or the lead-in, or joined to a recital, with where they went:
    for the check that none of them opens a recital the reading missed (`_doubt_recital_openers`)."""
    maybe_closing: SourceLine | None = None
    left: float | None = None
    """Where the line being read starts on its PDF page (None for a text file)."""
    point_left: float | None = None
    """Where the open point's first line (its marker) starts on its PDF page."""
    sentence_headings: bool = False
    """A heading in sentence case stood where nothing else can stand (after the lead-in, before
    paragraph 1): the text heads its sections so, and a line of that shape between two paragraphs
    is one of them, not doubtful."""
    part: str = ""
    """The last paragraph numbered in parts ("2.1"), when the text numbers them so."""
    hanging: bool = False
    """A point's next line was seen to start right of its marker: the PDF's points hang, so
    where a line starts tells a point's words from those that close the item."""
    """A line joined to a point that may instead close the item (see `closing` above): doubtful
    unless another point of the item follows."""

    def may_follow(self) -> bool:
        return self.item_may_follow(self.previous) or self.after_blank

    def doubt_closing(self) -> None:
        """The item is read to its end: a line that may have closed it after its last point is doubtful."""
        if self.maybe_closing is not None:
            line, self.maybe_closing = self.maybe_closing, None
            self.parsed.doubtful.append(
                Doubt(
                    line.where.label(),
                    line.text,
                    "joined to the last point above, but it may close the paragraph or recital after its points: "
                    "if it does, put it after the points in document.md, after a blank line, indented like them",
                )
            )

    def close(self) -> None:
        """Join the lines that went on with the open block's text onto it."""
        block = self.block
        if block is not None and block.more:
            target = block.target
            if isinstance(target, list):  # the lead-in's lines: the last one wrapped
                target[-1] = self.join_all(target[-1], block.more)
            else:
                target.text = self.join_all(target.text, block.more)  # type: ignore[attr-defined]
            block.more = []

    def opens(
        self, target: object, text: str, owner: DraftParagraph | DraftRecital | None, zone: str | None = None
    ) -> None:
        self.close()
        self.doubt_closing()
        self.block, self.owner, self.stack = Block(target, text), owner, []
        if zone:
            self.zone = zone


# -- tests -----------------------------------------------------------------------------------


def _heading(text: str, b: Body) -> re.Match[str] | None:
    """A numbered heading: its title in capitals, or a Roman numeral and a short title in
    sentence case; a digit's title does not end as a sentence does ("5. NOTES." is a paragraph)."""
    match = _HEADING.match(text)
    if match is None:
        return None
    label, title = match.group("label"), match.group("title")
    if b.zone != "paragraphs" and label == b.letter and _LETTERED.match(text) and not is_caps(title):
        return match if _lettered_heading(text, title, b) else None  # else lettered recital I
    if is_caps(title):
        return None if label.isdigit() and title[-1:] in {".", ",", ";", ":"} else match
    roman = ROMAN_HEADING.match(text)
    sentence_case = roman is not None and first_letter_upper(title) and title[-1:] not in {".", ",", ";", ":"}
    if sentence_case and len(title) <= 100:
        return match
    return match if _lettered_heading(text, title, b) else None


def _lettered_heading(text: str, title: str, b: Body) -> bool:
    """A letter and a short title in sentence case with no final stop, straight before the next
    paragraph ("A. Strengthening resilience" then "4. ..."): a heading. A lettered recital ends
    with a stop or a comma, and a recital does not stand straight before a paragraph."""
    ended = (
        b.zone != "paragraphs"
        or b.after_blank
        or b.previous[-1:] in _ENDS
        or sentence_ended(b.previous)
        or (b.block is not None and isinstance(b.block.target, DraftSection))  # "II. FINDINGS" above
    )
    return (
        ended
        and bool(_LETTERED.match(text))
        and first_letter_upper(title)
        and len(title.split()) <= _HEADING_WORDS
        and title[-1:] not in {".", ",", ";", ":"}
        and "[^" not in title
        and bool(_paragraph(b.following, b))
    )


def _paragraph(text: str, b: Body) -> re.Match[str] | None:
    match = _PARAGRAPH.match(text)
    if match is None or int(match.group("number")) != b.expected:
        return None
    return match if first_letter_upper(match.group("text")) else None


def _part_paragraph(text: str, b: Body) -> re.Match[str] | None:
    """A paragraph numbered in parts ("1.1 NOTES ...") after a line that ended: the first is a
    part 1, each next one the next part of the same number or part 1 of the next; a capital
    follows the number."""
    match = _PART.match(text)
    after_heading = b.block is not None and isinstance(b.block.target, DraftSection)
    if match is None or not first_letter_upper(match.group("text")) or b.prose:
        return None
    if not (b.may_follow() or after_heading):
        return None
    major, minor = (int(x) for x in match.group("number").split("."))
    if not b.part:
        return match if minor == 1 and not b.parsed.paragraphs else None
    last_major, last_minor = (int(x) for x in b.part.split("."))
    return match if (major, minor) in {(last_major, last_minor + 1), (last_major + 1, 1)} else None


def _numbered_point(text: str, b: Body) -> re.Match[str] | None:
    """A point numbered after its paragraph ("2.1 CALLS ON ..." under "2. As regards ..., the
    Council:"), in a text whose paragraphs are numbered 1, 2, 3: the first, "N.1", right after
    its paragraph's words open a list (":"); each next one the next number under that paragraph,
    after a line that ended."""
    match = _PART.match(text)
    owner = b.owner
    if match is None or b.part or b.prose or not isinstance(owner, DraftParagraph) or owner.written:
        return None
    major, minor = (int(x) for x in match.group("number").split("."))
    if major != owner.number or not first_letter_upper(match.group("text")):
        return None
    numbered = [point.marker for point in owner.points if _PART.match(point.marker + " x")]
    if not numbered:
        opened = b.block is not None and b.block.target is owner and b.previous.rstrip().endswith(":")
        return match if minor == 1 and opened and not owner.points else None
    return match if numbered[-1] == f"{major}.{minor - 1}" and b.may_follow() else None


def _is_lettered(text: str, b: Body) -> bool:
    match = _LETTERED.match(text)
    if match is None:
        return _is_small_lettered(text, b)
    return b.zone != "paragraphs" and match.group("letter") == b.letter and not is_caps(text)


def _is_small_lettered(text: str, b: Body) -> bool:
    """A recital lettered in lower case ("(a) Recalling ...", "a) Recognising ..."), after the
    preamble or the words under a first heading, before paragraph 1: the first is "a" where no
    recital stands yet, the next ones the next letter in the same style. A point "(a)" under an
    item that opens a list (":") is no recital."""
    match = _SMALL_LETTERED.match(text)
    if (
        match is None
        or b.parsed.paragraphs
        or b.parsed.lead_in
        or (b.zone == "paragraphs" and not _under_opening_words(b))
    ):
        return False
    letter = (match.group("letter") or match.group("bare")).upper()
    style = _small_style(match.group("marker"))
    if b.parsed.recitals:
        last = b.parsed.recitals[-1].label
        return _small_style(last) == style and letter == b.letter and not b.previous.endswith(":") and b.may_follow()
    opened = bool(b.parsed.preamble) or _under_opening_words(b)
    return letter == "A" and opened and not b.stack and b.may_follow()


def _small_style(marker: str) -> str:
    """How a recital's letter is written: "(x)", "x)", or "X." (a capital, a dash: another style)."""
    if not marker.endswith(")"):
        return "X."
    return "(x)" if marker.startswith("(") else "x)"


def _under_opening_words(b: Body) -> bool:
    """Whether the text so far is its first heading and the words that open it ("I.
    INTRODUCTION", then "THE COUNCIL OF THE EUROPEAN UNION,"), before any recital or
    paragraph: recitals may follow there, as after a preamble."""
    body = b.parsed.body
    return (
        not b.parsed.recitals
        and not b.parsed.paragraphs
        and len(body) == 1
        and isinstance(body[0], DraftSection)
        and bool(body[0].opening_words)
    )


def _is_dash_recital(text: str, b: Body) -> bool:
    if b.unmarked and not b.marked and (b.previous.endswith(":") or b.stack):
        return False  # a dash under a recital without a mark that introduces a list: its point
    return (
        (b.zone != "paragraphs" or _under_opening_words(b))
        and bool(_DASH.match(text))
        and b.letter == "A"
        and b.may_follow()
    )


def _is_unmarked_recital(text: str, b: Body) -> bool:
    """A recital the text marks with no dash or letter: a line after the preamble's first that
    opens with a recital opener in capitals. A line all in capitals that ends with ":"
    ("RECALLING THAT:", "HAVING REGARD TO:") introduces a list: an opener or a preamble line; so
    does a first one whose next line is dashed ("RECALLING its conclusions on:" then "- ...":
    the dashes are the recitals)."""
    under_opening_words = _under_opening_words(b)
    if (b.zone == "paragraphs" and not under_opening_words) or b.marked or b.parsed.paragraphs or b.parsed.lead_in:
        return False
    if not (b.parsed.preamble or b.unmarked or under_opening_words or _straight_after_title(text, b)):
        return False
    if _introduces_dashes(text, b) and not b.unmarked:
        return False  # "RECALLING its conclusions on:" then dashed recitals: the preamble, as before
    return opens_recital(text) or (_preamble_not_in_capitals(b) and _opens_recital_in_sentence_case(text))


def _preamble_not_in_capitals(b: Body) -> bool:
    return bool(b.parsed.preamble) and not is_caps(b.parsed.preamble[0])


def _opens_recital_in_sentence_case(text: str) -> bool:
    """After a preamble in sentence case ("The Council of the European Union,"), a line opened by
    a recital opener in sentence case ("Recalling its conclusions ...")."""
    return first_letter_upper(text) and bool(words().recital_openers_any_case.match(text))


def _straight_after_title(text: str, b: Body) -> bool:
    """Whether a line comes straight after the title, with no preamble line ("THE COUNCIL OF THE
    EUROPEAN UNION,") between: recitals may start there (a text that leaves the line out)."""
    return b.zone == "front" and not b.prose and bool(b.title) and not (b.title_open and _title_goes_on(text, b))


def _introduces_dashes(text: str, b: Body) -> bool:
    return text.endswith(":") and bool(_DASH.match(b.following))


def opens_recital(text: str) -> bool:
    """Whether a line opens with a recital opener in capitals, and does not introduce a list."""
    return bool(words().recital_openers.match(text)) and not (is_caps(text) and text.endswith(":"))


def _is_point(text: str, b: Body) -> bool:
    return (
        (bool(_POINT.match(text)) or is_sub_bullet(text, b.stack, b.previous))
        and b.owner is not None
        and b.may_follow()
        and (b.block is not None or not b.wrapped)
    )


def _is_lead_in(text: str, b: Body) -> bool:
    if b.zone != "recitals" or b.parsed.paragraphs:
        return False
    if not is_caps(text):  # in sentence case: its words only ("Hereby adopts the following conclusions:")
        return text.endswith(":") and bool(words().lead_ins_any_case.match(text))
    if words().lead_ins.match(text):
        return True
    return text.endswith(":") and (bool(_PARAGRAPH.match(b.following)) or _opens_with_verb(b.following))


def _is_opener(text: str, b: Body) -> bool:
    return b.zone == "recitals" and not b.parsed.paragraphs and is_caps(text) and text.endswith(":")


def _is_item_recital(text: str, b: Body) -> bool:
    if not b.one_per_line or b.zone == "paragraphs" or is_caps(text) or not b.parsed.preamble:
        return False
    return b.last_kind in {"item recital", "opener"} or (b.last_kind == "front" and b.parsed.preamble[-1].endswith(":"))


def _opens_with_verb(text: str) -> bool:
    """Whether a line opens with an operative verb: a word in capitals of four letters or more,
    then a word in lower case ("ENCOURAGES the Member States")."""
    first = text.split()[:2]
    return (
        len(first) == 2 and first[0].isalpha() and first[0].isupper() and len(first[0]) >= 4 and first[1][:1].islower()
    )


def _is_unnumbered_paragraph(text: str, b: Body) -> bool:
    operative = b.zone == "paragraphs" or bool(b.parsed.lead_in)
    return operative and _opens_with_verb(text) and (b.one_per_line or b.ended(b.previous, text))


def _is_heading_more(text: str, b: Body) -> bool:
    if b.block is None or not isinstance(b.block.target, DraftSection):
        return False
    section = b.block.target
    if is_caps(text):
        # "THE COUNCIL OF THE EUROPEAN UNION," under "I. INTRODUCTION" opens the text, never the
        # heading's second line: a heading does not end with a comma or a colon.
        return is_caps(section.title) and text[-1:] not in {",", ":"} and not words().preamble.match(text)
    # A sentence-case title wrapped: the next line goes on in lower case.
    return not is_caps(section.title) and text[:1].islower() and b.previous[-1:] not in _ENDS


def _is_opening_words(text: str, b: Body) -> bool:
    """The words that open the text, under its first heading before paragraph 1 and any recital
    ("I. INTRODUCTION", then "THE COUNCIL OF THE EUROPEAN UNION,")."""
    target = b.block.target if b.block else None
    section = b.parsed.body[-1] if b.parsed.body else None
    if not isinstance(section, DraftSection) or b.expected != 1:
        return False
    if b.parsed.recitals:
        return _lead_in_under_heading(text, b, section, target)
    if target is section.opening_words:
        # The next line of them ("RECALLING:" after "THE COUNCIL OF THE EUROPEAN UNION,"), a
        # block of its own as in a preamble, once the line above ended as one does.
        return b.previous[-1:] in {",", ":"} and is_caps(text) and text[-1:] in {",", ":"}
    return target is section and (bool(words().preamble.match(text)) or (is_caps(text) and text[-1:] in {",", ":"}))


def _lead_in_under_heading(text: str, b: Body, section: DraftSection, target: object) -> bool:
    """The words that lead into paragraph 1 under a heading that stands between the recitals and
    paragraph 1 ("I. INTRODUCTION", then "HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:", or "THE
    COUNCIL OF THE EUROPEAN UNION," and "HEREBY:"): kept under the heading, in the text's order."""
    if section.where < b.parsed.recitals[-1].where or not is_caps(text):
        return False
    # The next line of those words ("HEREBY:" after "THE COUNCIL OF THE EUROPEAN UNION,"), once
    # the line above ended as one does, or named the Council without a stop.
    named = bool(words().preamble.match(b.previous))
    if target is section.opening_words and b.previous[-1:] not in {",", ":"} and not named:
        return False
    if target is not section and target is not section.opening_words:
        return False
    return _leads_in(text) or text[-1:] in {",", ":"}


def _leads_in(text: str) -> bool:
    """A line that leads into the operative part: a lead-in or the preamble's words."""
    return bool(words().lead_ins.match(text) or words().preamble.match(text))


def _is_unnumbered_heading(text: str, b: Body) -> bool:
    """A line in capitals alone between paragraphs: a heading ("GENERAL REMARKS", "ACTIONS"), or
    a resolution's words before its next items ("TAKE NOTE THAT:", "HEREBY RESOLVES:"); before
    the first paragraph, after the recitals or the lead-in, a heading in capitals when the next
    line opens the operative part."""
    if b.zone == "recitals":
        ended = b.after_blank or b.previous[-1:] in _ENDS or sentence_ended(b.previous)
        # Before the operative part, or before the words that lead into it ("HEREBY ADOPTS ...:").
        following = _opens_next_item(b.following, b) or (is_caps(b.following) and _leads_in(b.following))
        return ended and heading_in_capitals(text) and following
    if b.zone != "paragraphs" or not is_caps(text) or words().preamble.match(text):
        return False
    if len(text.split()) < 2:  # one word: only a heading's shape, after an item that ended
        return heading_in_capitals(text) and (b.after_blank or sentence_ended(b.previous))
    if not (b.after_blank or b.previous[-1:] in _ENDS or sentence_ended(b.previous)):
        return False
    if text.endswith(":"):
        return bool(_PARAGRAPH.match(b.following)) or _opens_with_verb(b.following)
    return text[-1:] not in {".", ",", ";"}


def heading_in_capitals(text: str) -> bool:
    """A line shaped as a heading in capitals: a few words of capital letters (of any script),
    with spaces, hyphens, commas or apostrophes ("INTRODUCTION", "THE WAY FORWARD", "ΕΙΣΑΓΩΓΗ"),
    no final punctuation, and neither the preamble, a lead-in, a recital opener, nor an operative
    verb ("WELCOMES")."""
    if not is_caps(text) or len(text.split()) > _HEADING_WORDS or text[-1:] in {".", ",", ";", ":"}:
        return False
    if sum(ch.isalpha() for ch in text) < 3 or not all(ch.isalpha() or ch in _HEADING_MARKS for ch in text):
        return False
    w = words()
    return not (
        w.preamble.match(text)
        or w.lead_ins.match(text)
        or w.recital_openers.match(text)
        or text.split()[0] in _verb_words()
    )


@cache
def _verb_words() -> frozenset[str]:
    """The first words of the shared operative verbs' forms in capitals ("WELCOMES", "CALLS")."""
    return frozenset(form.split()[0] for verb in shared_verbs() for form in verb.forms if form.isupper())


def _capitals_shape(text: str) -> bool:
    """A short line in capitals with no final punctuation ("ACTIONS", "ACTIONS[^1]", "AGENDA 2030")."""
    return is_caps(text) and len(text.split()) <= _HEADING_WORDS and text[-1:] not in {".", ",", ";", ":"}


def sentence_ended(line: str) -> bool:
    """Whether a line ends a sentence or an item: ".", ";" (a footnote reference or closing
    quote after it does not count)."""
    return _TRAILING.sub("", line)[-1:] in {".", ";"}


def _opens_next_item(text: str, b: Body) -> bool:
    """Whether a line opens the next paragraph, a numbered heading or a paragraph without a number."""
    return bool(_paragraph(text, b)) or bool(_HEADING.match(text) and is_caps(text)) or _opens_with_verb(text)


def _heading_shape(text: str, b: Body) -> bool:
    """A short line in sentence case with no final punctuation and no footnote reference, not an
    operative verb's line and not as wide as a wrapped line ("Strengthening resilience")."""
    return (
        first_letter_upper(text)
        and not is_caps(text)
        and len(text.split()) <= _HEADING_WORDS
        and text[-1:] not in {".", ",", ";", ":"}
        and "[^" not in text
        and not _opens_with_verb(text)
        and not (b.wrapped and b.full_line(text))
    )


def _is_sentence_heading(text: str, b: Body) -> bool:
    """A heading in sentence case: a heading-shaped line of words only (no number, reference or
    bracket: "Council of 22 October 2014 on" is a wrapped line) between a paragraph that ended and
    the next numbered paragraph."""
    between = b.zone == "paragraphs" and b.owner is not None and sentence_ended(b.previous)
    return (between or _after_lead_in(b)) and _words_before_paragraph(text, b)


def _after_lead_in(b: Body) -> bool:
    """Whether the line comes straight after the lead-in ("HEREBY APPROVES THE FOLLOWING
    CONCLUSIONS:"), before the first paragraph: no paragraph above it can go on there."""
    lead_in = b.parsed.lead_in
    return bool(lead_in) and not b.parsed.paragraphs and b.last_kind == "lead-in" and b.previous.endswith(":")


def _words_before_paragraph(text: str, b: Body) -> bool:
    """A heading-shaped line of words only, straight before the next numbered paragraph."""
    return (
        all(ch.isalpha() or ch in _HEADING_MARKS or ch == ":" for ch in text)
        and not b.one_per_line
        and _heading_shape(text, b)
        and bool(_paragraph(b.following, b))
    )


def _is_continuation(text: str, b: Body) -> bool:
    return b.block is not None and not isinstance(b.block.target, DraftSection) and not b.ended(b.previous, text)


def _ends_with_comma(line: str) -> bool:
    return _TRAILING.sub("", line).rstrip()[-1:] == ","


def _after_point(text: str, b: Body) -> bool:
    """A line in lower case after a point line that ends with "," (the sentence goes on)."""
    return (
        b.owner is not None
        and b.owner.closing is None
        and b.block is not None
        and isinstance(b.block.target, DraftPoint)
        and text[:1].islower()
        and _ends_with_comma(b.previous)
    )


def _is_closing(text: str, b: Body) -> bool:
    """Words that close the item after its points: see the module's docstring."""
    if not _after_point(text, b):
        return False
    if (edge := _at_marker_edge(b)) is not None:
        return edge
    return b.one_per_line or not (b.wrapped and b.full_line(b.previous))


_EDGE = 3.0
"""How far apart, in points, two lines of a PDF may start and still stand at one edge."""


def _at_marker_edge(b: Body) -> bool | None:
    """In a PDF whose points hang, whether the line starts at the open point's marker (not
    right of it, where the point's own next lines start); None where the layout cannot tell."""
    if not b.hanging or b.left is None or b.point_left is None:
        return None
    return b.left <= b.point_left + _EDGE


def _is_sub_paragraph(text: str, b: Body) -> bool:
    return b.prose and isinstance(b.block.target if b.block else None, DraftParagraph) and first_letter_upper(text)


def _is_dropped_bullet(text: str, b: Body) -> bool:
    """A line in lower case that opens nothing where a point would stand: after a line of a
    paragraph or recital, or of such a point, that opens a list (":"), or after a line that ended
    (";", ",") under such a point. An extraction that lost Word's bullet glyphs (Symbol-font
    characters) gives its points so; read as bullet points, each doubtful."""
    if b.owner is None or b.prose or b.block is None or not text[:1].islower():
        return False
    dropped = [point for _, point in b.stack if point.marker in DROPPED_BULLETS]
    if b.previous.endswith(":"):
        return b.block.target is b.owner or (bool(dropped) and b.block.target is dropped[-1])
    return bool(dropped) and _TRAILING.sub("", b.previous)[-1:] in {";", ","}


KINDS: list[tuple[str, Callable[[str, Body], object]]] = [
    ("heading", _heading),
    ("paragraph", _paragraph),
    ("numbered point", _numbered_point),
    ("part paragraph", _part_paragraph),
    ("lettered recital", _is_lettered),
    ("dash recital", _is_dash_recital),
    ("point", _is_point),
    ("unmarked recital", _is_unmarked_recital),
    ("item recital", _is_item_recital),
    ("lead-in", _is_lead_in),
    ("opener", _is_opener),
    ("unnumbered paragraph", _is_unnumbered_paragraph),
    ("front", lambda t, b: b.zone == "front"),
    ("opening words", _is_opening_words),
    ("heading more", _is_heading_more),
    ("unnumbered heading", _is_unnumbered_heading),
    ("sentence heading", _is_sentence_heading),
    ("closing", _is_closing),
    ("continuation", _is_continuation),
    ("sub-paragraph", _is_sub_paragraph),
    ("dropped bullet", _is_dropped_bullet),
    ("unplaced", lambda t, b: True),
]


def kind_of(text: str, b: Body) -> str:
    """The kind of a non-blank line of the text."""
    return next(name for name, test in KINDS if test(text, b))


# -- handlers --------------------------------------------------------------------------------


def _open_heading(line: SourceLine, b: Body) -> None:
    match = _HEADING.match(line.text)
    assert match is not None
    section = DraftSection(match.group("label"), match.group("title"), line.where)
    b.parsed.body.append(section)
    b.opens(section, line.text, None, "paragraphs")


def _open_paragraph(line: SourceLine, b: Body) -> None:
    match = _PARAGRAPH.match(line.text)
    assert match is not None
    b.parsed.lead_in.extend(b.openers)  # a group opener with no recital after it leads in
    b.openers.clear()
    item = DraftParagraph(b.expected, match.group("text"), line.where)
    b.parsed.body.append(item)
    b.expected += 1
    b.opens(item, line.text, item, "paragraphs")


def _open_part_paragraph(line: SourceLine, b: Body) -> None:
    """A paragraph numbered in parts: the edition numbers it in the run 1, 2, 3, ... and keeps the
    number as written."""
    match = _PART.match(line.text)
    assert match is not None
    b.parsed.lead_in.extend(b.openers)
    b.openers.clear()
    item = DraftParagraph(b.expected, match.group("text"), line.where, written=match.group("number"))
    b.parsed.body.append(item)
    b.expected += 1
    b.part = item.written
    b.opens(item, line.text, item, "paragraphs")


def _open_numbered_point(line: SourceLine, b: Body) -> None:
    """A point numbered after its paragraph ("2.1"): a point of that paragraph, its number as
    written; the points under it go under it."""
    match = _PART.match(line.text)
    assert match is not None and b.owner is not None
    b.maybe_closing = None  # a point follows: the line joined to the one above was its text
    placed = DraftPoint(match.group("number"), match.group("text"), line.where)
    b.owner.points.append(placed)
    b.stack = [("numbered", placed)]
    b.point_left = line.left
    b.block = Block(placed, line.text)


def _open_lettered(line: SourceLine, b: Body) -> None:
    match = _LETTERED.match(line.text)
    small = _SMALL_LETTERED.match(line.text)
    b.letter = chr(ord(b.letter) + 1)
    b.marked = True
    if match is not None:
        _recital(match.group("letter"), match.group("text"), line, b)
    else:
        assert small is not None  # the label is the marker as written: "(a)", "a)"
        _recital(small.group("marker"), small.group("text"), line, b)


def _open_dash(line: SourceLine, b: Body) -> None:
    match = _DASH.match(line.text)
    assert match is not None
    b.marked = True
    _recital("-", match.group("text"), line, b)


def _recital(label: str, text: str, line: SourceLine, b: Body) -> DraftRecital:
    """A recital, with the lines that open its group before its words ("RECALLING THAT: ...")."""
    recital = DraftRecital(label, " ".join([*b.openers, text]), line.where)
    b.openers.clear()
    b.parsed.recitals.append(recital)
    b.opens(recital, line.text, recital, "recitals")
    return recital


def _item_recital(line: SourceLine, b: Body) -> None:
    _recital("-", line.text, line, b)


def _unmarked_recital(line: SourceLine, b: Body) -> None:
    """A recital the text does not mark: the edition marks it with a dash (the report says so)."""
    _recital("-", line.text, line, b).marked = False
    b.unmarked += 1


def _opener(line: SourceLine, b: Body) -> None:
    b.openers.append(line.text)
    b.block = None


def _unnumbered_paragraph(line: SourceLine, b: Body) -> None:
    """An operative paragraph the text does not number: the edition gives it the next number."""
    item = DraftParagraph(b.expected, line.text, line.where)
    b.parsed.body.append(item)
    b.parsed.notes.append(
        f"{line.where.label()}: a paragraph without a number in the text; the edition numbers it {b.expected}"
    )
    b.expected += 1
    b.opens(item, line.text, item, "paragraphs")


def _open_point(line: SourceLine, b: Body) -> None:
    match = _POINT.match(line.text) or _SUB_BULLET.match(line.text)
    assert match is not None and b.owner is not None
    b.maybe_closing = None  # a point follows: the line joined to the one above was its text
    if b.owner.closing is not None and b.stack:
        # Words read as closing the item, but a point follows them: they went on with the point above.
        b.close()
        above = b.stack[-1][1]
        above.text, b.owner.closing = b.join(above.text, b.owner.closing.text), None
    placed = DraftPoint(match.group("marker"), match.group("text"), line.where)
    line_above = b.block.last_line if b.block else ""
    inner = dash_after_bullet(placed.marker, b.stack, line_above) and _dash_under_bullet(line, b, line_above)
    place_point(placed, b.owner, b.stack, line_above, inner)
    b.point_left = line.left
    b.block = Block(placed, line.text)


def _dash_under_bullet(line: SourceLine, b: Body, above: str) -> bool:
    """Whether a dash after a bullet point (no ":" between) goes under it. In a PDF, where the
    lines start says: right of the bullet's marker, under it; at its edge, beside it. In a text
    the glyphs say: Word puts dashes one level under bullets, so under; certain when the bullet's
    line goes on into the dashes (it ends with "," or "and"/"or"), else doubtful: the build waits
    for a person to look."""
    if line.left is not None and b.point_left is not None:
        return line.left > b.point_left + _EDGE
    last = _TRAILING.sub("", above).rstrip()
    if last[-1:] != "," and last.split()[-1:] not in [[w] for w in words().conjunctions]:
        _doubt(
            line,
            b,
            "a dash point after a bullet point, with no line ending with ':' above it, read as a point under "
            "that bullet (Word's next level): if it stands beside the bullet, unindent it in document.md",
        )
    return True


def _lead_in(line: SourceLine, b: Body) -> None:
    b.parsed.lead_in.append(line.text)
    b.kept.append((line, "the lead-in"))
    b.opens(b.parsed.lead_in, line.text, None)


def _preamble_in_sentence_case(text: str, b: Body) -> bool:
    """The preamble written in sentence case, its first line ending as a preamble's does: "The
    Council of the European Union," or "The Council:", or the lead-in on its line ("The Council of
    the European Union hereby adopts the following conclusions:"); in any language of the words
    (German closes it with a dash: "Der Rat der Europäischen Union —")."""
    return not b.parsed.preamble and text[-1:] in {",", ":", "—"} and bool(words().preamble_any_case.match(text))


def _front(line: SourceLine, b: Body) -> None:
    """A line of the title or the preamble ("THE COUNCIL OF THE EUROPEAN UNION,")."""
    text = line.text
    preamble = b.parsed.preamble
    is_preamble_line = (
        bool(words().preamble.match(text))
        or (is_caps(text) and text[-1:] in {",", ":"})
        or _preamble_in_sentence_case(text, b)
        or bool(_ACT_IN_BRACKETS.match(text))
    )
    if not preamble and not is_preamble_line and b.title_open and _title_goes_on(text, b):
        b.title.append(text)
        b.block = Block(b.title, text)
        return
    if not is_preamble_line and _heading_after_front(text, b):
        _unnumbered_heading(line, b)
        return
    if not preamble and not is_preamble_line and not b.prose:
        b.parsed.unplaced.append(line)
        b.parsed.causes[line.where.label()] = "text after the title that is not the preamble"
        b.block = None
        return
    continues = bool(preamble) and b.block is not None and b.block.target is preamble
    # A wrapped line goes on with the block above, unless it is an upper-case line after one
    # that ended ("THE COUNCIL OF THE EUROPEAN UNION," then "RECALLING:"), or it starts anew
    # after a line that ended (the opening paragraphs of a European Council text).
    new_caps_line = is_caps(text) and preamble[-1][-1:] in {",", ":", ";", ".", ")"} if preamble else True
    if not _introduces_dashes(text, b):  # the recitals it introduces follow
        b.kept.append((line, "the preamble"))
    if continues and (not b.wrapped or not new_caps_line) and not b.ended(b.previous, text):
        preamble[-1] = b.join(preamble[-1], text)
    else:
        preamble.append(text)
    b.block = Block(preamble, text)


def _heading_after_front(text: str, b: Body) -> bool:
    """A heading in capitals after the title or the preamble, before the first paragraph
    ("INTRODUCTION"): not after a title in capitals (it may go on with it), nor after a preamble
    line whose sentence goes on ("THE COUNCIL OF THE EUROPEAN UNION,")."""
    if b.prose or not b.title or not heading_in_capitals(text) or not _opens_next_item(b.following, b):
        return False
    preamble = b.parsed.preamble
    if preamble:
        return preamble[-1][-1:] in _ENDS
    return not is_caps(" ".join(b.title))


def _title_goes_on(text: str, b: Body) -> bool:
    """Whether a line belongs to the title: the first line, or one that goes on with it (it
    starts in lower case, or the line above was wrapped), never a sentence of the text."""
    if not b.title:
        return True
    if len(b.title) >= _TITLE_LINES:
        return False
    if _repeats_subject([*b.title, text], b):
        # The title repeats the cover page's subject, which says where it ends: "... of the
        # European Court of Auditors:" goes on with the report's quoted title.
        return True
    if b.ended(b.previous, text):
        return False
    return text[:1].islower() or (b.full_line(b.previous) and b.previous[-1:] not in _ENDS)


def _comparable(text: str) -> str:
    return " ".join(text.casefold().replace("“", '"').replace("”", '"').replace("’", "'").split())


def _repeats_subject(lines: list[str], b: Body) -> bool:
    """Whether the title's lines so far are the start of the subject (or of it without the
    "Draft" of the cover page)."""
    subject = _comparable(str(b.parsed.header.get("subject") or ""))
    title = _comparable(" ".join(lines))
    return bool(subject) and any(s.startswith(title) for s in (subject, subject.partition(" ")[2]))


def _opening_words(line: SourceLine, b: Body) -> None:
    section = b.parsed.body[-1]
    assert isinstance(section, DraftSection)
    section.opening_words.append(line.text)
    b.kept.append((line, "the lead-in" if b.parsed.recitals else "the preamble"))
    b.opens(section.opening_words, line.text, None)


def _heading_more(line: SourceLine, b: Body) -> None:
    assert b.block is not None and isinstance(b.block.target, DraftSection)
    section = b.block.target
    section.title = b.join(section.title, line.text)


def _unnumbered_heading(line: SourceLine, b: Body) -> None:
    section = DraftSection("", line.text, line.where)
    b.parsed.body.append(section)
    b.parsed.lead_in.extend(b.openers)  # a group opener with no recital after it leads in
    b.openers.clear()
    b.opens(section, line.text, None, "paragraphs")


def _sentence_heading(line: SourceLine, b: Body) -> None:
    """A heading in sentence case without a number: a section, listed as doubtful in the report
    unless nothing else can stand there (after the lead-in) or the text has headed a section so."""
    certain = _after_lead_in(b)
    _unnumbered_heading(line, b)
    if certain or b.sentence_headings:
        b.sentence_headings = True
        return
    _doubt(
        line,
        b,
        "read as a heading without a number (a short line without a final stop before the next paragraph): "
        "if it ends the paragraph above, join it to that paragraph in document.md",
    )


def _doubt(line: SourceLine, b: Body, why: str) -> None:
    b.parsed.doubtful.append(Doubt(line.where.label(), line.text, why))


def _closing(line: SourceLine, b: Body) -> None:
    """The words that close the paragraph or recital after its points."""
    assert b.owner is not None
    b.close()
    b.maybe_closing = None  # the item closes here: a line joined to the point above was the point's
    closing = DraftClosing(line.text, line.where)
    b.owner.closing = closing
    if isinstance(b.owner, DraftRecital):
        b.kept.append((line, "the recital above"))
    b.block = Block(closing, line.text)


def _continuation(line: SourceLine, b: Body) -> None:
    assert b.block is not None
    if isinstance(b.block.target, DraftPoint) and line.left is not None and b.point_left is not None:
        b.hanging = b.hanging or line.left > b.point_left + _EDGE
    if b.maybe_closing is None and _after_point(line.text, b) and _at_marker_edge(b) is None:
        b.maybe_closing = line
    if sentence_ended(b.previous) and (_capitals_shape(line.text) or _heading_shape(line.text, b)):
        _doubt(
            line,
            b,
            "a short line without a final stop after a sentence that ended, joined to the text above: "
            "if it is a heading, make it one in document.md (a line '## ' + its text)",
        )
    if isinstance(b.block.target, DraftRecital):
        b.kept.append((line, "the recital above"))
    elif b.block.target is b.parsed.lead_in:
        b.kept.append((line, "the lead-in"))
    b.block.more.append(line.text)
    b.block.last_line = line.text


def _sub_paragraph(line: SourceLine, b: Body) -> None:
    """Text that starts anew inside a numbered paragraph of a European Council text: part of
    the paragraph (its number covers it), said in the report."""
    _continuation(line, b)
    b.parsed.notes.append(
        f"{line.where.label()}: a new paragraph of text inside the numbered paragraph above, joined to it"
    )


def _dropped_bullet(line: SourceLine, b: Body) -> None:
    assert b.owner is not None
    dropped = [point.marker for _, point in b.stack if point.marker in DROPPED_BULLETS]
    if not dropped:
        marker = DROPPED_BULLETS[0]
    elif b.previous.endswith(":"):  # one level further in: the next level's glyph
        marker = DROPPED_BULLETS[min(DROPPED_BULLETS.index(dropped[-1]) + 1, len(DROPPED_BULLETS) - 1)]
    else:
        marker = dropped[-1]
    placed = DraftPoint(marker, line.text, line.where)
    place_point(placed, b.owner, b.stack, b.previous)
    b.block = Block(placed, line.text)
    _doubt(
        line,
        b,
        "read as a bullet point whose marker the input lost (a line in lower case after a list's opening): "
        "if it is not a point, join it to the text above in document.md",
    )


def _unplaced(line: SourceLine, b: Body) -> None:
    b.parsed.unplaced.append(line)
    numbered = _PART.match(line.text)
    if numbered is not None and not b.part and isinstance(b.owner, DraftParagraph):
        number = numbered.group("number")
        cause = (
            f"numbered {number} as a point of a paragraph, but not the next point of paragraph {b.owner.number} "
            f"({b.owner.number}.1 right after its words end with ':', then {b.owner.number}.2 ...): correct the "
            f"number, or put the line in document.md under its paragraph, indented three spaces, as '{number} ...'"
        )
    elif b.block is not None:
        cause = "after a paragraph that ended: a note, text without a number, or a kind of line not known"
    else:
        cause = "opens nothing known: no paragraph number, heading, recital, point or lead-in"
    b.parsed.causes[line.where.label()] = cause
    b.block = None


_GOES_ON = frozenset({"continuation", "sub-paragraph"})
"""The kinds of line that add to the open block's text rather than end it."""

HANDLERS: dict[str, Callable[[SourceLine, Body], None]] = {
    "heading": _open_heading,
    "paragraph": _open_paragraph,
    "numbered point": _open_numbered_point,
    "part paragraph": _open_part_paragraph,
    "lettered recital": _open_lettered,
    "dash recital": _open_dash,
    "point": _open_point,
    "unmarked recital": _unmarked_recital,
    "item recital": _item_recital,
    "lead-in": _lead_in,
    "opener": _opener,
    "unnumbered paragraph": _unnumbered_paragraph,
    "dropped bullet": _dropped_bullet,
    "front": _front,
    "opening words": _opening_words,
    "heading more": _heading_more,
    "unnumbered heading": _unnumbered_heading,
    "sentence heading": _sentence_heading,
    "closing": _closing,
    "continuation": _continuation,
    "sub-paragraph": _sub_paragraph,
    "unplaced": _unplaced,
}


def read_body(lines: list[SourceLine], b: Body) -> None:
    """Place every line of the text (see the module's docstring)."""
    texts = [line.text for line in lines if line.text]
    position = 0
    for line in lines:
        if line.text:
            position += 1
            b.following = texts[position] if position < len(texts) else ""
        if not line.text:
            b.after_blank = True
            if not b.wrapped:
                b.close()
                b.block = None
                b.title_open = b.title_open and not b.title
            continue
        b.left = line.left
        kind = kind_of(line.text, b)
        if kind not in _GOES_ON:
            b.close()
        HANDLERS[kind](line, b)
        if kind == "front":
            b.title_open = b.title_open and not b.parsed.preamble
        b.previous = line.text
        b.after_blank = False
        b.last_kind = kind
    b.close()
    b.doubt_closing()
    _note_closings(b)
    _note_bullets(b)
    b.parsed.lead_in.extend(b.openers)
    if b.title:
        b.parsed.header["title"] = " ".join(b.title)
    if b.part:
        b.parsed.notes.append(
            f"{len(b.parsed.paragraphs)} paragraphs numbered in parts in the text (up to {b.part}): the edition "
            f"numbers them 1-{len(b.parsed.paragraphs)} (their addresses) and shows each number as written"
        )
    if b.unmarked:
        b.parsed.notes.append(
            f"{b.unmarked} recitals without a dash or letter in the text, each on a line that opens with a "
            "recital opener in capitals: the edition marks them with dashes"
        )
    _doubt_recital_openers(b)


def _note_bullets(b: Body) -> None:
    """Say which bullets' glyphs document.md writes otherwise: "•" for each (its list nests them)."""
    glyphs: Counter[str] = Counter()
    items: list[DraftRecital | DraftParagraph] = [*b.parsed.recitals, *b.parsed.paragraphs]
    stack = [point for item in items for point in item.points]
    while stack:
        point = stack.pop()
        stack.extend(point.children)
        if point.marker not in (WRITTEN_BULLET, *DROPPED_BULLETS) and is_bullet(point.marker):
            glyphs[point.marker] += 1
    if glyphs:
        shown = ", ".join(f"{n}x {_glyph_name(g)}" for g, n in sorted(glyphs.items()))
        b.parsed.notes.append(f"bullets written {WRITTEN_BULLET} in document.md (the nesting is kept): {shown}")


def _glyph_name(glyph: str) -> str:
    if glyph == SUB_BULLET:
        return '"o" (Word\'s second-level bullet)'
    if glyph in LOOK_ALIKE:
        return f"U+{ord(glyph):04X} (a Symbol or Wingdings bullet, drawn {LOOK_ALIKE[glyph]})"
    return f"{glyph} (U+{ord(glyph):04X})"


def _note_closings(b: Body) -> None:
    """Say which items close after their points, for the person who checks the import."""
    items: list[DraftRecital | DraftParagraph] = [*b.parsed.recitals, *b.parsed.paragraphs]
    closed = [
        f"recital {position}" if isinstance(item, DraftRecital) else f"paragraph {item.number}"
        for position, item in enumerate(items, start=1)
        if item.closing is not None
    ]
    if closed:
        b.parsed.notes.append(
            f"words after the points that close the item, not its last point: {', '.join(closed)} "
            "(in document.md after a blank line, indented like the points)"
        )


def _doubt_recital_openers(b: Body) -> None:
    """A line that opens with a recital opener in capitals ("RECALLING ...") but went into the
    preamble, the lead-in or the recital above is a recital the reading may have missed: the
    import says so, with the line, and does not call itself ready."""
    for line, place in b.kept:
        if opens_recital(line.text):
            opener = words().recital_openers.match(line.text)
            assert opener is not None
            b.parsed.doubtful.append(
                Doubt(
                    line.where.label(),
                    line.text,
                    f"opens with the recital opener {opener.group(0)!r} but was read as part of {place}: "
                    "if it is a recital, make it one in document.md (a line '- ' + its text)",
                )
            )
