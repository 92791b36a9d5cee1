"""Preview cards: drawn at build time, 1200x630, byte-reproducible, cached, never redrawn."""

from __future__ import annotations

import dataclasses
import io
import os
import struct
import zlib
from functools import cache
from pathlib import Path

import pytest
from conclusions.core import cards
from conclusions.core.edition import Edition, build_edition
from conclusions.core.inline_source import lead
from conclusions.core.sharing import CARD_SIZE, Card, Sharing
from PIL import Image, ImageDraw, ImageFont

from site_tests.support.build import FIXTURES
from site_tests.support.core import render_all


@cache
def _mini_edition() -> Edition:
    """The mini fixture's edition, made once for the module: its tests only read it."""
    return build_edition(FIXTURES / "mini")


def test_an_unchanged_card_is_not_redrawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edition = _mini_edition()
    card = Sharing(edition, "https://example.org/sub/", "Site").item_card(edition.document.paragraphs[0])
    drawn = render_all([card], tmp_path)[0]
    assert list(tmp_path.glob("*.png")), "the card was cached"

    def fail(_: Card) -> bytes:
        raise AssertionError("redrawn although unchanged")

    monkeypatch.setattr(cards, "draw", fail)
    assert render_all([card], tmp_path)[0] == drawn
    changed = Card(**{**card.__dict__, "text": card.text + " More."})
    monkeypatch.undo()
    assert render_all([changed], tmp_path)[0] != drawn
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


def test_many_cards_are_drawn_on_every_core_to_the_same_bytes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    edition = _mini_edition()
    sharing = Sharing(edition, "https://example.org/", "Site")
    todo = [sharing.item_card(p) for p in edition.document.paragraphs]
    alone = [cards.draw(card) for card in todo]
    monkeypatch.setattr(cards, "PARALLEL_MIN", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 3)  # two workers, one core left to the build
    monkeypatch.setattr(cards, "ThreadPoolExecutor", None)  # above PARALLEL_MIN: processes
    assert render_all(todo, tmp_path) == alone
    # Each worker keeps what it drew in the cache.
    assert [(tmp_path / f"{cards.cache_key(card)}.png").read_bytes() for card in todo] == alone


def test_a_few_cards_are_drawn_in_threads_to_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    edition = _mini_edition()
    sharing = Sharing(edition, "https://example.org/", "Site")
    todo = [sharing.item_card(p) for p in edition.document.paragraphs] * 3
    alone = [cards.draw(card) for card in todo]
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    monkeypatch.setattr(cards, "ProcessPoolExecutor", None)  # below PARALLEL_MIN: no process
    assert len(todo) < cards.PARALLEL_MIN
    assert render_all(todo, None) == alone


def test_a_card_that_cannot_be_drawn_is_named_in_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    edition = _mini_edition()
    sharing = Sharing(edition, "https://example.org/", "Site")
    todo = [sharing.item_card(p) for p in edition.document.paragraphs]
    broken = todo[1]
    draw = cards.draw

    def fail_one(card: Card) -> bytes:
        if card == broken:
            raise ValueError("no room\nfor this")
        return draw(card)

    monkeypatch.setattr(cards, "draw", fail_one)
    drawing = cards.Drawing(todo, tmp_path)
    try:
        drawing.wait()
    except cards.CardError as err:
        assert str(err) == f"could not draw the link-preview card {broken.path}: ValueError: no room for this"
    else:
        raise AssertionError("a card that could not be drawn went unnoticed")
    assert not list(tmp_path.glob("*.tmp")), "no half-written card is left behind"


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The chunks of a PNG, each checked against its CRC."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(png):
        (size,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + size]
        assert struct.unpack(">I", png[at + 8 + size : at + 12 + size])[0] == zlib.crc32(kind + data), kind
        chunks.append((kind, data))
        at += 12 + size
    return chunks


def _mini_cards() -> list[Card]:
    edition = _mini_edition()
    return list(Sharing(edition, "https://example.org/", "Site").cards())


def test_a_card_is_a_16_level_palette_png_with_nothing_but_its_pixels() -> None:
    card = _mini_cards()[1]
    png = cards.draw(card)
    chunks = _chunks(png)
    assert [kind for kind, _ in chunks] == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]  # no metadata
    assert struct.unpack(">IIBBBBB", chunks[0][1]) == (1200, 630, 4, 3, 0, 0, 0)  # 4-bit palette
    palette = chunks[1][1]
    assert palette[:3] == bytes(cards.INK) and palette[-3:] == bytes(cards.PAPER) and len(palette) == 16 * 3
    rows = zlib.decompress(chunks[2][1])  # checks the Adler-32 of the card's rows, compressed in parts
    assert len(rows) == 630 * 601 and rows[::601] == bytes(630)  # every row unfiltered
    image, _ = cards._image(card)  # drawn in the palette's levels
    with Image.open(io.BytesIO(png)) as decoded:
        assert decoded.tobytes() == image.tobytes()


def test_a_card_whose_letters_reach_the_shared_rows_is_compressed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    card = _mini_cards()[1]
    image, frame = cards._image(card)
    # A frame whose shared rows take in the label's: the card is compressed as one.
    reaching = dataclasses.replace(frame, top=frame.label_y + 40)
    monkeypatch.setattr(cards, "_image", lambda _: (image, reaching))
    png = cards.draw(card)
    monkeypatch.undo()
    assert png != cards.draw(card)
    with Image.open(io.BytesIO(png)) as whole, Image.open(io.BytesIO(cards.draw(card))) as parts:
        assert whole.tobytes() == parts.tobytes()


def test_lines_are_wrapped_as_if_each_were_measured_whole() -> None:
    """Widths summed from remembered words and letter pairs are Pillow's for the whole line."""
    texts = [card.text for card in _mini_cards()] + [
        "IRIS² – 5 €, café: Ελλάδα, България, Łódź, Hrvatska, Dvořák, Ñandú, ő ț ș ā ė ų " * 4,
        "AVAVAV To Ty Wa We Yo LT ff fi fl \u2019s ``quoted'' ...... " * 5,
        "W" * 90 + " " + "i" * 200,
        "a " * 300,
    ]

    def reference(text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
        words, out, current = text.split(), [], ""
        for word in words:
            trial = f"{current} {word}".strip()
            if font.getlength(trial) <= width or not current:
                current = trial
                continue
            out.append(current)
            current = word
            if len(out) == lines:
                return cards._ellipsis(out, font, width)
        out += [current] if current else []
        return cards._ellipsis(out[:lines], font, width) if len(out) > lines else out

    for size, bold in ((cards.TEXT_SIZE, False), (cards.HEADING_SIZE, True), (cards.LABEL_SIZE, True)):
        face = cards._face(size, bold)
        for text in texts:
            text = cards.drawable(text)
            for lines in (1, 2, 4, 40):
                assert cards._wrap(text, face, cards.INNER, lines) == reference(text, face.font, cards.INNER, lines)


def test_a_card_drawn_on_its_documents_frame_is_the_card_drawn_in_reading_order() -> None:
    """Band, heading, label, text, rule, footer drawn one after the other on a blank card give
    the image `_image` makes by drawing label and text on a copy of the shared frame."""
    samples = _mini_cards()
    first = samples[1]
    samples += [
        dataclasses.replace(first, heading=first.heading * 3, label=first.label * 4, text=first.text * 5),
        dataclasses.replace(first, heading="Ålesund ÉÇÀ", label="Ÿ Å Ñ É Paragraph", text="Çà ÿ gjpq " * 40),
    ]
    for card in samples:
        image = Image.new("L", CARD_SIZE, cards.BLANK)
        pen = ImageDraw.Draw(image)
        pen.rectangle((0, 0, cards.WIDTH, cards.BAND), fill=cards.SOLID)
        y = cards.BAND + 46
        sizes = ((cards.HEADING_SIZE, True, card.heading, 2, 10, 22), (cards.LABEL_SIZE, True, card.label, 2, 8, 20))
        for size, bold, text, lines, gap, after in sizes:
            face = cards._face(size, bold)
            for line in cards._wrap(cards.drawable(text), face, cards.INNER, lines):
                pen.text((cards.MARGIN, y), line, font=face.font, fill=cards.SOLID)
                y += size + gap
            y += after
        body = cards._face(cards.TEXT_SIZE)
        room = max(1, min(cards.TEXT_LINES, (cards.HEIGHT - 110 - y) // (cards.TEXT_SIZE + 14)))
        for line in cards._wrap(cards.drawable(lead(card.text, 400)), body, cards.INNER, room):
            pen.text((cards.MARGIN, y), line, font=body.font, fill=cards.SOLID)
            y += cards.TEXT_SIZE + 14
        rule = cards.HEIGHT - 86
        pen.line((cards.MARGIN, rule, cards.WIDTH - cards.MARGIN, rule), fill=cards.SOLID, width=3)
        footer = cards._font(cards.FOOTER_SIZE)
        pen.text((cards.MARGIN, cards.HEIGHT - 66), cards.drawable(card.footer), font=footer, fill=cards.MUTED)
        assert cards._image(card)[0].tobytes() == image.tobytes(), card.label
