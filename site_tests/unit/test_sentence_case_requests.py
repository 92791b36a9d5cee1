"""Operative clauses in sentence case ("The Council and the Representatives of the Governments of
the Member States invite ...", "They acknowledge ...", "The Agency is invited to ..."): a
lower-case form opens a clause only after a subject that names the body speaking, a passive
request only after a name, in the core (core/operative.py, core/clauses.py) and in the
importer's verb report (importer/verbs.py). Both sides are tested: the texts where a form opens
a clause and those where the same form is a word of another subject. The verb forms are the
shared registry's (registry/verbs.yml); the paragraphs are invented."""

from __future__ import annotations

import pytest
from conclusions.core.clauses import split_clauses
from conclusions.core.mentions import Matcher
from conclusions.core.operative import lower_case_opens, passive_opens, speakers
from conclusions.importer.model import DraftParagraph, Where
from conclusions.importer.verbs import find_prose_verbs, shared_verbs

from site_tests.unit.entries import actor, paragraph, shared_verb_matcher

VERBS, BEFORE, NOT_AFTER = shared_verb_matcher()
ACTORS = Matcher(
    [
        actor("commission", "the Commission", "Commission"),
        actor("council", "the Council", "Council"),
        actor("member-states", "Member States", "the Member States"),
        actor("agency", "the Agency", "Agency"),
    ],
    "actor",
)
JOINT = "The Council and the Representatives of the Governments of the Member States"

OPENS = [
    # (text, the lower-case form, whether it opens a clause)
    (f"{JOINT} recall that rural areas differ.", "recall", True),
    (f"{JOINT} invite the Member States to act.", "invite", True),
    ("They acknowledge the work of youth organisations.", "acknowledge", True),
    ("They also invite the Commission to act.", "invite", True),
    ("The Council invites the Commission to act.", "invites", True),
    ("In this context, the Council and the Member States invite the Commission to act.", "invite", True),
    # The same forms after another subject, or in running text: no clause.
    ("The report, which invites further study, is welcome.", "invites", False),
    ("The report invites further study.", "invites", False),
    ("Young people invite their peers to take part.", "invite", False),
    ("Local youth organisations recall the difficulties.", "recall", False),
    ("The Member States and the regions note the progress.", "note", False),
    ("the Council invites the Commission to act.", "invites", False),
    # French and German: the subject's words are data of the language too.
    ("Le Conseil et les représentants des gouvernements des États membres soulignent que X.", "soulignent", True),
    ("Le Conseil demande à la Commission de publier des orientations.", "demande", True),
    ("La Commission souligne que X.", "souligne", False),
    ("Der Rat ersucht die Kommission, Leitlinien zu veröffentlichen.", "ersucht", True),
    ("Der Rat und die Vertreter der Regierungen der Mitgliedstaaten betonen, dass X.", "betonen", True),
    ("Die Kommission betont, dass X.", "betont", False),
    # The Foreign Affairs Council speaks as the Union, in every language.
    ("The EU calls on all parties to ensure humanitarian access.", "calls on", True),
    ("The European Union reaffirms its partnership with the region.", "reaffirms", True),
    ("The EU budget supports the region.", "supports", False),
    ("L'UE invite toutes les parties à respecter le cessez-le-feu.", "invite", True),
    ("L’Union européenne réaffirme son partenariat.", "réaffirme", True),
    ("Die EU fordert alle Parteien auf, X.", "fordert", True),
    ("L'Unione europea invita tutte le parti a X.", "invita", True),
    ("La UE pide a todas las partes que X.", "pide", True),
]


@pytest.mark.parametrize(("text", "form", "opens"), OPENS, ids=[t[:50] for t, _, _ in OPENS])
def test_a_lower_case_verb_opens_after_a_speaking_subject(text: str, form: str, opens: bool) -> None:
    assert lower_case_opens(text, text.index(form), after_clause=False) is opens


PASSIVE = [
    ("The Agency is invited to share examples.", "is invited", True),
    ("Member States are invited to report.", "are invited", True),
    ("The Commission and the Member States are also encouraged to cooperate.", "are also encouraged", True),
    ("In this context, the Agency is called upon to act.", "is called upon", True),
    ("STRESSES the study, which is invited to conclude.", "is invited", False),
    ("The study that is invited by the Presidency will conclude.", "is invited", False),
    ("Every public is invited to comment.", "is invited", False),
    ("Les États membres sont invités à partager leurs pratiques.", "sont invités", True),
    ("Une étude qui est invitée à conclure.", "est invitée", False),
    ("Die Kommission wird ersucht, Leitlinien zu veröffentlichen.", "wird ersucht", True),
]


@pytest.mark.parametrize(("text", "form", "opens"), PASSIVE, ids=[t[:50] for t, _, _ in PASSIVE])
def test_a_passive_request_opens_after_a_name(text: str, form: str, opens: bool) -> None:
    assert passive_opens(text, text.index(form)) is opens


def _clauses(text: str) -> list[tuple[str, list[str]]]:
    found = split_clauses(paragraph(text), VERBS, ACTORS.find(text), NOT_AFTER, BEFORE)
    return [(c.verb.name, [a.id for a in c.addressees]) for c in found]


def test_a_joint_subject_asks_whom_its_plural_verb_names() -> None:
    text = f"{JOINT} invite the Member States, in accordance with national circumstances, to:\n– improve transport;"
    assert _clauses(text) == [("INVITES", ["member-states"])]


def test_they_carries_the_speaking_subject() -> None:
    text = "They acknowledge the work of youth organisations and invite the Commission to support it."
    assert _clauses(text) == [("ACKNOWLEDGES", []), ("INVITES", ["commission"])]


def test_the_subject_of_a_passive_request_is_whom_it_asks() -> None:
    text = "The Council welcomes the report. The Agency, in cooperation with the Commission, is invited to act."
    found = split_clauses(paragraph(text), VERBS, ACTORS.find(text), NOT_AFTER, BEFORE)
    assert [(c.verb.name, [a.id for a in c.addressees]) for c in found] == [("WELCOMES", []), ("INVITED", ["agency"])]
    assert found[1].source.startswith("The Agency")
    assert [c.anchor for c in found] == ["welcomes", "invited"]


def test_a_lower_case_verb_in_running_text_opens_nothing() -> None:
    text = "The Council recalls that the study, which invites further work, and the Agency support the aim."
    assert _clauses(text) == [("RECALLS", [])]


def test_an_infinitive_after_and_is_no_second_verb() -> None:
    text = f"{JOINT} recall the need to improve and support youth work, and welcome the report."
    assert [name for name, _ in _clauses(text)] == ["RECALLS", "WELCOMES"]


def test_upper_case_verbs_keep_their_clauses() -> None:
    text = (
        "STRESSES that the Agency is invited to act and that young people invite change; INVITES the Commission to act."
    )
    assert _clauses(text) == [("STRESSES", []), ("INVITES", ["commission"])]


def test_the_importer_reports_the_same_verbs() -> None:
    texts = [
        f"{JOINT} recall that rural areas differ.",
        "They acknowledge the work of the Forum, which invites young people to take part.",
        f"{JOINT} invite the Member States to act.",
        "The Agency is invited to share examples; the study that is invited by the Presidency concludes.",
    ]
    paragraphs = [DraftParagraph(n, text, Where(0, n)) for n, text in enumerate(texts, start=1)]
    found = {v.verb: (v.count, v.forms) for v in find_prose_verbs(paragraphs, shared_verbs(lower_case=True))}
    assert found == {
        "ACKNOWLEDGES": (1, ("acknowledge",)),
        "INVITED": (1, ("is invited",)),
        "INVITES": (1, ("invite",)),
        "RECALLS": (1, ("recall",)),
    }


def test_a_german_request_in_sentence_case_asks_whom_it_names() -> None:
    actors = Matcher([actor("commission", "die Kommission")], "actor")
    text = "Der Rat ersucht die Kommission, Leitlinien zu veröffentlichen."
    found = split_clauses(paragraph(text), VERBS, actors.find(text), NOT_AFTER, BEFORE)
    assert [(c.verb.name, [a.id for a in c.addressees]) for c in found] == [("ERSUCHT", ["commission"])]


def test_the_member_states_speak_in_a_text_of_their_representatives() -> None:
    text = "The Member States agree to review the progress made."
    joint = speakers(f"Conclusions of the {JOINT} meeting within the Council on youth work")
    assert joint == ("Member States",)
    assert lower_case_opens(text, text.index("agree"), False, joint)
    assert speakers("Council conclusions on youth work") == ()
    assert not lower_case_opens(text, text.index("agree"), False, speakers("Council conclusions on youth work"))


def test_a_french_passive_request_asks_its_subject() -> None:
    actors = Matcher([actor("member-states", "États membres"), actor("commission", "la Commission")], "actor")
    text = "Le Conseil salue le rapport. Les États membres sont invités à partager leurs pratiques."
    found = split_clauses(paragraph(text), VERBS, actors.find(text), NOT_AFTER, BEFORE)
    assert [(c.verb.name, [a.id for a in c.addressees]) for c in found] == [
        ("SALUE", []),
        ("EST INVITÉ", ["member-states"]),
    ]
