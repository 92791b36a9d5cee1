"""From cleaned lines to the document: header, cover note, title, preamble, recitals,
paragraphs, sections, points and footnotes.

The same steps read both input shapes. A Markdown-like text has a block per line (blank
lines between blocks); text laid out in lines (`Cleaned.wrapped`) runs a block over
several lines, so a line continues the block above it unless it opens a new one:

- a paragraph opens at "N. " when N is the next number and a capital follows, whatever
  ends the line above: the numbers are what Council texts rely on, and a missed one would
  make every later paragraph a continuation;
- a dash or point marker opens an item only after a line that could end one (":", ";",
  ",", ".", a footnote reference, "and"/"or"): a line that starts with "– For a European
  Union" after "Security and Defence" is the same sentence going on;
- a line that follows a short line ending with ".", ";" or ":" and opens nothing is not
  part of the block above; it is listed as unplaced instead of being glued on.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from ..core.limits import MAX_NUMBER_DIGITS
from .lines import ANNEX, join_lines, join_wrapped
from .model import Cleaned, FootnoteText, Paragraph, Parsed, Point, Recital, Section, SourceLine, Where

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january janvier januar enero gennaio januari janeiro",
            "february février februar febrero febbraio februari fevereiro",
            "march mars märz marzo maart março",
            "april avril abril aprile",
            "may mai mayo maggio mei maio",
            "june juin juni junio giugno junho",
            "july juillet juli julio luglio julho",
            "august août agosto augustus",
            "september septembre septiembre settembre setembro",
            "october octobre oktober octubre ottobre outubro",
            "november novembre noviembre novembro",
            "december décembre dezember diciembre dicembre dezembro",
        ],
        start=1,
    )
    for name in names.split()
}

_PLACE_DATE = re.compile(
    r"^(?P<place_date>(?P<place>[^\W\d_][^,\d]*?),\s+(?:(?:le|den|am|el|il|op)\s+)?"
    r"(?P<day>\d{1,2})\.?(?:er)?\s+(?P<month>[^\W\d_]+)\.?\s+(?P<year>\d{4}))"
    r"(?:\s+(?P<note>\(OR\.[^)]*\)))?$"
)
_LANGUAGE_NOTE = re.compile(r"^\(OR\.\s*[a-z]{2}(?:\s*,\s*[a-z]{2})*\)$")
_NUMBER = re.compile(r"^(?P<number>\d{1,6}/\d{2})(?P<suffix>(?:\s+(?:REV|COR|ADD)\s*\d+)*)$")
_CODE = r"[A-Z][A-Z0-9-]*(?:/[A-Z][A-Z0-9-]*)*\s+\d{1,5}"
_CODES = re.compile(rf"^(?:{_CODE})(?:\s+{_CODE})*$")
# Header labels in English, French and German, mapped to the front matter's fields; any
# other "Label: text" line in the header is reported as unplaced.
_LABELS = {
    "from": "from",
    "origine": "from",
    "absender": "from",
    "to": "to",
    "destinataire": "to",
    "empfänger": "to",
    "no. prev. doc.": "previous_document",
    "no. prev. docs.": "previous_document",
    "n° doc. préc.": "previous_document",
    "nr. vordok.": "previous_document",
    "subject": "subject",
    "objet": "subject",
    "betr.": "subject",
    "betreff": "subject",
}
_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w.° ]{0,30}?)\s*:\s*(?P<text>.*)$")
_OTHER_LABEL = re.compile(
    r"^(?:no\.|n°|nr\.)\s.*\bdoc|^interinstitutional file|^dossier interinstitutionnel|^interinstitutionelles dossier"
)
_COVER = re.compile(r"^(?:Delegations will find|Les délégations trouveront|Die Delegationen erhalten)\b")
_TITLE_START = re.compile(
    r"^(?:draft\s+)?(?:council\s+conclusions|conclusions\s+of\s+the\s+council)\b"
    r"|^(?:projet\s+de\s+)?conclusions\s+du\s+conseil\b"
    r"|^(?:entwurf\s+von\s+)?schlussfolgerungen\s+des\s+rates\b",
    re.IGNORECASE,
)
_PREAMBLE_START = re.compile(
    r"^(?:THE COUNCIL OF THE EUROPEAN UNION|LE CONSEIL DE L[’']UNION EUROPÉENNE|DER RAT DER EUROPÄISCHEN UNION)\b"
)
_PARAGRAPH = re.compile(rf"^(?P<number>\d{{1,{MAX_NUMBER_DIGITS}}})\.\s+(?P<text>\S.*)$")
_LETTERED = re.compile(r"^(?P<letter>[A-Z])\.\s+(?P<text>\S.*)$")
_HEADING = re.compile(r"^(?P<label>[IVXLC]{1,6}|[A-Z]|\d{1,2})\.\s+(?P<title>\S.*)$")
_DASH = re.compile(r"^(?P<marker>[-–—•])\s+(?P<text>\S.*)$")
_POINT = re.compile(r"^(?P<marker>\((?:[a-z]{1,2}|[ivx]+)\)|(?:[a-z]|[ivx]+)[.)]|[-–—•])\s+(?P<text>\S.*)$")
_CONJUNCTIONS = {"and", "or", "et", "ou", "und", "oder"}
_ROMAN = {"i": 1, "v": 5, "x": 10}
# A line ended its block when the next line's first word would have fitted on it this
# easily: wrapped lines are filled up to about the width, so a line that stops well short
# of it, after ".", ";" or ":", ended there.
_SHORT = 0.8


def iso_date(text: str) -> str | None:
    """The ISO date of "Brussels, 13 November 2023" (English, French, German, ...), if any."""
    match = _PLACE_DATE.match(text)
    if not match or match.group("month").lower() not in _MONTHS:
        return None
    try:
        day = datetime.date(int(match.group("year")), _MONTHS[match.group("month").lower()], int(match.group("day")))
    except ValueError:
        return None
    return day.isoformat()


def short_title(title: str) -> str:
    """The title without its "Council conclusions on (the)" start."""
    short = re.sub(
        r"^(?:draft\s+)?council\s+conclusions\s+(?:on|about|regarding)\s+(?:the\s+)?"
        r"|^(?:projet\s+de\s+)?conclusions\s+du\s+conseil\s+(?:sur|relatives?\s+(?:à|aux))\s+(?:les?\s+|la\s+|l[’'])?",
        "",
        title,
        flags=re.IGNORECASE,
    )
    # A name that now opens a page title and the header: "digital skills" -> "Digital skills".
    return short[:1].upper() + short[1:] if short else title


def citation_title(title: str) -> str:
    """The title with "Conclusions" lowered after its first word, as it is cited."""
    return re.sub(r"(?<=\S )Conclusions\b", "conclusions", title)


def _is_caps(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and not any(ch.islower() for ch in text)


def _first_letter_upper(text: str) -> bool:
    return next((ch.isupper() for ch in text if ch.isalpha()), False)


@dataclass
class _Block:
    """A block being read: where its text goes (`target.text`, or a list slot)."""

    target: object
    last_line: str
    more: list[str] = field(default_factory=list)
    """The lines that continue `target.text`, joined on once the block ends (`_Builder.close`):
    joined one at a time, a block of megabytes was copied once per line."""


class _Builder:
    def __init__(self, cleaned: Cleaned) -> None:
        self.cleaned = cleaned
        self.lines = cleaned.lines
        self.parsed = Parsed(notes=list(cleaned.notes))
        self.wrapped = cleaned.wrapped

    # -- helpers ----------------------------------------------------------------------

    def join(self, left: str, right: str) -> str:
        if self.wrapped:
            return join_wrapped(left, right, self.cleaned.vocabulary)
        return f"{left} {right}" if left else right

    def close(self, block: _Block | None) -> None:
        """Join the lines that continued the block's text onto it."""
        if block is None or not block.more:
            return
        target = block.target
        first = target[-1] if isinstance(target, list) else target.text  # type: ignore[attr-defined]
        if self.wrapped:
            joined = join_lines(first, block.more, self.cleaned.vocabulary)
        else:
            joined = " ".join([first, *block.more] if first else block.more)
        if isinstance(target, list):
            target[-1] = joined
        else:
            target.text = joined  # type: ignore[attr-defined]
        block.more = []

    def item_may_follow(self, previous: str) -> bool:
        """Whether a dash or point marker may open an item after this line."""
        if not self.wrapped or not previous:
            return True
        end = previous.rstrip("”’\"')")
        words = end.split()
        return end[-1:] in {":", ";", ",", ".", "!", "?", "]"} or (bool(words) and words[-1] in _CONJUNCTIONS)

    def ended(self, previous: str, following: str) -> bool:
        """Whether a wrapped line ended its block (see _SHORT)."""
        if not self.wrapped or not previous or previous[-1:] not in {".", ";", ":"}:
            return False
        first_word = following.split()[0] if following.split() else ""
        return len(previous) + 1 + len(first_word) <= _SHORT * self.cleaned.width

    def unplaced(self, line: SourceLine) -> None:
        self.parsed.unplaced.append(line)

    # -- header -----------------------------------------------------------------------

    def header(self) -> int:
        """Read the header fields; return the index of the first line after them."""
        header = self.parsed.header
        codes: list[str] = []
        labels_seen = False
        current: str | None = None  # the field a wrapped line continues
        previous = ""
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            text = line.text
            if not text:
                if current == "cover_note":
                    break
                current = None
                i += 1
                continue
            if current != "cover_note" and self._starts_body(text, current if labels_seen else None, previous):
                break
            if current == "cover_note":
                header["cover_note"] = self.join(str(header["cover_note"]), text)
            elif _COVER.match(text):
                header["cover_note"] = text
                current = "cover_note"
            elif (match := _PLACE_DATE.match(text)) and "place_date" not in header:
                header["place_date"] = match.group("place_date")
                if match.group("note"):
                    header["language_note"] = match.group("note")
                current = None
            elif _LANGUAGE_NOTE.match(text) and "language_note" not in header:
                header["language_note"] = text
                current = None
            elif (match := _NUMBER.match(text)) and "number" not in header:
                header["number"] = match.group("number")
                self.parsed.number_suffix = " ".join(match.group("suffix").split())
                current = None
            elif "number" in header and not labels_seen and "status" not in header and _CODES.match(text):
                codes.extend(" ".join(code.split()) for code in re.findall(_CODE, text))
                current = None
            elif (match := _LABEL.match(text)) and (field := self._label_field(match.group("label"))):
                labels_seen = True
                if field == "?":
                    self.unplaced(line)
                    current = "?"
                else:
                    header[field] = match.group("text").strip()
                    current = field
            elif "number" in header and not labels_seen and "status" not in header and _is_caps(text):
                header["status"] = text
                current = None
            elif not header and not codes:
                header["institution"] = text
                current = "institution"
            elif current == "institution" and "place_date" not in header:
                header["institution"] = self.join(str(header["institution"]), text)
            elif current == "?":
                self.unplaced(line)
            elif current:
                header[current] = self.join(str(header[current]), text)
            elif labels_seen:
                break  # a line no field takes: the body starts
            else:
                self.unplaced(line)
            previous = text
            i += 1
            if current == "cover_note" and str(header["cover_note"]).endswith(".") and self.wrapped:
                break
            if current == "cover_note" and not self.wrapped:
                break
        if codes:
            header["subject_codes"] = codes
        if "subject" in header and not header["subject"]:
            del header["subject"]
        return i

    @staticmethod
    def _label_field(label: str) -> str | None:
        """The front matter field of a header label, "?" for a known other one, else None."""
        key = " ".join(label.lower().split())
        if key in _LABELS:
            return _LABELS[key]
        # Other header labels ("No. Cion doc.", "Interinstitutional File") have no field:
        # their lines are reported. Anything else with a colon is text, not a label.
        return "?" if _OTHER_LABEL.match(key) else None

    def _starts_body(self, text: str, current: str | None, previous: str) -> bool:
        """Whether the header ends before this line: the annex, the title, the preamble or a
        numbered paragraph starts; or (once labels were seen) a wrapped field ended."""
        if ANNEX.match(text) or _TITLE_START.match(text) or _PREAMBLE_START.match(text):
            return True
        paragraph = _PARAGRAPH.match(text)
        if paragraph and _first_letter_upper(paragraph.group("text")):
            return True
        # A wrapped field ends where a short line stopped.
        return current is not None and current != "?" and self.ended(previous, text) and not _LABEL.match(text)

    # -- cover note and annex -----------------------------------------------------------

    def cover(self, start: int, annex: int) -> None:
        blocks = self.parsed.cover
        previous = ""
        after_blank = True
        for line in self.lines[start:annex]:
            text = line.text
            if not text:
                after_blank = True
                continue
            opens = (
                after_blank
                or bool(_PARAGRAPH.match(text))
                or (bool(_POINT.match(text)) and self.item_may_follow(previous))
            )
            if opens or not blocks:
                blocks.append(text)
            else:
                blocks[-1] = self.join(blocks[-1], text)
            previous = text
            after_blank = False

    # -- body ---------------------------------------------------------------------------

    def body(self, start: int) -> None:
        parsed = self.parsed
        zone = "front"
        title: list[str] = []
        title_open = True
        expected = 1
        letter = "A"
        block: _Block | None = None
        stack: list[tuple[str, Point]] = []  # open points, outermost first
        owner: Paragraph | Recital | None = None  # what points go under
        previous = ""
        after_blank = False
        for line in self.lines[start:]:
            text = line.text
            if not text:
                after_blank = True
                if not self.wrapped:
                    self.close(block)
                    block = None
                    title_open = title_open and not title
                continue
            read = block
            heading = _HEADING.match(text)
            paragraph = _PARAGRAPH.match(text)
            lettered = _LETTERED.match(text)
            dash = _DASH.match(text)
            point = _POINT.match(text)
            may_follow = self.item_may_follow(previous) or after_blank
            if heading and _is_caps(heading.group("title")) and self._is_heading(heading):
                section = Section(heading.group("label"), heading.group("title"), line.where)
                parsed.body.append(section)
                block, owner, stack, zone = _Block(section, text), None, [], "paragraphs"
            elif (
                paragraph
                and int(paragraph.group("number")) == expected
                and _first_letter_upper(paragraph.group("text"))
            ):
                item = Paragraph(expected, paragraph.group("text"), line.where)
                parsed.body.append(item)
                expected += 1
                block, owner, stack, zone = _Block(item, text), item, [], "paragraphs"
            elif zone != "paragraphs" and lettered and lettered.group("letter") == letter and not _is_caps(text):
                recital = Recital(letter, lettered.group("text"), line.where)
                parsed.recitals.append(recital)
                letter = chr(ord(letter) + 1)
                block, owner, stack, zone = _Block(recital, text), recital, [], "recitals"
            elif zone != "paragraphs" and dash and letter == "A" and may_follow:
                recital = Recital("-", dash.group("text"), line.where)
                parsed.recitals.append(recital)
                block, owner, stack, zone = _Block(recital, text), recital, [], "recitals"
            elif point and owner is not None and may_follow and (block is not None or not self.wrapped):
                placed = Point(point.group("marker"), point.group("text"), line.where)
                self._place_point(placed, owner, stack, block.last_line if block else "")
                block = _Block(placed, text)
            elif zone == "recitals" and _is_caps(text) and text.endswith(":") and not parsed.paragraphs:
                # "HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:" between the recitals and paragraph 1.
                parsed.lead_in.append(text)
                block, owner, stack = _Block(parsed.lead_in, text), None, []
            elif zone == "front":
                block = self._front(line, title, title_open, block)
                title_open = title_open and not parsed.preamble
            elif block is not None and isinstance(block.target, Section) and _is_caps(text):
                section = block.target  # a heading wrapped over two lines
                section.title = self.join(section.title, text)
            elif (
                zone == "paragraphs"
                and _is_caps(text)
                and len(text.split()) >= 2
                and text[-1:] not in {".", ",", ";", ":"}
                and (after_blank or previous[-1:] in {".", ";", ":"})
                and not _PREAMBLE_START.match(text)
            ):
                section = Section("", text, line.where)
                parsed.body.append(section)
                block, owner, stack = _Block(section, text), None, []
            elif block is not None and not isinstance(block.target, Section) and not self.ended(previous, text):
                block.more.append(text)
                block.last_line = text
            else:
                self.unplaced(line)
                block = None
            if read is not block:
                self.close(read)
            previous = text
            after_blank = False
        self.close(block)
        if title:
            parsed.header["title"] = " ".join(title)

    def _is_heading(self, heading: re.Match[str]) -> bool:
        title = heading.group("title")
        if heading.group("label").isdigit():
            # "5. NOTES." is a paragraph; "3. GENERAL REMARKS" a heading.
            return title[-1:] not in {".", ",", ";", ":"}
        return True

    def _front(self, line: SourceLine, title: list[str], title_open: bool, block: _Block | None) -> _Block | None:
        """A line of the title or the preamble ("THE COUNCIL OF THE EUROPEAN UNION,")."""
        text = line.text
        preamble = self.parsed.preamble
        is_preamble_line = bool(_PREAMBLE_START.match(text)) or (_is_caps(text) and text[-1:] in {",", ":"})
        if not preamble and not is_preamble_line:
            if title_open:
                title.append(text)
                return _Block(title, text)
            self.unplaced(line)
            return None
        continues = bool(preamble) and block is not None and block.target is preamble
        # A wrapped line goes on with the block above, unless it is an upper-case line
        # after one that ended ("THE COUNCIL OF THE EUROPEAN UNION," then "RECALLING:").
        above = block.more[-1] if continues and block is not None and block.more else preamble[-1] if preamble else ""
        new_caps_line = _is_caps(text) and above[-1:] in {",", ":", ";", "."} if preamble else True
        if continues and block is not None and (not self.wrapped or not new_caps_line):
            block.more.append(text)  # joined on to preamble[-1] by `close`
            block.last_line = text
            return block
        self.close(block)
        preamble.append(text)
        return _Block(preamble, text)

    def _place_point(self, item: Point, owner: Paragraph | Recital, stack: list[tuple[str, Point]], above: str) -> None:
        """Put a point under its parent: a marker kind seen before goes back to its level;
        a new kind goes one level deeper after a line ending with ":", else beside."""
        kind = _point_kind(item.marker, stack)
        kinds = [k for k, _ in stack]
        if kind in kinds:
            del stack[kinds.index(kind) :]
        elif stack and not above.rstrip().endswith(":"):
            stack.pop()
        (stack[-1][1].children if stack else owner.points).append(item)
        stack.append((kind, item))

    # -- footnotes ------------------------------------------------------------------------

    def footnotes(self) -> None:
        """The footnote texts found, plus an empty one for each marker whose text is missing."""
        placed: list[tuple[str, Where]] = []
        items: list[Recital | Paragraph] = [*self.parsed.recitals, *self.parsed.paragraphs]
        for item in items:
            placed += [(item.text, item.where), *_point_texts(item.points)]
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


def _point_texts(points: list[Point]) -> list[tuple[str, Where]]:
    return [pair for point in points for pair in ((point.text, point.where), *_point_texts(point.children))]


def _point_kind(marker: str, stack: list[tuple[str, Point]]) -> str:
    """The kind of a point marker: "dash", "bullet", or letter/roman with its brackets."""
    if marker in "-–—":
        return "dash"
    if marker == "•":
        return "bullet"
    body = marker.strip("().")
    style = "(x)" if marker.startswith("(") else "x" + marker[-1]
    if re.fullmatch(r"[ivx]+", body):
        if len(body) > 1:
            return "roman" + style
        letters = [p for k, p in stack if k == "letter" + style]
        if letters and ord(letters[-1].marker.strip("().")[-1]) + 1 == ord(body):
            return "letter" + style
        romans = [p for k, p in stack if k == "roman" + style]
        if body == "i" or (romans and _roman(romans[-1].marker.strip("().")) + 1 == _ROMAN[body]):
            return "roman" + style
    return "letter" + style


def _roman(numeral: str) -> int:
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN.get(ch, 0)
        following = _ROMAN.get(numeral[i + 1], 0) if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def build(cleaned: Cleaned) -> Parsed:
    """Recognise the document in cleaned lines; what fits nowhere is listed as unplaced."""
    builder = _Builder(cleaned)
    start = builder.header()
    annex = next((i for i in range(start, len(cleaned.lines)) if ANNEX.match(cleaned.lines[i].text)), None)
    if annex is not None:
        builder.cover(start, annex)
        builder.parsed.annex = cleaned.lines[annex].text
        start = annex + 1
    builder.body(start)
    builder.footnotes()
    return builder.parsed
