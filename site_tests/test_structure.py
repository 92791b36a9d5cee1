"""The structure of the edition: paragraphs, sections, footnotes and their places."""

from __future__ import annotations

from pathlib import Path

from site_tests.support.html import content, page

SECTIONS = {"i": (10, 11), "ii": (12, 17), "iii": (18, 23), "iv": (24, 36), "v": (37, 42), "vi": (43, 44)}


def test_one_page_per_paragraph_and_recital(site: Path) -> None:
    paragraphs = sorted(int(p.name) for p in (site / "paragraphs").iterdir() if p.is_dir())
    assert paragraphs == list(range(1, 45))
    recitals = sorted(int(p.name) for p in (site / "recitals").iterdir() if p.is_dir())
    assert recitals == list(range(1, 7))


def test_six_sections_with_their_ranges(site: Path) -> None:
    for slug, (first, last) in SECTIONS.items():
        soup = content(page(site, f"sections/{slug}/"))
        listed = [int(a.get_text()) for a in soup.select("li > a:first-child") if a.get_text().isdigit()]
        assert listed == list(range(first, last + 1)), slug
    text = content(page(site, "text/"))
    for slug, (first, _) in SECTIONS.items():
        heading = text.find(id=f"s-{slug}")
        following = heading.find_next("div", class_="para")
        assert following["id"] == f"p{first}", slug


def test_paragraph_pages_name_their_section(site: Path) -> None:
    for slug, (first, last) in SECTIONS.items():
        for n in (first, last):
            crumbs = content(page(site, f"paragraphs/{n}/")).select_one("nav.crumbs")
            assert crumbs.find("a", href=f"../../sections/{slug}/") is not None, n


def test_footnotes_keep_the_councils_numbers_and_places(site: Path) -> None:
    text = content(page(site, "text/"))
    assert [el["id"] for el in text.select("div.footnote")] == [f"fn:{n}" for n in range(1, 9)]
    places = {1: "r1", 2: "r2", 3: "r3", 4: "r4", 5: "r5", 6: "r6", 7: "p9", 8: "p19"}
    for number, anchor in places.items():
        ref = text.find(id=f"fnref:{number}")
        assert ref is not None and ref.find_parent(id=anchor) is not None, number
        assert ref.get_text() == str(number)
    own = content(page(site, "paragraphs/19/"))
    assert [el["id"] for el in own.select("div.footnote")] == ["fn:8"]
    assert own.find(id="fnref:8").get_text() == "8"
    assert content(page(site, "paragraphs/20/")).select("div.footnote") == []


def test_paragraph_pages_link_prev_next_and_full_text(site: Path) -> None:
    soup = content(page(site, "paragraphs/21/"))
    assert soup.find("a", rel="prev")["href"] == "../20/"
    assert soup.find("a", rel="next")["href"] == "../22/"
    assert soup.find("a", href="../../text/#p21") is not None
    assert content(page(site, "paragraphs/1/")).find("a", rel="prev") is None
    assert content(page(site, "paragraphs/44/")).find("a", rel="next") is None


def test_operative_verbs_are_marked(site: Path) -> None:
    soup = content(page(site, "paragraphs/21/"))
    assert [v.get_text() for v in soup.select("#p21 strong.verb")] == ["STRESSES", "HIGHLIGHTS", "RECALLS", "INVITES"]


def test_navigation_does_not_list_every_paragraph(site: Path) -> None:
    nav = page(site, "paragraphs/21/").select_one("nav.md-nav--primary")
    links = [a["href"] for a in nav.find_all("a", href=True)]
    assert not [h for h in links if "/paragraphs/" in h]
    assert len(links) < 30
