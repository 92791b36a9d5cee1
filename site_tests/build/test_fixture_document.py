"""Every document of the list builds with no code change, into the structure a person read off
its text: `expected.yml` beside the document (paragraphs, recitals, sections and their
ranges, where each footnote is cited, points). A document without one, or whose file
describes another document, has these checks skipped with the reason.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from site_tests.support.build import build
from site_tests.support.documents import MINI, Built
from site_tests.support.html import content, page


def test_paragraphs_as_read_by_hand(doc: Built) -> None:
    count = doc.expected("paragraphs")
    assert sorted(int(p.name) for p in (doc.site / "paragraphs").iterdir()) == list(range(1, count + 1))


def test_recitals_as_read_by_hand(doc: Built) -> None:
    keys = [str(r).lower() for r in doc.expected("recitals")]
    built = doc.site / "recitals"
    assert (sorted(p.name for p in built.iterdir()) if built.exists() else []) == sorted(keys)
    text = content(page(doc.site, "text/"))
    assert [el["id"] for el in text.select("div.recital")] == [f"r{k}" for k in keys]


def test_sections_as_read_by_hand(doc: Built) -> None:
    sections = doc.expected("sections")
    assert sorted(p.name for p in (doc.site / "sections").iterdir()) == sorted(sections)
    for slug, (first, last) in sections.items():
        soup = content(page(doc.site, f"sections/{slug}/"))
        listed = [int(a.get_text()) for a in soup.select("li > a:first-child") if a.get_text().isdigit()]
        assert listed == list(range(first, last + 1)), slug
        for n in (first, last):
            crumbs = content(page(doc.site, f"paragraphs/{n}/")).select_one("nav.crumbs")
            assert crumbs.find("a", href=f"../../sections/{slug}/") is not None, (slug, n)


def test_footnotes_cited_where_read_by_hand(doc: Built) -> None:
    places = {str(k): v for k, v in doc.expected("footnotes").items()}
    text = content(page(doc.site, "text/"))
    assert [el["id"] for el in text.select("div.footnote")] == [f"fn:{n}" for n in places]
    home = content(page(doc.site, ""))
    for number, place in places.items():
        if place == "cover":
            assert home.select_one(f'#cover-note a.footnote-ref[href="text/#fn:{number}"]') is not None, number
            continue
        ref = text.find(id=f"fnref:{number}")
        assert ref is not None and ref.find_parent(id=place) is not None, (number, place)
        assert ref.get_text() == number
        if place.startswith("p"):
            own = content(page(doc.site, f"paragraphs/{place[1:]}/"))
            assert f"fn:{number}" in [el["id"] for el in own.select("div.footnote")], (number, place)


def test_points_as_read_by_hand(doc: Built) -> None:
    points = {int(k): v for k, v in doc.expected("points").items()}
    for paragraph in doc.model.paragraphs:
        n = paragraph.number
        para = content(page(doc.site, f"paragraphs/{n}/")).find(id=f"p{n}")
        assert [li["id"] for li in para.select("li[id]")] == points.get(n, []), n


def test_the_hand_read_file_is_not_published(tmp_path: Path) -> None:
    """The plugin ignores expected.yml: a build without it is the same, byte for byte."""
    mini = MINI.source
    assert mini is not None and (mini / "expected.yml").is_file()
    without = tmp_path / "copy" / mini.name
    shutil.copytree(mini, without, ignore=shutil.ignore_patterns("expected.yml"))
    sites = []
    for name, source in (("with", mini), ("without", without)):
        (tmp_path / name).mkdir()
        build(tmp_path / name / "site", source=source)
        sites.append(tmp_path / name / "site")
    files = [{p.relative_to(s): p.read_bytes() for p in s.rglob("*") if p.is_file()} for s in sites]
    assert files[0] == files[1]
    assert not [p for p in files[0] if "expected" in str(p)]
