"""`# ANNEX` before the text is where a cover note ends; after the text it starts an annex of the
text, whose blocks are text (core/document_source.py), on documents written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.core.errors import SourceErrors
from conclusions.core.model import Document

from site_tests.support.core import parse_document

FRONT = "---\ntitle: Council Resolution on volunteering\n---\n\n"


def _parse(tmp_path: Path, body: str) -> Document:
    (tmp_path / "document.md").write_text(FRONT + body, encoding="utf-8")
    return parse_document(tmp_path)


def test_an_annex_after_the_paragraphs_is_text(tmp_path: Path) -> None:
    document = _parse(
        tmp_path,
        "THE COUNCIL OF THE EUROPEAN UNION,\n\n1. To adopt the framework in the Annex.\n\n2. INVITES the "
        "Member States to apply it.\n\n# ANNEX\n\nArticle 1\n\n1. Volunteers shall be trained.[^1]\n\n"
        "2. Volunteers shall be insured.\n\n[^1]: A footnote of the annex.\n",
    )
    assert [p.number for p in document.paragraphs] == [1, 2]
    assert document.annex == "" and document.appendix_heading == "ANNEX"
    assert document.appendix == ("Article 1", "1. Volunteers shall be trained.[^1]", "2. Volunteers shall be insured.")
    assert list(document.footnotes) == ["1"]


def test_an_annex_before_the_text_ends_the_cover_note(tmp_path: Path) -> None:
    document = _parse(
        tmp_path,
        "I. INTRODUCTION\n\n1. The Presidency has prepared the text.\n\n# ANNEX\n\n"
        "THE COUNCIL OF THE EUROPEAN UNION,\n\n1. WELCOMES the text.\n",
    )
    assert document.annex == "ANNEX" and document.appendix == ()
    assert document.cover == ("I. INTRODUCTION", "1. The Presidency has prepared the text.")


def test_a_heading_in_the_annex_after_the_text_is_named(tmp_path: Path) -> None:
    with pytest.raises(SourceErrors) as errors:
        _parse(tmp_path, "THE COUNCIL,\n\n1. WELCOMES the text.\n\n# ANNEX\n\n## Article 1\n")
    assert "a heading in the annex after the paragraphs" in str(errors.value)
