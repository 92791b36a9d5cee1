"""The page bodies come from the package's templates (theme/pages/*.html), each replaced by a
file of the same path in the site's overrides/ (core/pages/templates.py): a site that
overrides the paragraph template gets its paragraph pages from it, its values escaped by the
one escaping path; a template that does not read stops the build at its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conclusions.core.document_source import read_document
from conclusions.core.errors import Problems
from conclusions.core.pages.templates import PACKAGE_THEME

from site_tests.support.build import FIXTURES, ROOT, build
from site_tests.support.html import page

HOSTILE = 'Ocean "observation" <script>alert(1)</script> & *co* [x](y)'
NOTE = '<p class="site-note">No. {{ paragraph.number }}: {{ document.header.title }}</p>\n\n'


def _source(tmp_path: Path) -> Path:
    """The mini fixture with a title that is hostile as HTML and as Markdown."""
    source = tmp_path / "source"
    shutil.copytree(FIXTURES / "mini", source)
    document = source / "document.md"
    text = document.read_text(encoding="utf-8")
    line = next(line for line in text.split("\n") if line.startswith("title:"))
    document.write_text(text.replace(line, f"title: '{HOSTILE}'"), encoding="utf-8")
    return source


def _overrides(tmp_path: Path, name: str, content: str) -> Path:
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    (overrides / "pages").mkdir()
    (overrides / "pages" / name).write_text(content, encoding="utf-8")
    return overrides


def test_a_site_overrides_the_paragraph_template(tmp_path: Path) -> None:
    package = (PACKAGE_THEME / "pages" / "paragraph.html").read_text(encoding="utf-8")
    overrides = _overrides(tmp_path, "paragraph.html", NOTE + package)
    source = _source(tmp_path)
    build(tmp_path / "site", source=source, overrides=overrides)
    document = read_document(source, Problems())
    assert document is not None
    assert document.header.title == HOSTILE
    for p in document.paragraphs:
        soup = page(tmp_path / "site", f"paragraphs/{p.number}/")
        notes = soup.select("article p.site-note")
        assert [n.get_text() for n in notes] == [f"No. {p.number}: {HOSTILE}"]
        # The page's own parts are still there, from the package's template the override includes.
        assert soup.select_one("article h1#title") is not None
    raw = (tmp_path / "site" / "paragraphs" / "1" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw
    # Only the paragraph pages: a recital page keeps the package's template.
    for recital in document.recitals:
        assert not page(tmp_path / "site", f"recitals/{recital.key}/").select("p.site-note")


@pytest.mark.parametrize(
    ("content", "line", "says"),
    [
        ("{{ blocks(title, text }}\n", 1, "the template does not read"),
        ("{{ blocks(title) }}\n\n{{ no_such_part }}\n", None, "the template fails"),
    ],
)
def test_a_broken_template_stops_the_build_at_its_file(
    tmp_path: Path, content: str, line: int | None, says: str
) -> None:
    overrides = _overrides(tmp_path, "paragraph.html", content)
    result = build(tmp_path / "site", source=FIXTURES / "mini", overrides=overrides, check=False)
    assert result.returncode != 0
    where = f"{overrides / 'pages' / 'paragraph.html'}" + (f":{line}" if line else "")
    assert f"{where}: {says}" in result.stderr
    assert not (tmp_path / "site").exists()


def test_every_page_is_made_from_its_kind_s_template(tmp_path: Path) -> None:
    """Each page of a site whose templates all write a mark first is made from one of them."""
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    (overrides / "pages").mkdir()
    kinds = sorted(p.stem for p in (PACKAGE_THEME / "pages").glob("*.html"))
    for kind in kinds:
        package = (PACKAGE_THEME / "pages" / f"{kind}.html").read_text(encoding="utf-8")
        (overrides / "pages" / f"{kind}.html").write_text(f'<p class="kind">{kind}</p>\n\n{package}', encoding="utf-8")
    # A text with a page of every kind (test_interface_language.py reads it too).
    build(tmp_path / "site", source=FIXTURES / "interface" / "fr", overrides=overrides)
    seen = set()
    for html in sorted((tmp_path / "site").rglob("index.html")):
        url = str(html.parent.relative_to(tmp_path / "site")) + "/"
        if url.startswith("search/"):
            continue
        marks = page(tmp_path / "site", "" if url == "./" else url).select("article p.kind")
        assert len(marks) == 1, url
        seen.add(marks[0].get_text())
    # The collection's home is made for a collection only (test_collection.py builds one).
    assert seen == set(kinds) - {"collection_home"}


def test_a_template_added_or_changed_in_overrides_is_used_at_the_next_build(tmp_path: Path) -> None:
    """Under `mkdocs serve` the same process builds again: the site's templates are read again,
    and a rebuild that reuses pages sees them changed (their fingerprint is among its inputs)."""
    from conclusions.core.pages.templates import PageTemplates

    overrides = tmp_path / "overrides"
    overrides.mkdir()
    before = PageTemplates.of(overrides)
    assert before.render("section", breadcrumb="", title="T", lead="", paragraphs="") == "<p>T</p>"
    (overrides / "pages").mkdir()
    (overrides / "pages" / "section.html").write_text("{{ blocks(title, 'x') }}\n", encoding="utf-8")
    added = PageTemplates.of(overrides)
    assert added != before
    assert added.render("section", breadcrumb="", title="T", lead="", paragraphs="") == "<p>T</p>\n<p>x</p>"
    (overrides / "pages" / "section.html").write_text("{{ blocks('y', title) }}\n", encoding="utf-8")
    changed = PageTemplates.of(overrides)
    assert changed != added
    assert changed.render("section", breadcrumb="", title="T", lead="", paragraphs="") == "<p>y</p>\n<p>T</p>"
