"""A German verb in second place: after an opening phrase, before its subject ("In diesem
Zusammenhang ersucht der Rat die Kommission, ..."), in capitals or in sentence case, opens its
clause and asks whom it names after the subject, never the subject itself (core/operative.py,
core/clauses.py, the importer's verb report). The subject after the verb is data of the language
(`subjects after the verb` in words/de.yml): only the nominative "der Rat", so that the Council
as an object ("ersucht den Rat") or another body as the subject opens nothing.

The fixture (fixtures/verb_second, an invented German text) is read by hand in its expected.yml;
the sentences below are invented too."""

from __future__ import annotations

import pytest
from conclusions.core.edition import build_edition
from conclusions.core.operative import opening_forms, opening_runs, subject_after
from conclusions.importer.model import DraftParagraph, Where
from conclusions.importer.verbs import find_prose_verbs, shared_verbs

from site_tests.support import yaml_data
from site_tests.support.build import FIXTURES

FIXTURE = FIXTURES / "verb_second"


def test_the_fixture_has_the_clauses_and_addressees_read_by_hand() -> None:
    expected = yaml_data.safe_load((FIXTURE / "expected.yml").read_text(encoding="utf-8"))["clauses"]
    edition = build_edition(FIXTURE)
    found = {
        number: [[c.verb.name, [a.id for a in c.addressees]] for c in clauses]
        for number, clauses in edition.clauses.items()
        if clauses
    }
    assert found == expected


LOWER_CASE = [
    # (sentence, the lower-case form, whether it opens a clause)
    ("In diesem Zusammenhang ersucht der Rat die Kommission, Leitlinien zu veröffentlichen.", "ersucht", True),
    ("Ferner betont der Rat, dass X.", "betont", True),
    ("Daher bekräftigt der Europäische Rat seine Zusagen.", "bekräftigt", True),
    ("In diesem Sinne betonen der Rat und die Vertreter der Regierungen der Mitgliedstaaten, dass X.", "betonen", True),
    # The Council as the object, another body as the subject, a subject that is not the whole word.
    ("In diesem Zusammenhang ersucht die Kommission den Rat, X zu prüfen.", "ersucht", False),
    ("In ihrem Bericht ersucht die Kommission den Rat um Unterstützung.", "ersucht", False),
    ("Wie im Bericht betont der Ratgeber, dass X.", "betont", False),
    ("Die Kommission betont, dass der Rat X prüft.", "betont", False),
    # Nothing before the verb: no verb in second place.
    ("betont der Rat, dass X.", "betont", False),
]


@pytest.mark.parametrize(("text", "form", "opens"), LOWER_CASE, ids=[t[:50] for t, _, _ in LOWER_CASE])
def test_a_lower_case_verb_in_second_place_opens_before_the_speaking_subject(text: str, form: str, opens: bool) -> None:
    assert opening_forms(text, [(text.index(form), form)]) == ([0] if opens else [])


UPPER_CASE = [
    ("In diesem Zusammenhang ERSUCHT der Rat die Kommission, X zu prüfen;", ["ERSUCHT"]),
    ("Vor dem Hintergrund steigender Meeresspiegel ERMUTIGT der Rat die Mitgliedstaaten, X;", ["ERMUTIGT"]),
    # The Council as the object; an acronym before a comma: no verb in second place.
    ("In diesem Zusammenhang ERSUCHT den Rat die Kommission, X;", []),
    ("Im Rahmen der OSZE, der Rat und die Kommission prüfen X;", []),
    # English and French: no subject after the verb is listed for them.
    ("In this context the Council INVITES the Council to act;", []),
    ("Dans ce contexte le Conseil INVITE le Conseil à agir;", []),
]


@pytest.mark.parametrize(("text", "runs"), UPPER_CASE, ids=[t[:50] for t, _ in UPPER_CASE])
def test_an_upper_case_run_in_second_place_is_an_opening_run(text: str, runs: list[str]) -> None:
    assert [r.words for r in opening_runs(text)] == runs


def test_the_subject_after_the_verb_is_the_longest_listed() -> None:
    text = "Ferner betonen der Rat und die Vertreter der Regierungen der Mitgliedstaaten, dass X."
    end = text.index("betonen") + len("betonen")
    assert (
        text[end : subject_after(text, end)].strip() == "der Rat und die Vertreter der Regierungen der Mitgliedstaaten"
    )
    assert subject_after("ersucht den Rat", len("ersucht")) == 0


def test_the_importer_reports_a_verb_in_second_place() -> None:
    texts = [
        "In diesem Zusammenhang ersucht der Rat die Kommission, Leitlinien zu veröffentlichen.",
        "In ihrem Bericht ersucht die Kommission den Rat um Unterstützung.",
    ]
    paragraphs = [DraftParagraph(n, text, Where(0, n)) for n, text in enumerate(texts, start=1)]
    found = {v.verb: (v.count, v.forms) for v in find_prose_verbs(paragraphs, shared_verbs(lower_case=True))}
    assert found == {"ERSUCHT": (1, ("ersucht",))}
