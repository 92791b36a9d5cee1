"""One text in several languages: language versions in `lang/<code>/`, aligned item by item.

The two-language fixture (fixtures/bilingual: an invented English text and an invented French
version of it) is built once. What the tests expect comes from the two documents' models: every
page of one version has its counterpart in the other (home, full text, sections by place,
recitals by letter, paragraphs by number), linked by the language switch and by `hreflang`
links, each set complete and reciprocal; the anchors a reader may carry from one to the other
(paragraphs, points, footnotes) stand on both. The Nu and link gates pass on every page of both
languages. A version whose structure differs from its document's stops the build at the
first difference, in one line naming the file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conclusions.core.collection import Collection
from conclusions.core.edition import Edition
from conclusions.core.errors import SourceErrors
from conclusions.core.languages import REGISTRY_LANGUAGE
from conclusions.core.model import Document, Registries
from conclusions.core.site import build_collection
from conclusions.core.urls import site_path

from site_tests.support import vnu
from site_tests.support.build import FIXTURES, build
from site_tests.support.documents import Built, Spec, prepare
from site_tests.support.html import page
from site_tests.support.links import check_site

SITE_URL = "http://127.0.0.1:8000/"
BILINGUAL = Spec("bilingual", source=FIXTURES / "bilingual")
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")
VERSION_FOLDER = re.compile(r"[a-z]{2,3}/")
REGISTER_PAGE = re.compile(r"(?:[a-z]{2,3}/)?(?:actors|instruments|glossary|verbs)/")


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return prepare(BILINGUAL, tmp_path_factory)


def _versions(doc: Built) -> list[tuple[str, str, Document]]:
    """(language, page prefix, document) of the text and each version, the text first."""
    first = doc.model
    return [(first.header.language, "", first)] + [
        (d.header.language, prefix, d) for prefix, d in sorted(doc.versions.items())
    ]


def _item_pages(prefix: str, d: Document) -> list[str]:
    """Every page of one version, by its address, in the order every aligned version shares."""
    return [
        prefix,
        f"{prefix}text/",
        *(f"{prefix}sections/{s.slug}/" for s in d.sections),
        *(f"{prefix}recitals/{r.key}/" for r in d.recitals),
        *(f"{prefix}paragraphs/{p.number}/" for p in d.paragraphs),
    ]


def _register_pages(prefix: str, registries: Registries) -> list[str]:
    """Every register and About page of one version, by its address: each version of a
    one-document site has its own, of the same entries (those the site publishes)."""
    return [
        f"{prefix}instruments/",
        *(f"{prefix}instruments/{i.id}/" for i in registries.instruments),
        f"{prefix}glossary/",
        f"{prefix}actors/",
        *(f"{prefix}actors/{a.id}/" for a in registries.actors),
        f"{prefix}verbs/",
        f"{prefix}about/",
        f"{prefix}about/urls/",
    ]


def _site(doc: Built) -> Collection:
    return build_collection(doc.source)


def _expected_sets(doc: Built) -> dict[str, dict[str, str]]:
    """For every page of a version, its versions: {language: absolute address}, from the models."""
    versions = _versions(doc)
    registries = _site(doc).registries
    columns = [
        (language, _item_pages(prefix, d) + _register_pages(prefix, registries)) for language, prefix, d in versions
    ]
    assert len({len(pages) for _, pages in columns}) == 1, "the fixture's versions are not aligned"
    expected: dict[str, dict[str, str]] = {}
    for row in zip(*(pages for _, pages in columns), strict=True):
        versions_of_row = {language: SITE_URL + url for (language, _), url in zip(columns, row, strict=True)}
        for url in row:
            expected[url] = versions_of_row
    return expected


def _html_pages(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix().removesuffix("index.html") for p in sorted(site.rglob("index.html"))]


def test_the_fixture_has_a_version_in_another_language(bilingual: Built) -> None:
    versions = _versions(bilingual)
    assert [language for language, _, _ in versions[1:]] == bilingual.expected("languages")
    assert len({language for language, _, _ in versions}) == len(versions) > 1


def test_every_page_has_complete_reciprocal_hreflang_links(bilingual: Built) -> None:
    expected = _expected_sets(bilingual)
    seen: dict[str, dict[str, str]] = {}
    for url in _html_pages(bilingual.site):
        soup = page(bilingual.site, url)
        links = soup.head.find_all("link", rel="alternate", hreflang=True)
        found = {str(link["hreflang"]): str(link["href"]) for link in links if link["hreflang"] != "x-default"}
        assert len(found) == len([link for link in links if link["hreflang"] != "x-default"]), (url, "a language twice")
        if url not in expected:
            # Only a page of no language version has no alternates (none here but the search's).
            assert not links, url
            continue
        assert found == expected[url], url
        assert all(LANGUAGE_TAG.fullmatch(tag) for tag in found), url
        default = [link["href"] for link in links if link["hreflang"] == "x-default"]
        assert default == [expected[url][bilingual.model.header.language]], url
        # The page is one of its own alternates, in its own language, which its content declares.
        mine = [tag for tag, href in found.items() if href == SITE_URL + url]
        assert len(mine) == 1, url
        assert soup.select_one("article div[lang]")["lang"] == mine[0], url
        seen[url] = found
    assert set(seen) == set(expected)
    for url, found in seen.items():
        for href in found.values():
            target = href.removeprefix(SITE_URL)
            assert seen[target] == found, f"{url} lists {target}, which does not list the same versions"


def test_every_item_page_links_its_counterpart_in_the_switch(bilingual: Built) -> None:
    expected = _expected_sets(bilingual)
    for url, versions in expected.items():
        soup = page(bilingual.site, url)
        switch = soup.select_one("nav.language-switch")
        assert switch is not None and switch.get("aria-label"), url
        links = switch.select("a[hreflang]")
        targets = {str(a["hreflang"]): urljoin(SITE_URL + url, str(a["href"])) for a in links}
        assert targets == versions, url
        current = [a["hreflang"] for a in links if a.get("aria-current") == "page"]
        assert [versions[tag] for tag in current] == [SITE_URL + url], url
        assert all(a.get("lang") == a["hreflang"] and a.get_text(strip=True) for a in links), url


def _editions(doc: Built) -> list[Edition]:
    """The document and each of its versions, the document first."""
    c = _site(doc)
    return [c.editions[0], *c.versions]


def test_every_version_has_its_register_pages_in_its_language(bilingual: Built) -> None:
    """Each version's register and About pages stand under its prefix, headed and labelled in
    its interface's words, the page declaring its language; the version's own pages link them."""
    registries = _site(bilingual).registries
    titles = {
        "instruments/": "registers.instruments",
        "glossary/": "registers.glossary",
        "actors/": "registers.actors",
        "verbs/": "registers.verbs",
        "about/": "about.heading",
        "about/urls/": "registers.about_urls",
    }
    for e in _editions(bilingual):
        language, prefix = e.document.header.language, e.urls.prefix
        for url in _register_pages(prefix, registries):
            soup = page(bilingual.site, url)
            assert soup.select_one("article div[lang]")["lang"] == language, url
            assert soup.html["lang"] == language, url
            if (key := titles.get(url.removeprefix(prefix))) is not None:
                assert soup.select_one("article h1").get_text(strip=True) == e.interface(key), url
            crumbs = soup.select_one("nav.crumbs")
            if crumbs is not None:
                assert crumbs["aria-label"] == e.interface("nav.breadcrumb"), url
        # Every link from the version's paragraph pages to a register page is to its own.
        to_registers = []
        for p in e.document.paragraphs:
            src = f"{prefix}paragraphs/{p.number}/"
            links = page(bilingual.site, src).select("article a[href]")
            targets = [urljoin(SITE_URL + src, str(a["href"])).removeprefix(SITE_URL) for a in links]
            to_registers += [t for t in targets if REGISTER_PAGE.match(t)]
        assert to_registers, prefix
        if prefix:
            assert all(t.startswith(prefix) for t in to_registers), (prefix, to_registers)
        else:
            assert not any(VERSION_FOLDER.match(t) for t in to_registers), to_registers


def test_a_versions_register_pages_list_its_own_mentions_and_clauses(bilingual: Built) -> None:
    """An actor's page lists the requests of its version's text, each linking that version's
    paragraph; an instrument's page, where that version recalls it; the verbs page, that
    version's verbs; counts from each version's model."""
    registries = _site(bilingual).registries
    for e in _editions(bilingual):
        prefix = e.urls.prefix
        for a in registries.actors:
            url = f"{prefix}actors/{a.id}/"
            soup = page(bilingual.site, url)
            rows = soup.select("#asked-to-act ~ * tbody tr")
            requests = e.actor_requests.get(a.id, ())
            assert len(rows) == len(requests), url
            for row, clause in zip(rows, requests, strict=True):
                href = urljoin(SITE_URL + url, str(row.select_one("a[href]")["href"])).removeprefix(SITE_URL)
                assert href == f"{prefix}paragraphs/{clause.paragraph.number}/#{clause.anchor}", url
        for i in registries.instruments:
            url = f"{prefix}instruments/{i.id}/"
            soup = page(bilingual.site, url)
            links = [
                urljoin(SITE_URL + url, str(x["href"])).removeprefix(SITE_URL)
                for x in soup.select("#recalled-in ~ * tbody tr td:first-child a[href]")
            ]
            assert len(links) == len(e.instrument_links.get(i.id, ())), url
            assert all(x.startswith(prefix) and not VERSION_FOLDER.match(x.removeprefix(prefix)) for x in links), url
        verbs = page(bilingual.site, f"{prefix}verbs/")
        used = {v.id for v in registries.verbs if e.verb_clauses.get(v.id)}
        listed = {str(d.select_one("h2, h3")["id"]) for d in verbs.select("div.verb-entry")}
        assert used <= listed, prefix
        if prefix:
            # A version's page lists its own verbs only (the first language's keeps every anchor it published).
            assert listed == used, prefix


def test_a_register_page_in_another_language_says_which_words_are_not_in_it(bilingual: Built) -> None:
    """Where the shared registry gives an actor's description in the version's language, the
    version's page shows it; where it does not, the page shows the registry's own words marked
    with their language, never an invented translation."""
    registries = _site(bilingual).registries
    for e in _editions(bilingual)[1:]:
        language, prefix = e.document.header.language, e.urls.prefix
        for a in registries.actors:
            own = next((x for x in a.languages if x.language == language and x.description), None)
            soup = page(bilingual.site, f"{prefix}actors/{a.id}/")
            lead = soup.select_one("article h1 ~ p")
            assert lead is not None
            if own is not None:
                assert own.description in lead.get_text(), a.id
                assert lead.select_one("[lang]") is None, a.id
            elif a.shared:
                marked = lead.select_one("[lang]")
                assert (
                    marked is not None and marked["lang"] == REGISTRY_LANGUAGE and marked.get_text() == a.description
                ), a.id


def test_the_anchors_a_reader_carries_stand_in_every_version(bilingual: Built) -> None:
    """Paragraph, point and footnote anchors are the same in each version: the switch keeps them."""
    versions = _versions(bilingual)
    _, _, first = versions[0]
    for number in (p.number for p in first.paragraphs):
        kept: list[set[str]] = []
        for _, prefix, _d in versions:
            soup = page(bilingual.site, f"{prefix}paragraphs/{number}/")
            ids = {str(e["id"]) for e in soup.select("article [id]")}
            kept.append({i for i in ids if i == f"p{number}" or i.startswith("fn:") or _is_point(soup, i)})
        assert all(k == kept[0] for k in kept), number
        assert f"p{number}" in kept[0]
    for key in (r.key for r in first.recitals):
        in_each = [
            {str(e["id"]) for e in page(bilingual.site, f"{prefix}recitals/{key}/").select("article li[data-point]")}
            for _, prefix, _d in versions
        ]
        assert all(i == in_each[0] for i in in_each), key


def _is_point(soup: BeautifulSoup, anchor: str) -> bool:
    element = soup.find(id=anchor)
    return element is not None and element.has_attr("data-point")


def test_each_version_has_its_own_data_in_its_language(bilingual: Built) -> None:
    import json

    for language, prefix, d in _versions(bilingual):
        document = json.loads((bilingual.site / prefix / "data" / "document.json").read_text(encoding="utf-8"))
        assert language in json.dumps(document)
        for p in d.paragraphs:
            assert (bilingual.site / prefix / "data" / "paragraphs" / f"{p.number}.json").is_file()
            assert (bilingual.site / prefix / "cards" / "paragraphs" / f"{p.number}.png").is_file()


def test_a_version_links_the_official_text_in_its_language(bilingual: Built) -> None:
    for language, prefix, _d in _versions(bilingual):
        link = page(bilingual.site, prefix).select_one("a.doc-line__official")
        assert link is not None and f"/{language}/" in link["href"], (prefix, link)


def test_search_stems_every_language(bilingual: Built) -> None:
    import json

    index = json.loads((bilingual.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [language for language, _, _ in _versions(bilingual)]


def test_the_link_gate_passes_in_both_languages(bilingual: Built) -> None:
    problems, checked = check_site(bilingual.site, SITE_URL)
    assert checked > 100
    assert not problems, "\n".join(str(p) for p in problems[:50])


def test_the_html_gate_passes_in_both_languages(bilingual: Built) -> None:
    files = sorted(bilingual.site.rglob("*.html"))
    assert any("/fr/" in str(f) for f in files)
    messages = vnu.check(files)
    assert not messages, "\n".join(f"{m.get('url')}: {m.get('message')}" for m in messages[:30])


# -- a version that is not aligned, or not a version ----------------------------------------------


def _copy(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(FIXTURES / "bilingual", source)
    return source


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


FRENCH = Path("lang") / "fr" / "document.md"

DRIFTS = {
    "a point less": (
        "   b. ENCOURAGE les États membres à partager leurs données;\n",
        "",
        "paragraph 2 has points a here, but a, b in",
    ),
    "a paragraph more": (
        "[^1]: 8321/24.",
        "4. INVITE la Commission à faire rapport.\n\n[^1]: 8321/24.",
        "4 paragraphs here, but 3 in",
    ),
    "a recital less": (
        "B. Prenant acte de l'état des zones humides côtières:\n   (i) dans la mer Baltique;\n   (ii) en Méditerranée,\n",
        "",
        "recitals a here, but a, b in",
    ),
    "closing words only here": (
        "   (ii) en Méditerranée,\n",
        "   (ii) en Méditerranée,\n\n   qui abritent de nombreux oiseaux,\n",
        "recital B has words that close it after its points here, but not in",
    ),
    "a footnote's number": ("[^2]", "[^3]", "footnotes 1, 3 here, but 1, 2 in"),
    "a heading moved": (
        "## II. RESTAURATION\n\n",
        "",
        "part 1 (under its heading) holds paragraphs 1, 2, 3 here, but 1, 2 in",
    ),
}


@pytest.mark.parametrize("drift", list(DRIFTS))
def test_a_version_that_drifts_stops_the_build_at_the_first_difference(tmp_path: Path, drift: str) -> None:
    source = _copy(tmp_path)
    old, new, said = DRIFTS[drift]
    _edit(source / FRENCH, old, new)
    if drift == "a footnote's number":
        _edit(source / FRENCH, "[^2]", "[^3]")  # the reference and the note
    with pytest.raises(SourceErrors) as caught:
        build_collection(source)
    lines = caught.value.lines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("source/lang/fr/document.md: not aligned with its document: "), lines
    assert said in lines[0] and "correct the one that differs" in lines[0], lines
    # The build says the same, and publishes nothing.
    result = build(tmp_path / "site", source=source, check=False)
    assert result.returncode != 0
    assert said in result.stderr
    assert not (tmp_path / "site").exists()


NOT_A_VERSION = {
    "another language than its folder's": (
        ("language: fr", "language: de"),
        "its language is 'de', but its folder is fr",
    ),
    "another document": (
        ("document_id: ST 9555/25", "document_id: ST 9556/25"),
        "a language version has its document's id",
    ),
    "a folder that names no language": (None, "is named by no language code"),
}


@pytest.mark.parametrize("case", list(NOT_A_VERSION))
def test_a_version_is_of_its_document_in_its_folders_language(tmp_path: Path, case: str) -> None:
    source = _copy(tmp_path)
    edit, said = NOT_A_VERSION[case]
    if edit is None:
        (source / "lang" / "fr").rename(source / "lang" / "French")
    else:
        _edit(source / FRENCH, *edit)
    with pytest.raises(SourceErrors) as caught:
        build_collection(source)
    assert [line for line in caught.value.lines() if said in line], caught.value.lines()


def test_a_site_without_versions_has_no_switch(tmp_path: Path) -> None:
    source = _copy(tmp_path)
    shutil.rmtree(source / "lang")
    (source / "verbs.yml").unlink()  # the French verbs
    c = build_collection(source)
    assert not c.versions
    build(tmp_path / "site", source=source)
    soup = page(tmp_path / "site", "paragraphs/1/")
    assert soup.select_one("nav.language-switch") is None
    assert not soup.find_all("link", hreflang=True)
    assert site_path("fr/index.md") == "fr/" and not (tmp_path / "site" / "fr").exists()


# -- in a collection ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bilingual_collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-language fixture after it became a collection with another text (the mini
    fixture): formerly at the root, its versions moved with it, built."""
    root = tmp_path_factory.mktemp("bilingual-collection")
    source = root / "source"
    ours = source / "documents" / "st-9555-2025"
    shutil.copytree(FIXTURES / "bilingual", ours)
    shutil.move(ours / "verbs.yml", source / "verbs.yml")
    other = source / "documents" / "st-10001-2022"
    other.mkdir()
    shutil.copy(FIXTURES / "mini" / "document.md", other / "document.md")
    # Not its actors.yml: its entries replace the shared ones, which name actors in French too.
    for name in ("glossary.yml", "instruments.yml"):
        shutil.copy(FIXTURES / "mini" / name, source / name)
    mini_verbs = (FIXTURES / "mini" / "verbs.yml").read_text(encoding="utf-8").split("verbs:\n", 1)[1]
    (source / "verbs.yml").write_text((source / "verbs.yml").read_text(encoding="utf-8") + mini_verbs, encoding="utf-8")
    (source / "collection.yml").write_text("title: Two texts\nformerly_at_root: st-9555-2025\n", encoding="utf-8")
    build(root / "site", source=source)
    return root / "site"


def test_in_a_collection_a_version_stands_under_its_documents_prefix(bilingual_collection: Path) -> None:
    site = bilingual_collection
    soup = page(site, "st-9555-2025/fr/paragraphs/2/")
    found = {str(link["hreflang"]): str(link["href"]) for link in soup.head.find_all("link", hreflang=True)}
    assert found == {
        "en": f"{SITE_URL}st-9555-2025/paragraphs/2/",
        "fr": f"{SITE_URL}st-9555-2025/fr/paragraphs/2/",
        "x-default": f"{SITE_URL}st-9555-2025/paragraphs/2/",
    }
    # The other text has no version: no switch, no alternates.
    assert not page(site, "st-10001-2022/paragraphs/1/").find_all("link", hreflang=True)


def test_every_old_address_of_a_version_still_leads_to_it(bilingual_collection: Path) -> None:
    """The manifest of the two-language site, once it became a collection: every address of the
    French version is a redirect page to its new address (the anchors there), or its file again."""
    from site_tests.build.test_url_manifest import promised
    from site_tests.support.documents import manifest_path

    site = bilingual_collection
    french = sorted(u for u in promised(manifest_path("ST 9555/25")) if u.startswith("fr/"))
    assert french
    for entry in french:
        url, _, anchor = entry.partition("#")
        if not url.endswith("/"):
            assert (site / url).is_file(), entry
            continue
        html = (site / url / "index.html").read_text(encoding="utf-8")
        target = re.search(r'<link rel="canonical" href="([^"]+)">', html)
        assert target and 'http-equiv="refresh"' in html, entry
        new = target.group(1).removeprefix(SITE_URL)
        if REGISTER_PAGE.match(url) or url.startswith("fr/about/"):
            # The version's register and About pages lead to the collection's, which list every text.
            assert new == url.removeprefix("fr/") and (site / new / "index.html").is_file(), entry
            continue
        assert new == "st-9555-2025/" + url, entry
        if anchor:
            assert page(site, new).find(id=anchor) is not None, entry


def test_with_a_third_language_every_page_lists_all_three(tmp_path: Path) -> None:
    """A third version (the French text again, marked German: only its structure matters here)."""
    from conclusions.core.languages import site_alternates

    source = _copy(tmp_path)
    german = source / "lang" / "de"
    german.mkdir()
    (german / "document.md").write_text(
        (source / FRENCH).read_text(encoding="utf-8").replace("language: fr", "language: de"), encoding="utf-8"
    )
    c = build_collection(source)
    assert [v.document.header.language for v in c.versions] == ["de", "fr"]
    alternates = site_alternates(c)
    pages_per_version = len(alternates) // 3
    document = c.editions[0].document
    items = 2 + len(document.sections) + len(document.recitals) + len(document.paragraphs)
    assert pages_per_version == items + len(_register_pages("", c.registries))
    for src, versions in alternates.items():
        assert [v.language for v in versions] == ["en", "de", "fr"], src
        assert src in {v.src for v in versions}
        assert all(alternates[v.src] == versions for v in versions), src
