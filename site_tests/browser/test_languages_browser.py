"""A text in two languages in headless Chromium: the language switch keeps the paragraph and
the anchor, a clause's too, whose anchor is named by its verb in each language (at 390 px by
touch and at 1280 px by mouse and keyboard, Material's instant navigation on, the site URL
the served origin); Material's interface, the page's lang and the navigation follow each
page's language, across instant navigation too; the switch works without a script, Copy link gives the
address in the reader's language, search finds a French paragraph by French words and an
English one by English words, a reader of a French paragraph reaches the French page of an
actor it asks to act and switches it to English, and axe finds nothing on any page of either
language.

The site is the two-language fixture (fixtures/bilingual: invented texts); the paragraphs,
points and words tried are read from its two models.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conclusions.core.edition import Edition
from conclusions.core.inline_source import plain_text
from conclusions.core.model import Document, Paragraph
from conclusions.core.site import build_collection
from conclusions.core.urls import request_anchor
from conclusions.material_theme import _templates as material_templates
from playwright.sync_api import Browser, Page, expect

from site_tests.support.build import FIXTURES
from site_tests.support.documents import Built, Spec, prepare
from site_tests.support.gates import MISSING, SCHEMES, Visit, browsed_pages, describe_violations, visit_all
from site_tests.support.server import built_and_served

VIEWPORTS: dict[str, dict[str, Any]] = {
    "390-touch": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
    "1280": {"viewport": {"width": 1280, "height": 900}},
}


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return prepare(Spec("bilingual", source=FIXTURES / "bilingual"), tmp_path_factory)


@pytest.fixture(scope="module")
def served(bilingual: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The fixture built for the origin it is served from (instant navigation on): its base URL and site."""
    site = tmp_path_factory.mktemp("bilingual-served") / "site"
    with built_and_served(site, bilingual.source) as base:
        yield base, site


def _french(bilingual: Built) -> tuple[str, Document]:
    ((prefix, document),) = bilingual.versions.items()
    return prefix, document


def _with_points(d: Document) -> Paragraph:
    return next(p for p in d.paragraphs if p.points)


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_the_switch_keeps_the_paragraph_and_the_anchor(
    browser: Browser, served: tuple[str, Path], bilingual: Built, size: str
) -> None:
    base, _site = served
    prefix, french = _french(bilingual)
    english = bilingual.model
    paragraph = _with_points(english)
    point = paragraph.points[-1].anchor
    touch = VIEWPORTS[size].get("has_touch", False)
    context = browser.new_context(**VIEWPORTS[size])
    page = context.new_page()
    page.goto(f"{base}paragraphs/{paragraph.number}/#{point}")
    switch = page.get_by_role("navigation", name="Language versions")
    for link in switch.get_by_role("link").all():
        box = link.bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44, (size, box)
    to_french = switch.locator(f"a[hreflang={french.header.language}]")
    to_french.tap() if touch else to_french.click()
    expect(page).to_have_url(f"{base}{prefix}paragraphs/{paragraph.number}/#{point}")
    assert page.locator("article div[lang]").get_attribute("lang") == french.header.language
    expect(page.locator(f"[id='{point}']")).to_be_in_viewport()
    # Back by keyboard, from the full text's paragraph anchor.
    page.goto(f"{base}{prefix}text/#p{paragraph.number}")
    back = page.get_by_role("navigation", name="Versions linguistiques").locator(
        f"a[hreflang={english.header.language}]"
    )
    back.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}text/#p{paragraph.number}")
    expect(page.locator(f"[id='p{paragraph.number}']")).to_be_in_viewport()
    context.close()


def test_without_a_script_the_switch_opens_the_same_paragraph(
    browser: Browser, served: tuple[str, Path], bilingual: Built
) -> None:
    base, _site = served
    prefix, french = _french(bilingual)
    number = bilingual.model.paragraphs[-1].number
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}paragraphs/{number}/")
    page.locator(f".language-switch a[hreflang={french.header.language}]").click()
    expect(page).to_have_url(f"{base}{prefix}paragraphs/{number}/")
    context.close()


def test_copy_link_gives_the_address_in_the_readers_language(
    browser: Browser, served: tuple[str, Path], bilingual: Built
) -> None:
    base, _site = served
    prefix, french = _french(bilingual)
    number = french.paragraphs[0].number
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    page = context.new_page()
    page.goto(f"{base}{prefix}paragraphs/{number}/")
    page.locator(f"#p{number} .share-toggle").click()
    page.locator(f"#p{number} [data-share=link]").click()
    expect(page.locator("#share-status")).not_to_be_empty()
    assert page.evaluate("navigator.clipboard.readText()") == f"{base}{prefix}paragraphs/{number}/"
    page.locator(f"#p{number} .share-toggle").click()
    page.locator(f"#p{number} [data-share=cite]").click()
    cited = page.evaluate("navigator.clipboard.readText()")
    assert f"{base}{prefix}paragraphs/{number}/" in cited and french.header.title in cited
    context.close()


def _words(p: Paragraph) -> str:
    """Two words of the paragraph's own text, long enough to be its own (no verb in capitals)."""
    found = [w.strip(".,;:") for w in plain_text(p.text).split() if len(w) > 6 and not w.isupper()]
    return " ".join(found[-2:])


def test_search_finds_each_language_by_its_own_words(
    browser: Browser, served: tuple[str, Path], bilingual: Built
) -> None:
    base, _site = served
    prefix, french = _french(bilingual)
    number = bilingual.model.paragraphs[-1].number
    context = browser.new_context()
    page = context.new_page()
    for where, d in (("", bilingual.model), (prefix, french)):
        page.goto(f"{base}{where}")
        page.locator("input.md-search__input").click()
        page.keyboard.type(_words(d.paragraph(number)))
        first = page.locator(".md-search-result__item a").first
        expect(first).to_be_visible()
        assert str(first.get_attribute("href")).split("?")[0].endswith(f"/{where}paragraphs/{number}/"), where
        page.keyboard.press("Escape")
    context.close()


def _editions() -> tuple[Edition, Edition]:
    """The fixture's text and its French version, linked (their clauses and anchors)."""
    c = build_collection(FIXTURES / "bilingual")
    (english,) = c.editions
    (french,) = c.versions_of(english)
    return english, french


def _material_word(language: str, key: str) -> str:
    """One of Material's interface words in `language`, from the translation Material ships."""
    text = (material_templates() / "partials" / "languages" / f"{language}.html").read_text(encoding="utf-8")
    found = re.search(rf'"{re.escape(key)}":\s*"([^"]*)"', text)
    assert found is not None, (language, key)
    return found.group(1)


def _open_navigation(page: Page, touch: bool) -> None:
    """At 390 px the navigation is in Material's drawer: open it."""
    if touch:
        page.locator("label.md-header__button[for=__drawer]").tap()


def _chrome_is_in(page: Page, language: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("input.md-search__input")).to_have_attribute(
        "placeholder", _material_word(language, "search.placeholder")
    )
    expect(page.locator(".md-skip")).to_have_text(_material_word(language, "action.skip"))


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_a_clause_anchor_and_the_interface_follow_the_language(
    browser: Browser, served: tuple[str, Path], size: str
) -> None:
    base, _site = served
    english, french = _editions()
    number, index = next(
        (p.number, i)
        for p in english.document.paragraphs
        for i, (a, b) in enumerate(
            zip(english.clauses.get(p.number, ()), french.clauses.get(p.number, ()), strict=False)
        )
        if a.anchor != b.anchor
    )
    ours, theirs = english.clauses[number][index], french.clauses[number][index]
    fr, en = french.document.header.language, english.document.header.language
    prefix = french.urls.prefix
    touch = VIEWPORTS[size].get("has_touch", False)
    context = browser.new_context(**VIEWPORTS[size])
    page = context.new_page()
    page.goto(f"{base}paragraphs/{number}/#{ours.anchor}")
    _chrome_is_in(page, en)
    to_french = page.locator(f".language-switch a[hreflang={fr}]")
    to_french.tap() if touch else to_french.click()
    expect(page).to_have_url(re.compile(re.escape(f"{base}{prefix}paragraphs/{number}/#") + ".+"))
    assert page.evaluate("decodeURIComponent(location.hash.slice(1))") == theirs.anchor
    expect(page.locator(f"[id='{theirs.anchor}']")).to_be_in_viewport()
    _chrome_is_in(page, fr)
    expect(page.locator(".md-header__topic").first).to_contain_text(french.document.header.short_title)
    # Within the French version, by Material's instant navigation: French all along.
    _open_navigation(page, touch)
    full_text = page.locator(".md-nav--primary a", has_text=french.interface("nav.full_text")).first
    full_text.tap() if touch else full_text.click()
    expect(page).to_have_url(f"{base}{prefix}text/")
    _chrome_is_in(page, fr)
    # The full text's clause anchor comes back to the English one's name.
    page.goto(f"{base}{prefix}text/#{theirs.text_anchor}")
    to_english = page.locator(f".language-switch a[hreflang={en}]")
    to_english.tap() if touch else to_english.click()
    expect(page).to_have_url(f"{base}text/#{ours.text_anchor}")
    expect(page.locator(f"[id='{ours.text_anchor}']")).to_be_in_viewport()
    _chrome_is_in(page, en)
    # From a French page to the French glossary, by the French navigation: French all along.
    page.goto(f"{base}{prefix}paragraphs/{number}/")
    _open_navigation(page, touch)
    glossary = page.locator(".md-nav--primary a", has_text=french.interface("registers.glossary")).first
    glossary.tap() if touch else glossary.click()
    expect(page).to_have_url(f"{base}{prefix}glossary/")
    _chrome_is_in(page, fr)
    expect(page.locator("article h1")).to_have_text(french.interface("registers.glossary"))
    context.close()


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_from_a_french_paragraph_to_its_actor_and_back_to_english(
    browser: Browser, served: tuple[str, Path], size: str
) -> None:
    """A reader of a French paragraph follows the link of an actor it asks to act: the French
    actor page (by instant navigation, within one language), which lists that request and links
    the French paragraph; its language switch opens the English page of the same actor, at the
    same request when the address names it."""
    base, _site = served
    english, french = _editions()
    number, index, actor = next(
        (p.number, i, c.addressees[0])
        for p in french.document.paragraphs
        for i, c in enumerate(french.clauses.get(p.number, ()))
        if c.addressees
    )
    ours, theirs = french.clauses[number][index], english.clauses[number][index]
    fr, en = french.document.header.language, english.document.header.language
    prefix = french.urls.prefix
    named = {a.id: a.name for a in french.registries.actors}, {a.id: a.name for a in english.registries.actors}
    touch = VIEWPORTS[size].get("has_touch", False)
    context = browser.new_context(**VIEWPORTS[size])
    page = context.new_page()
    page.goto(f"{base}{prefix}paragraphs/{number}/")
    _chrome_is_in(page, fr)
    # A mark on the window survives Material's instant navigation, and only it.
    page.evaluate("window.stillHere = true")
    to_actor = page.locator(f"#clauses ~ * a[href$='actors/{actor.id}/']").first
    expect(to_actor).to_have_text(named[0][actor.id])
    to_actor.tap() if touch else to_actor.click()
    expect(page).to_have_url(f"{base}{prefix}actors/{actor.id}/")
    assert page.evaluate("window.stillHere === true"), "not opened by instant navigation"
    _chrome_is_in(page, fr)
    expect(page.locator("article h1")).to_have_text(named[0][actor.id])
    back_to_paragraph = page.locator(f"#asked-to-act ~ * a[href$='paragraphs/{number}/#{ours.anchor}']")
    expect(back_to_paragraph).to_have_count(1)
    to_english = page.locator(f".language-switch a[hreflang={en}]")
    to_english.tap() if touch else to_english.click()
    expect(page).to_have_url(f"{base}actors/{actor.id}/")
    _chrome_is_in(page, en)
    expect(page.locator("article h1")).to_have_text(named[1][actor.id])
    # At a request: the English page's request of the same clause, named by its English verb.
    page.goto(f"{base}{prefix}actors/{actor.id}/#{request_anchor(number, ours.anchor, french.urls.key)}")
    to_english = page.locator(f".language-switch a[hreflang={en}]")
    to_english.tap() if touch else to_english.click()
    mine = request_anchor(number, theirs.anchor, english.urls.key)
    expect(page).to_have_url(f"{base}actors/{actor.id}/#{mine}")
    expect(page.locator(f"[id='{mine}']")).to_be_attached()
    context.close()


@pytest.fixture(scope="module")
def visits(browser: Browser, served: tuple[str, Path]) -> list[Visit]:
    """Every page of both languages opened once, with axe run on it in both palettes (support/gates.py)."""
    base, site = served
    pages = browsed_pages(site)
    assert any(url.startswith("fr/") for url in pages)
    visits = visit_all(browser, base, pages)
    assert len(visits) == len(pages)
    return visits


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violation_in_either_language(visits: list[Visit], scheme: str) -> None:
    problems = describe_violations(visits, scheme)
    assert not problems, f"{len(problems)} axe violations (page, rule, nodes):\n" + "\n".join(problems)


def test_no_page_of_either_language_asks_for_what_is_not_there(visits: list[Visit]) -> None:
    """Material asks for a sitemap under every hreflang address; the site's own is given instead."""
    bad = [f"/{v.url}: {line}" for v in visits for line in v.failed + v.bad_status]
    errors = [f"/{v.url}: {m}" for v in visits if v.url != MISSING for m in v.console_errors + v.page_errors]
    assert not bad and not errors, "\n".join((bad + errors)[:50])
