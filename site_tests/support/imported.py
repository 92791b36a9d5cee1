"""The import of a file the tests only read (a text of fixtures/import/, the seed, a PDF drawn
once per session), made once per session and shared by the tests that read it. An
`ImportResult` is frozen and no test changes what it holds; a test that asks whether two
imports agree still makes one of them itself."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from conclusions.importer import ImportResult, import_document


@cache
def imported(path: Path) -> ImportResult:
    """`import_document(path)`, with no option, once per session."""
    return import_document(path)
