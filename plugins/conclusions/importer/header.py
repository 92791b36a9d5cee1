"""The header: the fields of a Council document's cover page, line by line.

Each line gets one kind (`_KINDS`, tried in order: the first whose test holds), and the handler
of that kind puts it into a field, ends the header, or lists it as unplaced:

- the register's fields as it prints them: the institution (one line or two), place and date,
  "(OR. en)", the number ("9876/24", "9876/24 REV 1", "EUCO 25/24"), subject codes, the status
  ("NOTE"), "Label: value" lines in any language of `conclusions/words/` (a value may wrap; a PDF
  may give the labels first and the values after them), and the cover sentence ("Delegations
  will find attached ...");
- the Official Journal's: the act's number ("C/2024/1234") and date ("14.6.2024");
- the header ends where the text begins: the annex, a title, the preamble, a numbered paragraph
  or heading, or (after the labels) a line no field takes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.limits import MAX_NUMBER_DIGITS
from ..reader.furniture import forms, is_annex
from .model import SourceLine
from .words import Words, label_key, words

_LANGUAGE_NOTE = re.compile(r"^\(OR\.\s*[a-z]{2}(?:\s*,\s*[a-z]{2})*\)$")
_ACT = re.compile(r"^(?P<act>C/\d{4}/\d{1,6})(?:\s+(?P<date>\d{1,2}\.\d{1,2}\.\d{4}))?$")
_OJ_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")
_CODE = r"[A-Z][A-Z0-9-]*(?:/[A-Z][A-Z0-9-]*)*(?:\s[A-Z][A-Z0-9-]*)*\s+\d{1,5}(?:\s+REV\s+\d{1,2})?"
_CODES = re.compile(rf"^(?:{_CODE})(?:\s+{_CODE})*$")
_LABEL = re.compile(r"^(?P<label>(?:№|[^\W\d_])[\w.°º№ ]{0,30}?)\s*:\s*(?P<text>.*)$")
_LABEL_WORDS = 4
"""At most how many words a line's opening "Label:" has, for the line to be read as a label."""
_WIDER = 8
"""How many characters wider than a field's lines a line of the text is (the column of values)."""
PARAGRAPH = re.compile(rf"^(?P<number>\d{{1,{MAX_NUMBER_DIGITS}}})\.\s+(?P<text>\S.*)$")
# "I. INTRODUCTION", "II. Recommendations": a Roman numeral and a title of a few words.
ROMAN_HEADING = re.compile(r"^(?P<label>[IVXL]{1,6})\.\s+(?P<title>[^\W\d_][^.;]{0,150})$")


def place_date(text: str) -> re.Match[str] | None:
    """ "Brussels, 13 November 2023 (OR. en)": place, day, month, year, the language note."""
    known = words()
    pattern = _place_date_pattern(tuple(known.date_words), known.date_connectors, known.year_words)
    return pattern.match(text)


_PATTERNS: dict[tuple[tuple[str, ...], ...], re.Pattern[str]] = {}


def _place_date_pattern(
    date_words: tuple[str, ...], connectors: tuple[str, ...] = (), after_year: tuple[str, ...] = ()
) -> re.Pattern[str]:
    key = (date_words, connectors, after_year)
    if key not in _PATTERNS:
        prefix = "|".join(re.escape(w) for w in date_words) or "(?!)"
        between = r"(?:\s+(?:" + "|".join(re.escape(w) for w in connectors) + "))?" if connectors else ""
        # "Bruksela, 25 czerwca 2024 r.": a word after the year belongs to the date.
        tail = r"(?:\s+(?:" + "|".join(re.escape(w) for w in after_year) + "))?" if after_year else ""
        _PATTERNS[key] = re.compile(
            r"^(?P<place_date>(?P<place>[^\W\d_][^,\d]*?),\s+(?:(?:" + prefix + r")\s+)?"
            r"(?P<day>\d{1,2})\.?(?:er)?"
            + between
            + r"\s+(?P<month>[^\W\d_]+)\.?"
            + between
            + r"\s+(?P<year>\d{4})"
            + tail
            + r")(?:\s+(?P<note>\(OR\.[^)]*\)))?$"
        )
    return _PATTERNS[key]


def number_line(text: str) -> re.Match[str] | None:
    """A document number as the register prints it: "9876/24", "9876/24 REV 1", "EUCO 25/24",
    "7592/4/22" (its fourth revision, "REV 4" on the next line), "2021/0293(COD) PE-CONS 50/22"
    (a legislative act's, after the procedure's number)."""
    parts = forms().parts
    return re.match(
        r"^(?:(?P<file>\d{4}/\d{4}\s?\(COD\))\s+)?(?:(?P<series>" + parts["series"] + r")\s+)?"
        r"(?P<number>\d{1,6})(?P<revision>/\d{1,2})?/(?P<year>\d{2})(?P<suffix>(?:\s+(?:REV|COR|ADD)\s*\d+)*)$",
        text,
    )


_SUFFIX = re.compile(r"^(?:REV|COR|ADD)\s*\d+$")


def is_caps(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and not any(ch.islower() for ch in text)


def first_letter_upper(text: str) -> bool:
    return next((ch.isupper() for ch in text if ch.isalpha()), False)


def starts_text(text: str, w: Words) -> bool:
    """Whether a line opens the text after the header: the annex, a title, the preamble, a
    numbered paragraph or a numbered heading."""
    if is_annex(text) or w.titles.match(text) or w.preamble.match(text):
        return True
    paragraph = PARAGRAPH.match(text)
    return bool(paragraph and first_letter_upper(paragraph.group("text"))) or bool(ROMAN_HEADING.match(text))


@dataclass
class State:
    """The header while it is read."""

    wrapped: bool
    ended: Callable[[str, str], bool]
    """Whether a wrapped line ended its block before the next (see structure._Reading.ended)."""
    join: Callable[[str, str], str]
    wide: Callable[[str], bool]
    """Whether a line is about as wide as the text's lines (wider than a column of values)."""
    breaks: frozenset[int] = frozenset()
    """Indexes of the lines that start a page: the cover page's fields end with it."""
    header: dict[str, object] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)
    unplaced: list[SourceLine] = field(default_factory=list)
    causes: dict[str, str] = field(default_factory=dict)
    number_suffix: str = ""
    series: str = ""
    label_languages: list[str] = field(default_factory=list)
    labels_seen: bool = False
    current: str | None = None
    """The field a wrapped line continues ("?" for a label without a field)."""
    pending: list[str] = field(default_factory=list)
    """Fields whose labels came without values: the next lines are their values, in order."""
    label_column: int = 0
    """How wide the labels that came without values are: their values, given on lines of their
    own, stood after them on the cover page, and ran to the margin that much sooner."""
    field_lines: list[int] = field(default_factory=list)
    """The lengths of the lines that continued the current field."""
    purpose: bool = False
    """The current field has reached its dash line ("– General approach")."""
    previous: str = ""


def _label_field(label: str) -> str | None:
    """The field of a header label, "?" for another register label, else None (text with a colon)."""
    key = label_key(label)
    known = words().labels.get(key)
    if known:
        return known
    plain = " ".join(label.lower().split())
    return "?" if words().other_labels.match(key) or words().other_labels.match(plain) else None


def _unknown_label(text: str, s: State) -> bool:
    """A line shaped "Label: value" (a short label in capitals at the line's start) that no
    header label of `conclusions/words/` is, where it would be joined to the field above: a
    label of a form or language the importer does not know, never part of that field's value."""
    match = _LABEL.match(text)
    if match is None or not s.labels_seen or s.current in (None, "?", "cover_note"):
        return False
    if s.previous[-1:].isalpha() and s.wide(" " * s.label_column + s.previous):
        # The field's line above ran to the margin mid-phrase ("... of the European Court of"):
        # this line goes on with it, however it opens ("Auditors: 'Rural broadband ...'").
        return False
    label = match.group("label")
    return first_letter_upper(label) and len(label.split()) <= _LABEL_WORDS


# -- the kinds of header lines: (name, test) in the order they are tried -----------------------


def _is_body_start(text: str, s: State) -> bool:
    if s.current == "cover_note":
        return False
    if s.pending and words().titles.match(text):
        # Labels first, values after them (as a PDF's text layer may give the cover page): the
        # subject's value reads like the title ("Council conclusions on ..."), and is the value.
        return False
    if starts_text(text, words()):
        return True
    current = s.current if s.labels_seen else None
    if current is None or current == "?" or _LABEL.match(text):
        return False
    if s.pending and s.previous[-1:] not in {".", ";", ":"}:
        # Values after their labels, one a line (a text that gives a line per paragraph ends
        # every line): the next value, until a line ended as a sentence does.
        return False
    # A wrapped field ends where a short line stopped; and where a line is wider than the
    # field's column (a PDF's labelled values stand in a column narrower than the text), or,
    # after the dash that gives the document's purpose ("– General approach"), where a line
    # ended its phrase ("(ENVI)").
    wider = bool(s.field_lines) and not s.pending and s.wide(text) and len(text) > max(s.field_lines) + _WIDER
    after_purpose = s.purpose and s.previous[-1:] in {")", "."}
    return s.ended(s.previous, text) or wider or after_purpose


def _is_label(text: str, s: State) -> bool:
    match = _LABEL.match(text)
    return match is not None and _label_field(match.group("label")) is not None


def _before_fields(s: State) -> bool:
    """No labelled field read yet (a value wrapped onto the next line may look like a code)."""
    return not any(f in s.header for f in ("from", "to", "subject", "previous_document")) and not s.pending


def _is_codes(text: str, s: State) -> bool:
    return "number" in s.header and _before_fields(s) and bool(_CODES.match(text))


def _is_status(text: str, s: State) -> bool:
    """A status of `conclusions/words/` ("NOTE", "OUTCOME OF PROCEEDINGS") after the institution
    or the number (a PDF may give it before the number), before the labelled fields."""
    started = "number" in s.header or "institution" in s.header
    known = " ".join(text.upper().replace("’", "'").split()) in words().statuses
    return started and "status" not in s.header and _before_fields(s) and known


_KINDS: list[tuple[str, Callable[[str, State], bool]]] = [
    ("cover more", lambda t, s: s.current == "cover_note"),
    ("cover", lambda t, s: bool(words().cover.match(t))),
    ("end", _is_body_start),
    ("place date", lambda t, s: "place_date" not in s.header and place_date(t) is not None),
    ("language note", lambda t, s: "language_note" not in s.header and bool(_LANGUAGE_NOTE.match(t))),
    ("number", lambda t, s: "number" not in s.header and number_line(t) is not None),
    ("number suffix", lambda t, s: s.current == "number" and bool(_SUFFIX.match(t))),
    ("act", lambda t, s: "number" not in s.header and bool(_ACT.match(t))),
    ("act date", lambda t, s: "place_date" not in s.header and bool(_OJ_DATE.match(t))),
    ("codes", _is_codes),
    ("label", _is_label),
    ("institution more", lambda t, s: s.current == "institution" and "place_date" not in s.header),
    ("status", _is_status),
    ("institution", lambda t, s: not s.header and not s.codes),
    ("unplaced more", lambda t, s: s.current == "?" and not s.pending),
    ("unknown label", _unknown_label),
    ("value", lambda t, s: bool(s.pending)),
    ("field more", lambda t, s: bool(s.current) and s.current != "number"),
    ("end after labels", lambda t, s: s.labels_seen),
    ("unplaced", lambda t, s: True),
]


_ENDS = frozenset({"end", "end after labels"})
"""The kinds of line that open the text: the header ends before them."""


def kind_of(text: str, s: State) -> str:
    """The kind of a non-blank header line."""
    return next(name for name, test in _KINDS if test(text, s))


# -- handlers --------------------------------------------------------------------------------


def _cover(line: SourceLine, s: State) -> None:
    s.header["cover_note"] = line.text
    s.current = "cover_note"


def _cover_more(line: SourceLine, s: State) -> None:
    s.header["cover_note"] = s.join(str(s.header["cover_note"]), line.text)


def _place_date(line: SourceLine, s: State) -> None:
    match = place_date(line.text)
    assert match is not None
    s.header["place_date"] = match.group("place_date")
    if match.group("note"):
        s.header["language_note"] = match.group("note")
    s.current = None


def _language_note(line: SourceLine, s: State) -> None:
    s.header["language_note"] = line.text
    s.current = None


def _number(line: SourceLine, s: State) -> None:
    match = number_line(line.text)
    assert match is not None
    s.series = match.group("series") or ""
    printed = f"{match['number']}{match['revision'] or ''}/{match['year']}"
    s.header["number"] = f"{s.series} {printed}{match['suffix']}".strip()
    s.number_suffix = " ".join(match.group("suffix").split())
    if match.group("file"):
        s.header["interinstitutional_file"] = match.group("file")
    s.current = "number"  # "REV 4" may follow on its own line


def _number_suffix(line: SourceLine, s: State) -> None:
    s.header["number"] = f"{s.header['number']} {line.text}"
    s.number_suffix = " ".join(line.text.split())
    s.current = None


def _act(line: SourceLine, s: State) -> None:
    match = _ACT.match(line.text)
    assert match is not None
    s.header["number"] = match.group("act")
    s.series = "act"
    if match.group("date") and "place_date" not in s.header:
        s.header["place_date"] = match.group("date")
    s.current = None


def _act_date(line: SourceLine, s: State) -> None:
    s.header["place_date"] = line.text
    s.current = None


def _codes(line: SourceLine, s: State) -> None:
    s.codes.extend(" ".join(code.split()) for code in re.findall(_CODE, line.text))
    s.current = None


def _label(line: SourceLine, s: State) -> None:
    match = _LABEL.match(line.text)
    assert match is not None
    s.labels_seen = True
    name = _label_field(match.group("label"))
    key = label_key(match.group("label"))
    s.label_languages.extend(words().label_language.get(key, ()))
    value = match.group("text").strip()
    if name == "?":
        s.unplaced.append(line)
        s.causes[line.where.label()] = "a header label the front matter has no field for"
        s.current = "?"
    elif not value:
        s.pending.append(str(name))  # the value comes on a later line
        s.label_column = max(s.label_column, len(line.text) + 1)
        s.current = None
    else:
        s.header[str(name)] = value
        s.current = name
    s.field_lines, s.purpose = [], False


def _status(line: SourceLine, s: State) -> None:
    s.header["status"] = line.text
    s.current = None


def _institution(line: SourceLine, s: State) -> None:
    s.header["institution"] = line.text
    s.current = "institution"


def _more(line: SourceLine, s: State) -> None:
    assert s.current is not None
    s.header[s.current] = s.join(str(s.header[s.current]), line.text)
    s.field_lines.append(len(line.text))
    s.purpose = s.purpose or line.text[:1] in "-–‒—"


def _value(line: SourceLine, s: State) -> None:
    name = s.pending.pop(0)
    s.header[name] = line.text
    s.current = name
    s.field_lines, s.purpose = [], False


def _unknown(line: SourceLine, s: State) -> None:
    s.unplaced.append(line)
    s.causes[line.where.label()] = (
        "a header label the importer does not know: put its value in the front matter "
        "(or leave it out), then accept the line in import.yml"
    )
    s.current = "?"  # its value may wrap onto the next lines
    s.field_lines, s.purpose = [], False


def _unplaced(line: SourceLine, s: State) -> None:
    s.unplaced.append(line)
    s.causes[line.where.label()] = (
        "the value of the label above" if s.current == "?" else "a header line no field takes"
    )


HANDLERS: dict[str, Callable[[SourceLine, State], None]] = {
    "cover more": _cover_more,
    "cover": _cover,
    "place date": _place_date,
    "language note": _language_note,
    "number": _number,
    "number suffix": _number_suffix,
    "act": _act,
    "act date": _act_date,
    "codes": _codes,
    "label": _label,
    "status": _status,
    "institution": _institution,
    "institution more": _more,
    "unplaced more": _unplaced,
    "unknown label": _unknown,
    "value": _value,
    "field more": _more,
    "unplaced": _unplaced,
}


def read_header(lines: list[SourceLine], s: State) -> int:
    """Read the header fields into `s`; the index of the first line after them."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if i in s.breaks and s.header:
            s.current = None  # a field of the cover page does not run on to the next page
        if not line.text:
            if s.current == "cover_note":
                break
            s.current = None
            i += 1
            continue
        kind = kind_of(line.text, s)
        if kind in _ENDS:
            break
        HANDLERS[kind](line, s)
        s.previous = line.text
        i += 1
        if s.current == "cover_note" and (str(s.header["cover_note"]).endswith(".") or not s.wrapped):
            break
    if s.codes:
        s.header["subject_codes"] = s.codes
    for name in [*s.pending, "subject"]:
        if name in s.header and not s.header[name]:
            del s.header[name]
    return i
