"""Operative clauses and whom they ask to act (core/clauses.py), on paragraphs written here.

A paragraph's text holds its points' words, each after a newline (as document_source joins
them), so the points are written that way here.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from conclusions.core.clauses import Clause, split_clauses
from conclusions.core.mentions import Matcher

from site_tests.unit.entries import actor, paragraph, verb

VERBS = Matcher(
    [
        verb("INVITES"),
        verb("CALLS ON", "CALLS ON", "CALLS upon"),
        verb("ENCOURAGES"),
        verb("RECOMMENDS"),
        verb("WELCOMES", request=False),
        verb("STRESSES", request=False),
        verb("LOOKS FORWARD", "LOOKS FORWARD to", request=False),
    ],
    "verb",
)
ACTORS = Matcher(
    [
        actor("commission", "the Commission", "Commission"),
        actor("member-states", "the Member States", "Member States"),
        actor("eeas", "the EEAS", "EEAS"),
        actor("high-representative", "the High Representative"),
    ],
    "actor",
)
NOT_AFTER = ("in close coordination with", "together with")
BEFORE = ("the", "all", "relevant", "its", "to")


def clauses(text: str) -> list[Clause]:
    p = paragraph(text)
    return split_clauses(p, VERBS, ACTORS.find(text), NOT_AFTER, BEFORE)


def spans(found: Sequence[Clause]) -> list[str]:
    return [c.source for c in found]


OPENINGS = [
    # (paragraph, each clause's text)
    ("WELCOMES the strategy.", ["WELCOMES the strategy."]),
    ("In this context, WELCOMES the strategy.", ["In this context, WELCOMES the strategy."]),
    (
        "STRESSES the need to act; INVITES the Commission to report.",
        ["STRESSES the need to act; ", "INVITES the Commission to report."],
    ),
    (
        "STRESSES the need to act, and in that regard INVITES the Commission to report.",
        ["STRESSES the need to act, and in that regard ", "INVITES the Commission to report."],
    ),
    (
        "Recalling its conclusions[^3], and in this context, ENCOURAGES the Member States to act.",
        ["Recalling its conclusions[^3], and in this context, ENCOURAGES the Member States to act."],
    ),
    ("LOOKS FORWARD to the review.", ["LOOKS FORWARD to the review."]),
]


@pytest.mark.parametrize(("text", "expected"), OPENINGS, ids=[t[:40] for t, _ in OPENINGS])
def test_a_clause_takes_in_the_opening_words_of_its_segment(text: str, expected: list[str]) -> None:
    found = clauses(text)
    assert spans(found) == expected
    assert found[0].start == 0 and found[-1].end == len(text), "the clauses cover the paragraph"
    assert [c.start for c in found[1:]] == [c.end for c in found[:-1]]


def test_verbs_inside_points_start_their_own_clauses_and_leave_the_opening_words_out() -> None:
    text = "On partnerships:\nCALLS ON the Member States to cooperate;\nENCOURAGES the EEAS to report."
    found = clauses(text)
    assert spans(found) == ["CALLS ON the Member States to cooperate;\n", "ENCOURAGES the EEAS to report."]
    assert found[0].start == text.index("CALLS"), "'On partnerships:' belongs to no clause"
    assert [c.form for c in found] == ["CALLS ON", "ENCOURAGES"]


def test_a_clause_runs_on_into_a_point_without_a_verb() -> None:
    text = "INVITES the Commission to:\npropose measures;\nreport by 2025."
    found = clauses(text)
    assert spans(found) == [text]
    assert [a.id for a in found[0].addressees] == ["commission"]


def test_two_clauses_of_one_verb_get_numbered_anchors() -> None:
    found = clauses("INVITES the Commission to act; INVITES the Member States to act; WELCOMES it.")
    assert [c.anchor for c in found] == ["invites", "invites-2", "welcomes"]
    assert [c.index for c in found] == [1, 2, 3]
    assert [c.text_anchor for c in found] == ["p1-invites", "p1-invites-2", "p1-welcomes"]


ADDRESSEES = [
    ("INVITES the Commission to act.", ["commission"]),
    ("INVITES the Commission and the Member States to act.", ["commission", "member-states"]),
    ("INVITES the Commission, the EEAS and the Member States to act.", ["commission", "eeas", "member-states"]),
    ("CALLS upon all Member States to act.", ["member-states"]),
    ("RECOMMENDS to the Commission to define a plan.", ["commission"]),
    ("INVITES the Commission, in close coordination with the EEAS, to act.", ["commission"]),
    ("INVITES the Commission together with the EEAS to act.", ["commission"]),
    ("ENCOURAGES the strengthening of the Commission to act.", []),
    ("INVITES the Commission.", []),
    ("WELCOMES the Commission's plan to act.", []),
    ("INVITES the Commission to act with the Member States to do more.", ["commission"]),
    ("INVITES the Commission and the Commission to act.", ["commission"]),
]


@pytest.mark.parametrize(("text", "expected"), ADDRESSEES, ids=[t[:50] for t, _ in ADDRESSEES])
def test_whom_a_request_asks_to_act(text: str, expected: list[str]) -> None:
    (clause,) = clauses(text)
    assert [a.id for a in clause.addressees] == expected


def test_addressees_are_looked_for_in_their_own_clause_only() -> None:
    first, second = clauses("INVITES the Commission to act; STRESSES that the Member States to act.")
    assert [a.id for a in first.addressees] == ["commission"]
    assert second.addressees == ()


def test_a_paragraph_without_a_verb_has_no_clause() -> None:
    assert clauses("The Council notes this.") == []
