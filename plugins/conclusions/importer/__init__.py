"""Import a Council text (register PDF, its text, or a Markdown-like extraction) as a site's source.

`import_document` reads one file and returns the text of `source/document.md`, the
registries a new site starts with, a report for the person who checks the import, the
lines that were dropped as page furniture, and the record kept as `source/import.yml`.
Nothing here knows MkDocs; the command line and the scaffold call it.

The input kind comes from its content, not its name: a PDF starts with `%PDF`; a text
with `<sup>N</sup>`, `**`, `#` headings or `---` rules is the Markdown-like shape; any
other text is read as lines laid out like a PDF's text layer. Text must be UTF-8
(`\\r\\n` is read as `\\n`); lines are numbered by `\\n` only. Same input and options, same
output, byte for byte.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..core.layout import VERBS_FILE
from . import lines as plain_lines
from . import markdownish
from .model import Cleaned, ImportFailure, Paragraph, Parsed, Recital, count_points
from .report import Report
from .structure import build, citation_title, iso_date, short_title
from .verbs import find_verbs, shared_verbs, verbs_yaml
from .writer import FIELD_ORDER, document_md
from .yamltext import dump

__all__ = ["ImportFailure", "ImportResult", "Report", "import_document"]

# Register file names: ST-9876-2024-INIT-en.pdf, ST-9237-2024-REV1-fr.txt
_REGISTER_NAME = re.compile(r"^ST-\d+-\d{4}-(?:INIT|REV\d+|COR\d+|ADD\d+)-(?P<language>[a-z]{2})\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ImportResult:
    """What one import makes: document.md, registry files, the record of the import and the report."""

    document_md: str
    """The text of source/document.md."""
    registries: dict[str, str]
    """File name -> YAML text of the registries the site needs of its own: a verbs.yml with the
    verbs the shared list lacks, when the text has any. Actors, abbreviations, instruments and
    the known verbs come from the shared registry (`conclusions/registry/`)."""
    report: Report
    removed: tuple[str, ...]
    """Lines of the input not carried into document.md (page furniture, rules), in order."""
    record: str
    """YAML text of source/import.yml."""


def _check_options(date: str | None) -> None:
    if date is None:
        return
    try:
        ok = bool(_ISO_DATE.match(date)) and datetime.date.fromisoformat(date).isoformat() == date
    except ValueError:
        ok = False
    if not ok:
        raise ImportFailure(f"date {date!r} is not a real ISO date: give it as YYYY-MM-DD, e.g. 2023-11-13")


def _clean(data: bytes, name: str) -> Cleaned:
    dropped: Counter[str] = Counter()  # invisible characters taken out (see chars.py)
    if data.lstrip()[:4] == b"%PDF":
        from .pdf import read_pdf  # PDFium is loaded only for PDFs

        return plain_lines.clean(plain_lines.pages_from_pdf(read_pdf(data), dropped), "PDF", dropped)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailure(
            f"{name} is not UTF-8 text (byte {error.start}): save it as UTF-8, or import the PDF"
        ) from None
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise ImportFailure(f"{name} is empty: give the text or the PDF of a Council document")
    if markdownish.looks_markdownish(text):
        return markdownish.clean(text)
    return plain_lines.clean(plain_lines.pages_from_text(text, dropped), "plain text lines", dropped)


def _header(parsed: Parsed, name: str, options: dict[str, str | None]) -> dict[str, object]:
    """The front matter's fields: found in the text, then the options over them."""
    found = dict(parsed.header)
    if options["number"]:
        found["number"] = options["number"]
    if "number" in found:
        found["document_id"] = " ".join(["ST", str(found["number"]), parsed.number_suffix]).strip()
    if "place_date" in found and iso_date(str(found["place_date"])):
        found["date"] = iso_date(str(found["place_date"]))
    if options["date"]:
        found["date"] = options["date"]
    if options["title"]:
        found["title"] = options["title"]
    if "title" not in found and "subject" in found:
        found["title"] = found["subject"]
        parsed.notes.append("title: no title found above the text; the subject is used")
    if "title" not in found:
        raise ImportFailure(f"{name}: no title found (no 'Council conclusions ...' line, no Subject): pass a title")
    title = str(found["title"])
    found["short_title"] = options["short_title"] or short_title(title)
    found["citation_title"] = citation_title(title)
    language = options["language"]
    register = _REGISTER_NAME.match(name)
    if not language and register:
        language = register.group("language").lower()
        parsed.notes.append(f"language: {language}, from the register file name")
    if language:
        found["language"] = language
    return {field: found[field] for field in FIELD_ORDER if field in found}


def import_document(
    source: Path,
    *,
    number: str | None = None,
    date: str | None = None,
    title: str | None = None,
    short_title: str | None = None,
    language: str | None = None,
) -> ImportResult:
    """Import one Council text; options override what the text gives."""
    _check_options(date)
    source = Path(source)
    try:
        data = source.read_bytes()
    except OSError as error:
        raise ImportFailure(f"{source} cannot be read ({error.strerror}): check the path") from None
    options = {"number": number, "date": date, "title": title, "short_title": short_title, "language": language}
    cleaned = _clean(data, source.name)
    parsed = build(cleaned)
    header = _header(parsed, source.name, options)
    document = document_md(header, parsed)
    found_verbs = find_verbs(parsed.paragraphs, shared_verbs())
    new_verbs = [verb for verb in found_verbs if not verb.known]
    registries = {VERBS_FILE: verbs_yaml(new_verbs, source.name)} if new_verbs else {}
    recital_kinds = {"-" if recital.label == "-" else "A" for recital in parsed.recitals}
    items: list[Recital | Paragraph] = [*parsed.recitals, *parsed.paragraphs]
    report = Report(
        source=source.name,
        kind=cleaned.kind,
        fields_found=tuple(field for field in FIELD_ORDER if field in header),
        fields_missing=tuple(field for field in FIELD_ORDER if field not in header),
        recitals=len(parsed.recitals),
        recital_kind=" and ".join(sorted({"-": "dashes", "A": "letters"}[k] for k in recital_kinds)),
        paragraphs=len(parsed.paragraphs),
        sections=len(parsed.sections),
        points=sum(count_points(item.points) for item in items),
        footnotes=len(parsed.footnotes),
        footnotes_without_text=tuple(note.number for note in parsed.footnotes if not note.text),
        verbs=tuple(found_verbs),
        removed=tuple(cleaned.removed),
        unplaced=tuple(parsed.unplaced),
        notes=tuple(parsed.notes),
        options=tuple((name, value) for name, value in options.items() if value is not None),
    )
    record = dump(
        {
            "input": source.name,
            "input_sha256": hashlib.sha256(data).hexdigest(),
            "kind": cleaned.kind,
            "document_sha256": hashlib.sha256(document.encode("utf-8")).hexdigest(),
            "options": options,
            "removed": [{"where": line.where.label(), "text": line.text} for line in cleaned.removed],
        }
    )
    return ImportResult(document, registries, report, tuple(line.text for line in cleaned.removed), record)
