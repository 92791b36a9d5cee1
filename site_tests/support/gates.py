"""Shared machinery of the quality gates: list the built pages, visit them in the browser once.

Every page is opened once; the same visit records the requests, console messages and
failures (test_gate_requests.py) and runs axe-core in the light and the dark palette
(test_gate_axe.py), so the browser work is not done twice. Cached for the session by base URL
and pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast
from urllib.parse import urlsplit

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus Deque's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]

# Rules switched off, each with its reason. Keep this list short and justified.
AXE_DISABLED: dict[str, str] = {}

SCHEMES: tuple[Literal["light", "dark"], ...] = ("light", "dark")
MISSING = "no-such-page/for-the-404-gate/"  # a URL that is not built: the server answers 404.html


def html_pages(site: Path) -> list[str]:
    """Every built HTML page as a URL relative to the site root ('', 'paragraphs/21/', '404.html')."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "index.html":
            urls.append("")
        elif rel.endswith("/index.html"):
            urls.append(rel[: -len("index.html")])
        else:
            urls.append(rel)
    return urls


def browsed_pages(site: Path) -> list[str]:
    """The pages to open in the browser: every page, with 404.html reached as a missing URL."""
    return [MISSING if url == "404.html" else url for url in html_pages(site)]


SHARES = 2
"""Into how many shares the visit of every page of the site of source/ is cut, each share run
by one pytest-xdist worker (its own group): the Makefile's PARALLEL runs a worker per core, two
on the machine the suite is timed on. The axe and request gates of a share read one visit."""


def page_share(site: Path, share: int) -> list[str]:
    """The pages of `share` (0 to SHARES - 1): every SHARES-th page of `browsed_pages`, so that
    the shares together hold every page once and each holds pages of every kind."""
    return browsed_pages(site)[share::SHARES]


def share_params() -> list[Any]:
    """One pytest parameter per share, each in the pytest-xdist group of its share's visit."""
    import pytest

    return [
        pytest.param(share, id=f"share-{share}", marks=pytest.mark.xdist_group(f"visits-of-source-{share}"))
        for share in range(SHARES)
    ]


@dataclass
class Visit:
    """What one page load did, and what axe found on the page in each palette."""

    url: str
    hosts: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_status: list[str] = field(default_factory=list)
    status: int | None = None
    violations: dict[str, list[dict[str, Any]]] = field(default_factory=dict[str, Any])  # by scheme


_VISITS: dict[tuple[str, tuple[str, ...]], list[Visit]] = {}

# The dark palette changes colours only: Material swaps CSS custom properties through the
# body's data-md-color-* attributes; the DOM is the same. So each page is loaded once, in the
# light palette, checked with every rule; then switched to the dark palette with Material's
# own palette toggle (as a reader does), checked again with the colour rules, and switched back.
COLOUR_CATEGORY = "cat.color"

# Checks the palette input whose media query names `scheme` (as clicking its toggle does);
# returns the colour scheme that the body must then carry.
TOGGLE = """scheme => {
  const input = [...document.querySelectorAll('input.md-option[data-md-color-media]')]
    .find(input => input.dataset.mdColorMedia.includes(scheme));
  if (!input) return null;
  if (!input.checked) input.click();
  return input.dataset.mdColorScheme;
}"""
SETTLED = """scheme => document.body.dataset.mdColorScheme === scheme
  && document.getAnimations().every(a => a.playState !== 'running')"""


def switch_palette(page: Page, scheme: str) -> None:
    """Switch the loaded page to the light or dark palette with Material's palette toggle."""
    target = page.evaluate(TOGGLE, scheme)
    if target is None:
        raise AssertionError(f"no palette for prefers-color-scheme: {scheme} in mkdocs.yml")
    page.wait_for_function(SETTLED, arg=target)  # applied, colour transitions finished


def _axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return cast("str", AXE_SCRIPT)


def axe_rules(page: Page, scheme: str) -> list[str]:
    """The axe rule ids run for `scheme`: the rules of AXE_TAGS (colour rules only in dark).

    Experimental rules are left out, as axe itself does when it runs by tag.
    """
    rules = page.evaluate("tags => axe.getRules(tags).map(r => [r.ruleId, r.tags])", AXE_TAGS)
    return [
        rule
        for rule, tags in rules
        if rule not in AXE_DISABLED and "experimental" not in tags and (scheme == "light" or COLOUR_CATEGORY in tags)
    ]


def _run_axe(page: Page, rules: list[str]) -> list[dict[str, Any]]:
    result = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "rule", "values": rules}, "resultTypes": ["violations"]},
    )
    return cast("list[dict[str, Any]]", result["violations"])


def visit_all(browser: Browser, base: str, urls: Iterable[str]) -> list[Visit]:
    """Open every URL under `base`, record what it does, run axe on it in both palettes; cached.

    Each page is loaded and checked by axe-core; then search is opened (which loads its index
    and worker) and closed, and the page is checked again in the dark palette. Every request, console error, page error, failed request and
    response >= 400 is recorded on the page's Visit.
    """
    urls = tuple(urls)
    if (base, urls) in _VISITS:
        return _VISITS[base, urls]
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    context.add_init_script(_axe_script())  # compiled once, cached by the browser
    page = context.new_page()
    visits: list[Visit] = []
    current: list[Visit] = []
    inflight: set[Request] = set()

    def on_request(request: Request) -> None:
        inflight.add(request)
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        host = urlsplit(request.url).hostname
        current[0].requests.append(request.url)
        current[0].hosts.add(host or "")
        if host != "127.0.0.1":
            current[0].foreign.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            current[0].console_errors.append(f"{message.text} ({where})")

    def on_response(response: Response) -> None:
        # The page itself is checked through Visit.status (404.html is meant to be a 404).
        if response.status >= 400 and not response.request.is_navigation_request():
            current[0].bad_status.append(f"{response.status} {response.url}")

    def on_failed(request: Request) -> None:
        inflight.discard(request)
        current[0].failed.append(f"{request.failure} {request.url}")

    page.on("request", on_request)
    page.on("requestfinished", lambda request: inflight.discard(request))
    page.on("requestfailed", on_failed)
    page.on("console", on_console)
    page.on("pageerror", lambda error: current[0].page_errors.append(str(error)))
    page.on("response", on_response)
    rules: dict[str, list[str]] = {}
    try:
        for url in urls:
            visit = Visit(url=url)
            current[:] = [visit]
            response = page.goto(base + url, wait_until="load")
            visit.status = response.status if response else None
            rules = rules or {scheme: axe_rules(page, scheme) for scheme in SCHEMES}
            visit.violations["light"] = _run_axe(page, rules["light"])
            # The search index and worker load when the reader opens search (early-scripts.html):
            # open it as a reader does, so the gates see those requests too, wait until the
            # worker has indexed the data, and close it again before the dark palette check.
            if page.locator(".md-search__input").count():
                page.focus(".md-search__input")
                wait_for_search(page, response)
                page.keyboard.press("Escape")
            switch_palette(page, "dark")
            visit.violations["dark"] = _run_axe(page, rules["dark"])
            switch_palette(page, "light")  # Material remembers the choice for the next page
            if inflight:
                page.wait_for_load_state("networkidle")
            visits.append(visit)
    finally:
        context.close()
    _VISITS[base, urls] = visits
    return visits


def initial_search_message(response: Response | None) -> str | None:
    """The search message as the served HTML has it, before the search worker answers."""
    found = re.search(r'class="md-search-result__meta">\s*(.*?)\s*<', response.text() if response else "")
    return html.unescape(found.group(1)) if found else None


def wait_for_search(page: Page, response: Response | None) -> None:
    """Wait until Material's search worker has loaded the index (its message has changed)."""
    page.wait_for_function(
        "initial => { const m = document.querySelector('.md-search-result__meta');"
        " return initial === null || !m || m.textContent.trim() !== initial; }",
        arg=initial_search_message(response),
    )


def describe_violations(visits: Iterable[Visit], scheme: str) -> list[str]:
    """One line per (page, rule) with the first offending nodes: enough to fix without guessing."""
    lines = []
    for visit in visits:
        for violation in visit.violations.get(scheme, []):
            targets = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:3])
            summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")[:240]
            lines.append(
                f"[{scheme}] /{visit.url} {violation['id']} ({violation['impact']}, "
                f"{len(violation['nodes'])} nodes): {targets} -- {summary}"
            )
    return lines
