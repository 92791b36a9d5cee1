"""The build's fidelity check (core/fidelity.py), on small source folders written here: every word
of original/ is in document.md, or the build names the line; furniture only when recorded and of
a furniture form; differences only when accepted with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.core.errors import Problems
from conclusions.core.fidelity import check_document, swallowed
from conclusions.core.urls import AT_ROOT
from conclusions.reader.furniture import always, furniture_form, is_annex_to_annex

from site_tests.support.core import parse_document

FRONT = """---
institution: Council of the European Union
number: 9876/24
document_id: ST 9876/24
status: NOTE
from: Presidency
to: Council
subject: Council conclusions on wetlands
title: Council conclusions on wetlands
---

"""
BODY = """THE COUNCIL OF THE EUROPEAN UNION,

- RECALLING its conclusions of 12 June 2021[^1],

1. WELCOMES the cross-border work of the Member States;

2. INVITES the Commission to report.

[^1]: 9001/21.
"""
# The same text as the register prints it: header labels, wrapped lines, a line-end hyphen, a
# footnote marker glued to its year, the footnote at the page's bottom, a page footer.
ORIGINAL = """Council of the European Union
9876/24
NOTE
From: Presidency
To: Council
Subject: Council conclusions on wetlands
Council conclusions on wetlands
THE COUNCIL OF THE EUROPEAN UNION,
– RECALLING its conclusions of 12 June 20211,
1. WELCOMES the cross-
border work of the Member States;
2. INVITES the Commission to report.
1 9001/21.
9876/24 JK/lm 1
TREE.1.A EN
"""
RECORD = """input: text.txt
removed:
  - where: line 14
    text: 9876/24 JK/lm 1
  - where: line 15
    text: TREE.1.A EN
"""


def _problems(folder: Path, *, body: str = BODY, original: str = ORIGINAL, record: str = RECORD) -> list[str]:
    (folder / "original").mkdir(parents=True, exist_ok=True)
    (folder / "document.md").write_text(FRONT + body, encoding="utf-8")
    (folder / "original" / "text.txt").write_text(original, encoding="utf-8")
    (folder / "import.yml").write_text(record, encoding="utf-8")
    problems = Problems()
    check_document(folder, parse_document(folder), AT_ROOT, problems)
    return [str(error) for error in problems.errors]


def test_a_faithful_document_passes(tmp_path: Path) -> None:
    assert _problems(tmp_path) == []


def test_a_lost_word_names_its_line_and_the_page_where_it_belongs(tmp_path: Path) -> None:
    found = _problems(tmp_path, body=BODY.replace("the Commission to report", "the Commission report"))
    assert len(found) == 1
    assert found[0].startswith("source/original/text.txt:12: 'to'") or found[0].startswith(
        f"{tmp_path.name}/original/text.txt:12: 'to'"
    )
    assert "paragraph 2 (/paragraphs/2/)" in found[0]


def test_a_lost_last_word_of_a_paragraph_belongs_to_that_paragraph_not_to_the_heading_after_it(
    tmp_path: Path,
) -> None:
    original = ORIGINAL.replace("2. INVITES", "II. Recommendations\n2. INVITES")
    record = RECORD.replace("line 14", "line 15").replace("line 15\n    text: TREE", "line 16\n    text: TREE")
    body = BODY.replace("2. INVITES", "## II. Recommendations\n\n2. INVITES").replace("Member States;", "Member;")
    found = _problems(tmp_path, body=body, original=original, record=record)
    assert len(found) == 1 and "'States'" in found[0] and ":11:" in found[0]
    assert "paragraph 1 (/paragraphs/1/)" in found[0], found[0]


def test_a_lost_heading_of_the_original_stops_the_build(tmp_path: Path) -> None:
    original = ORIGINAL.replace("2. INVITES", "II. Recommendations\n2. INVITES")
    record = RECORD.replace("line 14", "line 15").replace("line 15\n    text: TREE", "line 16\n    text: TREE")
    found = _problems(tmp_path, original=original, record=record)
    assert len(found) == 1 and "'II Recommendations'" in found[0] and ":12:" in found[0]


def test_furniture_is_what_the_record_lists_with_a_furniture_form(tmp_path: Path) -> None:
    # Unrecorded, a footer's words are words of the text that document.md lacks.
    unrecorded = _problems(tmp_path, record="input: text.txt\nremoved: []\n")
    assert [p.split(": ", 2)[1] for p in unrecorded] == ["'9876 24 JK lm 1 TREE 1 A EN'"] or len(unrecorded) == 2
    # Recorded, a line of the text is not furniture: the record is at fault, and its words are checked.
    record = RECORD + "  - where: line 12\n    text: 2. INVITES the Commission to report.\n"
    found = _problems(tmp_path, record=record)
    assert any("import.yml:7" in p and "which it is not" in p for p in found)
    # A record that names a line the original does not hold there.
    wrong = _problems(tmp_path, record=RECORD.replace("line 14", "line 13"))
    assert any("but the original holds" in p for p in wrong)


def test_an_unplaced_line_stops_the_build_until_it_is_placed_or_accepted(tmp_path: Path) -> None:
    original = ORIGINAL.replace("1 9001/21.\n", "1 9001/21.\nStatement by the Commission: see the addendum.\n")
    record = (
        RECORD.replace("line 14", "line 15").replace("line 15\n    text: TREE", "line 16\n    text: TREE")
        + "unplaced:\n  - where: line 14\n    text: 'Statement by the Commission: see the addendum.'\n"
    )
    found = _problems(tmp_path, original=original, record=record)
    assert len(found) == 1 and ":14:" in found[0] and "left unplaced" in found[0]
    accepted = record + (
        "accepted:\n  - where: line 14\n    words: 'Statement by the Commission: see the addendum.'\n"
        "    reason: published as the addendum, not part of the conclusions\n"
    )
    assert _problems(tmp_path, original=original, record=accepted) == []
    no_reason = record + "accepted:\n  - where: line 14\n    words: Statement by the Commission\n"
    assert any("has no 'reason'" in p for p in _problems(tmp_path, original=original, record=no_reason))


def test_a_doubtful_line_stops_the_build_until_a_person_has_checked_it(tmp_path: Path) -> None:
    """Its words are on the site, so the words check cannot see a wrong place: the record's
    `doubtful:` entry is a problem at its own line of import.yml until `checked:` names it."""
    doubtful = "doubtful:\n  - where: line 11\n    text: border work of the Member States;\n    cause: joined\n"
    found = _problems(tmp_path, record=RECORD + doubtful)
    entry = len(RECORD.splitlines()) + 2
    assert len(found) == 1 and f"import.yml:{entry}:" in found[0] and "line 11" in found[0] and "'checked:'" in found[0]
    checked = "checked:\n  - where: line 11\n    text: border  work of the Member States;\n    reason: read, right\n"
    assert _problems(tmp_path, record=RECORD + doubtful + checked) == []
    # A check of another line, or of other words at that line, checks nothing.
    for other in (checked.replace("line 11", "line 10"), checked.replace("border", "order")):
        assert len(_problems(tmp_path, record=RECORD + doubtful + other)) == 1
    no_reason = "checked:\n  - where: line 11\n    text: border work of the Member States;\n"
    assert any("has no 'reason'" in p for p in _problems(tmp_path, record=RECORD + doubtful + no_reason))


def test_an_accepted_difference_that_is_no_difference_is_named(tmp_path: Path) -> None:
    record = RECORD + "accepted:\n  - where: line 12\n    words: INVITES\n    reason: a typo\n"
    found = _problems(tmp_path, record=record)
    assert len(found) == 1 and "is no difference" in found[0] and "import.yml:8" in found[0]


def test_labels_may_come_before_their_values(tmp_path: Path) -> None:
    # As a PDF of the European Council gives its cover page: the labels first.
    original = ORIGINAL.replace(
        "From: Presidency\nTo: Council\nSubject: Council conclusions on wetlands\n",
        "From:\nTo:\nSubject:\nPresidency\nCouncil\nCouncil conclusions on wetlands\n",
    )
    record = RECORD.replace("line 14", "line 17").replace("line 15\n    text: TREE", "line 18\n    text: TREE")
    assert _problems(tmp_path, original=original, record=record) == []


def test_a_header_field_that_took_in_the_body_is_a_fault(tmp_path: Path) -> None:
    long_subject = "Council conclusions on wetlands. " + "The Council welcomes the work of the Member States. " * 9
    original = ORIGINAL.replace("Subject: Council conclusions on wetlands", f"Subject: {long_subject.strip()}")
    body = BODY
    (tmp_path / "x").mkdir()
    front_text = FRONT.replace("subject: Council conclusions on wetlands", f"subject: {long_subject.strip()}")
    folder = tmp_path / "x"
    (folder / "original").mkdir()
    (folder / "document.md").write_text(front_text + body, encoding="utf-8")
    (folder / "original" / "text.txt").write_text(original, encoding="utf-8")
    (folder / "import.yml").write_text(RECORD, encoding="utf-8")
    problems = Problems()
    check_document(folder, parse_document(folder), AT_ROOT, problems)
    found = [str(e) for e in problems.errors]
    assert len(found) == 1 and "the subject ('subject')" in found[0] and "taken in text of the body" in found[0]
    (folder / "import.yml").write_text(RECORD + "accepted:\n  - where: subject\n    reason: the register's own\n")
    problems = Problems()
    check_document(folder, parse_document(folder), AT_ROOT, problems)
    assert problems.errors == []


def test_a_document_written_by_hand_is_not_checked(tmp_path: Path) -> None:
    (tmp_path / "document.md").write_text(FRONT + BODY, encoding="utf-8")
    problems = Problems()
    check_document(tmp_path, parse_document(tmp_path), AT_ROOT, problems)
    assert problems.errors == []


@pytest.mark.parametrize(
    ("original", "body"),
    [
        # A marker set apart in brackets, as EUR-Lex prints it.
        ("of 12 June 2021 ( 1 ),", "of 12 June 2021[^1],"),
        # A superscript digit from a PDF's text layer.
        ("of 12 June 2021¹,", "of 12 June 2021[^1],"),
    ],
)
def test_footnote_markers_glued_or_apart(tmp_path: Path, original: str, body: str) -> None:
    text = ORIGINAL.replace("of 12 June 20211,", original)
    assert _problems(tmp_path, original=text, body=BODY.replace("of 12 June 2021[^1],", body)) == []


def test_words_added_by_hand_are_no_difference(tmp_path: Path) -> None:
    # The check asks for the original's words: the edition may add its own (a note, a word),
    # and a paragraph's number after them is still the paragraph's, not a footnote's.
    body = (
        BODY.replace("of the Member States;", "of the Member States; zyxadded")
        .replace("[^1]: 9001/21.", "[^1]: 9001/21.\n[^2]: An editor's note.")
        .replace("report.", "report.[^2]")
    )
    assert _problems(tmp_path, body=body) == []


@pytest.mark.parametrize(
    ("line", "form"),
    [
        ("Gazzetta ufficiale dell'Unione europea", "journal"),
        ("Diario Oficial de la Unión Europea", "journal"),
        ("IT Serie C", "journal series"),
        ("GU C del 14.6.2024", "journal page head"),
        ("DO C de 14.6.2024", "journal page head"),
    ],
)
def test_the_journals_furniture_in_italian_and_spanish(line: str, form: str) -> None:
    assert always(line) == form


@pytest.mark.parametrize("line", ["ALLEGATO DELL'ALLEGATO", "ANEXO DEL ANEXO", "APÉNDICE", "Apéndice"])
def test_the_annex_to_the_annex_in_italian_and_spanish(line: str) -> None:
    assert is_annex_to_annex(line)


def test_the_italian_institutions_second_line_is_no_furniture() -> None:
    # The register's Italian cover: "Consiglio" / "dell'Unione europea".
    assert furniture_form("dell'Unione europea") is None


@pytest.mark.parametrize(
    ("value", "taken_in"),
    [
        # A German cover note: ordinals and dates are written with a full stop ("4127. Tagung").
        (
            "Die Delegationen erhalten in der Anlage die Schlussfolgerungen des Rates, die der Rat "
            "auf seiner 4127. Tagung vom 10. Dezember 2026 gebilligt hat.",
            False,
        ),
        ("Delegations will find attached the conclusions. They were approved on 4 December.", False),
        # Three sentences: the field has taken in the body's first words.
        ("Delegations will find attached the conclusions. THE COUNCIL, RECALLING its work; NOTES that; CALLS ON", True),
    ],
)
def test_a_field_has_taken_in_the_body_only_past_two_sentences(value: str, taken_in: bool) -> None:
    assert swallowed(value) is taken_in
