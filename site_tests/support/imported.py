"""The import of a file the tests only read (a text of fixtures/import/, the seed, a PDF drawn
once per session), made once per session and shared by the tests that read it. An
`ImportResult` is frozen and no test changes what it holds; a test that asks whether two
imports agree still makes one of them itself."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from site_tests.support import yaml_data

if TYPE_CHECKING:  # imported when an import is made: conftest.py imports this module in every pytest process
    from conclusions.importer import ImportResult

IMPORT_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
"""The importer's inputs, each beside its hand reading (`<name>.expected.yml`)."""

REGISTER_SHAPES = (
    "ST-15614-2026-INIT-en.txt",
    "ST-15615-2026-INIT-en.txt",
    "ST-15616-2026-INIT-en.txt",
    "ST-16120-2026-INIT-en.txt",
    "ST-16244-2026-INIT-en.txt",
    "ST-16310-2026-INIT-en.txt",
    "ST-16388-2026-INIT-en.txt",
)
"""Invented texts in shapes the register publishes (fixtures/import/README.md), each with its
hand reading: read by the unit tests from their text, built by the build tests from their text
and from their drawn PDF."""


@cache
def imported(path: Path) -> ImportResult:
    """`import_document(path)`, with no option, once per session."""
    from conclusions.importer import import_document

    return import_document(path)


def hand_read(name: str) -> tuple[str, dict[str, Any]]:
    """A text of fixtures/import/ and what a person read in it (its `.expected.yml`)."""
    text = (IMPORT_FIXTURES / name).read_text(encoding="utf-8")
    expected = yaml_data.safe_load((IMPORT_FIXTURES / name.replace(".txt", ".expected.yml")).read_text("utf-8"))
    return text, cast("dict[str, Any]", expected)


@cache
def own_language_register_texts() -> dict[str, dict[str, Any]]:
    """The texts of fixtures/import/ in a language of the package other than English, in the
    register's plain-lines shape, whose hand reading says so (`register_shape:`, with how many
    lines its cover page's header block has): name -> that hand reading. A new language's text
    is picked up by every test that reads these, with no name of it in the tests."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(IMPORT_FIXTURES.glob("*.expected.yml")):
        expected = cast("dict[str, Any]", yaml_data.safe_load(path.read_text("utf-8")))
        if "register_shape" in expected:
            found[path.name.replace(".expected.yml", ".txt")] = expected
    return found
