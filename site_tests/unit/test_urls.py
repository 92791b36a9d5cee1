"""The URL scheme (core/urls.py) in one table: every family of address the site publishes,
under the site root and under a sub-path, and the relative links between pages.

No build: these are the addresses README's "URL policy" promises, written out. A change here
breaks published URLs; the URL manifests (test_url_manifest.py) catch the same on a build.
"""

from __future__ import annotations

import pytest
from conclusions.core import urls
from conclusions.core.urls import Linker, Site

# (family, the address the scheme makes, the address under the site root)
_FR = urls.language_version(urls.AT_ROOT, "fr")
_FR_IN = urls.language_version(urls.DocumentUrls("st-9876-2024/", "st-9876-2024"), "fr")

FAMILIES = [
    ("home", urls.site_path(urls.HOME), ""),
    ("full text", urls.site_path(urls.TEXT), "text/"),
    ("a paragraph in the full text", f"{urls.site_path(urls.TEXT)}#{urls.paragraph_anchor(21)}", "text/#p21"),
    ("a recital in the full text", f"{urls.site_path(urls.TEXT)}#{urls.recital_anchor('3')}", "text/#r3"),
    ("a lettered recital in the full text", f"{urls.site_path(urls.TEXT)}#{urls.recital_anchor('a')}", "text/#ra"),
    (
        "a clause in the full text",
        f"{urls.site_path(urls.TEXT)}#{urls.within(urls.paragraph_anchor(21), urls.nth('invites', 2))}",
        "text/#p21-invites-2",
    ),
    (
        "a point in the full text",
        f"{urls.site_path(urls.TEXT)}#{urls.within(urls.paragraph_anchor(12), urls.within('b', 'iii'))}",
        "text/#p12-b-iii",
    ),
    ("a section in the full text", f"{urls.site_path(urls.TEXT)}#{urls.section_anchor('iii')}", "text/#s-iii"),
    (
        "a sub-section on its section's page",
        f"{urls.site_path(urls.section_page('ii'))}#{urls.subsection_anchor('ii', 'a')}",
        "sections/ii/#s-ii-a",
    ),
    ("a footnote", f"{urls.site_path(urls.TEXT)}#{urls.footnote_anchor('8')}", "text/#fn:8"),
    ("a footnote's first reference", f"#{urls.footnote_ref_anchor('8')}", "#fnref:8"),
    ("a footnote's second reference", f"#{urls.footnote_ref_anchor('8', 2)}", "#fnref2:8"),
    ("a paragraph's page", urls.site_path(urls.paragraph_page(21)), "paragraphs/21/"),
    ("a clause", f"{urls.site_path(urls.paragraph_page(21))}#{urls.nth('invites', 1)}", "paragraphs/21/#invites"),
    (
        "the second clause of a verb",
        f"{urls.site_path(urls.paragraph_page(21))}#{urls.nth('invites', 2)}",
        "paragraphs/21/#invites-2",
    ),
    ("a point", f"{urls.site_path(urls.paragraph_page(12))}#{urls.within('b', 'iii')}", "paragraphs/12/#b-iii"),
    ("a recital's page", urls.site_path(urls.recital_page("1")), "recitals/1/"),
    ("a lettered recital's page", urls.site_path(urls.recital_page("a")), "recitals/a/"),
    ("a section's page", urls.site_path(urls.section_page("iii")), "sections/iii/"),
    ("the opening paragraphs", urls.site_path(urls.section_page("opening")), "sections/opening/"),
    ("the instruments", urls.site_path(urls.INSTRUMENTS), "instruments/"),
    ("an instrument", urls.site_path(urls.instrument_page("strategic-compass")), "instruments/strategic-compass/"),
    ("the glossary", urls.site_path(urls.GLOSSARY), "glossary/"),
    ("a glossary entry", f"{urls.site_path(urls.GLOSSARY)}#{urls.entry_anchor('nato')}", "glossary/#nato"),
    ("a letter of the glossary", f"{urls.site_path(urls.GLOSSARY)}#{urls.letter_anchor('A')}", "glossary/#letter-65"),
    ("the actors", urls.site_path(urls.ACTORS), "actors/"),
    ("an actor", urls.site_path(urls.actor_page("commission")), "actors/commission/"),
    (
        "a request to an actor",
        f"{urls.site_path(urls.actor_page('commission'))}#{urls.request_anchor(21, 'invites-2')}",
        "actors/commission/#req-21-invites-2",
    ),
    ("the operative verbs", urls.site_path(urls.VERBS), "verbs/"),
    ("an operative verb", f"{urls.site_path(urls.VERBS)}#{urls.entry_anchor('calls-upon')}", "verbs/#calls-upon"),
    ("the URL policy", urls.site_path(urls.ABOUT), "about/urls/"),
    ("a paragraph's title", urls.address(urls.paragraph_page(21), urls.Part.TITLE), "paragraphs/21/#title"),
    ("a paragraph's clauses", urls.address(urls.paragraph_page(21), urls.Part.CLAUSES), "paragraphs/21/#clauses"),
    ("a paragraph's actors", urls.address(urls.paragraph_page(21), urls.Part.ACTORS), "paragraphs/21/#actors"),
    (
        "a recital's instruments",
        urls.address(urls.recital_page("1"), urls.Part.INSTRUMENTS),
        "recitals/1/#instruments",
    ),
    (
        "where an instrument is recalled",
        urls.address(urls.instrument_page("pesco"), urls.Part.RECALLED_IN),
        "instruments/pesco/#recalled-in",
    ),
    (
        "the requests to an actor",
        urls.address(urls.actor_page("commission"), urls.Part.ASKED_TO_ACT),
        "actors/commission/#asked-to-act",
    ),
    (
        "an actor's other mentions",
        urls.address(urls.actor_page("commission"), urls.Part.MENTIONED_IN),
        "actors/commission/#mentioned-in",
    ),
    ("the requests by section", urls.address(urls.ACTORS, urls.Part.REQUESTS_BY_SECTION), "actors/#matrix"),
    ("the recitals in the full text", urls.address(urls.TEXT, urls.Part.RECITALS), "text/#recitals"),
    ("the footnotes", urls.address(urls.TEXT, urls.Part.FOOTNOTES), "text/#footnotes"),
    ("the annex heading", urls.address(urls.TEXT, urls.Part.ANNEX), "text/#annex"),
    ("the cover note", urls.address(urls.HOME, urls.Part.COVER_NOTE), "#cover-note"),
    ("a kind of instrument", urls.address(urls.INSTRUMENTS, urls.entry_anchor("treaties")), "instruments/#treaties"),
    ("the document as data", urls.DOCUMENT_JSON, "data/document.json"),
    ("a paragraph as data", urls.paragraph_json(21), "data/paragraphs/21.json"),
    ("a schema", urls.schema_file("paragraph.schema.json"), "data/schema/paragraph.schema.json"),
    ("the data's sitemap", urls.sitemap_file("data/paragraphs"), "data/paragraphs/sitemap.xml"),
    ("the site's card", urls.SITE_CARD, "cards/site.png"),
    ("a paragraph's card", urls.paragraph_card(21), "cards/paragraphs/21.png"),
    ("a recital's card", urls.recital_card("a"), "cards/recitals/a.png"),
    # A language version of a one-document site: its pages, register and About pages included,
    # under its code; in a collection, its pages under the document's prefix and the code, the
    # register pages the collection's.
    ("a version's paragraph", urls.site_path(_FR.paragraph_page(21)), "fr/paragraphs/21/"),
    ("a version's instruments", urls.site_path(_FR.instruments), "fr/instruments/"),
    ("a version's instrument", urls.site_path(_FR.instrument_page("nato")), "fr/instruments/nato/"),
    ("a version's glossary", urls.site_path(_FR.glossary), "fr/glossary/"),
    ("a version's actors", urls.site_path(_FR.actors), "fr/actors/"),
    ("a version's actor", urls.site_path(_FR.actor_page("commission")), "fr/actors/commission/"),
    ("a version's verbs", urls.site_path(_FR.verbs), "fr/verbs/"),
    ("a version's About page", urls.site_path(_FR.about_edition), "fr/about/"),
    ("a version's URL policy", urls.site_path(_FR.about), "fr/about/urls/"),
    ("a version's request", urls.request_anchor(21, "invite", _FR.key), "req-fr-21-invite"),
    ("the site's actor", urls.site_path(urls.AT_ROOT.actor_page("commission")), "actors/commission/"),
    ("a version in a collection", urls.site_path(_FR_IN.paragraph_page(21)), "st-9876-2024/fr/paragraphs/21/"),
    ("a version's actor in a collection", urls.site_path(_FR_IN.actor_page("commission")), "actors/commission/"),
]


@pytest.mark.parametrize(("family", "made", "expected"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_every_family_of_address(family: str, made: str, expected: str) -> None:
    assert made == expected, family


ROOTS = [("", "/"), ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/")]
SUB_PATHS = [
    ("https://example.org/space-strategy/", "https://example.org/space-strategy/"),
    ("https://example.org/space-strategy", "https://example.org/space-strategy/"),
]


@pytest.mark.parametrize(("site_url", "root"), ROOTS + SUB_PATHS)
def test_absolute_addresses_under_the_root_and_under_a_sub_path(site_url: str, root: str) -> None:
    site = Site(site_url)
    assert site.root == root
    assert site.page(urls.HOME) == root
    assert site.page(urls.TEXT, urls.paragraph_anchor(21)) == f"{root}text/#p21"
    assert site.page(urls.paragraph_page(21)) == f"{root}paragraphs/21/"
    assert site.page(urls.paragraph_page(12), "b-iii") == f"{root}paragraphs/12/#b-iii"
    assert site.page(urls.INSTRUMENTS) == f"{root}instruments/"
    assert site.page(urls.actor_page("commission")) == f"{root}actors/commission/"
    assert site.page(urls.GLOSSARY, "nato") == f"{root}glossary/#nato"
    assert site.file(urls.paragraph_json(21)) == f"{root}data/paragraphs/21.json"
    assert site.file(urls.paragraph_card(21)) == f"{root}cards/paragraphs/21.png"
    assert site.file(urls.schema_file("document.schema.json")) == f"{root}data/schema/document.schema.json"


def test_the_404_jump_box_prefix_makes_a_paragraphs_address() -> None:
    for n in (1, 21, 440):
        assert urls.paragraph_path_prefix() + f"{n}/" == urls.site_path(urls.paragraph_page(n))


def test_only_section_pages_are_grouped_as_sections() -> None:
    assert urls.is_section_page(urls.section_page("iii"))
    assert urls.is_section_page(urls.section_page("opening"))
    others = [urls.HOME, urls.TEXT, urls.paragraph_page(1), urls.recital_page("a"), urls.instrument_page("sections")]
    assert not [src for src in others if urls.is_section_page(src)]


LINKS = [
    # (from page, to page, anchor, the relative link MkDocs resolves)
    (urls.HOME, urls.TEXT, "", "text.md"),
    (urls.HOME, urls.TEXT, "p21", "text.md#p21"),
    (urls.TEXT, urls.TEXT, "p21", "#p21"),
    (urls.TEXT, urls.TEXT, "", "text.md"),
    (urls.paragraph_page(21), urls.paragraph_page(22), "", "22.md"),
    (urls.paragraph_page(21), urls.paragraph_page(21), "invites", "#invites"),
    (urls.paragraph_page(21), urls.GLOSSARY, "nato", "../glossary.md#nato"),
    (urls.paragraph_page(21), urls.instrument_page("pesco"), "", "../instruments/pesco.md"),
    (urls.instrument_page("pesco"), urls.INSTRUMENTS, "", "index.md"),
    (urls.ABOUT, urls.paragraph_page(44), "", "../paragraphs/44.md"),
    (urls.ABOUT, urls.DOCUMENT_JSON, "", "../data/document.json"),
    (urls.actor_page("commission"), urls.paragraph_page(3), "invites", "../paragraphs/3.md#invites"),
]


@pytest.mark.parametrize(("page", "target", "anchor", "expected"), LINKS)
def test_relative_links_between_pages(page: str, target: str, anchor: str, expected: str) -> None:
    assert Linker(page).to(target, anchor) == expected
