"""Copy link, Cite, highlighting, search, print and the 404 page, in headless Chromium."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from site_tests.support.build import SOURCE, build
from site_tests.test_share_meta import SITE_URL, formal_citation, source_items

HEADER, PARAGRAPHS, RECITALS = source_items(SOURCE)
SUB = "/space-strategy/"


def citation(pinpoint: str, url: str) -> str:
    return formal_citation(HEADER, pinpoint, url)


@pytest.fixture()
def context(browser, served):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(served))
    ctx = browser.new_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    errors: list[str] = []
    ctx.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    ctx.on("weberror", lambda e: errors.append(str(e.error)))
    yield ctx
    ctx.close()
    assert not errors, errors


def _clipboard(p) -> str:
    return p.evaluate("navigator.clipboard.readText()")


def test_copy_link_and_cite_by_mouse(context, served) -> None:
    p = context.new_page()
    p.goto(served + "paragraphs/21/")
    url = f"{SITE_URL}paragraphs/21/"
    assert p.locator("link[rel=canonical]").get_attribute("href") == url
    p.get_by_role("button", name="Copy link to Paragraph 21").click()
    expect(p.locator("#share-status")).to_contain_text("Copied")
    assert _clipboard(p) == url
    p.get_by_role("button", name="Cite Paragraph 21").click()
    expect(p.locator("#share-status")).to_contain_text("Copied citation")
    assert _clipboard(p) == citation("para. 21", url)
    assert p.locator("#share-status").get_attribute("aria-live") == "polite"


def test_copy_link_and_cite_by_keyboard_on_the_full_text(context, served) -> None:
    p = context.new_page()
    p.goto(served + "text/")
    p.locator("#p21 a.pnum").focus()
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.textContent") == "Copy link"
    p.keyboard.press("Enter")
    expect(p.locator("#share-status")).to_contain_text("Copied link to Paragraph 21")
    assert _clipboard(p) == f"{SITE_URL}paragraphs/21/"
    p.keyboard.press("Tab")
    assert p.evaluate("document.activeElement.textContent") == "Cite"
    p.keyboard.press("Enter")
    expect(p.locator("#share-status")).to_contain_text("Copied citation of Paragraph 21")
    assert _clipboard(p) == citation("para. 21", f"{SITE_URL}paragraphs/21/")
    # Recitals too, and every numbered item gets exactly one pair of buttons.
    assert p.locator(".share-tools").count() == len(PARAGRAPHS) + len(RECITALS)
    if RECITALS:
        p.get_by_role("button", name="Cite Recital 1").click()
        expect(p.locator("#share-status")).to_contain_text("Copied citation of Recital 1")
        assert _clipboard(p) == citation("recital 1", f"{SITE_URL}recitals/1/")


def test_buttons_work_on_touch(browser, served) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(served))
    ctx = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    p = ctx.new_page()
    p.goto(served + "paragraphs/21/")
    button = p.get_by_role("button", name="Copy link to Paragraph 21")
    box = button.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    button.tap()
    expect(p.locator("#share-status")).to_contain_text("Copied")
    assert _clipboard(p) == f"{SITE_URL}paragraphs/21/"
    ctx.close()


def test_without_javascript_the_number_is_the_permalink(browser, served) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    p = ctx.new_page()
    p.goto(served + "text/")
    # The buttons are in the HTML but neither shown nor announced: they could do nothing.
    assert p.locator(".share-btn").count() > 0
    assert p.locator(".share-btn:visible").count() == 0
    assert p.get_by_role("button", name="Copy link to Paragraph 21").count() == 0
    p.locator("#p21 a.pnum").click()
    assert p.url == served + "paragraphs/21/"
    ctx.close()


def test_opening_an_anchor_highlights_the_paragraph_or_clause(context, served) -> None:
    p = context.new_page()
    style = "(el) => getComputedStyle(el).backgroundColor"
    p.goto(served + "text/#p21")
    assert p.locator("#p21").evaluate(style) != p.locator("#p20").evaluate(style)
    clause = p.locator("#p22 span.clause").first
    anchor = clause.get_attribute("id")
    p.goto(served + f"text/#{anchor}")
    assert clause.evaluate(style) != p.locator("#p23 span.clause").first.evaluate(style)


@pytest.mark.parametrize("query", ["21", "para 21", "paragraph 21"])
def test_search_finds_a_paragraph_by_its_number(context, served, query: str) -> None:
    p = context.new_page()
    p.goto(served)
    p.keyboard.press("/")
    p.keyboard.type(query)
    first = p.locator(".md-search-result__item a").first
    expect(first).to_be_visible()
    assert urlsplit(first.get_attribute("href")).path == urlsplit(served).path + "paragraphs/21/"
    assert first.locator("h1").inner_text().startswith("Paragraph 21")


def test_search_finds_a_paragraph_by_its_words(context, served) -> None:
    # Two long words that only paragraph 21 uses, found from the source.
    def vocabulary(text: str) -> set[str]:
        return {w.lower() for w in re.findall(r"[A-Za-z]{7,}", text)}

    others = [t for n, t in PARAGRAPHS.items() if n != 21] + list(RECITALS.values())
    elsewhere = set().union(*map(vocabulary, others))
    words = " ".join(sorted(vocabulary(PARAGRAPHS[21]) - elsewhere)[:2])
    assert words
    p = context.new_page()
    p.goto(served)
    p.keyboard.press("/")
    p.keyboard.type(words)
    expect(p.locator(".md-search-result__item a").first).to_be_visible()
    links = p.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    hrefs = [urlsplit(h).path for h in links]
    assert hrefs[0] == urlsplit(served).path + "paragraphs/21/", (words, hrefs[:4])


def test_printing_a_paragraph_keeps_text_footnotes_and_citation(context, served) -> None:
    p = context.new_page()
    p.goto(served + "paragraphs/19/")
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
    assert p.locator("#p19").is_visible()
    assert p.locator("div.footnote").first.is_visible()
    printed = p.locator(".share-print")
    assert printed.is_visible()
    url = f"{SITE_URL}paragraphs/19/"
    assert citation("para. 19", url) in printed.inner_text()
    p.emulate_media(media="screen")
    assert not printed.is_visible()


@pytest.fixture(scope="module")
def sub_site(tmp_path_factory: pytest.TempPathFactory):
    """The real site built and served under a GitHub Pages project sub-path."""
    from site_tests.support.server import serve

    out = tmp_path_factory.mktemp("sub") / "site"
    build(out, site_url=f"http://127.0.0.1:8000{SUB}")
    with serve(out, SUB) as base:
        yield base


def test_404_names_the_range_and_jumps_to_a_paragraph(browser, sub_site) -> None:
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
    p.get_by_label("Go to paragraph").fill("21")
    p.keyboard.press("Enter")
    p.wait_for_url(sub_site + "paragraphs/21/")
    assert p.locator("h1").first.inner_text() == "Paragraph 21"
    ctx.close()


def test_404_refuses_a_number_out_of_range(browser, sub_site) -> None:
    ctx = browser.new_context()
    p = ctx.new_page()
    p.goto(sub_site + "paragraphs/999/")
    p.get_by_label("Go to paragraph").fill(str(max(PARAGRAPHS) + 1))
    p.keyboard.press("Enter")
    assert p.url == sub_site + "paragraphs/999/"
    assert p.get_by_label("Go to paragraph").evaluate("(el) => el.validity.valid") is False
    ctx.close()


def test_404_without_javascript_links_to_the_full_text(browser, sub_site) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    p = ctx.new_page()
    p.goto(sub_site + "paragraphs/999/")
    assert not p.locator("form.jump").is_visible()
    p.get_by_role("link", name="Read the full text").click()
    assert p.url == sub_site + "text/"
    assert p.locator("#p21").count() == 1
    ctx.close()
