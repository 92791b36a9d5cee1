"""A preamble written in sentence case straight after the title, in every language of the
importer's words (`conclusions/words/*.yml`, where its capitals form is listed): "The Council of
the European Union,", "The Council:", or the Council and the lead-in on one line ("The Council of
the European Union hereby adopts the following conclusions:"); and a lead-in in sentence case
after the recitals ("Hereby adopts the following conclusions:"). Each was left unplaced, so the
build refused the text. The invented text ST-16310-2026-INIT-en (fixtures/import/) is the one-line
form, read beside its hand reading; its build is in build/test_import_register_shapes.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conclusions.importer import import_document
from conclusions.importer.words import WORDS_DIR, words

from site_tests.support import yaml_data
from site_tests.support.core import parse_document
from site_tests.support.imported import IMPORT_FIXTURES, hand_read, imported, own_language_register_texts

pytestmark = pytest.mark.unit

NAME = "ST-16310-2026-INIT-en.txt"
LINE = "The Council of the European Union hereby adopts the following conclusions:"
"""The fixture's line after its title, as written there."""


def _words_files() -> dict[str, dict[str, Any]]:
    return {p.stem: yaml_data.safe_load(p.read_text("utf-8")) for p in sorted(WORDS_DIR.glob("*.yml"))}


def test_the_one_line_preamble_is_read_as_the_hand_reading_says(tmp_path: Path) -> None:
    text, expected = hand_read(NAME)
    assert LINE in text.split("\n")
    result = imported(IMPORT_FIXTURES / NAME)
    assert result.report.unplaced == () and result.report.doubtful == ()
    (tmp_path / "document.md").write_text(result.document_md, encoding="utf-8")
    document = parse_document(tmp_path)
    assert list(document.preamble) == expected["preamble"]
    assert list(document.lead_in) == expected["lead_in"]
    assert len(document.paragraphs) == expected["paragraphs"] and len(document.recitals) == len(expected["recitals"])
    assert document.header.document_id == expected["document_id"]


@pytest.mark.parametrize(
    "written",
    [
        "The Council:",
        "The Council adopts the following conclusions:",
        "The Council hereby approves the following conclusions:",
        "The Council of the European Union,",
    ],
)
def test_other_sentence_case_preambles_are_read(written: str, tmp_path: Path) -> None:
    # Variants of the fixture, invented as it is.
    text = hand_read(NAME)[0]
    path = tmp_path / NAME
    path.write_text(text.replace(LINE, written), encoding="utf-8")
    result = import_document(path)
    assert result.report.unplaced == () and result.report.doubtful == ()
    (tmp_path / "document.md").write_text(result.document_md, encoding="utf-8")
    document = parse_document(tmp_path)
    assert document.preamble == (written,) and len(document.paragraphs) == hand_read(NAME)[1]["paragraphs"]


def test_a_sentence_that_only_starts_with_the_council_is_no_preamble(tmp_path: Path) -> None:
    # The Council's name opening a sentence that does not lead in stays unplaced: no words lost
    # under a preamble they are not.
    text = hand_read(NAME)[0]
    path = tmp_path / NAME
    path.write_text(text.replace(LINE, "The Council met in Brussels."), encoding="utf-8")
    assert [line.text for line in import_document(path).report.unplaced] == ["The Council met in Brussels."]


@pytest.mark.parametrize("name", sorted(own_language_register_texts()))
def test_the_preamble_and_lead_in_in_sentence_case_in_each_language(name: str, tmp_path: Path) -> None:
    # Each language's register text (invented, fixtures/import/) with its preamble line and its
    # lead-in, in capitals there, written in sentence case: read as the capitals were.
    text, _ = hand_read(name)
    lines = text.split("\n")
    (preamble,) = [line for line in lines if words().preamble.match(line)]
    (lead_in,) = [line for line in lines if words().lead_ins.match(line)]
    changed = text
    for capitals in (preamble, lead_in):
        changed = changed.replace(capitals + "\n", capitals[:1] + capitals[1:].lower() + "\n")
    path = tmp_path / name
    path.write_text(changed, encoding="utf-8")
    result = import_document(path)
    assert result.report.unplaced == () and result.report.doubtful == ()
    before = imported(IMPORT_FIXTURES / name).document_md
    for capitals in (preamble, lead_in):
        assert capitals[:1] + capitals[1:].lower() in result.document_md.split("\n")
    assert result.document_md.lower() == before.lower()


@pytest.mark.parametrize(
    ("recitals", "lead_in"),
    [
        ("THE COUNCIL OF THE EUROPEAN UNION,\nRECALLING its conclusions on mountain areas;", "Hereby adopts"),
        ("The Council,\n(a) recalling its conclusions on mountain areas;\n(b) noting the erosion;", "hereby adopts"),
        (  # recitals in sentence case too, one wrapped, marked by the edition
            "The Council of the European Union,\nRecalling its conclusions of 3 May 2025 on the development of the"
            "\nmountain areas of the Union;\nNoting that footpaths erode faster where many walk;",
            "Hereby adopts",
        ),
    ],
)
def test_a_lead_in_in_sentence_case_after_the_recitals(recitals: str, lead_in: str, tmp_path: Path) -> None:
    # Variants of the fixture, invented as it is: recitals, then the lead-in in sentence case.
    written = f"{lead_in} the following conclusions:"
    path = tmp_path / NAME
    path.write_text(hand_read(NAME)[0].replace(LINE, f"{recitals}\n{written}"), encoding="utf-8")
    result = import_document(path)
    assert result.report.unplaced == () and result.report.doubtful == ()
    (tmp_path / "document.md").write_text(result.document_md, encoding="utf-8")
    document = parse_document(tmp_path)
    assert document.lead_in == (written,) and len(document.recitals) == recitals.count(";")


@pytest.mark.parametrize("language", sorted(_words_files()))
def test_the_council_and_its_lead_in_on_one_line_in_each_language(language: str) -> None:
    # Each language's words: its Council alone, then ":", or then each of its lead-ins, in
    # sentence case ("Le Conseil adopte les conclusions suivantes:").
    data = _words_files()[language]
    for short in data["preamble short"]:
        council = short[:1] + short[1:].lower()
        assert words().preamble_any_case.match(council + ":")
        for lead_in in data["lead-ins"]:
            assert words().preamble_any_case.match(f"{council} {lead_in.lower()}:"), (council, lead_in)
    for form in data["preamble"]:
        assert words().preamble_any_case.match(form[:1] + form[1:].lower() + ",")
