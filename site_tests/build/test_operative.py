"""`opening_runs`: the upper-case word runs that open a clause, in a table and on the paragraphs
of every document of the list (read from its document.md, with the forms its registries list)."""

from __future__ import annotations

import re

from conclusions.core.operative import opening_runs

from site_tests.support.documents import Built
from site_tests.support.source_text import conclusions_lines


def _paragraphs(doc: Built) -> list[tuple[int, str]]:
    """(number, inline text) of every numbered paragraph, read from document.md without the
    plugin's parser (points on their indented lines are joined as the model joins them)."""
    body = "\n".join(conclusions_lines((doc.source / "document.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]))
    found = []
    for block in re.split(r"\n\s*\n(?!\s)", body):
        match = re.match(r"(\d+)\.\s+(.*)", block.strip(), re.S)
        if match:
            lines = match.group(2).split("\n")
            points = [line for line in lines[1:] if line[:1].isspace()]
            text = " ".join(line for line in lines if line not in points)
            found.append((int(match.group(1)), "\n".join([text, *(_POINT.sub("", p.strip()) for p in points)])))
    return found


_POINT = re.compile(r"^(?:\((?:[a-z]|[ivxlc]+)\)|(?:[a-z]|[ivxlc]+)[.)]|\d+\.\d+\.?|[–—•-])\s+")


def _forms(doc: Built) -> list[str]:
    """Every upper-case form of every verb the document's registries list (its own and the shared
    ones). A lower-case form ("calls on") opens a clause after its sentence's subject, not as a
    run of capitals (test_lower_case_requests below)."""
    from site_tests.support.core import load_registries

    return [form for verb in load_registries(doc.source).verbs for form in verb.patterns if not form[:1].islower()]


def _upper_words(form: str) -> str:
    return " ".join(word for word in form.split() if word.isupper())


def test_the_reader_finds_every_paragraph(doc: Built) -> None:
    paragraphs = _paragraphs(doc)
    assert [number for number, _ in paragraphs] == [p.number for p in doc.model.paragraphs]
    assert [" ".join(text.split()) for _, text in paragraphs] == [
        " ".join(p.text.split()) for p in doc.model.paragraphs
    ]


def _opens(run_words: str, form: str) -> bool:
    """Whether a run is the upper-case words of `form` ("CALLS" of "CALLS upon"), or goes on
    past them in capitals ("NOTES WITH CONCERN" of "NOTES"), as the build accepts it."""
    words = _upper_words(form)
    return run_words == words or run_words.startswith(words + " ")


def test_every_run_is_a_listed_form(doc: Built) -> None:
    forms = _forms(doc)
    for number, text in _paragraphs(doc):
        for run in opening_runs(text):
            # The run opens with a listed form written here.
            assert any(_opens(run.words, form) and text.startswith(form, run.start) for form in forms), (
                f"paragraph {number}: {run.words!r} at {run.start} is not a listed form"
            )


def test_segments_opening_with_a_form_yield_it(doc: Built) -> None:
    forms = sorted(_forms(doc), key=len, reverse=True)
    for number, text in _paragraphs(doc):
        starts = {run.start: run for run in opening_runs(text)}
        offset = 0
        for segment in re.split(r"[;\n]", text):
            hits = [
                (m.start(), form) for form in forms for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", segment)
            ]
            if hits:
                # The first listed form in the segment opens it.
                position, form = min(hits)
                run = starts.get(offset + position)
                assert run is not None, f"paragraph {number}: no run for {form!r} in {segment.strip()[:60]!r}"
                assert _opens(run.words, form), (number, run.words, form)
            offset += len(segment) + 1
