"""Verbs in sentence case at a paragraph's or a point's start: a text whose preamble names the body
speaking ("The Council of the European Union," ... "Hereby adopts the following conclusions:")
and whose paragraphs and points open with the verb alone, only its first letter capitalised
("1. Acknowledges that ...", "2.1 Invites the Commission to ..."), has the clauses and requests
its capitals form would have ("ACKNOWLEDGES", "INVITES the Commission"): the same verb, and the
addressees found the same way (core/operative.py, core/clauses.py, the importer's verb report).

The decision is the document's structure: the first words of an operative paragraph or point,
after a preamble whose first line names the speaker. The same word mid-sentence, or in a text
with no such preamble, opens nothing. The trial text (fixtures/import/ST-17102-2026-INIT-en.txt,
invented) is read by hand in its expected.yml; the sentences below are invented too."""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.core.clauses import split_clauses
from conclusions.core.edition import build_edition
from conclusions.core.mentions import Matcher
from conclusions.core.model import Paragraph, Point
from conclusions.core.operative import preamble_speaks
from conclusions.importer import import_document
from conclusions.importer.model import DraftParagraph, DraftPoint, Where
from conclusions.importer.verbs import find_sentence_case_verbs, shared_verbs

from site_tests.support.imported import IMPORT_FIXTURES, hand_read, imported
from site_tests.unit.entries import actor, paragraph, shared_verb_matcher

pytestmark = pytest.mark.unit

TRIAL = "ST-17102-2026-INIT-en.txt"

VERBS, BEFORE, NOT_AFTER = shared_verb_matcher()
ACTORS = Matcher(
    [
        actor("commission", "the Commission", "la Commission", "die Kommission"),
        actor("member-states", "the Member States", "les États membres", "die Mitgliedstaaten"),
    ],
    "actor",
)


def _source(text: str, folder: Path) -> Path:
    """`text` imported into `folder` as a site's source (document.md and its registries)."""
    path = folder / TRIAL
    path.write_text(text, encoding="utf-8")
    result = import_document(path)
    source = folder / "source"
    source.mkdir()
    (source / "document.md").write_text(result.document_md, encoding="utf-8")
    for name, content in result.registries.items():
        (source / name).write_text(content, encoding="utf-8")
    return source


def _clauses(source: Path) -> dict[int, list[list[object]]]:
    edition = build_edition(source)
    return {
        number: [[c.verb.name, [a.id for a in c.addressees]] for c in clauses]
        for number, clauses in edition.clauses.items()
        if clauses
    }


# -- the trial text ----------------------------------------------------------------------------


def test_the_import_report_names_the_verbs_read_by_hand() -> None:
    _, expected = hand_read(TRIAL)
    report = imported(IMPORT_FIXTURES / TRIAL).report
    found = {v.verb: [v.count, list(v.forms), v.request] for v in report.verbs}
    assert found == expected["verbs"]
    assert "none recognised" not in report.text()


def test_the_build_finds_the_clauses_and_addressees_read_by_hand(tmp_path: Path) -> None:
    text, expected = hand_read(TRIAL)
    assert _clauses(_source(text, tmp_path)) == expected["clauses"]


def test_the_same_text_in_capitals_has_the_same_clauses(tmp_path: Path) -> None:
    text, expected = hand_read(TRIAL)
    capitals = text
    for written in ("Acknowledges", "Encourages", "Invites", "Calls on"):
        capitals = capitals.replace(f" {written} ", f" {written.upper()} ")
    assert capitals != text
    assert _clauses(_source(capitals, tmp_path)) == expected["clauses"]


def test_without_the_preamble_naming_the_council_nothing_opens(tmp_path: Path) -> None:
    text, _ = hand_read(TRIAL)
    unnamed = text.replace("The Council of the European Union,\n", "")
    assert unnamed != text
    source = _source(unnamed, tmp_path)
    assert _clauses(source) == {}
    path = tmp_path / TRIAL
    assert import_document(path).report.verbs == ()


# -- the preamble ------------------------------------------------------------------------------

PREAMBLES = [
    (["The Council of the European Union,", "Recalling its conclusions;"], True),
    (["THE COUNCIL OF THE EUROPEAN UNION,"], True),
    (["The Council adopts the following conclusions:"], True),
    (["Le Conseil de l'Union européenne,"], True),
    (["LE CONSEIL DE L’UNION EUROPÉENNE,"], True),
    (["Der Rat der Europäischen Union —"], True),
    (["Il Consiglio dell'Unione europea,"], True),
    # No preamble, another body, a recital or prose in the first line: no speaker named.
    ([], False),
    (["The Commission,"], False),
    (["Recalling the Council Resolution on a European strategy for culture;"], False),
    (["The European Council met on 17 October 2024."], False),
    (["The Councillors of the region,"], False),
]


@pytest.mark.parametrize(("preamble", "speaks"), PREAMBLES, ids=[str(p)[:50] for p, _ in PREAMBLES])
def test_a_preamble_names_the_speaker_in_its_first_line(preamble: list[str], speaks: bool) -> None:
    assert preamble_speaks(preamble) is speaks


# -- where a sentence-case verb opens a clause ------------------------------------------------


def _with_points(opening: str, *points: str) -> Paragraph:
    """A paragraph of `opening` words and one point per item of `points`, as the parser joins them."""
    text = "\n".join([opening, *points])
    made: list[Point] = []
    start = len(opening) + 1
    for k, words in enumerate(points, start=1):
        made.append(Point(f"{k}.", str(k), start, start + len(words), 1))
        start += len(words) + 1
    return Paragraph(1, text, 1, points=tuple(made))


def _split(item: Paragraph, sentence_case: bool) -> list[tuple[str, list[str]]]:
    found = split_clauses(item, VERBS, ACTORS.find(item.text), NOT_AFTER, BEFORE, sentence_case=sentence_case)
    return [(c.verb.name, [a.id for a in c.addressees]) for c in found]


def test_a_verb_that_opens_the_paragraph_or_a_point_opens_a_clause() -> None:
    item = _with_points(
        "In this context, the Council:",
        "Acknowledges the report;",
        "Invites the Commission to act;",
        "Calls on the Member States to report.",
    )
    assert _split(item, True) == [("ACKNOWLEDGES", []), ("INVITES", ["commission"]), ("CALLS ON", ["member-states"])]
    written = split_clauses(item, VERBS, ACTORS.find(item.text), NOT_AFTER, BEFORE, sentence_case=True)
    # The clause shows the verb as written, and its anchor is the capitals form's.
    assert [(c.form, c.anchor) for c in written] == [
        ("Acknowledges", "acknowledges"),
        ("Invites", "invites"),
        ("Calls on", "calls-on"),
    ]


NEGATIVE = [
    # Mid-sentence, after ";" inside a paragraph, or after an opening phrase: prose.
    "The study Invites to Culture was published.",
    "Notes the report; Invites the Commission to act.",
    "In this context, Invites the Commission to act.",
    # Not the whole form, or not in sentence case.
    "Invitees of the Commission met.",
    "InVites the Commission to act.",
    # A passive request has its subject before it.
    "Is invited to act.",
]


@pytest.mark.parametrize("text", NEGATIVE, ids=[t[:40] for t in NEGATIVE])
def test_the_same_word_elsewhere_opens_nothing(text: str) -> None:
    names = [name for name, _ in _split(paragraph(text), True)]
    assert names == (["NOTES"] if text.startswith("Notes") else [])


def test_a_point_under_words_that_open_a_clause_is_part_of_it() -> None:
    # "Support", "Encourage": infinitives that the plural forms ("They support") also write.
    for opening in ("Invites the Commission to:", "INVITES the Commission to:"):
        item = _with_points(opening, "Support the libraries;", "Encourage reading.")
        assert _split(item, True) == [("INVITES", ["commission"])]
    # One level down too: the points under a point that opens a clause.
    text = "The Council:\nCalls on the Member States to:\nEncourage reading."
    inner = Point("i)", "a-i", text.index("Encourage"), len(text), 1)
    outer = Point("a)", "a", text.index("Calls"), text.index(":\nEnc") + 1, 1, points=(inner,))
    assert _split(Paragraph(2, text, 1, points=(outer,)), True) == [("CALLS ON", ["member-states"])]


def test_without_a_speaking_preamble_a_paragraph_start_is_prose() -> None:
    item = _with_points("Encourages the Member States to act:", "Invites the Commission to act.")
    assert _split(item, False) == []


def test_capitals_are_read_as_before_in_either_case() -> None:
    text = "ACKNOWLEDGES the report; INVITES the Commission to act."
    expected = [("ACKNOWLEDGES", []), ("INVITES", ["commission"])]
    assert _split(paragraph(text), True) == expected
    assert _split(paragraph(text), False) == expected


# -- French and German -------------------------------------------------------------------------


def test_french_and_german_forms_open_as_their_capitals_do() -> None:
    french = _with_points(
        "Dans ce contexte, le Conseil:",
        "Se félicite des progrès accomplis;",
        "Invite la Commission à soutenir les bibliothèques.",
    )
    assert _split(french, True) == [("SE FÉLICITE", []), ("INVITE", ["commission"])]
    capitals = _with_points(
        "Dans ce contexte, le Conseil:",
        "SE FÉLICITE des progrès accomplis;",
        "INVITE la Commission à soutenir les bibliothèques.",
    )
    assert _split(capitals, True) == _split(french, True)
    german = paragraph("Fordert die Mitgliedstaaten auf, Bibliotheken offen zu halten.")
    assert _split(german, True) == [("FORDERT AUF", ["member-states"])]
    assert _split(german, False) == []


def test_the_importer_reports_french_verbs_in_sentence_case() -> None:
    points = [DraftPoint("a)", "Invite la Commission à soutenir les bibliothèques;", Where(0, 2))]
    paragraphs = [
        DraftParagraph(1, "Se félicite des progrès accomplis;", Where(0, 1)),
        DraftParagraph(2, "Dans ce contexte:", Where(0, 2), points=points),
        DraftParagraph(3, "La Commission invite les États membres à agir.", Where(0, 3)),
    ]
    known = [*shared_verbs(), *shared_verbs(lower_case=True)]
    found = {v.verb: (v.count, v.forms) for v in find_sentence_case_verbs(paragraphs, ["Le Conseil,"], known)}
    assert found == {"INVITE": (1, ("Invite",)), "SE FÉLICITE": (1, ("Se félicite",))}
    # Points under words that open a clause are part of it, in capitals or in sentence case.
    under = [DraftPoint("a)", "Invite les bibliothèques à participer;", Where(0, 5))]
    request = [
        DraftParagraph(4, "INVITE la Commission à:", Where(0, 4), points=under),
        DraftParagraph(5, "Invite la Commission à:", Where(0, 6), points=under),
    ]
    found = {v.verb: (v.count, v.forms) for v in find_sentence_case_verbs(request, ["Le Conseil,"], known)}
    assert found == {"INVITE": (1, ("Invite",))}
    assert find_sentence_case_verbs(paragraphs, ["La Commission,"], known) == []
    assert find_sentence_case_verbs(paragraphs, [], known) == []
