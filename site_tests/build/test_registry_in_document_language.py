"""A document in any language of the interface but English is linked with the shared registry's words in
its own language (each entry's `languages:` item), not only its language versions: its words
for the Council of the EU ('le Conseil') link to the registry's Council, named and addressed in
that language on its pages, and its words for the Council of Europe ('le Conseil de l'Europe')
to the Council of Europe; no automatic actor is made of those words; the Council's page keeps
the anchor its English name gives it on an English site. Each site is a fixture of site_tests/fixtures/interface/ (invented
texts) whose second paragraph is given both, in the registry's own words for its language.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conclusions.core.edition import build_edition
from conclusions.core.interface import BASE, package_languages
from conclusions.core.languages import address_in
from conclusions.core.layout import SHARED_REGISTRY
from conclusions.core.site import build_collection
from conclusions.core.urls import document_prefix
from markdown.extensions.toc import slugify

from site_tests.support.build import FIXTURES, build

LANGUAGES = [language for language in package_languages() if language != BASE]  # each has a fixture
COUNCIL, COUNCIL_OF_EUROPE = "council", "council-of-europe"


def _registry_actors() -> list[dict[str, Any]]:
    actors: list[dict[str, Any]] = yaml.safe_load((SHARED_REGISTRY / "actors.yml").read_text(encoding="utf-8"))[
        "actors"
    ]
    return actors


def _shared_actor(actor_id: str) -> dict[str, Any]:
    return next(a for a in _registry_actors() if a["id"] == actor_id)


def _in(actor_id: str, language: str) -> dict[str, Any]:
    """The registry's words for the shared actor `actor_id` in `language` (its `languages:` item)."""
    own: dict[str, Any] = next(x for x in _shared_actor(actor_id)["languages"] if x["language"] == language)
    return own


def _source(tmp: Path, language: str) -> tuple[Path, str, str]:
    """The fixture of `language` with its paragraph 2 naming the Council of Europe, then the Council,
    each by the registry's first pattern in that language; and those two words."""
    source = tmp / "source"
    shutil.copytree(FIXTURES / "interface" / language, source)
    of_europe = _in(COUNCIL_OF_EUROPE, language)["patterns"][0]
    council = _in(COUNCIL, language)["patterns"][0]
    document = source / "document.md"
    text, count = re.subn(
        r"^(2\. .*?)(\s*[;.])$",
        lambda m: f"{m.group(1)}, {of_europe}, {council}{m.group(2)}",
        document.read_text(encoding="utf-8"),
        count=1,
        flags=re.M,
    )
    assert count == 1, "the fixture has a paragraph 2 on a line of its own"
    document.write_text(text, encoding="utf-8")
    return source, of_europe, council


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_text_in_its_language_links_the_council_and_the_council_of_europe(language: str, tmp_path: Path) -> None:
    source, of_europe, council = _source(tmp_path, language)
    edition = build_edition(source)
    assert edition.document.header.language == language
    (paragraph,) = (p for p in edition.document.paragraphs if p.number == 2)
    found = [(paragraph.text[m.start : m.end], m.entry) for m in edition.mentions[paragraph.anchor].actors]
    by_id = {entry.id: (words, entry) for words, entry in found}
    assert by_id[COUNCIL_OF_EUROPE][0] == of_europe
    assert by_id[COUNCIL][0] == council
    for actor_id in (COUNCIL, COUNCIL_OF_EUROPE):
        entry = by_id[actor_id][1]
        assert entry.name == _in(actor_id, language)["name"]
        assert not entry.automatic
    shared = _shared_actor(COUNCIL)
    assert by_id[COUNCIL][1].url == (_in(COUNCIL, language).get("url") or address_in(shared["url"], language))
    assert by_id[COUNCIL][1].url != shared["url"], "the Council's address has a form in each language"
    # Nothing the automatic reading makes of the words the registry knows.
    assert not any(e.automatic for e in edition.registries.actors if e.name in (council, of_europe))


def _h1(page: Path) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
    assert match, page
    return match.group(1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_council_s_page_names_it_in_the_text_s_language(language: str, tmp_path: Path) -> None:
    source, _, _ = _source(tmp_path, language)
    site = tmp_path / "site"
    build(site, source=source)
    heading = _h1(site / "actors" / COUNCIL / "index.html")
    assert html.unescape(re.sub(r"<[^>]+>", "", heading)).strip() == _in(COUNCIL, language)["name"]
    assert 'lang="en"' not in heading, "a name in the page's language is not marked as English"
    # The anchor its English name gave the heading (mkdocs.yml's toc slugifies as Markdown's) stays.
    page = (site / "actors" / COUNCIL / "index.html").read_text(encoding="utf-8")
    english = slugify(_shared_actor(COUNCIL)["name"], "-")
    assert page.count(f'id="{english}"') == 1, english
    assert f'<h1 id="{slugify(_in(COUNCIL, language)["name"], "-")}"' in page
    assert (site / "actors" / COUNCIL_OF_EUROPE / "index.html").is_file()
    paragraph = (site / "paragraphs" / "2" / "index.html").read_text(encoding="utf-8")
    links = {
        html.unescape(re.sub(r"<[^>]+>", "", text)).strip(): href
        for href, text in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', paragraph, re.S)
    }
    # The paragraph's page lists those it names (its words 'le Conseil' are the Council's), by name.
    for actor_id in (COUNCIL, COUNCIL_OF_EUROPE):
        assert links.get(_in(actor_id, language)["name"], "").rstrip("/").endswith(f"actors/{actor_id}"), links


def test_a_french_text_in_an_english_collection_is_linked_with_the_french_words(tmp_path: Path) -> None:
    """Each text of a collection is read in its own language: the French one's 'le Conseil' is the
    Council, named in French in its links; the English one's entries keep their English names."""
    source = tmp_path / "collection"
    shutil.copytree(FIXTURES / "mini", source, ignore=shutil.ignore_patterns("document.md", "expected.yml"))
    french, of_europe, council = _source(tmp_path, "fr")
    for text in (FIXTURES / "mini" / "document.md", french / "document.md"):
        header = yaml.safe_load(text.read_text(encoding="utf-8").split("---")[1])
        folder = source / "documents" / document_prefix(header["document_id"], str(header["date"])[:4])
        folder.mkdir(parents=True)
        shutil.copy(text, folder / "document.md")
    c = build_collection(source)
    by_language = {e.document.header.language: e for e in c.editions}
    assert set(by_language) == {"en", "fr"}
    linked = {
        m.entry.id: (m.entry.name, m.pattern)
        for found in by_language["fr"].mentions.values()
        for m in found.actors
        if m.entry.id in (COUNCIL, COUNCIL_OF_EUROPE)
    }
    assert linked == {
        COUNCIL: (_in(COUNCIL, "fr")["name"], council),
        COUNCIL_OF_EUROPE: (_in(COUNCIL_OF_EUROPE, "fr")["name"], of_europe),
    }
    # The English text is linked as it is on a site of its own.
    alone = build_edition(FIXTURES / "mini")
    names = {m.entry.id: m.entry.name for found in by_language["en"].mentions.values() for m in found.actors}
    assert names, "the English text names actors"
    assert names == {m.entry.id: m.entry.name for found in alone.mentions.values() for m in found.actors}
