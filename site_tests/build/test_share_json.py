"""Machine-readable data: a JSON file for the document and one per paragraph, with schemas,
for every document of the list; the text is checked against the document's own words and
the clauses, footnotes and links against the page and the model."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, cast

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from site_tests.support.build import ROOT
from site_tests.support.documents import Built
from site_tests.support.html import content, page
from site_tests.support.source_text import SITE_URL, citable, formal_citation, normal, read_source

SCHEMAS = ROOT / "plugins" / "conclusions" / "schema"


def _validator(name: str) -> Draft202012Validator:
    resources = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.schema.json")}
    for schema in resources.values():
        Draft202012Validator.check_schema(schema)
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in resources.items())
    return Draft202012Validator(resources[name], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _load(site: Path, path: str) -> dict[str, Any]:
    return cast("dict[str, Any]", json.loads((site / path).read_text(encoding="utf-8")))


def test_files_validate_against_the_committed_schemas(doc: Built) -> None:
    site = doc.site
    document = _load(site, "data/document.json")
    errors = list(_validator("document.schema.json").iter_errors(document))
    assert not errors, errors[:3]
    paragraph_validator = _validator("paragraph.schema.json")
    files = sorted((site / "data" / "paragraphs").glob("*.json"))
    assert len(files) == len(document["paragraphs"]) == len(doc.model.paragraphs)
    for f in files:
        errors = list(paragraph_validator.iter_errors(json.loads(f.read_text(encoding="utf-8"))))
        assert not errors, (f.name, errors[:3])
    # The published schemas are the committed ones.
    for schema in SCHEMAS.glob("*.schema.json"):
        assert (site / "data" / "schema" / schema.name).read_bytes() == schema.read_bytes()


def test_the_schema_rejects_a_broken_paragraph(doc: Built) -> None:
    n = doc.model.paragraphs[0].number
    data = _load(doc.site, f"data/paragraphs/{n}.json")
    validator = _validator("paragraph.schema.json")
    assert not list(validator.iter_errors(data))
    for broken in (
        {**data, "number": str(n)},
        {k: v for k, v in data.items() if k != "text"},
        {**data, "clauses": [{"verb": "INVITES"}]},
        {**data, "surprise": 1},
    ):
        assert list(validator.iter_errors(broken))


def test_every_paragraph_round_trips_its_text(doc: Built) -> None:
    source = read_source(doc.source)
    paragraphs, recitals = source.paragraphs, source.recitals
    site = doc.site
    document = _load(site, "data/document.json")
    assert [p["number"] for p in document["paragraphs"]] == list(paragraphs)
    for item in document["paragraphs"]:
        n = item["number"]
        own = _load(site, f"data/paragraphs/{n}.json")
        assert {k: v for k, v in own.items() if k not in ("$schema", "document")} == item
        assert normal(item["text"]) == paragraphs[n], n
        html_text = BeautifulSoup(item["html"], "html.parser")
        for ref in html_text.select("sup.footnote-ref"):
            ref.decompose()
        assert normal(html_text.get_text()) == paragraphs[n], n
        assert item["url"] == f"{SITE_URL}paragraphs/{n}/"
        assert item["data_url"] == f"{SITE_URL}data/paragraphs/{n}.json"
    by_key = {r["url"].rstrip("/").rsplit("/", 1)[1]: normal(r["text"]) for r in document["recitals"]}
    assert by_key == recitals


def test_paragraph_data_matches_the_page_and_the_model(doc: Built) -> None:
    """Clauses, footnotes and links in the JSON are the ones each paragraph page shows and the model holds."""
    site = doc.site
    for paragraph in doc.model.paragraphs:
        n = paragraph.number
        data = _load(site, f"data/paragraphs/{n}.json")
        soup = content(page(site, f"paragraphs/{n}/"))
        block = soup.select_one(f"#p{n}")
        clauses = doc.edition.clauses.get(n, ())
        assert [c["anchor"] for c in data["clauses"]] == [s["id"] for s in block.select("span.clause[id]")]
        assert [c["anchor"] for c in data["clauses"]] == [c.anchor for c in clauses], n
        assert [c["verb"]["form"] for c in data["clauses"]] == [v.get_text() for v in block.select("strong.verb")]
        assert [[a["id"] for a in c["addressees"]] for c in data["clauses"]] == [
            [a.id for a in c.addressees] for c in clauses
        ], n
        shown = [el["id"].split(":")[1] for el in soup.select("div.footnote")]
        assert [f["number"] for f in data["footnotes"]] == shown == list(paragraph.footnotes), n
        for note in data["footnotes"]:
            assert note["url"] == f"{SITE_URL}text/#fn:{note['number']}"
        linked = {a["data-instrument"] for a in block.select("a.instrument")}
        assert {i["id"] for i in data["instruments"]} == linked
        for entry in data["instruments"] + data["actors"]:
            assert (site / entry["url"][len(SITE_URL) :] / "index.html").is_file(), entry["url"]
        for clause in data["clauses"]:
            asked = {a["id"] for a in clause["addressees"]}
            assert asked <= {a["id"] for a in data["actors"]}


def test_pages_link_their_data_and_the_url_page_describes_it(doc: Built) -> None:
    site = doc.site
    n = doc.model.paragraphs[0].number
    link = page(site, f"paragraphs/{n}/").head.find("link", rel="alternate", type="application/json")
    assert link["href"] == f"../../data/paragraphs/{n}.json"
    other = page(site, "glossary/").head.find("link", rel="alternate", type="application/json")
    assert other["href"] == "../data/document.json"
    about = content(page(site, "about/urls/"))
    text = about.get_text()
    for family in ("data/document.json", "data/paragraphs/N.json", "cards/paragraphs/N.png"):
        assert family in text, family
    for a in about.select('a[href$=".json"]'):
        assert (site / "about" / "urls" / str(a["href"])).resolve().is_file(), a["href"]


def test_citation_in_data_is_the_formal_citation(doc: Built) -> None:
    header = read_source(doc.source).header
    if not citable(header):
        pytest.skip(f"{doc}: the front matter lacks a part of a formal citation (test_structures checks that case)")
    data = _load(doc.site, "data/document.json")
    for item in data["paragraphs"]:
        n = item["number"]
        expected = formal_citation(header, f"para. {n}", f"{SITE_URL}paragraphs/{n}/")
        assert item["citation"] == expected
        assert re.search(rf", para\. {n}, ", expected)
    for item in data["recitals"]:
        key = item["url"].rstrip("/").rsplit("/", 1)[1]
        assert item["citation"] == formal_citation(header, f"recital {key.upper()}", f"{SITE_URL}recitals/{key}/")
