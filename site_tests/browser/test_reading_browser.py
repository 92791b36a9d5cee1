"""A reader on a phone (390 px, touch) and on a desktop (1280 px, mouse), in headless Chromium
with Material's instant navigation on (each site is built for the origin it is served from):
references between texts followed in one tap, tooltips that stay on screen, a link to a
place on another page that lands there every time.

What is tried comes from the models: the collection's first reference that names a paragraph
of another text (support/collection.py), the flagship's glossary mentions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pytest
from conclusions.core.clauses import Clause
from conclusions.core.edition import Edition
from conclusions.core.pages.base import NAV_SECTIONS_LIMIT
from conclusions.core.urls import ABOUT_EDITION, site_path
from playwright.sync_api import Browser, BrowserContext, ElementHandle, Locator, Page

from site_tests.support.collection import BuiltCollection
from site_tests.support.documents import showcase


@dataclass(frozen=True)
class Device:
    width: int
    height: int
    touch: bool


PHONE = Device(390, 844, touch=True)
DESKTOP = Device(1280, 800, touch=False)
DEVICES = [PHONE, DESKTOP]


def _top(element: Locator) -> float:
    """Where `element` starts, from the top of the screen."""
    box = element.bounding_box()
    assert box is not None, "not rendered"
    return box["y"]


def _context(browser: Browser, device: Device, color_scheme: Literal["light", "dark"] = "light") -> BrowserContext:
    """A browser context of `device`: a phone with touch, or a desktop with a mouse."""
    return browser.new_context(
        viewport={"width": device.width, "height": device.height},
        has_touch=device.touch,
        is_mobile=device.touch,
        color_scheme=color_scheme,
    )


DEVICE_IDS = ["390px-touch", "1280px-mouse"]


@dataclass(frozen=True)
class ParagraphReference:
    page: str
    """The citing paragraph's or recital's page."""
    anchor: str
    target: str
    """The cited paragraph's page."""
    number: int
    cited_id: str


@pytest.fixture(scope="module")
def reference(collection: BuiltCollection) -> ParagraphReference:
    for r in collection.model.references:
        if r.cited is None or not r.paragraphs:
            continue
        page, anchor, _, _ = r.place()
        if page.endswith("/text/"):
            continue
        number = r.paragraphs[0].number
        target = site_path(r.cited.urls.paragraph_page(number))
        return ParagraphReference(site_path(page), anchor, target, number, r.cited.document_id)
    pytest.fail("no text of the fixture collection names a paragraph of another text")


def _link(p: Page, root: str, reference: ParagraphReference) -> ElementHandle:
    """The link of the reference's paragraph number, found by where it leads."""
    handle = p.evaluate_handle(
        """([anchor, href]) => [...document.querySelectorAll('#' + anchor + ' a.xref.document')]
             .find(a => a.href === href) || null""",
        [reference.anchor, root + reference.target],
    )
    element = handle.as_element()
    assert element is not None, f"no link to {reference.target} in #{reference.anchor} of {reference.page}"
    return element


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_one_tap_or_click_on_a_paragraph_of_another_text_goes_there(
    browser: Browser, collection_served: str, reference: ParagraphReference, device: Device
) -> None:
    context = _context(browser, device)
    p = context.new_page()
    p.goto(collection_served + reference.page)
    assert p.evaluate("typeof window.document$") == "object", "instant navigation is not on"
    link = _link(p, collection_served, reference)
    assert link.inner_text().strip() == str(reference.number)
    link.scroll_into_view_if_needed()
    if device is PHONE:
        link.tap()
    else:
        # A mouse shows where it leads first: the paragraph and the text, by number.
        link.hover()
        tip = p.locator("#xref-tip")
        tip.wait_for(state="visible")
        assert f"Paragraph {reference.number} of {reference.cited_id}" in tip.inner_text()
        link.click()
    p.wait_for_url(collection_served + reference.target)
    if device.touch:
        # No tooltip left open over the new page (with a mouse, the pointer may rest on a term there).
        assert p.evaluate("!document.getElementById('xref-tip') || document.getElementById('xref-tip').hidden")
    context.close()


@pytest.fixture(scope="module")
def terms(edition: Edition) -> list[tuple[int, str]]:
    """(paragraph, glossary id) of every glossary mention of a paragraph of source/."""
    found = [(para.number, m.entry.id) for para in edition.document.paragraphs for m in edition.of(para).terms]
    if not found:
        pytest.skip("no paragraph of the document in source/ mentions a glossary term")
    return found


def test_a_tooltip_link_says_what_it_opens(browser: Browser, instant: str, terms: list[tuple[int, str]]) -> None:
    number, term = terms[0]
    context = _context(browser, PHONE)
    p = context.new_page()
    p.goto(instant + f"paragraphs/{number}/")
    link = p.locator(f'#p{number} a.term[data-term="{term}"]').first
    link.scroll_into_view_if_needed()
    link.tap()
    more = p.locator("#xref-tip a")
    more.wait_for(state="visible")
    assert "glossary" in more.inner_text().lower()
    context.close()


TIP_BOX = """() => {
  const t = document.getElementById('xref-tip');
  const r = t.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
          height: window.innerHeight, width: document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_a_tooltip_near_the_bottom_of_the_screen_opens_above_the_term(
    browser: Browser, instant: str, terms: list[tuple[int, str]], device: Device
) -> None:
    number, term = terms[0]
    context = _context(browser, device)
    p = context.new_page()
    p.goto(instant + f"paragraphs/{number}/")
    selector = f'#p{number} a.term[data-term="{term}"]'
    # The term brought to the last line of the screen: space added above and below it, the
    # page scrolled to it at once (Material's smooth scrolling would take time).
    p.evaluate(
        """(s) => {
             const content = document.querySelector('.md-content');
             content.style.paddingTop = content.style.paddingBottom = '150vh';
             const el = document.querySelector(s);
             const top = window.scrollY + el.getBoundingClientRect().bottom - (window.innerHeight - 12);
             window.scrollTo({top: top, behavior: 'instant'});
           }""",
        selector,
    )
    assert _top(p.locator(selector).first) > device.height - 80, "the term is not near the bottom"
    link = p.locator(selector).first
    link.tap() if device is PHONE else link.hover()
    tip = p.locator("#xref-tip")
    tip.wait_for(state="visible")
    box = p.evaluate(TIP_BOX)
    assert box["top"] >= 0 and box["bottom"] <= box["height"], box
    assert box["left"] >= 0 and box["right"] <= box["width"], box
    assert box["bottom"] <= _top(link) + 1, "the tooltip covers the term"
    context.close()


LANDED = """(anchor) => {
  const el = document.getElementById(anchor);
  if (!el || location.hash !== '#' + anchor || !el.matches(':target')) return false;
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.top < window.innerHeight / 2;
}"""


def _follow_to_full_text(p: Page, root: str, number: int, touch: bool, scroll_while_loading: bool) -> None:
    p.goto(root + f"paragraphs/{number}/")
    link = p.locator(f'a[href$="text/#p{number}"]').first
    link.scroll_into_view_if_needed()
    held = []
    if scroll_while_loading:
        # The full text held back until the reader has scrolled and Material's scroll tracker
        # has written that offset into the new page's history entry (after 100 ms of quiet): the
        # order that made the page open at the old offset.
        p.route("**/text/", lambda route: held.append(route))
    link.tap() if touch else link.click()
    if scroll_while_loading:
        p.evaluate("window.scrollBy({top: 1, behavior: 'instant'})")
        p.wait_for_function("() => history.state !== null && location.hash !== ''")
        assert held, "the full text was not requested"
        held[0].continue_()
        p.unroute("**/text/")
    p.wait_for_url(f"**/text/#p{number}")
    p.wait_for_function(LANDED, arg=f"p{number}")


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_read_in_the_full_text_lands_on_the_paragraph_every_time(
    browser: Browser, instant: str, edition: Edition, device: Device
) -> None:
    """Followed many times as it comes, and in the order that lost the place: the reader
    scrolled while the full text loaded."""
    number = showcase(edition).number
    context = _context(browser, device)
    p = context.new_page()
    assert p.goto(instant) and p.evaluate("typeof window.document$") == "object", "instant navigation is not on"
    for attempt in range(12):
        _follow_to_full_text(p, instant, number, device is PHONE, scroll_while_loading=attempt % 3 == 0)
    context.close()


@pytest.fixture(scope="module")
def clause(edition: Edition) -> Clause:
    """The last clause of the first paragraph of source/ that has more than one."""
    found = [clauses[-1] for clauses in edition.clauses.values() if len(clauses) > 1]
    if not found:
        pytest.skip("no paragraph of source/ has two clauses")
    return found[0]


def _share(p: Page, number: int, action: str, touch: bool) -> str:
    """Open the paragraph's share menu, take `action` ('Copy link to', 'Cite'), return the clipboard."""
    toggle = p.get_by_role("button", name=f"Share Paragraph {number}", exact=True)
    toggle.tap() if touch else toggle.click()
    button = p.get_by_role("button", name=f"{action} Paragraph {number}", exact=True)
    button.tap() if touch else button.click()
    p.wait_for_function("() => (document.getElementById('share-status') || {}).textContent")
    text = p.evaluate("navigator.clipboard.readText()")
    p.evaluate("document.getElementById('share-status').textContent = ''")
    return str(text)


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
@pytest.mark.parametrize("on_full_text", [False, True], ids=["paragraph-page", "full-text"])
def test_copy_link_cite_and_print_follow_the_clause_arrived_at(
    browser: Browser, instant: str, clause: Clause, device: Device, on_full_text: bool
) -> None:
    number = clause.paragraph.number
    context = _context(browser, device)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=instant.rstrip("/"))
    p = context.new_page()
    page, anchor = ("text/", clause.text_anchor) if on_full_text else (f"paragraphs/{number}/", clause.anchor)
    p.goto(instant + page + "#" + anchor)
    p.wait_for_function("id => document.querySelector(':target')?.id === id", arg=anchor)
    url = f"{instant}paragraphs/{number}/#{clause.anchor}"
    touch = device is PHONE
    assert _share(p, number, "Copy link to", touch) == url
    cite = p.locator(f"#p{number}").get_attribute("data-cite")
    citation = f"{cite}, clause {clause.form}, {url}."
    assert _share(p, number, "Cite", touch) == citation
    if not on_full_text:
        # On paper, the page says the same: "Cite as" and "Online" name the clause.
        p.emulate_media(media="print")
        printed = p.locator(".share-print")
        assert printed.is_visible()
        assert citation in printed.inner_text()
        assert url in printed.inner_text()
    context.close()


SHARE_BOX = """(n) => {
  const item = document.getElementById('p' + n);
  const toggle = item.querySelector('button.share-toggle');
  const box = toggle.getBoundingClientRect();
  // Every line of the item's words, but the number's and the control's own.
  const overlaps = [];
  const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (!node.data.trim() || node.parentElement.closest('.pnum, .share-tools')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.left < box.right && box.left < r.right && r.top < box.bottom && box.top < r.bottom) overlaps.push(node.data.slice(0, 30));
    }
  }
  return {width: box.width, height: box.height, opacity: getComputedStyle(toggle).opacity,
          visibility: getComputedStyle(toggle).visibility, overlaps: overlaps};
}"""


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_the_share_control_is_visible_large_enough_to_touch_and_clear_of_the_text(
    browser: Browser, instant: str, edition: Edition, device: Device
) -> None:
    number = showcase(edition).number
    context = _context(browser, device)
    p = context.new_page()
    for page in (f"paragraphs/{number}/", "text/"):
        p.goto(instant + page)
        if device is DESKTOP:
            p.mouse.move(0, 0)  # nothing hovered
        box = p.evaluate(SHARE_BOX, number)
        assert box["width"] >= 44 and box["height"] >= 44, (page, box)
        assert box["opacity"] == "1" and box["visibility"] == "visible", (page, box)
        assert not box["overlaps"], (page, box)
    context.close()


COLOURS = """([selector, property]) => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const g = canvas.getContext('2d', {willReadFrequently: true});
  const paint = (colours) => {
    g.clearRect(0, 0, 1, 1);
    for (const c of colours) { g.fillStyle = c; g.fillRect(0, 0, 1, 1); }
    return [...g.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  };
  const page = getComputedStyle(document.body).backgroundColor;
  const el = document.querySelector(selector);
  const style = getComputedStyle(el);
  return {page: paint([page]), value: paint([page, style[property]]),
          tinted: paint([page, style.backgroundColor]), text: paint([page, style.color])};
}"""


def _contrast(a: list[int], b: list[int]) -> float:
    def luminance(rgb: list[int]) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_the_place_arrived_at_is_visible_in_both_palettes(
    browser: Browser, instant: str, clause: Clause, device: Device, scheme: Literal["light", "dark"]
) -> None:
    """A bar that stands out from the page (3:1, as WCAG asks of what must be seen), a tint
    that can be told from the page, and the words still readable on it (4.5:1)."""
    number = clause.paragraph.number
    context = _context(browser, device, scheme)
    p = context.new_page()
    p.goto(instant + f"paragraphs/{number}/#{clause.anchor}")
    p.wait_for_function("id => document.querySelector(':target')?.id === id", arg=clause.anchor)
    bar = p.evaluate(COLOURS, [f"#p{number}", "borderLeftColor"])
    assert _contrast(bar["value"], bar["page"]) >= 3, bar
    tint = p.evaluate(COLOURS, [f"#{clause.anchor}", "color"])
    assert _contrast(tint["tinted"], tint["page"]) >= 1.15, tint
    assert _contrast(tint["text"], tint["tinted"]) >= 4.5, tint
    context.close()


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_an_address_whose_place_does_not_exist_says_so(browser: Browser, instant: str, device: Device) -> None:
    missing = "no-such-place"
    context = _context(browser, device)
    p = context.new_page()
    p.goto(instant + f"glossary/#{missing}")
    notice = p.get_by_role("status").filter(has_text=missing)
    notice.wait_for(state="visible")
    assert _top(notice) < device.height, "the notice is not on the first screen"
    # A place that exists, reached by instant navigation: no notice.
    first = p.locator("article .gloss[id], article [id].gloss, article dt[id], article h3[id]").first
    anchor = first.get_attribute("id")
    p.evaluate(
        "id => { const a = document.createElement('a'); a.href = '#' + id; document.querySelector('article').appendChild(a); a.click(); }",
        anchor,
    )
    p.wait_for_function("id => location.hash === '#' + id", arg=anchor)
    p.wait_for_function("() => !document.getElementById('missing-place')")
    context.close()


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_printed_addresses_are_whole_and_break_only_after_a_slash(
    browser: Browser, instant: str, edition: Edition, device: Device
) -> None:
    number = showcase(edition).number
    context = _context(browser, device)
    p = context.new_page()
    p.goto(instant + f"paragraphs/{number}/")
    p.emulate_media(media="print")
    official = p.locator(".doc-line a.doc-line__official")
    if official.count():
        printed = p.locator(".doc-line .print-only .address")
        assert printed.is_visible()
        assert printed.inner_text().replace("\n", "") == official.get_attribute("href")
    online = p.locator(".share-print__url .address")
    assert online.inner_text().replace("\n", "") == f"{instant}paragraphs/{number}/"
    broken = p.evaluate(
        "() => [...document.querySelectorAll('.address__part')]"
        ".filter(e => e.offsetParent && e.getClientRects().length > 1).map(e => e.textContent)"
    )
    assert not broken, broken
    context.close()


def test_no_empty_band_under_the_header_on_a_phone(browser: Browser, instant: str, edition: Edition) -> None:
    number = showcase(edition).number
    context = _context(browser, PHONE)
    p = context.new_page()
    for page in ("", "text/", f"paragraphs/{number}/", "glossary/"):
        p.goto(instant + page)
        gap = p.evaluate(
            "() => document.querySelector('article > *:not([hidden])').getBoundingClientRect().top"
            " - document.querySelector('.md-header').getBoundingClientRect().bottom"
        )
        # Less than a line of text (the article's first element's own margin, if any).
        assert gap < 20, (page, gap)
    context.close()


def _phrase(editions: Sequence[Edition]) -> tuple[str, str]:
    """A glossary expansion of three words or more that a paragraph holds as written (any case),
    and the document id of the text that holds it."""
    for edition in editions:
        terms = {m.entry.expansion for p in edition.document.paragraphs for m in edition.of(p).terms}
        # A term of art, not an instrument's or an actor's name: their own pages rightly come
        # first for those.
        named = [*edition.registries.instruments, *edition.registries.actors]
        names = " ".join(entry.name.lower() for entry in named)
        for phrase in sorted(t for t in terms if len(t.split()) >= 3 and t.lower() not in names):
            if any(phrase.lower() in p.text.lower() for p in edition.document.paragraphs):
                return phrase, edition.document.header.document_id
    pytest.skip("no paragraph holds a glossary expansion of three words or more")


def _search(p: Page, query: str, touch: bool) -> list[dict[str, str]]:
    if touch:
        p.locator("label[for=__search]").first.tap()
    else:
        p.keyboard.press("/")
    p.keyboard.type(query)
    p.locator(".md-search-result__item").first.wait_for()
    found: list[dict[str, str]] = p.locator(".md-search-result__item > a").evaluate_all(
        """els => els.map(a => ({
             path: new URL(a.href).pathname,
             title: (a.querySelector('h1, h2') || {}).innerText || '',
             text: (a.querySelector('p:not(.md-search-result__terms)') || {}).innerText || '',
             missing: (a.querySelector('.md-search-result__terms') || {}).innerText || ''}))"""
    )
    return found


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
@pytest.mark.parametrize("where", ["flagship", "collection"])
def test_search_finds_the_paragraph_that_holds_the_phrase_first(
    browser: Browser,
    request: pytest.FixtureRequest,
    edition: Edition,
    collection: BuiltCollection,
    device: Device,
    where: str,
) -> None:
    """The first paragraph found holds the phrase, and it is among the first three pages found (a
    title that shares one word with the query no longer outranks the text); a paragraph's
    result names its text briefly, by its number."""
    root = request.getfixturevalue("instant" if where == "flagship" else "collection_served")
    editions = [edition] if where == "flagship" else list(collection.model.editions)
    phrase, document_id = _phrase(editions)
    context = _context(browser, device)
    p = context.new_page()
    p.goto(root)
    results = _search(p, phrase, device is PHONE)
    first = next(i for i, r in enumerate(results) if "/paragraphs/" in r["path"] and r["text"])
    assert phrase.lower() in " ".join(results[first]["text"].split()).lower(), results[first]
    # Among the first three pages found (the text's home, or the entry the words name, may
    # rightly come first); before, every page of a text whose title shared a word came first.
    pages_before = list(dict.fromkeys(r["path"] for r in results[:first]))
    assert len(pages_before) <= 2, (phrase, pages_before)
    pages = [
        r for r in results if "/paragraphs/" in r["path"] and r["title"].startswith("Paragraph") and "–" in r["title"]
    ]
    assert pages and all(len(r["title"]) < 40 for r in pages), pages[:3]
    assert any(r["title"].endswith(document_id) for r in pages), pages[:3]
    context.close()


ABOVE_THE_FOLD = """(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return {text: el.innerText.trim(), top: r.top, bottom: r.bottom, height: window.innerHeight};
}"""


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_every_page_says_above_the_fold_which_text_and_whose_edition(
    browser: Browser, collection: BuiltCollection, collection_served: str, device: Device
) -> None:
    """In a collection, where the header names the collection: a paragraph's page, a section's
    and the full text name their text by its short title, and the edition, on the first screen."""
    context = _context(browser, device)
    p = context.new_page()
    for edition in collection.model.editions:
        h = edition.document.header
        u = edition.urls
        for src in (u.paragraph_page(edition.document.paragraphs[0].number), u.text, u.home):
            p.goto(collection_served + site_path(src))
            title = p.evaluate(ABOVE_THE_FOLD, ".doc-line__title")
            assert title and title["text"] == h.short_title, (src, title)
            assert title["top"] >= 0 and title["bottom"] <= title["height"], (src, title)
            about = p.evaluate(ABOVE_THE_FOLD, ".doc-line__about")
            assert about and about["text"].startswith("Unofficial edition"), (src, about)
            assert about["bottom"] <= about["height"], (src, about)
    context.close()


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_the_header_names_the_text_on_the_full_text_scrolled_to_a_paragraph(
    browser: Browser, instant: str, edition: Edition, device: Device
) -> None:
    number = showcase(edition).number
    h = edition.document.header
    context = _context(browser, device)
    p = context.new_page()
    p.goto(instant + f"text/#p{number}")
    p.wait_for_function(LANDED, arg=f"p{number}")
    # Material shows the page's title in the header once its heading is scrolled away.
    p.wait_for_function("() => document.querySelector('.md-header__title--active') !== null")
    topic = p.locator("[data-md-component=header-topic]").inner_text()
    assert (h.document_id or h.short_title) in topic, topic
    context.close()


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_the_collections_menu_enters_each_text_and_holds_about_this_edition(
    browser: Browser, collection: BuiltCollection, collection_served: str, device: Device
) -> None:
    """The menu of a collection lists every text, each one entry, a link to its home, and holds
    the page's own text whole (its overview, full text and sections), never another text's
    pages: a page lists the texts, not every page of the site. Each step by instant navigation."""
    context = _context(browser, device)
    p = context.new_page()
    menu = p.locator(".md-sidebar--primary")
    editions = collection.model.editions

    def open_menu() -> None:
        if device is PHONE:
            # Material closes the drawer once instant navigation has replaced the page.
            p.wait_for_function("() => !document.getElementById('__drawer').checked")
            p.locator(".md-header label[for=__drawer]").first.tap()

    def choose(entry: Locator) -> None:
        entry.tap() if device is PHONE else entry.click()

    def link(src: str) -> Locator:
        return menu.locator(f'a.md-nav__link[href$="{site_path(src)}"]')

    for edition in editions:
        h, u = edition.document.header, edition.urls
        p.goto(collection_served)
        assert p.evaluate("typeof window.document$") == "object", "instant navigation is not on"
        open_menu()
        for other in editions:
            assert link(other.urls.home).count() == 1, f"{other.urls.home}: not one entry of the menu"
            assert link(other.urls.text).count() == 0, f"{other.urls.text}: in the menu of the collection's home"
        choose(link(u.home).first)
        p.wait_for_url(collection_served + site_path(u.home))
        open_menu()
        full_text = link(u.text).first
        full_text.wait_for(state="visible")
        for other in editions:
            if other is not edition:
                assert link(other.urls.text).count() == 0, f"{h.short_title}'s menu holds {other.urls.text}"
                assert link(other.urls.home).count() == 1, f"{h.short_title}'s menu lacks {other.urls.home}"
        choose(full_text)
        p.wait_for_url(collection_served + site_path(u.text))
        sections = edition.document.sections
        if sections and len(sections) <= NAV_SECTIONS_LIMIT:
            first = site_path(u.section_page(sections[0].slug))
            # Instant navigation replaces the page after the address changed: waited for.
            link(u.section_page(sections[0].slug)).first.wait_for(state="attached")
            # Material's footer leads on through the text: from the full text to its first section.
            p.locator(f'a.md-footer__link--next[href$="{first}"]').wait_for(state="attached")
        # A paragraph's page is in no menu entry: its text is still drawn whole, folded.
        p.goto(collection_served + site_path(u.paragraph_page(edition.document.paragraphs[0].number)))
        assert link(u.text).count() == 1, f"{h.short_title}: a paragraph's menu lacks its full text"
    p.goto(collection_served)
    open_menu()
    group = menu.locator("label.md-nav__link", has_text="About").first
    choose(group)
    about = menu.get_by_role("link", name="About this edition", exact=True)
    choose(about)
    p.wait_for_url(collection_served + site_path(ABOUT_EDITION))
    context.close()


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_a_cited_paragraph_says_near_its_top_which_texts_cite_it(
    browser: Browser, collection: BuiltCollection, collection_served: str, device: Device
) -> None:
    """Right after the paragraph, before its clauses: the citing text by its place, title and
    date, under a heading of its own (an instrument's "Recalled in" means something else)."""
    from conclusions.core.citation import long_date

    r = next(r for r in collection.model.references if r.cited is not None and r.paragraphs and not r.why)
    assert r.cited is not None
    target = site_path(r.cited.urls.paragraph_page(r.paragraphs[0].number))
    context = _context(browser, device)
    p = context.new_page()
    p.goto(collection_served + target)
    heading = p.locator("h2#recalled-in")
    assert heading.inner_text().strip() == "Cited by other texts"
    order = p.evaluate("() => [...document.querySelectorAll('article h2[id]')].map(h => h.id)")
    assert order[0] == "recalled-in", order
    assert _top(heading) < 2 * device.height, "more than a screen below the paragraph"
    rows = p.locator("xpath=//h2[@id='recalled-in']/following::table[1]").inner_text()
    for words in (r.citing.title, long_date(r.citing.date)):
        assert " ".join(words.split()) in " ".join(rows.split()), (words, rows[:300])
    context.close()


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_register_pages_explain_themselves_to_a_new_reader(
    browser: Browser, instant: str, edition: Edition, device: Device
) -> None:
    """The verbs in two kinds, the matrix's columns readable across and named in full, an
    actor's requests with their verb once, dates as the site writes them, human table heads."""
    import re

    context = _context(browser, device)
    p = context.new_page()

    p.goto(instant + "verbs/")
    requests = sorted(v.name for v in edition.registries.verbs if v.request)
    if requests:
        line = p.locator("article p", has_text="Requests").first.inner_text()
        assert all(name in line for name in requests), line

    p.goto(instant + "actors/")
    if p.locator("table.heatmap").count():
        modes = p.evaluate(
            "() => [...document.querySelectorAll('table.heatmap th')].map(th => getComputedStyle(th).writingMode)"
        )
        assert set(modes) == {"horizontal-tb"}, modes
        key = p.locator("table.heatmap ~ ul").first
        for section in edition.document.sections:
            assert key.get_by_role("link", name=section.heading, exact=True).is_visible(), section.heading

    asked = [a for a in edition.registries.actors if edition.actor_requests[a.id]]
    if asked:
        p.goto(instant + f"actors/{asked[0].id}/")
        heads = p.locator("article table").first.locator("th").all_inner_texts()
        assert [h.strip() for h in heads] == ["Paragraph", "What is asked"], heads

    dated = [i for i in edition.registries.instruments if re.fullmatch(r"\d{4}-\d{2}-\d{2}", i.date or "")]
    if dated:
        p.goto(instant + f"instruments/{dated[0].id}/")
        words = p.locator("article").inner_text()
        assert dated[0].date not in words
        assert not re.search(r"\bField\b.*\bEntry\b", words)
    p.goto(instant)
    assert "Field\tEntry" not in p.locator("article").inner_text()
    context.close()


@pytest.mark.parametrize("device", DEVICES, ids=DEVICE_IDS)
def test_the_collection_home_opens_with_its_texts_not_statistics(
    browser: Browser, collection: BuiltCollection, collection_served: str, device: Device
) -> None:
    context = _context(browser, device)
    p = context.new_page()
    p.goto(collection_served)
    first = p.locator("article h1 ~ p").first.inner_text()
    # What the collection is, before how many references it resolved.
    assert first.index("Council texts") < first.index("references"), first
    codes = p.locator(".documents th", has_text="Subject codes")
    assert codes.is_visible() == (device is DESKTOP)
    # Every text is named, by its short title, on the first screens of a phone too.
    for edition in collection.model.editions:
        assert (
            p.locator(".documents")
            .get_by_role("link", name=edition.document.header.short_title, exact=True)
            .is_visible()
        )
    context.close()
