"""Requests in prose (a European Council text): a lower-case verb form opens a clause only after
the subject of its sentence (core/operative.py, core/clauses.py), on paragraphs written here."""

from __future__ import annotations

import pytest
from conclusions.core.clauses import split_clauses
from conclusions.core.mentions import Matcher
from conclusions.core.operative import lower_case_opens

from site_tests.unit.entries import actor, paragraph, verb

VERBS = Matcher(
    [
        verb("CALLS ON", "CALLS ON", "calls on"),
        verb("INVITES", "INVITES", "invites"),
        verb("WELCOMES", "WELCOMES", "welcomes", request=False),
        verb("CALLS FOR", "CALLS FOR", "calls for"),
        verb("STRESSES", "STRESSES", "stresses", request=False),
        verb("SUPPORTS", "SUPPORTS", "supports", request=False),
    ],
    "verb",
)
ACTORS = Matcher(
    [actor("commission", "the Commission", "Commission"), actor("council", "the Council")],
    "actor",
)

OPENS = [
    # (text, the lower-case form, whether it opens a clause)
    ("The European Council calls on the Commission to act.", "calls on", True),
    ("It invites the Commission to act.", "invites", True),
    ("The European Council also invites the Council to act.", "invites", True),
    ("In this context, the European Council invites the Commission to act.", "invites", True),
    ("STRESSES that the Strategic Compass calls for action.", "calls for", False),
    ("The Union Civil Protection Mechanism supports training.", "supports", False),
    ("The Commission's proposal invites comments.", "invites", False),
    ("the European Council invites the Council to act.", "invites", False),
]


@pytest.mark.parametrize(("text", "form", "opens"), OPENS, ids=[t[:45] for t, _, _ in OPENS])
def test_a_lower_case_verb_opens_after_the_subject_of_its_sentence(text: str, form: str, opens: bool) -> None:
    assert lower_case_opens(text, text.index(form), after_clause=False) is opens


def test_and_carries_the_subject_to_a_second_verb() -> None:
    text = "The European Council welcomes the agreement and calls on the Council to adopt it."
    found = split_clauses(paragraph(text), VERBS, ACTORS.find(text), (), ("the", "all", "to"))
    assert [c.form for c in found] == ["welcomes", "calls on"]
    assert [[a.id for a in c.addressees] for c in found] == [[], ["council"]]


def test_a_clause_in_prose_starts_with_its_sentence() -> None:
    text = "The European Council welcomes the report. It invites the Commission to act."
    found = split_clauses(paragraph(text), VERBS, ACTORS.find(text), (), ("the", "all", "to"))
    assert [c.source for c in found] == [
        "The European Council welcomes the report. ",
        "It invites the Commission to act.",
    ]
    assert [a.id for a in found[1].addressees] == ["commission"]


def test_upper_case_verbs_are_unchanged_by_lower_case_forms() -> None:
    text = "STRESSES that the Strategic Compass calls for action; INVITES the Commission to act."
    found = split_clauses(paragraph(text), VERBS, ACTORS.find(text), (), ("the", "all", "to"))
    assert [c.form for c in found] == ["STRESSES", "INVITES"]
