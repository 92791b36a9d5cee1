"""Preview cards: drawn at build time, 1200x630, byte-reproducible, cached, never redrawn."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conclusions.core import cards
from conclusions.core.index import build_edition
from conclusions.core.sharing import Card, Sharing
from PIL import Image

from site_tests.support.build import FIXTURES, build
from site_tests.support.documents import Built, showcase


def _digests(site: Path, folder: str) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((site / folder).rglob("*"))
        if p.is_file()
    }


def test_one_card_per_paragraph_and_recital_plus_one_for_the_site(doc: Built) -> None:
    site = doc.site
    paragraphs = {str(p.number) for p in doc.model.paragraphs}
    recitals = {r.key for r in doc.model.recitals}
    assert {p.stem for p in (site / "cards" / "paragraphs").glob("*.png")} == paragraphs
    assert {p.stem for p in (site / "cards" / "recitals").glob("*.png")} == recitals
    for png in [site / "cards" / "site.png", *(site / "cards").rglob("*.png")]:
        with Image.open(png) as image:
            assert image.format == "PNG" and image.size == (1200, 630), png


def test_cards_differ_per_paragraph_and_carry_ink(doc: Built) -> None:
    site = doc.site
    digests = _digests(site, "cards/paragraphs")
    assert len(set(digests.values())) == len(digests) == len(doc.model.paragraphs)
    with Image.open(site / "cards" / "paragraphs" / f"{showcase(doc.edition).number}.png") as image:
        grey = image.convert("L")
        dark = sum(grey.point(lambda v: 1 if v < 128 else 0).histogram()[1:2])
    # Text covers a fair part of the card (legible at thumbnail size), far from blank or solid.
    assert 0.02 < dark / (1200 * 630) < 0.4


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "site", tmp_path / "b" / "site"
    first.parent.mkdir()
    second.parent.mkdir()
    build(first, source=FIXTURES / "mini")
    build(second, source=FIXTURES / "mini")
    for folder in ("cards", "data"):
        assert _digests(first, folder) == _digests(second, folder)
        assert _digests(first, folder)


def test_an_unchanged_card_is_not_redrawn(tmp_path: Path, monkeypatch) -> None:
    edition = build_edition(FIXTURES / "mini")
    card = Sharing(edition, "https://example.org/sub/", "Site").item_card(edition.document.paragraphs[0])
    drawn = cards.render_all([card], tmp_path)[0]
    assert list(tmp_path.glob("*.png")), "the card was cached"

    def fail(_: Card) -> bytes:
        raise AssertionError("redrawn although unchanged")

    monkeypatch.setattr(cards, "draw", fail)
    assert cards.render_all([card], tmp_path)[0] == drawn
    changed = Card(**{**card.__dict__, "text": card.text + " More."})
    monkeypatch.undo()
    assert cards.render_all([changed], tmp_path)[0] != drawn
    assert len(list(tmp_path.glob("*.png"))) == 2


def test_the_cards_font_draws_the_texts_own_characters() -> None:
    """DejaVu Sans, shipped in the package with its licence, draws what Pillow's built-in font
    could not: superscripts, dashes, the euro sign, and the letters of every EU language."""
    assert cards.REGULAR.is_file() and cards.BOLD.is_file()
    assert "Bitstream Vera" in (cards.FONTS / "LICENSE").read_text(encoding="utf-8")
    text = "IRIS² \u2013 5 €, café: Ελλάδα, България, Łódź, Hrvatska, Dvořák, Ñandú, ő ț ș ā ė ų"
    assert cards.drawable(text) == text
    assert cards.drawable("The EU\u2019s plan") == "The EU\u2019s plan"


def test_characters_the_font_lacks_are_drawn_as_readable_substitutes() -> None:
    assert cards.drawable("\ue000") == "?"


def test_cards_show_the_document_and_the_paragraph(edition) -> None:
    paragraph = showcase(edition)
    card = Sharing(edition, "https://example.org/", "Site").item_card(paragraph)
    assert card.label == f"Paragraph {paragraph.number}"
    header = edition.document.header
    assert card.heading == (header.citation_title or header.title)  # the document by its full name
    assert card.footer.startswith("Unofficial edition")  # whose edition it is
    assert edition.document.header.document_id in card.footer


def test_many_cards_are_drawn_on_every_core_to_the_same_bytes(monkeypatch) -> None:
    edition = build_edition(FIXTURES / "mini")
    sharing = Sharing(edition, "https://example.org/", "Site")
    todo = [sharing.item_card(p) for p in edition.document.paragraphs]
    alone = [cards.draw(card) for card in todo]
    monkeypatch.setattr(cards, "PARALLEL_MIN", 2)
    monkeypatch.setattr(cards.os, "cpu_count", lambda: 2)
    assert cards._draw_many(todo) == alone


def test_a_few_cards_are_drawn_in_threads_to_the_same_bytes(monkeypatch) -> None:
    edition = build_edition(FIXTURES / "mini")
    sharing = Sharing(edition, "https://example.org/", "Site")
    todo = [sharing.item_card(p) for p in edition.document.paragraphs] * 3
    alone = [cards.draw(card) for card in todo]
    monkeypatch.setattr(cards.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(cards, "ProcessPoolExecutor", None)  # below PARALLEL_MIN: no process
    assert len(todo) < cards.PARALLEL_MIN
    assert cards._draw_many(todo) == alone
