"""A PDF's text layer as pages of lines, with footnote markers kept as superscript digits.

Why pypdfium2: it binds PDFium, the engine of Chromium's PDF viewer. It is fast on long
texts, maintained, and ships wheels that carry PDFium itself, so `pip install` needs no
system library or compiler (pdfminer.six is slower, pypdf is pure Python and weaker on
unusual encodings). It also gives each character's font size and origin, which is what
tells a footnote marker from the text around it.

Why characters and not `get_text_range()`: PDFium's own lines put a raised footnote
marker on a line of its own or after a space ("2021 3"), and fold a line-end hyphen into
the next line. Council PDFs (made by Word) draw a marker as a smaller digit above the
baseline; here such a digit becomes a Unicode superscript digit glued to the word before
it ("2021³"), which `lines.py` then reads as footnote 3 or as a superscript ("km²").
A line-end hyphen stays a "-" at the end of its line, for `lines.py` to decide.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from .lines import Unreadable

_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# PDFium reports a hyphen it takes for a line-end hyphenation as U+0002 or U+FFFE.
_PDFIUM_HYPHENS = {"\x02", "\ufffe"}
# A smaller glyph counts as raised (a superscript) when it is at most this share of the
# line's text size and its baseline is above the line's by at least this share of it.
_SMALLER = 0.85
_RAISED = 0.15
# Glyphs whose baselines differ by less than this share of the text size are on one line.
_SAME_LINE = 0.35
_NOMINAL_SIZE = 10.0
# What a glyph whose text map gives half a UTF-16 pair becomes: visible, for the reader to correct.
_BROKEN = "\ufffd"


@dataclass
class _Char:
    text: str
    size: float
    y: float
    space_before: bool
    x: float = 0.0


def read_pdf(data: bytes) -> list[list[tuple[str, float]]]:
    """The text lines of each page, in the order PDFium reads them, each with the left edge of
    its first glyph (where an indented line starts tells a point's next line from the words
    that close its paragraph)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_raw.FPDF_ERR_PASSWORD:
            raise Unreadable(
                "the PDF is protected by a password: open it, save a copy without the protection (or its text), "
                "and import that"
            ) from None
        raise Unreadable(f"the PDF cannot be read ({error}): check that the file is a complete PDF") from None
    pages: list[list[tuple[str, float]]] = []
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                pages.append(_page_lines(textpage))
            finally:
                textpage.close()
                page.close()
    finally:
        document.close()
    if not any(text for page in pages for text, _ in page):
        raise Unreadable("the PDF has no text layer (a scan?): run OCR on it first, or import its text")
    return pages


def _chars(textpage: pdfium.PdfTextPage) -> list[_Char]:
    """The page's glyphs with size and baseline; PDFium's generated spaces become a flag."""
    raw = textpage.raw
    x = ctypes.c_double()
    y = ctypes.c_double()
    # PDFium's functions and the pointers they fill, looked up once: they are called for every
    # glyph of every page, the largest part of reading a PDF.
    unicode_at, generated, origin, font_size = (
        pdfium_raw.FPDFText_GetUnicode,
        pdfium_raw.FPDFText_IsGenerated,
        pdfium_raw.FPDFText_GetCharOrigin,
        pdfium_raw.FPDFText_GetFontSize,
    )
    x_at, y_at = ctypes.byref(x), ctypes.byref(y)
    chars: list[_Char] = []
    pending_space = False
    high_surrogate = 0
    for index in range(textpage.count_chars()):
        code = unicode_at(raw, index)
        if high_surrogate and not 0xDC00 <= code < 0xE000:
            # A pair's first half with no second: the font's text map is broken at that glyph.
            chars.append(_Char(_BROKEN, _NOMINAL_SIZE, y.value, pending_space))
            high_surrogate, pending_space = 0, False
        if 0xD800 <= code < 0xDC00:
            high_surrogate = code  # PDFium counts UTF-16 units: the pair's low half follows
            continue
        if 0xDC00 <= code < 0xE000:
            # A lone second half is no character at all, and could not be written as UTF-8.
            code = 0x10000 + ((high_surrogate - 0xD800) << 10) + (code - 0xDC00) if high_surrogate else ord(_BROKEN)
        high_surrogate = 0
        text = chr(code)
        if generated(raw, index):
            # PDFium adds a space between words drawn apart and "\r\n" between its lines;
            # lines are rebuilt below from the baselines, so only the space matters.
            pending_space = pending_space or text == " "
            continue
        if text in "\r\n":
            continue
        origin(raw, index, x_at, y_at)
        # Some fonts (Type 3) report no size; a nominal one keeps the line rules working.
        size = font_size(raw, index) or _NOMINAL_SIZE
        chars.append(_Char(text, size, y.value, pending_space, x.value))
        pending_space = False
    return chars


def _page_lines(textpage: pdfium.PdfTextPage) -> list[tuple[str, float]]:
    return [(_line_text(line), min(char.x for char in line)) for line in _rows(_stream_lines(textpage))]


def _stream_lines(textpage: pdfium.PdfTextPage) -> list[list[_Char]]:
    """The page's glyphs in the order the PDF draws them, cut into lines where the baseline moves."""
    lines: list[list[_Char]] = []
    base = size = 0.0
    for char in _chars(textpage):
        if lines and _continues(char, base, size):
            if size < _SMALLER * char.size and base > char.y:
                # The line so far was raised and small (a footnote number opening a
                # footnote's text): this glyph gives the line its real baseline.
                base, size = char.y, char.size
            lines[-1].append(char)
            continue
        lines.append([char])
        base, size = char.y, char.size
    return lines


def _rows(lines: list[list[_Char]]) -> list[list[_Char]]:
    """The lines in the order they stand on the page, top to bottom; pieces of one row (a label
    and its value drawn apart) joined left to right.

    A PDF may draw its parts in any order: the register's cover page is drawn after the first
    page's text in some PDFs, and page heads and feet before it. The text runs top to bottom,
    so lines are sorted by their baseline (a stable sort: lines the PDF draws in reading order
    keep it)."""
    placed = sorted(((_baseline(line), line) for line in lines), key=lambda pair: -pair[0])
    rows: list[tuple[float, float, list[list[_Char]]]] = []  # baseline, text size, pieces
    for base, line in placed:
        size = max(char.size for char in line)
        if rows and abs(rows[-1][0] - base) <= _SAME_LINE * max(size, rows[-1][1]):
            rows[-1][2].append(line)
            continue
        rows.append((base, size, [line]))
    return [_joined(pieces) for _, _, pieces in rows]


def _baseline(line: list[_Char]) -> float:
    size = max(char.size for char in line)
    return min((char.y for char in line if char.size >= _SMALLER * size), default=line[0].y)


def _joined(pieces: list[list[_Char]]) -> list[_Char]:
    """Pieces of one row, left to right, a space between two pieces drawn apart."""
    if len(pieces) == 1:
        return pieces[0]
    ordered = sorted(pieces, key=lambda piece: min(char.x for char in piece))
    row = list(ordered[0])
    for piece in ordered[1:]:
        first = piece[0]
        row.append(_Char(first.text, first.size, first.y, True, first.x))
        row.extend(piece[1:])
    return row


def _continues(char: _Char, base: float, size: float) -> bool:
    """Whether a glyph belongs to the line with this baseline and text size."""
    if abs(char.y - base) <= _SAME_LINE * max(size, char.size):
        return True
    if char.size < _SMALLER * size and 0 < char.y - base < size:
        return True  # a raised marker
    return size < _SMALLER * char.size and 0 < base - char.y < char.size


def _line_text(chars: list[_Char]) -> str:
    size = max(char.size for char in chars)
    base = min((char.y for char in chars if char.size >= _SMALLER * size), default=chars[0].y)
    parts: list[str] = []
    for i, char in enumerate(chars):
        raised = char.size < _SMALLER * size and char.y - base > _RAISED * size
        text = char.text
        if text in _PDFIUM_HYPHENS:
            text = "-"
        if raised and text.isdigit():
            # A marker is glued to what it marks: drop the gap PDFium saw before it.
            parts.append(text.translate(_SUPERSCRIPT_DIGITS))
            continue
        if char.space_before and i and not text.isspace() and not parts[-1].endswith(" "):
            parts.append(" ")
        parts.append(text)
    return " ".join("".join(parts).split())
