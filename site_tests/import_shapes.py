"""Other shapes of the seed text, made for the importer's tests.

`plain_shape` turns the Markdown-like seed (source/original/ST-14512-2023-INIT-en.txt)
into lines as a register PDF's text layer gives them: wrapped at about 90 characters, a
few words hyphenated at line ends (real compounds and split words), page furniture at the
bottom of every page, footnote texts at the bottom of the page that cites them, footnote
markers glued to the word or year before them. `pdf_shape` draws the same lines as a
Council-like PDF (markers raised and smaller, footnotes and furniture in a smaller font).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fpdf2 is imported where a PDF is drawn
    from fpdf import FPDF
    from fpdf.fonts import TTFFont

import copy
import datetime
import functools
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from conclusions.importer.points import readable

from site_tests.support.imported import own_language_register_texts

WIDTH = 90
PAGE_LINES = 40
NUMBER = "14512/23"
FURNITURE = ("{number} FB/ab {page}", "RELEX.5", "EN")
# Markers travel through wrapping as one unbreakable piece of the word they follow.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass
class Line:
    text: str
    """With markers as _OPEN N _CLOSE."""
    kind: str
    """"body", "footnote" or "furniture"."""

    def plain(self) -> str:
        return _MARKER.sub(r"\1", self.text)


@dataclass
class Shape:
    lines: list[Line] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    compounds: list[str] = field(default_factory=list)
    """Real compounds cut at their own hyphen at a line end ("cyber-" / "attack")."""
    splits: list[str] = field(default_factory=list)
    """Words cut in two at a line end with an added hyphen ("inter-" / "connected")."""
    pages: int = 0

    def text(self) -> str:
        return "\n".join(line.plain() for line in self.lines) + "\n"


def _units(seed: str) -> tuple[list[str], dict[str, str]]:
    """The seed's lines without markup, markers as placeholders; and the footnote texts."""
    footnotes: dict[str, str] = {}
    raw_units: list[str] = []
    for line in seed.split("\n"):
        line = re.sub(r"^#{1,6}\s+", "", line.strip()).replace("**", "").strip()
        if not line or re.fullmatch(r"-{3,}", line):
            continue
        note = re.fullmatch(r"<sup>(\d+)</sup>\s*(.*)", line)
        if note:
            footnotes[note.group(1)] = note.group(2)
        else:
            # Register PDFs draw recital dashes as en dashes.
            raw_units.append(re.sub(r"^- ", "– ", line))
    used: set[str] = set()

    def marker(match: re.Match[str]) -> str:
        number = match.group(1)
        if number in footnotes and number not in used:
            used.add(number)
            return f"{_OPEN}{number}{_CLOSE}"
        return number.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))

    return [re.sub(r"<sup>(\d+)</sup>", marker, unit) for unit in raw_units], footnotes


class _Wrapper:
    """Greedy wrapping that hyphenates a few words at line ends, both ways."""

    def __init__(self, vocabulary: Counter[str], shape: Shape, budget: int = 4) -> None:
        self.vocabulary = vocabulary
        self.shape = shape
        self.budget = budget

    def _cut(self, word: str, room: int) -> tuple[str, str] | None:
        if _OPEN in word or not room:
            return None
        core = _WORD.match(word)
        if not core or core.end() < len(word) - 2:
            return None
        letters = core.group()
        if "-" in letters and len(self.shape.compounds) < self.budget:
            # A real compound, cut at its own hyphen; only when the word without that
            # hyphen does not occur in the text (else the cut is undecidable).
            for i in range(len(letters) - 1, 0, -1):
                if letters[i] == "-" and i + 1 <= room:
                    joined = (letters[:i] + letters[i + 1 :]).lower()
                    if not self.vocabulary[joined]:
                        self.shape.compounds.append(letters)
                        return word[: i + 1], word[i + 1 :]
            return None
        # A word cut in two; only long words the text also has whole, elsewhere.
        splittable = "-" not in letters and len(letters) >= 9 and self.vocabulary[letters.lower()] >= 2
        cut = min(room - 1, len(letters) - 4)
        if splittable and cut >= 4 and len(self.shape.splits) < self.budget:
            self.shape.splits.append(letters)
            return word[:cut] + "-", word[cut:]
        return None

    def wrap(self, text: str) -> list[str]:
        lines: list[str] = []
        current = ""
        for word in text.split(" "):
            if not current:
                current = word
            elif len(current) + 1 + len(word) <= WIDTH:
                current += " " + word
            else:
                cut = self._cut(word, WIDTH - len(current) - 1)
                if cut:
                    lines.append(current + " " + cut[0])
                    current = cut[1]
                else:
                    lines.append(current)
                    current = word
        lines.append(current)
        return lines


def plain_shape(seed: str) -> Shape:
    units, footnotes = _units(seed)
    plain_text = " ".join(_MARKER.sub("", unit) for unit in units)
    vocabulary = Counter(word.lower() for word in _WORD.findall(plain_text))
    shape = Shape()
    wrapper = _Wrapper(vocabulary, shape)
    body: list[str] = []
    for unit in units:
        body += wrapper.wrap(unit)
    quiet = _Wrapper(vocabulary, Shape(), budget=0)  # footnote texts: no hyphenation
    for page, start in enumerate(range(0, len(body), PAGE_LINES), start=1):
        lines = body[start : start + PAGE_LINES]
        shape.lines += [Line(text, "body") for text in lines]
        for number in (n for text in lines for n in _MARKER.findall(text)):
            wrapped = quiet.wrap(f"{_OPEN}{number}{_CLOSE} {footnotes[number]}")
            shape.lines += [Line(text, "footnote") for text in wrapped]
        for pattern in FURNITURE:
            text = pattern.format(number=NUMBER, page=page)
            shape.lines.append(Line(text, "furniture"))
            shape.furniture.append(text)
        shape.pages = page
    return shape


def font_path(name: str) -> Path:
    """A DejaVu font of Debian's fonts-dejavu-core: it has "–", "’", "²" and accents."""
    path = FONT_DIR / name
    assert path.is_file(), f"{path} is missing: install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core)"
    return path


@functools.cache
def _dejavu() -> tuple[TTFFont, bytes]:
    """DejaVu Sans as fpdf2's `add_font` reads it into a first font, and the file's bytes."""
    from fpdf import FPDF
    from fpdf.fonts import TTFFont

    path = font_path("DejaVuSans.ttf")
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(path))
    (font,) = pdf.fonts.values()
    assert isinstance(font, TTFFont)
    return font, path.read_bytes()


def _add_dejavu(pdf: FPDF) -> None:
    """`pdf.add_font("DejaVu", "", <DejaVuSans.ttf>)` as the first font of `pdf`, from the font
    read once per process: fpdf2 reads the whole font anew for each document (its glyphs, widths
    and names), a large part of drawing one. What one document changes is its own: the
    glyphs it uses (`subset`, the missing ones, the largest size) and the font tables, which
    fpdf2 cuts down in place to the glyphs used when it writes the PDF: those tables are read
    again from the file's bytes, lazily, as `add_font` reads them. The PDFs are the same bytes
    as with `add_font`."""
    from fontTools import ttLib  # type: ignore[import-untyped]  # fpdf2 depends on it; no types
    from fpdf.fonts import SubsetMap

    assert not pdf.fonts, "DejaVu is the first font of a document"
    template, data = _dejavu()
    font = copy.copy(template)
    font.ttfont = ttLib.TTFont(io.BytesIO(data), recalcTimestamp=False, fontNumber=0, lazy=True)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.subset = SubsetMap(font)
    pdf.fonts[font.fontkey] = font


def pdf_shape(shape: Shape) -> bytes:
    """The lines drawn as a Council-like A4 PDF, page by page as the shape cut them."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    _add_dejavu(pdf)
    pdf.set_creation_date(datetime.datetime(2023, 11, 13, tzinfo=datetime.UTC))  # same bytes every time
    left, body_size, small = 56.0, 9.0, 7.5
    pages: list[list[Line]] = [[]]
    for line in shape.lines:
        pages[-1].append(line)
        if line.kind == "furniture" and line.text == FURNITURE[-1]:
            pages.append([])
    for lines in (page for page in pages if page):
        pdf.add_page()
        y = 60.0
        for line in lines:
            size = body_size if line.kind == "body" else small
            if line.kind == "footnote" and y < 640:
                y = 640.0  # footnotes at the page's bottom, under the body
            if line.kind == "furniture" and y < 780:
                y = 780.0
            _draw(pdf, line, left, y, size)
            y += size * 1.45
    return bytes(pdf.output())


def _draw(pdf: FPDF, line: Line, x: float, y: float, size: float) -> None:
    """One line; markers smaller and raised, as Word draws them."""
    if line.kind == "furniture" and line.text.startswith(NUMBER):
        # "14512/23 FB/ab 3" is drawn in three places across the page, as in the register.
        number, initials, page = line.text.split()
        pdf.set_font("DejaVu", size=size)
        pdf.text(x, y, number)
        pdf.text(x + 230, y, initials)
        pdf.text(x + 470, y, page)
        return
    pdf.set_xy(x, y - size)
    for k, piece in enumerate(_MARKER.split(line.text)):
        if not piece:
            continue
        if k % 2:
            pdf.set_font("DejaVu", size=size * 0.7)
            pdf.set_xy(pdf.get_x(), y - size - size * 0.35)
            pdf.cell(text=piece, h=size)
            pdf.set_xy(pdf.get_x(), y - size)
        else:
            pdf.set_font("DejaVu", size=size)
            pdf.cell(text=piece, h=size)


# -- any text in the register's plain-lines shape, laid out as the register lays out its PDFs ----

_FOOTER = re.compile(
    r"^(?:\d{1,6}/\d\d(?: ANNEX)? [A-Za-z]{1,4}(?:/[A-Za-z]{1,4})+ \d{1,3}|(?:ANNEX )?[A-Z]{2,8}\.[0-9A-Z.]+ [A-Z]{2}"
    r"|EUCO \d{1,3}/\d\d(?: \d{1,3})?|EN)$"
)
_RULE_LINE = re.compile(r"^_{3,}$")
_NOTE_START = re.compile(r"^(\d{1,3}) (\S.*)$")
_LABELLED = re.compile(r"^([^\W\d_][\w.° ]{0,30}?:) (.+)$")


@dataclass
class _Page:
    head: list[str] = field(default_factory=list)
    """The cover page's header block (page 1 only)."""
    body: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    """Footnotes: (number, first line), then ("", more lines)."""
    footer: list[str] = field(default_factory=list)


def _register_pages(text: str, head_lines: int) -> list[_Page]:
    """The text's lines cut into pages at its footers (a page ends with its footer lines)."""
    pages = [_Page()]
    lines = [line for line in text.split("\n") if line.strip()]
    pages[0].head = lines[:head_lines]
    in_notes = False
    last_note = 0
    for line in lines[head_lines:]:
        page = pages[-1]
        if _FOOTER.match(line):
            page.footer.append(line)
            in_notes = False
            continue
        if page.footer:
            pages.append(_Page())
            page = pages[-1]
        if _RULE_LINE.match(line):
            in_notes = True
        elif in_notes:
            note = _NOTE_START.match(line)
            # Notes run up: a line that opens with a lower number goes on with the note above
            # ("... of the Council of" then "2 December 2021, OJ L ...").
            if note and int(note.group(1)) > last_note:
                last_note = int(note.group(1))
                page.notes.append((note.group(1), note.group(2)))
            else:
                page.notes.append(("", line))
        else:
            page.body.append(line)
    return [page for page in pages if page.body or page.notes or page.head]


_INDENT_STEP = 7.0
"""How far right, in points, each leading space of a body line draws it (the fixtures' lines have
none; a test's variant indents points and their next lines as the register's PDFs do)."""


def register_pdf(text: str, head_lines: int, number: str) -> bytes:
    """A text in the register's plain-lines shape (its footers and footnote blocks in place, see
    fixtures/import/ST-10987-2024-INIT-en.txt) drawn as the register lays out its PDFs: the cover
    page's header block in two columns ("From:" beside its value), drawn after the page's text as
    some register PDFs do; on later pages a page head "ST <number>" and "EN" at the top; the
    footnotes under a rule at the page's bottom, their markers raised and smaller; the footer
    ("10987/24 SV/ab 1", "TREE.2.B EN") at the bottom, drawn first. `head_lines`: how many lines
    of the text are the header block."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    _add_dejavu(pdf)
    pdf.set_creation_date(datetime.datetime(2024, 6, 5, tzinfo=datetime.UTC))  # same bytes every time
    size, small = 10.0, 8.0
    for index, page in enumerate(_register_pages(text, head_lines)):
        pdf.add_page()
        pdf.set_font("DejaVu", size=small)
        for k, line in enumerate(page.footer):  # the PDF draws its footer first
            if line.startswith("EUCO") or line == "EN":
                pdf.text(56.0 if line != "EN" else 526.0, 800.0, line)
            elif k == 0 and len(line.split()) == 3:
                for x, part in zip((56.0, 286.0, 526.0), line.split(), strict=True):
                    pdf.text(x, 800.0, part)
            else:
                pdf.text(400.0, 812.0, line)
        if index and not number.startswith("EUCO"):
            pdf.text(56.0, 40.0, f"ST {number}")
            pdf.text(526.0, 40.0, "EN")
        notes = {n for n, _ in page.notes if n}
        y = 340.0 if page.head else 70.0
        for line in page.body:
            # A line indented with spaces is drawn that many steps right (a point, its next lines).
            _draw_marked(
                pdf, line.lstrip(" "), 56.0 + _INDENT_STEP * (len(line) - len(line.lstrip(" "))), y, size, notes
            )
            y += size * 1.5
        y = max(y + 10, 820.0 - 12 * (len(page.notes) + 2))
        pdf.line(56.0, y - 10, 200.0, y - 10)
        for note, line in page.notes:
            pdf.set_font("DejaVu", size=small)
            if note:
                pdf.set_font("DejaVu", size=small * 0.7)
                pdf.text(56.0, y - 3, note)
                pdf.set_font("DejaVu", size=small)
            pdf.text(66.0, y, line)
            y += small * 1.5
        _draw_head(pdf, page.head, size)
    return bytes(pdf.output())


def _draw_marked(pdf: FPDF, line: str, x: float, y: float, size: float, notes: set[str]) -> None:
    """A body line whose footnote markers (a number of `notes` glued to a word, a year or a
    closing quote or bracket: '(the "Court")1') are drawn raised and smaller."""
    pattern = (
        r"(?:(?<=[^\W\d_])|(?<=\d{4})|(?<=[’'\"”)]))("
        + "|".join(sorted(notes, key=len, reverse=True))
        + r")(?=[\s,.;:)]|$)"
    )
    pieces = re.split(pattern, line) if notes else [line]
    pdf.set_xy(x, y - size)
    for k, piece in enumerate(pieces):
        if not piece:
            continue
        if k % 2:
            pdf.set_font("DejaVu", size=size * 0.65)
            pdf.set_xy(pdf.get_x(), y - size - size * 0.35)
            pdf.cell(text=piece, h=size)
            pdf.set_xy(pdf.get_x(), y - size)
        else:
            pdf.set_font("DejaVu", size=size)
            pdf.cell(text=piece, h=size)


def _draw_head(pdf: FPDF, head: list[str], size: float) -> None:
    """The cover page's header block: the institution at the left, place, date, number and
    subject codes at the right, labels at the left with their values beside them."""
    pdf.set_font("DejaVu", size=size)
    left_y, right_y, field_y = 60.0, 95.0, 230.0
    value_x = 170.0
    labelled = False
    alone: list[str] = []  # labels printed without their values ("From:"), which follow them
    for line in head:
        match = _LABELLED.match(line)
        if re.fullmatch(r"[^\W\d_][\w.° ]{0,30}:", line):
            alone.append(line)
            labelled = True
        elif alone:
            pdf.text(56.0, field_y, alone.pop(0))
            pdf.text(value_x, field_y, line)
            field_y += size * 1.5
        elif match:
            labelled = True
            pdf.text(56.0, field_y, match.group(1))
            pdf.text(value_x, field_y, match.group(2))
            field_y += size * 1.5
        elif labelled:
            pdf.text(value_x, field_y, line)  # a value wrapped onto its next line
            field_y += size * 1.5
        elif left_y < 90.0 and not re.search(r"\d", line):
            pdf.text(56.0, left_y, line)
            left_y += size * 1.4
        else:
            pdf.text(360.0, right_y, line)
            right_y += size * 1.4


# -- a text of the Official Journal (C series) as EUR-Lex gives it, laid out as the OJ prints it --

_JOURNAL_HEAD = 6
"""Lines of the OJ head in the EUR-Lex text: journal name (two lines), EN, series, act, date."""
_OJ_NOTE = re.compile(r"^\( ?(\d{1,3}) ?\) (.+)$")
_OJ_MARKER = re.compile(r" \( ?(\d{1,3}) ?\)")
_OJ_ITEM = re.compile(r"^(?:\d{1,3}\.|\([a-z]\)) ")


def journal_pdf(text: str, lines_per_page: int = 34) -> bytes:
    """A text of the Official Journal's C series as EUR-Lex gives it (a paragraph per line, see
    fixtures/import/OJ-C-2024-4521-en.txt) drawn as the Journal prints an act: the head ("Official
    Journal of the European Union", "EN", "C series", the act's number and date) on page 1, "OJ
    C, <date>" on the others, paragraphs wrapped, an unmarked item of a list ("HAVING REGARD
    TO:") after a dash, footnote markers "(1)" raised and smaller, the footnotes at the bottom
    of the page that cites them, and at every page's foot the act's ELI and "page/pages"; the
    last page ends with the ISSN."""
    import textwrap

    from fpdf import FPDF

    lines = [line for line in text.split("\n") if line.strip()]
    head, rest = lines[:_JOURNAL_HEAD], lines[_JOURNAL_HEAD:]
    notes = {m.group(1): m.group(2) for line in rest if (m := _OJ_NOTE.match(line))}
    eli = next(line for line in rest if line.startswith("ELI:"))
    issn = next(line for line in rest if line.startswith("ISSN"))
    body = [line for line in rest if not _OJ_NOTE.match(line) and line not in (eli, issn)]
    wrapped: list[str] = []
    listed = False
    for line in body:
        opener = line.upper() == line and line.endswith(":")
        verb = line.split()[0].isupper() and len(line.split()[0]) >= 4
        if listed and not opener and not verb and not _OJ_ITEM.match(line):
            line = "— " + line  # an unmarked item of the list the line above opened
        else:
            listed = opener
        wrapped += textwrap.wrap(line, 92, break_long_words=False, break_on_hyphens=False)
    pages = [wrapped[i : i + lines_per_page] for i in range(0, len(wrapped), lines_per_page)]
    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    _add_dejavu(pdf)
    pdf.set_creation_date(datetime.datetime(2024, 7, 9, tzinfo=datetime.UTC))  # same bytes every time
    size, small = 9.5, 7.5
    for number, page in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("DejaVu", size=small)
        pdf.text(56.0, 815.0, eli)  # the foot first, as the Journal's PDFs draw it
        pdf.text(520.0, 815.0, f"{number}/{len(pages)}")
        if number == len(pages):
            pdf.text(56.0, 828.0, issn)
        pdf.set_font("DejaVu", size=size)
        if number == 1:
            pdf.text(56.0, 50.0, head[0])
            pdf.text(56.0, 62.0, head[1])
            pdf.text(250.0, 56.0, head[2])
            pdf.text(450.0, 56.0, head[3])
            pdf.text(56.0, 90.0, head[4])
            pdf.text(480.0, 90.0, head[5])
            y = 130.0
        else:
            pdf.text(56.0, 40.0, head[2])
            pdf.text(430.0, 40.0, f"OJ C, {head[5]}")
            y = 70.0
        cited: list[str] = []
        for line in page:
            cited += _OJ_MARKER.findall(line)
            _draw_journal_line(pdf, line, y, size)
            y += size * 1.5
        y = max(y + 12, 800.0 - small * 1.5 * len(cited))
        if cited:
            pdf.line(56.0, y - 9, 200.0, y - 9)
        pdf.set_font("DejaVu", size=small)
        for note in cited:
            pdf.text(56.0, y, f"({note})")
            pdf.text(76.0, y, notes[note])
            y += small * 1.5
    return bytes(pdf.output())


def _draw_journal_line(pdf: FPDF, line: str, y: float, size: float) -> None:
    """One line, its markers "(1)" raised and smaller, glued to the word before them."""
    pdf.set_xy(56.0, y - size)
    pieces = _OJ_MARKER.split(line)
    for k, piece in enumerate(pieces):
        if not piece:
            continue
        if k % 2:
            pdf.set_font("DejaVu", size=size * 0.65)
            pdf.set_xy(pdf.get_x(), y - size - size * 0.35)
            pdf.cell(text=f"({piece})", h=size)
            pdf.set_xy(pdf.get_x(), y - size)
        else:
            pdf.set_font("DejaVu", size=size)
            pdf.cell(text=piece, h=size)


_REGISTER_HEADS = {
    "ST-10987-2024-INIT-en.txt": (15, "10987/24"),
    "EUCO-31-2024-INIT-en.txt": (16, "EUCO 31/24"),
    "ST-11402-2024-INIT-en.txt": (12, "11402/24"),
    "ST-8802-2025-INIT-en.txt": (13, "8802/25"),
    "ST-6044-2026-INIT-en.txt": (16, "6044/26"),
    "ST-11250-2026-INIT-en.txt": (13, "11250/26"),
    "ST-7342-2026-INIT-en.txt": (13, "7342/26"),
    "ST-7415-2026-INIT-fr.txt": (12, "7415/26"),
    "ST-15230-2026-INIT-en.txt": (14, "15230/26"),
    "ST-15612-2026-INIT-en.txt": (12, "15612/26"),
    "ST-16801-2026-INIT-en.txt": (13, "16801/26"),
    "ST-15920-2026-INIT-en.txt": (13, "15920/26"),
}
"""How many lines of each text of fixtures/import/ are its cover page's header block, and its number."""


def draw(text_file: Path, layout: str) -> bytes:
    """A fixture text drawn as a PDF in the layout of the register or of the Official Journal."""
    # DejaVu has no glyph for the Symbol and Wingdings fonts' private-use bullets (U+F0B7 ...),
    # which a Word PDF keeps in its text layer: they are drawn as the Unicode bullets they look like.
    text = readable(text_file.read_text(encoding="utf-8"))
    if layout == "journal":
        return journal_pdf(text)
    heads = _REGISTER_HEADS | {
        name: (int(expected["register_shape"]["header_lines"]), str(expected["header"]["number"]))
        for name, expected in own_language_register_texts().items()
    }
    head_lines, number = heads[text_file.name]
    return register_pdf(text, head_lines, number)
