"""Machine-readable data: a JSON file for the document and one per paragraph, with schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from site_tests.support.build import ROOT, SOURCE
from site_tests.support.html import content, page
from site_tests.test_share_meta import SITE_URL, formal_citation, normal, source_items

SCHEMAS = ROOT / "plugins" / "conclusions" / "schema"


def _validator(name: str) -> Draft202012Validator:
    resources = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.schema.json")}
    for schema in resources.values():
        Draft202012Validator.check_schema(schema)
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in resources.items())
    return Draft202012Validator(resources[name], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _load(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("which", ["site", "mini_site"])
def test_files_validate_against_the_committed_schemas(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    document = _load(site, "data/document.json")
    errors = list(_validator("document.schema.json").iter_errors(document))
    assert not errors, errors[:3]
    paragraph_validator = _validator("paragraph.schema.json")
    files = sorted((site / "data" / "paragraphs").glob("*.json"))
    assert len(files) == len(document["paragraphs"])
    for f in files:
        errors = list(paragraph_validator.iter_errors(json.loads(f.read_text(encoding="utf-8"))))
        assert not errors, (f.name, errors[:3])
    # The published schemas are the committed ones.
    for schema in SCHEMAS.glob("*.schema.json"):
        assert (site / "data" / "schema" / schema.name).read_bytes() == schema.read_bytes()


def test_the_schema_rejects_a_broken_paragraph(site: Path) -> None:
    data = _load(site, "data/paragraphs/21.json")
    validator = _validator("paragraph.schema.json")
    for broken in (
        {**data, "number": "21"},
        {k: v for k, v in data.items() if k != "text"},
        {**data, "clauses": [{"verb": "INVITES"}]},
        {**data, "surprise": 1},
    ):
        assert list(validator.iter_errors(broken))


def test_every_paragraph_round_trips_its_text(site: Path) -> None:
    _, paragraphs, recitals = source_items(SOURCE)
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
    assert {r["number"]: normal(r["text"]) for r in document["recitals"]} == recitals


def test_paragraph_data_matches_the_page(site: Path) -> None:
    """Clauses, footnotes and links in the JSON are the ones the paragraph page shows."""
    for n in (19, 21):
        data = _load(site, f"data/paragraphs/{n}.json")
        soup = content(page(site, f"paragraphs/{n}/"))
        block = soup.select_one(f"#p{n}")
        assert [c["anchor"] for c in data["clauses"]] == [s["id"] for s in block.select("span.clause")]
        assert [c["verb"]["form"] for c in data["clauses"]] == [v.get_text() for v in block.select("strong.verb")]
        shown = [el["id"].split(":")[1] for el in soup.select("div.footnote")]
        assert [f["number"] for f in data["footnotes"]] == shown
        linked = {a["href"].rstrip("/").split("/")[-1] for a in block.select("a.instrument")}
        assert {i["id"] for i in data["instruments"]} == linked
        for entry in data["instruments"] + data["actors"]:
            assert (site / entry["url"][len(SITE_URL) :] / "index.html").is_file(), entry["url"]
        for clause in data["clauses"]:
            asked = {a["id"] for a in clause["addressees"]}
            assert asked <= {a["id"] for a in data["actors"]}
    nineteen = _load(site, "data/paragraphs/19.json")
    note = nineteen["footnotes"][0]
    assert note["url"] == f"{SITE_URL}text/#fn:{note['number']}"


def test_pages_link_their_data_and_the_url_page_describes_it(site: Path) -> None:
    link = page(site, "paragraphs/21/").head.find("link", rel="alternate", type="application/json")
    assert link["href"] == "../../data/paragraphs/21.json"
    other = page(site, "glossary/").head.find("link", rel="alternate", type="application/json")
    assert other["href"] == "../data/document.json"
    about = content(page(site, "about/urls/"))
    text = about.get_text()
    for family in ("data/document.json", "data/paragraphs/N.json", "cards/paragraphs/N.png"):
        assert family in text, family
    for a in about.select('a[href$=".json"]'):
        assert (site / "about" / "urls" / a["href"]).resolve().is_file(), a["href"]


def test_citation_in_data_is_the_formal_citation(site: Path) -> None:
    header, _, _ = source_items(SOURCE)
    data = _load(site, "data/paragraphs/21.json")
    expected = formal_citation(header, "para. 21", f"{SITE_URL}paragraphs/21/")
    assert data["citation"] == expected
    assert re.search(r", para\. 21, ", expected)
