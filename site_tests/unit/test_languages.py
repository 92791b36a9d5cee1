"""The core of language versions, without a build: official addresses in a language, the
registries as a version reads them, the pairing of pages and the language switch's links."""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.core.errors import Problems
from conclusions.core.languages import Alternate, address_in, language_switch, registries_in
from conclusions.core.registry_source import read_registries
from conclusions.core.urls import AT_ROOT, DocumentUrls, Site, language_version

ADDRESSES = [
    # (the address, the language, the address in that language)
    (
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32021R0696",
        "fr",
        "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32021R0696",
    ),
    ("http://data.europa.eu/eli/reg/2021/696/oj", "de", "https://eur-lex.europa.eu/eli/reg/2021/696/oj?locale=de"),
    (
        "https://eur-lex.europa.eu/eli/dec/2021/698/oj?locale=en",
        "fr",
        "https://eur-lex.europa.eu/eli/dec/2021/698/oj?locale=fr",
    ),
    (
        "https://data.consilium.europa.eu/doc/document/ST-14512-2023-INIT/en/pdf",
        "fr",
        "https://data.consilium.europa.eu/doc/document/ST-14512-2023-INIT/fr/pdf",
    ),
    ("https://undocs.org/en/A/RES/77/41", "fr", "https://undocs.org/fr/A/RES/77/41"),
    ("https://undocs.org/en/A/RES/77/41", "de", "https://undocs.org/en/A/RES/77/41"),  # not a UN language
    ("https://www.nato.int/", "fr", "https://www.nato.int/"),  # no language in its form
    ("https://eur-lex.europa.eu/legal-content/EN/TXT/", "xx", "https://eur-lex.europa.eu/legal-content/EN/TXT/"),
]


@pytest.mark.parametrize(("url", "language", "expected"), ADDRESSES)
def test_an_official_address_in_a_language(url: str, language: str, expected: str) -> None:
    assert address_in(url, language) == expected


def test_a_version_reads_the_registry_in_its_language() -> None:
    problems = Problems()
    shared = read_registries(Path("/nonexistent-site-source"), problems)
    assert not problems
    translated = [a for a in shared.actors if any(x.language == "fr" for x in a.languages)]
    assert translated, "the shared registry names some actors in French"
    french = {a.id: a for a in registries_in(shared, "fr").actors}
    for actor in translated:
        own = next(x for x in actor.languages if x.language == "fr")
        mine = french[actor.id]
        assert (mine.name, mine.patterns) == (own.name or actor.name, own.patterns or actor.patterns)
        assert mine.url == (own.url or address_in(actor.url, "fr"))
    # An entry without French words keeps its own, and its address takes the language where it can.
    plain = next(i for i in shared.instruments if not i.languages and "legal-content/EN/" in i.url)
    again = next(i for i in registries_in(shared, "fr").instruments if i.id == plain.id)
    assert (again.name, again.patterns) == (plain.name, plain.patterns)
    assert "legal-content/FR/" in again.url


def test_a_version_stands_under_its_documents_prefix_and_code() -> None:
    assert language_version(AT_ROOT, "fr").paragraph_page(21) == "fr/paragraphs/21.md"
    assert language_version(DocumentUrls("st-9876-2024/", "st-9876-2024"), "de").paragraph_page(21) == (
        "st-9876-2024/de/paragraphs/21.md"
    )


def test_the_switch_links_each_version_relative_to_the_page() -> None:
    versions = (Alternate("en", "paragraphs/2.md"), Alternate("fr", "fr/paragraphs/2.md"))
    switch = language_switch(versions, "fr/paragraphs/2.md", Site("https://example.org/sub/"))
    assert switch.language == "fr"
    assert [(x.language, x.href, x.url, x.current) for x in switch.links] == [
        ("en", "../../../paragraphs/2/", "https://example.org/sub/paragraphs/2/", False),
        ("fr", "./", "https://example.org/sub/fr/paragraphs/2/", True),
    ]
    home = language_switch((Alternate("en", "index.md"), Alternate("fr", "fr/index.md")), "index.md", Site(""))
    assert [x.href for x in home.links] == ["./", "fr/"]
