"""Which headings the importer writes one level down (`### `): a lettered heading after a
Roman-numbered one, in letter order; the headings of a text lettered throughout stay sections,
so that their published addresses (`/sections/a/`) stay. The fixture text is invented:
fixtures/import/ST-15230-2026-INIT-en.txt ("II. FINDINGS", then "A. Planning", "B. Monitoring")."""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.importer import import_document
from conclusions.importer.levels import mark_subsections, roman_numeral
from conclusions.importer.model import DraftSection, Where

from site_tests.support.build import FIXTURES

pytestmark = pytest.mark.unit

NESTED = FIXTURES / "import" / "ST-15230-2026-INIT-en.txt"
LETTERED = FIXTURES / "import" / "ST-11250-2026-INIT-en.txt"


def _levels(*labels: str) -> list[str]:
    sections = [DraftSection(label, "Title", Where(page=0, line=i)) for i, label in enumerate(labels, start=1)]
    mark_subsections(sections)
    return [("### " if s.under else "## ") + s.label for s in sections]


def _headings(document_md: str) -> list[str]:
    return [line for line in document_md.split("\n") if line.startswith("#")]


def test_roman_numerals_are_written_as_the_council_writes_them() -> None:
    assert [roman_numeral(n) for n in (1, 2, 3, 4, 9, 14, 40, 49)] == [
        "I",
        "II",
        "III",
        "IV",
        "IX",
        "XIV",
        "XL",
        "XLIX",
    ]


def test_letters_under_a_roman_heading_go_one_level_down() -> None:
    assert _levels("I", "II", "A", "B", "III") == ["## I", "## II", "### A", "### B", "## III"]
    # Letters start again under each Roman heading.
    assert _levels("I", "A", "B", "II", "A") == ["## I", "### A", "### B", "## II", "### A"]


def test_a_text_lettered_throughout_keeps_its_headings_as_sections() -> None:
    assert _levels("A", "B", "C") == ["## A", "## B", "## C"]


def test_letters_that_are_roman_numerals_are_read_by_their_order() -> None:
    # "I." after "H." under "I." is the next letter; "V." after "IV." is the next number.
    letters = [chr(c) for c in range(ord("A"), ord("I") + 1)]
    assert _levels("I", *letters, "II") == ["## I", *(f"### {x}" for x in letters), "## II"]
    assert _levels("I", "II", "III", "IV", "V") == ["## I", "## II", "## III", "## IV", "## V"]
    # "C." under "I." is a letter when "A." and "B." came before it, else a heading of its own.
    assert _levels("I", "A", "B", "C") == ["## I", "### A", "### B", "### C"]
    assert _levels("I", "C") == ["## I", "## C"]


def test_a_letter_out_of_order_or_after_an_unnumbered_heading_is_a_section() -> None:
    assert _levels("I", "B") == ["## I", "## B"]
    assert _levels("I", "A", "", "B") == ["## I", "### A", "## ", "## B"]
    assert _levels("1", "A") == ["## 1", "## A"]


def test_the_fixture_imports_with_its_sub_headings_and_builds_into_its_model(tmp_path: Path) -> None:
    result = import_document(NESTED)
    assert _headings(result.document_md) == [
        "# ANNEX",
        "## I. INTRODUCTION",
        "## II. FINDINGS",
        "### A. Planning",
        "### B. Monitoring",
        "## III. RECOMMENDATIONS",
    ]
    # The words that open the text stand under the first heading, where the Council put them.
    text = result.document_md
    assert text.index("## I. INTRODUCTION") < text.index("THE COUNCIL OF THE EUROPEAN UNION,") < text.index("1. ")


def test_a_lettered_text_keeps_its_sections() -> None:
    headings = _headings(import_document(LETTERED).document_md)
    assert "## A. Context" in headings and "## B. Priorities" in headings
    assert not any(h.startswith("### ") for h in headings)
