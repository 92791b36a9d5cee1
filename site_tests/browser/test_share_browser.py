"""Copy link, Cite, highlighting, search, print and the 404 page, in headless Chromium, on the
site of source/: the paragraph tried is taken from its model (support/documents.py
`showcase`), texts and citations from its document.md, read without the plugin's parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

import pytest
from conclusions.core.edition import Edition
from playwright.sync_api import Browser, BrowserContext, Page, expect

from site_tests.support.build import SOURCE, SUB_PATH
from site_tests.support.documents import page_of, showcase, with_footnote
from site_tests.support.source_text import SITE_URL, citable, formal_citation, read_source

TEXT = read_source(SOURCE)
HEADER, PARAGRAPHS, RECITALS = TEXT.header, TEXT.paragraphs, TEXT.recitals
SUB = SUB_PATH


def citation(pinpoint: str, url: str) -> str:
    if not citable(HEADER):
        pytest.skip("the front matter of source/document.md lacks a part of a formal citation")
    return formal_citation(HEADER, pinpoint, url)


@pytest.fixture(scope="module")
def n(edition: Edition) -> int:
    """The number of the paragraph tried."""
    return showcase(edition).number


@pytest.fixture()
def context(browser: Browser, served: str) -> Iterator[BrowserContext]:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(served))
    ctx = browser.new_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    errors: list[str] = []
    ctx.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    ctx.on("weberror", lambda e: errors.append(str(e.error)))
    yield ctx
    ctx.close()
    assert not errors, errors


def _clipboard(p: Page) -> str:
    return cast("str", p.evaluate("navigator.clipboard.readText()"))


def _open(p: Page, label: str, touch: bool = False) -> None:
    """Open the one share control of `label` ('Paragraph 21'): its menu holds Copy link and Cite."""
    toggle = p.get_by_role("button", name=f"Share {label}", exact=True)
    toggle.tap() if touch else toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"


def test_copy_link_and_cite_by_mouse(context: BrowserContext, served: str, n: int) -> None:
    p = context.new_page()
    p.goto(served + f"paragraphs/{n}/")
    url = f"{SITE_URL}paragraphs/{n}/"
    assert p.locator("link[rel=canonical]").get_attribute("href") == url
    # One control per paragraph: the actions are out of sight until it is opened.
    assert p.get_by_role("button", name=f"Copy link to Paragraph {n}", exact=True).count() == 0
    _open(p, f"Paragraph {n}")
    p.get_by_role("button", name=f"Copy link to Paragraph {n}", exact=True).click()
    expect(p.locator("#share-status")).to_contain_text("Copied")
    assert _clipboard(p) == url
    assert p.get_by_role("button", name=f"Cite Paragraph {n}", exact=True).count() == 0, "a copy closes the menu"
    _open(p, f"Paragraph {n}")
    p.get_by_role("button", name=f"Cite Paragraph {n}", exact=True).click()
    expect(p.locator("#share-status")).to_contain_text("Copied citation")
    assert _clipboard(p) == citation(f"para. {n}", url)
    assert p.locator("#share-status").get_attribute("aria-live") == "polite"


def test_copy_link_and_cite_by_keyboard_on_the_full_text(context: BrowserContext, served: str, n: int) -> None:
    p = context.new_page()
    p.goto(served + "text/")
    p.locator(f"#p{n} a.pnum").focus()
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.getAttribute('aria-label')") == f"Share Paragraph {n}"
    p.keyboard.press("Enter")  # opens the menu, focus on its first action
    assert p.evaluate("document.activeElement.textContent") == "Copy link"
    p.keyboard.press("Enter")
    expect(p.locator("#share-status")).to_contain_text(f"Copied link to Paragraph {n}")
    assert _clipboard(p) == f"{SITE_URL}paragraphs/{n}/"
    # The copy closed the menu and gave focus back to its button; Escape closes it too.
    assert p.evaluate("document.activeElement.getAttribute('aria-label')") == f"Share Paragraph {n}"
    p.keyboard.press("Enter")
    p.keyboard.press("Escape")
    assert p.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    p.keyboard.press("Enter")
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.textContent") == "Cite"
    p.keyboard.press("Enter")
    expect(p.locator("#share-status")).to_contain_text(f"Copied citation of Paragraph {n}")
    assert _clipboard(p) == citation(f"para. {n}", f"{SITE_URL}paragraphs/{n}/")
    # Recitals too, and every numbered item gets exactly one control.
    assert p.locator(".share-tools").count() == len(PARAGRAPHS) + len(RECITALS)
    assert p.locator("button.share-toggle").count() == len(PARAGRAPHS) + len(RECITALS)
    if RECITALS:
        key = next(iter(RECITALS))
        label = TEXT.recital_label(key)
        _open(p, label)
        p.get_by_role("button", name=f"Cite {label}", exact=True).click()
        expect(p.locator("#share-status")).to_contain_text(f"Copied citation of {label}")
        assert _clipboard(p) == citation(f"recital {key.upper()}", f"{SITE_URL}recitals/{key}/")


def test_buttons_work_on_touch(browser: Browser, served: str, n: int) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(served))
    ctx = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    p = ctx.new_page()
    p.goto(served + f"paragraphs/{n}/")
    toggle = p.get_by_role("button", name=f"Share Paragraph {n}", exact=True)
    box = toggle.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    _open(p, f"Paragraph {n}", touch=True)
    button = p.get_by_role("button", name=f"Copy link to Paragraph {n}", exact=True)
    box = button.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    button.tap()
    expect(p.locator("#share-status")).to_contain_text("Copied")
    assert _clipboard(p) == f"{SITE_URL}paragraphs/{n}/"
    ctx.close()


def test_the_share_menu_works_on_touch_with_instant_navigation_on(browser: Browser, instant: str, n: int) -> None:
    """As readers get it: the site built for the origin it is served from, so Material's
    instant navigation intercepts taps; opening the menu and copying must not navigate."""
    ctx = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=instant.rstrip("/"))
    p = ctx.new_page()
    page_url = f"{instant}paragraphs/{n}/"
    p.goto(page_url)
    assert p.evaluate("typeof window.document$") == "object", "instant navigation is not on"
    _open(p, f"Paragraph {n}", touch=True)
    p.get_by_role("button", name=f"Copy link to Paragraph {n}", exact=True).tap()
    expect(p.locator("#share-status")).to_contain_text("Copied link")
    assert _clipboard(p) == page_url
    _open(p, f"Paragraph {n}", touch=True)
    p.get_by_role("button", name=f"Cite Paragraph {n}", exact=True).tap()
    expect(p.locator("#share-status")).to_contain_text("Copied citation")
    assert _clipboard(p).endswith(f", {page_url}.")
    assert p.url == page_url
    ctx.close()


def test_without_javascript_the_number_is_the_permalink(
    browser: Browser, served: str, edition: Edition, n: int
) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    p = ctx.new_page()
    p.goto(served + "text/")
    # The buttons are in the HTML but neither shown nor announced: they could do nothing.
    items = len(edition.document.paragraphs) + len(edition.document.recitals)
    assert p.locator(".share-btn").count() == 2 * items, "Copy link and Cite beside every number"
    assert p.locator(".share-btn:visible").count() == 0
    assert p.locator(".share-toggle:visible").count() == 0
    assert p.get_by_role("button", name=f"Copy link to Paragraph {n}", exact=True).count() == 0
    p.locator(f"#p{n} a.pnum").click()
    assert p.url == served + f"paragraphs/{n}/"
    ctx.close()


def test_opening_an_anchor_highlights_the_paragraph_or_clause(
    context: BrowserContext, served: str, edition: Edition, n: int
) -> None:
    if len(PARAGRAPHS) < 2:
        pytest.skip("source/ has one paragraph: nothing to tell the highlighted one from")
    other = n - 1 if n > 1 else n + 1
    p = context.new_page()
    style = "(el) => getComputedStyle(el).backgroundColor"
    p.goto(served + f"text/#p{n}")
    assert p.locator(f"#p{n}").evaluate(style) != p.locator(f"#p{other}").evaluate(style)
    with_clauses = [number for number, clauses in edition.clauses.items() if clauses]
    if len(with_clauses) < 2:
        return
    first, second = with_clauses[:2]
    target = edition.clauses[first][0].text_anchor
    # A fresh page, as a shared link is opened: a fragment change on the same page goes
    # through instant navigation's history handling, which made ':target' lag under load.
    p.close()
    p = context.new_page()
    p.goto(served + f"text/#{target}")
    p.wait_for_function("id => document.querySelector(':target')?.id === id", arg=target)
    clause = p.locator(f"#{target}")
    unmarked = p.locator(f"#p{second} span.clause[id]").first.evaluate(style)
    # Retried until the style of the new target is applied (a loaded machine can lag a frame).
    expect(clause).not_to_have_css("background-color", unmarked)


@pytest.mark.parametrize("query", ["{n}", "para {n}", "paragraph {n}"])
def test_search_finds_a_paragraph_by_its_number(
    context: BrowserContext, served: str, query: str, n: int, edition: Edition
) -> None:
    p = context.new_page()
    p.goto(served)
    p.keyboard.press("/")
    p.keyboard.type(query.format(n=n))
    results = p.locator(".md-search-result__item a")
    expect(results.first).to_be_visible()
    # A bare number is also a recital's when the recitals are numbered (dashes): then the
    # paragraph is one of the first two results, else the first.
    shared = query == "{n}" and any(not r.letter and r.number == n for r in edition.document.recitals)
    wanted = urlsplit(served).path + f"paragraphs/{n}/"
    pages: list[str] = []  # the pages of the results, in order (a page's sections follow it)
    hit = None
    for i in range(results.count()):
        path = urlsplit(results.nth(i).get_attribute("href") or "").path
        if path not in pages:
            pages.append(path)
            if path == wanted and hit is None:
                hit = results.nth(i)
    assert hit is not None and pages.index(wanted) < (2 if shared else 1), pages[:3]
    assert re.match(rf"(Paragraph|Para\.) {n}\b", hit.locator("h1").inner_text())


def _own_words(n: int) -> str:
    """Two long words only paragraph `n` uses, found from the source; not in its first 200
    characters, which its section's page and the home page show as its lead."""

    def vocabulary(text: str) -> set[str]:
        return {w.lower() for w in re.findall(r"[A-Za-z]{7,}", text)}

    others = [t for number, t in PARAGRAPHS.items() if number != n] + list(RECITALS.values())
    elsewhere = set().union(*map(vocabulary, others), vocabulary(PARAGRAPHS[n][:200]))
    return " ".join(sorted(vocabulary(PARAGRAPHS[n]) - elsewhere)[:2])


def test_search_finds_a_paragraph_by_its_words(context: BrowserContext, served: str) -> None:
    found = next(((n, w) for n in PARAGRAPHS if len((w := _own_words(n)).split()) == 2), None)
    if found is None:
        pytest.skip("no paragraph of source/ has two long words of its own, past its lead, to search for")
    n, words = found
    p = context.new_page()
    p.goto(served)
    p.keyboard.press("/")
    p.keyboard.type(words)
    expect(p.locator(".md-search-result__item a").first).to_be_visible()
    links = p.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    hrefs = [urlsplit(h).path for h in links]
    assert hrefs[0] == urlsplit(served).path + f"paragraphs/{n}/", (words, hrefs[:4])


def test_printing_a_paragraph_keeps_text_footnotes_and_citation(
    context: BrowserContext, served: str, edition: Edition
) -> None:
    item = with_footnote(edition)
    if item is None:
        pytest.skip("no paragraph or recital of source/ cites a footnote with text")
    p = context.new_page()
    p.goto(served + page_of(item))
    p.emulate_media(media="print")
    chrome_parts = (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        "nav.crumbs",
        "nav.pager",
    )
    for chrome in chrome_parts:
        assert p.locator(chrome).first.evaluate("(el) => getComputedStyle(el).display") == "none", chrome
    assert p.locator(f"#{item.anchor}").is_visible()
    assert p.locator("div.footnote").first.is_visible()
    assert p.locator("article p.doc-line").is_visible(), "the document line says which document"
    for part in ("clauses", "actors", "instruments"):
        heading = p.locator(f"article h2#{part}")
        if heading.count():
            assert not heading.is_visible(), part
    printed = p.locator(".share-print")
    assert printed.is_visible()
    url = SITE_URL + page_of(item)
    pinpoint = f"para. {item.number}" if page_of(item).startswith("paragraphs/") else f"recital {item.key.upper()}"
    assert citation(pinpoint, url) in printed.inner_text()
    p.emulate_media(media="screen")
    assert not printed.is_visible()


@pytest.fixture(scope="module")
def sub_site(subpath_site: Path) -> Iterator[str]:
    """The real site built (conftest.py) and served under a GitHub Pages project sub-path."""
    from site_tests.support.server import serve

    with serve(subpath_site, SUB) as base:
        yield base


def test_404_names_the_range_and_jumps_to_a_paragraph(browser: Browser, sub_site: str, n: int) -> None:
    ctx = browser.new_context()
    failed: list[str] = []
    ctx.on(
        "response",
        lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and "no-such" not in r.url else None,
    )
    p = ctx.new_page()
    response = p.goto(sub_site + "paragraphs/no-such-page/")
    assert response.status == 404
    assert not failed, failed
    text = p.locator("article").inner_text()
    first, last = min(PARAGRAPHS), max(PARAGRAPHS)
    assert f"paragraphs {first} to {last}" in text
    # Material's stylesheet loaded from the sub-path: the header is styled.
    assert p.locator(".md-header").evaluate("(el) => getComputedStyle(el).position") in ("sticky", "fixed")
    p.get_by_label("Go to paragraph").fill(str(n))
    p.keyboard.press("Enter")
    p.wait_for_url(sub_site + f"paragraphs/{n}/")
    assert p.locator("h1").first.inner_text() == f"Paragraph {n}"
    ctx.close()


def test_404_refuses_a_number_out_of_range(browser: Browser, sub_site: str) -> None:
    ctx = browser.new_context()
    p = ctx.new_page()
    p.goto(sub_site + "paragraphs/999/")
    p.get_by_label("Go to paragraph").fill(str(max(PARAGRAPHS) + 1))
    p.keyboard.press("Enter")
    assert p.url == sub_site + "paragraphs/999/"
    assert p.get_by_label("Go to paragraph").evaluate("(el) => el.validity.valid") is False
    ctx.close()


def test_404_without_javascript_links_to_the_full_text(browser: Browser, sub_site: str, n: int) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    p = ctx.new_page()
    p.goto(sub_site + "paragraphs/999/")
    assert not p.locator("form.jump").is_visible()
    p.get_by_role("link", name="Read the full text").click()
    assert p.url == sub_site + "text/"
    assert p.locator(f"#p{n}").count() == 1
    ctx.close()
