"""What the tests ask of the core in one call, which the site itself never does: a document
or the registries read alone (the site reads them together, every mistake in one run), and
cards drawn and read back in memory (the site draws them into files while MkDocs renders)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conclusions.core import cards
from conclusions.core.document_source import read_document
from conclusions.core.errors import Problems
from conclusions.core.layout import DOCUMENT, SHARED_REGISTRY
from conclusions.core.model import Document, Registries
from conclusions.core.registry_source import read_registries
from conclusions.core.sharing import Card


def parse_document(source_dir: Path, name: str = DOCUMENT) -> Document:
    """Read and check `document.md` in `source_dir`; raises `SourceErrors` with every mistake."""
    problems = Problems()
    document = read_document(source_dir, problems, name)
    problems.raise_any()
    assert document is not None
    return document


def load_registries(source_dir: Path, shared_dir: Path | None = SHARED_REGISTRY) -> Registries:
    """Read and check the shared registry (unless `shared_dir` is None) and the site's own files;
    raises `SourceErrors` with every mistake."""
    problems = Problems()
    registries = read_registries(source_dir, problems, shared_dir)
    problems.raise_any()
    return registries


def render_all(todo: list[Card], cache_dir: Path | None) -> list[bytes]:
    """Every card's PNG, in order: from the cache when it holds one for exactly this content,
    else drawn (and kept in `cache_dir`, when given)."""
    with tempfile.TemporaryDirectory() as scratch:
        into = cache_dir if cache_dir is not None else Path(scratch)
        into.mkdir(parents=True, exist_ok=True)
        drawing = cards.Drawing(todo, into)
        drawing.wait()
        return [file.read_bytes() for file in drawing.files]
