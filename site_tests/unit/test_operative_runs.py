"""`opening_runs`: the upper-case word runs that open a clause, in a table and on the paragraphs
of every document of the list (read from its document.md, with the forms its registries list)."""

from __future__ import annotations

import pytest
from conclusions.core.operative import Run, opening_runs

# (text, the runs' words in order)
CASES = [
    ("ACKNOWLEDGES that space matters", ["ACKNOWLEDGES"]),
    ("NOTES the review; STRESSES the need", ["NOTES", "STRESSES"]),
    ("RECALLS that x; and REITERATES the importance", ["RECALLS", "REITERATES"]),
    ("RECALLS that x; thus STRESSES the importance", ["RECALLS", "STRESSES"]),
    ("RECOGNISES x; and thus WELCOMES the proposal", ["RECOGNISES", "WELCOMES"]),
    ("In this context, WELCOMES the Joint Communication", ["WELCOMES"]),
    ("WELCOMES the services, and, in this context, ENCOURAGES the Commission", ["WELCOMES", "ENCOURAGES"]),
    ("Drawing from Decision 2021/698 of 30 April 2021[^8], INVITES the High Representative", ["INVITES"]),
    ("x; to this end, CALLS upon the High Representative", ["CALLS"]),
    ("CALLS UPON the Single Intelligence Analysis Capacity (SIAC) to act", ["CALLS UPON"]),
    ("LOOKS FORWARD to the first report", ["LOOKS FORWARD"]),
    ("LOOKS FORWARD", ["LOOKS FORWARD"]),
    ("WELCOMES, in this context, the signing", ["WELCOMES"]),
    ("ENCOURAGES Member States and the EDA to act", ["ENCOURAGES"]),
    ("INVITES EU Member States to act", ["INVITES"]),
    ("ACKNOWLEDGES ESA's contribution", ["ACKNOWLEDGES"]),
    # Acronyms are capitals too; where they stand tells them apart.
    ("REITERATES the impact of direct-ascent ASAT (Anti-satellite) missile tests", ["REITERATES"]),
    ("ENCOURAGES close cooperation between EU and NATO staff", ["ENCOURAGES"]),
    ("EU and NATO cooperation; the strengthening of SIAC under the HR", []),
    ("NATO 2030 agenda", []),
    ("EU SatCen", []),
    ("ASKS", ["ASKS"]),
    ("CSDP-related missions; the EU", []),
    ("NOTES the role of the EEAS, NATO and the UN", ["NOTES"]),
    # Known limit of a rule by position: an acronym that opens a segment and is followed
    # by a lower-case word reads as a verb (the importer reports it as a new verb).
    ("the strengthening of SIAC; CSDP missions", ["CSDP"]),
    # Points: joined with "\n", markers ahead of the verb.
    ("On partnerships:\na. ENCOURAGES the Member States;\nb. INVITES the Commission to:", ["ENCOURAGES", "INVITES"]),
    ("On partnerships:\n(ii) SUPPORTS the plan\n– WELCOMES the idea\n• URGES all", ["SUPPORTS", "WELCOMES", "URGES"]),
    # Any EU language: str.isupper(), not [A-Z].
    ("RECONNAÎT l'importance; PREND ACTE de la proposition; SOULIGNE que", ["RECONNAÎT", "PREND ACTE", "SOULIGNE"]),
    ("BEGRÜSST die Mitteilung; und BETONT, dass", ["BEGRÜSST", "BETONT"]),
    ("PODKREŚLA znaczenie; ΥΠΕΝΘΥΜΙΖΕΙ ότι; ПРИЗОВАВА държавите", ["PODKREŚLA", "ΥΠΕΝΘΥΜΙΖΕΙ", "ПРИЗОВАВА"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_table(text: str, expected: list[str]) -> None:
    runs = opening_runs(text)
    assert [run.words for run in runs] == expected
    for run in runs:
        # The offsets span the run's words as written.
        assert " ".join(text[run.start : run.end].split()) == run.words


def test_run_is_frozen() -> None:
    run = Run(0, 5, "NOTES")
    with pytest.raises(AttributeError):
        run.start = 1  # type: ignore[misc]
