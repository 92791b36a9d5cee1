"""Points of a paragraph in a real browser: each marker is its point's permalink, and "Copy
link" and "Cite" then name that point. Desktop with a mouse and a phone with touch, with the
site built for the origin it is served from, so that Material's instant navigation is on.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Page, expect

from site_tests.support.build import FIXTURES, build
from site_tests.support.server import free_port, serve

SOURCE = FIXTURES / "structures"
EXPECTED = yaml.safe_load((SOURCE / "expected.yml").read_text(encoding="utf-8"))
NUMBER, ANCHORS = next(iter(EXPECTED["points"].items()))
NESTED = next(a for a in ANCHORS if a in EXPECTED["nested"])  # a point inside another


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    site = tmp_path_factory.mktemp("points") / "site"
    build(site, source=SOURCE, site_url=base)
    with serve(site, port=port) as served:
        assert served == base
        yield base


def _context(browser: Browser, origin: str, phone: bool) -> BrowserContext:
    if phone:
        ctx = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    else:
        ctx = browser.new_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin.rstrip("/"))
    return ctx


def _open(p: Page, phone: bool) -> None:
    """Open the paragraph's one share control (a menu of Copy link and Cite)."""
    toggle = p.get_by_role("button", name=f"Share Paragraph {NUMBER}")
    toggle.tap() if phone else toggle.click()


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_points_marker_is_its_permalink_and_copy_link_names_it(browser: Browser, origin: str, phone: bool) -> None:
    ctx = _context(browser, origin, phone)
    errors: list[str] = []
    ctx.on("weberror", lambda e: errors.append(str(e.error)))
    p = ctx.new_page()
    p.goto(f"{origin}paragraphs/{NUMBER}/")
    assert p.evaluate("typeof window.document$") == "object", "instant navigation is not on"
    point = p.locator(f'li[id="{NESTED}"]')
    marker = point.locator("a.point-marker").first
    marker.tap() if phone else marker.click()
    # The address changes first; the point becomes the :target as the navigation completes
    # (a loaded machine showed the gap): wait for both, then check. A function, not an
    # expression: Playwright polls an expression with eval, which the page's policy refuses.
    p.wait_for_function(
        f"() => location.hash === '#{NESTED}' && !!document.querySelector(':target') "
        f"&& document.querySelector(':target').id === '{NESTED}'"
    )
    assert p.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == NESTED
    pinpoint = point.get_attribute("data-pinpoint")
    url = f"{origin}paragraphs/{NUMBER}/#{NESTED}"

    _open(p, phone)
    button = p.get_by_role("button", name=f"Copy link to Paragraph {NUMBER}")
    button.tap() if phone else button.click()
    expect(p.locator("#share-status")).to_contain_text(f"Copied link to Paragraph {NUMBER}, {pinpoint}")
    assert p.evaluate("navigator.clipboard.readText()") == url

    cite = p.locator(f"#p{NUMBER}").get_attribute("data-cite")
    _open(p, phone)
    button = p.get_by_role("button", name=f"Cite Paragraph {NUMBER}")
    button.tap() if phone else button.click()
    expect(p.locator("#share-status")).to_contain_text("Copied citation")
    assert p.evaluate("navigator.clipboard.readText()") == f"{cite}, {pinpoint}, {url}."
    assert errors == []
    ctx.close()


def test_without_a_targeted_point_copy_link_names_the_paragraph(browser: Browser, origin: str) -> None:
    ctx = _context(browser, origin, phone=False)
    p = ctx.new_page()
    p.goto(f"{origin}paragraphs/{NUMBER}/")
    _open(p, phone=False)
    p.get_by_role("button", name=f"Copy link to Paragraph {NUMBER}").click()
    expect(p.locator("#share-status")).to_contain_text(f"Copied link to Paragraph {NUMBER}")
    assert p.evaluate("navigator.clipboard.readText()") == f"{origin}paragraphs/{NUMBER}/"
    ctx.close()


def test_points_are_a_list_to_assistive_technology(browser: Browser, origin: str) -> None:
    ctx = _context(browser, origin, phone=False)
    p = ctx.new_page()
    p.goto(f"{origin}paragraphs/{NUMBER}/")
    items = p.locator(f"#p{NUMBER} li[id]")
    assert items.count() == len(ANCHORS)
    assert p.get_by_role("listitem").filter(has=p.locator("a.point-marker")).count() == len(ANCHORS)
    # The marker is reachable by keyboard and names the point as the Council wrote it.
    first = p.locator("a.point-marker").first
    first.focus()
    p.keyboard.press("Enter")
    p.wait_for_function(f"() => location.hash === '#{ANCHORS[0]}'")
    ctx.close()


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_printed_citation_names_the_point_arrived_at(browser: Browser, origin: str, phone: bool) -> None:
    """A shared point's address opened and printed: "Cite as" names the point, as Cite does."""
    ctx = _context(browser, origin, phone)
    p = ctx.new_page()
    p.goto(f"{origin}paragraphs/{NUMBER}/#{NESTED}")
    p.wait_for_function("id => document.querySelector(':target')?.id === id", arg=NESTED)
    pinpoint = p.locator(f'li[id="{NESTED}"]').get_attribute("data-pinpoint")
    cite = p.locator(f"#p{NUMBER}").get_attribute("data-cite")
    url = f"{origin}paragraphs/{NUMBER}/#{NESTED}"
    p.emulate_media(media="print")
    printed = p.locator(".share-print")
    expect(printed).to_contain_text(f"{cite}, {pinpoint}, {url}.")
    expect(printed).to_contain_text(f"Online: {url}")
    ctx.close()
