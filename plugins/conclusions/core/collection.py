"""What a site publishes: one document, or a collection of them, with the links between them.

A one-document site has `document.md` at the top of `source/`, and its pages at the site
root. A collection has one folder per document under `source/documents/`, named by the
document's prefix (`urls.document_prefix`: 'st-9876-2024'), each with its `document.md`
(and its `original/`, `import.yml`, `expected.yml`). The registries at the top of `source/`
serve every document; the register pages (instruments, glossary, actors, verbs) are the
collection's, across documents. `source/collection.yml` (optional) gives the collection's
title and, for a site that published one document at its root before it became a
collection, that document's folder (`formerly_at_root`): its old addresses then redirect.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from .edition import Edition
from .errors import Problems, SourceError, shown
from .fields import slug_problem
from .layout import COLLECTION_SETTINGS, DOCUMENT, DOCUMENTS, document_folders
from .model import Registries
from .references import Held, Reference, number_key
from .urls import AT_ROOT, SITE_FOLDERS, DocumentUrls, document_prefix
from .yamlsource import load_yaml, read_text

DEFAULT_TITLE = "Council conclusions"


@dataclass(frozen=True)
class Collection:
    """Every document a site publishes, the entries they use and the references between them."""

    editions: tuple[Edition, ...]
    """Newest first (by date, then document id); a one-document site's one edition."""
    registries: Registries
    """The entries any of the documents uses."""
    references: tuple[Reference, ...]
    """Every reference from one document to another, resolved or not."""
    is_collection: bool
    """False for a one-document site: its document is at the root."""
    title: str = DEFAULT_TITLE
    formerly_at_root: Edition | None = None
    """The document whose pages were at the root before the site became a collection."""
    unused_shared: int = 0
    versions: tuple[Edition, ...] = ()
    """The other language versions of the documents (`languages.py`), each under its document's
    prefix and its language code, by document folder, then by code."""

    def versions_of(self, edition: Edition) -> tuple[Edition, ...]:
        """`edition`'s language versions, by code."""
        return self._versions_by_document.get(edition.urls.prefix, ())

    @cached_property
    def _versions_by_document(self) -> dict[str, tuple[Edition, ...]]:
        grouped: dict[str, list[Edition]] = {}
        for v in self.versions:
            document = v.urls.prefix.removesuffix("/").rpartition("/")[0]
            grouped.setdefault(f"{document}/" if document else "", []).append(v)
        return {prefix: tuple(found) for prefix, found in grouped.items()}

    @cached_property
    def _versions_by_prefix(self) -> dict[str, Edition]:
        return {v.urls.prefix: v for v in self.versions}

    @property
    def unresolved(self) -> tuple[Reference, ...]:
        """References the build report lists: to no document of the collection, or to a
        paragraph the cited document lacks."""
        return tuple(r for r in self.references if r.cited is None or r.why)

    def found_automatically(self) -> list[str]:
        """The lines of the build log and the import report that list what the texts gave of
        themselves (`automatic.py`): each entry found and each set of words found for a
        registry entry, with its kind, id, words, places and address."""
        found = [(e, f) for e in self.editions for f in e.automatic]
        if not found:
            return []
        new = sum(1 for _, f in found if f.new)
        lines = [
            f"Found in the text{'s' if self.is_collection else ''} itself: {new} entries, and words for "
            f"{len(found) - new} registry entries (confirm or correct one in source/instruments.yml, "
            "glossary.yml or actors.yml by its id, or list its id or words under 'suppress:' there):"
        ]
        for edition, finding in found:
            where = f"{edition.document.header.document_id or edition.document.path}: " if self.is_collection else ""
            lines.append(f"  {where}{finding.line()}")
        return lines

    def edition_of(self, src: str) -> Edition | None:
        """The edition whose page or file `src` is; None for the collection's own pages."""
        if self.versions:
            # A version's pages stand one folder below its document's (`urls.language_version`).
            depth = 2 if self.is_collection else 1
            parts = src.split("/", depth)
            if len(parts) > depth and (v := self._versions_by_prefix.get("/".join(parts[:depth]) + "/")):
                return v
        if not self.is_collection:
            return self.editions[0]
        folder = src.split("/", 1)[0] + "/"
        return next((e for e in self.editions if e.urls.prefix == folder), None)


@dataclass(frozen=True)
class DocumentSource:
    """Where one document of a collection is read from, and where its pages go."""

    folder: Path
    urls: DocumentUrls
    shown_as: str
    """How errors name the folder ('source/documents/st-9876-2024')."""


def document_sources(source_dir: Path, problems: Problems, root: str) -> list[DocumentSource]:
    """The documents of the collection in `source_dir`, by folder name; `root`: the folder of the
    document that was at the site's root (`formerly_at_root`), which keeps its anchors on the
    register pages."""
    sources = []
    for folder in _folders(source_dir, problems):
        key = "" if folder.name == root else folder.name
        shown_as = f"{source_dir.name}/{DOCUMENTS}/{folder.name}"
        sources.append(DocumentSource(folder, DocumentUrls(f"{folder.name}/", key), shown_as))
    return sources


def read_settings(source_dir: Path, problems: Problems) -> tuple[str, str]:
    """The collection's title and `formerly_at_root` (`collection.yml`), each mistake added to `problems`."""
    path = source_dir / COLLECTION_SETTINGS
    if not path.is_file():
        return DEFAULT_TITLE, ""
    display = f"{source_dir.name}/{COLLECTION_SETTINGS}"
    try:
        data = load_yaml(read_text(path, display), display) or {}
    except SourceError as error:
        problems.add(error)
        return DEFAULT_TITLE, ""
    if not isinstance(data, dict):
        problems.add(SourceError(display, 1, "expected 'title:' and, optionally, 'formerly_at_root:'"))
        return DEFAULT_TITLE, ""
    unknown = sorted(set(data) - {"title", "formerly_at_root"})
    if unknown:
        problems.add(
            SourceError(display, 1, f"unknown key {', '.join(map(repr, unknown))}; keys are title and formerly_at_root")
        )
    title, root = data.get("title", DEFAULT_TITLE), data.get("formerly_at_root", "")
    if not isinstance(title, str) or not isinstance(root, str):
        problems.add(SourceError(display, 1, "title and formerly_at_root are text"))
        return DEFAULT_TITLE, ""
    return title, root


def _folders(source_dir: Path, problems: Problems) -> list[Path]:
    folder = source_dir / DOCUMENTS
    found = document_folders(source_dir)
    if not found:
        problems.add(
            SourceError(
                folder,
                None,
                "holds no document: add one with `conclusions import INPUT`, or remove the folder for a one-document site",
            )
        )
    if (source_dir / DOCUMENT).is_file():
        problems.add(
            SourceError(
                source_dir / DOCUMENT,
                None,
                f"a collection keeps each document in its own folder of {DOCUMENTS}/; move this one there "
                "(`conclusions import` does so when it adds a document)",
            )
        )
    return found


def held_in(text: bytes, where: str) -> Held:
    """The register number and date of one text (its bytes; `where` names it in a YAML
    mistake), from its front matter: empty where there is none, or a mistake (reported when
    the text itself is read)."""
    try:
        front = text.decode("utf-8").split("\n---", 1)[0]
        data = load_yaml(front.removeprefix("---"), where)
    except (UnicodeDecodeError, SourceError):
        return Held()
    if not isinstance(data, dict):
        return Held()
    key = number_key(str(data.get("document_id") or ""))
    date = data.get("date")
    return Held(frozenset([key] if key else []), frozenset([date] if isinstance(date, str) and date else []))


def held_by(held: Iterable[Held]) -> Held:
    """The register numbers and dates of every text, from what each holds (`held_in`)."""
    numbers: set[tuple[str, str]] = set()
    dates: set[str] = set()
    for one in held:
        numbers |= one.numbers
        dates |= one.dates
    return Held(frozenset(numbers), frozenset(dates))


def check_folder(folder: Path, edition: Edition, problems: Problems) -> bool:
    """A document's folder is its prefix, made from its id (its addresses must not depend on a
    folder's name), or for a document without an id, the folder's name: either must make
    addresses as an id does, and stand apart from the site's own folders."""
    h = edition.document.header
    expected = document_prefix(h.document_id, h.date[:4])
    where = edition.document.path
    if expected and folder.name != expected:
        problems.add(
            SourceError(
                folder / DOCUMENT,
                None,
                f"the folder of {shown(h.document_id)} must be named '{expected}' (its addresses are made from its "
                "id); rename it",
            )
        )
        return False
    if expected:
        made = f"document id {shown(h.document_id)} makes the prefix '{expected}', which"
        fix = "correct the document id"
    else:
        made = f"the folder name {shown(folder.name)} (the prefix of a document without a document id)"
        fix = "rename the folder, or give the document its document_id"
    if problem := slug_problem(expected or folder.name):
        problems.add(SourceError(where, None, f"{made} {problem.removesuffix('; shorten it')}; {fix}"))
        return False
    if (expected or folder.name) in SITE_FOLDERS:
        problems.add(
            SourceError(
                where,
                None,
                f"{made} is the name of the site's own folder /{expected or folder.name}/; {fix}",
            )
        )
        return False
    return True


def check_ids_unique(editions: Sequence[Edition], problems: Problems) -> None:
    """Two documents of one collection may not have one id: references by number would go to
    whichever was read last. Ids are compared without spaces and case ('ST 9876 /24' is 'st 9876/24')."""
    first: dict[str, Edition] = {}
    for edition in editions:
        document_id = edition.document.header.document_id
        key = "".join(document_id.split()).casefold()
        if not key:
            continue
        if key in first:
            problems.add(
                SourceError(
                    edition.document.path,
                    None,
                    f"document id {shown(document_id)} is also the id of {first[key].document.path}; each document "
                    "of a collection has its own id: correct the id of one of them, or remove one",
                )
            )
            continue
        first[key] = edition


def with_found(registries: Registries, editions: Sequence[Edition]) -> Registries:
    """`registries` and the entries each document gave of itself (one entry per id: the same
    number, abbreviation or name is the same entry, with the name of the first text, newest first)."""
    extra: dict[str, dict[str, Any]] = {"instruments": {}, "terms": {}, "actors": {}}
    for edition in editions:
        for kind, found in extra.items():
            for entry in getattr(edition.registries, kind):
                if entry.automatic:
                    found.setdefault(entry.id, entry)
    return replace(
        registries,
        instruments=(*registries.instruments, *extra["instruments"].values()),
        terms=(*registries.terms, *extra["terms"].values()),
        actors=(*registries.actors, *extra["actors"].values()),
    )


def used_by_any(registries: Registries, editions: Sequence[Edition]) -> Registries:
    """The entries of `registries` that one of `editions` publishes, in the registries' order."""
    used = {
        kind: {e.id for edition in editions for e in getattr(edition.registries, kind)}
        for kind in ("instruments", "terms", "actors", "verbs")
    }
    return replace(
        registries,
        instruments=tuple(e for e in registries.instruments if e.id in used["instruments"]),
        terms=tuple(e for e in registries.terms if e.id in used["terms"]),
        actors=tuple(e for e in registries.actors if e.id in used["actors"]),
        verbs=tuple(e for e in registries.verbs if e.id in used["verbs"]),
    )


def unused_shared(registries: Registries, editions: Sequence[Edition]) -> int:
    published = used_by_any(registries, editions)
    return sum(
        len(getattr(registries, kind)) - len(getattr(published, kind))
        for kind in ("instruments", "terms", "actors", "verbs")
    )


def single(edition: Edition) -> Collection:
    """A one-document site's collection: its edition at the root."""
    assert edition.urls == AT_ROOT
    return Collection((edition,), edition.registries, (), False, unused_shared=edition.unused_shared)
