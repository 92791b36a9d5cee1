"""Preview cards: drawn at build time, 1200x630, byte-reproducible, cached, never redrawn."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from pathlib import Path

import pytest
from conclusions.core import cards
from conclusions.core.edition import Edition, build_edition
from conclusions.core.sharing import Card, Sharing
from mkdocs.config.defaults import MkDocsConfig
from PIL import Image

from site_tests.support.build import FIXTURES, ROOT, build
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


def test_every_card_cache_setting_publishes_the_same_cards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cards drawn into an empty cache, found in it on the next build, or drawn into a temporary
    folder (no cache set, or one that cannot be written) are published as the same bytes; the
    temporary folder is gone once MkDocs ends."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))  # where the builds' temporary folders go
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    cache = tmp_path / "cache"
    settings: dict[str, Path | str] = {"empty": cache, "cached": cache, "none": "", "unwritable": blocked / "cards"}
    published, kept = {}, {}
    for name, setting in settings.items():
        site = tmp_path / name / "site"
        site.parent.mkdir()
        result = build(site, source=FIXTURES / "mini", cards_cache=setting)
        published[name] = _digests(site, "cards")
        kept[name] = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
        assert ("cannot be written" in result.stderr) == (name == "unwritable"), result.stderr
    assert published["empty"] and all(digests == published["empty"] for digests in published.values())
    assert len(kept["empty"]) == len(set(published["empty"].values())), "every card drawn is kept in the cache"
    assert kept["cached"] == kept["empty"], "the cached cards were not drawn again"
    assert not list(scratch.iterdir()), "the temporary folder is removed"


def _in_process(tmp_path: Path) -> MkDocsConfig:
    """An `mkdocs build` of the mini fixture run in this process, with an empty card cache."""

    config = MkDocsConfig(config_file_path=str(ROOT / "mkdocs.yml"))
    config.load_dict(
        {
            "site_name": "conclusions",
            "docs_dir": str(FIXTURES / "mini"),
            "site_dir": str(tmp_path / "site"),
            "plugins": [{"conclusions": {"cards_cache_dir": str(tmp_path / "cards")}}],
            "theme": {"name": "material"},
        }
    )
    assert not config.validate()[0]
    config.plugins.on_startup(command="build", dirty=False)
    return config


def _drawing_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("cards")]


def test_a_card_that_cannot_be_drawn_stops_the_build_in_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort

    def full(card: Card) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cards, "draw", full)
    config = _in_process(tmp_path)
    with pytest.raises(Abort):
        mkdocs_build(config)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, errors
    assert re.fullmatch(
        r"could not draw the link-preview card cards/\S+\.png: OSError: \[Errno 28\] No space left on device", errors[0]
    )
    assert not _drawing_threads()
    config.plugins.on_shutdown()


def test_a_build_that_fails_stops_drawing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that stops after the cards began to be drawn ends the drawing (on_build_error):
    no worker is left running, and the cards not begun are not drawn. The worker draws its
    first card only once the build has failed, so the failure always comes mid-drawing."""
    from mkdocs.commands import build as build_command

    draw = cards.draw
    failed = threading.Event()

    def after_the_failure(card: Card) -> bytes:
        assert failed.wait(timeout=120), "the build never reached its navigation"
        return draw(card)

    def no_nav(*_: object, **__: object) -> None:
        failed.set()
        raise RuntimeError("the navigation failed")

    monkeypatch.setattr(cards, "draw", after_the_failure)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # one worker thread
    monkeypatch.setattr(build_command, "get_navigation", no_nav)
    config = _in_process(tmp_path)
    with pytest.raises(RuntimeError, match="navigation"):
        build_command.build(config)
    assert not _drawing_threads(), "a drawing thread outlived the build"
    drawn = len(list((tmp_path / "cards").glob("*.png")))
    assert drawn < len(list(build_edition(FIXTURES / "mini").document.paragraphs)), drawn
    config.plugins.on_shutdown()


def test_cards_show_the_document_and_the_paragraph(edition: Edition) -> None:
    paragraph = showcase(edition)
    card = Sharing(edition, "https://example.org/", "Site").item_card(paragraph)
    assert card.label == f"Paragraph {paragraph.number}"
    header = edition.document.header
    assert card.heading == (header.citation_title or header.title)  # the document by its full name
    assert card.footer.startswith("Unofficial edition")  # whose edition it is
    assert edition.document.header.document_id in card.footer
