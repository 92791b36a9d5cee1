"""Published URLs are a promise: every URL and anchor in a document's manifest must still exist.

A manifest is kept per document id, `url_manifests/<slug of the id>.txt` (ST 14512/23:
`st-14512-23.txt`), and lists every page URL, every anchor (`url#id`) inside page content,
every data file and every link-preview card of that document's site. One that disappears
fails the test. New ones are fine but are recorded on purpose: run `make url-manifest` (it
records them for every document of support/documents.py, and writes the manifest of a
document that has none) and commit the file. A document with no manifest is skipped with
that reason; the manifest of the document this repository publishes must exist.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from site_tests.support.documents import FLAGSHIP_ID, Built, manifest_path, showcase
from site_tests.support.html import page

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


def promised(manifest: Path) -> set[str]:
    lines = manifest.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_no_published_url_or_anchor_disappears(doc: Built) -> None:
    manifest = doc.manifest()
    current = published(doc.site)
    if os.environ.get("UPDATE_URL_MANIFEST") == "1":
        before = promised(manifest) if manifest.exists() else set()
        manifest.parent.mkdir(exist_ok=True)
        manifest.write_text(HEADER + "\n".join(sorted(before | current)) + "\n", encoding="utf-8")
    if not manifest.exists():
        if doc.document_id == FLAGSHIP_ID:
            pytest.fail(f"the URL manifest of {FLAGSHIP_ID}, {manifest}, is missing: restore it from git")
        pytest.skip(
            f"{doc}: no URL manifest for {doc.document_id} ({manifest.name}); "
            "run `make url-manifest` to record one, and commit it"
        )
    missing, unrecorded = broken_promises(promised(manifest), current)
    assert not missing, f"{len(missing)} published URLs/anchors of {doc.document_id} disappeared, e.g. {missing[:10]}"
    assert not unrecorded, (
        f"{len(unrecorded)} new URLs/anchors of {doc.document_id} are not in the manifest, e.g. {unrecorded[:5]}; "
        f"run `make url-manifest` and commit site_tests/url_manifests/{manifest.name}"
    )


def test_the_published_documents_manifest_is_kept() -> None:
    manifest = manifest_path(FLAGSHIP_ID)
    assert manifest.is_file(), f"the URL manifest of {FLAGSHIP_ID} is missing: restore {manifest} from git"
    urls = promised(manifest)
    assert "/" in urls and "paragraphs/1/" in urls and "data/document.json" in urls


def test_removing_a_page_or_an_anchor_breaks_the_promise(doc: Built, tmp_path: Path) -> None:
    paragraphs = doc.model.paragraphs
    gone = showcase(doc.edition)
    renamed = paragraphs[-1] if paragraphs[-1] is not gone else paragraphs[0]
    copy = tmp_path / "site"
    shutil.copytree(doc.site, copy, ignore=shutil.ignore_patterns("*.png"))
    shutil.rmtree(copy / "paragraphs" / str(gone.number))
    text = copy / "text" / "index.html"
    html = text.read_text(encoding="utf-8")
    assert html.count(f'id="{renamed.anchor}"') == 1
    text.write_text(html.replace(f'id="{renamed.anchor}"', 'id="renamed"'), encoding="utf-8")
    missing, unrecorded = broken_promises(published(doc.site), published(copy))
    assert f"paragraphs/{gone.number}/" in missing
    for clause in doc.edition.clauses.get(gone.number, []):
        assert f"paragraphs/{gone.number}/#{clause.anchor}" in missing
    assert f"text/#{renamed.anchor}" in missing
    assert unrecorded == ["text/#renamed"]
