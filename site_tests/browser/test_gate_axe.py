"""Quality gate: axe-core finds no accessibility violation on any built page, light or dark.

Rules: WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices
(support/gates.py AXE_TAGS), on every HTML page of the site (404 page included, reached as a
missing URL), in Material's light palette and in its dark palette.

Disabled rules, with their reason (support/gates.py AXE_DISABLED): none. Experimental rules
are not run (axe leaves them out of runs by tag too).

Each page is loaded once. The light pass runs every rule. Then the page is switched to the
dark palette with Material's palette toggle and the colour rules (axe category cat.color:
color-contrast, link-in-text-block) run again: the palette changes CSS colour variables and
nothing else, so every other rule gives the light pass's answer. The test
test_dark_switch_matches_a_dark_load checks that the toggle gives the page the colours it has
when loaded with prefers-color-scheme: dark.

Fixes live in the plugin's templates, plugins/conclusions/theme/: partials/search.html (the
search dialog's accessible name) and the "quality gates" section of assets/conclusions.css
(link underlines, contrast, target size).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser

from site_tests.support.gates import (
    AXE_DISABLED,
    SCHEMES,
    SHARES,
    browsed_pages,
    describe_violations,
    page_share,
    share_params,
    switch_palette,
    visit_all,
)


# The pages are cut into shares (support/gates.py `page_share`), each visited once
# (`visit_all`, cached per process) by the worker that runs its group: the tests of this module
# and of test_gate_requests.py on that share, which pytest-xdist runs together.
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("share", share_params())
def test_no_axe_violation_on_any_page(
    site: Path, served: str, browser: Browser, share: int, scheme: Literal["light", "dark"]
) -> None:
    pages = page_share(site, share)
    visits = visit_all(browser, served, pages)
    assert [v.url for v in visits] == pages
    assert all(scheme in v.violations for v in visits)
    problems = describe_violations(visits, scheme)
    assert not problems, f"{len(problems)} axe violations (page, rule, nodes):\n" + "\n".join(problems)


def test_the_shares_hold_every_page_once(site: Path) -> None:
    shares = [page_share(site, share) for share in range(SHARES)]
    assert all(shares)
    together = [url for pages in shares for url in pages]
    assert sorted(together) == sorted(browsed_pages(site))
    assert len(together) == len(set(together))


def test_every_disabled_rule_has_a_reason() -> None:
    assert all(reason.strip() for reason in AXE_DISABLED.values())


def test_dark_switch_matches_a_dark_load(served: str, browser: Browser) -> None:
    """Switching a light page to dark gives the colours of a page loaded with a dark preference."""
    looks = []
    probe = (
        "() => [document.body.dataset.mdColorScheme, getComputedStyle(document.body).backgroundColor,"
        " getComputedStyle(document.querySelector('.md-typeset')).color]"
    )
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(served + "paragraphs/1/", wait_until="load")
            page.wait_for_function("() => document.documentElement.classList.contains('js')")
            if scheme == "light":
                assert page.evaluate(probe)[0] == "default"
                switch_palette(page, "dark")
            looks.append(page.evaluate(probe))
        finally:
            context.close()
    switched, loaded = looks
    assert loaded[0] == "slate"
    assert switched == loaded
