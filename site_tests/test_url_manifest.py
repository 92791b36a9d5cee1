"""Published URLs are a promise: every URL and anchor in the manifest must still exist.

`url_manifest.txt` lists every page URL and every anchor (`url#id`) inside page content.
A URL or anchor that disappears fails the test. New ones are fine but must be recorded on
purpose: run `make url-manifest` and commit the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from site_tests.support.html import page

MANIFEST = Path(__file__).with_name("url_manifest.txt")


def published(site: Path) -> set[str]:
    urls: set[str] = set()
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html":
            url = "404.html"
        else:
            url = rel.removesuffix("index.html")
        urls.add(url or "/")
        soup = page(site, url if url != "/" else "") if url != "404.html" else page(site, "404.html")
        article = soup.select_one("article.md-content__inner")
        if article is None:
            continue
        for element in article.find_all(id=True):
            urls.add(f"{url or '/'}#{element['id']}")
    for data in sorted(site.rglob("*.json")):
        rel = data.relative_to(site).as_posix()
        if not rel.startswith("search/"):
            urls.add(rel)
    return urls


def test_no_published_url_or_anchor_disappears(site: Path) -> None:
    promised = {line for line in MANIFEST.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}
    current = published(site)
    if os.environ.get("UPDATE_URL_MANIFEST") == "1":
        kept = sorted(promised | current)
        MANIFEST.write_text("# Every published URL and anchor. Remove nothing; see README 'URL policy'.\n"
                            + "\n".join(kept) + "\n", encoding="utf-8")
    missing = sorted(promised - current)
    assert not missing, f"{len(missing)} published URLs/anchors disappeared, e.g. {missing[:10]}"
    unrecorded = sorted(current - promised)
    assert not unrecorded, (
        f"{len(unrecorded)} new URLs/anchors are not in the manifest, e.g. {unrecorded[:5]}; "
        "run `make url-manifest` and commit site_tests/url_manifest.txt"
    )


def test_the_manifest_guard_catches_a_removal(site: Path) -> None:
    current = published(site)
    assert "paragraphs/21/" in current and "text/#p21" in current
    assert "paragraphs/21/" not in (current - {"paragraphs/21/"})
