"""Parse `document.md`: YAML front matter for the header, then the text in plain blocks.

Body blocks are separated by blank lines:

- `- text` lines: the recitals (citations after RECALLING:), numbered in order;
- `N. text`: paragraph N (numbers must run 1, 2, 3, ...);
- `## I. Title`: a section heading; the paragraphs after it belong to it;
- `[^N]: text`: footnote N, keeping the Council's own number;
- any other text before the first recital or paragraph: the preamble lines.

A block may wrap over several lines; they are joined with a space.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import SourceError
from .fields import Field, check_mapping
from .inline import Token, footnote_refs, tokenize
from .model import Document, Footnote, Header, Paragraph, Recital, Section
from .yamlsource import load_yaml, read_text

HEADER_FIELDS = {
    "institution": Field(str, required=True),
    "place_date": Field(str, required=True),
    "language_note": Field(str),
    "number": Field(str, required=True),
    "document_id": Field(str, required=True),
    "date": Field(str, required=True),
    "subject_codes": Field(list),
    "status": Field(str),
    "from": Field(str),
    "to": Field(str),
    "previous_document": Field(str),
    "subject": Field(str, required=True),
    "cover_note": Field(str),
    "title": Field(str, required=True),
    "short_title": Field(str, required=True),
    "citation_title": Field(str),
    "language": Field(str),
}

_PARAGRAPH = re.compile(r"^(\d+)\.\s+(\S.*)$")
_SECTION = re.compile(r"^##\s+(?:([A-Z]{1,4}|\d+)\.\s+)?(\S.*)$")
_FOOTNOTE = re.compile(r"^\[\^([A-Za-z0-9]+)\]:\s*(.*)$")
_RECITAL = re.compile(r"^[-*]\s+(\S.*)$")


class Block(str):
    """The text of one block (its lines joined with a space) that knows where each line began."""

    line: int
    parts: list[tuple[int, int, int]]
    """(offset in the block, line number, column of the first character) per source line."""

    def where(self, offset: int) -> tuple[int, int]:
        """The line and 1-based column of the character at `offset`."""
        for start, line, column in reversed(self.parts):
            if offset >= start:
                return line, column + offset - start
        return self.line, 1


def _block(parts: list[tuple[int, str]]) -> Block:
    block = Block(" ".join(text.strip() for _, text in parts))
    block.line = parts[0][0]
    block.parts = []
    offset = 0
    for line_no, raw in parts:
        text = raw.strip()
        block.parts.append((offset, line_no, len(raw) - len(raw.lstrip()) + 1))
        offset += len(text) + 1
    return block


def _blocks(lines: list[str], first_line: int) -> list[Block]:
    """Blank-line separated blocks; list items, footnotes and headings start a block of their own."""
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []
    for offset, raw in enumerate(lines):
        line_no = first_line + offset
        text = raw.strip()
        if not text:
            if current:
                blocks.append(_block(current))
                current = []
            continue
        starts_item = bool(_RECITAL.match(text) or _FOOTNOTE.match(text) or _SECTION.match(text))
        if current and starts_item:
            blocks.append(_block(current))
            current = []
        current.append((line_no, raw))
    if current:
        blocks.append(_block(current))
    return blocks


def _header(meta: object, path: str, line: int) -> Header:
    entry = check_mapping(meta, HEADER_FIELDS, path, "the front matter", line)
    get = lambda key: str(entry.get(key) or "")  # noqa: E731
    return Header(
        institution=get("institution"),
        place_date=get("place_date"),
        language_note=get("language_note"),
        number=get("number"),
        document_id=get("document_id"),
        date=get("date"),
        subject_codes=tuple(entry.get("subject_codes") or ()),
        status=get("status"),
        sender=get("from"),
        recipient=get("to"),
        previous_document=get("previous_document"),
        subject=get("subject"),
        cover_note=get("cover_note"),
        title=get("title"),
        short_title=get("short_title"),
        citation_title=get("citation_title") or get("title"),
        language=get("language") or "en",
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


def parse_document(source_dir: Path, name: str = "document.md") -> Document:
    """Read and check `document.md` in `source_dir`."""
    path = f"{source_dir.name}/{name}"
    text = read_text(source_dir / name, path)
    if not text.strip():
        raise SourceError(
            path, 1, "the file is empty; it needs the front matter and the text (see README, 'How to add a document')"
        )
    lines = text.splitlines()
    if lines[0].strip() != "---":
        raise SourceError(
            path, 1, "the file must start with a line '---' that opens the YAML front matter (see README)"
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise SourceError(path, 1, "the front matter is not closed; add a line '---' after it") from None
    meta = load_yaml("\n".join(lines[1:end]), path, line_offset=1)
    header = _header(meta, path, 2)

    preamble: list[str] = []
    recitals: list[Recital] = []
    paragraphs: list[Paragraph] = []
    sections: list[Section] = []
    footnotes: dict[str, Footnote] = {}
    current: Section | None = None
    slugs: dict[str, int] = {}
    blocks = _blocks(lines[end + 1 :], end + 2)
    numbered = [(int(m.group(1)), b.line) for b in blocks if (m := _PARAGRAPH.match(b))]

    def check_sections_filled() -> None:
        if current is not None and not current.paragraphs:
            raise SourceError(
                path, current.line, f"section '{current.heading}' has no paragraphs; add them or remove the heading"
            )

    for block in blocks:
        line = block.line
        if m := _FOOTNOTE.match(block):
            number, body = m.group(1), m.group(2).strip()
            if not body:
                raise SourceError(path, line, f"footnote [^{number}] is empty; write its text")
            if number in footnotes:
                raise SourceError(
                    path,
                    line,
                    (f"footnote [^{number}] is defined twice (first on line {footnotes[number].line}); keep one"),
                )
            _check_inline(block, m.start(2), path)
            footnotes[number] = Footnote(number, body, line)
        elif m := _SECTION.match(block):
            check_sections_filled()
            label, title = m.group(1) or "", m.group(2).strip()
            slug = (label or re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")).lower()
            if not slug:
                raise SourceError(path, line, "the heading has no title; write it after '## ' (e.g. '## I. TITLE')")
            if slug in slugs:
                raise SourceError(
                    path,
                    line,
                    (
                        f"section '{label or title}' appears twice (first on line {slugs[slug]}); "
                        "number sections uniquely"
                    ),
                )
            slugs[slug] = line
            current = Section(label, title, slug, line)
            sections.append(current)
        elif m := _PARAGRAPH.match(block):
            number, body = int(m.group(1)), m.group(2)
            expected = len(paragraphs) + 1
            if number != expected:
                seen = {p.number: p.line for p in paragraphs}
                later = next((ln for n, ln in numbered if n == expected and ln > line), None)
                if number in seen:
                    problem = (
                        f"paragraph {number} is repeated (first on line {seen[number]}); renumber "
                        "the paragraphs 1, 2, 3, ..."
                    )
                elif later is not None:
                    problem = (
                        f"paragraph {number} comes before paragraph {expected} (line {later}); "
                        "put the paragraphs in order"
                    )
                elif number > expected:
                    problem = (
                        f"paragraph {expected} is missing (this is paragraph {number}); number "
                        "the paragraphs 1, 2, 3, ... without gaps"
                    )
                else:
                    problem = (
                        f"paragraph number {number} is out of order (expected {expected}); number "
                        "the paragraphs 1, 2, 3, ..."
                    )
                raise SourceError(path, line, problem)
            _check_inline(block, m.start(2), path)
            if current is None:
                current = Section("", "Opening paragraphs", "opening", line)
                sections.append(current)
            paragraph = Paragraph(number, body, line, current, footnote_refs(body))
            current.paragraphs.append(paragraph)
            paragraphs.append(paragraph)
        elif m := _RECITAL.match(block):
            if paragraphs:
                raise SourceError(
                    path,
                    line,
                    ("a recital ('- ' line) comes after the numbered paragraphs; move it before paragraph 1"),
                )
            body = m.group(1)
            _check_inline(block, m.start(1), path)
            recitals.append(Recital(len(recitals) + 1, body, line, footnote_refs(body)))
        else:
            if recitals or paragraphs:
                raise SourceError(
                    path,
                    line,
                    "this text is not a paragraph ('N. '), heading ('## '), recital ('- ') or footnote ('[^N]: '); "
                    "start it with one of these",
                )
            _check_inline(block, 0, path)
            preamble.append(str(block))

    if not paragraphs:
        raise SourceError(
            path, end + 2, "the text has no numbered paragraphs ('1. ...'); add them after the front matter"
        )
    check_sections_filled()

    referenced: dict[str, int] = {}
    for item in [*recitals, *paragraphs]:
        for ref in item.footnotes:
            if ref not in footnotes:
                raise SourceError(
                    path,
                    item.line,
                    (f"footnote [^{ref}] is referenced but not defined; add a line '[^{ref}]: text' at the end"),
                )
            referenced.setdefault(ref, item.line)
    for number, note in footnotes.items():
        if number not in referenced:
            raise SourceError(
                path,
                note.line,
                (f"footnote [^{number}] is defined but never referenced; reference it with [^{number}] or remove it"),
            )

    return Document(header, preamble, recitals, paragraphs, sections, footnotes, path)
