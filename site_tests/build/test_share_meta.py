"""Link previews: every page's static <head> carries a complete, consistent tag set, for
every document of the list.

Paragraph and recital texts are read straight from each `document.md` with a small reader
of its own (support/source_text.py), so a parser bug in the plugin cannot make a wrong
description look right.
"""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from conclusions.core.interface import interface

from site_tests.support.build import FIXTURES
from site_tests.support.documents import Built
from site_tests.support.html import page
from site_tests.support.source_text import SITE_URL, normal, read_source

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


def built_pages(site: Path) -> list[str]:
    return sorted(
        str(p.parent.relative_to(site)) + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
        if p.parent.name != "search"
    )


def metas(soup: BeautifulSoup) -> dict[str, str]:
    out: dict[str, str] = {}
    for tag in soup.head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            assert key not in out, f"{key} twice"
            out[str(key)] = str(tag.get("content", ""))
    return out


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def local(site: Path, url: str, site_url: str = SITE_URL) -> Path:
    assert url.startswith(site_url), url
    return site / urlsplit(url).path.lstrip("/")


def test_every_page_has_the_full_consistent_tag_set(doc: Built) -> None:
    site = doc.site
    urls = built_pages(site)
    items = {f"paragraphs/{p.number}/" for p in doc.model.paragraphs} | {
        f"recitals/{r.key}/" for r in doc.model.recitals
    }
    assert items <= set(urls) and len(urls) > len(items)
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
        assert meta["og:locale"].startswith(doc.header_of(url).language + "_"), url
        assert png_size(local(site, meta["og:image"])) == (1200, 630), url
        alternate = soup.head.find("link", rel="alternate", type="application/json")
        assert alternate is not None, url
        target = (site / url / str(alternate["href"])).resolve()
        assert target.is_file() and target.suffix == ".json", (url, alternate["href"])


def _short_title(doc: Built) -> str:
    # A front matter without short_title gets one from the title (the model says which).
    return read_source(doc.source).header.get("short_title") or doc.model.header.short_title


def _full_title(doc: Built) -> str:
    header = read_source(doc.source).header
    return header.get("citation_title") or header.get("title") or doc.model.header.title


def test_paragraph_and_recital_pages_are_titled_and_described_by_their_own_text(doc: Built) -> None:
    source = read_source(doc.source)
    assert len(source.paragraphs) == len(doc.model.paragraphs)
    assert len(source.recitals) == len(doc.model.recitals)
    # The interface words of the document's language (lang/*.yml): "Para. 1", "Recital A".
    words = interface(doc.model.header.language)
    items = [
        *(
            (f"paragraphs/{n}/", words("item.paragraph", number=n), words("item.paragraph_short", number=n), t)
            for n, t in source.paragraphs.items()
        ),
        *(
            (f"recitals/{k}/", words("item.recital", key=k.upper()), words("item.recital", key=k.upper()), t)
            for k, t in source.recitals.items()
        ),
    ]
    for url, label, named, text in items:
        card = url.rstrip("/")
        soup = page(doc.site, url)
        meta = metas(soup)
        # The document by its full name (the short title may also name another document).
        assert soup.title.get_text() == f"{named} \u2013 {_full_title(doc)}", url
        assert meta["og:title"] == soup.title.get_text(), url
        assert meta["og:type"] == "article"
        cut = meta["description"].endswith("…")
        description = normal(meta["description"].removesuffix("…"))
        assert min(40, len(text)) <= len(description) <= 200, url
        if cut:
            start = description
            assert text.startswith(start), (url, description)
            assert len(text) > len(start) and text[len(start)] in " ,;:", (url, "not cut at a word boundary")
        else:
            assert description == text, url
        assert meta["og:image"] == f"{SITE_URL}cards/{card}.png"
        assert label in meta["og:image:alt"]


def test_each_paragraph_has_its_own_card_and_other_pages_share_one(doc: Built) -> None:
    paragraphs = read_source(doc.source).paragraphs
    images = {metas(page(doc.site, f"paragraphs/{n}/"))["og:image"] for n in paragraphs}
    assert len(images) == len(paragraphs)
    shared = {metas(page(doc.site, url))["og:image"] for url in ("", "glossary/", "text/", "actors/")}
    assert len(shared) == 1 and not shared & images


def test_other_pages_name_the_site_and_keep_their_front_matter_description(doc: Built) -> None:
    short = _short_title(doc)
    home = page(doc.site, "")
    assert home.title.get_text() == short
    glossary = page(doc.site, "glossary/")
    words = interface(doc.model.header.language)
    assert glossary.title.get_text() == f"{words('registers.glossary')} \u2013 {short}"
    assert metas(glossary)["og:type"] == "website"


def test_meta_content_is_escaped(tmp_path: Path) -> None:
    """A title with quotes and markup reaches the attributes as text, not as HTML."""
    from site_tests.support.build import build

    source = tmp_path / "src"
    source.mkdir()
    for f in (FIXTURES / "mini").iterdir():
        (source / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    document = source / "document.md"
    hostile = 'Ocean "observation" <script>alert(1)</script> & co'
    text = document.read_text(encoding="utf-8")
    # Into every title the page prints: the short one (site name) and the full one (page title).
    for key in ("short_title", "citation_title", "title"):
        line = next((line for line in text.split("\n") if line.startswith(f"{key}:")), None)
        if line is not None:
            text = text.replace(line, f"{key}: '{hostile}'")
    document.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    build(out, source=source)
    raw = (out / "paragraphs" / "1" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw
    head = raw.split("</head>")[0]
    for attr in re.findall(r'<meta (?:property|name)="(?:og|twitter):[^"]+" content="([^"]*)"', head):
        assert "<" not in attr and '"' not in attr
    soup = page(out, "paragraphs/1/")
    # In the JSON-LD data block, the title is JSON text whose < > & are escapes.
    (block,) = soup.select('script[type="application/ld+json"]')
    assert json.loads(str(block.string))["isPartOf"]["name"] == hostile
    assert metas(soup)["og:title"] == f"Para. 1 \u2013 {hostile}"
    assert soup.title.get_text() == f"Para. 1 \u2013 {hostile}"


def test_paragraph_pages_carry_schema_org_legislation_citing_what_they_name(doc: Built) -> None:
    """JSON-LD on each paragraph page: the paragraph as (unofficial) Legislation, part of the
    document, citing each instrument it names with the identifiers of its JSON data."""
    for paragraph in doc.model.paragraphs:
        soup = page(doc.site, f"paragraphs/{paragraph.number}/")
        blocks = soup.select('script[type="application/ld+json"]')
        assert len(blocks) == 1, paragraph.number
        data = json.loads(str(blocks[0].string))
        assert (data["@context"], data["@type"]) == ("https://schema.org", "Legislation")
        assert data["url"] == f"{SITE_URL}paragraphs/{paragraph.number}/"
        assert data["legislationLegalValue"] == "https://schema.org/UnofficialLegalValue"
        if doc.document_id:
            assert data["isPartOf"]["legislationIdentifier"] == doc.document_id
        item = json.loads((doc.site / "data" / "paragraphs" / f"{paragraph.number}.json").read_text(encoding="utf-8"))
        cited = [(c["name"], c["url"], c.get("legislationIdentifier")) for c in data.get("citation", [])]
        named = [
            (i["name"], i["official_url"], i.get("eli") or i.get("celex") or i.get("reference"))
            for i in item["instruments"]
        ]
        assert cited == named, paragraph.number
    other = page(doc.site, "text/")
    assert not other.select('script[type="application/ld+json"]'), "only paragraph pages describe one paragraph"
