"""A Council text whose first heading stands before everything else of its conclusions ("I.
INTRODUCTION", then "THE COUNCIL OF THE EUROPEAN UNION,", the recitals, "HEREBY ADOPTS THE
FOLLOWING CONCLUSIONS:", paragraph 1) is imported and built as it stands: every line placed, the
words check passing, and the full text reading in the original's order. Expectations are read
from the fixture's hand-read expected.yml and from the model, not written here. The text is
invented: fixtures/import/ST-15612-2026-INIT-en.txt."""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.core.edition import build_edition
from conclusions.core.model import Document
from conclusions.importer import import_document

from site_tests.support.build import FIXTURES
from site_tests.support.documents import build_import, import_into
from site_tests.support.html import content, page, place_in_text
from site_tests.support.imported import hand_read

pytestmark = pytest.mark.build

TEXT = FIXTURES / "import" / "ST-15612-2026-INIT-en.txt"
_, EXPECTED = hand_read(TEXT.name)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    """The text imported, its model, and its site (the words check passed)."""
    source = import_into(TEXT, tmp_path_factory.mktemp("heading-first") / "source")
    return build_edition(source).document, build_import(source)


def test_every_line_is_placed() -> None:
    report = import_document(TEXT).report
    assert report.text().startswith("Verdict: ready to publish")
    assert report.unplaced == () and report.doubtful == ()


def test_the_model_reads_the_heading_before_the_recitals(built: tuple[Document, Path]) -> None:
    document = built[0]
    assert [x.number for x in document.recitals] == EXPECTED["recitals"]
    assert list(document.lead_in) == EXPECTED["lead_in"]
    assert document.preamble == ()
    opening = {s.heading: list(s.opening_words) for s in document.sections if s.opening_words}
    assert opening == EXPECTED["opening_words"]
    leading = document.leading_section
    assert leading is not None and leading.heading == EXPECTED["headings"][0]
    ranges = {s.slug: [s.paragraphs[0].number, s.paragraphs[-1].number] for s in document.sections}
    assert ranges == EXPECTED["sections"]


def test_the_full_text_reads_in_the_originals_order(built: tuple[Document, Path]) -> None:
    document, site = built
    article = content(page(site, "text/"))
    every = article.find_all(True)
    positions = [every.index(place_in_text(article, what, document)) for what in EXPECTED["order"]]
    assert positions == sorted(positions), "the full text reads as the original does"
    # The heading stands once, and its paragraphs after the lead-in are still under it.
    leading = document.leading_section
    assert leading is not None
    assert len(article.find_all(id=f"s-{leading.slug}")) == 1
    ids = [str(t["id"]) for t in article.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_the_sections_page_lists_its_paragraphs(built: tuple[Document, Path]) -> None:
    document, site = built
    for section in document.sections:
        article = content(page(site, f"sections/{section.slug}/"))
        numbers = [int(a.get_text()) for a in article.select("li > a:first-child")]
        assert numbers == [p.number for p in section.paragraphs]
