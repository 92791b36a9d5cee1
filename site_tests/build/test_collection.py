"""Several documents on one site, the references between them resolved both ways.

The collection is source/ with the invented texts of fixtures/collection/ added by
`conclusions import --add` (support/collection.py). What each text recalls is read by hand in
fixtures/collection/expected.yml; a reference to the flagship resolves only when the
collection holds it (`outside_unless_flagship`).
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conclusions.core.references import Reference
from playwright.sync_api import Browser

from site_tests.build.test_url_manifest import promised, published
from site_tests.support.collection import BuiltCollection
from site_tests.support.documents import FLAGSHIP_ID, manifest_path
from site_tests.support.gates import AXE_DISABLED, describe_violations, visit_all
from site_tests.support.html import page
from site_tests.support.links import check_site

SITE_URL = "http://127.0.0.1:8000/"


def _ids(collection: BuiltCollection) -> set[str]:
    return {e.document.header.document_id for e in collection.model.editions}


def _expected_references(collection: BuiltCollection) -> list[tuple[str, str, str, str | None, tuple[int, ...], str]]:
    """(citing id, item, form, cited id or None, paragraphs, text) of every reference read by hand."""
    held = _ids(collection)
    out = []
    for d in collection.expected["documents"]:
        for r in d.get("references", []):
            to = r["to"] if r["to"] in held else None
            out.append((d["id"], r["in"], r["form"], to, tuple(r.get("paragraph", ())), r["text"]))
    return out


def _model_references(collection: BuiltCollection) -> list[Reference]:
    fixture_ids = {d["id"] for d in collection.expected["documents"]}
    return [r for r in collection.model.references if r.citing.document_id in fixture_ids]


def test_the_collection_holds_every_text_by_date(collection: BuiltCollection) -> None:
    editions = collection.model.editions
    assert collection.model.is_collection
    assert {d["id"] for d in collection.expected["documents"]} <= _ids(collection)
    dates = [e.document.header.date for e in editions]
    assert dates == sorted(dates, reverse=True), "newest first"
    home = page(collection.site, "")
    rows = home.select("article table tbody tr")
    assert len(rows) == len(editions)
    for row, edition in zip(rows, editions, strict=True):
        h = edition.document.header
        # The id is kept in one piece: its spaces are no-break spaces.
        assert h.document_id.replace(" ", "\u00a0") in row.get_text()
        assert row.select("td")[-1].get_text(strip=True) == str(len(edition.document.paragraphs))
        assert all(code in row.get_text() for code in h.subject_codes)


def test_every_reference_is_found_and_resolved_as_read_by_hand(collection: BuiltCollection) -> None:
    expected = _expected_references(collection)
    found = _model_references(collection)
    got = []
    for r in found:
        cited = r.cited.document_id if r.cited else None
        got.append((r.citing.document_id, r.item, r.form, cited, tuple(p.number for p in r.paragraphs), r.words))
    missing = [e for e in expected if not any(g[:5] == e[:5] and g[5] in e[5] for g in got)]
    extra = [g for g in got if not any(g[:5] == e[:5] and g[5] in e[5] for e in expected)]
    assert not missing, f"references read by hand but not found as read: {missing}\nfound: {got}"
    assert not extra, f"references found that the hand reading does not have: {extra}"


def test_a_reference_outside_the_collection_is_listed_in_the_build_report(collection: BuiltCollection) -> None:
    unresolved = collection.model.unresolved
    assert unresolved, "the fixture recalls documents outside the collection"
    for r in unresolved:
        words = " ".join(r.words.split())
        assert f"{r.citing.path}:{r.line}: '{words}'" in collection.log


def _target(site: Path, page_url: str, href: str) -> str:
    """The site-relative URL a link on `page_url` points to."""
    return urlsplit(urljoin(SITE_URL + page_url, href)).path.removeprefix("/")


def _url(src: str, anchor: str = "") -> str:
    path = src.removesuffix(".md")
    path = path.removesuffix("index") if path == "index" or path.endswith("/index") else path + "/"
    return path


def test_links_go_both_ways_in_the_pages(collection: BuiltCollection) -> None:
    resolved = [r for r in collection.model.references if r.cited is not None]
    assert resolved
    for r in resolved:
        src, _anchor, _kind, _key = r.place()
        assert r.cited is not None, r.words
        citing = page(collection.site, _url(src))
        hrefs = {_target(collection.site, _url(src), str(a["href"])) for a in citing.select("a.xref.document")}
        assert _url(r.cited.urls.home) in hrefs, f"{r.words!r} on {_url(src)} does not link to its document"
        for p in r.paragraphs:
            assert _url(r.cited.urls.paragraph_page(p.number)) in hrefs
        # ... and back: the cited document's home, and each paragraph named, say where.
        targets = [_url(r.cited.urls.home)] + [_url(r.cited.urls.paragraph_page(p.number)) for p in r.paragraphs]
        for cited_url in targets:
            cited = page(collection.site, cited_url)
            section = cited.select_one("#recalled-in")
            assert section is not None, f"{cited_url} has no 'Recalled in'"
            table = section.find_next("table")
            back = {_target(collection.site, cited_url, str(a["href"])).split("#")[0] for a in table.select("a[href]")}
            assert _url(src) in back, f"{cited_url} does not link back to {_url(src)}"


def test_links_go_both_ways_in_the_json(collection: BuiltCollection) -> None:
    data = json.loads((collection.site / "data" / "collection.json").read_text(encoding="utf-8"))
    assert len(data["documents"]) == len(collection.model.editions)
    listed = {(x["from"]["url"], x["words"]) for x in data["references"] if x["to"]}
    for r in collection.model.references:
        if r.cited is None:
            continue
        src, _anchor, _kind, _key = r.place()
        assert (SITE_URL + _url(src), r.words) in listed
        for p in r.paragraphs:
            path = collection.site / r.cited.urls.paragraph_json(p.number)
            paragraph = json.loads(path.read_text(encoding="utf-8"))
            assert SITE_URL + _url(src) in {x["from"]["url"] for x in paragraph.get("recalled_in", [])}


def _anchor_on(site: Path, url: str, anchor: str) -> bool:
    html = (site / (url.lstrip("/") or ".") / "index.html").read_text(encoding="utf-8")
    return f'id="{anchor}"' in html


def _moved(site: Path, url: str) -> str | None:
    """Where a redirect page sends the reader (site-relative), or None for a real page."""
    html = (site / (url.lstrip("/") or ".") / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    if 'http-equiv="refresh"' not in html or not found:
        return None
    return found.group(1).removeprefix(SITE_URL)


def test_every_old_url_of_the_document_still_works(collection: BuiltCollection) -> None:
    """The site became a collection: every URL and anchor its manifest promised still leads to
    the same thing, through a redirect page, a copy of the file, or (for the old home's
    anchors) the collection home's hand-over to the document's home."""
    manifest = manifest_path(FLAGSHIP_ID)
    if FLAGSHIP_ID not in _ids(collection) or not manifest.is_file():
        pytest.skip(f"source/ does not hold {FLAGSHIP_ID}, whose URLs this repository promises")
    site = collection.site
    problems = []
    for entry in sorted(promised(manifest)):
        url, _, anchor = entry.partition("#")
        if not url.endswith("/") and url != "/":
            if not (site / url).is_file():
                problems.append(f"{entry}: file missing")
            continue
        if not (site / url.lstrip("/") / "index.html").is_file():
            problems.append(f"{entry}: page missing")
            continue
        target = _moved(site, url) or url
        if anchor and not _anchor_on(site, target, anchor):
            home = page(site, target.lstrip("/")).select_one("[data-moved-anchors]")
            if home is None or not _anchor_on(site, posixpath.join(target, str(home["data-moved-anchors"])), anchor):
                problems.append(f"{entry}: anchor missing on {target}")
    assert not problems, f"{len(problems)} promised URLs broken:\n" + "\n".join(problems[:50])


def test_the_old_addresses_of_cards_and_data_give_the_same_bytes(collection: BuiltCollection) -> None:
    """The cards and JSON files of the document that was at the root are published again at
    their old paths: the same bytes as at their new ones (the cards copied from the same file)."""
    moved_from = collection.model.formerly_at_root
    if moved_from is None:
        pytest.skip("no document of this collection was at the root of the site")
    site, prefix = collection.site, moved_from.urls.prefix.strip("/")
    pairs = [
        (new, site / new.relative_to(site / prefix))
        for folder in ("cards", "data")
        for new in sorted((site / prefix / folder).rglob("*"))
        # The old site-wide card and sitemaps are the collection's own now (core/redirects.py).
        if new.is_file() and not new.name.endswith("sitemap.xml") and new.name != "site.png"
    ]
    assert any(new.suffix == ".png" for new, _ in pairs) and any(new.suffix == ".json" for new, _ in pairs)
    different = [
        str(old.relative_to(site)) for new, old in pairs if not old.is_file() or old.read_bytes() != new.read_bytes()
    ]
    assert not different, f"{len(different)} old addresses differ from the new: {different[:10]}"


def test_no_url_of_the_collection_disappears(collection: BuiltCollection) -> None:
    """The collection's own URL promise (url_manifests/collection.txt, `make url-manifest`)."""
    import os

    manifest = manifest_path("collection")
    current = published(collection.site)
    if os.environ.get("UPDATE_URL_MANIFEST") == "1":
        before = promised(manifest) if manifest.exists() else set()
        manifest.write_text(
            "# Every published URL and anchor of the fixture collection. Never remove a line.\n"
            + "\n".join(sorted(before | current))
            + "\n",
            encoding="utf-8",
        )
    if not manifest.exists():
        pytest.skip("no manifest for the fixture collection yet: run `make url-manifest`")
    if FLAGSHIP_ID not in {e.document.header.document_id for e in collection.model.editions}:
        pytest.skip(f"source/ does not hold {FLAGSHIP_ID}: the manifest is of the collection built on it")
    gone = sorted(promised(manifest) - current)
    assert not gone, f"{len(gone)} promised URLs of the collection disappeared: {gone[:30]}"


def test_one_search_names_the_document_of_every_result(collection: BuiltCollection) -> None:
    index = json.loads((collection.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_prefix = {e.urls.prefix: e.document.header for e in collection.model.editions}
    pages = [d for d in index["docs"] if "#" not in d["location"]]
    assert pages
    for d in pages:
        header = by_prefix.get(d["location"].split("/", 1)[0] + "/")
        if header is None:
            continue
        names = {header.title, header.short_title, header.citation_title, header.document_id} - {""}
        assert any(n in d["title"] for n in names) or d["location"].count("/") <= 1, d


def test_every_link_of_the_collection_resolves(collection: BuiltCollection) -> None:
    problems, checked = check_site(collection.site, SITE_URL)
    assert checked > 100
    assert not problems, "\n".join(str(p) for p in problems[:100])


def test_no_html_error_on_the_collection(collection: BuiltCollection) -> None:
    from site_tests.support import vnu

    files = sorted(collection.site.rglob("*.html"))
    messages = vnu.check(files)
    assert not messages, "\n".join(f"{m.get('url')}: {m.get('message')}" for m in messages[:50])


def test_no_axe_violation_on_the_collection(
    collection: BuiltCollection, collection_served: str, browser: Browser
) -> None:
    # The flagship's pages are checked by test_gate_axe.py: here the collection's own pages
    # (home, lists across documents), and each document's home, full text and the pages
    # that recall another document or are recalled.
    model = collection.model
    recalling = {_url(r.place()[0]) for r in model.references if r.cited is not None}
    recalled = {_url(r.cited.urls.paragraph_page(p.number)) for r in model.references if r.cited for p in r.paragraphs}
    own = ["", "about/", "actors/", "instruments/", "glossary/", "verbs/"]
    homes = [_url(u) for e in model.editions for u in (e.urls.home, e.urls.text)]
    urls = sorted({*own, *homes, *recalling, *recalled})
    visits = visit_all(browser, collection_served, urls)
    problems = describe_violations(visits, "light")
    assert AXE_DISABLED is not None
    assert not problems, "\n".join(problems[:50])


def _is_redirect(site: Path, url: str) -> bool:
    path = site / url.lstrip("/") / "index.html" if url.endswith("/") or not url else None
    return path is not None and path.is_file() and 'http-equiv="refresh"' in path.read_text(encoding="utf-8")


def test_old_addresses_take_the_reader_to_the_same_place(
    collection: BuiltCollection, collection_served: str, browser: Browser
) -> None:
    """In Chromium: an old paragraph address with its fragment, and an old home anchor."""
    if FLAGSHIP_ID not in _ids(collection):
        pytest.skip(f"source/ does not hold {FLAGSHIP_ID}")
    moved = collection.model.formerly_at_root
    assert moved is not None, "the collection's first document was at the root"
    prefix = moved.urls.prefix
    p = moved.document.paragraphs[-1]
    tab = browser.new_page()
    try:
        tab.goto(collection_served + f"text/#p{p.number}")
        tab.wait_for_url(collection_served + f"{prefix}text/#p{p.number}")
        assert tab.locator(f"#p{p.number}").is_visible()
        tab.goto(collection_served + "#overview")
        tab.wait_for_url(collection_served + f"{prefix}#overview")
        assert tab.locator("#overview").count() == 1
    finally:
        tab.close()


def test_a_spelling_a_site_entry_lacks_is_named_with_the_entry_to_extend(collection: BuiltCollection) -> None:
    """The flagship's verbs.yml lists 'CALLS on' only; the texts added write 'CALLS ON': the
    first build stops and names the entry and the form (support/collection.py follows it)."""
    if not collection.forms_added:
        pytest.skip("source/'s own verbs.yml already lists every spelling the texts added use")
    verbs = (collection.source / "verbs.yml").read_text(encoding="utf-8")
    assert "CALLS ON" in verbs
