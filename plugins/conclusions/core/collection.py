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

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from .errors import Problems, SourceError
from .index import Edition, check_used_across, link_document
from .layout import (
    COLLECTION_SETTINGS,
    DOCUMENT,
    DOCUMENTS,
    REGISTRY_FILES,
    SHARED_REGISTRY,
    document_folders,
    is_collection,
)
from .model import Registries
from .references import Reference, find_references, read_rules
from .registry_source import read_registries
from .reuse import Reuse, reused
from .urls import AT_ROOT, DocumentUrls, document_prefix
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

    @property
    def unresolved(self) -> tuple[Reference, ...]:
        """References the build report lists: to no document of the collection, or to a
        paragraph the cited document lacks."""
        return tuple(r for r in self.references if r.cited is None or r.why)

    def edition_of(self, src: str) -> Edition | None:
        """The edition whose page or file `src` is; None for the collection's own pages."""
        if not self.is_collection:
            return self.editions[0]
        folder = src.split("/", 1)[0] + "/"
        return next((e for e in self.editions if e.urls.prefix == folder), None)


def build_collection(source_dir: Path, reuse: Reuse | None = None) -> Collection:
    """Read every document of `source_dir` with the registries, link them, and resolve the
    references between them. Raises `SourceErrors` with every mistake of every document.

    Args:
        source_dir: the site's `source/`.
        reuse: what the last build read, taken again where its inputs are the same (`mkdocs serve`).
    """
    problems = Problems()
    registries = _registries(source_dir, problems, reuse)
    rules = read_rules(source_dir, problems)
    if not is_collection(source_dir):
        single = link_document(source_dir, registries, problems)
        problems.raise_any()
        assert single is not None
        # A reference from a lone document can only point outside: nothing to resolve.
        return Collection((single,), single.registries, (), False, unused_shared=single.unused_shared)
    title, root = _settings(source_dir, problems)
    editions: list[Edition] = []
    folders = _folders(source_dir, problems)
    for folder in folders:
        # The document that was at the root keeps its anchors on the register pages.
        key = "" if folder.name == root else folder.name
        urls = DocumentUrls(f"{folder.name}/", key)
        shown_as = f"{source_dir.name}/{DOCUMENTS}/{folder.name}"
        edition = reused(
            reuse,
            ("linked", folder.name),
            ((folder / DOCUMENT).read_bytes(), registries, urls, shown_as),
            partial(link_document, folder, registries, problems, urls, check_used=False, shown_as=shown_as),
        )
        if edition is not None:
            _check_folder(folder, edition, problems)
            editions.append(edition)
    if len(editions) == len(folders):
        check_used_across([e.document for e in editions], registries, problems, reuse)
    ids = {e.urls.prefix.rstrip("/") for e in editions}
    if root and root not in ids:
        problems.add(
            SourceError(
                source_dir / COLLECTION_SETTINGS,
                None,
                f"formerly_at_root names '{root}', which is no folder of {DOCUMENTS}/; "
                f"give one of: {', '.join(sorted(ids))}",
            )
        )
    problems.raise_any()
    editions.sort(key=lambda e: (e.document.header.date, e.document.header.document_id), reverse=True)
    named = [(e.document, e.urls) for e in editions]
    references = find_references(named, rules, reuse)
    outgoing: dict[str, dict[str, list[Reference]]] = {}
    incoming: dict[str, list[Reference]] = {}
    for ref in references:
        outgoing.setdefault(ref.citing.urls.prefix, {}).setdefault(ref.item, []).append(ref)
        if ref.cited is not None:
            incoming.setdefault(ref.cited.urls.prefix, []).append(ref)
    linked = tuple(
        _with_references(e, outgoing.get(e.urls.prefix, {}), incoming.get(e.urls.prefix, []), reuse) for e in editions
    )
    return Collection(
        linked,
        _used_by_any(registries, linked),
        references,
        True,
        title,
        next((e for e in linked if e.urls.prefix == f"{root}/"), None) if root else None,
        unused_shared=_unused_shared(registries, linked),
    )


def _settings(source_dir: Path, problems: Problems) -> tuple[str, str]:
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


def _check_folder(folder: Path, edition: Edition, problems: Problems) -> None:
    """A document's folder is its prefix, made from its id: its addresses must not depend on a folder's name."""
    h = edition.document.header
    expected = document_prefix(h.document_id, h.date[:4])
    if expected and folder.name != expected:
        problems.add(
            SourceError(
                folder / DOCUMENT,
                None,
                f"the folder of {h.document_id} must be named '{expected}' (its addresses are made from its id); rename it",
            )
        )


def _with_references(
    edition: Edition, outgoing: dict[str, list[Reference]], incoming: list[Reference], reuse: Reuse | None
) -> Edition:
    by_item = {k: tuple(v) for k, v in outgoing.items()}
    recalled_in = tuple(incoming)
    return reused(
        reuse,
        ("edition", edition.urls.prefix),
        (edition, by_item, recalled_in),
        partial(replace, edition, references=by_item, recalled_in=recalled_in),
    )


def _registries(source_dir: Path, problems: Problems, reuse: Reuse | None) -> Registries:
    """`read_registries`; with `reuse`, the last build's while the registry files hold the same bytes."""
    if reuse is None:
        return read_registries(source_dir, problems)
    with_mistakes: list[Registries] = []

    def read() -> Registries | None:
        mine = Problems()
        registries = read_registries(source_dir, mine)
        if not mine:
            return registries
        problems.extend(mine)  # not kept: read again next time, to report them again
        with_mistakes.append(registries)
        return None

    files = [folder / name for folder in (source_dir, SHARED_REGISTRY) for name in REGISTRY_FILES]
    kept = reuse.get("registries", tuple(f.read_bytes() if f.is_file() else None for f in files), read)
    return kept if kept is not None else with_mistakes[0]


def _used_by_any(registries: Registries, editions: Sequence[Edition]) -> Registries:
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


def _unused_shared(registries: Registries, editions: Sequence[Edition]) -> int:
    published = _used_by_any(registries, editions)
    return sum(
        len(getattr(registries, kind)) - len(getattr(published, kind))
        for kind in ("instruments", "terms", "actors", "verbs")
    )


def single(edition: Edition) -> Collection:
    """A one-document site's collection: its edition at the root."""
    assert edition.urls == AT_ROOT
    return Collection((edition,), edition.registries, (), False, unused_shared=edition.unused_shared)
