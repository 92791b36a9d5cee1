"""Every page type fits a phone: at 320 and 390 px with touch and at
1280 px, no element is wider than the viewport and no word is broken inside a table cell.
The site is built for the origin it is served from, so Material's instant navigation is on."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from site_tests.screenshots import pages

WIDTHS = [(320, True), (390, True), (1280, False)]

# Elements whose right edge passes the viewport's: only what is visible and not scrolled
# inside a container made to scroll (Material's code blocks; none is expected here).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > width) out.push('page: ' + document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0) continue;
    if (el.closest('[hidden], .md-sidebar, .md-search, .share-offscreen')) continue;
    if (r.right > width + 0.5) out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.right));
  }
  return out.slice(0, 10);
}"""

# Words (cut at hyphens, slashes and an address's punctuation, where a line may break) set on
# more than one line.
BROKEN_WORDS = """() => {
  const out = [];
  for (const cell of document.querySelectorAll('.md-typeset td, .md-typeset th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const re = /[^\\s\\-\\u2010\\u2013\\/?=:&._#]+/g;
      let m;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    }
  }
  return out.slice(0, 10);
}"""


@pytest.mark.parametrize(("width", "touch"), WIDTHS, ids=[f"{w}px" for w, _ in WIDTHS])
def test_no_element_is_wider_than_the_viewport_and_no_word_is_broken_in_a_table(
    browser: Browser, instant: str, width: int, touch: bool
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=touch, is_mobile=touch)
    p = context.new_page()
    problems = {}
    for name, url in pages().items():
        p.goto(instant + url)
        p.wait_for_load_state("load")
        wide, broken = p.evaluate(OVERFLOW), p.evaluate(BROKEN_WORDS)
        if wide or broken:
            problems[f"{name} ({url})"] = {"wider than the viewport": wide, "words broken in a table": broken}
    context.close()
    assert not problems, problems
