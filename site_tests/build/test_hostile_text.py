"""Hostile text in the source is inert: it reaches the reader as text, never as markup.

A copy of the fixture gets script tags, event-handler attributes, `javascript:` links,
attribute break-outs and Jinja expressions in every kind of field (front matter, preamble,
paragraph, footnote, glossary, instruments, actors). The built site must contain none of
them as elements or attributes, and must show each of them as the text that was written.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conclusions.core.edition import build_edition
from conclusions.core.errors import SourceError

from site_tests.support.build import FIXTURES, build

# (file, text in the fixture, the same text with something hostile added)
HOSTILE = [
    (
        "document.md",
        "title: Council conclusions on ocean observation",
        "title: Council conclusions on ocean observation {{ config }} <script>alert('title')</script>",
    ),
    (
        "document.md",
        "short_title: Ocean observation",
        "short_title: Ocean observation {{ 7*7 }} <script>alert('short')</script>",
    ),
    ("document.md", "## A. FIRST STEPS", "## A. FIRST STEPS <img src=x onerror=alert(2)>"),
    (
        "document.md",
        "THE COUNCIL OF THE EUROPEAN UNION,",
        "THE COUNCIL OF THE EUROPEAN UNION, <script>alert('preamble')</script>",
    ),
    (
        "document.md",
        "3. NOTES the role of ENER work[^b];",
        "3. NOTES the role of ENER work[^b] <img src=x onerror=alert(1)> [a link](javascript:alert(1)) "
        '<a href="javascript:alert(1)">click</a> {% for x in range(3) %}loop{% endfor %};',
    ),
    ("document.md", "[^b]: See the Blue Deal.", "[^b]: See the Blue Deal. <iframe src=javascript:alert(1)></iframe>"),
    ("glossary.yml", "definition: A gas.", "definition: A gas. <script>alert(1)</script>"),
    ("glossary.yml", "expansion: Energy", "expansion: Energy javascript:alert(1)"),
    (
        "instruments.yml",
        "description: A charter for the ocean.",
        "description: 'A charter <svg onload=alert(1)>. {{ config.site_dir }}'",
    ),
    ("instruments.yml", "title: Ocean Charter", "title: Ocean Charter <b onmouseover=alert(1)>x</b>"),
    ("actors.yml", "description: The executive of the EU.", "description: 'The executive\" onmouseover=\"alert(1)'"),
    ("actors.yml", "name: European Commission", "name: European Commission' onfocus='alert(1)"),
    # attr_list once read "} {" in the actor-by-section table as the end of one attribute
    # list and the start of another; "2023. " opened an ordered list and lost its number.
    ("document.md", "## B. LATER STEPS", "## B. LATER onmouseover=alert(1) } { STEPS"),
    ("actors.yml", "name: Member States", "name: Member States onmouseover=alert(1) } {"),
    ("instruments.yml", "description: A deal for blue things.", "description: 2023. A deal for blue things."),
    (
        "document.md",
        "to: Delegations",
        "to: Delegations\ncover_note: 2023. Delegations will find attached the conclusions.",
    ),
    ("instruments.yml", "url: https://example.org/ocean-charter", "url: https://example.org/charter_(ocean)?a=1&b=2"),
]


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(source, site) of the hostile copy, built once."""
    root = tmp_path_factory.mktemp("hostile")
    source = root / "mini"
    shutil.copytree(FIXTURES / "mini", source)
    for name, old, new in HOSTILE:
        path = source / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    before = _hashes(source)
    site = root / "site"
    build(site, source=source)
    assert _hashes(source) == before, "a build must never modify the source"
    return source, site


def _pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        str(p.relative_to(site)): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in sorted(site.rglob("*.html"))
    }


def _text(soup: Tag) -> str:
    return " ".join(soup.get_text(" ").split())


def test_no_hostile_element_or_attribute_anywhere(hostile: tuple[Path, Path]) -> None:
    _, site = hostile
    pages = _pages(site)
    assert "glossary/index.html" in pages and "paragraphs/3/index.html" in pages
    for name, soup in pages.items():
        for tag in soup.find_all(True):
            assert tag.name not in {"iframe", "svg"} or "alert" not in str(tag), f"{name}: {tag}"
            if tag.name == "script" and tag.get("type") == "application/ld+json":
                # A data block, never run: the hostile text is JSON text in it, whole.
                assert json.loads(tag.string or "null") is not None, name
            elif tag.name == "script":
                assert "alert" not in (tag.string or ""), f"{name}: a hostile <script> became an element"
            if tag.name == "img":
                assert tag.get("src") != "x", f"{name}: a hostile <img> became an element"
            for attr, value in tag.attrs.items():
                values = value if isinstance(value, list) else [value]
                for v in values:
                    assert not (attr.lower().startswith("on") and "alert" in v), f"{name}: {attr}={v!r} on <{tag.name}>"
                    assert not v.strip().lower().startswith("javascript:"), f"{name}: {attr}={v!r} on <{tag.name}>"
                assert not (attr.lower().startswith("on") and tag.name in {"b", "span", "a", "abbr", "img"}), (
                    f"{name}: event attribute {attr} on <{tag.name}>"
                )


def test_hostile_text_is_shown_as_written(hostile: tuple[Path, Path]) -> None:
    _, site = hostile
    pages = _pages(site)
    glossary = _text(pages["glossary/index.html"])
    assert "A gas. <script>alert(1)</script>" in glossary
    assert "Energy javascript:alert(1)" in glossary

    paragraph = _text(pages["paragraphs/3/index.html"])
    assert "<img src=x onerror=alert(1)>" in paragraph
    assert "[a link](javascript:alert(1))" in paragraph
    assert '<a href="javascript:alert(1)">click</a>' in paragraph
    assert "{% for x in range(3) %}loop{% endfor %}" in paragraph
    assert "<iframe src=javascript:alert(1)></iframe>" in paragraph, "footnote b is shown on the page of paragraph 3"

    home = pages["index.html"]
    assert "{{ config }} <script>alert('title')</script>" in _text(home)
    assert "<script>alert('preamble')</script>" in _text(home) or "<script>alert('preamble')</script>" in _text(
        pages["text/index.html"]
    )
    assert "Ocean observation {{ 7*7 }}" in home.title.get_text()

    instrument = _text(pages["instruments/ocean-charter/index.html"])
    assert "A charter <svg onload=alert(1)>. {{ config.site_dir }}" in instrument
    assert "Ocean Charter <b onmouseover=alert(1)>x</b>" in instrument

    actor = _text(pages["actors/commission/index.html"])
    assert 'The executive" onmouseover="alert(1)' in actor
    assert "European Commission' onfocus='alert(1)" in actor


def test_no_template_expression_is_evaluated(hostile: tuple[Path, Path]) -> None:
    """`{{ config }}` would print the configuration, with the site folder's path; 7*7 would print 49."""
    _, site = hostile
    for name, soup in _pages(site).items():
        html = str(soup)
        assert str(site) not in html, f"{name}: a template expression was evaluated"
        assert "loop loop loop" not in _text(soup) and "looploop" not in html, f"{name}: a Jinja loop ran"
    assert "Ocean observation 49" not in _pages(site)["index.html"].title.get_text()


def test_javascript_url_is_refused(tmp_path: Path) -> None:
    """An official address must be https: `javascript:` never reaches an href."""
    source = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", source)
    path = source / "instruments.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "url: https://example.org/blue-deal", "url: javascript:alert(document.cookie)"
        ),
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as caught:
        build_edition(source)
    assert str(caught.value) == (
        "mini/instruments.yml:17: 'url' of instrument 'blue-deal' must be an https:// URL, not "
        "'javascript:alert(document.cookie)'"
    )


def _article(soup: BeautifulSoup) -> Tag:
    found = soup.select_one("article")
    assert found is not None, "a page without its article"
    return found


def test_braces_add_no_attribute_and_stay_text(hostile: tuple[Path, Path]) -> None:
    """A section title or actor name holding '} {' once gave attr_list an onmouseover."""
    _, site = hostile
    actors = _pages(site)["actors/index.html"]
    for tag in actors.find_all(True):
        assert not any(attr.startswith("on") for attr in tag.attrs), f"event handler on {tag}"
    matrix = actors.select_one("table.heatmap")
    assert matrix is not None
    assert "Member States onmouseover=alert(1) } {" in _text(matrix)
    assert any(abbr["title"] == "B. LATER onmouseover=alert(1) } { STEPS" for abbr in matrix.select("abbr[title]")), (
        "the section's title is the abbreviation's title, as written"
    )
    labels = [str(a.get("aria-label", "")) for a in matrix.select("a[aria-label]")]
    assert any(
        "to Member States onmouseover=alert(1) } { in B. LATER onmouseover=alert(1) } { STEPS" in x for x in labels
    )


def test_a_text_opening_with_a_year_keeps_it(hostile: tuple[Path, Path]) -> None:
    """A description or cover note starting "2023. " once became an ordered list without its number."""
    _, site = hostile
    pages = _pages(site)
    for page, said in (
        ("instruments/blue-deal/index.html", "2023. A deal for blue things."),
        ("index.html", "2023. Delegations will find attached the conclusions."),
    ):
        article = _article(pages[page])
        assert said in _text(article), page
        assert not article.find("ol"), f"{page}: the text became a list"


def test_an_address_with_parentheses_is_one_link(hostile: tuple[Path, Path]) -> None:
    _, site = hostile
    article = _article(_pages(site)["instruments/ocean-charter/index.html"])
    # The document line's link to the register is the template's, not the source's.
    links = article.select('a[rel="external"]:not(.doc-line__official)')
    assert [(a["href"], a.get_text()) for a in links] == [
        ("https://example.org/charter_(ocean)?a=1&b=2", "https://example.org/charter_(ocean)?a=1&b=2")
    ]


def test_every_page_carries_the_content_security_policy(hostile: tuple[Path, Path]) -> None:
    _, site = hostile
    for name, soup in _pages(site).items():
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, name
        directives = dict(d.strip().split(" ", 1) for d in str(meta["content"]).split(";"))
        assert directives["default-src"] == "'self'", name
        assert directives["script-src"].startswith("'self' 'sha256-"), name
        assert "unsafe-inline" not in directives["script-src"], name


def test_a_site_url_with_a_quote_is_refused(tmp_path: Path) -> None:
    """SITE_URL is printed into an inline script of 404.html; a quote in it once ended the string."""
    site = tmp_path / "site"
    result = build(site, source=FIXTURES / "mini", site_url='https://x.eu/a"+alert(1)+"/', check=False)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [
        "ERROR   -  site_url 'https://x.eu/a\"+alert(1)+\"/' is not an address a page can carry: it holds '\"' "
        "at character 15, which an address cannot hold as written; write it as %22; set SITE_URL (or site_url in "
        "mkdocs.yml) to the site's address"
    ]
    assert not site.exists() or not any(site.iterdir())
