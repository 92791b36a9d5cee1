"""Glossary tooltips in a real browser: keyboard, mouse and touch, and Escape to close.

The term tried is taken from the model of source/: the first glossary mention of the first
paragraph that has one, and (in its own test) a term written with markup, if the text has
one. The footnote tried is the first footnote with text cited by a paragraph (else a recital).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from conclusions.core.edition import Edition
from playwright.sync_api import Browser, Page

from site_tests.support.build import SOURCE
from site_tests.support.documents import page_of, with_footnote
from site_tests.support.source_text import normal


@dataclass(frozen=True)
class Term:
    paragraph: int
    id: str
    expansion: str
    written: str

    @property
    def selector(self) -> str:
        return f'#p{self.paragraph} a.term[data-term="{self.id}"]'

    @property
    def url(self) -> str:
        return f"paragraphs/{self.paragraph}/"


def _terms(edition: Edition, marked_up: bool) -> list[Term]:
    found = []
    for paragraph in edition.document.paragraphs:
        for match in edition.of(paragraph).terms:
            written = paragraph.text[match.start : match.end]
            if not marked_up or "<" in written:
                found.append(Term(paragraph.number, match.entry.id, match.entry.expansion, written))
    return found


@pytest.fixture(scope="module")
def term(edition: Edition) -> Term:
    terms = _terms(edition, marked_up=False)
    if not terms:
        pytest.skip("no paragraph of the document in source/ mentions a glossary term")
    return terms[0]


@pytest.fixture()
def page(browser: Browser, served: str, term: Term) -> Iterator[Page]:
    context = browser.new_context()
    p = context.new_page()
    p.goto(served + term.url)
    yield p
    context.close()


def test_tab_reaches_the_term_and_shows_its_expansion(page: Page, term: Term) -> None:
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", term.selector):
            break
    else:
        pytest.fail(f"Tab never reached {term.written} in paragraph {term.paragraph}")
    tip = page.locator("#xref-tip")
    assert tip.is_visible()
    assert term.expansion in tip.inner_text()
    assert page.locator(term.selector).first.get_attribute("aria-describedby") == "xref-tip"
    page.keyboard.press("Escape")
    assert tip.is_hidden()


def test_hover_opens_and_the_tooltip_stays_while_hovered(page: Page, term: Term) -> None:
    page.locator(term.selector).first.hover()
    tip = page.locator("#xref-tip")
    assert tip.is_visible()
    assert term.expansion in tip.inner_text()
    tip.hover()
    assert tip.is_visible()
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden")


def test_a_tap_shows_the_expansion_and_never_leaves_the_page(browser: Browser, instant: str, term: Term) -> None:
    """On a phone, with instant navigation really on (the site is built for the origin it is
    served from): a tap shows the expansion and the address stays; a second tap and Escape
    close it; the tooltip's own link leads to the glossary entry."""
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    p = context.new_page()
    p.goto(instant + term.url)
    assert p.evaluate("typeof window.document$") == "object", "instant navigation is not on"
    url = p.url
    link = p.locator(term.selector).first
    link.scroll_into_view_if_needed()
    tip = p.locator("#xref-tip")

    link.tap()
    p.wait_for_timeout(400)  # time for an instant navigation to happen, were it to
    assert p.url == url
    assert tip.is_visible()
    assert term.expansion in tip.inner_text()
    assert (tip.locator("a").get_attribute("href") or "").endswith(f"glossary/#{term.id}")

    link.tap()
    p.wait_for_timeout(400)
    assert p.url == url
    assert tip.is_hidden()

    link.tap()
    assert tip.is_visible()
    p.keyboard.press("Escape")
    assert tip.is_hidden()
    assert p.url == url

    # Keyboard focus opens it too, on a phone as on a desktop (the tap left it focused).
    p.evaluate("document.activeElement && document.activeElement.blur()")
    link.focus()
    assert tip.is_visible()
    p.keyboard.press("Escape")

    link.tap()
    tip.locator("a").tap()
    p.wait_for_url(f"**/glossary/#{term.id}")
    context.close()


def test_without_javascript_the_expansion_and_link_remain(browser: Browser, served: str, term: Term) -> None:
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(served + term.url)
    link = p.locator(term.selector).first
    assert term.expansion in (link.get_attribute("title") or "")
    assert (link.get_attribute("href") or "").endswith(f"glossary/#{term.id}")
    context.close()


def test_a_term_written_with_markup_keeps_it_and_shows_its_expansion(
    browser: Browser, served: str, edition: Edition
) -> None:
    terms = _terms(edition, marked_up=True)
    if not terms:
        pytest.skip("no glossary term is written with markup (IRIS<sup>2</sup>) in a paragraph of source/")
    marked = terms[0]
    context = browser.new_context()
    p = context.new_page()
    try:
        p.goto(served + marked.url)
        link = p.locator(marked.selector).first
        assert link.inner_html() == marked.written
        link.hover()
        tip = p.locator("#xref-tip")
        assert tip.is_visible()
        assert marked.expansion in tip.inner_text()
    finally:
        context.close()


def test_a_footnote_reference_shows_its_footnote(browser: Browser, served: str, edition: Edition) -> None:
    item = with_footnote(edition)
    if item is None:
        pytest.skip("no paragraph or recital of source/ cites a footnote with text")
    number = next(n for n in item.footnotes if edition.document.footnotes[n].available)
    # The footnote's text as document.md writes it, read here without the plugin's parser.
    document = (SOURCE / "document.md").read_text(encoding="utf-8")
    note = next(line for line in document.splitlines() if line.startswith(f"[^{number}]:"))
    note = note[len(f"[^{number}]:") :].strip()
    p = browser.new_page()
    try:
        p.goto(served + page_of(item))
        p.locator(f'#{item.anchor} a.footnote-ref[href$="#fn:{number}"]').hover()
        tip = p.locator(".md-tooltip2--active")
        tip.wait_for(state="visible")
        assert normal(note)[:60] in normal(tip.inner_text())
    finally:
        p.close()
