"""Instruments and glossary terms found in the text, against what a person read by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_tests.expected_by_hand import INSTRUMENTS_BY_PARAGRAPH, TERMS_BY_PARAGRAPH
from site_tests.support.html import content, page


def _para(site: Path, number: int):
    return content(page(site, f"paragraphs/{number}/")).find(id=f"p{number}")


@pytest.mark.parametrize("number", sorted(INSTRUMENTS_BY_PARAGRAPH))
def test_instrument_links_are_exactly_the_hand_read_set(site: Path, number: int) -> None:
    links = {a["data-instrument"] for a in _para(site, number).select("a.instrument")}
    assert links == INSTRUMENTS_BY_PARAGRAPH[number]


@pytest.mark.parametrize("number", sorted(TERMS_BY_PARAGRAPH))
def test_tooltip_terms_are_exactly_the_hand_read_set(site: Path, number: int) -> None:
    terms = {a["data-term"] for a in _para(site, number).select("a.term")}
    assert terms == TERMS_BY_PARAGRAPH[number]


def test_marked_up_abbreviation_keeps_its_markup(site: Path) -> None:
    links = _para(site, 33).select('a[data-term="iris2"]')
    assert [a.decode_contents() for a in links] == ["IRIS<sup>2</sup>", "IRIS<sup>2</sup>"]
    assert all(a.get("title", "").startswith("IRIS²: ") for a in links)


def test_every_instrument_page_lists_where_it_is_recalled(site: Path) -> None:
    for number, ids in INSTRUMENTS_BY_PARAGRAPH.items():
        for instrument in ids:
            soup = content(page(site, f"instruments/{instrument}/"))
            table = soup.find(id="recalled-in").find_next("table")
            targets = {a["href"].split("#")[0] for a in table.select("a")}
            assert f"../../paragraphs/{number}/" in targets, (instrument, number)
            assert table.select("mark"), instrument


def test_glossary_lists_the_paragraphs_that_use_a_term(site: Path) -> None:
    soup = content(page(site, "glossary/"))
    for number, ids in TERMS_BY_PARAGRAPH.items():
        for term in ids:
            entry = soup.find(id=term).find_parent("div", class_="gloss")
            assert entry is not None, term
            assert entry.find("a", href=f"../paragraphs/{number}/#p{number}") is not None, (term, number)


def test_every_entry_is_used_and_every_backlink_resolves(site: Path) -> None:
    import yaml

    root = Path(__file__).resolve().parents[1] / "source"
    instruments = yaml.safe_load((root / "instruments.yml").read_text(encoding="utf-8"))["instruments"]
    for entry in instruments:
        table = content(page(site, f"instruments/{entry['id']}/")).find(id="recalled-in")
        assert table is not None, entry["id"]
    glossary = content(page(site, "glossary/"))
    for entry in yaml.safe_load((root / "glossary.yml").read_text(encoding="utf-8"))["terms"]:
        block = glossary.find(id=entry["id"]).find_parent("div", class_="gloss")
        used = block.find(string=lambda s: s and "Used in" in s)
        assert used is not None, entry["id"]
        assert block.select("p a[href]"), entry["id"]


def test_instruments_index_groups_by_kind_with_counts(site: Path) -> None:
    soup = content(page(site, "instruments/"))
    headings = soup.select("h2")
    assert len(headings) >= 5
    assert all("(" in h.get_text() for h in headings)
    strategic = soup.find("a", href="strategic-compass/")
    assert strategic is not None and "mention" in strategic.parent.get_text()
