"""The generated pages go out as the HTML the core writes, not through Markdown (html_pages.py),
and MkDocs still checks their links: a broken link or anchor in a generated page fails a strict
build with MkDocs' own message, the links become the pages' addresses, every heading has its id
and its entry in the table of contents, and a `toc: permalink` setting gives every heading its
permalink, as it would a page of Markdown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conclusions.core.document_source import read_document
from conclusions.core.errors import Problems
from conclusions.core.pages.templates import PACKAGE_THEME

from site_tests.support.build import FIXTURES, ROOT, build
from site_tests.support.html import page


def _overrides(tmp_path: Path, addition: str) -> Path:
    """A site's overrides/ whose paragraph template adds `addition` to the package's."""
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    (overrides / "pages").mkdir()
    package = (PACKAGE_THEME / "pages" / "paragraph.html").read_text(encoding="utf-8")
    (overrides / "pages" / "paragraph.html").write_text(addition + "\n\n" + package, encoding="utf-8")
    return overrides


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ('<p><a href="../nowhere.md">a page that is not there</a></p>', "nowhere.md"),
        ('<p><a href="../glossary.md#no-such-entry">an anchor that is not there</a></p>', "no-such-entry"),
    ],
    ids=["page", "anchor"],
)
def test_a_broken_link_in_a_generated_page_fails_the_strict_build(tmp_path: Path, link: str, message: str) -> None:
    result = build(tmp_path / "site", source=FIXTURES / "mini", overrides=_overrides(tmp_path, link), check=False)
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line and message in line]
    assert warnings, result.stderr[-2000:]
    assert any("paragraphs/" in line for line in warnings)


def test_the_links_of_a_generated_page_become_addresses_and_its_headings_make_the_toc(tmp_path: Path) -> None:
    addition = '<p><a href="../glossary.md#co2">CO2</a></p>\n\n<h2>A heading without an id</h2>'
    site = tmp_path / "site"
    build(site, source=FIXTURES / "mini", overrides=_overrides(tmp_path, addition))
    document = read_document(FIXTURES / "mini", Problems())
    assert document is not None
    for p in document.paragraphs:
        soup = page(site, f"paragraphs/{p.number}/")
        article = soup.select_one("article")
        assert article is not None
        hrefs = [a["href"] for a in article.select("a[href]")]
        assert "../../glossary/#co2" in hrefs
        assert not [h for h in hrefs if ".md" in str(h)]
        heading = article.select_one("h2#a-heading-without-an-id")
        assert heading is not None
        # Material's table of contents lists it, with the page's other headings.
        toc = [str(a["href"]) for a in soup.select("nav.md-nav--secondary a.md-nav__link")]
        assert "#a-heading-without-an-id" in toc
        assert all(f"#{h['id']}" in toc for h in article.select("h2[id]"))


def test_a_toc_permalink_setting_gives_every_heading_its_permalink(tmp_path: Path) -> None:
    config = tmp_path / "permalinks.yml"
    site = tmp_path / "site"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {FIXTURES / 'mini'}\nsite_dir: {site}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
        "markdown_extensions:\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    soup = page(site, "paragraphs/1/")
    headings = soup.select("article h1[id], article h2[id]")
    assert headings
    for h in headings:
        assert h.select_one(f'a.headerlink[href="#{h["id"]}"]') is not None


@pytest.mark.parametrize(("directory_urls", "address"), [(True, "../../c/#x"), (False, "../c.html#x")])
def test_a_generated_page_renders_its_links_as_mkdocs_makes_them(
    tmp_path: Path, directory_urls: bool, address: str
) -> None:
    """The site refuses `use_directory_urls: false` (plugin.py), but the rendering follows MkDocs
    either way: the addresses are MkDocs' own."""
    from conclusions.html_pages import GeneratedPage
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "a" / "b.md").write_text(
        '---\ntitle: B\n---\n\n<p><a href="../c.md#x">c</a></p>\n<h2>A heading</h2>\n', encoding="utf-8"
    )
    (docs / "c.md").write_text('---\ntitle: C\n---\n\n<h2 id="x">X</h2>\n', encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: x\ndocs_dir: docs\nuse_directory_urls: {str(directory_urls).lower()}\n", encoding="utf-8"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    b, c = (File(path, str(docs), str(tmp_path / "site"), directory_urls) for path in ("a/b.md", "c.md"))
    page = GeneratedPage(None, b, config)
    page.read_source(config)
    page.render(config, Files([b, c]))
    assert page.content == f'<p><a href="{address}">c</a></p>\n<h2 id="a-heading">A heading</h2>'
    assert [(item.title, item.url) for item in page.toc] == [("A heading", "#a-heading")]
    assert page.present_anchor_ids == {"a-heading"}
    assert page.links_to_anchors == {c: {"x": "../c.md#x"}}
    assert page.title == "B"


def test_the_start_up_check_watches_mkdocs_do_what_the_rendering_relies_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs_rendering.check` passes on this MkDocs, and names what a MkDocs that stopped
    turning links into addresses, or reporting a broken one, no longer does."""
    from conclusions import mkdocs_rendering
    from mkdocs.config import load_config
    from mkdocs.structure import pages as mkdocs_pages

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: docs\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "conclusions"  # as while MkDocs runs a plugin's event
    assert mkdocs_rendering.check(config) == []
    monkeypatch.setattr(mkdocs_pages._RelativePathTreeprocessor, "path_to_url", lambda self, url: url)
    gone = mkdocs_rendering.check(config)
    assert any("made 'b.md#there'" in problem for problem in gone), gone
    assert any("no longer reports a broken link" in problem for problem in gone), gone
