"""The core of language versions, without a build: official addresses in a language, the
registries as a version reads them, the shared registry's labels and descriptions in a page's
language, the pairing of pages and the language switch's links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conclusions.core.errors import Problems
from conclusions.core.languages import (
    REGISTRY_LANGUAGE,
    Alternate,
    Worded,
    address_in,
    description_in,
    kind_label,
    language_switch,
    registries_in,
    site_alternates,
)
from conclusions.core.model import Actor, Instrument
from conclusions.core.registry_source import read_registries
from conclusions.core.site import build_collection
from conclusions.core.urls import AT_ROOT, DocumentUrls, Site, language_version

from site_tests.support.build import FIXTURES

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


def test_the_switch_names_each_clause_by_the_versions_anchor_for_its_place() -> None:
    """A clause's anchor is its verb ('invites'; 'invite' in French): the switch of a paragraph
    page and of the full text maps each to the anchor of the clause at the same place in the
    other version, read from the two-language fixture's models; the anchors that are the same
    in both are left out."""
    c = build_collection(FIXTURES / "bilingual")
    (english,) = c.editions
    (french,) = c.versions_of(english)
    found = site_alternates(c)
    paragraphs = [p.number for p in english.document.paragraphs if english.clauses.get(p.number)]
    assert paragraphs
    for number in paragraphs:
        ours, theirs = english.clauses[number], french.clauses[number]
        assert len(ours) == len(theirs), number
        for src, anchor in ((english.urls.paragraph_page(number), "anchor"), (english.urls.text, "text_anchor")):
            switch = language_switch(found[src], src, Site(""))
            (to_french,) = [x for x in switch.links if x.language == french.document.header.language]
            renamed = json.loads(to_french.anchors or "{}")
            for a, b in zip(ours, theirs, strict=True):
                mine, yours = getattr(a, anchor), getattr(b, anchor)
                assert renamed.get(mine) == (yours if yours != mine else None), (src, mine)
            back = language_switch(
                found[french.urls.paragraph_page(number)], french.urls.paragraph_page(number), Site("")
            )
            (to_english,) = [x for x in back.links if x.language == english.document.header.language]
            assert json.loads(to_english.anchors or "{}") == {
                b.anchor: a.anchor for a, b in zip(ours, theirs, strict=True) if a.anchor != b.anchor
            }
    # Verbs differ between the fixture's languages: some anchor is renamed.
    assert any(
        a.anchor != b.anchor for n in paragraphs for a, b in zip(english.clauses[n], french.clauses[n], strict=True)
    )


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_shared_registrys_labels_and_descriptions_in_a_language(language: str) -> None:
    """Each kind's label and each description is given in the page's language where the shared
    registry has it, and otherwise in English, said to be English; on an English page as it is."""
    problems = Problems()
    shared = read_registries(Path("/nonexistent-site-source"), problems)
    assert not problems
    for kind in (*shared.instrument_kinds, *shared.actor_kinds):
        own = dict(kind.labels).get(language)
        assert kind_label(kind, language) == (Worded(own) if own else Worded(kind.label, REGISTRY_LANGUAGE)), kind.id
        assert kind_label(kind, REGISTRY_LANGUAGE) == Worded(kind.label)
    described = 0
    entries: list[Actor | Instrument] = [*shared.actors, *shared.instruments]
    for entry in entries:
        own = next((x.description for x in entry.languages if x.language == language and x.description), "")
        described += bool(own)
        expected = Worded(own) if own else Worded(entry.description, REGISTRY_LANGUAGE)
        assert description_in(entry, language) == expected, entry.id
        assert description_in(entry, REGISTRY_LANGUAGE) == Worded(entry.description)
    assert described, f"the shared registry describes some entries in {language}"


def test_a_sites_own_labels_and_descriptions_are_in_its_language(tmp_path: Path) -> None:
    """A site's kind or actor of the shared registry's id replaces it, in the site's own words."""
    problems = Problems()
    shared = read_registries(tmp_path / "none", problems)
    kind = next(k for k in shared.actor_kinds if k.labels)
    actor = next(a for a in shared.actors if a.kind == kind.id)
    (tmp_path / "actors.yml").write_text(
        f"kinds:\n  - id: {kind.id}\n    label: Nos institutions\nactors:\n"
        f"  - id: {actor.id}\n    name: {actor.id}\n    kind: {kind.id}\n    description: Une description du site.\n"
        f"    url: https://example.org/\n    patterns: [{actor.id}]\n",
        encoding="utf-8",
    )
    site = read_registries(tmp_path, problems)
    assert not problems, problems
    own_kind = next(k for k in site.actor_kinds if k.id == kind.id)
    own_actor = next(a for a in site.actors if a.id == actor.id)
    assert kind_label(own_kind, "fr") == Worded("Nos institutions")
    assert description_in(own_actor, "fr") == Worded("Une description du site.")


def _with_a_shared_term(tmp_path: Path) -> Path:
    """The two-language fixture with an abbreviation of the shared glossary in paragraph 1 of
    both versions (invented words; the shared glossary gives the term in English only)."""
    import shutil

    source = tmp_path / "source"
    shutil.copytree(FIXTURES / "bilingual", source)
    for path, old in (
        (source / "document.md", "shelter birds;"),
        (source / "lang" / "fr" / "document.md", "abritent les oiseaux;"),
    ):
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, old.replace(";", ", NATO;"), 1), encoding="utf-8")
    return source


def test_a_versions_glossary_marks_the_shared_registrys_english_and_links_its_own_paragraphs(
    tmp_path: Path,
) -> None:
    from conclusions.core.site import all_pages

    c = build_collection(_with_a_shared_term(tmp_path))
    (term,) = [t for t in c.registries.terms if t.shared]
    (version,) = c.versions
    pages = {p.src: p.body for p in all_pages(c)}
    mine = pages[version.urls.glossary]
    # The term's name, expansion and definition, in English only in the registry: marked so.
    for words in (term.name, term.expansion, term.definition):
        assert f'<span lang="{REGISTRY_LANGUAGE}">{words}</span>' in mine
    assert version.interface("registers.glossary") in mine
    # Where the version uses it: its own paragraph, from its own glossary.
    assert 'href="paragraphs/1.md#p1"' in mine
    # The version's paragraph links the version's glossary; the first language's, its own.
    assert f'href="../glossary.md#{term.id}"' in pages[version.urls.paragraph_page(1)]
    assert f'href="../glossary.md#{term.id}"' in pages[c.editions[0].urls.paragraph_page(1)]
    first = pages[c.editions[0].urls.glossary]
    assert "lang=" not in first
