"""Quality gate: every link resolves, for a site at the root and for one under a sub-path.

Statically, on every built HTML page (404 page included) and the sitemap: each a[href],
link[href], script[src], img[src] (and og:url, og:image, twitter:image) that points into
the site names a built file, and its #fragment an id on that page. External links are not
fetched; they must be well-formed https URLs.

The sub-path build (site_url .../space-strategy/, as a GitHub Pages project site) is built
once for the session (conftest.py) and served the way GitHub Pages serves it; in the
browser, a missing URL under the sub-path answers with the 404 page, whose every asset must load.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Response

from site_tests.support.build import SUB_PATH
from site_tests.support.links import MISSING, check_site, external_problem
from site_tests.support.server import serve

ROOT_URL = "http://127.0.0.1:8000/"  # the `site` fixture's site_url
PREFIX = SUB_PATH  # the `subpath_site` fixture's (conftest.py), built once for the session
SUB_URL = f"http://127.0.0.1:8000{PREFIX}"


def _assert_links(site: Path, site_url: str) -> None:
    problems, checked = check_site(site, site_url)
    assert checked > 100
    lines = [str(p) for p in problems]
    assert not lines, f"{len(lines)} broken links (page: link -> reason):\n" + "\n".join(lines[:300])


def test_every_link_resolves_at_the_root(site: Path) -> None:
    _assert_links(site, ROOT_URL)


def test_every_link_resolves_under_a_sub_path(subpath_site: Path) -> None:
    _assert_links(subpath_site, SUB_URL)


def test_the_checker_catches_broken_links(tmp_path: Path) -> None:
    """The gate is not blind: a missing page, a missing fragment, an escape and http are found."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<p id="top">x</p>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(
        '<a href="../">ok</a><a href="../#top">ok</a><a href="../missing/">1</a>'
        '<a href="../#nowhere">2</a><a href="/elsewhere/">3</a><a href="http://example.org/">4</a>'
        '<a href="https://example.org/ok">ok</a>',
        encoding="utf-8",
    )
    problems, _ = check_site(tmp_path, "http://127.0.0.1:8000/sub/")
    found = sorted(p.url for p in problems)
    assert found == sorted(["../missing/", "../#nowhere", "/elsewhere/", "http://example.org/"])


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://eur-lex.europa.eu/eli/dec/2021/698/oj", True),
        ("http://example.org/", False),
        ("https://", False),
        ("https://exa mple.org/", False),
        ("https://localhost/", False),
    ],
)
def test_external_link_rule(url: str, ok: bool) -> None:
    assert (external_problem(url) is None) is ok


def test_the_404_page_works_under_the_sub_path(subpath_site: Path, browser: Browser) -> None:
    """A missing URL under the sub-path answers 404 with a styled, scripted page."""
    context = browser.new_context()
    failures: list[str] = []
    loaded: list[str] = []
    try:
        page = context.new_page()
        page.on("requestfailed", lambda r: failures.append(f"failed: {r.url} ({r.failure})"))

        def on_response(response: Response) -> None:
            loaded.append(response.url)
            if response.status >= 400 and not response.request.is_navigation_request():
                failures.append(f"{response.status}: {response.url}")

        page.on("response", on_response)
        with serve(subpath_site, PREFIX) as base:
            deep = base + MISSING + "deeper/still/"
            response = page.goto(deep)
            assert response is not None and response.status == 404
            # Material's own stylesheet applies (the header is laid out), its script runs
            # (it sets up the search component), and the site's stylesheet arrived.
            page.wait_for_function("() => document.querySelector('.md-search-result__meta')?.textContent.trim() !== ''")
            # Opening search loads its index: from the sub-path too.
            with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")):
                page.focus(".md-search__input")
            assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
            stylesheets = page.evaluate("() => [...document.styleSheets].map(s => s.href).filter(Boolean)")
            assert stylesheets and all(s.startswith(base) for s in stylesheets), stylesheets
            page.wait_for_load_state("networkidle")
        assert not failures, "404 page under the sub-path lost sub-resources:\n" + "\n".join(failures)
        assert any(url.endswith("/search/search_index.json") for url in loaded)
        assert all(url.startswith(base) for url in loaded), [u for u in loaded if not u.startswith(base)]
    finally:
        context.close()
