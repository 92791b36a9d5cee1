"""Sub-sections as a user meets them: a Council text with lettered headings under a Roman-numbered
one ("II. FINDINGS", then "A. Planning", "B. Monitoring") is imported and built as it stands, the
words check passing; the full text and the section's page show each sub-heading one level under
its section's, at its own anchor, and the JSON lists it. Expectations are read from the fixture's
hand-read expected.yml and from the model, not written here. The text is invented:
fixtures/import/ST-15230-2026-INIT-en.txt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import Tag
from conclusions.core.edition import build_edition
from conclusions.core.model import Document

from site_tests.build.test_share_json import _validator
from site_tests.support.build import FIXTURES, build
from site_tests.support.documents import build_import, import_into
from site_tests.support.html import content, page
from site_tests.support.imported import hand_read
from site_tests.support.vnu import check

pytestmark = pytest.mark.build

TEXT = FIXTURES / "import" / "ST-15230-2026-INIT-en.txt"
_, EXPECTED = hand_read(TEXT.name)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return import_into(TEXT, tmp_path_factory.mktemp("subsections") / "source")


@pytest.fixture(scope="module")
def document(imported: Path) -> Document:
    return build_edition(imported).document


@pytest.fixture(scope="module")
def site(imported: Path) -> Path:
    return build_import(imported)


def _headings(article: Tag, levels: tuple[str, ...]) -> list[tuple[str, str, str]]:
    return [(h.name, h.get_text(" ", strip=True), str(h.get("id"))) for h in article.find_all(levels)]


def test_the_model_has_the_sub_sections_a_person_reads(document: Document) -> None:
    found = {
        s.heading: {sub.heading: [p.number for p in sub.paragraphs] for sub in s.subsections}
        for s in document.sections
        if s.subsections
    }
    assert found == EXPECTED["subheadings"]


def test_the_full_text_has_each_sub_heading_one_level_under_its_section(site: Path, document: Document) -> None:
    article = content(page(site, "text/"))
    shown = [(name, text, anchor) for name, text, anchor in _headings(article, ("h2", "h3")) if anchor.startswith("s-")]
    wanted = []
    for section in document.sections:
        wanted.append(("h2", section.heading, f"s-{section.slug}"))
        wanted += [("h3", sub.heading, sub.anchor) for sub in section.subsections]
    assert shown == wanted
    # Each sub-heading stands right before its first paragraph, and links to where it stands on
    # its section's page.
    for section in document.sections:
        for sub in section.subsections:
            heading = article.find(id=sub.anchor)
            assert heading is not None
            following = heading.find_next(id=sub.paragraphs[0].anchor)
            assert following is not None and heading.find_next(["h2", "h3"]) is not None
            assert following.find_previous(["h2", "h3"]) is heading
            link = heading.find("a")
            assert link is not None and link["href"] == f"../sections/{section.slug}/#{sub.anchor}"
    ids = [str(t["id"]) for t in article.find_all(id=True)]
    assert len(ids) == len(set(ids)), "every anchor on the full text is unique"


def test_the_sections_page_groups_its_paragraphs_under_its_sub_headings(site: Path, document: Document) -> None:
    for section in (s for s in document.sections if s.subsections):
        article = content(page(site, f"sections/{section.slug}/"))
        assert _headings(article, ("h1", "h2")) == [
            ("h1", section.heading, article.find("h1")["id"]),  # type: ignore[index]
            *(("h2", sub.heading, sub.anchor) for sub in section.subsections),
        ]
        # The page's range counts its sub-sections' paragraphs; each list is its sub-section's.
        assert section.range_label in article.get_text()
        for sub in section.subsections:
            heading = article.find(id=sub.anchor)
            assert heading is not None
            items = heading.find_next("ul")
            assert items is not None
            numbers = [int(a.get_text()) for a in items.select("li > a:first-child")]
            assert numbers == [p.number for p in sub.paragraphs]
        ids = [str(t["id"]) for t in article.find_all(id=True)]
        assert len(ids) == len(set(ids))


def test_the_home_page_counts_every_paragraph_of_a_section(site: Path, document: Document) -> None:
    text = content(page(site, "")).get_text(" ", strip=True)
    for section in document.sections:
        assert section.range_label in text
    expected_ranges = {slug: f"{first}–{last}" for slug, (first, last) in EXPECTED["sections"].items()}
    assert {s.slug: s.range_label for s in document.sections} == expected_ranges


def test_the_home_page_shows_each_sub_heading_over_its_paragraphs(site: Path, document: Document) -> None:
    article = content(page(site, ""))
    for section in (s for s in document.sections if s.subsections):
        for sub in section.subsections:
            heading = article.find(id=sub.anchor)
            assert heading is not None and heading.name == "h4"
            assert heading.get_text(" ", strip=True) == sub.heading
            # One level under its section's heading, which stands before it.
            above = heading.find_previous("h3")
            assert above is not None and section.heading in above.get_text(" ", strip=True)
            link = heading.find("a")
            assert link is not None and link["href"] == f"sections/{section.slug}/#{sub.anchor}"
            items = heading.find_next("ul")
            assert items is not None and items.find_previous(["h3", "h4"]) is heading
            numbers = [int(a.get_text()) for a in items.select("li > a:first-child")]
            assert numbers == [p.number for p in sub.paragraphs]
    # Every paragraph is listed once, its sub-section's or not.
    listed = [int(a.get_text()) for a in article.select("ul > li > a:first-child") if a.get_text().isdigit()]
    assert listed == [p.number for p in document.paragraphs]


def test_the_words_that_open_the_text_stand_under_the_first_heading(site: Path) -> None:
    article = content(page(site, "text/"))
    for heading_text, blocks in EXPECTED["opening_words"].items():
        heading = next(h for h in article.find_all("h2") if h.get_text(strip=True) == heading_text)
        after = heading.find_next("p")
        assert after is not None and after.get_text(strip=True) == blocks[0]


def test_the_json_lists_the_sub_sections_and_validates(site: Path, document: Document) -> None:
    data = json.loads((site / "data" / "document.json").read_text(encoding="utf-8"))
    _validator("document.schema.json").validate(data)
    listed = {
        s["heading"]: {sub["heading"]: sub["paragraphs"] for sub in s["subsections"]}
        for s in data["sections"]
        if "subsections" in s
    }
    assert listed == EXPECTED["subheadings"]
    for section in data["sections"]:
        for sub in section.get("subsections", ()):
            assert set(sub["paragraphs"]) <= set(section["paragraphs"])
            assert sub["url"].startswith(section["url"] + "#s-")


def test_a_paragraphs_json_names_its_sub_section_and_validates(site: Path, document: Document) -> None:
    validator = _validator("paragraph.schema.json")
    listed = json.loads((site / "data" / "document.json").read_text(encoding="utf-8"))["paragraphs"]
    for paragraph, in_document in zip(document.paragraphs, listed, strict=True):
        data = json.loads((site / "data" / "paragraphs" / f"{paragraph.number}.json").read_text(encoding="utf-8"))
        validator.validate(data)
        section, sub = document.section_of(paragraph), document.subsection_of(paragraph)
        # The same object in the document's data, and only where the text has a sub-section.
        assert in_document.get("subsection") == data.get("subsection")
        if sub is None:
            assert "subsection" not in data
            continue
        assert data["subsection"] == {
            "label": sub.label,
            "title": sub.title,
            "heading": sub.heading,
            "url": f"{data['section']['url']}#{sub.anchor}",
            "full_text_url": data["full_text_url"].replace(f"#{paragraph.anchor}", f"#{sub.anchor}"),
        }
        # Its heading as the hand reading names it, over this paragraph.
        assert paragraph.number in EXPECTED["subheadings"][section.heading][sub.heading]


def test_a_sub_section_left_without_paragraphs_stops_the_build(imported: Path, tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(imported, source)
    document = source / "document.md"
    text = document.read_text(encoding="utf-8")
    document.write_text(
        text.replace("### B. Monitoring\n", "### B. Monitoring\n\n### C. Follow-up\n"), encoding="utf-8"
    )
    site = tmp_path / "site"
    result = build(site, source=source, check=False)
    assert result.returncode != 0 and not site.exists(), "nothing is written"
    line = document.read_text(encoding="utf-8").split("\n").index("### B. Monitoring") + 1
    errors = [row.split("-  ", 1)[1] for row in result.stderr.splitlines() if row.startswith("ERROR")]
    assert errors[0] == (
        f"source/document.md:{line}: sub-section 'B. Monitoring' of section 'II. FINDINGS' has no paragraphs; "
        "add them or remove the heading"
    )


def test_a_paragraphs_page_says_which_sub_section_it_stands_in(site: Path, document: Document) -> None:
    for paragraph in document.paragraphs:
        section, sub = document.section_of(paragraph), document.subsection_of(paragraph)
        crumbs = content(page(site, f"paragraphs/{paragraph.number}/")).select_one("nav.crumbs")
        assert crumbs is not None
        links = [(a.get_text(strip=True), a["href"]) for a in crumbs.find_all("a")]
        wanted = (section.heading, f"../../sections/{section.slug}/")
        assert wanted in links
        if sub is None:
            assert not any("#s-" in str(href) for _, href in links)
        else:
            assert links[links.index(wanted) + 1] == (sub.heading, f"../../sections/{section.slug}/#{sub.anchor}")


def test_the_pages_with_sub_headings_are_valid_html(site: Path, document: Document) -> None:
    pages = [site / "text" / "index.html", site / "index.html"]
    pages += [site / "sections" / s.slug / "index.html" for s in document.sections if s.subsections]
    pages += [site / "paragraphs" / str(p.number) / "index.html" for p in document.paragraphs]
    assert check(pages) == []
