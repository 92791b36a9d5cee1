"""The search index and worker are fetched when the reader opens search, not on every visit."""

from __future__ import annotations

from conclusions.core.edition import Edition
from playwright.sync_api import Browser, expect

from site_tests.support.documents import showcase


def test_search_loads_only_when_opened_and_then_works(browser: Browser, served: str, edition: Edition) -> None:
    n = showcase(edition).number
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    # Material asks for the index and starts the worker while its bundle runs, before `load`.
    page.goto(served + f"paragraphs/{n}/", wait_until="load")
    assert not [u for u in requested if "search_index.json" in u or "/workers/search" in u], requested
    with page.expect_request(lambda r: "search_index.json" in r.url):
        page.locator("input.md-search__input").click()
    page.keyboard.type(f"para {n}")
    first = page.locator(".md-search-result__item a").first
    expect(first).to_be_visible()
    assert (first.get_attribute("href") or "").split("?")[0].endswith(f"/paragraphs/{n}/")
    assert any("/workers/search" in u for u in requested)
    context.close()
