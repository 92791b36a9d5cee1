"""Link previews: every page's static <head> carries a complete, consistent tag set.

Paragraph texts are read here straight from `source/document.md` with a small reader of
its own, so a parser bug in the plugin cannot make a wrong description look right.
"""

from __future__ import annotations

import datetime
import re
import struct
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_tests.support.build import FIXTURES, SOURCE
from site_tests.support.html import page

SITE_URL = "http://127.0.0.1:8000/"
OG = [
    "og:type",
    "og:site_name",
    "og:locale",
    "og:title",
    "og:description",
    "og:url",
    "og:image",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
]
TWITTER = ["twitter:card", "twitter:title", "twitter:description", "twitter:image", "twitter:image:alt"]


def source_items(source: Path) -> tuple[dict[str, str], dict[int, str], dict[int, str]]:
    """Front matter, paragraphs and recitals of a document.md, as normalised plain text."""
    text = (source / "document.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    header = {
        k.strip(): v.strip()
        for k, v in (line.split(":", 1) for line in front.splitlines() if re.match(r"^[a-z_]+:\s*\S", line))
    }
    paragraphs: dict[int, str] = {}
    recitals: dict[int, str] = {}
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if m := re.match(r"^(\d+)\.\s+(.*)$", block, re.S):
            paragraphs[int(m.group(1))] = normal(m.group(2))
        elif block.startswith("- "):
            for line in block.splitlines():
                recitals[len(recitals) + 1] = normal(line[2:])
    return header, paragraphs, recitals


def formal_citation(header: dict[str, str], pinpoint: str, url: str) -> str:
    """The citation as a reader expects it, written here from the front matter, not by the plugin.

    The month comes from the C library's names (tests run in the C locale), not the plugin's table.
    """
    date = datetime.date.fromisoformat(header["date"])
    title = header.get("citation_title", header["title"])
    return f"{header['institution']}, {title}, {header['document_id']}, {date.day} {date:%B %Y}, {pinpoint}, {url}."


def normal(text: str) -> str:
    """Plain, comparable text: no footnote references or tags, NFKC (IRIS² == IRIS2), one space."""
    text = re.sub(r"\[\^[A-Za-z0-9]+\]", "", text)
    text = re.sub(r"</?(sup|sub|em|strong|i|b)>", "", text)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def built_pages(site: Path) -> list[str]:
    return sorted(
        str(p.parent.relative_to(site)) + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
        if p.parent.name != "search"
    )


def metas(soup) -> dict[str, str]:
    out: dict[str, str] = {}
    for tag in soup.head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            assert key not in out, f"{key} twice"
            out[key] = tag.get("content", "")
    return out


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def local(site: Path, url: str, site_url: str = SITE_URL) -> Path:
    assert url.startswith(site_url), url
    return site / urlsplit(url).path.lstrip("/")


@pytest.mark.parametrize("which", ["site", "mini_site"])
def test_every_page_has_the_full_consistent_tag_set(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    urls = built_pages(site)
    assert len(urls) > 5
    for url in urls:
        soup = page(site, url)
        meta = metas(soup)
        missing = [k for k in ["description", *OG, *TWITTER] if not meta.get(k)]
        assert not missing, (url, missing)
        canonical = soup.head.find("link", rel="canonical")["href"]
        assert meta["og:url"] == canonical == SITE_URL + url, url
        assert meta["og:title"] == meta["twitter:title"] == soup.title.get_text(), url
        assert meta["og:description"] == meta["twitter:description"] == meta["description"], url
        assert meta["og:image"] == meta["twitter:image"] and meta["og:image"].startswith(SITE_URL), url
        assert meta["og:image:alt"] == meta["twitter:image:alt"], url
        assert meta["twitter:card"] == "summary_large_image"
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        assert re.fullmatch(r"[a-z]{2}_[A-Z]{2}", meta["og:locale"]), url
        assert png_size(local(site, meta["og:image"])) == (1200, 630), url
        alternate = soup.head.find("link", rel="alternate", type="application/json")
        assert alternate is not None, url
        target = (site / url / alternate["href"]).resolve()
        assert target.is_file() and target.suffix == ".json", (url, alternate["href"])


def test_paragraph_pages_are_titled_and_described_by_their_own_text(site: Path) -> None:
    header, paragraphs, recitals = source_items(SOURCE)
    short = header["short_title"]
    for kind, items in (("paragraphs", paragraphs), ("recitals", recitals)):
        for number, text in items.items():
            url = f"{kind}/{number}/"
            soup = page(site, url)
            meta = metas(soup)
            label = f"{'Paragraph' if kind == 'paragraphs' else 'Recital'} {number}"
            assert soup.title.get_text() == f"{label} \u2013 {short}", url
            assert meta["og:type"] == "article"
            cut = meta["description"].endswith("…")
            description = normal(meta["description"].removesuffix("…"))
            assert 40 <= len(description) <= 200, url
            if cut:
                start = description
                assert text.startswith(start), (url, description)
                assert len(text) > len(start) and text[len(start)] in " ,;:", (url, "not cut at a word boundary")
            else:
                assert description == text, url
            assert meta["og:image"] == f"{SITE_URL}cards/{kind}/{number}.png"
            assert label in meta["og:image:alt"]


def test_each_paragraph_has_its_own_card_and_other_pages_share_one(site: Path) -> None:
    _, paragraphs, _ = source_items(SOURCE)
    images = {metas(page(site, f"paragraphs/{n}/"))["og:image"] for n in paragraphs}
    assert len(images) == len(paragraphs)
    shared = {metas(page(site, url))["og:image"] for url in ("", "glossary/", "text/", "actors/")}
    assert len(shared) == 1 and not shared & images


def test_other_pages_name_the_site_and_keep_their_front_matter_description(site: Path) -> None:
    header, _, _ = source_items(SOURCE)
    home = page(site, "")
    assert home.title.get_text() == header["short_title"]
    glossary = page(site, "glossary/")
    assert glossary.title.get_text() == f"Glossary \u2013 {header['short_title']}"
    assert metas(glossary)["og:type"] == "website"


def test_meta_content_is_escaped(tmp_path: Path) -> None:
    """A title with quotes and markup reaches the attributes as text, not as HTML."""
    from site_tests.support.build import build

    source = tmp_path / "src"
    source.mkdir()
    for f in (FIXTURES / "mini").iterdir():
        (source / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    doc = source / "document.md"
    hostile = 'Ocean "observation" <script>alert(1)</script> & co'
    text = doc.read_text(encoding="utf-8").replace("short_title: Ocean observation", f"short_title: '{hostile}'")
    doc.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    build(out, source=source)
    raw = (out / "paragraphs" / "1" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw
    head = raw.split("</head>")[0]
    for attr in re.findall(r'<meta (?:property|name)="(?:og|twitter):[^"]+" content="([^"]*)"', head):
        assert "<" not in attr and '"' not in attr
    soup = page(out, "paragraphs/1/")
    assert metas(soup)["og:title"] == f"Paragraph 1 \u2013 {hostile}"
    assert soup.title.get_text() == f"Paragraph 1 \u2013 {hostile}"
