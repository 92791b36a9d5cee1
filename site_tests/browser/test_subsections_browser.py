"""Sub-headings on the home page in a real browser: a reader of a Council text with lettered
headings under a Roman-numbered one sees each over its paragraphs in the overview, and its link
leads to the sub-heading on its section's page. A phone with touch at 390 px and a desktop with
a mouse at 1280 px, the site built for the origin it is served from, so that Material's instant
navigation is on. The text is invented: fixtures/import/ST-15230-2026-INIT-en.txt; what is
expected is read from its model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conclusions.core.edition import build_edition
from conclusions.core.model import Document
from playwright.sync_api import Browser, expect

from site_tests.support.build import FIXTURES
from site_tests.support.documents import import_into
from site_tests.support.server import built_and_served

TEXT = FIXTURES / "import" / "ST-15230-2026-INIT-en.txt"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Document]]:
    folder = tmp_path_factory.mktemp("subsections-browser")
    source = import_into(TEXT, folder / "source")
    with built_and_served(folder / "site", source) as base:
        yield base, build_edition(source).document


@pytest.mark.parametrize("phone", [False, True], ids=["desktop-1280", "phone-390-touch"])
def test_a_sub_heading_on_the_home_page_leads_to_it_on_its_sections_page(
    browser: Browser, imported: tuple[str, Document], phone: bool
) -> None:
    base, document = imported
    ctx = (
        browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
        if phone
        else browser.new_context(viewport={"width": 1280, "height": 800})
    )
    errors: list[str] = []
    ctx.on("weberror", lambda e: errors.append(str(e.error)))
    subsections = [(s, sub) for s in document.sections for sub in s.subsections]
    assert subsections, "the fixture has sub-sections"
    p = ctx.new_page()
    for section, sub in subsections:
        p.goto(base)
        assert p.evaluate("typeof window.document$") == "object", "instant navigation is not on"
        heading = p.locator(f'h4[id="{sub.anchor}"]')
        expect(heading).to_be_visible()
        expect(heading).to_have_text(sub.heading)
        # Its paragraphs' list follows it, and nothing runs past the screen's width.
        numbers = heading.locator("xpath=following-sibling::ul[1]/li/a[1]")
        assert numbers.all_inner_texts() == [str(x.number) for x in sub.paragraphs]
        assert p.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        link = heading.get_by_role("link", name=sub.heading)
        link.tap() if phone else link.click()
        # A function, not an expression: Playwright polls an expression with eval, which the
        # page's Content-Security-Policy refuses.
        p.wait_for_function(
            "([path, id]) => location.pathname === path && document.querySelector(':target')?.id === id",
            arg=[f"/sections/{section.slug}/", sub.anchor],
        )
        expect(p.locator(f'h2[id="{sub.anchor}"]')).to_be_in_viewport()
    assert errors == []
    ctx.close()
