"""`opening_runs`: the upper-case word runs that open a clause, in a table and on the flagship."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conclusions.core.operative import Run, opening_runs

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"

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


def _paragraphs() -> list[tuple[str, str]]:
    """(number, inline text) of every numbered paragraph of the flagship's document.md."""
    body = (SOURCE / "document.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    found = []
    for block in body.split("\n\n"):
        match = re.match(r"(\d+)\.\s+(.*)", block.strip(), re.S)
        if match:
            found.append((match.group(1), " ".join(match.group(2).split("\n"))))
    return found


def _forms() -> list[str]:
    data = yaml.safe_load((SOURCE / "verbs.yml").read_text(encoding="utf-8"))
    return [form for verb in data["verbs"] for form in verb["forms"]]


def _upper_words(form: str) -> str:
    return " ".join(word for word in form.split() if word.isupper())


def test_flagship_paragraphs_exist() -> None:
    paragraphs = _paragraphs()
    assert [int(number) for number, _ in paragraphs] == list(range(1, len(paragraphs) + 1))
    assert len(paragraphs) > 10


@pytest.mark.parametrize(("number", "text"), _paragraphs())
def test_flagship_runs_are_listed_forms(number: str, text: str) -> None:
    forms = _forms()
    for run in opening_runs(text):
        # The run is a listed form, or the upper-case words of one that is written here
        # ("CALLS" of "CALLS upon").
        assert any(_upper_words(form) == run.words and text.startswith(form, run.start) for form in forms), (
            f"paragraph {number}: {run.words!r} at {run.start} is not a form of verbs.yml"
        )


@pytest.mark.parametrize(("number", "text"), _paragraphs())
def test_flagship_segments_opening_with_a_form_yield_it(number: str, text: str) -> None:
    forms = sorted(_forms(), key=len, reverse=True)
    starts = {run.start: run for run in opening_runs(text)}
    offset = 0
    for segment in re.split(r"[;\n]", text):
        hits = [(m.start(), form) for form in forms for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", segment)]
        if hits:
            # The first listed form in the segment opens it.
            position, form = min(hits)
            run = starts.get(offset + position)
            assert run is not None, f"paragraph {number}: no run for {form!r} in {segment.strip()[:60]!r}"
            assert run.words == _upper_words(form)
        offset += len(segment) + 1
