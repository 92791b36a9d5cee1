"""Section addresses in every script of the official languages (core/urls.py makes them,
core/document_source.py reads the headings): a Greek or Cyrillic heading, numbered by its own
letters or not at all, gets an address of its own, and Latin addresses stay as published.

The headings are invented for the test (not official translations)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.core import urls

from site_tests.support.core import parse_document

FRONT = "---\ntitle: Invented fixture\nlanguage: {language}\n---\n\n"


def _sections(tmp_path: Path, language: str, headings: list[str]) -> list[tuple[str, str, str]]:
    body = "".join(f"## {h}\n\n{n}. Text {n}.\n\n" for n, h in enumerate(headings, 1))
    (tmp_path / "document.md").write_text(FRONT.format(language=language) + body, encoding="utf-8")
    document = parse_document(tmp_path)
    return [(s.label, s.title, s.slug) for s in document.sections if not s.implicit]


@pytest.mark.parametrize(
    ("language", "headings", "expected"),
    [
        (
            "el",
            ["Α. ΕΙΣΑΓΩΓΗ", "Εισαγωγή στην ασφάλεια", "ΙΙ. ΕΠΟΜΕΝΑ ΒΗΜΑΤΑ"],
            [
                ("Α", "ΕΙΣΑΓΩΓΗ", "α"),
                ("", "Εισαγωγή στην ασφάλεια", "εισαγωγή-στην-ασφάλεια"),
                ("", "ΙΙ. ΕΠΟΜΕΝΑ ΒΗΜΑΤΑ", "ιι-επομενα-βηματα"),
            ],
        ),
        (
            "bg",
            ["Б. Въведение", "Следващи стъпки"],
            [("Б", "Въведение", "б"), ("", "Следващи стъпки", "следващи-стъпки")],
        ),
        (
            "en",
            ["III. NEXT STEPS", "Opening remarks", "Énergie et climat"],
            [
                ("III", "NEXT STEPS", "iii"),
                ("", "Opening remarks", "opening-remarks"),
                ("", "Énergie et climat", "nergie-et-climat"),
            ],
        ),
    ],
)
def test_every_heading_gets_an_address(
    tmp_path: Path, language: str, headings: list[str], expected: list[tuple[str, str, str]]
) -> None:
    sections = _sections(tmp_path, language, headings)
    assert sections == expected
    for _label, _title, slug in sections:
        assert urls.site_path(urls.section_page(slug)) == f"sections/{slug}/"


def test_latin_slugs_are_byte_identical_to_the_published_ones() -> None:
    """The Latin rule is the one the published addresses were made with: a-z and 0-9 only."""
    assert urls.section_slug("", "Space & Defence: the next steps") == "space-defence-the-next-steps"
    assert urls.section_slug("IV", "ANYTHING") == "iv"
