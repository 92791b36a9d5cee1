"""Golden files: what the core makes, byte for byte, of every page kind the site publishes.

No build. For the mini fixture (a one-document site) and for a collection made from it as a
user makes one (`conclusions import --add` of a second text, so that the mini document moves
under its prefix and its old addresses become redirect pages): the Markdown of every
generated page (core/pages: front matter and an HTML body), the About page (made as the adapter
makes it, with the site's EditionInfo), its HTML as the adapter finishes it (html_pages.py: the
headings' ids, with the site's `toc` settings; the article MkDocs puts in the template, before
it rewrites the links between `.md` files), every JSON file
(core/jsondata) for a site under a sub-path, and, for the collection, every redirect page of
the old addresses. They are in site_tests/golden/<fixture>/, each with a line break before
every block-level tag (support/golden.py), so that a changed word is a changed line. A
change to what the core writes fails here with a short diff; when it is meant, write the
files again on purpose and commit them:

    make golden

Nothing writes them otherwise.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

import pytest
from conclusions.core.collection import Collection
from conclusions.core.edition import Edition
from conclusions.core.identity import EditionInfo
from conclusions.core.jsondata import JsonData
from conclusions.core.pages.about import about_edition
from conclusions.core.redirects import moved
from conclusions.core.site import SiteMaker, build_collection
from conclusions.core.urls import Site
from conclusions.html_pages import Headings

from site_tests.support.build import FIXTURES, ROOT
from site_tests.support.golden import compare, pretty

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

GOLDEN = ROOT / "site_tests" / "golden"
REGENERATE = "make golden"
SITE_URL = "https://example.org/mini/"
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]
"""mkdocs.yml's, which the plugin makes sure of (toc without permalinks)."""
HEADINGS = Headings.of(cast("MkDocsConfig", SimpleNamespace(markdown_extensions=EXTENSIONS, mdx_configs={})))
"""How the adapter finishes the headings of a page with these extensions."""
INFO = EditionInfo(
    publisher="An invented publisher",
    publisher_url="https://example.org/",
    reuse_notice="Invented reuse notice of the original.",
)
"""What a site's plugin options give the About page and the document line (invented)."""
ADDED = FIXTURES / "import" / "nested-points.txt"
"""The second text of the golden collection: a small invented text with points, whose verbs
the mini fixture's verbs.yml lists."""


def made(c: Collection) -> dict[str, str]:
    """Every golden file's path and what the core makes for it now."""
    maker = SiteMaker()
    files: dict[str, str] = {}
    for page in [*maker.pages(c), about_edition(c, INFO)]:
        files[f"markdown/{page.src}"] = pretty(page.markdown)
        body = page.markdown.split("\n---\n", 1)[1].strip()
        files[f"html/{page.src.removesuffix('.md')}.html"] = pretty(HEADINGS.apply(body)[0]) + "\n"
    data = maker.data(c, SITE_URL) if c.is_collection else JsonData(c.editions[0], SITE_URL).files()
    for path, text in data.items():
        files[f"data/{path}"] = text
    if c.formerly_at_root is not None:
        for path, content in moved(c.formerly_at_root, data, Site(SITE_URL)).items():
            if path.endswith(".html"):
                files[f"redirects/{path}"] = pretty(content) + "\n"
    return files


def _mini() -> Collection:
    return build_collection(FIXTURES / "mini")


def _mini_and_another(folder: Path) -> Collection:
    from conclusions.cli import main

    source = folder / "mini"
    shutil.copytree(FIXTURES / "mini", source, ignore=shutil.ignore_patterns("expected.yml"))
    assert main(["import", str(ADDED), "--source", str(source), "--add"]) == 0
    return build_collection(source)


def test_the_core_writes_the_golden_files_of_the_mini_fixture() -> None:
    problems = compare(GOLDEN / "mini", made(_mini()), REGENERATE)
    assert not problems, "\n\n".join(problems)


def test_the_core_writes_the_golden_files_of_a_collection(tmp_path: Path) -> None:
    c = _mini_and_another(tmp_path)
    assert c.is_collection and c.formerly_at_root is not None
    problems = compare(GOLDEN / "collection", made(c), REGENERATE)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("fixture", ["mini", "collection"])
def test_the_golden_files_hold_every_page_kind(fixture: str) -> None:
    """The comparison above would pass on an empty folder only if the core made nothing."""
    kept = {p.relative_to(GOLDEN / fixture).as_posix() for p in (GOLDEN / fixture).rglob("*") if p.is_file()}
    kinds = [
        "markdown/about/index.md",
        "html/about/index.html",
        "markdown/instruments/index.md",
        "markdown/actors/index.md",
    ]
    kinds += ["markdown/glossary.md", "markdown/verbs.md", "markdown/index.md"]
    if fixture == "mini":
        kinds += ["markdown/text.md", "markdown/paragraphs/1.md", "data/data/document.json"]
    else:
        kinds += ["redirects/text/index.html", "redirects/paragraphs/1/index.html"]
    assert [k for k in kinds if k not in kept] == []


def test_pretty_puts_each_block_on_a_line_and_only_adds_line_breaks() -> None:
    html = '<p>One <a href="x">word</a>.</p><ul><li>a</li><li>b</li></ul>'
    assert pretty(html).splitlines() == [
        "",
        '<p>One <a href="x">word</a>.',
        "</p>",
        "<ul>",
        "<li>a",
        "</li>",
        "<li>b",
        "</li>",
        "</ul>",
    ]
    assert pretty(html).replace("\n", "") == html


def test_a_changed_word_is_one_changed_line() -> None:
    edition: Edition = _mini().editions[0]
    page = next(p for p in SiteMaker().pages(_mini()) if p.src == edition.urls.text)
    html = pretty(HEADINGS.apply(page.markdown.split("\n---\n", 1)[1].strip())[0])
    first = edition.document.paragraphs[0]
    word = next(w for w in first.text.split() if w.isalpha() and len(w) > 4 and html.count(w) == 1)
    changed = html.replace(word, "Invented")
    assert sum(a != b for a, b in zip(html.splitlines(), changed.splitlines(), strict=True)) == 1
