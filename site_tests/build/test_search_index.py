"""Search is built from the text, not the interface: no button label,
breadcrumb, pager or table in Material's index; every paragraph is found as "Paragraph N";
an address opened from a search result loses Material's "?h=" once it has highlighted."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import cast

import pytest
from conclusions.core.edition import Edition
from conclusions.core.interface import interface
from playwright.sync_api import Browser

from site_tests.support.documents import Built

INTERFACE = ("Copy link", "Cite", "Share Paragraph", "Share Recital", "⋯", "Read paragraph", "Read recital", " › ")
"""Words of the interface that the text never holds (checked below against each document)."""
TABLE_HEADS = (
    "In the Council's register As the document gives it",
    "About this instrument Details",
    "Operative verb Asked to act",
    "Paragraph What is asked",
    "Where Text",
)
"""Header rows of the generated tables, as the index would flatten them."""


def _index(site: Path) -> list[dict[str, str]]:
    return cast(
        "list[dict[str, str]]", json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    )


def test_no_search_entry_holds_interface_labels(doc: Built) -> None:
    text = (doc.source / "document.md").read_text(encoding="utf-8")
    labels = [label for label in INTERFACE if label not in text]
    found = [
        (entry["location"], label)
        for entry in _index(doc.site)
        for label in labels
        if label in entry["text"] or label in entry["title"]
    ]
    assert not found, found[:10]


def test_no_search_entry_holds_a_flattened_table(doc: Built) -> None:
    found = [(entry["location"], head) for entry in _index(doc.site) for head in TABLE_HEADS if head in entry["text"]]
    assert not found, found[:10]
    assert not [e["location"] for e in _index(doc.site) if "<table" in e["text"] or "<td" in e["text"]]


def test_every_paragraph_is_found_as_paragraph_n(doc: Built) -> None:
    titles = {entry["location"]: entry["title"] for entry in _index(doc.site)}
    words = interface(doc.model.header.language)
    for paragraph in doc.model.paragraphs:
        assert titles.get(f"paragraphs/{paragraph.number}/#title") == words.label(paragraph)


def test_a_search_result_leaves_no_highlight_query_in_the_address(
    browser: Browser, instant: str, edition: Edition
) -> None:
    words = [w for w in re.findall(r"[A-Za-z]{7,}", edition.document.paragraphs[-1].text)]
    if not words:
        pytest.skip("the last paragraph has no long word to search for")
    context = browser.new_context()
    p = context.new_page()
    p.goto(instant)
    assert p.evaluate("typeof window.document$") == "object", "instant navigation is not on"
    p.keyboard.press("/")
    p.keyboard.type(words[0])
    first = p.locator(".md-search-result__item a").first
    first.wait_for(state="visible")
    assert "?h=" in (first.get_attribute("href") or "")
    first.click()
    p.wait_for_function("() => !document.querySelector('[data-md-toggle=search]').checked")
    p.wait_for_function("() => !location.search.includes('h=')")
    assert "?h=" not in p.url
    context.close()
