"""Section headings without a number, as the register prints them on their own lines: in
capitals ("INTRODUCTION" right after the title, "ACTIONS" between two paragraphs), and in
sentence case ("Strengthening resilience"), which the import reads but lists as doubtful.

Each case is the invented fixture fixtures/import/ST-6044-2026-INIT-en.txt, or a variant of it
made here; what a heading is, is read from its hand reading (ST-6044-2026-INIT-en.expected.yml).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.importer import ImportResult, import_document
from conclusions.importer.body import sentence_ended

from site_tests.support import yaml_data
from site_tests.support.imported import IMPORT_FIXTURES, hand_read, imported

pytestmark = pytest.mark.unit

FIXTURES = IMPORT_FIXTURES
NAME = "ST-6044-2026-INIT-en.txt"
TEXT, EXPECTED = hand_read(NAME)
READY = "Verdict: ready to publish"


def _variant(tmp_path: Path, old: str, new: str) -> tuple[ImportResult, str]:
    assert old in TEXT
    text = TEXT.replace(old, new)
    path = tmp_path / NAME
    path.write_text(text, encoding="utf-8")
    return import_document(path), text


def _headings(result: ImportResult) -> list[str]:
    return [line[3:] for line in result.document_md.splitlines() if line.startswith("## ")]


def _line(text: str, line: str) -> str:
    return f"line {text.splitlines().index(line) + 1}"


def test_headings_in_capitals_open_sections_and_the_import_is_ready() -> None:
    result = imported(FIXTURES / NAME)
    assert _headings(result) == EXPECTED["headings"]
    assert result.report.text().startswith(READY)
    assert result.report.unplaced == () and result.report.doubtful == ()
    # No heading is glued to the paragraph above it.
    paragraphs = [line for line in result.document_md.splitlines() if line[:1].isdigit()]
    assert not any(heading in paragraph for heading in EXPECTED["headings"] for paragraph in paragraphs)


def test_a_heading_in_another_script_is_a_heading_too(tmp_path: Path) -> None:
    result, _ = _variant(tmp_path, "\nINTRODUCTION\n", "\nΕΙΣΑΓΩΓΗ\n")
    assert _headings(result) == ["ΕΙΣΑΓΩΓΗ", *EXPECTED["headings"][1:]]
    assert result.report.text().startswith(READY)


def test_a_heading_in_sentence_case_is_read_and_listed_as_doubtful(tmp_path: Path) -> None:
    result, text = _variant(tmp_path, "\nACTIONS\n", "\nActions for rural youth\n")
    assert "Actions for rural youth" in _headings(result)
    assert [doubt.where for doubt in result.report.doubtful] == [_line(text, "Actions for rural youth")]
    assert not result.report.text().startswith(READY)


def test_a_heading_shaped_line_joined_to_a_paragraph_is_never_silent(tmp_path: Path) -> None:
    """A short line without a final stop after a sentence that ended, that opens nothing the
    reading knows (here before a heading, not a paragraph): joined to the paragraph above, and
    listed as doubtful with its line."""
    result, text = _variant(tmp_path, "\nACTIONS\n", "\nRural youth in the regions\nACTIONS\n")
    assert "regions. Rural youth in the regions" in result.document_md
    assert [doubt.where for doubt in result.report.doubtful] == [_line(text, "Rural youth in the regions")]
    assert not result.report.text().startswith(READY)


def test_a_line_in_capitals_after_a_title_in_capitals_stays_unplaced(tmp_path: Path) -> None:
    """After a title in capitals a line in capitals may be the title's last line: it is not
    read as a heading, and the import says so (unplaced), as before."""
    title = TEXT.split("\nANNEX\n")[1].split("\nINTRODUCTION\n")[0]  # its lines as the text wraps them
    result, text = _variant(tmp_path, f"ANNEX\n{title}\n", f"ANNEX\n{title.upper()}\n")
    assert "INTRODUCTION" not in _headings(result)
    assert [line.where.label() for line in result.report.unplaced] == [_line(text, "INTRODUCTION")]
    assert not result.report.text().startswith(READY)


UNMARKED = "ST-11402-2024-INIT-en.txt"
"""An invented text whose recitals have no dash or letter, each opened by a participle in capitals."""
PREAMBLE = "THE COUNCIL OF THE EUROPEAN UNION,\n"


def _without_preamble(tmp_path: Path, old: str = "", new: str = "") -> tuple[ImportResult, str]:
    text = (FIXTURES / UNMARKED).read_text(encoding="utf-8")
    assert PREAMBLE in text and old in text
    text = text.replace(PREAMBLE, "").replace(old, new)
    path = tmp_path / UNMARKED
    path.write_text(text, encoding="utf-8")
    return import_document(path), text


def test_recitals_straight_after_the_title_are_recitals(tmp_path: Path) -> None:
    """A text that leaves out the preamble line: its recital openers in capitals still open its
    recitals, and nothing else of the document changes."""
    whole = imported(FIXTURES / UNMARKED)
    result, _ = _without_preamble(tmp_path)
    expected = yaml_data.safe_load((FIXTURES / UNMARKED.replace(".txt", ".expected.yml")).read_text("utf-8"))
    assert result.report.recitals == len(expected["recitals"])
    assert result.document_md == whole.document_md.replace(PREAMBLE + "\n", "")
    assert result.report.text().startswith(READY)


def test_a_first_line_without_a_recital_opener_stays_unplaced(tmp_path: Path) -> None:
    """Straight after the title, a line not opened by a recital opener in capitals is no recital
    the import can be sure of: unplaced, and the import says so."""
    result, text = _without_preamble(tmp_path, "RECALLING its conclusions", "Recalling its conclusions")
    line = next(line for line in text.splitlines() if line.startswith("Recalling its conclusions"))
    assert [unplaced.where.label() for unplaced in result.report.unplaced] == [_line(text, line)]
    assert not result.report.text().startswith(READY)


def test_lettered_headings_in_sentence_case_open_sections(tmp_path: Path) -> None:
    """ "A. Introduction" right after the title, "B. Actions" between two paragraphs: a letter and
    a short title with no final stop straight before the next paragraph is a heading (before the
    first paragraph too, where a lettered recital would otherwise open)."""
    lettered = [
        f"{letter}. {heading.capitalize()}" for letter, heading in zip("ABC", EXPECTED["headings"], strict=True)
    ]
    text = TEXT
    for heading, new in zip(EXPECTED["headings"], lettered, strict=True):
        text = text.replace(f"\n{heading}\n", f"\n{new}\n")
    result, _ = _variant(tmp_path, TEXT, text)
    assert _headings(result) == lettered
    assert result.report.text().startswith(READY)
    assert result.report.recitals == 0


def test_headings_in_capitals_after_the_lead_in_and_after_a_semicolon(tmp_path: Path) -> None:
    """In a text with recitals: a heading in capitals between the lead-in ("HEREBY APPROVES ...:")
    and paragraph 1, and one of a word after a paragraph that ends with ";"."""
    text = (FIXTURES / UNMARKED).read_text(encoding="utf-8")
    numbered = ["I. State of the waterways", "II. Action"]
    assert all(f"\n{heading}\n" in text for heading in numbered)
    for heading in numbered:
        text = text.replace(f"\n{heading}\n", f"\n{heading.split('. ')[1].upper()}\n")
    path = tmp_path / UNMARKED
    path.write_text(text, encoding="utf-8")
    result = import_document(path)
    assert _headings(result) == [heading.split(". ")[1].upper() for heading in numbered]
    assert result.report.text().startswith(READY)
    assert result.report.recitals == imported(FIXTURES / UNMARKED).report.recitals


@pytest.mark.parametrize(
    ("line", "ended"),
    [
        ("and to report on it by 2027.", True),
        ("and to report on it by 2027.[^2]", True),
        ("in the decisions that shape their regions.”", True),
        ("the Member States;", True),
        ("in giving young people a voice in the", False),
        ("the Member States, in accordance with national circumstances, to:", False),
    ],
)
def test_a_sentence_ends_at_its_stop_whatever_follows_it(line: str, ended: bool) -> None:
    assert sentence_ended(line) is ended


def test_a_word_in_capitals_with_a_number_joined_to_a_paragraph_is_doubtful(tmp_path: Path) -> None:
    """ "COVID-19" alone on its line is no heading the import is sure of (a number in it): joined
    to the paragraph above, and listed as doubtful with its line."""
    result, text = _variant(tmp_path, "\nACTIONS\n", "\nCOVID-19\n")
    assert "COVID-19" not in _headings(result)
    assert [doubt.where for doubt in result.report.doubtful] == [_line(text, "COVID-19")]
    assert not result.report.text().startswith(READY)
