"""Glossary tooltips in a real browser: keyboard, mouse and touch, and Escape to close."""

from __future__ import annotations

import pytest
import yaml

from site_tests.support.build import SOURCE

TERM = next(
    t for t in yaml.safe_load((SOURCE / "glossary.yml").read_text(encoding="utf-8"))["terms"] if t["id"] == "iris2"
)
IRIS = '#p33 a.term[data-term="iris2"]'


@pytest.fixture()
def page(browser, served):
    context = browser.new_context()
    p = context.new_page()
    p.goto(served + "paragraphs/33/")
    yield p
    context.close()


def test_tab_reaches_the_term_and_shows_its_expansion(page) -> None:
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", IRIS):
            break
    else:
        pytest.fail("Tab never reached IRIS² in paragraph 33")
    tip = page.locator("#xref-tip")
    assert tip.is_visible()
    assert TERM["expansion"] in tip.inner_text()
    assert page.locator(IRIS).first.get_attribute("aria-describedby") == "xref-tip"
    page.keyboard.press("Escape")
    assert tip.is_hidden()


def test_hover_opens_and_the_tooltip_stays_while_hovered(page) -> None:
    page.locator(IRIS).first.hover()
    tip = page.locator("#xref-tip")
    assert tip.is_visible()
    assert TERM["expansion"] in tip.inner_text()
    tip.hover()
    assert tip.is_visible()
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden")


def test_a_tap_opens_the_tooltip_and_a_second_tap_follows_the_link(browser, served) -> None:
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    p = context.new_page()
    p.goto(served + "paragraphs/33/")
    term = p.locator(IRIS).first
    term.scroll_into_view_if_needed()
    term.tap()
    tip = p.locator("#xref-tip")
    assert tip.is_visible()
    assert TERM["expansion"] in tip.inner_text()
    assert p.url.endswith("/paragraphs/33/")
    assert tip.locator("a").get_attribute("href").endswith("glossary/#iris2")
    term.tap()
    p.wait_for_url("**/glossary/#iris2")
    context.close()


def test_without_javascript_the_expansion_and_link_remain(browser, served) -> None:
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(served + "paragraphs/33/")
    term = p.locator(IRIS).first
    assert TERM["expansion"] in term.get_attribute("title")
    assert term.get_attribute("href").endswith("glossary/#iris2")
    context.close()


def test_a_footnote_reference_shows_its_footnote(browser, served) -> None:
    document = (SOURCE / "document.md").read_text(encoding="utf-8")
    note = next(line for line in document.splitlines() if line.startswith("[^8]:"))[len("[^8]:") :].strip()
    p = browser.new_page()
    try:
        p.goto(served + "paragraphs/19/")
        p.locator("#p19 a.footnote-ref").hover()
        tip = p.locator(".md-tooltip2--active")
        tip.wait_for(state="visible")
        assert note[:60] in " ".join(tip.inner_text().split())
    finally:
        p.close()
