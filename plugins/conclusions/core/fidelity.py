"""Faithful or it fails: every word of a document's original is in its `document.md`, in order.

A document imported from a Council text keeps the text in `original/` and the record of the
import in `import.yml`. Every build reads the original again, with the reader the importer
used (`conclusions.reader`: the same lines, numbered the same way), takes out the lines the
record lists as page furniture (`removed:`; each must have a form of furniture, see
`reader/furniture.yml`), and looks for each remaining word in the document as the core read it:
its header fields, cover note, preamble, recitals, lead-in, headings, paragraphs, points and
footnotes. A word that is nowhere stops the build, with the line of the original it stands on
and the page where it should be. A line the import could not place (`unplaced:`) has its words
nowhere until the user puts them into `document.md`: the build stops until that is decided.
A difference may be accepted knowingly, never silently: an entry of `accepted:` in `import.yml`
gives the words, the line (`where`) and a `reason`. A line the import placed but doubted
(`doubtful:`: its words are on the site, its place may be wrong, say a heading read as the end
of a paragraph) stops the build too, until an entry of `checked:` names it (`where`, `text`)
with a `reason`: the words check cannot see a wrong structure, so a person must. A document
without `original/` (written by hand) is not checked.

Words are compared by their letters and digits (NFKC: a superscript two is a two), so that
punctuation, spacing and a line-end hyphen (kept or dropped) are not differences. The document
is read as streams, one per header field, one for the text (cover note to last paragraph) and
one for the footnotes; the original's words are found in order in one stream at a time, and a
word that its stream does not hold next is looked for at the next place of the others (a PDF
may give the cover page's labels before their values, and footnotes stand at page bottoms).
What only structures the text (numbers, point markers, header labels, footnote numbers) may
be found or not; a bullet's glyph is no word, and a bullet may be a Courier "o" in the original. Each word costs a few comparisons: the check is linear in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import Any

from ..reader.furniture import furniture_form
from ..reader.lines import KIND_MARKDOWNISH, Original, SourceLine, Unreadable, read_original
from .collection import Collection
from .errors import Problems, SourceError
from .fields import Field, check_mapping
from .inline_source import tokenize
from .layout import DOCUMENTS, LANGUAGES
from .layout import IMPORT_RECORD as RECORD
from .layout import ORIGINAL as ORIGINAL_DIR
from .model import Document, Point, Section
from .remembered import Same, recent
from .urls import DocumentUrls, address
from .yamlsource import Located, LocatedList, load_yaml

Step = Callable[[Hashable, tuple[Any, ...], Callable[[], tuple[SourceError, ...]]], tuple[SourceError, ...]]
"""`SiteMaker.step`'s form: a result made of its inputs, or under `mkdocs serve` the last one."""


_REACH = 40
"""How many words of a stream may be passed over to find the next word of the original
(words the document has and the original not: added by hand, or a field read twice)."""
_AGREE = 3
"""How many words in a row must agree before the check moves to another stream."""
MAX_FIELD = 400
"""A header field longer than this, or of more than two sentences, has taken in text of the body."""
_BULLET = "•"
"""The marker `document.md` gives every bullet, whatever glyph the original draws it with (a
character of the Symbol or Wingdings fonts, which is no word, or Word's Courier "o")."""
_SUB_BULLET = "o"
_MARKDOWN_SIGNS = re.compile(r"</?sup>|\*\*|^#{1,6}\s+")

# The labels of the register's header, any language: structure, not words of the text (the
# site shows its own). The importer reads them from the same files (`conclusions/words/*.yml`).
_LABELS_DIR = Path(__file__).resolve().parent.parent / "words"


@dataclass(frozen=True)
class Word:
    """A word of the document, in one of its streams."""

    text: str
    optional: bool = False
    """Structure rather than text (a number, a marker, a label): the original may not have it,
    and a label may be written in capitals or not."""
    glued: bool = False
    """A footnote marker glued to the word before it ("2021[^3]" reads "20213" in the original)."""
    part: int = 0
    """Which part of the stream it belongs to (one field, paragraph or footnote)."""
    label: bool = False
    """A header label ("From"): it may stand apart from its value (the labels printed first)."""


@dataclass
class Stream:
    """The words of one part of the document, in order, and where the check has got to."""

    name: str
    """Where the words are, for a person: 'paragraph 3', 'the subject'."""
    words: list[Word] = field(default_factory=list)
    owners: list[tuple[str, str]] = field(default_factory=list)
    """Per word: the part it belongs to ('paragraph 3') and its page's address."""
    at: int = 0
    parts: int = 0

    def add(self, text: str, owner: tuple[str, str], optional: bool = False, label: bool = False) -> None:
        if not self.owners or self.owners[-1] != owner:
            self.parts += 1
        for word in _words_of_inline(text, optional, self.parts):
            self.words.append(replace(word, label=True) if label else word)
            self.owners.append(owner)


@dataclass(frozen=True)
class Lost:
    """A word of the original that the document lacks."""

    where: str
    """The line of the original ('line 57', 'page 2, line 14')."""
    word: str
    owner: tuple[str, str]
    """The part and page near which it should stand."""


_NOT_WORD = re.compile(r"[^\w\s]+|_+")


def tokens(text: str) -> list[str]:
    """The words of a line: letters and digits only, after NFKC ("7371/22." is "737122")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _NOT_WORD.sub("", text).split()


@recent
def _words_of_inline(source: str, optional: bool, part: int) -> tuple[Word, ...]:
    """The words of inline source text: tags dropped, a footnote reference a marker word; kept
    while serving (`remembered.recent`), so that an unchanged item is not read again."""
    return tuple(_inline_words(source, optional, part))


def _inline_words(source: str, optional: bool, part: int) -> Iterator[Word]:
    text_parts: list[str] = []
    for token in tokenize(source):
        if token.kind == "fn":
            before = "".join(text_parts)
            yield from (Word(t, optional, False, part) for t in tokens(before))
            marker = tokens(token.value)
            yield Word(marker[0] if marker else token.value, True, bool(before) and not before[-1].isspace(), part)
            text_parts = []
        elif token.kind == "text":
            text_parts.append(token.value)
    yield from (Word(t, optional, False, part) for t in tokens("".join(text_parts)))


def swallowed(value: str) -> bool:
    """Whether a header field holds more than a field does: text of the body taken in."""
    # A full stop right after a digit ends no sentence where ordinals are written so: "auf seiner
    # 4127. Tagung vom 10. Dezember 2026" is one sentence of a German cover note.
    sentences = len(re.findall(r"(?:(?<!\d)\.|[;:!?])(?:\s+|$)(?=[A-Z(]|$)", value))
    return len(value) > MAX_FIELD or sentences > 2


# -- the document's streams -------------------------------------------------------------------


_HEADER_TEXT = (
    ("institution", "institution"),
    ("place_date", "place and date"),
    ("language_note", "language note"),
    ("number", "number"),
    ("status", "status"),
    ("sender", "From"),
    ("meeting_date", "meeting date"),
    ("recipient", "To"),
    ("previous_document", "No. prev. doc."),
    ("interinstitutional_file", "interinstitutional file"),
    ("commission_document", "No. Cion doc."),
    ("date_of_receipt", "date of receipt"),
    ("subject", "subject"),
    ("cover_note", "cover note"),
    ("title", "title"),
)
"""The header fields a text gives in its own words (the others are made from them)."""


def streams(document: Document, urls: DocumentUrls) -> list[Stream]:
    """The document's words: a stream per header field, the text, the footnotes."""
    home = ("the home page's register data", address(urls.home))
    labels = _labels()
    result: list[Stream] = []
    header = document.header
    for name, shown in _HEADER_TEXT:
        value = getattr(header, name)
        if not value:
            continue
        stream = Stream(f"the {shown}")
        for label in labels.get(name, ()):
            stream.add(label, home, optional=True, label=True)
        stream.add(value, home)
        result.append(stream)
    for code in header.subject_codes:
        stream = Stream("the subject codes")
        stream.add(code, home)
        result.append(stream)
    if header.eli:
        stream = Stream("the ELI")
        stream.add("ELI", home, optional=True, label=True)
        stream.add(header.eli, home)
        result.append(stream)
    result.append(_text_stream(document, urls))
    notes = Stream("the footnotes")
    for note in document.footnotes.values():
        owner = (f"footnote {note.number}", address(urls.text, f"fn:{note.number}"))
        notes.add(note.number, owner, optional=True)
        notes.add(note.text, owner)
    result.append(notes)
    return result


def _text_stream(document: Document, urls: DocumentUrls) -> Stream:
    text = Stream("the text")
    home = ("the cover note", address(urls.home))
    for block in document.cover:
        text.add(block, home)
    if document.annex:
        text.add(document.annex, home)
    start = ("the preamble", address(urls.text))
    for block in document.preamble:
        text.add(block, start)
    leading = document.leading_section
    if leading is not None:
        _section_opening(text, leading, urls)
    for recital in document.recitals:
        owner = (recital.label.lower(), address(urls.recital_page(recital.key)))
        text.add(recital.letter, owner, optional=True)
        _item(text, recital.text, recital.points, owner)
    for block in document.lead_in:
        text.add(block, start)
    for section in document.sections:
        if not section.implicit and section is not leading:
            _section_opening(text, section, urls)
        for subsection, paragraphs in section.parts():
            if subsection is not None:
                owner = (
                    f"the heading {subsection.heading}",
                    address(urls.section_page(section.slug), subsection.anchor),
                )
                text.add(subsection.label, owner, optional=True)
                text.add(subsection.title, owner)
            for paragraph in paragraphs:
                owner = (paragraph.label.lower(), address(urls.paragraph_page(paragraph.number)))
                text.add(paragraph.shown, owner, optional=True)
                _item(text, paragraph.text, paragraph.points, owner)
    if document.appendix_heading:
        owner = (f"the {document.appendix_heading}", address(urls.text, "appendix"))
        text.add(document.appendix_heading, owner)
        for block in document.appendix:
            text.add(block, owner)
    return text


def _section_opening(text: Stream, section: Section, urls: DocumentUrls) -> None:
    """A section's heading and the words under it before paragraph 1."""
    owner = (f"the heading {section.heading}", address(urls.section_page(section.slug)))
    text.add(section.label, owner, optional=True)
    text.add(section.title, owner)
    for block in section.opening_words:
        text.add(block, (f"the words under {section.heading}", address(urls.text)))


def _item(stream: Stream, text: str, points: Sequence[Point], owner: tuple[str, str]) -> None:
    """An item's words: its opening words, then each point's marker and words, in reading order."""
    cuts = sorted((p.start, p) for p in _walk(points))
    # Word's second-level bullet is a Courier "o" in a PDF's text layer: under a bullet, an "o"
    # where a bullet stands is its marker.
    inner = {id(c) for p in _walk(points) if p.marker == _BULLET for c in p.points if c.marker == _BULLET}
    position = 0
    for start, point in cuts:
        stream.add(text[position:start], owner)
        stream.add(point.marker, owner, optional=True)
        if id(point) in inner:
            stream.add(_SUB_BULLET, owner, optional=True)
        position = start
    stream.add(text[position:], owner)


def _walk(points: Sequence[Point]) -> Iterator[Point]:
    for point in points:
        yield from point.walk()


@cache
def _labels() -> dict[str, tuple[str, ...]]:
    """The header labels of every language the importer reads, by the model's field name."""
    import yaml

    by_field: dict[str, list[str]] = {}
    renamed = {"from": "sender", "to": "recipient"}
    for path in sorted(_LABELS_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for label, name in (data.get("header labels") or {}).items():
            by_field.setdefault(renamed.get(name, name), []).append(label)
    return {name: tuple(labels) for name, labels in by_field.items()}


# -- matching ---------------------------------------------------------------------------------


class _Matcher:
    """The original's words found, one after the other, in the document's streams."""

    def __init__(self, parts: list[Stream]) -> None:
        self.streams = parts
        self.current = next((i for i, s in enumerate(parts) if s.name == "the text"), 0)
        self.lost: list[Lost] = []

    @staticmethod
    def _owner(current: Stream, wheres: list[str], i: int) -> tuple[str, str]:
        """The part a lost word belongs near: the part of the word found before it when both
        stand on one line of the original (the last word of a paragraph, lost, belongs to that
        paragraph, not to the heading after it), else the part of the word the check looks for
        next."""
        owners = current.owners
        if not owners:
            return ("", "")
        at = min(current.at, len(owners))
        if at > 0 and i > 0 and wheres[i - 1] == wheres[i]:
            return owners[at - 1]
        return owners[min(at, len(owners) - 1)]

    def take(self, words: list[str], wheres: list[str]) -> None:
        """Find `words` (each on the line `wheres` names) in order; what is found nowhere is lost."""
        last = len(words) - 1
        for i, word in enumerate(words):
            current = self.streams[self.current]
            # The usual case, first and cheapest: the stream holds this word and the next.
            at = current.at
            held = current.words
            if at < len(held) and held[at].text == word:
                following = held[at + 1] if at + 1 < len(held) else None
                if i == last or following is None or following.text == words[i + 1] or following.part != held[at].part:
                    current.at = at + 1
                    continue
            ahead = words[i : i + _AGREE]
            if self._step(ahead, reach=0) or _take(current, ahead[:1], reach=0) or self._step(ahead, _REACH):
                continue
            self.lost.append(Lost(wheres[i], word, self._owner(current, wheres, i)))

    def _step(self, ahead: list[str], reach: int) -> bool:
        """Take the word from the stream whose next words agree best with the original's next
        words (the current stream first), within `reach` words of each stream's place."""
        found = _find(self.streams[self.current], ahead, reach)
        if found is not None and found[1] == len(ahead):
            self.streams[self.current].at = found[0]  # the usual case: the same stream goes on
            return True
        best: tuple[int, int, int] | None = None  # agreement, stream, position after the word
        if found is not None:
            best = (found[1], self.current, found[0])
        for index in range(len(self.streams)):
            if index == self.current:
                continue
            found = _find(self.streams[index], ahead, reach)
            if found is not None and (best is None or found[1] > best[0]):
                best = (found[1], index, found[0])
        if best is None:
            return False
        self.current = best[1]
        self.streams[best[1]].at = best[2]
        return True


def _take(stream: Stream, ahead: list[str], reach: int) -> bool:
    """Take the word `ahead[0]` from `stream` when it holds it next (agreement not asked)."""
    found = _find(stream, ahead, reach)
    if found is None:
        return False
    stream.at = found[0]
    return True


def _find(stream: Stream, ahead: list[str], reach: int) -> tuple[int, int] | None:
    """Where the stream holds `ahead[0]` next (the position after it) and how many words of
    `ahead` agree from there; None when it does not hold it within `reach` words that are not
    optional, or when fewer agree than the stream could hold."""
    passed = 0
    position = stream.at
    words = stream.words
    while position < len(words) and passed <= reach:
        after = _match_at(words, position, ahead[0])
        if after is not None:
            agree = _agreement(words, after, ahead[1:])
            # A label or marker may stand apart from its words (a PDF gives "From:", "To:"
            # first, then their values): it needs no agreement at its stream's place.
            apart = words[after - 1].label and position == stream.at
            if apart or agree >= min(len(ahead) - 1, _left(words, after, _AGREE)):
                return after, agree + 1
        if not words[position].optional:
            passed += 1
        position += 1
    return None


def _match_at(words: list[Word], position: int, word: str) -> int | None:
    """The position after `word` when the stream holds it at `position` (past optional words)."""
    while position < len(words):
        here = words[position]
        if here.text == word or (here.optional and here.text.casefold() == word.casefold()):
            return position + 1
        following = words[position + 1] if position + 1 < len(words) else None
        if following is not None and following.glued and here.text + following.text == word:
            return position + 2
        if not here.optional:
            return None
        position += 1
    return None


def _agreement(words: list[Word], position: int, ahead: list[str]) -> int:
    agree = 0
    for word in ahead:
        after = _match_at(words, position, word)
        if after is None:
            break
        agree += 1
        position = after
    return agree


def _left(words: list[Word], position: int, most: int) -> int:
    """How many words that are not optional the part of the word before `position` holds after
    it, up to `most` (a footnote of one word agrees with no word after it)."""
    left = 0
    part = words[position - 1].part
    for word in words[position : position + 4 * most]:
        if word.part != part:
            break
        left += not word.optional
        if left == most:
            break
    return left


# -- the original and its record --------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """The original's words, each with its line, less the recorded furniture."""

    words: list[str]
    wheres: list[str]


def read_words(original: Original, furniture: set[tuple[str, str]]) -> Reading:
    """The words of the original's lines, less the lines (place and text) of `furniture`; a
    word cut by a line-end hyphen is one word."""
    words: list[str] = []
    wheres: list[str] = []
    hyphen = False
    for line in _kept(original, furniture):
        text = line.text
        if original.kind == KIND_MARKDOWNISH:
            text = _MARKDOWN_SIGNS.sub("", text)
        found = tokens(text)
        if not found:
            continue
        label = line.where.label()
        if hyphen and text[:1].isalnum() and words:
            words[-1] += found[0]
            found = found[1:]
        words += found
        wheres += [label] * len(found)
        hyphen = len(text) > 1 and text[-1] in "-\u00ad" and text[-2].isalnum()
    return Reading(words, wheres)


def _kept(original: Original, furniture: set[tuple[str, str]]) -> Iterator[SourceLine]:
    for line in original.lines:
        if (line.where.label(), " ".join(line.text.split())) not in furniture:
            yield line


@dataclass
class Record:
    """What `import.yml` says: the input, the furniture removed, the lines left unplaced, the
    differences accepted."""

    input: str = ""
    removed: list[tuple[str, str, int]] = field(default_factory=list)
    """(where, text, line in import.yml) of each line taken out as furniture."""
    unplaced: dict[str, str] = field(default_factory=dict)
    """Where each line the import left unplaced stands -> why the import left it (its 'cause:')."""
    accepted: list[tuple[str, list[str], int]] = field(default_factory=list)
    """(where, words, line in import.yml) of each difference accepted with a reason."""
    doubtful: list[tuple[str, str, str, int]] = field(default_factory=list)
    """(where, text, cause, line in import.yml) of each line the import placed but doubted."""
    checked: set[tuple[str, str]] = field(default_factory=set)
    """(where, text) of each doubtful line a person has checked (`checked:`, with a reason)."""


_ACCEPTED = {
    "where": Field(str, required=True),
    "words": Field(str),
    "reason": Field(str, required=True),
}

_CHECKED = {
    "where": Field(str, required=True),
    "text": Field(str, required=True),
    "reason": Field(str, required=True),
}


def read_record(folder: Path, shown: str) -> Record:
    """`import.yml` of a document folder; an empty record when there is none."""
    path = folder / RECORD
    if not path.is_file():
        return Record()
    display = f"{shown}/{RECORD}"
    data = load_yaml(path.read_text(encoding="utf-8"), display)
    if not isinstance(data, dict):
        raise SourceError(display, 1, "expected the record of an import ('input:', 'removed:', ...); import again")
    record = Record(input=str(data.get("input") or ""))
    for entry, line in _entries(data, "removed"):
        if not isinstance(entry, dict) or not isinstance(entry.get("where"), str):
            raise SourceError(display, line, "an entry of 'removed' needs 'where' and 'text'; import again")
        record.removed.append((entry["where"], str(entry.get("text") or ""), line))
    for entry, _line in _entries(data, "unplaced"):
        if isinstance(entry, dict) and isinstance(entry.get("where"), str):
            record.unplaced[entry["where"]] = str(entry.get("cause") or "")
    for entry, line in _entries(data, "accepted"):
        checked = check_mapping(entry, _ACCEPTED, display, "an accepted difference", line)
        words = tokens(str(checked.get("words") or ""))
        if not words and _is_line(checked["where"]):
            raise SourceError(
                display, checked.line, "an accepted difference at a line needs 'words': the words of the line accepted"
            )
        record.accepted.append((checked["where"], words, checked.line))
    for entry, line in _entries(data, "doubtful"):
        if not isinstance(entry, dict) or not isinstance(entry.get("where"), str):
            raise SourceError(display, line, "an entry of 'doubtful' needs 'where' and 'text'; import again")
        record.doubtful.append((entry["where"], str(entry.get("text") or ""), str(entry.get("cause") or ""), line))
    for entry, line in _entries(data, "checked"):
        checked = check_mapping(entry, _CHECKED, display, "a checked doubtful line", line)
        record.checked.add((checked["where"], _spaced(checked["text"])))
    return record


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _is_line(where: str) -> bool:
    return bool(re.fullmatch(r"(?:page \d+, )?line \d+", where))


def _entries(data: dict[str, Any], key: str) -> Iterator[tuple[Any, int]]:
    value = data.get(key) or []
    if not isinstance(value, list):
        line = data.line_of(key) if isinstance(data, Located) else 1
        raise SourceError(RECORD, line, f"'{key}' must be a list")
    lines = value.item_lines if isinstance(value, LocatedList) else [0] * len(value)
    yield from zip(value, lines, strict=True)


# -- the check --------------------------------------------------------------------------------


def check_document(
    folder: Path, document: Document, urls: DocumentUrls, problems: Problems, step: Step | None = None
) -> None:
    """Add to `problems` every word of the folder's original that `document` lacks (see the
    module's docstring); nothing when the folder has no `original/`.

    Args:
        folder: the document's folder (`source/`, or `source/documents/<prefix>/`).
        document: the document read from its `document.md`.
        urls: where its pages are, to name the page where a lost word belongs.
        problems: where each problem goes, one per line of the original.
        step: how the finding is made (`SiteMaker.step`): under `mkdocs serve`, the last
            build's finding while the original, the record and the document are the same.
    """
    originals = sorted(p for p in (folder / ORIGINAL_DIR).glob("*") if p.is_file())
    if not originals:
        return
    inputs = tuple(p.read_bytes() for p in [*originals, folder / RECORD] if p.is_file())
    make = partial(_problems_of, folder, originals, document, urls)
    found = make() if step is None else step(("fidelity", document.path), (*inputs, document, urls), make)
    for problem in found:
        problems.add(problem)


def _problems_of(
    folder: Path, originals: list[Path], document: Document, urls: DocumentUrls
) -> tuple[SourceError, ...]:
    shown = str(Path(document.path).parent)
    problems = Problems()
    with problems.collect():
        record = read_record(folder, shown)
        if record.input:
            originals = [p for p in originals if p.name == record.input]
            if not originals:
                raise SourceError(
                    f"{shown}/{RECORD}",
                    1,
                    f"the input {record.input!r} is not in {ORIGINAL_DIR}/; put the imported file back there, "
                    "or import the text again",
                )
        for path in originals:
            with problems.collect():
                _check_one(path, f"{shown}/{ORIGINAL_DIR}/{path.name}", document, urls, record, problems)
        _check_fields(document, record, problems)
        _check_doubts(record, f"{shown}/{RECORD}", problems)
    return tuple(problems.errors)


def _check_doubts(record: Record, display: str, problems: Problems) -> None:
    """Each doubtful line not yet checked by a person is a problem, at its entry in import.yml."""
    for where, text, cause, line in record.doubtful:
        if (where, _spaced(text)) in record.checked:
            continue
        why = f" ({cause})" if cause else ""
        problems.add(
            SourceError(
                display,
                line,
                f"{where}: the import placed {_spaced(text)[:80]!r} but doubted its place{why}; check it in "
                f"document.md and correct it there, then add under 'checked:' in import.yml an entry with "
                f"'where: {where}', its 'text' and a 'reason'",
            )
        )


def _check_fields(document: Document, record: Record, problems: Problems) -> None:
    """A header field that took in text of the body is a fault, unless accepted (`where: title`)."""
    accepted = {where for where, _words, _line in record.accepted}
    for name, shown in _HEADER_TEXT:
        value = getattr(document.header, name)
        key = {"sender": "from", "recipient": "to"}.get(name, name)
        if value and swallowed(value) and key not in accepted:
            problems.add(
                SourceError(
                    document.path,
                    None,
                    f"the {shown} ('{key}') is {len(value)} characters long (over {MAX_FIELD}, or more than two "
                    f"sentences): it has taken in text of the body; move that text where it belongs, or accept it "
                    f"in import.yml ('accepted:', where: {key}, with a reason)",
                )
            )


def _check_one(
    path: Path, display: str, document: Document, urls: DocumentUrls, record: Record, problems: Problems
) -> None:
    try:
        original = _original(path.read_bytes(), path.name)
    except Unreadable as error:
        raise SourceError(display, None, f"{error}") from None
    record_path = display.rsplit("/", 2)[0] + "/" + RECORD
    furniture = _furniture(original, record, record_path, problems)
    reading = _reading(Same(original), frozenset(furniture))
    matcher = _Matcher(streams(document, urls))
    matcher.take(reading.words, reading.wheres)
    lost = _unaccepted(matcher.lost, record, record_path, problems)
    for where, group in _by_line(lost):
        problems.add(SourceError(display, _line_number(where), _lost_message(where, group, record)))


@recent
def _original(data: bytes, name: str) -> Original:
    """`read_original`, kept while serving (`remembered.recent`): the original is read again
    only when its bytes change. What is kept is shared: the check only reads it."""
    return read_original(data, name)


@recent
def _reading(original: Same[Original], furniture: frozenset[tuple[str, str]]) -> Reading:
    """`read_words`, kept while serving (`remembered.recent`) for the same original and furniture."""
    return read_words(original.value, set(furniture))


def _furniture(original: Original, record: Record, record_path: str, problems: Problems) -> set[tuple[str, str]]:
    """The recorded furniture lines (place, text) that the original holds there, each with a form
    of furniture; a recorded line that is not furniture is a problem, and its words are checked.
    (A form feed inside a line of a text makes two lines of one number: the text tells them apart.)"""
    at: dict[str, list[str]] = {}
    for source in original.lines:
        at.setdefault(source.where.label(), []).append(" ".join(source.text.split()))
    places: set[tuple[str, str]] = set()
    for where, text, line in record.removed:
        key = " ".join(text.split())
        if key not in at.get(where, []):
            found = " / ".join(at.get(where, [])) or None
            problems.add(
                SourceError(
                    record_path,
                    line,
                    f"'removed' lists {where} as {text!r}, but the original holds {found!r} there; "
                    "import the text again (or correct the entry)",
                )
            )
            continue
        if text.strip() and furniture_form(text) is None:
            problems.add(
                SourceError(
                    record_path,
                    line,
                    f"'removed' lists {where} ({text!r}) as page furniture, which it is not; remove the entry "
                    "and place the line in document.md, or accept the difference under 'accepted:' with a reason",
                )
            )
            continue
        places.add((where, key))
    return places


def _unaccepted(lost: list[Lost], record: Record, record_path: str, problems: Problems) -> list[Lost]:
    """The lost words less those an accepted difference names at their line; an accepted
    difference that matches nothing lost any more is a problem (the document changed)."""
    by_where: dict[str, list[str]] = {}
    for where, words, _line in record.accepted:
        by_where.setdefault(where, []).extend(words)
    used: set[tuple[str, str]] = set()
    kept: list[Lost] = []
    for item in lost:
        allowed = by_where.get(item.where)
        if allowed and item.word in allowed:
            allowed.remove(item.word)
            used.add((item.where, item.word))
            continue
        kept.append(item)
    for where, words, line in record.accepted:
        if _is_line(where) and not any((where, word) in used for word in words):
            problems.add(
                SourceError(
                    record_path,
                    line,
                    f"the accepted difference at {where} ({' '.join(words)!r}) is no difference: the document has "
                    "these words; remove the entry",
                )
            )
    return kept


def _by_line(lost: list[Lost]) -> Iterator[tuple[str, list[Lost]]]:
    group: list[Lost] = []
    for item in lost:
        if group and group[-1].where != item.where:
            yield group[0].where, group
            group = []
        group.append(item)
    if group:
        yield group[0].where, group


def _line_number(where: str) -> int | None:
    """The line number for an error line: a text's line; None for a PDF (its page and line are said)."""
    match = re.fullmatch(r"line (\d+)", where)
    return int(match.group(1)) if match else None


def _lost_message(where: str, group: list[Lost], record: Record) -> str:
    words = " ".join(item.word for item in group)
    part, page = group[0].owner
    place = f"{part} (/{page})" if part else "the text"
    at = "" if where.startswith("line ") else f"{where}: "
    if where in record.unplaced:
        cause = record.unplaced[where]
        return (
            f"{at}'{words}' stands on a line the import left unplaced{f' ({cause})' if cause else ''}; put it where "
            f"it belongs in document.md (near {place}), or accept the difference in import.yml ('accepted:', with a "
            "reason)"
        )
    return (
        f"{at}'{words}' of the original is not in document.md (it belongs near {place}); put it back, "
        "or accept the difference in import.yml ('accepted:', with a reason)"
    )


def check_site(source_dir: Path, collection: Collection, step: Step | None = None) -> None:
    """Check every document of the site that has an original; raises `SourceErrors` with every
    word lost, in every document, at once."""
    problems = Problems()
    for edition in collection.editions:
        prefix = edition.urls.prefix.rstrip("/")
        folder = source_dir / DOCUMENTS / prefix if collection.is_collection else source_dir
        check_document(folder, edition.document, edition.urls, problems, step)
        for version in collection.versions_of(edition):
            code = version.urls.prefix.removesuffix("/").rpartition("/")[2]
            check_document(folder / LANGUAGES / code, version.document, version.urls, problems, step)
    problems.raise_any()
