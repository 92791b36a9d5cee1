"""Under `mkdocs serve`, a rebuild that reuses unchanged pages serves what a clean build makes.

The plugin remembers, between the rebuilds of one `mkdocs serve`, the rendering and the HTML
of every page whose inputs did not change (plugins/conclusions/rebuild.py). This test runs
the real server on a copy of the real source and, after each kind of edit, compares every
file it serves with a clean `mkdocs build` of the edited source: byte for byte, once the
live-reload script MkDocs injects into HTML is taken out. The server's log says how many
pages were reused; the test checks reuse happened where it may, and not where it may not.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conclusions.core.edition import Edition

from site_tests.support.build import SOURCE, build
from site_tests.support.collection import BuiltCollection
from site_tests.support.live import Served, fetch, serving, without_livereload

UNCHANGED = re.compile(r"(\d+) of (\d+) pages unchanged since the last build")


def _assert_same_as_clean_build(served: Served, source: Path, out: Path) -> None:
    build(out, source=source, site_url=served.base)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "index.html" in files and any("paragraphs/" in f for f in files), "the clean build made a site"
    differ = []
    for rel in files:
        got = fetch(served.base + rel)
        if rel.endswith(".html"):
            got = without_livereload(got)
        if got != (out / rel).read_bytes():
            differ.append(rel)
    assert not differ, f"served after a rebuild, but not what a clean build makes: {differ[:10]}"


def _rebuilds(served: Served) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in UNCHANGED.findall(served.log())]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path: Path, number: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


def _edit_paragraph(served: Served, document: Path, line: int, page: str) -> None:
    """Add a word to the paragraph on `line` of `document`; wait until `page` serves it."""
    first = _line(document, line)
    _edit(document, first, first + " zyxmarker")
    served.wait_for("the paragraph edit", served.page_has(page, "zyxmarker"))


def test_rebuilds_reuse_only_what_did_not_change(tmp_path: Path, edition: Edition) -> None:
    source = tmp_path / "source"
    shutil.copytree(SOURCE, source)
    document = source / "document.md"
    first_paragraph = edition.document.paragraphs[0]
    first_page = f"paragraphs/{first_paragraph.number}/"
    with serving(source, tmp_path) as served:
        assert _rebuilds(served) == [(0, _rebuilds(served)[0][1])], "the first build renders every page"
        pages = _rebuilds(served)[0][1]

        # One paragraph edited: its pages are rendered again, the others reused.
        _edit_paragraph(served, document, first_paragraph.line, first_page)
        reused, total = _rebuilds(served)[-1]
        assert total == pages and 0 < reused < pages
        _assert_same_as_clean_build(served, source, tmp_path / "clean-1")

        # The short title is in the document line of every page and of the 404 page, in no
        # address and no navigation entry: every page and the 404 page are made again in place.
        short = edition.document.header.short_title
        if short:
            builds = len(_rebuilds(served))
            _edit(document, f"short_title: {short}", f"short_title: {short} zyxshort")
            served.wait_for("the short title edit", lambda: len(_rebuilds(served)) > builds)
            assert b"zyxshort" in fetch(served.base + "404.html")
            _assert_same_as_clean_build(served, source, tmp_path / "clean-short")

        # A section title is in every page's navigation: nothing may be reused.
        titled = [s for s in edition.document.sections if s.label]
        if titled:
            heading = _line(document, titled[0].line)
            _edit(document, heading, heading + " zyxsection")
            served.wait_for("the heading edit", served.page_has(first_page, "zyxsection"))
            assert _rebuilds(served)[-1] == (0, pages)
            _assert_same_as_clean_build(served, source, tmp_path / "clean-2")

        # A mistake in the source stops the build before anything is rendered: what the last
        # good build rendered stays reusable once the mistake is fixed. A registry of the
        # site's own if it has one, else the document.
        broken = source / "glossary.yml" if (source / "glossary.yml").exists() else document
        good = broken.read_text(encoding="utf-8")
        if broken.name == "glossary.yml":
            _edit(broken, "definition:", "defintion:")
        else:
            broken.write_text(good + "\n##\n", encoding="utf-8")  # a heading with no title
        served.wait_for("the error", lambda: "still serving the last good build" in served.log())
        builds = len(_rebuilds(served))
        broken.write_text(good, encoding="utf-8")
        served.wait_for("the repaired build", lambda: len(_rebuilds(served)) > builds)
        assert _rebuilds(served)[-1] == (pages, pages)
        _assert_same_as_clean_build(served, source, tmp_path / "clean-3")


def test_a_collection_rebuilds_what_an_edit_changes_across_its_texts(
    tmp_path: Path, collection: BuiltCollection
) -> None:
    """In a collection one text's edit reaches other texts' pages (references, register pages):
    the rebuild still serves what a clean build makes, while most pages are not built again."""
    from conclusions.core.references import DATE_TITLE
    from conclusions.core.urls import site_path

    model = collection.model
    source = tmp_path / "source"
    shutil.copytree(collection.source, source)
    edition = model.editions[-1]
    document = source / "documents" / edition.urls.prefix / "document.md"
    paragraph = edition.document.paragraphs[0]
    page = site_path(edition.urls.paragraph_page(paragraph.number))
    cited = next(r for r in model.references if r.form == DATE_TITLE and r.cited is not None and not r.why)
    assert cited.cited is not None
    with serving(source, tmp_path) as served:
        pages = _rebuilds(served)[0][1]

        # One paragraph of one text.
        _edit_paragraph(served, document, paragraph.line, page)
        reused, total = _rebuilds(served)[-1]
        assert total == pages and 0 < reused < pages
        _assert_same_as_clean_build(served, source, tmp_path / "clean-1")

        # Another paragraph, in place again: the pages left out twice in a row keep what the
        # build before the last set on them.
        other = edition.document.paragraphs[-1]
        assert other is not paragraph, "the collection's last text has more than one paragraph"
        _edit_paragraph(served, document, other.line, site_path(edition.urls.paragraph_page(other.number)))
        reused, total = _rebuilds(served)[-1]
        assert total == pages and 0 < reused < pages
        _assert_same_as_clean_build(served, source, tmp_path / "clean-1b")

        # The date by which another text cites this one: that reference no longer resolves,
        # which changes the citing text's pages and the cited text's "Recalled in".
        header = source / "documents" / cited.cited.urls.prefix / "document.md"
        date = cited.cited.date
        moved_day = f"{date[:8]}{'02' if date[8:] != '02' else '03'}"
        builds = len(_rebuilds(served))
        _edit(header, f"date: {date}", f"date: {moved_day}")
        served.wait_for("the date edit", lambda: len(_rebuilds(served)) > builds)
        reused, total = _rebuilds(served)[-1]
        # Conclusions the collection no longer holds under that date are an instrument of the
        # citing text now (core/automatic.py): a page more, and a new list of files, after which
        # every page is built again (rebuild.py).
        assert total == pages + 1
        _assert_same_as_clean_build(served, source, tmp_path / "clean-2")


def test_a_collection_serves_what_a_clean_build_makes_after_each_kind_of_edit(tmp_path: Path) -> None:
    """The edits of the kept steps' proof (`test_kept_site.py`), one after the other under one
    `mkdocs serve`: after each, every file served is what a clean build makes. Saves in a row
    build in place, and the texts a save leaves alone are taken whole from the last good build
    (their files, and what MkDocs did not do with them: `rebuild.Memory.group`, `settled`)."""
    from site_tests.unit.test_kept_site import _collection, _edits

    source = _collection(tmp_path / "project")
    edits = [(what, edit) for what, edit in _edits(source) if what != "nothing"]
    with serving(source, tmp_path) as served:
        pages = _rebuilds(served)[0][1]
        in_place = 0
        for n, (what, edit) in enumerate(edits):
            builds = len(_rebuilds(served))
            edit()
            served.wait_for(what, lambda builds=builds: len(_rebuilds(served)) > builds)  # type: ignore[misc]
            reused, total = _rebuilds(served)[-1]
            in_place += 0 < reused < total
            _assert_same_as_clean_build(served, source, tmp_path / f"clean-{n}")
        assert pages > 0 and in_place >= 3, "saves in a row built in place"
