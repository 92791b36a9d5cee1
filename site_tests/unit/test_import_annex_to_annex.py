"""An annex of the conclusions inside the annex a cover note carries ("ANNEX TO THE ANNEX",
often a list of the texts the conclusions recall): its lines are the text's appendix, never
paragraphs of the conclusions, and never unplaced.

Each case is the invented fixture fixtures/import/ST-11250-2026-INIT-en.txt, or a variant of it
with the heading as other texts print it; the counts come from its hand reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.importer import import_document

from site_tests.support.imported import IMPORT_FIXTURES, hand_read

pytestmark = pytest.mark.unit

FIXTURES = IMPORT_FIXTURES
NAME = "ST-11250-2026-INIT-en.txt"
TEXT, EXPECTED = hand_read(NAME)
HEADING = "ANNEX TO THE ANNEX"


@pytest.mark.parametrize(
    "heading",
    [HEADING, "Annex to the Annex", "ANNEX TO THE COUNCIL CONCLUSIONS", "APPENDIX", "ANNEXE DE L'ANNEXE", "ANHANG"],
)
def test_the_annex_to_the_annex_is_the_texts_appendix(heading: str, tmp_path: Path) -> None:
    assert TEXT.count(f"\n{HEADING}\n") == 1
    path = tmp_path / NAME
    path.write_text(TEXT.replace(f"\n{HEADING}\n", f"\n{heading}\n"), encoding="utf-8")
    result = import_document(path)
    assert result.report.text().startswith("Verdict: ready to publish")
    lines = result.document_md.splitlines()
    assert f"# {heading}" in lines
    after = lines[lines.index(f"# {heading}") + 1 :]
    blocks = [line for line in after if line and not line.startswith("[^")]
    assert len(blocks) == EXPECTED["appendix_blocks"]
    numbered = [line for line in lines[: lines.index(f"# {heading}")] if line[:1].isdigit()]
    assert len(numbered) == EXPECTED["paragraphs"]


def test_an_annex_to_the_annex_line_inside_a_paragraph_is_text(tmp_path: Path) -> None:
    """The heading is a line of its own: words that open a paragraph's line stay its words."""
    old = "1. Digitisation of cultural heritage has progressed unevenly across the Union1; many small"
    assert old in TEXT
    path = tmp_path / NAME
    path.write_text(TEXT.replace(old, old + "\nappendix to the annex of the Work Plan"), encoding="utf-8")
    result = import_document(path)
    assert "appendix to the annex of the Work Plan" in result.document_md.split("# ANNEX TO THE ANNEX")[0]
