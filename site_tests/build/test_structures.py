"""The structures real Council texts have, each in a fixture of its own, checked in the built
HTML and JSON: nested points with their own anchors, lettered recitals, footnote markers
without text, a cover note before the annex, header fields the text does not give, and
operative verbs in another language.

Expectations are read by hand into `expected.yml` beside each fixture's `document.md`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import yaml

from site_tests.build.test_share_json import _validator
from site_tests.support.build import FIXTURES
from site_tests.support.documents import DOCUMENTS, prepare
from site_tests.support.html import content, page

STRUCTURES = FIXTURES / "structures"
FRANCAIS = FIXTURES / "francais"


def _expected(source: Path) -> dict[str, Any]:
    return cast("dict[str, Any]", yaml.safe_load((source / "expected.yml").read_text(encoding="utf-8")))


def _built(source: Path, factory: pytest.TempPathFactory) -> Path:
    """The fixture's site, built once per session with the other documents of the list."""
    return prepare(next(spec for spec in DOCUMENTS if spec.source == source), factory).site


@pytest.fixture(scope="module")
def structures_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(STRUCTURES, tmp_path_factory)


@pytest.fixture(scope="module")
def francais_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(FRANCAIS, tmp_path_factory)


def _json(site: Path, path: str) -> dict[str, Any]:
    return cast("dict[str, Any]", json.loads((site / path).read_text(encoding="utf-8")))


def _walk(points: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for point in points:
        yield point
        yield from _walk(point["points"])


def test_every_point_is_a_list_item_with_its_own_anchor(structures_site: Path) -> None:
    for number, anchors in _expected(STRUCTURES)["points"].items():
        para = content(page(structures_site, f"paragraphs/{number}/")).find(id=f"p{number}")
        items = para.select("li[id]")
        assert [li["id"] for li in items] == anchors
        for li in items:
            assert li.parent.name in ("ol", "ul") and "points" in li.parent["class"]
            marker = li.find("a", class_="point-marker", recursive=False) or li.select_one(
                ":scope > p > a.point-marker"
            )
            assert marker is not None and marker["href"] == f"#{li['id']}", li["id"]
        full = content(page(structures_site, "text/")).find(id=f"p{number}")
        assert [li["id"] for li in full.select("li[id]")] == [f"p{number}-{a}" for a in anchors]


def test_points_nest_as_written(structures_site: Path) -> None:
    expected = _expected(STRUCTURES)
    soup = content(page(structures_site, "paragraphs/2/"))
    for child, parent in expected["nested"].items():
        assert soup.find(id=child).find_parent("li")["id"] == parent
    for anchor in expected["unordered"]:
        assert soup.find(id=anchor).parent.name == "ul"
    top = [li for li in soup.select("li[id]") if li.find_parent("li") is None]
    assert all(li.parent.name == "ol" for li in top)


def test_points_are_in_the_json_with_their_addresses(structures_site: Path) -> None:
    expected = _expected(STRUCTURES)
    for number, anchors in expected["points"].items():
        data = _json(structures_site, f"data/paragraphs/{number}.json")
        assert [p["anchor"] for p in _walk(data["points"])] == anchors
        for point in _walk(data["points"]):
            assert point["url"] == f"{data['url']}#{point['anchor']}"
            assert point["full_text_url"].endswith(f"/text/#p{number}-{point['anchor']}")
            assert point["text"] and point["text"] in data["text"]
    for key, anchors in expected["recital_points"].items():
        recital = next(
            r for r in _json(structures_site, "data/document.json")["recitals"] if r["letter"].lower() == key
        )
        assert [p["anchor"] for p in _walk(recital["points"])] == anchors


def test_closing_words_stand_after_the_list_on_every_page_and_in_the_json(structures_site: Path) -> None:
    """Words after the points that close the item are shown after its list, not in its last
    point, on its own page and on the full text; the JSON's text ends with them."""
    expected = _expected(STRUCTURES)
    items = [("p", "paragraphs", number, words) for number, words in expected["closing"].items()]
    items += [("r", "recitals", key, words) for key, words in expected["recital_closing"].items()]
    assert items
    for prefix, folder, key, words in items:
        for url in (f"{folder}/{key}/", "text/"):
            item = content(page(structures_site, url)).find(id=f"{prefix}{key}")
            closing = item.select_one(":scope > p.closing")
            assert closing is not None and " ".join(closing.get_text().split()) == words, (url, key)
            lists = item.select(":scope > ol.points, :scope > ul.points")
            assert lists and lists[-1] in closing.find_all_previous(["ol", "ul"]), (url, key)
            assert words not in " ".join(item.select("li")[-1].get_text().split()), (url, key)
    for number, words in expected["closing"].items():
        data = _json(structures_site, f"data/paragraphs/{number}.json")
        assert " ".join(data["text"].split()).endswith(words)
        assert all(words not in point["text"] for point in _walk(data["points"]))


def test_lettered_recitals_keep_their_letters(structures_site: Path) -> None:
    letters = _expected(STRUCTURES)["recitals"]
    full = content(page(structures_site, "text/"))
    assert [el["id"] for el in full.select("div.recital")] == [f"r{x.lower()}" for x in letters]
    for letter in letters:
        soup = content(page(structures_site, f"recitals/{letter.lower()}/"))
        assert soup.find("h1").get_text(strip=True) == f"Recital {letter}"
        assert soup.select_one("a.pnum").get_text() == f"{letter}."
    data = _json(structures_site, "data/document.json")
    assert [r["letter"] for r in data["recitals"]] == letters
    assert [r["url"].rstrip("/").rsplit("/", 1)[1] for r in data["recitals"]] == [x.lower() for x in letters]


def test_footnote_markers_without_text_are_kept_and_say_so(structures_site: Path) -> None:
    missing = _expected(STRUCTURES)["footnotes_without_text"]
    full = content(page(structures_site, "text/"))
    for number in missing:
        assert full.select_one(f'a.footnote-ref[href="#fn:{number}"]') is not None
        note = full.find(id=f"fn:{number}")
        assert note.select_one(".fn-missing[data-edition-addition]") is not None
    notes = {n["number"]: n for n in _json(structures_site, "data/document.json")["footnotes"]}
    assert sorted(n for n, note in notes.items() if not note["available"]) == sorted(missing)


def test_cover_note_and_annex_keep_their_text_and_numbering(structures_site: Path) -> None:
    expected = _expected(STRUCTURES)
    source = (STRUCTURES / "document.md").read_text(encoding="utf-8")
    cover_text = source.split("\n---\n", 1)[1].split(f"# {expected['annex']}", 1)[0]
    blocks = [" ".join(b.split()) for b in cover_text.split("\n\n") if b.strip()]
    home = content(page(structures_site, ""))
    shown = [" ".join(p.get_text().split()) for p in home.select("#cover-note p.cover")]
    assert shown == blocks and len(shown) == expected["cover_blocks"]
    full = content(page(structures_site, "text/"))
    annex = full.find(id="annex")
    assert annex.get_text() == expected["annex"]
    assert annex.find_next("h1") is not None, "the annex heading stands before the conclusions' title"
    # The annex's own numbering: its first paragraph is paragraph 1, after the note's "1." and "2.".
    assert full.select_one("div.para")["id"] == "p1"


def test_missing_header_fields_are_never_invented(structures_site: Path) -> None:
    expected = _expected(STRUCTURES)
    data = _json(structures_site, "data/document.json")
    assert _validator("document.schema.json").is_valid(data)
    for field in expected["missing_header"]:
        assert data[{"document_id": "id"}.get(field, field)] is None
    for path in ("paragraphs/1/", "paragraphs/2/"):
        cite = content(page(structures_site, path)).select_one("[data-cite]")["data-cite"]
        assert "not given" not in cite and ", ," not in cite and not cite.endswith(", ")


def test_clauses_inside_points_are_in_the_json(structures_site: Path) -> None:
    # Whom each clause asks is checked against the hand reading for every document
    # (test_actors.py); here, that clauses inside points are in the JSON and on the page.
    _check_clauses(structures_site, _expected(STRUCTURES)["clauses"])


def test_verbs_in_another_language(francais_site: Path) -> None:
    _check_clauses(francais_site, _expected(FRANCAIS)["clauses"])
    verbs = content(page(francais_site, "verbs/"))
    assert verbs.find(id="reconnaît") is not None and verbs.find(id="prend-acte") is not None


def _check_clauses(site: Path, expected: dict[str, Any]) -> None:
    for number, clauses in expected.items():
        data = _json(site, f"data/paragraphs/{number}.json")
        assert _validator("paragraph.schema.json").is_valid(data)
        got = [[c["verb"]["name"], [a["id"] for a in c["addressees"]]] for c in data["clauses"]]
        assert got == clauses
        soup = content(page(site, f"paragraphs/{number}/"))
        for clause in data["clauses"]:
            assert soup.find(id=clause["anchor"]) is not None
