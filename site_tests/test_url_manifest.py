"""Published URLs are a promise: every URL and anchor in the manifest must still exist.

`url_manifest.txt` lists every page URL, every anchor (`url#id`) inside page content,
every data file and every link-preview card. One that disappears fails the test. New ones are fine but are recorded on
purpose: run `make url-manifest` and commit the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from site_tests.support.html import page

MANIFEST = Path(__file__).with_name("url_manifest.txt")
HEADER = "# Every published URL and anchor. Never remove a line; see README, 'URL policy'.\n"


def published(site: Path) -> set[str]:
    """Every page URL, in-content anchor and data file of a built site."""
    urls: set[str] = set()
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        url = rel if rel == "404.html" else rel.removesuffix("index.html")
        urls.add(url or "/")
        article = page(site, url).select_one("article.md-content__inner")
        for element in article.find_all(id=True) if article else []:
            urls.add(f"{url or '/'}#{element['id']}")
    # Data files and link-preview cards are shared and linked to as well.
    for data in sorted([*site.rglob("*.json"), *site.glob("cards/**/*.png")]):
        rel = data.relative_to(site).as_posix()
        if not rel.startswith("search/"):
            urls.add(rel)
    return urls


def broken_promises(promised: set[str], current: set[str]) -> tuple[list[str], list[str]]:
    """(disappeared, not yet recorded)."""
    return sorted(promised - current), sorted(current - promised)


def _promised() -> set[str]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_no_published_url_or_anchor_disappears(site: Path) -> None:
    promised, current = _promised(), published(site)
    if os.environ.get("UPDATE_URL_MANIFEST") == "1":
        MANIFEST.write_text(HEADER + "\n".join(sorted(promised | current)) + "\n", encoding="utf-8")
        promised = _promised()
    missing, unrecorded = broken_promises(promised, current)
    assert not missing, f"{len(missing)} published URLs/anchors disappeared, e.g. {missing[:10]}"
    assert not unrecorded, (
        f"{len(unrecorded)} new URLs/anchors are not in the manifest, e.g. {unrecorded[:5]}; "
        "run `make url-manifest` and commit site_tests/url_manifest.txt"
    )


def test_removing_a_page_or_an_anchor_breaks_the_promise(site: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    shutil.rmtree(copy / "paragraphs" / "21")
    text = copy / "text" / "index.html"
    text.write_text(text.read_text(encoding="utf-8").replace('id="p22"', 'id="x22"'), encoding="utf-8")
    missing, _ = broken_promises(_promised(), published(copy))
    assert "paragraphs/21/" in missing
    assert "paragraphs/21/#invites" in missing
    assert "text/#p22" in missing
