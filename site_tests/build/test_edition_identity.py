"""Every page says which document it belongs to and whose edition it is.

The document line ("Council conclusions · ST 14512/23 · 13 November 2023 · Official text"),
the footer and the About page are built from the document's header and the plugin's options:
the register address from the document id and language, and nothing where the id says nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from conclusions.core.edition import Edition
from conclusions.core.identity import EditionInfo, document_line, edition_name, register_url
from conclusions.core.interface import interface
from conclusions.core.sharing import Sharing

from site_tests.support.documents import Built
from site_tests.support.html import page


def _pages(site: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html"))


def test_every_page_names_the_document_and_links_the_official_text(doc: Built) -> None:
    for url in _pages(doc.site):
        url = "" if url == "./" else url
        # A language version's pages name it, and link the official text in its language.
        header = doc.header_of(url)
        words = interface(header.language)
        expected = " · ".join(document_line(header, EditionInfo(), words))
        # An act of the Official Journal is at its ELI (served over https); a Council document in the register.
        official = (
            re.sub(r"^http:", "https:", header.eli) if header.eli else register_url(header.document_id, header.language)
        )
        soup = page(doc.site, url)
        line = soup.select_one("article p.doc-line")
        assert line is not None, url
        assert line.select_one(".doc-line__what").get_text() == expected, url
        for part in (header.document_id, words.date(header.date)):
            assert part in expected
        link = line.select_one("a.doc-line__official")
        assert (link["href"] if link else "") == official, url
        note = soup.select_one("footer .edition-note")
        assert note is not None, url
        said = " ".join(note.get_text().split())
        assert words("identity.unofficial_by") in said or words("identity.unofficial") in said, url
        assert [a for a in note.select("a") if a.get_text() == words("identity.about_edition")], url


def test_the_about_page_says_what_the_edition_is(doc: Built) -> None:
    header = doc.model.header
    words = interface(header.language)
    about = page(doc.site, "about/")
    text = " ".join(about.select_one("article").get_text().split())
    assert words("about.heading") in text
    assert words("about.document_lead").split("{published}")[1].split(",")[0].strip(". ") in text
    assert words("about.glossary") in text and words("about.actors") in text
    official = (
        re.sub(r"^http:", "https:", header.eli) if header.eli else register_url(header.document_id, header.language)
    )
    if official:
        assert about.select_one(f'article a[href="{official}"]') is not None
    assert (header.citation_title or header.title) in text


def test_the_cards_are_headed_by_the_edition_not_the_council(edition: Edition) -> None:
    plain = Sharing(edition, "https://example.org/", "Site").site_card()
    assert plain.heading == "Unofficial edition"
    if edition.document.header.institution:  # an act of the Official Journal names none
        assert edition.document.header.institution not in plain.heading
    named = Sharing(edition, "https://example.org/", "Site", EditionInfo(publisher="A Reader")).site_card()
    assert named.heading == edition_name(EditionInfo(publisher="A Reader")) == "Unofficial edition by A Reader"
    item = Sharing(edition, "https://example.org/", "Site").item_card(edition.document.paragraphs[0])
    assert item.footer.startswith("Unofficial edition")


def test_the_404_page_is_titled_page_not_found(doc: Built) -> None:
    words = interface(doc.model.header.language)
    assert page(doc.site, "404.html").title.get_text().startswith(words("not_found.title"))
