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
from .inline import footnote_refs, unbalanced_tag
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


def _blocks(lines: list[str], first_line: int) -> list[tuple[int, str]]:
    """Blank-line separated blocks as (line number, text); list items are one block each."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for offset, raw in enumerate(lines):
        line_no = first_line + offset
        text = raw.strip()
        if not text:
            if current:
                blocks.append((start, " ".join(current)))
                current = []
            continue
        starts_item = bool(_RECITAL.match(text) or _FOOTNOTE.match(text) or _SECTION.match(text))
        if current and starts_item:
            blocks.append((start, " ".join(current)))
            current = []
        if not current:
            start = line_no
        current.append(text)
    if current:
        blocks.append((start, " ".join(current)))
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


def _check_inline(text: str, path: str, line: int) -> None:
    bad = unbalanced_tag(text)
    if bad:
        raise SourceError(path, line, f"tag {bad.value} is not closed or not opened; balance it", bad.start + 1)


def parse_document(source_dir: Path, name: str = "document.md") -> Document:
    """Read and check `document.md` in `source_dir`."""
    path = f"{source_dir.name}/{name}"
    text = read_text(source_dir / name, path)
    if not text.strip():
        raise SourceError(path, 1, "is empty; it needs front matter and the text (see README)")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise SourceError(path, 1, "must start with '---' and the YAML front matter of the header")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise SourceError(path, 1, "front matter is not closed; add a line '---' after it") from None
    meta = load_yaml("\n".join(lines[1:end]), path, line_offset=1)
    header = _header(meta, path, 2)

    preamble: list[str] = []
    recitals: list[Recital] = []
    paragraphs: list[Paragraph] = []
    sections: list[Section] = []
    footnotes: dict[str, Footnote] = {}
    current: Section | None = None
    slugs: set[str] = set()

    for line, block in _blocks(lines[end + 1 :], end + 2):
        if m := _FOOTNOTE.match(block):
            number, body = m.group(1), m.group(2).strip()
            if not body:
                raise SourceError(path, line, f"footnote [^{number}] is empty; write its text")
            if number in footnotes:
                raise SourceError(path, line, f"footnote [^{number}] is defined twice (first on line {footnotes[number].line}); keep one")
            _check_inline(body, path, line)
            footnotes[number] = Footnote(number, body, line)
        elif m := _SECTION.match(block):
            if current is not None and not current.paragraphs:
                raise SourceError(path, current.line, f"section '{current.heading}' has no paragraphs; add them or remove the heading")
            label, title = m.group(1) or "", m.group(2).strip()
            slug = (label or re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")).lower()
            if slug in slugs:
                raise SourceError(path, line, f"section '{label or title}' appears twice; number sections uniquely")
            slugs.add(slug)
            current = Section(label, title, slug, line)
            sections.append(current)
        elif m := _PARAGRAPH.match(block):
            number, body = int(m.group(1)), m.group(2)
            expected = len(paragraphs) + 1
            if number != expected:
                seen = {p.number: p.line for p in paragraphs}
                if number in seen:
                    problem = f"paragraph {number} is repeated (first on line {seen[number]}); renumber"
                elif number > expected:
                    problem = f"paragraph {expected} is missing (found {number}); number paragraphs 1, 2, 3, ... in order"
                else:
                    problem = f"paragraph {number} is out of order (expected {expected}); number paragraphs in order"
                raise SourceError(path, line, problem)
            _check_inline(body, path, line)
            if current is None:
                current = Section("", "Opening paragraphs", "opening", line)
                sections.append(current)
            paragraph = Paragraph(number, body, line, current, footnote_refs(body))
            current.paragraphs.append(paragraph)
            paragraphs.append(paragraph)
        elif m := _RECITAL.match(block):
            if paragraphs:
                raise SourceError(path, line, "a recital ('- ' line) comes after the numbered paragraphs; move it before paragraph 1")
            body = m.group(1)
            _check_inline(body, path, line)
            recitals.append(Recital(len(recitals) + 1, body, line, footnote_refs(body)))
        else:
            if recitals or paragraphs:
                raise SourceError(
                    path, line,
                    "text that is not a paragraph ('N. '), heading ('## '), recital ('- ') or footnote ('[^N]: '); "
                    "start it with one of these",
                )
            _check_inline(block, path, line)
            preamble.append(block)

    if not paragraphs:
        raise SourceError(path, end + 2, "has no numbered paragraphs ('1. ...'); add the text")
    if current is not None and not current.paragraphs:
        raise SourceError(path, current.line, f"section '{current.heading}' has no paragraphs; add them or remove the heading")

    referenced: dict[str, int] = {}
    for item in [*recitals, *paragraphs]:
        for ref in item.footnotes:
            if ref not in footnotes:
                raise SourceError(path, item.line, f"footnote [^{ref}] is referenced but not defined; add a line '[^{ref}]: text'")
            referenced.setdefault(ref, item.line)
    for number, note in footnotes.items():
        if number not in referenced:
            raise SourceError(path, note.line, f"footnote [^{number}] is defined but never referenced; reference it or remove it")

    return Document(header, preamble, recitals, paragraphs, sections, footnotes, path)
