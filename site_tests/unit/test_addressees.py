"""Whom a request asks to act, in the phrasings Council texts use, with the shared registry alone.

Each case is a paragraph as a Council text writes it and the actors a person reads as asked
to act (ids of the shared registry). Actors named after "together with", "in close
coordination with" and the like are partners; a verb whose object is a thing asks no one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conclusions.core.edition import build_edition

CASES = [
    ("INVITES the Commission to report on progress.", ["commission"]),
    ("CALLS ON the Commission to act without delay.", ["commission"]),
    ("CALLS on the Member States to ratify the convention.", ["member-states"]),
    ("INVITES the Commission and the High Representative to report.", ["commission", "high-representative"]),
    ("ENCOURAGES Member States to share data on incidents.", ["member-states"]),
    ("URGES all Member States to ratify the convention.", ["member-states"]),
    (
        "RECOMMENDS to the Commission, together with the European Environment Agency, to define indicators.",
        ["commission"],
    ),
    (
        "ENCOURAGES the Member States, in close coordination with the Commission, to align their cycles.",
        ["member-states"],
    ),
    (
        "INVITES the High Representative, in cooperation with the Member States, to propose options.",
        ["high-representative"],
    ),
    ("ENCOURAGES the strengthening of the European Defence Agency to help.", []),
    ("NOTES that the Commission will report.", []),
    ("WELCOMES the report of the Commission; INVITES the Member States to follow it up.", ["member-states"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_who_is_asked_to_act(text: str, expected: list[str], tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "document.md").write_text(f"---\ntitle: Test conclusions\n---\n\n1. {text}\n", encoding="utf-8")
    edition = build_edition(source)
    asked = [actor.id for clause in edition.clauses[1] for actor in clause.addressees]
    assert asked == expected
