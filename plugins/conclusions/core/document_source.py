"""Parse `document.md`: YAML front matter for the header, then the text in plain blocks.

Body blocks are separated by blank lines:

- `# ANNEX`: where the conclusions begin when a cover note comes first; the blocks
  before it are the cover note's text. After the numbered paragraphs, `# ANNEX` starts an
  annex of the text (a resolution's framework): its blocks are text, their numbers kept as text;
- `- text` lines: the recitals (citations after RECALLING:), numbered in order; or
  `A. text`: lettered recitals, keeping the Council's letters;
- `N. text`: paragraph N (numbers must run 1, 2, 3, ...);
- indented `a.`, `(ii)`, `–` lines under a paragraph or recital: its points, nested by indentation;
- after a paragraph's or recital's points, a blank line and then indented words without a
  marker: its closing words, which belong to it and not to its last point ("in order to ...");
  a line at the left edge right after a point (no blank line) goes on with that point;
- `## I. Title`: a section heading; the paragraphs after it belong to it;
- text under the first section heading before paragraph 1, in a text without recitals: the
  words that open the text where the Council put them after the heading ("THE COUNCIL OF THE
  EUROPEAN UNION," under "## I. INTRODUCTION");
- `### A. Title` under a section heading: a sub-section heading (one level only); the
  paragraphs after it, up to the next heading, belong to it and to its section. A section
  with sub-sections needs no paragraphs of its own before the first;
- `[^N]: text`: footnote N, keeping the Council's own number (`[^N]:` alone: text not available);
- any other text before the first recital or paragraph: the preamble lines; between the
  recitals and paragraph 1: the words that lead into the paragraphs ("HEREBY ADOPTS ...:").

A block may wrap over several lines; they are joined with a space.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problems, SourceError, shown
from .fields import Field, check_mapping, url_problem
from .inline_source import Token, footnote_refs, tokenize
from .layout import DOCUMENT
from .limits import MAX_NUMBER_DIGITS, MAX_POINT_DEPTH, MAX_SLUG_BYTES
from .model import Document, Footnote, Header, Paragraph, Point, Recital, Section, Subsection
from .urls import section_slug, within
from .yamlsource import Located, load_yaml, read_text

HEADER_FIELDS = {
    "institution": Field(str),
    "place_date": Field(str),
    "language_note": Field(str),
    "number": Field(str),
    "document_id": Field(str),
    "date": Field(str),
    "subject_codes": Field(list),
    "status": Field(str),
    "from": Field(str),
    "meeting_date": Field(str),
    "to": Field(str),
    "previous_document": Field(str),
    "interinstitutional_file": Field(str),
    "commission_document": Field(str),
    "date_of_receipt": Field(str),
    "subject": Field(str),
    "cover_note": Field(str),
    "cover_language": Field(str),
    "eli": Field(str),
    "title": Field(str, required=True),
    "short_title": Field(str),
    "citation_title": Field(str),
    "language": Field(str),
}

_PARAGRAPH = re.compile(r"^(\d+)\.\s+(\S.*)$")
# A paragraph numbered in parts, as some texts number theirs under numbered headings ("1.1 NOTES
# ...", "2.3. CALLS ON ..."): the edition numbers it in the run 1, 2, 3, ... of its paragraphs
# (its address) and shows the number as written.
_PART_PARAGRAPH = re.compile(r"^(\d{1,3}\.\d{1,3})\.?\s+(\S.*)$")
# A section's number: Latin capitals or digits ("III.", "2."), or one Greek or Cyrillic capital
# ("Β.", "Б."), as the Greek and Bulgarian versions number their parts.
_LABEL = r"[A-Z]{1,4}|[\u0391-\u03a9\u0410-\u042f]|\d+"
_SECTION = re.compile(rf"^##\s+(?:({_LABEL})\.\s+)?(\S.*)$")
_SUBSECTION = re.compile(rf"^###\s+(?:({_LABEL})\.\s+)?(\S.*)$")
_ANNEX = re.compile(r"^#\s+(\S.*)$")
_FOOTNOTE = re.compile(r"^\[\^([A-Za-z0-9]+)\]:\s*(.*)$")
_RECITAL = re.compile(r"^[-*]\s+(\S.*)$")
# A lettered recital: "A. ", or as some texts letter them, "(a) " and "a) " (its letter, then its text).
_LETTERED = re.compile(r"^(?:\((?=[a-z]\)))?([A-Z](?=\.)|[a-z](?=\)))[.)]\s+(\S.*)$")
# A line of hashes followed by a space or nothing: a heading, well formed or not.
_HEADING_LIKE = re.compile(r"#+(?:\s|$)")
_NUMBER_ONLY = re.compile(rf"(?:{_LABEL})\.")
# Points inside a paragraph: a. a) (a), i. i) (i), 2.1 (numbered after its paragraph: model's
# NUMBERED_POINT), or a dash or bullet; on an indented line.
_POINT = re.compile(
    r"^(?P<marker>\((?:[a-z]|[ivxlc]+)\)|(?:[a-z]|[ivxlc]+)[.)]|\d{1,3}\.\d{1,3}|[–—•-])\s+(?P<text>\S.*)$"
)
_POINT_INDENT = 2


class Block(str):
    """The text of one block (its lines joined with a space) that knows where each line began."""

    line: int
    parts: list[tuple[int, int, int]]
    """(offset in the block, line number, column of the first character) per source line."""
    points: list[PointLine]
    """The indented point lines under the block, and the lines that continue them."""

    def where(self, offset: int) -> tuple[int, int]:
        """The line and 1-based column of the character at `offset`."""
        for start, line, column in reversed(self.parts):
            if offset >= start:
                return line, column + offset - start
        return self.line, 1


@dataclass(frozen=True)
class PointLine:
    """One indented line under a block: a point's first line, or a line that continues it."""

    line: int
    indent: int
    raw: str
    starts_point: bool
    """False for a line that continues the point above (wrapped text)."""


def _block(parts: list[tuple[int, str]]) -> Block:
    block = Block(" ".join(text.strip() for _, text in parts))
    block.line = parts[0][0]
    block.parts = []
    block.points = []
    offset = 0
    for line_no, raw in parts:
        text = raw.strip()
        block.parts.append((offset, line_no, len(raw) - len(raw.lstrip()) + 1))
        offset += len(text) + 1
    return block


def _starts_block(text: str) -> bool:
    """Lines that always begin a block of their own (a paragraph may wrap onto any other line)."""
    return bool(_RECITAL.match(text) or _FOOTNOTE.match(text) or _HEADING_LIKE.match(text))


def _blocks(lines: list[str], first_line: int) -> list[Block]:
    """Blank-line separated blocks; list items, footnotes and headings start a block of their own.

    An indented line that starts with a point marker belongs to the block above, even across
    a blank line: the points of a paragraph. The lines after a point that have no marker of
    their own continue it, up to a blank line or a line that starts a block.
    """
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []
    in_points = False

    def close() -> None:
        nonlocal current
        if current:
            blocks.append(_block(current))
        current = []

    for offset, raw in enumerate(lines):
        line_no = first_line + offset
        text = raw.strip()
        if not text:
            close()
            in_points = False
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if indent >= _POINT_INDENT and _POINT.match(text) and (current or blocks):
            close()
            blocks[-1].points.append(PointLine(line_no, indent, text, True))
            in_points = True
            continue
        if in_points and not (indent < _POINT_INDENT and (_starts_block(text) or _PARAGRAPH.match(text))):
            blocks[-1].points.append(PointLine(line_no, indent, text, False))
            continue
        in_points = False
        if current and _starts_block(text):
            close()
        current.append((line_no, raw))
    close()
    return blocks


@dataclass
class _Node:
    marker: str
    indent: int
    lines: list[tuple[int, str]]
    children: list[_Node] = field(default_factory=list)


def _point_name(marker: str, position: int) -> str:
    """Letters and numerals name themselves ('(iii)' -> 'iii'); dashes count by position."""
    name = marker.strip("().")
    return name if name.isalpha() and name.isascii() else str(position)


def _points(block: Block, body: str, path: str, owner: str) -> tuple[str, tuple[Point, ...], list[tuple[Block, int]]]:
    """The item's whole text (opening words, then each point's words after a newline), its
    points, and each point's text as a block to check."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    for pl in block.points:
        if not pl.starts_point:
            stack[-1].lines.append((pl.line, pl.raw))
            continue
        m = _POINT.match(pl.raw)
        assert m is not None
        while stack and stack[-1].indent >= pl.indent:
            stack.pop()
        if len(stack) >= MAX_POINT_DEPTH:
            raise SourceError(
                path,
                pl.line,
                f"points of {owner} are nested more than {MAX_POINT_DEPTH} levels deep here; "
                "indent this point less, or make it text of the point above",
            )
        node = _Node(m.group("marker"), pl.indent, [(pl.line, pl.raw[m.start("text") :])])
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    text = [body]
    offset = len(body)
    checks: list[tuple[Block, int]] = []

    def build(nodes: list[_Node], parent: str) -> tuple[Point, ...]:
        nonlocal offset
        built: list[Point] = []
        seen: dict[str, int] = {}
        for position, node in enumerate(nodes, start=1):
            own = _block(node.lines)
            name = _point_name(node.marker, position)
            anchor = within(parent, name) if parent else name
            line = node.lines[0][0]
            if anchor in seen:
                raise SourceError(
                    path,
                    line,
                    f"point {shown(node.marker)} of {owner} appears twice at this level (first on line {seen[anchor]}); "
                    "correct its marker",
                )
            seen[anchor] = line
            offset += 1
            start = offset
            text.append("\n" + own)
            offset += len(own)
            checks.append((own, start))
            children = build(node.children, anchor)
            built.append(Point(node.marker, anchor, start, start + len(own), line, children))
        return tuple(built)

    points = build(roots, "")
    return "".join(text), points, checks


def _header(meta: object, path: str, line: int) -> Header:
    entry = check_mapping(meta, HEADER_FIELDS, path, "the front matter", line)

    def get(key: str) -> str:
        return str(entry.get(key) or "")

    date = get("date")
    if date:
        try:
            datetime.date.fromisoformat(date)
            valid = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", date))
        except ValueError:
            valid = False
        if not valid:
            raise SourceError(
                path,
                entry.line_of("date"),
                f"'date' must be a real date written YYYY-MM-DD (e.g. 2023-11-13), not {shown(date)}; correct it or remove the line",
            )
    # Subject codes are read for glossary terms (COPS, POLMIL) like the text, but are plain
    # text: a footnote reference or a tag in one would become markup on the home page.
    codes = entry.get("subject_codes") or []
    for code, code_line in zip(
        codes, getattr(codes, "item_lines", [entry.line_of("subject_codes")] * len(codes)), strict=True
    ):
        if markup := next((t.value for t in tokenize(code) if t.kind != "text"), None):
            raise SourceError(
                path,
                code_line,
                f"subject code {shown(code)} holds {'[^' + markup + ']' if markup[0] != '<' else markup}, which a subject "
                "code cannot carry; write the code as plain text",
            )
    _check_address_fields(entry, path)
    title = get("title")
    return Header(
        institution=get("institution"),
        place_date=get("place_date"),
        language_note=get("language_note"),
        number=get("number"),
        document_id=get("document_id"),
        date=date,
        subject_codes=tuple(entry.get("subject_codes") or ()),
        status=get("status"),
        sender=get("from"),
        meeting_date=get("meeting_date"),
        recipient=get("to"),
        previous_document=get("previous_document"),
        interinstitutional_file=get("interinstitutional_file"),
        commission_document=get("commission_document"),
        date_of_receipt=get("date_of_receipt"),
        subject=get("subject"),
        cover_note=get("cover_note"),
        cover_language=get("cover_language"),
        eli=get("eli"),
        title=title,
        short_title=get("short_title") or title,
        citation_title=get("citation_title") or title,
        language=get("language") or "en",
    )


_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _check_address_fields(entry: Located, path: str) -> None:
    """`eli` is an address pages link to, `cover_language` a part of a page's `lang`."""
    eli = str(entry.get("eli") or "")
    if eli and (problem := url_problem(eli, ("http", "https"))):
        raise SourceError(path, entry.line_of("eli"), f"'eli' must be the act's ELI address ({problem})")
    value = str(entry.get("cover_language") or "")
    if value and not _LANGUAGE_TAG.fullmatch(value):
        raise SourceError(
            path, entry.line_of("cover_language"), f"'cover_language' must be a language code such as fr, not {value!r}"
        )


def _check_inline(block: Block, offset: int, path: str) -> None:
    """Stop at the first allowed tag (`<sup>`, ...) that is not opened and closed in order."""
    stack: list[Token] = []
    for token in tokenize(block[offset:]):
        if token.kind != "tag":
            continue
        name = token.value.strip("</>")
        if not token.value.startswith("</"):
            stack.append(token)
            continue
        if stack and stack[-1].value == f"<{name}>":
            stack.pop()
            continue
        line, column = block.where(offset + token.start)
        if any(t.value == f"<{name}>" for t in stack):
            inner = stack[-1].value
            message = (
                f"closing tag {token.value} comes before the {inner} opened inside it is "
                f"closed; add </{inner[1:]} first"
            )
        else:
            message = f"closing tag {token.value} has no matching <{name}> before it; remove it or add <{name}>"
        raise SourceError(path, line, message, column)
    if stack:
        line, column = block.where(offset + stack[0].start)
        name = stack[0].value.strip("<>")
        raise SourceError(path, line, f"tag {stack[0].value} is never closed; add </{name}> where it ends", column)


def read_document(source_dir: Path, problems: Problems, name: str = DOCUMENT, shown_as: str = "") -> Document | None:
    """The document, with its mistakes added to `problems`; None when it cannot be read at all.

    A document with mistakes is still returned when its blocks could be read, so that the
    checks that link it to the registries can run and report theirs in the same run. Errors
    name the file as `shown_as` (default: the folder's name, 'source'), then `name`.
    """
    with problems.collect():
        return _read_document(source_dir, problems, name, shown_as or source_dir.name)
    return None


def _read_document(source_dir: Path, problems: Problems, name: str, shown_as: str) -> Document:
    path = f"{shown_as}/{name}"
    text = read_text(source_dir / name, path)
    if not text.strip():
        raise SourceError(
            path, 1, "the file is empty; it needs the front matter and the text (see README, 'How to add a document')"
        )
    # Lines end at "\n" only, as in an editor (str.splitlines() also breaks at characters that
    # read_text refuses, and would shift every line number after them).
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise SourceError(
            path, 1, "the file must start with a line '---' that opens the YAML front matter (see README)"
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise SourceError(path, 1, "the front matter is not closed; add a line '---' after it") from None
    meta = load_yaml("\n".join(lines[1:end]), path, line_offset=1)
    header = Header(title="", short_title="", citation_title="")
    with problems.collect():
        header = _header(meta, path, 2)
    # The body is checked even when the front matter is wrong: every mistake in one run.
    return _Parser(path, problems).parse(header, _blocks(lines[end + 1 :], end + 2), end + 2)


def _indented(block: Block) -> bool:
    """Whether the block's first line is indented (its words are a point's or an item's, not
    one at the left edge)."""
    return block.parts[0][2] > _POINT_INDENT


def _item_or_heading(block: Block) -> bool:
    """Whether the block is written as a numbered paragraph, a recital, a footnote or a heading."""
    return bool(
        _PARAGRAPH.match(block)
        or _PART_PARAGRAPH.match(block)
        or _RECITAL.match(block)
        or _LETTERED.match(block)
        or _starts_block(block)
    )


def _text_before(blocks: list[Block]) -> bool:
    """Whether the text itself stands before these blocks end: numbered paragraphs after its
    preamble ("THE COUNCIL OF THE EUROPEAN UNION,"), a recital or a section heading, none of
    which a cover note holds. A `# ` heading after them is the text's own annex."""
    if not any(_PARAGRAPH.match(b) for b in blocks):
        return False
    return any(
        _RECITAL.match(b)
        or (_LETTERED.match(b) and b.upper() != b)
        or _SECTION.match(b)
        or _SUBSECTION.match(b)
        or (b.rstrip().endswith(",") and b.upper() == b)
        for b in blocks
    )


@dataclass
class _OpenSubsection:
    """A sub-section while its paragraphs are read."""

    label: str
    title: str
    slug: str
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.label}. {self.title}" if self.label else self.title


@dataclass
class _OpenSection:
    """A section while its paragraphs are read (`Section` is made once they all are)."""

    label: str
    title: str
    slug: str
    line: int
    implicit: bool = False
    paragraphs: list[Paragraph] = field(default_factory=list)
    subsections: list[_OpenSubsection] = field(default_factory=list)
    opening_words: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.label}. {self.title}" if self.label else self.title

    def add(self, paragraph: Paragraph) -> None:
        """A paragraph under the section, and under its last sub-section when it has one."""
        self.paragraphs.append(paragraph)
        if self.subsections:
            self.subsections[-1].paragraphs.append(paragraph)

    def replace_last(self, paragraph: Paragraph) -> None:
        self.paragraphs[-1] = paragraph
        if self.subsections and self.subsections[-1].paragraphs:
            self.subsections[-1].paragraphs[-1] = paragraph

    def closed(self) -> Section:
        subsections = tuple(
            Subsection(s.label, s.title, s.slug, self.slug, s.line, tuple(s.paragraphs)) for s in self.subsections
        )
        return Section(
            self.label,
            self.title,
            self.slug,
            self.line,
            tuple(self.paragraphs),
            self.implicit,
            subsections,
            tuple(self.opening_words),
        )


class _Parser:
    """Reads the blocks of the body in order; every check names the block's line."""

    def __init__(self, path: str, problems: Problems) -> None:
        self.path = path
        self.problems = problems
        self.preamble: list[str] = []
        self.lead_in: list[str] = []
        self.cover: list[str] = []
        self.annex = ""
        self.recitals: list[Recital] = []
        self.paragraphs: list[Paragraph] = []
        self.sections: list[_OpenSection] = []
        self.footnotes: dict[str, Footnote] = {}
        self.current: _OpenSection | None = None
        self.slugs: dict[str, int] = {}
        self.subsection_slugs: dict[str, int] = {}
        """A sub-section's slug within its section's ('ii-a'), which its anchor ('s-ii-a') holds."""
        self.misnumbered = False
        self.appendix_heading = ""
        self.appendix: list[str] = []
        self.refs_outside_items: list[tuple[str, int]] = []
        """Footnote references in the preamble and the cover note: (number, line)."""
        self.closable: Paragraph | Recital | None = None
        """The item just read when it has points: indented words after them close it."""

    def error(self, line: int, message: str, column: int | None = None) -> SourceError:
        return SourceError(self.path, line, message, column)

    def parse(self, header: Header, blocks: list[Block], first_line: int) -> Document:
        blocks = self.appendix_of(blocks)
        annexes = [i for i, b in enumerate(blocks) if _ANNEX.match(b)]
        for extra in annexes[1:]:
            self.problems.add(
                self.error(
                    blocks[extra].line,
                    f"a second '# ' heading (first on line {blocks[annexes[0]].line}); "
                    "the conclusions stand under one '# ANNEX' heading",
                )
            )
        if annexes:
            for block in blocks[: annexes[0]]:
                with self.problems.collect():
                    self.plain_block(block)
                self.cover.append(str(block) + "".join(" " + pl.raw for pl in block.points))
            match = _ANNEX.match(blocks[annexes[0]])
            assert match is not None
            self.annex = match.group(1).strip()
            with self.problems.collect():
                self.check_heading_text(blocks[annexes[0]], self.annex)
            blocks = [b for b in blocks[annexes[0] + 1 :] if not _ANNEX.match(b)]
        self.numbered = [
            (int(m.group(1)), b.line)
            for b in blocks
            if (m := _PARAGRAPH.match(b)) and len(m.group(1)) <= MAX_NUMBER_DIGITS
        ]
        for block in blocks:
            with self.problems.collect():
                self.block(block)
        if not self.paragraphs:
            self.problems.add(
                self.error(
                    first_line, "the text has no numbered paragraphs ('1. ...'); add them after the front matter"
                )
            )
        with self.problems.collect():
            self.check_section_filled()
        self.check_footnotes()
        return Document(
            header,
            tuple(self.preamble),
            tuple(self.recitals),
            tuple(self.paragraphs),
            tuple(s.closed() for s in self.sections),
            self.footnotes,
            self.path,
            annex=self.annex,
            cover=tuple(self.cover),
            lead_in=tuple(self.lead_in),
            appendix_heading=self.appendix_heading,
            appendix=tuple(self.appendix),
        )

    def appendix_of(self, blocks: list[Block]) -> list[Block]:
        """The blocks less an annex after the numbered paragraphs, which is kept as text blocks
        (`self.appendix`); footnote definitions after it stay footnotes."""
        start = next((i for i, b in enumerate(blocks) if _ANNEX.match(b) and _text_before(blocks[:i])), None)
        if start is None:
            return blocks
        match = _ANNEX.match(blocks[start])
        assert match is not None
        self.appendix_heading = match.group(1).strip()
        with self.problems.collect():
            self.check_heading_text(blocks[start], self.appendix_heading)
        kept = blocks[:start]
        for block in blocks[start + 1 :]:
            if _FOOTNOTE.match(block):
                kept.append(block)
                continue
            if _ANNEX.match(block):
                self.problems.add(
                    self.error(block.line, "a second '# ' heading after the paragraphs; an annex has one heading")
                )
                continue
            if _HEADING_LIKE.match(block):
                self.problems.add(
                    self.error(
                        block.line,
                        "a heading in the annex after the paragraphs; its blocks are text: write the heading "
                        "without the '#' signs",
                    )
                )
                continue
            with self.problems.collect():
                self.plain_block(block)
            self.appendix.append(str(block) + "".join(" " + pl.raw for pl in block.points))
        return kept

    def plain_block(self, block: Block) -> None:
        _check_inline(block, 0, self.path)
        self.refs_outside_items.extend((ref, block.line) for ref in footnote_refs(block))

    def block(self, block: Block) -> None:
        closable, self.closable = self.closable, None
        if closable is not None and _indented(block) and not _item_or_heading(block):
            self.close_item(closable, block)
        elif m := _FOOTNOTE.match(block):
            self.footnote(block, m)
        elif m := _SECTION.match(block):
            self.section(block, m)
        elif m := _SUBSECTION.match(block):
            self.subsection(block, m)
        elif m := _PARAGRAPH.match(block):
            self.paragraph(block, m)
        elif m := _PART_PARAGRAPH.match(block):
            self.paragraph(block, m, written=m.group(1))
        elif (m := _RECITAL.match(block)) or (m := _LETTERED.match(block)):
            self.recital(block, m)
        elif _HEADING_LIKE.match(block):
            self.bad_heading(block)
        elif self.recitals and not self.paragraphs and not block.points and not self.heading_after_recitals():
            # Words between the recitals and paragraph 1 ("HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:").
            self.plain_block(block)
            self.lead_in.append(str(block))
        elif self.heading_after_recitals() and not self.paragraphs and not block.points:
            # A heading between the recitals and paragraph 1, then the lead-in: the lead-in is
            # read under the heading, where the Council put it, not above it.
            assert self.current is not None
            self.plain_block(block)
            self.current.opening_words.append(str(block))
        else:
            if self.recitals or self.paragraphs:
                hint = (
                    f"; or, if these words close {closable.label.lower()} after its points, indent them like its text"
                    if closable is not None
                    else ""
                )
                raise self.error(
                    block.line,
                    "this text is not a paragraph ('N. '), heading ('## '), recital ('- ' or 'A. '), point "
                    f"(indented 'a. ', '(i) ', '– ') or footnote ('[^N]: '); start it with one of these{hint}",
                )
            if block.points:
                raise self.error(
                    block.points[0].line,
                    "points belong to a numbered paragraph or a recital; "
                    "put this point under one, or remove its indentation",
                )
            self.plain_block(block)
            if self.current is not None and not self.current.subsections:
                # Under the first heading, before paragraph 1: where the Council put these words.
                self.current.opening_words.append(str(block))
            else:
                self.preamble.append(str(block))

    def heading_after_recitals(self) -> bool:
        """Whether the section being read opened after the last recital (its heading stands
        between the recitals and paragraph 1)."""
        current = self.current
        return (
            current is not None
            and bool(self.recitals)
            and not current.subsections
            and not current.implicit
            and current.line > self.recitals[-1].line
        )

    def footnote(self, block: Block, m: re.Match[str]) -> None:
        number, body = m.group(1), m.group(2).strip()
        if block.points:
            body = body + "".join(" " + pl.raw for pl in block.points)
        if number in self.footnotes:
            raise self.error(
                block.line,
                f"footnote [^{number}] is defined twice (first on line {self.footnotes[number].line}); keep one",
            )
        with self.problems.collect():
            _check_inline(block, m.start(2), self.path)
        self.footnotes[number] = Footnote(number, body, block.line)

    def bad_heading(self, block: Block) -> None:
        """A line of hashes that is not a section ('## '), sub-section ('### ') or annex ('# ') heading."""
        hashes, _, title = block.partition(" ")
        if not title.strip():
            example = "### A. TITLE" if hashes == "###" else "## I. TITLE"
            raise self.error(block.line, f"the heading has no title; write it after '{hashes} ' (e.g. '{example}')")
        raise self.error(
            block.line,
            f"'{hashes} ' headings are not part of the format; write '## ' for a section, '### ' for a "
            "sub-section under one, or '# ' for the annex",
        )

    def check_heading_text(self, block: Block, title: str) -> None:
        """A heading is plain text (its title names pages and tabs): no footnote reference in it."""
        if refs := footnote_refs(title):
            raise self.error(
                block.line,
                f"footnote reference [^{refs[0]}] in a heading; a heading cannot carry a footnote, "
                "put the reference in the text under it",
            )

    def heading_slug(self, block: Block, label: str, title: str, hashes: str) -> str:
        """What names a heading in its address, once its title is checked."""
        example = "A" if hashes == "###" else "I"
        if not label and _NUMBER_ONLY.fullmatch(title):
            raise self.error(
                block.line,
                f"the heading '{title}' has a number but no title; write the title after it "
                f"(e.g. '{hashes} {title} TITLE')",
            )
        self.check_heading_text(block, title)
        slug = section_slug(label, title)
        if not slug:
            raise self.error(
                block.line,
                f"the heading {shown(title)} has no letter or digit to name its address; number it "
                f"(e.g. '{hashes} {example}. TITLE')",
            )
        return slug

    def section(self, block: Block, m: re.Match[str]) -> None:
        with self.problems.collect():
            self.check_section_filled()
        label, title = m.group(1) or "", m.group(2).strip()
        slug = self.heading_slug(block, label, title, "##")
        if (size := len(slug.encode("utf-8"))) > MAX_SLUG_BYTES:
            what, fix = (
                (f"the section number {shown(label)}", "correct it")
                if label
                else (
                    f"the heading {shown(title)}",
                    "number it (e.g. '## I. TITLE': the number names the address) or shorten it",
                )
            )
            raise self.error(
                block.line, f"{what} would make an address of {size:,} bytes, more than {MAX_SLUG_BYTES}; {fix}"
            )
        if slug in self.subsection_slugs:
            raise self.error(
                block.line,
                f"section {shown(label or title)} would have the same address as the sub-section heading on line "
                f"{self.subsection_slugs[slug]}; number or retitle one of them",
            )
        if slug in self.slugs:
            raise self.error(
                block.line,
                f"section {shown(label or title)} appears twice (first on line {self.slugs[slug]}); "
                "number sections uniquely",
            )
        self.slugs[slug] = block.line
        self.current = _OpenSection(label, title, slug, block.line)
        self.sections.append(self.current)

    def subsection(self, block: Block, m: re.Match[str]) -> None:
        """A heading one level under the section's: its paragraphs are the section's too."""
        section = self.current
        if section is None or section.implicit:
            raise self.error(
                block.line,
                "a sub-section heading ('### ') before any section heading ('## '); put a '## ' heading "
                "above it, or write it as '## ' if it is a section",
            )
        with self.problems.collect():
            self.check_subsection_filled()
        label, title = m.group(1) or "", m.group(2).strip()
        slug = self.heading_slug(block, label, title, "###")
        if (size := len(slug.encode("utf-8"))) > MAX_SLUG_BYTES:
            raise self.error(
                block.line,
                f"the sub-section heading {shown(label or title)} would make an anchor of {size:,} bytes, more than "
                f"{MAX_SLUG_BYTES}; letter it (e.g. '### A. TITLE') or shorten it",
            )
        if earlier := next((s for s in section.subsections if s.slug == slug), None):
            raise self.error(
                block.line,
                f"sub-section {shown(label or title)} appears twice under section '{section.heading}' "
                f"(first on line {earlier.line}); letter sub-sections uniquely",
            )
        # Its anchor on the full text must not be a section's (an unnumbered "## II A" would be 's-ii-a').
        full = f"{section.slug}-{slug}"
        if full in self.slugs:
            raise self.error(
                block.line,
                f"sub-section {shown(label or title)} would have the same address as the heading on line "
                f"{self.slugs[full]}; number or retitle one of them",
            )
        self.subsection_slugs[full] = block.line
        section.subsections.append(_OpenSubsection(label, title, slug, block.line))

    def check_section_filled(self) -> None:
        if self.current is None:
            return
        with self.problems.collect():
            self.check_subsection_filled()
        if not self.current.paragraphs and not self.current.subsections:
            raise self.error(
                self.current.line,
                f"section '{self.current.heading}' has no paragraphs; add them (or '### ' sub-sections with "
                "theirs) or remove the heading",
            )

    def check_subsection_filled(self) -> None:
        if self.current is not None and self.current.subsections and not self.current.subsections[-1].paragraphs:
            sub = self.current.subsections[-1]
            raise self.error(
                sub.line,
                f"sub-section '{sub.heading}' of section '{self.current.heading}' has no paragraphs; add them "
                "or remove the heading",
            )

    def paragraph(self, block: Block, m: re.Match[str], written: str = "") -> None:
        expected = (self.paragraphs[-1].number if self.paragraphs else 0) + 1
        if written:
            self.part_paragraph(block, m, expected, written)
            return
        if len(m.group(1)) > MAX_NUMBER_DIGITS:
            self.problems.add(
                self.error(
                    block.line,
                    f"a paragraph number of {len(m.group(1)):,} digits (at most {MAX_NUMBER_DIGITS}); "
                    "number the paragraphs 1, 2, 3, ...",
                )
            )
        # Read as the number expected there, so that the paragraphs after it are not reported as its echoes.
        number = int(m.group(1)) if len(m.group(1)) <= MAX_NUMBER_DIGITS else expected
        # A mistake in a paragraph is reported and the paragraph kept, so that the ones after
        # it are checked against it and not reported as its echoes.
        if number != expected and not self.misnumbered:
            # The first numbering mistake is the one to fix; those after it are mostly its echoes.
            self.misnumbered = True
            self.problems.add(self.error(block.line, self.numbering_problem(number, expected, block.line)))
        self.add_paragraph(block, m, number)

    def add_paragraph(self, block: Block, m: re.Match[str], number: int, written: str = "") -> None:
        """The paragraph of `block` (its text from `m`'s second group), checked, under the section being read."""
        with self.problems.collect():
            _check_inline(block, m.start(2), self.path)
        text: str = m.group(2)
        points: tuple[Point, ...] = ()
        with self.problems.collect():
            text, points = self.with_points(block, m.group(2), f"paragraph {written or number}")
        paragraph = Paragraph(number, text, block.line, tuple(footnote_refs(text)), points, written=written)
        if self.current is None:
            self.current = _OpenSection("", "Opening paragraphs", "opening", paragraph.line, implicit=True)
            self.sections.append(self.current)
        self.current.add(paragraph)
        self.paragraphs.append(paragraph)
        self.closable = paragraph if paragraph.points else None

    def part_paragraph(self, block: Block, m: re.Match[str], number: int, written: str) -> None:
        """A paragraph numbered in parts ("2.1"): the next of the run, its number shown as written.
        The parts run in order: the next part of the same number, or part 1 of the next."""
        previous = next((p.written for p in reversed(self.paragraphs) if p.written), "")
        major, minor = (int(x) for x in written.split("."))
        if previous:
            last_major, last_minor = (int(x) for x in previous.split("."))
            if (major, minor) not in {(last_major, last_minor + 1), (last_major + 1, 1)}:
                self.problems.add(
                    self.error(
                        block.line,
                        f"paragraph {written} comes after paragraph {previous}; number the parts "
                        f"{last_major}.{last_minor + 1} or {last_major + 1}.1, in order",
                    )
                )
        self.add_paragraph(block, m, number, written)

    def numbering_problem(self, number: int, expected: int, line: int) -> str:
        seen = {p.number: p.line for p in self.paragraphs}
        later = next((ln for n, ln in self.numbered if n == expected and ln > line), None)
        if number in seen:
            return (
                f"paragraph {number} is repeated (first on line {seen[number]}); renumber the paragraphs 1, 2, 3, ..."
            )
        if later is not None:
            return f"paragraph {number} comes before paragraph {expected} (line {later}); put the paragraphs in order"
        if number > expected:
            return (
                f"paragraph {expected} is missing (this is paragraph {number}); number the paragraphs 1, 2, 3, ... "
                "without gaps"
            )
        return f"paragraph number {number} is out of order (expected {expected}); number the paragraphs 1, 2, 3, ..."

    def recital(self, block: Block, m: re.Match[str]) -> None:
        lettered = m.re is _LETTERED
        if self.paragraphs:
            marker = "'A. '" if lettered else "'- '"
            raise self.error(
                block.line, f"a recital ({marker} line) comes after the numbered paragraphs; move it before paragraph 1"
            )
        letter = m.group(1).upper() if lettered else ""
        written = block[: m.start(2)].strip() if lettered and m.group(1).islower() else ""
        if self.recitals and bool(self.recitals[0].letter) != lettered:
            raise self.error(
                block.line,
                f"recitals are dashes and letters at once (line {self.recitals[0].line} starts them the other way); "
                "write them all one way, as the Council did",
            )
        if lettered:
            expected = chr(ord("A") + len(self.recitals))
            if letter != expected:
                raise self.error(
                    block.line,
                    f"recital '{letter}.' comes where '{expected}.' is expected; letter the recitals A, B, C, ... in order",
                )
        body_at = m.start(2) if lettered else m.start(1)
        with self.problems.collect():
            _check_inline(block, body_at, self.path)
        number = len(self.recitals) + 1
        text = block[body_at:]
        points: tuple[Point, ...] = ()
        with self.problems.collect():
            text, points = self.with_points(block, block[body_at:], f"recital {letter or number}")
        self.recitals.append(
            Recital(number, text, block.line, tuple(footnote_refs(text)), letter, points, written=written)
        )
        self.closable = self.recitals[-1] if points else None

    def close_item(self, item: Paragraph | Recital, block: Block) -> None:
        """`block` holds the words that close `item` after its points: they follow the last
        point's words after a newline, in the item's text."""
        _check_inline(block, 0, self.path)
        if block.points:
            raise self.error(
                block.points[0].line,
                f"a point after the closing words of {item.label.lower()}; move the point above "
                "those words, or remove its indentation",
            )
        text = f"{item.text}\n{block}"
        closed = dataclasses.replace(
            item, text=text, footnotes=tuple(footnote_refs(text)), closing=len(item.text) + 1, closing_line=block.line
        )
        if isinstance(closed, Paragraph):
            self.paragraphs[-1] = closed
            assert self.current is not None
            self.current.replace_last(closed)
        else:
            self.recitals[-1] = closed

    def with_points(self, block: Block, body: str, owner: str) -> tuple[str, tuple[Point, ...]]:
        if not block.points:
            return body, ()
        text, points, checks = _points(block, body, self.path, owner)
        for own, _ in checks:
            with self.problems.collect():
                _check_inline(own, 0, self.path)
        return text, points

    def check_footnotes(self) -> None:
        referenced: dict[str, int] = {}
        items: list[Recital | Paragraph] = [*self.recitals, *self.paragraphs]
        for item in items:
            for ref in item.footnotes:
                referenced.setdefault(ref, item.line)
        for ref, line in self.refs_outside_items:
            referenced.setdefault(ref, line)
        for note in self.footnotes.values():
            for ref in footnote_refs(note.text):
                referenced.setdefault(ref, note.line)
        for ref, line in sorted(referenced.items(), key=lambda r: r[1]):
            if ref not in self.footnotes:
                self.problems.add(
                    self.error(
                        line,
                        f"footnote [^{ref}] is referenced but not defined; add a line '[^{ref}]: text' at the end "
                        f"(or '[^{ref}]:' alone when the text does not give it)",
                    )
                )
        for number, note in self.footnotes.items():
            if number not in referenced:
                self.problems.add(
                    self.error(
                        note.line,
                        f"footnote [^{number}] is defined but never referenced; reference it with [^{number}] "
                        "or remove it",
                    )
                )
