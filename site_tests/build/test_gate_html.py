"""Quality gate: the Nu Html Checker reports no error on any built page.

Every HTML file of the real site and of the fixture document's site is checked in one run of
vnu.jar (npm package vnu-jar, pinned in package.json; needs Java). Failures are listed by
page, line and message.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_tests.support import vnu


def _page(url: str, roots: dict[str, str]) -> str:
    path = unquote(urlsplit(url).path)
    for root, name in roots.items():
        if path.startswith(root):
            return f"{name}:/{path[len(root) :]}"
    return path


def test_no_html_error_on_any_page(site: Path, mini_site: Path) -> None:
    files = sorted(site.rglob("*.html")) + sorted(mini_site.rglob("*.html"))
    assert len(files) > 2
    messages = vnu.check(files)
    roots = {str(site.resolve()) + "/": "site", str(mini_site.resolve()) + "/": "mini"}
    by_message: dict[str, list[str]] = defaultdict(list)
    for m in messages:
        page = _page(m.get("url", ""), roots)
        by_message[m.get("message", "")].append(
            f"{page} (line {m.get('lastLine', '?')}, {(m.get('extract') or '').strip()[:60]!r})"
        )
    report = "\n".join(
        f"{message}\n  on {len(pages)} pages: " + "\n    ".join(pages[:15]) + ("\n    ..." if len(pages) > 15 else "")
        for message, pages in sorted(by_message.items(), key=lambda item: -len(item[1]))
    )
    assert not messages, f"{len(messages)} HTML errors, by message and page:\n{report}"


def test_the_checker_finds_errors(tmp_path: Path) -> None:
    """The gate is not blind: a page with a known error is reported."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head>'
        '<body><p id="x">a</p><p id="x">b</p></body></html>',
        encoding="utf-8",
    )
    messages = vnu.check([bad])
    assert any("Duplicate ID" in m.get("message", "") for m in messages), messages
