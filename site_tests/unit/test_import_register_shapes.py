"""Shapes of register texts the importer once read out of order or not at all, each an invented
text of fixtures/import/ beside its hand reading (`<name>.expected.yml`):

- ST-15614-2026-INIT-en: recitals, then the first heading, then the lead-in: the lead-in stays
  under its heading (it was read above it, or left unplaced);
- ST-15615-2026-INIT-en: recitals lettered in lower case ("(a) Recalling ...") after the words
  under a first heading (they were left unplaced);
- ST-15616-2026-INIT-en: dash points after a bullet point with no ":" above them: under the
  bullet (they stood beside it); in a text, doubtful where the bullet's line ended;
- ST-16120-2026-INIT-en: a text as pdftotext's layout mode gives a register PDF (footers whose
  parts stand apart, a paragraph and a list split by page breaks, a footnote's Official Journal
  reference over two lines, an end mark): read whole, as it was before these changes;
- ST-16244-2026-INIT-en: paragraphs numbered in parts ("1.1", "2.1") under numbered headings:
  numbered 1, 2, 3, ... by the edition and shown as written (the text was refused).
Their drawn PDFs and their builds are in build/test_import_register_shapes.py. Only texts here,
no PDF and no build: the imports are shared by the module."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from conclusions.core.model import Document, Point
from conclusions.importer import ImportResult, import_document

from site_tests.support import yaml_data
from site_tests.support.core import parse_document
from site_tests.support.imported import IMPORT_FIXTURES, REGISTER_SHAPES, hand_read, imported

pytestmark = pytest.mark.unit

NAMES = tuple(name for name in REGISTER_SHAPES if "points" in hand_read(name)[1])
"""The texts whose hand reading gives each paragraph's points by position (the others give
their markers as written, checked on the built pages)."""


def _document(result: ImportResult, folder: Path) -> Document:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "document.md").write_text(result.document_md, encoding="utf-8")
    return parse_document(folder)


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[ImportResult, Document, dict[str, Any]]]:
    """Each text imported, its document.md read by the core, and its hand reading."""
    folder = tmp_path_factory.mktemp("shapes")
    out = {}
    for name in NAMES:
        result = imported(IMPORT_FIXTURES / name)
        out[name] = (result, _document(result, folder / name), hand_read(name)[1])
    return out


def _positions(points: tuple[Point, ...], prefix: str = "") -> list[str]:
    """Each point by its position ("2", and "2-1" for the first point under it)."""
    out = []
    for k, point in enumerate(points, start=1):
        here = f"{prefix}-{k}" if prefix else str(k)
        out += [here, *_positions(point.points, here)]
    return out


def _in_order(document_md: str, *blocks: str) -> bool:
    """Whether each of `blocks` opens a line of `document_md`, in this order."""
    lines = document_md.split("\n")
    at = [next(i for i, line in enumerate(lines) if line == block or line.startswith(block + " ")) for block in blocks]
    return at == sorted(at)


@pytest.mark.parametrize("name", NAMES)
def test_each_text_is_read_as_its_hand_reading_says(name: str, read: dict[str, Any]) -> None:
    result, document, expected = read[name]
    text = (IMPORT_FIXTURES / name).read_bytes()
    assert hashlib.sha256(text).hexdigest() == expected["original_sha256"][name]
    assert result.report.unplaced == ()
    assert [d.where for d in result.report.doubtful] == expected["doubtful"]
    assert document.header.document_id == expected["document_id"]
    assert len(document.paragraphs) == expected["paragraphs"]
    numbers = [str(n) for n in range(1, expected["paragraphs"] + 1)]
    assert [p.shown for p in document.paragraphs] == expected.get("written_numbers", numbers)
    assert [r.letter or r.number for r in document.recitals] == expected["recitals"]
    assert [s.heading for s in document.sections if not s.implicit] == expected["headings"]
    opening = {s.heading: list(s.opening_words) for s in document.sections if s.opening_words}
    assert opening == expected.get("opening_words", {})
    assert list(document.lead_in) == expected.get("lead_in", [])
    points = {p.number: _positions(p.points) for p in document.paragraphs if p.points}
    assert points == {int(n): wanted for n, wanted in expected["points"].items()}
    front = yaml_data.safe_load(result.document_md.split("---\n")[1])
    for field, value in expected["header"].items():
        assert str(front.get(field)) == str(value), field


def test_a_heading_after_the_recitals_keeps_the_lead_in_under_it(read: dict[str, Any]) -> None:
    result, document, expected = read["ST-15614-2026-INIT-en.txt"]
    heading, words = next(iter(expected["opening_words"].items()))
    assert _in_order(result.document_md, "- NOTING", f"## {heading}", words[0], "1. WELCOMES")
    # The heading stands after the recitals: it is not read before them.
    assert document.leading_section is None


@pytest.mark.parametrize("council", ["THE COUNCIL OF THE EUROPEAN UNION,", "THE COUNCIL OF THE EUROPEAN UNION"])
def test_the_words_under_a_heading_after_the_recitals_may_be_the_preamble_and_hereby(
    council: str, tmp_path: Path
) -> None:
    # A variant, invented as the fixture is: no preamble line above the recitals; under the
    # heading "THE COUNCIL OF THE EUROPEAN UNION," (or without its comma) and "HEREBY:", each a
    # block of its own.
    original = (IMPORT_FIXTURES / "ST-15614-2026-INIT-en.txt").read_text(encoding="utf-8")
    text = original.replace("coastal dunes\nTHE COUNCIL OF THE EUROPEAN UNION,\n", "coastal dunes\n").replace(
        "HEREBY ADOPTS THE FOLLOWING CONCLUSIONS:", f"{council}\nHEREBY:"
    )
    assert text != original
    path = tmp_path / "ST-15614-2026-INIT-en.txt"
    path.write_text(text, encoding="utf-8")
    result = import_document(path)
    assert result.report.unplaced == () and result.report.doubtful == ()
    document = _document(result, tmp_path / "source")
    assert len(document.recitals) == 3 and document.lead_in == ()
    assert document.sections[0].opening_words == (council, "HEREBY:")


def test_recitals_lettered_in_lower_case_keep_their_markers(read: dict[str, Any]) -> None:
    result, document, expected = read["ST-15615-2026-INIT-en.txt"]
    assert [r.marker for r in document.recitals] == expected["recital_markers"]
    assert [r.key for r in document.recitals] == [letter.lower() for letter in expected["recitals"]]
    assert _in_order(result.document_md, "## I. INTRODUCTION", *expected["recital_markers"], "HEREBY ADOPTS")


@pytest.mark.parametrize(
    ("marker", "after"),
    [
        ("{}) Recognising", "coastal"),  # "a)" after a heading's opening words
        ("({}) Recalling", "preamble"),  # "(a)" after a preamble, no heading
    ],
)
def test_other_lower_case_letterings_of_recitals(marker: str, after: str, tmp_path: Path) -> None:
    # Variants of the fixture, invented as it is.
    original = (IMPORT_FIXTURES / "ST-15615-2026-INIT-en.txt").read_text(encoding="utf-8")
    text = original
    for letter in "abc":
        text = text.replace(f"({letter}) ", marker.format(letter).split(" ")[0] + " ")
    if after == "preamble":
        text = text.replace("I. INTRODUCTION\n", "")
    path = tmp_path / "ST-15615-2026-INIT-en.txt"
    path.write_text(text, encoding="utf-8")
    result = import_document(path)
    assert result.report.unplaced == () and result.report.doubtful == ()
    document = _document(result, tmp_path / "source")
    assert [r.marker for r in document.recitals] == [marker.format(x).split(" ")[0] for x in "abc"]
    assert len(document.paragraphs) == 3


def test_points_lettered_under_a_paragraph_stay_points(tmp_path: Path) -> None:
    # "(a)" after a line that opens a list is a point, not a recital, even before any recital.
    original = (IMPORT_FIXTURES / "ST-15615-2026-INIT-en.txt").read_text(encoding="utf-8")
    text = original.replace(
        "3. INVITES the Commission to map the qualifications of care workers across the Union by 2028.",
        "3. INVITES the Commission to:\n(a) map the qualifications of care workers by 2028;\n"
        "(b) report on them by 2029.",
    )
    path = tmp_path / "ST-15615-2026-INIT-en.txt"
    path.write_text(text, encoding="utf-8")
    document = _document(import_document(path), tmp_path / "source")
    assert len(document.recitals) == 3
    assert [p.marker for p in document.paragraphs[-1].points] == ["(a)", "(b)"]


BULLETS = "ST-15616-2026-INIT-en.txt"
ENDED = (
    "• count reading in their reports on education, for each school,",
    "• count reading in their reports on education;",
)
"""A variant of the bullets' fixture, invented as it is: the bullet above the second dashes ends
its sentence (";"), so that the dashes may as well stand beside it."""


def test_a_dash_after_a_bullet_whose_line_ended_is_doubtful_in_a_text(tmp_path: Path) -> None:
    original = (IMPORT_FIXTURES / BULLETS).read_text(encoding="utf-8")
    path = tmp_path / BULLETS
    path.write_text(original.replace(*ENDED), encoding="utf-8")
    result = import_document(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    dashes = [n for n, line in enumerate(lines, start=1) if lines[n - 2] == ENDED[1]]
    assert [d.where for d in result.report.doubtful] == [f"line {n}" for n in dashes]
    assert result.report.text().startswith("Verdict: 1 line needs a decision")
    # Read under the bullet, as Word's next level, until a person says otherwise.
    assert result.document_md == imported(IMPORT_FIXTURES / BULLETS).document_md.replace(
        ENDED[0].replace("•", "   •"), ENDED[1].replace("•", "   •")
    )


def test_a_paragraph_split_by_a_page_break_and_a_footnote_over_two_lines_are_read_whole(
    read: dict[str, Any],
) -> None:
    _result, document, expected = read["ST-16120-2026-INIT-en.txt"]
    for number, parts in expected["joined"].items():
        assert " ".join(parts) in document.paragraph(int(number)).text
    for number, ending in expected["footnote_text"].items():
        assert document.footnotes[number].text.endswith(ending)
    cited = {n: f"r{r.number}" for r in document.recitals for n in r.footnotes}
    cited |= {n: f"p{p.number}" for p in document.paragraphs for n in p.footnotes}
    assert cited == expected["footnotes"]


PARTS = """---
title: Council conclusions on the security of undersea cables
---

## 1. CONTEXT

1.1 NOTES that undersea cables carry data;

1.2 RECALLS that cables were damaged;

## 2. ACTIONS

{third} CALLS ON the Member States to map the cables.
"""
"""A document.md written by hand (invented) whose paragraphs are numbered in parts."""


@pytest.mark.parametrize(
    ("third", "problem"), [("2.1", ""), ("2.2", "comes after paragraph 1.2"), ("1.4", "1.3 or 2.1")]
)
def test_paragraphs_numbered_in_parts_run_in_order(third: str, problem: str, tmp_path: Path) -> None:
    from conclusions.core.errors import SourceErrors

    (tmp_path / "document.md").write_text(PARTS.format(third=third), encoding="utf-8")
    if not problem:
        document = parse_document(tmp_path)
        assert [(p.number, p.shown, p.label) for p in document.paragraphs][-1] == (3, "2.1", "Paragraph 2.1")
        return
    with pytest.raises(SourceErrors) as refused:
        parse_document(tmp_path)
    assert problem in str(refused.value) and "document.md:13:" in str(refused.value)
