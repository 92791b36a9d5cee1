"""Quality gate: a paragraph page works from the keyboard, with focus always visible.

From the top of a paragraph page (the paragraph of source/ with the most actors asked to act,
support/documents.py `showcase`), Tab is pressed until focus has gone through the whole page.
Expected: the skip link first; then the search field; then the site navigation; then the
page's own content, every tab stop of the article in document order. Every element that
takes focus shows an indicator: its computed outline or box-shadow differs from the one it
has without focus (for Material's visually hidden palette radio, the label drawn in its place).
"""

from __future__ import annotations

from typing import Any

import pytest
from conclusions.core.edition import Edition
from playwright.sync_api import Browser

from site_tests.support.documents import showcase

TabWalk = tuple[list[dict[str, Any]], list[dict[str, Any]]]
"""Every stop Tab reached, in order, and the stops the article holds."""

MAX_TABS = 300

# Marks every tab stop and records how it looks without focus, before any key is pressed.
SNAPSHOT = """() => {
  const look = el => { const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset, s.boxShadow].join(' | '); };
  window.__indicator = el => {
    const r = el.getBoundingClientRect();
    // A visually hidden control (Material's palette radios) is drawn by the label after it.
    if ((r.width < 2 || r.height < 2) && el.nextElementSibling?.tagName === 'LABEL') return el.nextElementSibling;
    return el;
  };
  window.__look = look;
  const stops = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter(el => el.tabIndex >= 0 && !el.disabled);
  stops.forEach((el, i) => { el.dataset.kbStop = i; el.dataset.kbLook = look(window.__indicator(el)); });
  const article = document.querySelector('article');
  return stops.filter(el => article.contains(el)
                      && getComputedStyle(el).visibility !== 'hidden' && el.getClientRects().length > 0)
              .map(el => el.dataset.kbStop);
}"""

# What has focus now: which part of the page, and whether it shows a focus indicator.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const shown = window.__indicator(el);
  const r = shown.getBoundingClientRect();
  const look = window.__look(shown);
  const region = el.closest('[data-md-component=skip]') ? 'skip'
    : el.closest('.md-search') ? 'search'
    : el.closest('header') ? 'header'
    : el.closest('.md-sidebar--primary') ? 'navigation'
    : el.closest('.md-sidebar--secondary') ? 'toc'
    : el.closest('article') ? 'article'
    : el.closest('footer') ? 'footer' : 'other';
  return {
    stop: el.dataset.kbStop ?? null, region, tag: el.tagName.toLowerCase(),
    classes: el.className, text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40),
    href: el.getAttribute('href'), look, before: el.dataset.kbLook ?? null,
    ring: !look.startsWith('none') || !look.endsWith('| none'),
    onscreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
      && r.top < innerHeight && r.left < innerWidth,
  };
}"""


def _name(f: dict[str, Any]) -> str:
    return f"{f['region']} {f['tag']}.{f['classes']} {f['href'] or ''} {f['text']!r}"


@pytest.fixture(scope="module")
def tab_walk(served: str, browser: Browser, edition: Edition) -> TabWalk:
    """Every element focused by Tab, in order, from page load until focus leaves the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        # Material's script sets up search and navigation once loaded: wait until it has
        # (its first act is to mark the document as scripted).
        page.goto(served + f"paragraphs/{showcase(edition).number}/", wait_until="load")
        page.wait_for_function("() => document.documentElement.classList.contains('js')")
        article_stops = page.evaluate(SNAPSHOT)
        walk: list[dict[str, Any]] = []
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused is None or (walk and focused["stop"] == walk[0]["stop"]):
                break  # back to the browser's own UI, or around to the first stop again
            walk.append(focused)
        return walk, article_stops
    finally:
        context.close()


def test_the_skip_link_comes_first(tab_walk: TabWalk) -> None:
    walk, _ = tab_walk
    assert walk, "Tab focuses nothing"
    assert walk[0]["region"] == "skip" and "md-skip" in walk[0]["classes"], _name(walk[0])
    assert walk[0]["onscreen"], "the skip link takes focus but stays off screen"


def test_search_then_navigation_then_content(tab_walk: TabWalk) -> None:
    walk, _ = tab_walk
    regions = [f["region"] for f in walk]
    order = "\n".join(f"{i:3} {_name(f)}" for i, f in enumerate(walk))
    for region in ("search", "navigation", "article"):
        assert region in regions, f"Tab never reaches the {region}:\n{order}"
    first = {region: regions.index(region) for region in ("skip", "search", "navigation", "article")}
    assert first["skip"] < first["search"] < first["navigation"] < first["article"], order
    # Once in the article, focus does not jump back up into the header or the navigation.
    start = first["article"]
    assert not {"skip", "search", "header", "navigation"} & set(regions[start:]), order


def test_the_article_is_walked_in_document_order(tab_walk: TabWalk) -> None:
    walk, article_stops = tab_walk
    visited = [f["stop"] for f in walk if f["region"] == "article"]
    assert len(article_stops) > 5
    assert visited == article_stops, "article tab stops, reached vs in document order:\n" + "\n".join(
        f"{_name(f)}" for f in walk if f["region"] == "article"
    )


def test_every_focused_element_shows_a_focus_indicator(tab_walk: TabWalk) -> None:
    walk, _ = tab_walk
    invisible = [
        f"{_name(f)}: focused {f['look']!r}, unfocused {f['before']!r}"
        for f in walk
        if not f["ring"] or f["look"] == f["before"]
    ]
    assert not invisible, "no visible focus indicator on:\n" + "\n".join(invisible)
    offscreen = [_name(f) for f in walk if not f["onscreen"]]
    assert not offscreen, "focused but not on screen:\n" + "\n".join(offscreen)
