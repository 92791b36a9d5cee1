"""Where things are in a site's `source/` folder (MkDocs' `docs_dir`) and in the shared registry.

Every file and folder name of the source layout is spelled here, once: the core reads them,
the importer and the `conclusions` command write them. What a site publishes (page paths,
anchors, data files) is `urls.py`'s.

A one-document site::

    source/document.md        the text (front matter and body)
    source/original/          the input it was imported from, untouched
    source/import.yml         the record of the import
    source/expected.yml       what a person read off the text, for the tests (not published)
    source/instruments.yml    the site's own registries (optional), beside the shared ones
    source/glossary.yml
    source/actors.yml
    source/verbs.yml
    source/references.yml     the words that name another document, by language (optional)

A collection keeps each document, with its `original/`, `import.yml` and `expected.yml`, in
`source/documents/<prefix>/`, and its settings in `source/collection.yml`; the registries
stay at the top of `source/` and serve every document.

A document's other language versions stand beside it, one folder each, named by the
version's language code, with their own `original/` and `import.yml`::

    source/lang/fr/document.md                      a one-document site's French version
    source/documents/<prefix>/lang/fr/document.md   the French version of a collection's document
"""

from __future__ import annotations

from pathlib import Path

SOURCE = "source"
"""The source folder of a site that `conclusions new` makes (its `mkdocs.yml` names it `docs_dir`)."""

DOCUMENT = "document.md"
"""A document's text."""
ORIGINAL = "original"
"""The folder that keeps the input a document was imported from."""
IMPORT_RECORD = "import.yml"
"""The record of a document's last import (what was removed, the digest of what was written)."""
EXPECTED = "expected.yml"
"""What a person read off a document by hand, for the tests; never published."""
LANGUAGES = "lang"
"""A document's folder of other language versions, one folder each, named by its language code."""
MOVED_WITH_DOCUMENT = (DOCUMENT, IMPORT_RECORD, ORIGINAL, EXPECTED, LANGUAGES)
"""What belongs to a document and moves with it into a collection's folder."""

DOCUMENTS = "documents"
"""A collection's folder of documents, one folder each, named by the document's prefix."""
COLLECTION_SETTINGS = "collection.yml"
"""A collection's title and the document that was at the site's root (`formerly_at_root`)."""

INSTRUMENTS_FILE = "instruments.yml"
GLOSSARY_FILE = "glossary.yml"
ACTORS_FILE = "actors.yml"
VERBS_FILE = "verbs.yml"
REGISTRY_FILES = (INSTRUMENTS_FILE, GLOSSARY_FILE, ACTORS_FILE, VERBS_FILE)
"""The registries, in a site's `source/` (each optional) and in the shared registry."""
REFERENCE_RULES_FILE = "references.yml"
"""The words by which a text names another, by language (shared, and optionally the site's)."""

SHARED_REGISTRY = Path(__file__).resolve().parent.parent / "registry"
"""The shared registry shipped with the package: `REGISTRY_FILES` and `REFERENCE_RULES_FILE`."""
SHARED_LABEL = "conclusions/registry"
"""How messages name the shared registry's folder."""


def is_collection(source_dir: Path) -> bool:
    """Whether `source_dir` holds a collection (a `documents/` folder) rather than one document."""
    return (source_dir / DOCUMENTS).is_dir()


def document_folders(source_dir: Path) -> list[Path]:
    """A collection's document folders (those holding a `document.md`), by name."""
    return sorted(d for d in (source_dir / DOCUMENTS).iterdir() if d.is_dir() and (d / DOCUMENT).is_file())


def language_folders(document_folder: Path) -> list[Path]:
    """The language versions of the document in `document_folder` (folders of `lang/` holding
    a `document.md`), by language code."""
    folder = document_folder / LANGUAGES
    if not folder.is_dir():
        return []
    return sorted(d for d in folder.iterdir() if d.is_dir() and (d / DOCUMENT).is_file())
