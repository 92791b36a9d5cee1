"""A first heading before the words that open the text and the recitals: the importer reads the
recitals and the lead-in after those words, as after a preamble, and writes the heading where
the Council put it, before them. The fixture text is invented:
fixtures/import/ST-15612-2026-INIT-en.txt; its variant here with dashed recitals after
"RECALLING:" is invented too."""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.importer import import_document

from site_tests.support.build import FIXTURES
from site_tests.support.core import parse_document

pytestmark = pytest.mark.unit

TEXT = FIXTURES / "import" / "ST-15612-2026-INIT-en.txt"


def _in_order(document_md: str, *blocks: str) -> bool:
    """Whether each of `blocks` is a line of `document_md`, or opens one as its first words, in
    this order."""
    lines = document_md.split("\n")
    at = [next(i for i, line in enumerate(lines) if line == block or line.startswith(block + " ")) for block in blocks]
    return at == sorted(at)


def test_the_heading_its_words_the_recitals_and_the_lead_in_stand_in_the_texts_order() -> None:
    result = import_document(TEXT)
    assert result.report.unplaced == () and result.report.doubtful == ()
    assert _in_order(
        result.document_md,
        "## I. INTRODUCTION",
        "THE COUNCIL OF THE EUROPEAN UNION,",
        "- RECALLING the Convention",
        "- NOTING",
        "HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:",
        "1. WELCOMES",
        "## II. THE WAY FORWARD",
    )


def test_a_list_of_dashed_recitals_after_the_opening_words(tmp_path: Path) -> None:
    text = TEXT.read_text(encoding="utf-8")
    text = text.replace("UNION,\nRECALLING the Convention", "UNION,\nRECALLING:\n– the Convention")
    text = text.replace("RECALLING Regulation", "– Regulation").replace("NOTING that", "– NOTING that")
    variant = tmp_path / TEXT.name
    variant.write_text(text, encoding="utf-8")
    result = import_document(variant)
    assert result.report.unplaced == () and result.report.doubtful == ()
    # Each line of the opening words a block of its own, as in a preamble; the dashes recitals.
    assert _in_order(
        result.document_md,
        "## I. INTRODUCTION",
        "THE COUNCIL OF THE EUROPEAN UNION,",
        "RECALLING:",
        "- the Convention",
        "- NOTING",
        "HEREBY ADOPTS",
        "1. WELCOMES",
    )
    source = tmp_path / "source"
    source.mkdir()
    (source / "document.md").write_text(result.document_md, encoding="utf-8")
    document = parse_document(source)
    assert document.sections[0].opening_words == ("THE COUNCIL OF THE EUROPEAN UNION,", "RECALLING:")
    assert len(document.recitals) == 3 and document.leading_section is document.sections[0]
