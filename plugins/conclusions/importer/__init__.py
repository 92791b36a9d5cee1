"""Import a Council text (register PDF, its text, or a Markdown-like extraction) as a site's source.

`import_document` reads one file and returns the text of `source/document.md`, the
registries a new site starts with, a report for the person who checks the import, the
lines that were dropped as page furniture, and the record kept as `source/import.yml`.
Nothing here knows MkDocs; the command line and the scaffold call it.

The input is read into numbered lines by `conclusions.reader`, the reader the build's
fidelity check reads `source/original/` with again. Same input and options, same output,
byte for byte.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..core.layout import VERBS_FILE
from ..reader.lines import KIND_MARKDOWNISH, Unreadable, read_original
from . import lines as plain_lines
from . import markdownish
from .model import Cleaned, DraftParagraph, DraftRecital, ImportFailure, Parsed, count_points
from .report import Report
from .structure import as_in_subject, build, citation_title, iso_date, short_title
from .verbs import FoundVerb, find_prose_verbs, find_sentence_case_verbs, find_verbs, shared_verbs, verbs_yaml
from .words import words
from .writer import FIELD_ORDER, OCCASIONAL, document_md
from .yamltext import dump

__all__ = ["ImportFailure", "ImportResult", "Reading", "Report", "import_document", "read"]

# Register file names: ST-9876-2024-INIT-en.pdf, ST-9237-2024-REV1-fr.txt, EUCO-25-2024-INIT-en.pdf
_REGISTER_NAME = re.compile(
    r"^(?:ST|EUCO|CM|PE-CONS)-\d+-\d{4}-(?:INIT|REV\d+|COR\d+|ADD\d+)-(?P<language>[a-z]{2})\b", re.IGNORECASE
)
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


@dataclass(frozen=True)
class Reading:
    """What the importer read of an input, before it decides anything: the lines with the
    furniture and the footnote texts taken out (`cleaned`), and the document found (`parsed`)."""

    cleaned: Cleaned
    parsed: Parsed


def read(source: Path) -> Reading:
    """Read one input as `import_document` does (for a look at its header, furniture and
    footnotes, whether or not it imports)."""
    try:
        data = Path(source).read_bytes()
    except OSError as error:
        raise ImportFailure(f"{source} cannot be read ({error.strerror}): check the path") from None
    cleaned = _clean(data, Path(source).name)
    return Reading(cleaned, build(cleaned))


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
    try:
        original = read_original(data, name)
    except Unreadable as error:
        raise ImportFailure(str(error)) from None
    if original.kind == KIND_MARKDOWNISH:
        return markdownish.clean(original)
    return plain_lines.clean(original.pages, original.kind, original.dropped)


def _header(parsed: Parsed, name: str, options: dict[str, str | None]) -> dict[str, object]:
    """The front matter's fields: found in the text, then the options over them (no title when
    neither gives one: the import is then refused, see `_refusal`)."""
    found = dict(parsed.header)
    if options["number"]:
        found["number"] = options["number"]
    if "number" in found:
        found["document_id"] = _document_id(str(found["number"]), parsed, bool(options["number"]))
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
        return {field: found[field] for field in FIELD_ORDER if field in found}
    title = str(found["title"])
    named = as_in_subject(title, str(found.get("subject") or ""))
    found["short_title"] = options["short_title"] or short_title(named)
    found["citation_title"] = citation_title(named)
    language = options["language"]
    register = _REGISTER_NAME.match(name)
    if not language and register:
        language = register.group("language").lower()
        parsed.notes.append(f"language: {language}, from the register file name")
    if not language and parsed.language:
        language = parsed.language
        parsed.notes.append(f"language: {language}, from the words of the title")
    if language:
        found["language"] = language
    # A label may be in several languages ("Origine:"): the cover page is in the language most
    # of its labels are in, the text's own when it is among them.
    labels = Counter(parsed.label_languages)
    most = max(labels.values(), default=0)
    cover = next((lang for lang, n in labels.most_common() if n == most), "")
    if cover and language and labels[language] < most:
        found["cover_language"] = cover
        parsed.notes.append(f"cover_language: {cover}, the language of the cover page's labels")
    return {field: found[field] for field in FIELD_ORDER if field in found}


def _refusal(name: str, header: dict[str, object], parsed: Parsed, verbs: list[FoundVerb]) -> str:
    """Why the text is no Council conclusions or resolution the edition can publish; "" when it is.

    Numbered paragraphs alone do not make conclusions: a note's paragraphs are numbered too. The
    text must also have a title of conclusions or a resolution, a preamble that names the Council
    ("THE COUNCIL OF THE EUROPEAN UNION,"), or an operative verb in its paragraphs."""
    unplaced = len(parsed.unplaced)
    lines = f"{unplaced} line{'s' if unplaced != 1 else ''} unplaced"
    if "title" not in header:
        return f"no title found (no 'Council conclusions ...' line, no Subject), {lines}; pass a title with --title"
    adopted = any(words().preamble.match(line) for line in parsed.preamble)
    concluding = bool(words().titles.match(str(header["title"]))) or adopted or bool(verbs)
    if not parsed.paragraphs or not concluding:
        return (
            f"no numbered paragraphs of conclusions found; {lines}; the text ({str(header['title'])[:80]!r}) is no "
            "Council conclusions or resolution: import the conclusions themselves"
        )
    return ""


def _merged(upper: list[FoundVerb], prose: list[FoundVerb]) -> list[FoundVerb]:
    """The verbs found both ways, one entry per verb (forms and counts added up)."""
    by_verb = {verb.verb: verb for verb in upper}
    for verb in prose:
        if verb.verb in by_verb:
            first = by_verb[verb.verb]
            forms = tuple(sorted({*first.forms, *verb.forms}))
            by_verb[verb.verb] = FoundVerb(verb.verb, forms, first.request, first.count + verb.count, first.known)
        else:
            by_verb[verb.verb] = verb
    return [by_verb[name] for name in sorted(by_verb)]


def _document_id(number: str, parsed: Parsed, given: bool) -> str:
    """ "ST 9876/24 REV 1" for the register's number "9876/24" (series ST unless it says another:
    "EUCO 25/24"); an Official Journal act's number is its id ("C/2024/1234")."""
    if parsed.series == "act" and not given:
        return number
    series = "" if number[:1].isalpha() else "ST"
    return " ".join(part for part in (series, number, "" if given else parsed.number_suffix) if part)


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
    title_read = str(header.get("title") or "")
    found_verbs = _merged(
        _merged(
            find_verbs(parsed.paragraphs, shared_verbs()),
            find_prose_verbs(parsed.paragraphs, shared_verbs(lower_case=True), title_read),
        ),
        find_sentence_case_verbs(
            parsed.paragraphs, parsed.preamble, [*shared_verbs(), *shared_verbs(lower_case=True)], title_read
        ),
    )
    new_verbs = [verb for verb in found_verbs if not verb.known]
    registries = {VERBS_FILE: verbs_yaml(new_verbs, source.name)} if new_verbs else {}
    recital_kinds = {("-" if recital.marked else "") if recital.label == "-" else "A" for recital in parsed.recitals}
    items: list[DraftRecital | DraftParagraph] = [*parsed.recitals, *parsed.paragraphs]
    refusal = _refusal(source.name, header, parsed, found_verbs)
    report = Report(
        source=source.name,
        kind=cleaned.kind,
        fields_found=tuple(field for field in FIELD_ORDER if field in header),
        fields_missing=tuple(field for field in FIELD_ORDER if field not in header and field not in OCCASIONAL),
        recitals=len(parsed.recitals),
        recital_kind=" and ".join(
            sorted({"-": "dashes", "A": "letters", "": "no mark, written with dashes"}[k] for k in recital_kinds)
        ),
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
        doubtful=tuple(parsed.doubtful),
        causes=tuple(parsed.causes.items()),
        refusal=refusal,
    )
    if refusal:
        raise ImportFailure(f"{source.name}: {refusal}", report)
    document = document_md(header, parsed)
    record = dump(
        {
            "input": source.name,
            "input_sha256": hashlib.sha256(data).hexdigest(),
            "kind": cleaned.kind,
            "document_sha256": hashlib.sha256(document.encode("utf-8")).hexdigest(),
            "options": options,
            "removed": [{"where": line.where.label(), "text": line.text} for line in cleaned.removed],
            "unplaced": [
                {"where": line.where.label(), "text": line.text, "cause": parsed.causes.get(line.where.label(), "")}
                for line in parsed.unplaced
            ],
            "doubtful": [{"where": doubt.where, "text": doubt.text, "cause": doubt.why} for doubt in parsed.doubtful],
        }
    )
    return ImportResult(document, registries, report, tuple(line.text for line in cleaned.removed), record)
