"""The import of a file the tests only read (a text of fixtures/import/, the seed, a PDF drawn
once per session), made once per session and shared by the tests that read it. An
`ImportResult` is frozen and no test changes what it holds; a test that asks whether two
imports agree still makes one of them itself."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, cast

from conclusions.importer import ImportResult, import_document

from site_tests.support import yaml_data

IMPORT_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
"""The importer's inputs, each beside its hand reading (`<name>.expected.yml`)."""


@cache
def imported(path: Path) -> ImportResult:
    """`import_document(path)`, with no option, once per session."""
    return import_document(path)


def hand_read(name: str) -> tuple[str, dict[str, Any]]:
    """A text of fixtures/import/ and what a person read in it (its `.expected.yml`)."""
    text = (IMPORT_FIXTURES / name).read_text(encoding="utf-8")
    expected = yaml_data.safe_load((IMPORT_FIXTURES / name.replace(".txt", ".expected.yml")).read_text("utf-8"))
    return text, cast("dict[str, Any]", expected)
