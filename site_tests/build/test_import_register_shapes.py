"""Register texts a new user brings, as they bring them: `conclusions new DIR --from TEXT_OR_PDF`,
then `mkdocs build --strict` in DIR. Each text is an invented one of fixtures/import/ (see
unit/test_import_register_shapes.py for what each is), read by hand in its `.expected.yml`,
and drawn by the tests as the register's PDF (`drawn:` in its hand reading):

- the text and its PDF import to the same document.md;
- a site made from the text builds, every word checked, and its full text reads in the
  original's order (a heading between the recitals and the lead-in stays between them; recitals
  lettered "(a)" keep their markers; a preamble in sentence case that leads in on its line stays
  before paragraph 1; points numbered after their paragraph, "2.1", show and are cited so); the
  PDF of the bullets builds too, its indentation read;
- where the import doubts (a dash after a bullet whose line ended, in a text), the build refuses
  at that line until a person records the check; where the PDF draws the dashes at the bullets'
  edge, they stand beside the bullets, with no doubt."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conclusions.cli import main
from conclusions.core.edition import build_edition
from conclusions.core.model import Document
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from site_tests.import_shapes import register_pdf
from site_tests.support.build import EPOCH, ROOT
from site_tests.support.html import content, page, place_in_text
from site_tests.support.imported import IMPORT_FIXTURES, REGISTER_SHAPES, hand_read

pytestmark = pytest.mark.build

NAMES = REGISTER_SHAPES
BULLETS = "ST-15616-2026-INIT-en.txt"


def _draw(text: str, expected: dict[str, Any], into: Path) -> Path:
    """The text drawn as the register's PDF, as its hand reading says."""
    assert expected["drawn"]["layout"] == "register"
    into.parent.mkdir(parents=True, exist_ok=True)
    # The PDF places a line's parts where they stand: the spaces pdftotext's layout mode puts
    # between them ("16120/26  AB/cd  2") are no text to draw; a line's indentation is.
    drawn = "\n".join(re.sub(r"(?<=\S) {2,}", " ", line) for line in text.split("\n"))
    into.write_bytes(register_pdf(drawn, int(expected["drawn"]["header_lines"]), str(expected["header"]["number"])))
    return into


def _new(site: Path, given: Path) -> Path:
    """`conclusions new site --from given`, as a new user runs it."""
    assert main(["new", str(site), "--from", str(given)]) == 0
    return site


def _build(site: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in the site's folder, as a new user runs it."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site, capture_output=True, text=True, env=env
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A site made and built from each text (each build must pass)."""
    root = tmp_path_factory.mktemp("register-shapes")
    made = {}
    for name in NAMES:
        site = _new(root / name.removesuffix(".txt"), IMPORT_FIXTURES / name)
        result = _build(site)
        assert result.returncode == 0, result.stderr[-3000:]
        made[name] = site
    return made


@pytest.mark.parametrize("name", NAMES)
def test_the_text_and_its_pdf_give_one_document(name: str, sites: dict[str, Path], tmp_path: Path) -> None:
    text, expected = hand_read(name)
    pdf = _draw(text, expected, tmp_path / "input" / name.replace(".txt", ".pdf"))
    site = _new(tmp_path / "site", pdf)
    document_md = "source/document.md"
    assert (site / document_md).read_text(encoding="utf-8") == (sites[name] / document_md).read_text(encoding="utf-8")
    record = yaml.safe_load((site / "source" / "import.yml").read_text(encoding="utf-8"))
    assert not record.get("unplaced") and not record.get("doubtful")
    if name == BULLETS:  # the PDF's indentation says where the dashes go: built with no decision left
        result = _build(site)
        assert result.returncode == 0, result.stderr[-3000:]


def _model(site: Path) -> Document:
    return build_edition(site / "source").document


@pytest.mark.parametrize("name", [n for n in NAMES if "order" in hand_read(n)[1]])
def test_the_full_text_reads_in_the_originals_order(name: str, sites: dict[str, Path]) -> None:
    expected = hand_read(name)[1]
    document = _model(sites[name])
    article = content(page(sites[name] / "site", "text/"))
    every = article.find_all(True)
    positions = [every.index(place_in_text(article, what, document)) for what in expected["order"]]
    assert positions == sorted(positions), "the full text reads as the original does"
    for heading in expected["headings"]:  # each heading once
        assert sum(t.get_text(" ", strip=True) == heading for t in article.find_all("h2")) == 1


def test_recitals_lettered_in_lower_case_show_their_markers(sites: dict[str, Path]) -> None:
    name = "ST-15615-2026-INIT-en.txt"
    expected = hand_read(name)[1]
    article = content(page(sites[name] / "site", "text/"))
    recitals = article.find(id="recitals")
    assert recitals is not None
    shown = recitals.get_text(" ", strip=True)
    at = [shown.index(marker) for marker in expected["recital_markers"]]
    assert at == sorted(at)
    for letter in expected["recitals"]:
        assert (sites[name] / "site" / "recitals" / letter.lower() / "index.html").is_file()
    data = json.loads((sites[name] / "site" / "data" / "document.json").read_text(encoding="utf-8"))
    assert [r["marker_as_written"] for r in data["recitals"]] == expected["recital_markers"]
    assert [r["letter"] for r in data["recitals"]] == expected["recitals"]
    # Named as written wherever a reader sees the name: its page's title, the JSON's label and
    # citation; its address keeps the letter ("/recitals/a/").
    assert [r["label"] for r in data["recitals"]] == expected["recital_labels"]
    for recital, label, pinpoint in zip(
        data["recitals"], expected["recital_labels"], expected["recital_pinpoints"], strict=True
    ):
        assert f", {pinpoint}, {recital['url']}" in recital["citation"]
        own = page(sites[name] / "site", f"recitals/{recital['letter'].lower()}/")
        title = own.find("title")
        assert title is not None and title.get_text().startswith(f"{label} – ")
        assert not re.search(rf"\bRecital {recital['letter']}\b", str(own))


def test_a_doubtful_dash_stops_the_build_until_a_person_has_checked_it(tmp_path: Path) -> None:
    # A variant of the bullets' text, invented as it is: the bullet above the second dashes ends
    # its sentence, so a text cannot say whether they stand under it or beside it.
    text = (IMPORT_FIXTURES / BULLETS).read_text(encoding="utf-8")
    ended = "• count reading in their reports on education;"
    variant = text.replace("• count reading in their reports on education, for each school,", ended)
    assert variant != text
    given = tmp_path / "input" / BULLETS
    given.parent.mkdir()
    given.write_text(variant, encoding="utf-8")
    site = _new(tmp_path / "site", given)
    dash = variant.split("\n").index(ended) + 2
    refused = _build(site)
    assert refused.returncode != 0
    assert f"line {dash}" in refused.stderr and not (site / "site" / "index.html").exists()
    record_path = site / "source" / "import.yml"
    record = yaml.safe_load(record_path.read_text(encoding="utf-8"))
    (doubt,) = record["doubtful"]
    assert doubt["where"] == f"line {dash}"
    checked = {"checked": [{"where": doubt["where"], "text": doubt["text"], "reason": "under the bullet, as printed"}]}
    record_path.write_text(
        record_path.read_text(encoding="utf-8") + yaml.safe_dump(checked, allow_unicode=True), encoding="utf-8"
    )
    result = _build(site)
    assert result.returncode == 0, result.stderr[-3000:]


def test_dashes_drawn_at_the_bullets_edge_stand_beside_them(tmp_path: Path) -> None:
    text, expected = hand_read(BULLETS)
    flat = "\n".join(line.lstrip(" ") for line in text.split("\n"))
    assert flat != text
    site = _new(tmp_path / "site", _draw(flat, expected, tmp_path / "input" / BULLETS.replace(".txt", ".pdf")))
    record = yaml.safe_load((site / "source" / "import.yml").read_text(encoding="utf-8"))
    assert not record.get("unplaced") and not record.get("doubtful")
    document = _model(site)
    markers = [point.marker for point in document.paragraphs[0].points]
    dashes = sum(line.lstrip().startswith("–") for line in text.split("\n"))
    bullets = sum(line.startswith("•") for line in text.split("\n"))
    assert len(markers) == bullets + dashes and all(not point.points for point in document.paragraphs[0].points)


def test_paragraphs_numbered_in_parts_are_shown_as_written(sites: dict[str, Path]) -> None:
    name = "ST-16244-2026-INIT-en.txt"
    expected = hand_read(name)[1]
    site = sites[name] / "site"
    data = json.loads((site / "data" / "document.json").read_text(encoding="utf-8"))
    assert [p["number_as_written"] for p in data["paragraphs"]] == expected["written_numbers"]
    assert [p["number"] for p in data["paragraphs"]] == list(range(1, expected["paragraphs"] + 1))
    article = content(page(site, "text/"))
    document = _model(sites[name])
    for paragraph, written in zip(document.paragraphs, expected["written_numbers"], strict=True):
        found = article.find(id=paragraph.anchor)
        assert found is not None and written in found.get_text(" ", strip=True).split()
        own = content(page(site, f"paragraphs/{paragraph.number}/"))
        heading = own.find("h1")
        assert heading is not None and heading.get_text(strip=True).endswith(f" {written}")


def _validator(name: str) -> Draft202012Validator:
    schemas = ROOT / "plugins" / "conclusions" / "schema"
    resources = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in schemas.glob("*.schema.json")}
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in resources.items())
    return Draft202012Validator(resources[name], registry=registry)


def test_the_data_of_each_site_validate_against_the_schemas(sites: dict[str, Path]) -> None:
    document_schema, paragraph_schema = _validator("document.schema.json"), _validator("paragraph.schema.json")
    for name, site in sites.items():
        data = site / "site" / "data"
        document = json.loads((data / "document.json").read_text(encoding="utf-8"))
        assert not list(document_schema.iter_errors(document)), name
        assert hand_read(name)[1]["header"].get("meeting_date") == document.get("meeting_date"), name
        for path in sorted((data / "paragraphs").glob("*.json")):
            assert not list(paragraph_schema.iter_errors(json.loads(path.read_text(encoding="utf-8")))), path


def test_points_numbered_after_their_paragraph_show_and_are_cited_so(sites: dict[str, Path]) -> None:
    name = "ST-16388-2026-INIT-en.txt"
    expected = hand_read(name)[1]
    document = _model(sites[name])
    article = content(page(sites[name] / "site", "text/"))
    for number, pinpoints in expected["point_pinpoints"].items():
        paragraph = article.find(id=document.paragraph(int(number)).anchor)
        assert paragraph is not None
        shown = [marker.get_text() for marker in paragraph.find_all(class_="point-marker")]
        assert shown == [marker.strip() for marker in expected["point_markers"][number]]
        assert [li["data-pinpoint"] for li in paragraph.find_all("li")] == pinpoints


def test_a_point_number_that_does_not_follow_stops_the_build_naming_it(tmp_path: Path) -> None:
    # A variant of the numbered points' text, invented as it is: "2.3" after "2.1" is no point the
    # import can place; the build refuses at its line and says why and what to do.
    text = (IMPORT_FIXTURES / "ST-16388-2026-INIT-en.txt").read_text(encoding="utf-8")
    variant = text.replace("2.2 INVITES", "2.3 INVITES")
    assert variant != text
    given = tmp_path / "input" / "ST-16388-2026-INIT-en.txt"
    given.parent.mkdir()
    given.write_text(variant, encoding="utf-8")
    refused = _build(_new(tmp_path / "site", given))
    line = variant.split("\n").index("2.3 INVITES the Commission to:") + 1
    assert refused.returncode != 0 and not (tmp_path / "site" / "site" / "index.html").exists()
    (said,) = [row for row in refused.stderr.split("\n") if f".txt:{line}:" in row]
    assert "numbered 2.3" in said and "not the next point of paragraph 2" in said and "document.md" in said
