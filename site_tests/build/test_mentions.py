"""Instruments and glossary terms found in the text, for every document of the list: against
what a person read by hand (`instruments` and `terms` in the expected.yml beside the
document), and every page of an instrument or term against the model's backlinks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import Tag

from site_tests.support.documents import Built
from site_tests.support.html import content, page


def _para(site: Path, number: int) -> Tag:
    found = content(page(site, f"paragraphs/{number}/")).find(id=f"p{number}")
    assert isinstance(found, Tag), f"paragraph {number} has no p{number}"
    return found


def _compare(doc: Built, key: str, found: Callable[[int], set[str]]) -> None:
    expected = {int(n): set(ids) for n, ids in doc.expected(key).items()}
    wrong = [
        f"paragraph {n}: built {sorted(found(n))}, read by hand {sorted(ids)}"
        for n, ids in expected.items()
        if found(n) != ids
    ]
    assert not wrong, f"{doc}: {key} not as read by hand:\n" + "\n".join(wrong)


def test_instrument_links_are_exactly_the_hand_read_set(doc: Built) -> None:
    _compare(
        doc, "instruments", lambda n: {str(a["data-instrument"]) for a in _para(doc.site, n).select("a.instrument")}
    )


def test_tooltip_terms_are_exactly_the_hand_read_set(doc: Built) -> None:
    _compare(doc, "terms", lambda n: {str(a["data-term"]) for a in _para(doc.site, n).select("a.term")})


def test_marked_up_terms_keep_their_markup(doc: Built) -> None:
    """A term written with markup (IRIS<sup>2</sup>, CO<sub>2</sub>) is linked with the markup kept."""
    found = 0
    for paragraph in doc.model.paragraphs:
        for match in doc.edition.of(paragraph).terms:
            written = paragraph.text[match.start : match.end]
            if "<" not in written:
                continue
            found += 1
            links = _para(doc.site, paragraph.number).select(f'a[data-term="{match.entry.id}"]')
            assert written in [a.decode_contents() for a in links], (paragraph.number, written)
            assert all(a.get("title", "").startswith(f"{match.entry.name}: ") for a in links)
            assert all(a["href"] == f"../../glossary/#{match.entry.id}" for a in links)
    if not found:
        pytest.skip(f"{doc}: no glossary term is written with markup in a paragraph")


def _target(item: object) -> str:
    """Where a backlink from a register page (two levels deep) to `item` leads, without its anchor."""
    from conclusions.core.model import Paragraph, Recital

    if isinstance(item, Paragraph):
        return f"../../paragraphs/{item.number}/"
    if isinstance(item, Recital):
        return f"../../recitals/{item.key}/"
    return "../../text/"


def test_every_instrument_page_lists_where_it_is_recalled(doc: Built) -> None:
    instruments = doc.edition.registries.instruments
    assert {p.name for p in (doc.site / "instruments").iterdir() if p.is_dir()} == {i.id for i in instruments}
    for instrument in instruments:
        soup = content(page(doc.site, f"instruments/{instrument.id}/"))
        table = soup.find(id="recalled-in").find_next("table")
        rows = table.select("tbody tr")
        backlinks = doc.edition.instrument_links[instrument.id]
        assert len(rows) == len(backlinks), instrument.id
        for row, backlink in zip(rows, backlinks, strict=True):
            assert row.find("a")["href"].split("#")[0] == _target(backlink.item), instrument.id
            assert row.find("mark") is not None, instrument.id


def test_glossary_lists_where_each_term_is_used(doc: Built) -> None:
    soup = content(page(doc.site, "glossary/"))
    terms = doc.edition.registries.terms
    assert {el["id"] for el in soup.select("div.gloss h3[id]")} == {t.id for t in terms}
    for term in terms:
        entry = soup.find(id=term.id).find_parent("div", class_="gloss")
        used = entry.find(string=lambda s: s and "Used in" in s)
        assert used is not None, term.id
        hrefs = {a["href"] for a in entry.select("p a[href]")}
        for backlink in doc.edition.term_links[term.id]:
            target = _target(backlink.item).removeprefix("../")
            anchor = backlink.item.anchor if hasattr(backlink.item, "anchor") else f"fn:{backlink.item.number}"
            assert f"{target}#{anchor}" in hrefs, (term.id, target)


def test_instruments_index_groups_by_kind_with_counts(doc: Built) -> None:
    soup = content(page(doc.site, "instruments/"))
    instruments = doc.edition.registries.instruments
    kinds = [k for k in doc.edition.registries.instrument_kinds if any(i.kind == k.id for i in instruments)]
    headings = soup.select("h2")
    assert [h.get("id") for h in headings] == [k.id for k in kinds]
    for heading, kind in zip(headings, kinds, strict=True):
        assert heading.get_text().endswith(f"({sum(i.kind == kind.id for i in instruments)})"), kind.id
    for instrument in instruments:
        link = soup.find("a", href=f"{instrument.id}/")
        count = len(doc.edition.instrument_links[instrument.id])
        said = doc.edition.interface.count("registers.mentions", count).strip(" —")
        assert link is not None and said in link.parent.get_text(), instrument.id
